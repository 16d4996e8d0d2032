// C++14 translation unit (QuickFIX headers).
#include "QuickFixStoreReference.h"

#include <quickfix/FileStore.h>
#include <quickfix/MessageStore.h>
#include <quickfix/SessionID.h>

namespace bw {
namespace bench {

struct QuickFixStoreReference::Impl {
  std::unique_ptr<FIX::MessageStoreFactory> factory;
  FIX::MessageStore* store = nullptr;
  std::string message;
};

QuickFixStoreReference::QuickFixStoreReference(Kind kind, const std::string& dir, const std::string& message)
    : impl_(new Impl) {
  if (kind == Kind::kFile) {
    impl_->factory.reset(new FIX::FileStoreFactory(dir));
  } else {
    impl_->factory.reset(new FIX::MemoryStoreFactory());
  }
  impl_->store = impl_->factory->create(FIX::SessionID("FIX.4.4", "BENCH", "REF"));
  impl_->message = message;
}

QuickFixStoreReference::~QuickFixStoreReference() { impl_->factory->destroy(impl_->store); }

bool QuickFixStoreReference::persist(int seq) {
  const bool ok = impl_->store->set(seq, impl_->message);
  impl_->store->incrNextSenderMsgSeqNum();
  return ok;
}

}  // namespace bench
}  // namespace bw
