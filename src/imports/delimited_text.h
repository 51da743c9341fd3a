// DelimitedText: an export file split into header and rows, with the delimiter chosen by
// the mapping (`,`, `;`, tab) or detected from the header line.
//
// Exports from European Excel use `;`, so the canonical CSV reader (comma only) is not
// enough here. Accepted: a UTF-8 byte-order mark, LF or CRLF line ends, RFC 4180 quoting
// with doubled quotes and newlines inside quotes, blank lines (skipped). Export files are
// small next to canonical data sets, so every field is copied into its own string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace flywheel {

struct DelimitedRow {
  int64_t line = 0;  // line of the row's first character; the header is line 1
  std::vector<std::string> fields;
};

struct DelimitedText {
  char delimiter = ',';
  std::vector<std::string> header;
  std::vector<DelimitedRow> rows;
};

// The delimiter among `,`, `;` and tab that occurs most often outside quotes in the first
// line of `text`; `,` when none occurs.
char DetectDelimiter(std::string_view text);

// Splits `text`. `delimiter` 0 means detect. Errors (kBadData):
//   "NAME:LINE: unterminated quoted field"
//   "NAME:LINE: unexpected text after the closing quote of a field"
Result<DelimitedText> ParseDelimitedText(std::string_view text, char delimiter, std::string_view name);

// Reads the file and splits it; a file that cannot be read is kIo "cannot read PATH".
Result<DelimitedText> ReadDelimitedFile(const std::string& path, char delimiter, std::string_view name);

}  // namespace flywheel
