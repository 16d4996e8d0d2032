#pragma once
// Where a FIX session keeps the messages it sent, for a counterparty's ResendRequest.
// QuickFIX-free and C++14/C++20-clean: FastInitiator.cpp (C++14) puts it under QuickFIX's
// Session as a FIX::MessageStore; the sequence numbers stay in that adapter.
//
// Why an interface of our own: the fast send path (FastInitiator::sendPrebuilt) stores
// each order's bytes as they went out, and FIX::MessageStore::set takes a std::string
// (an allocation per order). A store behind this interface takes the bytes as they are:
// FixedSentStore (fixed slots, no allocation, memory) or MappedSentStore (a memory-mapped
// file that keeps the sequence numbers too: [fix] store = "file").
//
// Thread: the session's owner thread only (the thread that calls FastInitiator::poll).

#include <cstddef>
#include <cstdint>

namespace bw {
namespace fix {

class SentMessageStore {
 public:
  /// Keeps message `seq` (its complete bytes). False when it was not kept (too long for
  /// the store): a ResendRequest then gets a gap fill for it. No exception.
  virtual bool store(std::uint64_t seq, const char* bytes, std::size_t len) noexcept = 0;
  /// Copies message `seq` into `out` (capacity bytes) and returns its length, or 0 when it
  /// is not kept (never stored, overwritten, or longer than `capacity`).
  virtual std::size_t load(std::uint64_t seq, char* out, std::size_t capacity) const noexcept = 0;
  /// Forgets every message (the session reset its sequence numbers).
  virtual void clear() noexcept = 0;

  // Sequence numbers. A store that keeps them (MappedSentStore: a file that outlives the
  // process) answers the stored ones and takes every change; the default keeps none, and
  // the session's adapter keeps them in memory.
  /// The next sender / target MsgSeqNum kept, or 0 when this store keeps none.
  virtual int keptNextSenderSeqNum() const noexcept { return 0; }
  virtual int keptNextTargetSeqNum() const noexcept { return 0; }
  /// A new next sender / target MsgSeqNum, to keep. No allocation, no system call.
  virtual void keepNextSenderSeqNum(int seq) noexcept { (void)seq; }
  virtual void keepNextTargetSeqNum(int seq) noexcept { (void)seq; }

 protected:
  ~SentMessageStore() = default;
};

}  // namespace fix
}  // namespace bw
