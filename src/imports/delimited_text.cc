#include "imports/delimited_text.h"

#include <fmt/core.h>

#include <fstream>
#include <sstream>

namespace flywheel {

char DetectDelimiter(std::string_view text) {
  size_t counts[3] = {0, 0, 0};
  const char kCandidates[3] = {',', ';', '\t'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    for (int i = 0; i < 3; ++i) counts[i] += c == kCandidates[i];
  }
  int best = 0;
  for (int i = 1; i < 3; ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return kCandidates[best];
}

Result<DelimitedText> ParseDelimitedText(std::string_view text, char delimiter, std::string_view name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  DelimitedText out;
  out.delimiter = delimiter ? delimiter : DetectDelimiter(text);
  const char d = out.delimiter;
  size_t pos = 0;
  int64_t line = 1;
  bool first = true;
  while (pos < text.size()) {
    // Skip blank lines.
    if (text[pos] == '\n' || (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')) {
      pos += text[pos] == '\r' ? 2 : 1;
      ++line;
      continue;
    }
    DelimitedRow row;
    row.line = line;
    while (true) {
      std::string field;
      if (pos < text.size() && text[pos] == '"') {
        const int64_t start_line = line;
        ++pos;
        while (true) {
          if (pos >= text.size()) {
            return Status::BadData(fmt::format("{}:{}: unterminated quoted field", name, start_line));
          }
          char c = text[pos++];
          if (c == '"') {
            if (pos < text.size() && text[pos] == '"') {
              field += '"';
              ++pos;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line;
            field += c;
          }
        }
        if (pos < text.size() && text[pos] != d && text[pos] != '\n' && text[pos] != '\r') {
          return Status::BadData(
              fmt::format("{}:{}: unexpected text after the closing quote of a field", name, line));
        }
      } else {
        while (pos < text.size() && text[pos] != d && text[pos] != '\n' &&
               !(text[pos] == '\r' && (pos + 1 == text.size() || text[pos + 1] == '\n'))) {
          field += text[pos++];
        }
      }
      row.fields.push_back(std::move(field));
      if (pos < text.size() && text[pos] == d) {
        ++pos;
        continue;
      }
      if (pos < text.size() && text[pos] == '\r') ++pos;
      if (pos < text.size() && text[pos] == '\n') {
        ++pos;
        ++line;
      }
      break;
    }
    if (first) {
      out.header = std::move(row.fields);
      first = false;
    } else {
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

Result<DelimitedText> ReadDelimitedFile(const std::string& path, char delimiter, std::string_view name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(fmt::format("cannot read {}", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseDelimitedText(buffer.str(), delimiter, name);
}

}  // namespace flywheel
