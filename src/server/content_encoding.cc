#include "server/content_encoding.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <cstdlib>
#include <optional>

#include "base/strings.h"

namespace flywheel {

std::string_view ContentCodingName(ContentCoding coding) {
  switch (coding) {
    case ContentCoding::kGzip:
      return "gzip";
    case ContentCoding::kBrotli:
      return "br";
    case ContentCoding::kIdentity:
      break;
  }
  return "";
}

namespace {

// The q-value of one element's parameters (";q=0.5"), 1 when absent, nullopt when malformed.
std::optional<double> QValue(std::string_view params) {
  double q = 1;
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q')) continue;
    std::string_view value = Trim(param.substr(1));
    if (value.empty() || value[0] != '=') continue;
    std::string text(Trim(value.substr(1)));
    char* end = nullptr;
    q = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(q >= 0 && q <= 1)) return std::nullopt;
  }
  return q;
}

}  // namespace

AcceptedCodings ParseAcceptEncoding(std::string_view header) {
  std::optional<double> gzip, brotli, any;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view element = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    size_t semi = element.find(';');
    std::string name = ToLower(Trim(element.substr(0, semi)));
    std::optional<double> q =
        QValue(semi == std::string_view::npos ? std::string_view() : element.substr(semi + 1));
    if (!q) continue;
    if (name == "gzip" || name == "x-gzip") gzip = q;
    if (name == "br") brotli = q;
    if (name == "*") any = q;
  }
  AcceptedCodings out;
  out.gzip = gzip ? *gzip > 0 : any && *any > 0;
  out.brotli = brotli ? *brotli > 0 : any && *any > 0;
  return out;
}

std::string GzipCompress(std::string_view body, int level) {
  z_stream zs{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  std::string out(deflateBound(&zs, body.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  zs.avail_in = static_cast<uInt>(body.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string BrotliCompress(std::string_view body, int quality) {
  size_t size = BrotliEncoderMaxCompressedSize(body.size());
  if (size == 0) return "";
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, body.size(),
                             reinterpret_cast<const uint8_t*>(body.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    return "";
  }
  out.resize(size);
  return out;
}

std::string GzipDecompress(std::string_view data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return "";
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[1 << 14];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - zs.avail_out);
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string BrotliDecompress(std::string_view data) {
  BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (state == nullptr) return "";
  size_t available_in = data.size();
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(data.data());
  std::string out;
  BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    uint8_t buffer[1 << 14];
    size_t available_out = sizeof buffer;
    uint8_t* next_out = buffer;
    rc = BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out, &next_out, nullptr);
    out.append(reinterpret_cast<char*>(buffer), sizeof buffer - available_out);
  }
  BrotliDecoderDestroyInstance(state);
  return rc == BROTLI_DECODER_RESULT_SUCCESS ? out : std::string();
}

}  // namespace flywheel
