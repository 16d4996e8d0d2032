#pragma once
// The feed's data-quality score, per symbol, 0-100, written into every tick (Tick::quality)
// on the feed thread; the engine hands it to the RiskGate, whose min_data_quality limit
// blocks entries on a symbol whose feed has degraded (DATA_QUALITY).
//
// Parts, each an event that costs its configured weight in points ([quality] in the config):
//   lag           receive - exchange time above a floor: the lowest such figure seen for
//                 the symbol, drifting up by 1/4096 of the difference per tick (the two
//                 clocks differ: the Binance captures read about -1.27 s raw, so the floor
//                 stands for clock offset + fastest path; the drift forgets one freak stamp
//                 or a clock step). Smoothed (EWMA, 1/8 per tick); each tick whose smoothed
//                 lag is above lag_threshold_ms costs lag_weight. Ticks without an exchange
//                 time (bookTicker, snapshots) or whose receive time went backwards are not
//                 judged. The lag goes into a histogram for the summary (p50, max). A feed
//                 that stays late for minutes ends up in the floor: with no common clock,
//                 a constant delay cannot be told from an offset.
//   gaps          trades: a trade id that skips past the previous one + 1; depth: an update
//                 whose first id U is past the previous update's u + 1 (after a snapshot, past
//                 its lastUpdateId + 1; updates the snapshot already covers are skipped).
//                 seq == 0 (the source gave none) is unknown and not judged.
//   out of order  receive time going backwards for the symbol; exchange time going backwards
//                 within trades or within depth updates; a trade id or depth id at or below
//                 the previous one.
//   outliers      a trade price outside mean +- max(outlier_band x MAD, mean x
//                 outlier_min_band_bps / 10000), where mean and MAD (mean absolute deviation)
//                 are rolling over outlier_window_trades (integer EWMAs, no floating point),
//                 judged once outlier_warmup_trades have been seen. An outlier enters the
//                 rolling figures clamped to the band edge, so a real level shift is absorbed
//                 within a few windows while one bad print barely moves them.
//   missing       lines refused as MISSING_FIELD / BAD_FIELD_TYPE name no symbol we can
//                 trust, so they are counted feed-wide (noteRefusedLines, from FeedStats) and
//                 their points lower every symbol's score.
//   stale         no tick of a symbol for stale_ms of market time (the newest receive time
//                 of any symbol). Held at stale_weight while it lasts; when the symbol ticks
//                 again the points move into the recovering penalty. Checked for one symbol
//                 per tick, round robin (so O(1) per tick), for the tick's own symbol on
//                 arrival, and for all of them by checkStale() from an idle loop.
//
// Score formula (integers only):
//   ns_per_point  = recovery_ms x 1e6 / 100
//   penalty       += weight x ns_per_point per event, capped at 100 points; it recovers
//                    one ns per ns of market time (so 100 points clear in recovery_ms, a
//                    10-point event in a tenth of it)
//   score         = 100 - ceil(symbol penalty) - ceil(feed-wide penalty) - (stale ? stale_weight : 0),
//                   clamped to [0, 100]
// A burst therefore shows at once and clears on its own once the feed is clean again.
//
// Feed thread only. observe() is O(1), allocates nothing, never throws; the per-symbol
// state (about 1 MiB with the lag histograms) is allocated once in the constructor.

#include <array>
#include <cstdint>
#include <memory>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "feed/FeedStats.h"

namespace bw::feed {

/// One symbol's score and its parts, for the replay summary. Cold path.
struct QualityParts {
  std::uint32_t score = 100;          ///< now
  std::uint32_t min_score = 100;      ///< lowest written into a tick
  std::uint64_t ticks = 0;            ///< ticks judged
  std::uint64_t lag_samples = 0;      ///< ticks with an exchange time
  std::int64_t lag_floor_ns = 0;      ///< raw receive - exchange floor now (clock offset + fastest path)
  std::uint64_t lag_p50_ns = 0;
  std::uint64_t lag_max_ns = 0;
  std::uint64_t lagged_ticks = 0;     ///< smoothed lag above the threshold
  std::uint64_t gaps = 0;
  std::uint64_t out_of_order = 0;
  std::uint64_t outliers = 0;
  std::uint64_t stale_periods = 0;
  std::uint64_t missing_fields = 0;   ///< feed-wide (every symbol shows the same count)
};

class DataQuality {
 public:
  /// `config` as validated by the config loader. Cold path (allocates the state).
  explicit DataQuality(const QualityConfig& config);

  /// Judges one tick and writes its symbol's score into tick.quality. A tick with an
  /// unknown symbol is left as it is. Feed thread; O(1); no allocation.
  void observe(Tick& tick) noexcept;

  /// The feed-wide count so far of lines refused for a missing field or a wrong field
  /// type (missingFieldLines of the stream's FeedStats): the increase costs every symbol.
  /// Feed thread; no allocation.
  void noteRefusedLines(std::uint64_t missing_field_lines) noexcept;

  /// Marks every symbol stale that has had no tick for stale_ms before `now_ns` (a wall
  /// clock from an idle loop, or market time). O(symbols seen). Feed thread.
  void checkStale(std::int64_t now_ns) noexcept;

  /// The symbol's score at the newest market time (100 for one never seen). Feed thread.
  [[nodiscard]] std::uint32_t score(SymbolId symbol) const noexcept;

  /// The symbol's parts. Feed thread, or any thread once the feed has stopped. Cold.
  [[nodiscard]] QualityParts parts(SymbolId symbol) const noexcept;

  /// Lines a FeedStats refused as MISSING_FIELD or BAD_FIELD_TYPE.
  [[nodiscard]] static std::uint64_t missingFieldLines(const FeedStats& stats) noexcept {
    return stats.by_kind[static_cast<std::size_t>(ParseError::kMissingField)] +
           stats.by_kind[static_cast<std::size_t>(ParseError::kBadFieldType)];
  }

 private:
  struct SymbolState {
    bool seen = false;
    bool stale = false;
    bool depth_from_snapshot = false;   // the next depth update is judged against a snapshot
    std::int64_t last_recv_ns = 0;      // newest receive time
    std::int64_t last_trade_exch_ns = 0;
    std::int64_t last_depth_exch_ns = 0;
    std::uint64_t last_trade_seq = 0;
    std::uint64_t last_depth_seq = 0;
    std::int64_t penalty_ns = 0;        // recovering penalty, in ns of recovery
    std::int64_t penalty_at_ns = 0;     // market time the penalty was last brought up to date
    std::int64_t lag_ewma_ns = 0;
    std::int64_t mean = 0;              // rolling trade price, raw 1e-8
    std::int64_t mad = 0;               // rolling mean absolute deviation, raw 1e-8
    std::uint64_t trades = 0;
    std::uint32_t min_score = 100;
    QualityParts counts;                // the event counters (score fields filled by parts())
    LatencyHistogram lag;
  };

  void addPenalty(std::int64_t& penalty_ns, std::uint64_t events, std::uint32_t weight) const noexcept;
  void recover(SymbolState& s, std::int64_t now_ns) const noexcept;
  void recoverFeed(std::int64_t now_ns) noexcept;
  void judgeSequence(SymbolState& s, const Tick& tick) const noexcept;
  void judgeTimes(SymbolState& s, const Tick& tick) const noexcept;
  void judgeOutlier(SymbolState& s, const Tick& tick) const noexcept;
  void markStaleIfSilent(SymbolState& s, std::int64_t now_ns) const noexcept;
  /// The score with the symbol's penalty recovered up to `now_ns` (market time).
  [[nodiscard]] std::uint32_t scoreOf(const SymbolState& s, std::int64_t now_ns) const noexcept;
  [[nodiscard]] std::int64_t points(std::int64_t penalty_ns) const noexcept {
    return (penalty_ns + ns_per_point_ - 1) / ns_per_point_;
  }

  QualityConfig config_;
  std::int64_t ns_per_point_;
  std::int64_t lag_threshold_ns_;
  std::int64_t stale_ns_;
  std::int64_t window_;                 // outlier window, trades
  std::unique_ptr<std::array<SymbolState, InstrumentTable::kCapacity>> symbols_;
  std::array<SymbolId, InstrumentTable::kCapacity> active_{};  // symbols seen, in order of first tick
  std::size_t active_count_ = 0;
  std::size_t stale_cursor_ = 0;        // round robin over active_
  std::int64_t feed_now_ns_ = 0;        // newest receive time of any tick
  std::int64_t feed_penalty_ns_ = 0;    // missing fields: every symbol
  std::int64_t feed_penalty_at_ns_ = 0;
  std::uint64_t missing_fields_ = 0;
};

}  // namespace bw::feed
