#pragma once
// The order gateway's FIX session events (logon, logout with its reason, disconnect, logon
// attempts, resend requests either way, sequence resets, session rejects, TestRequest and
// heartbeat timeout) as SESSION lines in the journal: "fix <event> <detail>", e.g.
// "fix resend_request_received 7=2 16=0".
//
// Threads: the QuickFIX initiator thread calls it (never the order thread). Per call: a
// 64-byte copy and a lock-free enqueue, no allocation once that thread is attached (the
// first event attaches it: one allocation, on the session thread, at logon time).

#include <string_view>

#include "fix/SessionEventSink.h"
#include "pipeline/Journal.h"
#include "pipeline/JournalEvent.h"

namespace bw::pipeline {

class JournalSessionEvents final : public fix::SessionEventSink {
 public:
  /// `journal` must outlive the gateway's session.
  explicit JournalSessionEvents(Journal& journal) noexcept : journal_(journal) {}

  void onSessionEvent(fix::SessionEventKind kind, std::string_view text) noexcept override {
    if (!attached_) {
      attached_ = true;
      (void)journal_.attachThread("fix session");
    }
    JournalEvent e = JournalEvent::session(JournalEvent::wallNowNs(), "fix ");
    std::size_t n = 4;
    const auto put = [&](std::string_view s) {
      for (const char c : s) {
        if (n + 1 >= JournalEvent::kTextCapacity) return;
        e.text[n++] = c;
      }
    };
    put(fix::sessionEventName(kind));
    if (!text.empty()) {
      put(" ");
      put(text);
    }
    e.text[n] = '\0';
    (void)journal_.record(e);  // a full queue is counted by the journal (DROP line)
  }

 private:
  Journal& journal_;
  bool attached_ = false;  // QuickFIX thread only
};

}  // namespace bw::pipeline
