#include "fix/FastOrderSender.h"

#include <string_view>

#include "fix/WireConvert.h"

namespace bw::fix {

const char* fastSendResultName(FastSendResult r) noexcept {
  switch (r) {
    case FastSendResult::kSentPrebuilt: return "SENT_PREBUILT";
    case FastSendResult::kSentQuickFix: return "SENT_QUICKFIX";
    case FastSendResult::kNotSent: return "NOT_SENT";
    case FastSendResult::kUnencodable: return "UNENCODABLE";
  }
  return "UNKNOWN";
}

FastOrderSender::FastOrderSender(const FixEndpoint& endpoint, const InstrumentTable& instruments,
                                 InitiatorEvents& events, SentMessageStore* store)
    : instruments_(instruments),
      prebuilt_(!endpoint.fix42()),
      encoder_(endpoint.begin_string, endpoint.sender_comp_id, endpoint.target_comp_id, instruments),
      initiator_(endpoint, events, store) {}

FastSendResult FastOrderSender::send(const OrderRequest& request, std::int64_t utc_ns) noexcept {
  const bool encodable = request.action == OrderRequest::Action::kNew ||
                         request.action == OrderRequest::Action::kReplace ||
                         request.action == OrderRequest::Action::kCancel;
  if (!prebuilt_ || !encodable) return sendWithQuickFix(request);
  if (!initiator_.loggedOn()) return FastSendResult::kNotSent;
  const std::uint64_t seq = initiator_.nextSenderSeqNum();
  std::string_view bytes;
  if (encoder_.encode(request, seq, utc_ns, bytes) != OrderEncodeError::kOk) return FastSendResult::kUnencodable;
  return initiator_.sendPrebuilt(bytes.data(), bytes.size(), seq) ? FastSendResult::kSentPrebuilt
                                                                  : FastSendResult::kNotSent;
}

void FastOrderSender::warm(std::int64_t utc_ns) noexcept {
  if (!prebuilt_ || instruments_.size() == 0) return;
  OrderRequest dummy;
  dummy.action = OrderRequest::Action::kNew;
  dummy.id = 1;
  dummy.symbol = 0;
  dummy.limit = Price{100'000'000};
  dummy.qty = Qty{100'000'000};
  std::string_view bytes;
  (void)encoder_.encode(dummy, initiator_.nextSenderSeqNum(), utc_ns, bytes);  // a seq of 0 (no session): refused early
}

FastSendResult FastOrderSender::sendWithQuickFix(const OrderRequest& request) noexcept {
  WireOrder wire;
  if (!encodeOrder(request, instruments_, wire)) return FastSendResult::kUnencodable;
  return initiator_.send(wire) ? FastSendResult::kSentQuickFix : FastSendResult::kNotSent;
}

}  // namespace bw::fix
