#include "ingest/text_dialect.h"

#include <algorithm>

namespace flywheel {

char DetectDelimiter(std::string_view text) {
  constexpr char kCandidates[] = {',', ';', '\t', '|'};
  size_t counts[4] = {0, 0, 0, 0};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (int i = 0; i < 4; ++i) counts[i] += c == kCandidates[i];
  }
  int best = 0;
  for (int i = 1; i < 4; ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return kCandidates[best];
}

LineEnds DetectLineEnds(std::string_view text) {
  const std::string_view sample = text.substr(0, size_t{1} << 20);
  const auto lf = std::count(sample.begin(), sample.end(), '\n');
  const auto cr = std::count(sample.begin(), sample.end(), '\r');
  if (cr == 0) return lf == 0 ? LineEnds::kNone : LineEnds::kLf;
  if (lf == 0) return LineEnds::kCr;
  size_t pairs = 0;
  for (size_t at = sample.find("\r\n"); at != std::string_view::npos; at = sample.find("\r\n", at + 2))
    ++pairs;
  if (pairs == static_cast<size_t>(lf)) return LineEnds::kCrLf;
  if (pairs == 0) return LineEnds::kLf;  // CRs inside fields
  return LineEnds::kMixed;
}

std::string CrToLf(std::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) out[i] = '\n';
  }
  return out;
}

std::string DelimiterName(char delimiter) { return delimiter == '\t' ? "tab" : std::string(1, delimiter); }

std::string_view LineEndsName(LineEnds line_ends) {
  switch (line_ends) {
    case LineEnds::kNone:
      return "none";
    case LineEnds::kLf:
      return "LF";
    case LineEnds::kCrLf:
      return "CRLF";
    case LineEnds::kCr:
      return "CR";
    case LineEnds::kMixed:
      return "mixed";
  }
  return "none";
}

}  // namespace flywheel
