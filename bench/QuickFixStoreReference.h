#pragma once
// QuickFIX 1.15's own message stores (MemoryStore, FileStore) behind a C++14 pimpl, so the
// C++20 store benchmark can time them beside MappedStoreFile::append in one run.

#include <cstddef>
#include <memory>
#include <string>

namespace bw {
namespace bench {

class QuickFixStoreReference {
 public:
  enum class Kind { kMemory, kFile };
  /// kFile: a FIX::FileStore under `dir` (created). Holds `message` as the std::string
  /// QuickFIX's Session already has when it calls set().
  QuickFixStoreReference(Kind kind, const std::string& dir, const std::string& message);
  ~QuickFixStoreReference();
  /// MessageStore::set(seq, message) then incrNextSenderMsgSeqNum(), as Session::persist does.
  bool persist(int seq);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bench
}  // namespace bw
