#include "ingest/text_encoding.h"

#include <fmt/core.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

namespace flywheel {

namespace {

struct Utf8Scan {
  std::optional<size_t> first_invalid;
  bool has_multibyte = false;  // a valid sequence of two or more bytes occurs
};

// Scans `text`; with `stop_at_invalid`, stops at the first invalid byte.
Utf8Scan ScanUtf8(std::string_view text, bool stop_at_invalid) {
  Utf8Scan scan;
  const char* s = text.data();
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Runs of ASCII, thirty-two bytes at a time: nearly all of a data set.
    while (i + 32 <= n) {
      uint64_t a, b, c, d;
      std::memcpy(&a, s + i, 8);
      std::memcpy(&b, s + i + 8, 8);
      std::memcpy(&c, s + i + 16, 8);
      std::memcpy(&d, s + i + 24, 8);
      if ((a | b | c | d) & 0x8080808080808080ull) break;
      i += 32;
    }
    if (i >= n) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    int32_t length = static_cast<int32_t>(std::min<size_t>(n - i, 4));
    int32_t used = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s + i), used, length, c);
    if (c < 0) {
      if (!scan.first_invalid) scan.first_invalid = i;
      if (stop_at_invalid) return scan;
    } else {
      scan.has_multibyte = true;
      if (scan.first_invalid && stop_at_invalid) return scan;
    }
    i += static_cast<size_t>(used);
  }
  return scan;
}

void AppendUtf8(std::string* out, UChar32 c) {
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, c, error);
  if (!error) out->append(buffer, static_cast<size_t>(length));
}

// The UTF-8 text of each byte 0x80..0xFF in Windows-1252, as ICU's converter defines it;
// "" for the few bytes it leaves undefined.
const std::array<std::string, 128>& Windows1252Table() {
  static const std::array<std::string, 128> table = [] {
    std::array<std::string, 128> t;
    UErrorCode error = U_ZERO_ERROR;
    UConverter* converter = ucnv_open("windows-1252", &error);
    if (U_FAILURE(error)) return t;
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &error);
    for (int b = 0x80; b <= 0xFF; ++b) {
      const char byte = static_cast<char>(b);
      UChar out[4];
      UErrorCode e = U_ZERO_ERROR;
      ucnv_reset(converter);
      const int32_t length = ucnv_toUChars(converter, out, 4, &byte, 1, &e);
      if (U_SUCCESS(e) && length == 1) AppendUtf8(&t[b - 0x80], out[0]);
    }
    ucnv_close(converter);
    return t;
  }();
  return table;
}

// Windows-1252 -> UTF-8. Bytes the code page leaves undefined are kept as they are, so that
// the fields holding them are reported as not valid UTF-8.
std::string FromWindows1252(std::string_view bytes, bool* has_invalid) {
  const auto& table = Windows1252Table();
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out += ch;
    } else if (!table[b - 0x80].empty()) {
      out += table[b - 0x80];
    } else {
      out += ch;
      *has_invalid = true;
    }
  }
  return out;
}

Result<std::string> FromUtf16(std::string_view bytes, bool big_endian, std::string_view name) {
  if (bytes.size() % 2 != 0) {
    return Status::BadData(
        fmt::format("{}: not valid UTF-16 (an odd number of bytes); save it as UTF-8", name));
  }
  if (bytes.size() / 2 > static_cast<size_t>(INT32_MAX / 3)) {
    return Status::BadData(
        fmt::format("{}: a UTF-16 file this large cannot be read; save it as UTF-8", name));
  }
  std::u16string units(bytes.size() / 2, u'\0');
  for (size_t i = 0; i < units.size(); ++i) {
    const auto lo = static_cast<unsigned char>(bytes[2 * i + (big_endian ? 1 : 0)]);
    const auto hi = static_cast<unsigned char>(bytes[2 * i + (big_endian ? 0 : 1)]);
    units[i] = static_cast<char16_t>(lo | (hi << 8));
  }
  std::string out(units.size() * 3, '\0');
  int32_t length = 0;
  UErrorCode error = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &length,
              reinterpret_cast<const UChar*>(units.data()), static_cast<int32_t>(units.size()), &error);
  if (U_FAILURE(error)) {
    return Status::BadData(
        fmt::format("{}: not valid UTF-16 (an unpaired surrogate); save it as UTF-8", name));
  }
  out.resize(static_cast<size_t>(length));
  return out;
}

// Charsets ICU's detector names that stand for Latin-script single-byte text: read as
// Windows-1252, the superset of ISO-8859-1 that spreadsheet exports on Windows write.
bool IsLatinSingleByte(std::string_view charset) {
  static constexpr std::string_view kLatin[] = {"ISO-8859-1",   "ISO-8859-2",   "ISO-8859-9",
                                                "windows-1252", "windows-1250", "windows-1254"};
  return std::find(std::begin(kLatin), std::end(kLatin), charset) != std::end(kLatin);
}

// The charset ICU's detector ranks first for `sample`; "" when it has no answer.
std::string DetectCharset(std::string_view sample) {
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> detector(ucsdet_open(&error), ucsdet_close);
  if (U_FAILURE(error)) return "";
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &error);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &error);
  if (U_FAILURE(error) || match == nullptr) return "";
  const char* charset = ucsdet_getName(match, &error);
  return U_SUCCESS(error) && charset ? charset : "";
}

}  // namespace

std::optional<size_t> FindInvalidUtf8(std::string_view text) { return ScanUtf8(text, true).first_invalid; }

Result<DecodedText> DecodeText(std::string_view bytes, std::string_view name) {
  DecodedText out;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    out.skip = 3;
    out.encoding.name = "UTF-8 with BOM";
    out.encoding.has_invalid_bytes = FindInvalidUtf8(bytes.substr(3)).has_value();
    return out;
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const bool big_endian = bytes[0] == '\xFE';
    auto text = FromUtf16(bytes.substr(2), big_endian, name);
    if (!text.ok()) return text.status();
    out.owned = std::move(*text);
    out.transcoded = true;
    out.encoding.name = big_endian ? "UTF-16BE" : "UTF-16LE";
    return out;
  }
  if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) {
    return Status::BadData(fmt::format(
        "{}: the file holds NUL bytes (UTF-16 without a byte-order mark, or not a text file)", name));
  }
  const Utf8Scan scan = ScanUtf8(bytes, false);
  if (!scan.first_invalid) return out;
  if (scan.has_multibyte) {
    // UTF-8 with some broken bytes: the rows holding them are reported one by one.
    out.encoding.has_invalid_bytes = true;
    return out;
  }
  // The detector reads at most a megabyte, from the line of the first byte that is not ASCII.
  const size_t line_start = bytes.rfind('\n', *scan.first_invalid);
  const size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
  const std::string charset = DetectCharset(bytes.substr(from, size_t{1} << 20));
  if (!charset.empty() && !IsLatinSingleByte(charset)) {
    return Status::BadData(
        fmt::format("{}: the file is not UTF-8 text (it looks like {}); save it as UTF-8", name, charset));
  }
  out.owned = FromWindows1252(bytes, &out.encoding.has_invalid_bytes);
  out.transcoded = true;
  out.encoding.name = "windows-1252";
  return out;
}

std::string Utf8Problem(std::string_view field) {
  const auto bad = FindInvalidUtf8(field);
  if (!bad) return "";
  // The valid text before the byte, at most 20 bytes of it, cut at a character boundary.
  size_t from = *bad > 20 ? *bad - 20 : 0;
  while (from < *bad && (static_cast<unsigned char>(field[from]) & 0xC0) == 0x80) ++from;
  const std::string_view before = field.substr(from, *bad - from);
  return fmt::format("not valid UTF-8 (byte 0x{:02X}{}); save the file as UTF-8",
                     static_cast<unsigned char>(field[*bad]),
                     before.empty() ? std::string(" at the start") : fmt::format(" after \"{}\"", before));
}

std::string ValidUtf8Copy(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    int32_t length = static_cast<int32_t>(std::min<size_t>(text.size() - i, 4));
    int32_t used = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data() + i), used, length, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text.data() + i, static_cast<size_t>(used));
    }
    i += static_cast<size_t>(used);
  }
  return out;
}

}  // namespace flywheel
