// TickParser::parse per line kind (a recorded trade, bookTicker and depthUpdate line) and
// over every line of a real capture held in memory (../shared/data; skipped with a
// message when absent), next to bare simdjson iterate_many extracting the same fields from
// the same capture's JSON (issue 4's target: ours >= 80% of its messages/s, same run). Run: build/bin/bench/bench_tick_parser --benchmark_repetitions=10
//   --benchmark_report_aggregates_only=true --benchmark_out=F --benchmark_out_format=json

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/InstrumentTable.h"
#include "feed/LineReader.h"
#include "feed/TickParser.h"

#include <simdjson.h>

namespace bw::feed {
namespace {

// Lines in the recorded captures' format (../shared/data/README.md), with its example values.
constexpr std::string_view kTrade =
    R"(1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}})";
constexpr std::string_view kQuote =
    R"(1723161254087891268 {"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}})";
constexpr std::string_view kDepth =
    R"(1723161254036059768 {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255308,"s":"BTCUSDT","U":50093239203,"u":50093239207,"b":[["55653.87000000","0.00000000"]],"a":[["61838.04000000","0.32332000"],["61844.30000000","0.40163000"],["61862.50000000","0.05019000"],["61862.51000000","0.00000000"]]}})";

/// A line copied into a buffer with the padding simdjson needs.
std::string padded(std::string_view line) {
  std::string s(line);
  s.append(TickParser::kPadding, ' ');
  return s;
}

void parseOne(benchmark::State& state, std::string_view line) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  TickParser parser(instruments);
  parser.reserve(4096);
  const std::string buffer = padded(line);
  const std::string_view view(buffer.data(), line.size());
  Tick tick;
  for (auto _ : state) {
    const ParseResult r = parser.parse(view, tick);
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(tick);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(line.size()));
}

void BM_ParseTrade(benchmark::State& state) { parseOne(state, kTrade); }
void BM_ParseBookTicker(benchmark::State& state) { parseOne(state, kQuote); }
void BM_ParseDepthUpdate(benchmark::State& state) { parseOne(state, kDepth); }
BENCHMARK(BM_ParseTrade);
BENCHMARK(BM_ParseBookTicker);
BENCHMARK(BM_ParseDepthUpdate);

/// A real capture held in memory as the capture reader holds it: the lines back to back in
/// one buffer (each line's padding is the text after it; the buffer ends with kPadding
/// bytes), and the same JSON with the `<ns> ` prefixes stripped, newline-separated in one
/// padded buffer for iterate_many. Both read contiguous memory, as both would in a replay.
struct Capture {
  std::string text;                     // every line + '\n', then kPadding bytes
  std::vector<std::string_view> lines;  // into text
  std::string json;                // the JSON documents, one per line
  std::size_t json_bytes = 0;      // both benchmarks count these bytes (not the prefixes)
  bool ok = false;
};

const Capture& capture() {
  static const Capture c = [] {
    Capture out;
    const std::string path = std::string(BW_DATA_DIR) + "/binance-spot-btcusdt-20240808.jsonl.gz";
    if (!std::filesystem::exists(path)) return out;
    LineReader reader(path, TickParser::kPadding);
    std::string_view line;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    while (reader.next(line)) {
      spans.emplace_back(out.text.size(), line.size());
      out.text += line;
      out.text += '\n';
      const std::string_view json = line.substr(line.find(' ') + 1);
      out.json += json;
      out.json += '\n';
      out.json_bytes += json.size();
    }
    out.text.append(TickParser::kPadding, ' ');
    for (const auto& [at, size] : spans) out.lines.emplace_back(out.text.data() + at, size);
    out.ok = true;
    return out;
  }();
  return c;
}

/// Ours: TickParser::parse per line (JSON + decimal-to-integer conversion + symbol lookup
/// + level copy). items/s = messages/s. BM_ParseRealCapture is the parser as the replay
/// runs it (known shapes read in one pass, the rest by simdjson);
/// BM_ParseRealCaptureSimdjsonOnly sends every line through the simdjson walk.
void parseRealCapture(benchmark::State& state, TickParser::KnownShapes known_shapes) {
  const Capture& c = capture();
  if (!c.ok) {
    state.SkipWithError("no ../shared/data beside the checkout");
    return;
  }
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  TickParser parser(instruments, known_shapes);
  parser.reserve(256 * 1024);
  Tick tick;
  std::uint64_t parsed = 0;
  for (auto _ : state) {
    for (const std::string_view l : c.lines) {
      const ParseResult r = parser.parse(l, tick);
      parsed += r.ok() ? 1u : 0u;
      benchmark::DoNotOptimize(tick);
    }
  }
  if (parsed != static_cast<std::uint64_t>(state.iterations()) * c.lines.size()) state.SkipWithError("a line did not parse");
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.lines.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(c.json_bytes));
  state.counters["known_shape_share"] =
      static_cast<double>(parser.knownShapeLines()) / static_cast<double>(parsed == 0 ? 1 : parsed);
}
void BM_ParseRealCapture(benchmark::State& state) { parseRealCapture(state, TickParser::KnownShapes::kReadFirst); }
void BM_ParseRealCaptureSimdjsonOnly(benchmark::State& state) {
  parseRealCapture(state, TickParser::KnownShapes::kSimdjsonOnly);
}
// Wall time, so that any work off the calling thread would be counted.
BENCHMARK(BM_ParseRealCapture)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseRealCaptureSimdjsonOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

namespace od = simdjson::ondemand;

/// Bare simdjson: the same fields located and read (strings as views, ids and times as
/// integers, every level's two strings), no decimal conversion, no symbol lookup, no
/// checks. The floor our parser is measured against.
struct Sink {
  std::uint64_t ints = 0;
  std::size_t chars = 0;
};

void extractLevels(od::value v, Sink& sink) {
  for (auto level : v.get_array()) {
    for (auto item : level.get_array()) sink.chars += item.get_string().value().size();
  }
}

void extractFields(od::object object, Sink& sink) {
  for (auto field : object) {
    const od::raw_json_string key = field.key();  // compared raw, as simdjson recommends
    od::value v = field.value().value();
    if (key == "data") {
      extractFields(v.get_object().value(), sink);
    } else if (key == "e" || key == "s" || key == "p" || key == "q" || key == "B" || key == "A") {
      sink.chars += v.get_string().value().size();
    } else if (key == "E" || key == "T" || key == "t" || key == "u" || key == "U" || key == "lastUpdateId") {
      sink.ints += v.get_uint64().value();
    } else if (key == "m") {
      sink.ints += v.get_bool().value() ? 1u : 0u;
    } else if (key == "b" || key == "a" || key == "bids" || key == "asks") {
      if (v.type().value() == od::json_type::array) {
        extractLevels(v, sink);
      } else {
        sink.chars += v.get_string().value().size();
      }
    }
  }
}

void BM_BareIterateManyRealCapture(benchmark::State& state) {
  const Capture& c = capture();
  if (!c.ok) {
    state.SkipWithError("no ../shared/data beside the checkout");
    return;
  }
  const simdjson::padded_string json(c.json);
  od::parser parser;
  // One core, as our parser runs: no second thread for stage 1 (Debian builds simdjson
  // with threads, and iterate_many would use one by default).
  parser.threaded = false;
  std::size_t docs = 0;
  for (auto _ : state) {
    Sink sink;
    od::document_stream stream = parser.iterate_many(json, 1 << 20).value();
    docs = 0;
    for (auto doc : stream) {
      extractFields(doc.get_object().value(), sink);
      ++docs;
    }
    benchmark::DoNotOptimize(sink);
  }
  if (docs != c.lines.size()) state.SkipWithError("iterate_many saw a different number of documents");
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.lines.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(c.json_bytes));
}
BENCHMARK(BM_BareIterateManyRealCapture)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace bw::feed

BENCHMARK_MAIN();
