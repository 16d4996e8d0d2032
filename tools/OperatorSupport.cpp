#include "tools/OperatorSupport.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <system_error>

#include "core/Decimal.h"
#include "core/InstrumentTable.h"

namespace bw::tools {

std::string stateDirOf(const InstanceArgs& target) {
  return target.state_dir.empty() ? ControlBlock::defaultDir() : target.state_dir;
}

std::optional<ControlBlock> openInstance(const InstanceArgs& target, std::ostream& err) {
  try {
    return ControlBlock::openExisting(target.instance, stateDirOf(target));
  } catch (const ControlBlockError& e) {
    // ControlBlock's messages name the path (and, for a missing file, the instance).
    err << "breakwater: instance '" << target.instance << "': " << e.what() << "\n";
    return std::nullopt;
  }
}

int requireToken(const ControlBlock& block, const InstanceArgs& target, std::string_view token,
                 std::string_view action, std::ostream& err) {
  if (block.layout().token_configured.load(std::memory_order_acquire) == 0) {
    err << "breakwater: no confirm token configured for instance " << target.instance
        << ": set [live] confirm_token (" << action << " needs it)\n";
    return kExitRefused;
  }
  if (token.empty()) {
    err << "breakwater: " << action << " needs the confirm token: pass --confirm-token\n";
    return kExitRefused;
  }
  if (!block.tokenMatches(token)) {
    err << "breakwater: confirm token does not match (" << action << " refused)\n";
    return kExitRefused;
  }
  return kExitOk;
}

std::optional<KillTarget> resolveKillTarget(const ScopeArgs& scope, std::ostream& err) {
  if (!scope.symbol.empty() && !scope.strategy.empty()) {
    err << "breakwater: give --symbol or --strategy, not both\n";
    return std::nullopt;
  }
  KillTarget t;
  if (!scope.symbol.empty()) {
    const InstrumentTable table = InstrumentTable::withDefaults();
    const SymbolId id = table.find(scope.symbol);
    if (id == kNoSymbol) {
      err << "breakwater: unknown symbol '" << scope.symbol << "' (known:";
      for (std::size_t i = 0; i < table.size(); ++i) err << " " << table[static_cast<SymbolId>(i)].name();
      err << ")\n";
      return std::nullopt;
    }
    t.scope = KillScope::kSymbol;
    t.index = id;
    t.label = "kill for symbol ";
    t.label += scope.symbol;
    return t;
  }
  if (!scope.strategy.empty()) {
    std::size_t k = 0;
    const char* first = scope.strategy.data();
    const char* last = first + scope.strategy.size();
    const auto [end, ec] = std::from_chars(first, last, k);
    if (ec != std::errc() || end != last || k >= kMaxStrategies) {
      err << "breakwater: strategy '" << scope.strategy << "' is not a strategy id (0 to " << kMaxStrategies - 1
          << ")\n";
      return std::nullopt;
    }
    t.scope = KillScope::kStrategy;
    t.index = k;
    t.label = "kill for strategy ";
    t.label += std::to_string(k);
    return t;
  }
  t.label = "global kill";
  return t;
}

std::string symbolName(std::size_t id) {
  static const InstrumentTable table = InstrumentTable::withDefaults();
  if (id < table.size()) return std::string(table[static_cast<SymbolId>(id)].name());
  std::string name = "#";
  name += std::to_string(id);
  return name;
}

std::string operatorName(std::string_view by) {
  if (!by.empty()) return std::string(by);
  const char* user = std::getenv("USER");
  if (user != nullptr && *user != '\0') return user;
  return "operator";
}

std::string isoUtc(std::int64_t wall_ns) {
  if (wall_ns == 0) return "-";
  std::int64_t secs = wall_ns / 1'000'000'000;
  std::int64_t ms = (wall_ns % 1'000'000'000) / 1'000'000;
  if (ms < 0) {  // before 1970: floor, not truncate
    ms += 1000;
    --secs;
  }
  const auto t = static_cast<std::time_t>(secs);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[40];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out(buf, n);
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(ms));
  out += frac;
  return out;
}

std::string limitRangeText(LimitKey key) {
  const LimitInfo& info = limitInfo(key);
  std::string out = info.min > 0 ? ">= " : "> ";
  out += std::to_string(info.min > 0 ? info.min : 0);
  out += " and <= ";
  out += std::to_string(info.max);
  out += ' ';
  out += limitUnitName(info.unit);
  return out;
}

bool parseLimitValue(LimitKey key, std::string_view text, std::int64_t& raw, std::string& why) {
  if (limitScale(limitInfo(key).unit) != 1) {
    const DecimalError e = parseDecimal(text, raw);
    switch (e) {
      case DecimalError::kOk: return true;
      case DecimalError::kEmpty: why = "empty"; break;
      case DecimalError::kBadCharacter: why = "not a decimal number"; break;
      case DecimalError::kTooPrecise: why = "more than 8 decimal places"; break;
      case DecimalError::kOverflow: why = "too large"; break;
    }
    if (why.empty()) why = decimalErrorName(e);
    return false;
  }
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') {  // from_chars takes no '+'
    ++first;
    if (first != last && *first == '-') first = last;  // "+-5": refused below
  }
  const auto [end, ec] = std::from_chars(first, last, raw);
  if (ec == std::errc::result_out_of_range) {
    why = "too large";
    return false;
  }
  if (ec != std::errc() || end != last || text.empty()) {
    why = "not a whole number";
    return false;
  }
  return true;
}

std::string upperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace bw::tools
