#include "ingest/field_parsers.h"

#include <fast_float/fast_float.h>

#include <charconv>
#include <cmath>

#include "base/strings.h"

namespace flywheel {

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (*first == '+') ++first;  // "+5" is a number too; fast_float does not take the sign
  if (first == last) return std::nullopt;
  // Only digits, sign, '.', and an exponent: rejects "inf", "nan" and "0x10" up front.
  for (const char* c = first; c != last; ++c) {
    char ch = *c;
    if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
      return std::nullopt;
    }
  }
  double value = 0;
  auto result = fast_float::from_chars(first, last, value);
  if (result.ec != std::errc() || result.ptr != last || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  if (first == last) return std::nullopt;
  int64_t value = 0;
  auto result = std::from_chars(first, last, value);
  if (result.ec != std::errc() || result.ptr != last) return std::nullopt;
  return value;
}

std::optional<bool> ParseBool(std::string_view text) {
  if (EqualsIgnoreCase(text, "true") || EqualsIgnoreCase(text, "yes") || text == "1") return true;
  if (EqualsIgnoreCase(text, "false") || EqualsIgnoreCase(text, "no") || text == "0") return false;
  return std::nullopt;
}

int ParseEnum(std::string_view text, std::span<const std::string_view> names) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (EqualsIgnoreCase(text, names[i])) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace flywheel
