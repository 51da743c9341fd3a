// Content codings of HTTP answers (RFC 9110 §8.4, §12.5.3): which of gzip and brotli a
// client accepts, and compressing an answer into one of them.
//
// Static files are compressed once when the dashboard is built (web/compress.mjs); JSON
// answers are compressed per request at a fast level (kJsonBrotliQuality, kJsonGzipLevel:
// docs/PERFORMANCE.md has the measurements behind them).
#pragma once

#include <string>
#include <string_view>

namespace flywheel {

enum class ContentCoding { kIdentity, kGzip, kBrotli };

// "gzip", "br" or "" for identity: the value of a Content-Encoding header.
std::string_view ContentCodingName(ContentCoding coding);

// What the client accepts, from its Accept-Encoding header: brotli where "br" has a
// q-value above 0 (by name or through "*"), else gzip likewise, else identity. Codings named
// with q=0 are refused even when "*" would accept them.
struct AcceptedCodings {
  bool gzip = false;
  bool brotli = false;
};
AcceptedCodings ParseAcceptEncoding(std::string_view header);

// Brotli quality and gzip level for answers compressed per request.
inline constexpr int kJsonBrotliQuality = 4;
inline constexpr int kJsonGzipLevel = 4;

// `body` compressed as gzip (RFC 1952) or brotli (RFC 7932). Returns "" when the library
// fails (never for valid arguments); the caller then answers uncompressed.
std::string GzipCompress(std::string_view body, int level);
std::string BrotliCompress(std::string_view body, int quality);

// Decompression, for tests and tools: "" on corrupt input.
std::string GzipDecompress(std::string_view data);
std::string BrotliDecompress(std::string_view data);

}  // namespace flywheel
