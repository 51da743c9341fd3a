// How a delimited text file is written: its encoding (text_encoding.h), the delimiter
// between fields and the line ends. Detected from the file, so that exports from European
// Excel (`;`), tab- or pipe-separated files and old Mac files (CR line ends) are read as
// they come; `flywheel check` shows what was detected for each file.
#pragma once

#include <string>
#include <string_view>

namespace flywheel {

enum class LineEnds { kNone, kLf, kCrLf, kCr, kMixed };

struct TextDialect {
  std::string encoding = "UTF-8";  // TextEncoding::name
  char delimiter = ',';
  LineEnds line_ends = LineEnds::kNone;
};

// The delimiter among `,` `;` tab `|` that occurs most often outside quotes in the first line
// of `text` (ties go to that order); `,` when none occurs.
char DetectDelimiter(std::string_view text);

// The line ends of `text`, judged from its first megabyte: LF, CRLF, CR (no LF at all), mixed
// (LF and CRLF), none (a single line).
LineEnds DetectLineEnds(std::string_view text);

// `text` with every CR that is not followed by LF turned into LF (for files with CR line ends).
std::string CrToLf(std::string_view text);

// "," ";" "tab" "|".
std::string DelimiterName(char delimiter);
// "LF", "CRLF", "CR", "mixed", "none".
std::string_view LineEndsName(LineEnds line_ends);

}  // namespace flywheel
