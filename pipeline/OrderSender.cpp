#include "pipeline/OrderSender.h"

namespace bw::pipeline {

void OrderSender::sendOne(const OrderRequest& req) noexcept {
  const bool is_new = req.action == OrderRequest::Action::kNew;
  if (is_new && kill_.tripped()) {
    ++counters_.stopped_by_kill;
    if (!refused_.tryPush(req.id)) ++counters_.send_failures;
    return;
  }
  if (!gateway_.send(req)) {
    ++counters_.send_failures;
    if (is_new && !refused_.tryPush(req.id)) ++counters_.send_failures;
    return;
  }
  is_new ? ++counters_.sent_new : ++counters_.sent_cancel;
  verdict_to_send_.record(clock_.toNs(TscClock::now() - req.verdict_tsc));
}

void OrderSender::run(const std::atomic<bool>& stop, IdleMode mode) {
  IdleStrategy idle(mode);
  OrderRequest req;
  for (;;) {
    if (orders_.tryPop(req)) {
      sendOne(req);
      idle.reset();
      continue;
    }
    // acquire pairs with the engine's release after its last push.
    if (stop.load(std::memory_order_acquire) && orders_.sizeApprox() == 0) return;
    idle.idle();
  }
}

}  // namespace bw::pipeline
