#include "server/query_string.h"

#include <fmt/core.h>

#include "ingest/text_encoding.h"

namespace flywheel {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      int hi = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return Status::Usage(fmt::format("bad query string: '{}' is not a valid escape", text.substr(i, 3)));
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  for (unsigned char c : out) {
    if (c < 0x20 || c == 0x7f) return Status::Usage("bad query string: control characters are not allowed");
  }
  // Values are echoed in answers, which are JSON: UTF-8 only.
  if (FindInvalidUtf8(out)) return Status::Usage("bad query string: a value is not valid UTF-8");
  return out;
}

Result<ReportParams> ParseQueryString(std::string_view query) {
  ReportParams params;
  size_t start = 0;
  while (start <= query.size() && !query.empty()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) {
      if (end == query.size()) break;
      continue;
    }
    size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq));
    if (!name.ok()) return name.status();
    auto value = PercentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!value.ok()) return value.status();
    if (name->empty()) return Status::Usage("bad query string: a parameter has no name");
    for (char c : *name) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return Status::Usage(fmt::format("bad query string: '{}' is not a parameter name", *name));
      }
    }
    if (params.Has(*name)) return Status::Usage(fmt::format("parameter '{}' is given twice", *name));
    params.Set(std::move(*name), std::move(*value));
    if (end == query.size()) break;
  }
  return params;
}

}  // namespace flywheel
