// JSON text for the report members that are more than rows (json_extra): a quoted string
// with the escapes JSON requires, and a number that is null when unknown.
#pragma once

#include <fmt/core.h>

#include <string>

#include "model/dataset.h"

namespace flywheel {

inline std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<int>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

inline std::string JsonNumber(double v) { return IsNull(v) ? "null" : fmt::format("{}", v); }

}  // namespace flywheel
