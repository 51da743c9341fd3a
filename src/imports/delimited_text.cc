#include "imports/delimited_text.h"

#include <fmt/core.h>

#include "base/file_text.h"
#include "ingest/text_encoding.h"

namespace flywheel {

Result<DelimitedText> ParseDelimitedText(std::string_view bytes, char delimiter, std::string_view name) {
  auto decoded = DecodeText(bytes, name);
  if (!decoded.ok()) return decoded.status();
  DelimitedText out;
  out.dialect.encoding = decoded->encoding.name;
  out.may_hold_invalid_utf8 = decoded->encoding.has_invalid_bytes;
  std::string_view text = decoded->Text(bytes);
  out.dialect.line_ends = DetectLineEnds(text);
  std::string lf_text;
  if (out.dialect.line_ends == LineEnds::kCr) {
    lf_text = CrToLf(text);
    text = lf_text;
  }
  out.dialect.delimiter = delimiter ? delimiter : DetectDelimiter(text);
  const char d = out.dialect.delimiter;
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
  auto text = ReadFileText(path, fmt::format("cannot read {}", path));
  if (!text.ok()) return text.status();
  return ParseDelimitedText(text.value(), delimiter, name);
}

}  // namespace flywheel
