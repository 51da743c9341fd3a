// Text encodings of input files: detecting them and turning them into UTF-8.
//
// Every text that enters Flywheel from a file is UTF-8 from here on, so that no report, JSON
// answer or file writer can meet a byte sequence it cannot write. Read as such:
//   - UTF-8, with or without a byte-order mark;
//   - UTF-16 little or big endian with a byte-order mark (transcoded);
//   - Windows-1252 (transcoded): a file without a byte-order mark that is not valid UTF-8,
//     holds no valid multi-byte UTF-8 sequence, and that ICU's charset detector takes for a
//     Latin-script single-byte encoding.
// A file that is mostly UTF-8 but has invalid bytes stays UTF-8: the fields holding them are
// reported row by row (Utf8Problem). A file that ICU takes for another encoding (Shift_JIS,
// KOI8-R, ...) or that holds NUL bytes without a byte-order mark is refused as a whole.
// Detection and conversion are ICU's (ucsdet, ucnv, u_strToUTF8); nothing here guesses.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace flywheel {

// What a file's bytes were and how they were read.
struct TextEncoding {
  std::string name = "UTF-8";  // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "windows-1252"
  // Whether some bytes are still not valid UTF-8 after decoding: the reader then checks each
  // field (Utf8Problem) and reports those rows.
  bool has_invalid_bytes = false;
};

// The bytes of a file as UTF-8: either a view of the input (after a UTF-8 byte-order mark)
// or a transcoded copy held in `owned`.
struct DecodedText {
  TextEncoding encoding;
  std::string owned;  // the transcoded text, when the input was not UTF-8
  bool transcoded = false;
  size_t skip = 0;  // when not transcoded: bytes of the input to skip (a BOM)
  // The text itself: `owned`, or `input` from `skip` on.
  std::string_view Text(std::string_view input) const {
    return transcoded ? std::string_view(owned) : input.substr(skip);
  }
};

// Detects the encoding of `bytes` and decodes them. `name` names the file in messages:
//   "NAME: the file is not UTF-8 text (it looks like Shift_JIS); save it as UTF-8"
//   "NAME: the file holds NUL bytes (UTF-16 without a byte-order mark, or not a text file)"
//   "NAME: not valid UTF-16 (an unpaired surrogate); save it as UTF-8"
Result<DecodedText> DecodeText(std::string_view bytes, std::string_view name);

// The offset of the first byte of `text` that does not start a valid UTF-8 sequence, or
// nullopt when all of it is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// "" when `field` is valid UTF-8, else what is wrong, for a "FILE:LINE: COLUMN: ..." message:
//   not valid UTF-8 (byte 0xE9 after "Caf"); save the file as UTF-8
std::string Utf8Problem(std::string_view field);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD, for messages that must show
// a value which may not be valid (header names, values in "did you mean" texts).
std::string ValidUtf8Copy(std::string_view text);

}  // namespace flywheel
