#pragma once
// What the fields of one JSON message said, before its kind is known: the meeting point of
// the two JSON readers (KnownShapeJson's one-pass reader and TickParser's simdjson walk),
// which both fill it, and of TickParser's build step, which turns it into a Tick. One
// struct for the combined-stream envelope, its "data" object and a bare object alike: the
// keys do not collide.

#include <cstdint>
#include <string_view>

namespace bw::feed {

/// The best level of one side as the message states it.
struct BestLevel {
  std::int64_t px = 0;
  std::int64_t qty = 0;
};

struct TickFields {
  std::string_view event;   // "e"
  std::string_view symbol;  // "s"
  bool has_event = false, has_symbol = false, has_price = false, has_qty = false, has_trade_time = false;
  bool has_event_time = false, has_maker = false, has_bid = false, has_ask = false, has_bid_qty = false;
  bool has_ask_qty = false, has_update_id = false, has_first_id = false, has_trade_id = false;
  bool bid_is_levels = false, ask_is_levels = false, has_data = false;
  bool has_last_update_id = false, has_bids = false, has_asks = false;
  bool buyer_is_maker = false;
  std::int64_t price = 0, qty = 0, bid_qty = 0, ask_qty = 0;
  BestLevel bid, ask;  // bookTicker: the quote; depth/snapshot: the message's best levels
  std::int64_t trade_ns = 0, event_ns = 0;
  std::uint64_t trade_id = 0, update_id = 0, first_id = 0, last_update_id = 0;
};

}  // namespace bw::feed
