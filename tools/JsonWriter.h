#pragma once
// A tiny JSON writer for the operator commands' --json output (status, limits, gate). Cold
// path: builds one std::string. Keys and values are written in the order given, so the
// output is stable for scripts; commas and nesting are tracked for the caller.

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bw::tools {

/// Appends `text` as a JSON string literal, quotes included. Control characters are
/// escaped; bytes that are not valid UTF-8 (a who/why text cut mid-character by the
/// control block's fixed-size fields) become U+FFFD, so the output always parses.
void appendJsonString(std::string& out, std::string_view text);

class JsonWriter {
 public:
  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  /// The next value's key (inside an object).
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(bool b);
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T n) {
    separate();
    out_ += std::to_string(n);
    return *this;
  }
  JsonWriter& null();

  /// key(name).value(v) in one call.
  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    return key(name).value(v);
  }

  /// The document so far (complete once every begin has its end).
  [[nodiscard]] const std::string& str() const noexcept { return out_; }

 private:
  void separate();  ///< a comma before every element but the first of its container

  std::string out_;
  std::vector<bool> first_;  ///< per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace bw::tools
