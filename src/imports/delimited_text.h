// DelimitedText: an export file split into header and rows, with the delimiter chosen by
// the mapping (`,`, `;`, tab, `|`) or detected from the header line.
//
// Accepted: the encodings of ingest/text_encoding.h (UTF-8 with or without a byte-order mark,
// UTF-16 with one, Windows-1252: transcoded to UTF-8), LF, CRLF or CR line ends, RFC 4180
// quoting with doubled quotes and newlines inside quotes, blank lines (skipped). Export
// files are small next to canonical data sets, so every field is copied into its own string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/text_dialect.h"

namespace flywheel {

struct DelimitedRow {
  int64_t line = 0;  // line of the row's first character; the header is line 1
  std::vector<std::string> fields;
};

struct DelimitedText {
  TextDialect dialect;  // encoding, delimiter, line ends
  // Whether some field may hold bytes that are not valid UTF-8 (text_encoding.h): the
  // mapper then reports such rows.
  bool may_hold_invalid_utf8 = false;
  std::vector<std::string> header;
  std::vector<DelimitedRow> rows;
};

// Decodes and splits `text`. `delimiter` 0 means detect. Errors (kBadData): those of
// DecodeText, and
//   "NAME:LINE: unterminated quoted field"
//   "NAME:LINE: unexpected text after the closing quote of a field"
Result<DelimitedText> ParseDelimitedText(std::string_view text, char delimiter, std::string_view name);

// Reads the file and splits it; a file that cannot be read is kIo "cannot read PATH".
Result<DelimitedText> ReadDelimitedFile(const std::string& path, char delimiter, std::string_view name);

}  // namespace flywheel
