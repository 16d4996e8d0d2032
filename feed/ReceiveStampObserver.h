#pragma once
// Told a message's receive time before the message is parsed. A live socket's receive stamp
// is the wall clock read when the bytes arrived, so a time bar's boundary is known to have
// passed before the parse says what the message holds; the feed thread hands the engine its
// clock tick then (pipeline/FeedLoop.h), and a 64 KB depth diff's parse is no longer on
// the verdict's path.
//
// Feed thread only: called from inside TickStream::poll, which waits while it runs.

#include <cstdint>

namespace bw::feed {

class ReceiveStampObserver {
 public:
  /// `recv_ns`: the receive time of the message about to be parsed (it may yet be refused).
  virtual void onReceiveStamp(std::int64_t recv_ns) noexcept = 0;

 protected:
  ~ReceiveStampObserver() = default;  // never owned through this interface
};

}  // namespace bw::feed
