#pragma once
// Config loading's shared reader (internal to core/: Config.cpp and StrategyConfigReader.cpp
// include it; nothing outside core/ should). TableReader reads the keys of one TOML table
// with bounds and remembers which it consumed, so a mistyped key is an error rather than
// silently ignored. Every message names file:line [table] key. Cold path: it throws.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "core/Config.h"
#include "core/Decimal.h"
#include "core/DurationText.h"
#include "core/LimitSet.h"

namespace bw::config_detail {

/// Concatenates with += (g++ 12 warns falsely, -Wrestrict, on chained std::string +).
inline std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view p : parts) out += p;
  return out;
}

inline std::string num(std::int64_t v) { return std::to_string(v); }

/// Shortest text that reads back as the same double ("0.5", "100", "-2.25"); whole
/// numbers in plain digits rather than "1e+06".
inline std::string real(double v) {
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 1e15) return num(static_cast<std::int64_t>(v));
  std::array<char, 32> buf{};
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), res.ptr);
}

class TableReader {
 public:
  /// The top-level table `table` of `root` (absent: present() is false, every key defaults).
  TableReader(const toml::table& root, std::string table, const std::vector<std::string>& lines,
              const std::string& source)
      : table_name_(std::move(table)), lines_(lines), source_(source) {
    const toml::node* node = root.get(table_name_);
    if (node != nullptr) {
      table_ = node->as_table();
      if (table_ == nullptr) fail(node->source().begin.line, "must be a table");
    }
  }

  /// A nested or inline table (`node` may be null: absent). Messages name it
  /// "[display_table] key_prefix+key", e.g. "[templates.momentum] constraints[2].scale".
  TableReader(const toml::node* node, std::string display_table, const std::vector<std::string>& lines,
              const std::string& source, std::string key_prefix = "")
      : table_name_(std::move(display_table)), key_prefix_(std::move(key_prefix)), lines_(lines), source_(source) {
    if (node != nullptr) {
      table_ = node->as_table();
      if (table_ == nullptr) {
        if (key_prefix_.empty()) fail(node->source().begin.line, "must be a table");
        failKey(*node, "", "must be an inline table, e.g. {feature = \"adx\", ...}");
      }
    }
  }

  [[nodiscard]] bool present() const { return table_ != nullptr; }
  [[nodiscard]] const std::string& name() const { return table_name_; }
  [[nodiscard]] const toml::table* table() const { return table_; }

  /// The node of `key`, marked consumed (null when absent). For values read by hand.
  [[nodiscard]] const toml::node* node(const char* key) { return find(key, false); }

  /// A decimal value in (0, max] (or [0, max] with allow_zero), parsed from its source text.
  void decimal(const char* key, std::int64_t& out, std::int64_t max_units, bool required, bool allow_zero = false) {
    const toml::node* node = find(key, required);
    if (node == nullptr) return;
    if (!node->is_integer() && !node->is_floating_point()) failKey(*node, key, "must be a number");
    const std::string text = sourceText(*node, key);
    std::int64_t value = 0;
    const DecimalError err = parseDecimal(text, value);
    if (err != DecimalError::kOk) {
      failKey(*node, key,
              cat({"'", text, "' is not a plain decimal with at most 8 places (", decimalErrorName(err), ")"}));
    }
    if (value < 0 || (value == 0 && !allow_zero) || value > max_units * kScale) {
      failKey(*node, key, cat({"must be ", allow_zero ? ">= 0" : "> 0", " and <= ", num(max_units), " (got ", text, ")"}));
    }
    out = value;
  }

  /// A dimensionless number (a weight, a ratio, bps of a strategy estimate: never money)
  /// in [min, max], or (min, max] with min_exclusive. Integers are accepted.
  void number(const char* key, double& out, double min, double max, bool required, bool min_exclusive = false) {
    const toml::node* node = find(key, required);
    if (node == nullptr) return;
    if (!node->is_integer() && !node->is_floating_point()) failKey(*node, key, "must be a number");
    const double v = node->value<double>().value_or(0.0);
    if (!std::isfinite(v) || v > max || v < min || (min_exclusive && v == min)) {
      failKey(*node, key,
              cat({"must be ", min_exclusive ? "> " : ">= ", real(min), " and <= ", real(max), " (got ", real(v), ")"}));
    }
    out = v;
  }

  template <typename Int>
  void integer(const char* key, Int& out, std::int64_t min, std::int64_t max, bool required) {
    const toml::node* node = find(key, required);
    if (node == nullptr) return;
    const auto* value = node->as_integer();
    if (value == nullptr) failKey(*node, key, "must be an integer");
    const std::int64_t v = value->get();
    if (v < min || v > max) {
      failKey(*node, key, cat({"must be between ", num(min), " and ", num(max), " (got ", num(v), ")"}));
    }
    out = static_cast<Int>(v);
  }

  /// One limit of core/LimitSet.h's table, walked by key: money and quantity as decimals,
  /// the rest as integers, every one > 0 and within the table's bounds.
  void limit(LimitKey k, LimitValues& values, bool required) {
    const LimitInfo& info = limitInfo(k);
    std::int64_t& out = values[k];
    if (limitScale(info.unit) != 1) {
      decimal(info.name, out, info.max, required);
    } else {
      integer(info.name, out, std::max<std::int64_t>(info.min, 1), info.max, required);
    }
  }

  void boolean(const char* key, bool& out, bool required) {
    const toml::node* node = find(key, required);
    if (node == nullptr) return;
    const auto* value = node->as_boolean();
    if (value == nullptr) failKey(*node, key, "must be true or false");
    out = value->get();
  }

  void string(const char* key, std::string& out, bool required) {
    const toml::node* node = find(key, required);
    if (node == nullptr) return;
    const auto* value = node->as_string();
    if (value == nullptr || value->get().empty()) failKey(*node, key, "must be a non-empty string");
    out = value->get();
  }

  /// A string that is never echoed: no message built here contains its text.
  void secret(const char* key, std::string& out, std::size_t min_chars, std::size_t max_chars) {
    const toml::node* node = find(key, false);
    if (node == nullptr) return;
    const auto* value = node->as_string();
    if (value == nullptr) failKey(*node, key, "must be a string (its text is never shown)");
    const std::size_t n = value->get().size();
    if (n < min_chars || n > max_chars) {
      failKey(*node, key,
              cat({"must be ", num(static_cast<std::int64_t>(min_chars)), " to ",
                   num(static_cast<std::int64_t>(max_chars)), " characters (its text is never shown)"}));
    }
    out = value->get();
  }

  /// A list of non-empty strings; `on_item(text, node)` checks and stores each. An empty
  /// list is refused unless allow_empty. Returns whether the key was given.
  template <typename OnItem>
  bool stringList(const char* key, bool allow_empty, OnItem&& on_item) {
    const toml::node* node = find(key, false);
    if (node == nullptr) return false;
    const auto* list = node->as_array();
    if (list == nullptr) failKey(*node, key, "must be a list of strings, e.g. [\"DAY\", \"GTC\"]");
    if (list->empty() && !allow_empty) failKey(*node, key, "must not be an empty list");
    for (const toml::node& item : *list) {
      const auto* text = item.as_string();
      if (text == nullptr || text->get().empty()) failKey(item, key, "every entry must be a non-empty string");
      on_item(text->get(), item);
    }
    return true;
  }

  /// After reading: any key not consumed is unknown.
  void rejectUnknownKeys() const {
    if (table_ == nullptr) return;
    for (const auto& [key, node] : *table_) {
      if (consumed_.count(std::string(key.str())) == 0) failKey(node, std::string(key.str()), "is not a known key");
    }
  }

  /// A rule across keys, reported at `key`'s line (or the table's when the key was not
  /// given here, e.g. a shadow limit inherited from [limits]).
  [[noreturn]] void failRule(const char* key, const std::string& what) const {
    const toml::node* node = table_ == nullptr ? nullptr : table_->get(key);
    if (node != nullptr) failKey(*node, key, what);
    std::string msg = source_;
    if (table_ != nullptr && table_->source().begin.line != 0) {
      msg += ':';
      msg += num(static_cast<std::int64_t>(table_->source().begin.line));
    }
    throw ConfigError(cat({msg, ": [", table_name_, "] ", key_prefix_, key, ": ", what}));
  }

  [[noreturn]] void failKey(const toml::node& node, const std::string& key, const std::string& what) const {
    std::string full_key = key_prefix_;
    if (key.empty() && !full_key.empty() && full_key.back() == '.') full_key.pop_back();
    full_key += key;
    throw ConfigError(cat({source_, ":", num(static_cast<std::int64_t>(node.source().begin.line)), ": [",
                           table_name_, "] ", full_key, ": ", what}));
  }

 private:
  const toml::node* find(const char* key, bool required) {
    consumed_.insert(key);
    const toml::node* node = table_ == nullptr ? nullptr : table_->get(key);
    if (node == nullptr && required) {
      std::string msg = source_;
      if (table_ != nullptr && table_->source().begin.line != 0) {
        msg += ':';
        msg += num(static_cast<std::int64_t>(table_->source().begin.line));
      }
      throw ConfigError(cat({msg, ": [", table_name_, "] ", key_prefix_, key, ": required key is missing"}));
    }
    return node;
  }

  std::string sourceText(const toml::node& node, const char* key) const {
    const auto region = node.source();
    if (region.begin.line == 0 || region.begin.line > lines_.size() || region.begin.line != region.end.line) {
      failKey(node, key, "cannot locate the value's text");
    }
    const std::string& line = lines_[region.begin.line - 1];
    const std::size_t begin = region.begin.column - 1;
    const std::size_t end = region.end.column - 1;
    std::string text = line.substr(begin, end - begin);
    std::erase(text, '_');  // TOML allows 1_000.0
    return text;
  }

  [[noreturn]] void fail(std::size_t line, const std::string& what) const {
    throw ConfigError(cat({source_, ":", num(static_cast<std::int64_t>(line)), ": [", table_name_, "] ", what}));
  }

  std::string table_name_;
  std::string key_prefix_;
  const std::vector<std::string>& lines_;
  const std::string& source_;
  const toml::table* table_ = nullptr;
  std::set<std::string> consumed_;
};

using ::bw::parseDurationMs;  // core/DurationText.h: the one parser of "1s", "5m"...

/// Milliseconds as the shortest duration text ("1s", "5m", "1500ms").
inline std::string durationText(std::int64_t ms) {
  if (ms % 3'600'000 == 0) return num(ms / 3'600'000) + "h";
  if (ms % 60'000 == 0) return num(ms / 60'000) + "m";
  if (ms % 1'000 == 0) return num(ms / 1'000) + "s";
  return num(ms) + "ms";
}

}  // namespace bw::config_detail
