#include "feed/MarketSimulator.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/Decimal.h"
#include "core/InstrumentTable.h"

namespace bw::feed {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::int64_t kNsPerSec = 1'000'000'000;

/// Integer draws from the raw mt19937_64 stream (its sequence is fixed by the standard;
/// the std distributions are not, across libraries).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  /// Uniform in [lo, hi] (hi - lo small against 2^64: the modulo bias is negligible).
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  /// True with probability 1/n.
  bool oneIn(std::uint64_t n) { return rng_() % n == 0; }

 private:
  std::mt19937_64 rng_;
};

class GzipWriter {
 public:
  explicit GzipWriter(const std::string& path) : path_(path) {
    file_ = gzopen(path.c_str(), "wb6");
    if (file_ == nullptr) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
  }
  ~GzipWriter() {
    if (file_ != nullptr) gzclose(file_);
  }
  GzipWriter(const GzipWriter&) = delete;
  GzipWriter& operator=(const GzipWriter&) = delete;

  void line(std::int64_t recv_ns, const std::string& json) {
    std::string text = std::to_string(recv_ns);
    text += ' ';
    text += json;
    text += '\n';
    if (gzwrite(file_, text.data(), static_cast<unsigned>(text.size())) != static_cast<int>(text.size())) {
      throw std::runtime_error(path_ + ": write failed");
    }
  }
  void close() {
    const int rc = gzclose(file_);
    file_ = nullptr;
    if (rc != Z_OK) throw std::runtime_error(path_ + ": close failed");
  }

 private:
  std::string path_;
  gzFile file_ = nullptr;
};

/// Appends to one line of JSON text; += only (GCC 12 misreports chained operator+ with
/// -Wrestrict).
class Json {
 public:
  Json& raw(std::string_view text) {
    text_ += text;
    return *this;
  }
  Json& num(std::int64_t v) {
    text_ += std::to_string(v);
    return *this;
  }
  Json& dec(std::int64_t raw_1e8) {  // a decimal string, as Binance sends prices
    text_ += '"';
    text_ += formatDecimal(raw_1e8);
    text_ += '"';
    return *this;
  }
  [[nodiscard]] const std::string& str() const noexcept { return text_; }

 private:
  std::string text_;
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return s;
}

/// The simulated market: price in whole ticks.
struct Market {
  std::int64_t price;        // last trade, ticks
  std::int64_t anchor;       // where the price reverts to, ticks
  std::int64_t noise;        // per-trade noise amplitude, ticks
  std::int64_t shock_min;    // shock size range, ticks
  std::int64_t shock_max;
};

}  // namespace

SimulatorStats writeSimulatedCapture(const std::string& path, const SimulatorConfig& config) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const SymbolId id = instruments.find(config.symbol);
  if (id == kNoSymbol) throw std::invalid_argument("simulator: unknown symbol '" + config.symbol + "'");
  if (config.seconds <= 0) throw std::invalid_argument("simulator: seconds must be positive");
  if (config.trades_per_second == 0) throw std::invalid_argument("simulator: trades_per_second must be positive");
  const Instrument& inst = instruments[id];
  const std::int64_t tick = inst.tick_size.raw;
  const std::int64_t lot = inst.lot_size.raw;

  std::int64_t start_ticks = config.start_price_ticks;
  if (start_ticks <= 0) start_ticks = (config.symbol == "BTCUSDT" ? 60'000 : 2'600) * kScale / tick;
  // Sizes in basis points of the start price, so both symbols move alike in relative terms.
  const std::int64_t bp = std::max<std::int64_t>(1, start_ticks / 10'000);
  Market m{start_ticks, start_ticks, bp * 3 / 2, bp * 6, bp * 14};

  Draw draw(config.seed);
  GzipWriter out(path);
  SimulatorStats stats;
  const std::string stream = lower(config.symbol);
  std::string sym = "\"s\":\"";
  sym += config.symbol;
  sym += '"';
  // Order sizes: 1 to ~0.05 BTC-equivalent worth of lots, skewed small.
  const std::int64_t max_lots = std::max<std::int64_t>(1, 5 * kScale / 100 * 60'000 / (start_ticks * tick / kScale) / lot);

  std::int64_t t_ns = config.start_ns;
  // One update-id space for the book, as on Binance: every bookTicker takes the next id, and
  // each depth event covers every id since the previous one (U = previous u + 1), so the
  // book stage and the data-quality monitor see an unbroken sequence.
  std::int64_t update_id = 1'000'000;
  std::int64_t last_depth_u = update_id;
  std::int64_t trade_id = 5'000'000;

  auto bookLevels = [&](Json& j, std::int64_t best, int dir) {
    j.raw("[");
    for (int i = 0; i < 5; ++i) {
      j.raw(i == 0 ? "[" : ",[").dec((best + dir * i) * tick).raw(",").dec(draw.uniform(1, 50 * max_lots) * lot).raw("]");
    }
    j.raw("]");
  };
  {
    // The REST snapshot first, as in the recorded 20240808 files, without the envelope.
    Json j;
    j.raw("{\"lastUpdateId\":").num(update_id).raw(",\"bids\":");
    bookLevels(j, m.price - 1, -1);
    j.raw(",\"asks\":");
    bookLevels(j, m.price, 1);
    out.line(t_ns, j.raw("}").str());
    ++stats.lines;
  }

  const std::int64_t end_ns = config.start_ns + config.seconds * kNsPerSec;
  const std::int64_t mean_gap_ns = kNsPerSec / config.trades_per_second;
  std::int64_t next_depth_ns = t_ns + 100 * kNsPerMs;
  std::int64_t last_recv_ns = t_ns;
  while (true) {
    t_ns += draw.uniform(1, 2 * mean_gap_ns);
    if (t_ns >= end_ns) break;
    // Anchor drifts slowly; price reverts 1/150 of the gap per trade, plus noise and shocks.
    if (draw.oneIn(50)) m.anchor += draw.uniform(-bp, bp);
    m.price += (m.anchor - m.price) / 150 + draw.uniform(-m.noise, m.noise);
    if (draw.oneIn(40ull * config.trades_per_second)) {
      m.price += (draw.oneIn(2) ? 1 : -1) * draw.uniform(m.shock_min, m.shock_max);
    }
    m.price = std::max<std::int64_t>(m.price, 1);
    const bool buyer_is_maker = draw.oneIn(2);
    const std::int64_t lots =
        1 + draw.uniform(0, max_lots) * draw.uniform(0, max_lots) / std::max<std::int64_t>(1, max_lots);
    const std::int64_t exch_ms = t_ns / kNsPerMs;
    // 0.5-3 ms wire and stack, but a capture is in receive order: never before the last line.
    const std::int64_t recv_ns = std::max(t_ns + draw.uniform(500'000, 3'000'000), last_recv_ns + 1'000);
    last_recv_ns = recv_ns + 2'000;  // the quote and depth lines below follow it
    Json trade;
    trade.raw("{\"stream\":\"").raw(stream).raw("@trade\",\"data\":{\"e\":\"trade\",\"E\":").num(exch_ms + 1);
    trade.raw(",").raw(sym).raw(",\"t\":").num(trade_id++).raw(",\"p\":").dec(m.price * tick);
    trade.raw(",\"q\":").dec(lots * lot).raw(",\"T\":").num(exch_ms).raw(",\"m\":");
    trade.raw(buyer_is_maker ? "true" : "false").raw(",\"M\":true}}");
    out.line(recv_ns, trade.str());
    ++stats.trades;
    // The print took one side of the book: the quote moves with it.
    const std::int64_t bid = buyer_is_maker ? m.price : m.price - 1;
    Json quote;
    quote.raw("{\"stream\":\"").raw(stream).raw("@bookTicker\",\"data\":{\"u\":").num(++update_id);
    quote.raw(",").raw(sym).raw(",\"b\":").dec(bid * tick).raw(",\"B\":").dec(draw.uniform(1, 20 * max_lots) * lot);
    quote.raw(",\"a\":").dec((bid + 1) * tick).raw(",\"A\":").dec(draw.uniform(1, 20 * max_lots) * lot).raw("}}");
    out.line(recv_ns + 1'000, quote.str());
    ++stats.quotes;
    if (t_ns >= next_depth_ns) {
      const std::int64_t first = last_depth_u + 1;
      update_id += 3;
      last_depth_u = update_id;
      Json depth;
      depth.raw("{\"stream\":\"").raw(stream).raw("@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":");
      depth.num(exch_ms).raw(",").raw(sym).raw(",\"U\":").num(first).raw(",\"u\":").num(update_id).raw(",\"b\":");
      bookLevels(depth, bid, -1);
      depth.raw(",\"a\":");
      bookLevels(depth, bid + 1, 1);
      out.line(recv_ns + 2'000, depth.raw("}}").str());
      ++stats.depth_updates;
      next_depth_ns = t_ns + 100 * kNsPerMs;
    }
    stats.lines += 2;
  }
  stats.lines += stats.depth_updates;
  out.close();
  return stats;
}

}  // namespace bw::feed
