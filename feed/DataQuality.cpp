#include "feed/DataQuality.h"

#include <algorithm>
#include <stdexcept>

#include "core/FixedPoint.h"

namespace bw::feed {
namespace {

constexpr std::int64_t kMsNs = 1'000'000;
constexpr std::int64_t kFullScore = 100;
constexpr std::int64_t kLagEwmaDivisor = 8;  // smoothed lag follows the raw lag over ~8 ticks
constexpr std::int64_t kLagFloorDriftDivisor = 4'096;

}  // namespace

DataQuality::DataQuality(const QualityConfig& config)
    : config_(config),
      ns_per_point_(std::max<std::int64_t>(config.recovery_ms * kMsNs / kFullScore, 1)),
      lag_threshold_ns_(config.lag_threshold_ms * kMsNs),
      stale_ns_(config.stale_ms * kMsNs),
      window_(static_cast<std::int64_t>(config.outlier_window_trades)),
      symbols_(std::make_unique<std::array<SymbolState, InstrumentTable::kCapacity>>()) {
  if (config.recovery_ms <= 0 || config.stale_ms <= 0 || window_ <= 0) {
    throw std::invalid_argument("DataQuality: recovery_ms, stale_ms and outlier_window_trades must be > 0");
  }
}

void DataQuality::addPenalty(std::int64_t& penalty_ns, std::uint64_t events, std::uint32_t weight) const noexcept {
  if (events == 0 || weight == 0) return;
  const std::int64_t cap = kFullScore * ns_per_point_;
  // Capped before multiplying: a flood of events cannot overflow, and more than 100 points
  // would only make the recovery longer than recovery_ms.
  const std::int64_t n = static_cast<std::int64_t>(std::min<std::uint64_t>(events, 100));
  penalty_ns = std::min(cap, penalty_ns + n * static_cast<std::int64_t>(weight) * ns_per_point_);
}

void DataQuality::recover(SymbolState& s, std::int64_t now_ns) const noexcept {
  if (now_ns > s.penalty_at_ns) {
    s.penalty_ns = std::max<std::int64_t>(0, s.penalty_ns - (now_ns - s.penalty_at_ns));
    s.penalty_at_ns = now_ns;
  }
}

void DataQuality::recoverFeed(std::int64_t now_ns) noexcept {
  if (feed_penalty_at_ns_ == 0) {  // no market time yet: lines refused before the first tick wait for it
    feed_penalty_at_ns_ = now_ns;
    return;
  }
  if (now_ns > feed_penalty_at_ns_) {
    feed_penalty_ns_ = std::max<std::int64_t>(0, feed_penalty_ns_ - (now_ns - feed_penalty_at_ns_));
    feed_penalty_at_ns_ = now_ns;
  }
}

std::uint32_t DataQuality::scoreOf(const SymbolState& s, std::int64_t now_ns) const noexcept {
  const std::int64_t recovered = now_ns > s.penalty_at_ns ? now_ns - s.penalty_at_ns : 0;
  const std::int64_t penalty = std::max<std::int64_t>(0, s.penalty_ns - recovered);
  std::int64_t score = kFullScore - points(penalty) - points(feed_penalty_ns_);
  if (s.stale) score -= config_.stale_weight;
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(score, 0, kFullScore));
}

void DataQuality::judgeSequence(SymbolState& s, const Tick& tick) const noexcept {
  if (tick.seq == 0) return;  // the source gave no id: unknown, not judged
  std::uint64_t gaps = 0;
  std::uint64_t backwards = 0;
  switch (tick.kind) {
    case TickKind::kTrade:
      if (s.last_trade_seq != 0) {
        if (tick.seq > s.last_trade_seq + 1) ++gaps;
        if (tick.seq <= s.last_trade_seq) ++backwards;
      }
      s.last_trade_seq = std::max(s.last_trade_seq, tick.seq);
      break;
    case TickKind::kDepth:
      if (tick.first_seq == 0) break;
      if (s.depth_from_snapshot) {
        // Binance: drop updates with u <= lastUpdateId; the first kept one must have
        // U <= lastUpdateId + 1. Older updates are not a fault of the feed.
        if (tick.seq <= s.last_depth_seq) break;
        if (tick.first_seq > s.last_depth_seq + 1) ++gaps;
        s.depth_from_snapshot = false;
      } else if (s.last_depth_seq != 0) {
        if (tick.first_seq > s.last_depth_seq + 1) ++gaps;
        if (tick.seq <= s.last_depth_seq) ++backwards;
      }
      s.last_depth_seq = std::max(s.last_depth_seq, tick.seq);
      break;
    case TickKind::kSnapshot:
      // The stream may already be past the snapshot (Binance's REST snapshot can arrive
      // after the update that bridges it: BTCUSDT 20240808 line 8): continuity is the
      // stream's, so the snapshot never moves the expected id backwards.
      s.last_depth_seq = std::max(s.last_depth_seq, tick.seq);
      s.depth_from_snapshot = true;
      break;
    case TickKind::kQuote:
      break;  // bookTicker ids share the depth counter: not contiguous per stream
    case TickKind::kClock:
      break;  // the feed's own, made after this stage: never observed
  }
  s.counts.gaps += gaps;
  s.counts.out_of_order += backwards;
  std::int64_t& p = s.penalty_ns;
  addPenalty(p, gaps, config_.gap_weight);
  addPenalty(p, backwards, config_.out_of_order_weight);
}

void DataQuality::judgeTimes(SymbolState& s, const Tick& tick) const noexcept {
  std::uint64_t backwards = 0;
  const bool recv_backwards = tick.recv_ns < s.last_recv_ns;
  if (recv_backwards) ++backwards;
  std::int64_t* last_exch = tick.kind == TickKind::kTrade   ? &s.last_trade_exch_ns
                            : tick.kind == TickKind::kDepth ? &s.last_depth_exch_ns
                                                            : nullptr;
  if (last_exch != nullptr && tick.exch_ns != 0) {
    if (tick.exch_ns < *last_exch) ++backwards;
    *last_exch = std::max(*last_exch, tick.exch_ns);
  }
  s.counts.out_of_order += backwards;
  addPenalty(s.penalty_ns, backwards, config_.out_of_order_weight);

  // A receive stamp that went backwards is already an event and says nothing true about lag.
  if (tick.exch_ns != 0 && !recv_backwards) {
    // The receiver's clock is not the venue's: on the Binance captures receive - exchange
    // is about -1.27 s throughout (the recorder ran behind). So lag is measured above a
    // floor: the lowest raw figure (offset + fastest path), drifting up by 1/4096 of the
    // difference per tick so that one freak early stamp or a clock step is forgotten
    // within a few thousand ticks, while a feed that turns late shows at once.
    const std::int64_t raw = tick.recv_ns - tick.exch_ns;
    std::int64_t& floor = s.counts.lag_floor_ns;
    if (s.counts.lag_samples == 0 || raw < floor) {
      floor = raw;
    } else {
      floor += (raw - floor) / kLagFloorDriftDivisor;
    }
    const std::int64_t lag = raw - floor;
    s.lag.record(lag);
    ++s.counts.lag_samples;
    s.lag_ewma_ns += (lag - s.lag_ewma_ns) / kLagEwmaDivisor;
    if (s.lag_ewma_ns > lag_threshold_ns_) {
      ++s.counts.lagged_ticks;
      addPenalty(s.penalty_ns, 1, config_.lag_weight);
    }
  }
}

void DataQuality::judgeOutlier(SymbolState& s, const Tick& tick) const noexcept {
  if (tick.kind != TickKind::kTrade || tick.price.raw <= 0) return;
  std::int64_t price = tick.price.raw;
  if (s.trades == 0) {
    s.mean = price;
    s.mad = 0;
    ++s.trades;
    return;
  }
  if (s.trades >= config_.outlier_warmup_trades) {
    // Band half-width: k x MAD (k is x1e-8), floored at min_band_bps of the mean. 128-bit:
    // k up to 1000 x a price of 1e17 raw would overflow 64 bits.
    const Int128 by_mad = static_cast<Int128>(s.mad) * config_.outlier_band / kScale;
    const Int128 floor = static_cast<Int128>(s.mean) * config_.outlier_min_band_bps / 10'000;
    const std::int64_t band = static_cast<std::int64_t>(std::max(by_mad, floor));
    if (price > s.mean + band || price < s.mean - band) {
      ++s.counts.outliers;
      addPenalty(s.penalty_ns, 1, config_.outlier_weight);
      price = std::clamp(price, s.mean - band, s.mean + band);
    }
  }
  const std::int64_t deviation = absRaw(price - s.mean);
  s.mean += (price - s.mean) / window_;
  s.mad += (deviation - s.mad) / window_;
  ++s.trades;
}

void DataQuality::markStaleIfSilent(SymbolState& s, std::int64_t now_ns) const noexcept {
  if (!s.seen || s.stale || now_ns - s.last_recv_ns <= stale_ns_) return;
  s.stale = true;
  ++s.counts.stale_periods;
}

void DataQuality::observe(Tick& tick) noexcept {
  if (tick.symbol >= InstrumentTable::kCapacity) return;
  SymbolState& s = (*symbols_)[tick.symbol];
  if (!s.seen) {
    s.seen = true;
    s.last_recv_ns = tick.recv_ns;
    s.penalty_at_ns = tick.recv_ns;
    active_[active_count_++] = tick.symbol;
  }
  feed_now_ns_ = std::max(feed_now_ns_, tick.recv_ns);
  ++s.counts.ticks;

  // Silence before this tick: a stale period nobody caught (no idle check, no other
  // symbol ticking), or the end of one that was caught. Either way its points now recover.
  recover(s, tick.recv_ns);
  recoverFeed(feed_now_ns_);
  markStaleIfSilent(s, tick.recv_ns);
  if (s.stale) {
    s.stale = false;
    addPenalty(s.penalty_ns, 1, config_.stale_weight);
  }
  judgeSequence(s, tick);
  judgeTimes(s, tick);
  judgeOutlier(s, tick);
  s.last_recv_ns = std::max(s.last_recv_ns, tick.recv_ns);

  const std::uint32_t score = scoreOf(s, s.penalty_at_ns);
  s.min_score = std::min(s.min_score, score);
  tick.quality = static_cast<std::uint8_t>(score);

  // One other symbol per tick, round robin: every symbol is looked at within as many
  // ticks as there are symbols, at O(1) per tick.
  stale_cursor_ = stale_cursor_ + 1 < active_count_ ? stale_cursor_ + 1 : 0;
  markStaleIfSilent((*symbols_)[active_[stale_cursor_]], feed_now_ns_);
}

void DataQuality::noteRefusedLines(std::uint64_t missing_field_lines) noexcept {
  if (missing_field_lines <= missing_fields_) return;
  recoverFeed(feed_now_ns_);
  addPenalty(feed_penalty_ns_, missing_field_lines - missing_fields_, config_.missing_field_weight);
  missing_fields_ = missing_field_lines;
}

void DataQuality::checkStale(std::int64_t now_ns) noexcept {
  for (std::size_t i = 0; i < active_count_; ++i) markStaleIfSilent((*symbols_)[active_[i]], now_ns);
}

std::uint32_t DataQuality::score(SymbolId symbol) const noexcept {
  if (symbol >= InstrumentTable::kCapacity) return static_cast<std::uint32_t>(kFullScore);
  const SymbolState& s = (*symbols_)[symbol];
  if (!s.seen) return static_cast<std::uint32_t>(kFullScore);
  return scoreOf(s, feed_now_ns_);
}

QualityParts DataQuality::parts(SymbolId symbol) const noexcept {
  if (symbol >= InstrumentTable::kCapacity) return {};
  const SymbolState& s = (*symbols_)[symbol];
  QualityParts p = s.counts;
  p.score = score(symbol);
  p.min_score = s.min_score;
  p.lag_p50_ns = s.lag.percentile(0.5);
  p.lag_max_ns = s.lag.max();
  p.missing_fields = missing_fields_;
  return p;
}

}  // namespace bw::feed
