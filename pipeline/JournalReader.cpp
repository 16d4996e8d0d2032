#include "pipeline/JournalReader.h"

#include <array>
#include <charconv>
#include <fstream>
#include <stdexcept>

#include "core/Decimal.h"
#include "pipeline/Journal.h"

namespace bw::pipeline {

namespace {

template <typename Int>
bool parseInt(std::string_view s, Int& out) {
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool fail(std::string& reason, const char* column, std::string_view value) {
  reason = "bad ";
  reason += column;
  reason += " '";
  reason += value.substr(0, 40);
  reason += '\'';
  return false;
}

}  // namespace

bool parseJournalLine(std::string_view line, JournalRecord& out, std::string& reason) {
  std::array<std::string_view, Journal::kColumns> f{};
  std::size_t count = 0;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', pos);
    const std::string_view field = line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos);
    if (count < f.size()) f[count] = field;
    ++count;
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  if (count != Journal::kColumns) {
    reason = "expected ";
    reason += std::to_string(Journal::kColumns);
    reason += " tab-separated columns, found ";
    reason += std::to_string(count);
    return false;
  }

  JournalRecord r;
  if (!parseInt(f[0], r.seq)) return fail(reason, "seq", f[0]);
  if (!parseInt(f[1], r.wall_ns)) return fail(reason, "wall_ns", f[1]);
  if (!parseInt(f[2], r.market_ns)) return fail(reason, "market_ns", f[2]);
  if (!parseJournalEventType(f[3], r.type)) return fail(reason, "type", f[3]);
  if (!parseInt(f[4], r.order_id)) return fail(reason, "order_id", f[4]);
  if (f[5].empty()) return fail(reason, "symbol", f[5]);
  r.symbol = std::string(f[5]);
  if (f[6] == "BUY") {
    r.side = Side::kBuy;
  } else if (f[6] == "SELL") {
    r.side = Side::kSell;
  } else if (f[6] == "-") {
    r.side = kNoSide;
  } else {
    return fail(reason, "side", f[6]);
  }
  if (!parseJournalScope(f[7], r.scope)) return fail(reason, "scope", f[7]);
  if (parseDecimal(f[8], r.price) != DecimalError::kOk) return fail(reason, "price", f[8]);
  if (parseDecimal(f[9], r.qty) != DecimalError::kOk) return fail(reason, "qty", f[9]);
  if (!parseJournalCode(r.type, f[10], r.code)) return fail(reason, "code", f[10]);
  r.code_name = std::string(f[10]);
  if (f[11].empty()) return fail(reason, "rule", f[11]);
  if (f[11] != "-") r.rule = std::string(f[11]);
  unsigned strategy = 0;
  if (!parseInt(f[12], strategy) || strategy > 255) return fail(reason, "strategy", f[12]);
  r.strategy = static_cast<std::uint8_t>(strategy);
  if (!parseInt(f[13], r.aux)) return fail(reason, "aux", f[13]);
  if (!parseInt(f[14], r.aux2)) return fail(reason, "aux2", f[14]);
  r.text = std::string(f[15]);
  out = std::move(r);
  return true;
}

JournalReadResult parseJournal(std::istream& in, const std::string& source_name) {
  JournalReadResult result;
  std::string line;
  std::uint64_t last_seq = 0;
  auto refuse = [&](std::size_t line_no, const std::string& why) {
    ++result.malformed;
    if (result.errors.size() < JournalReadResult::kMaxErrors) {
      std::string msg = source_name;
      msg += ':';
      msg += std::to_string(line_no);
      msg += ": ";
      msg += why;
      result.errors.push_back(std::move(msg));
    }
  };
  while (std::getline(in, line)) {
    const std::size_t line_no = ++result.lines;
    if (line_no == 1) {
      if (line != Journal::kHeaderLine) {
        std::string why = "first line is not '";
        why += Journal::kHeaderLine;
        why += '\'';
        refuse(line_no, why);
      }
      continue;
    }
    if (line.empty()) {
      refuse(line_no, "empty line");
      continue;
    }
    if (line[0] == '#' || line == Journal::kColumnLine) continue;
    JournalRecord r;
    std::string why;
    if (!parseJournalLine(line, r, why)) {
      refuse(line_no, why);
      continue;
    }
    if (r.seq <= last_seq) {
      // Kept (the line itself is well formed), but reported: seq only ever rises in a
      // journal, so this is a concatenation or an edit.
      ++result.seq_breaks;
      if (result.errors.size() < JournalReadResult::kMaxErrors) {
        std::string msg = source_name;
        msg += ':';
        msg += std::to_string(line_no);
        msg += ": seq ";
        msg += std::to_string(r.seq);
        msg += " does not follow ";
        msg += std::to_string(last_seq);
        result.errors.push_back(std::move(msg));
      }
    }
    last_seq = r.seq;
    r.line = line_no;
    result.records.push_back(std::move(r));
  }
  return result;
}

JournalReadResult readJournal(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string msg = "journal ";
    msg += path;
    msg += ": cannot open for reading";
    throw std::runtime_error(msg);
  }
  return parseJournal(in, path);
}

}  // namespace bw::pipeline
