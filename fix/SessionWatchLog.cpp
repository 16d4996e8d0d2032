// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/SessionWatchLog.h"

#include <cstring>

namespace bw {
namespace fix {
namespace {

/// Raw text handed to onSessionRefused: the head of the message as it came off the socket.
class ReceivedText final : public RawFixText {
 public:
  ReceivedText(const char* head, std::size_t head_size, std::size_t full_size) noexcept
      : head_(head), head_size_(head_size), full_size_(full_size) {}

  std::size_t copyTo(char* dst, std::size_t capacity) const noexcept override {
    if (capacity == 0) return 0;
    const std::size_t n = head_size_ < capacity - 1 ? head_size_ : capacity - 1;
    for (std::size_t i = 0; i < n; ++i) dst[i] = head_[i] == '\001' ? '|' : head_[i];
    dst[n] = '\0';
    return full_size_;
  }

 private:
  const char* head_;
  std::size_t head_size_;
  std::size_t full_size_;
};

bool startsWith(const std::string& text, const char* prefix) noexcept {
  return text.compare(0, std::strlen(prefix), prefix) == 0;
}

/// "Message 7 Rejected: Required Tag Missing..." (Session::generateReject's event).
bool isRejectEvent(const std::string& text) noexcept {
  return startsWith(text, "Message ") && text.find(" Rejected: ") != std::string::npos;
}

}  // namespace

SessionWatchLog::~SessionWatchLog() {
  if (inner_ != nullptr) inner_factory_->destroy(inner_);
}

void SessionWatchLog::clear() {
  if (inner_ != nullptr) inner_->clear();
}

void SessionWatchLog::backup() {
  if (inner_ != nullptr) inner_->backup();
}

void SessionWatchLog::onIncoming(const std::string& message) {
  last_size_ = message.size();
  std::memcpy(last_incoming_, message.data(), last_size_ < kKeptBytes ? last_size_ : kKeptBytes);
  if (inner_ != nullptr) inner_->onIncoming(message);
}

void SessionWatchLog::onOutgoing(const std::string& message) {
  if (inner_ != nullptr) inner_->onOutgoing(message);
}

void SessionWatchLog::onEvent(const std::string& text) {
  if (inner_ != nullptr) inner_->onEvent(text);
  if (startsWith(text, "Invalid message")) {
    report(SessionRefusal::kInvalidMessage);
  } else if (isRejectEvent(text)) {
    report(SessionRefusal::kRejected);
  } else if (text == "Field not found") {
    report(SessionRefusal::kFieldNotFound);
  }
}

void SessionWatchLog::report(SessionRefusal refusal) noexcept {
  const std::size_t head = last_size_ < kKeptBytes ? last_size_ : kKeptBytes;
  events_.onSessionRefused(refusal, ReceivedText(last_incoming_, head, last_size_));
  last_size_ = 0;  // a second event about the same message reports no text
}

FIX::Log* SessionWatchLogFactory::create() { return inner_ != nullptr ? inner_->create() : new FIX::NullLog; }

FIX::Log* SessionWatchLogFactory::create(const FIX::SessionID& id) {
  return new SessionWatchLog(events_, inner_, inner_ != nullptr ? inner_->create(id) : nullptr);
}

void SessionWatchLogFactory::destroy(FIX::Log* log) {
  // The global log is the inner factory's own (or our NullLog); session logs are ours.
  if (dynamic_cast<SessionWatchLog*>(log) == nullptr && inner_ != nullptr) {
    inner_->destroy(log);
  } else {
    delete log;
  }
}

}  // namespace fix
}  // namespace bw
