#include "feed/MalformedLog.h"

namespace bw::feed {

std::string describe(const ParseResult& why) {
  std::string text = parseErrorName(why.error);
  if (why.field != nullptr && why.field[0] != '\0') {
    text += " (field '";
    text += why.field;
    text += "'";
    if (why.error == ParseError::kBadDecimal) {
      text += ": ";
      text += decimalErrorName(why.decimal);
    }
    text += ")";
  }
  return text;
}

void MalformedLog::report(std::string_view file, std::uint64_t line, const ParseResult& why,
                          std::uint64_t seen_in_file) {
  if (seen_in_file > max_logged_) return;
  out_ << file << ':' << line << ": skipped: " << describe(why) << '\n';
}

void MalformedLog::reportFile(std::string_view file, std::uint64_t line, std::string_view what) {
  out_ << file << ':' << line << ": " << what << '\n';
}

void MalformedLog::finishFile(std::string_view file, std::uint64_t seen_in_file) {
  if (seen_in_file > max_logged_) {
    out_ << file << ": " << (seen_in_file - max_logged_) << " more skipped lines not shown (" << seen_in_file
         << " in all)\n";
  }
}

}  // namespace bw::feed
