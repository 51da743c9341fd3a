#include "base/strings.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace flywheel {

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ToUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  // ASCII letters only, as std::tolower in the "C" locale the program runs in, without a
  // library call per character (rules compare texts millions of times on large data sets).
  auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

void AppendFixed(std::string* out, double v, int decimals) {
  static constexpr double kScale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  if (decimals >= 0 && decimals <= 6 && std::isfinite(v)) {
    // y = |v| × 10^decimals is the exact product rounded to a double. Below 2^31 every
    // "whole + 0.5" is a double, and rounding to a double never carries a value across one:
    // the exact product is above (below) a half exactly when y is. Only a y that lands on a
    // half says nothing about the product's side of it: the general routine decides those.
    const double y = std::abs(v) * kScale[decimals];
    if (y < 2147483648.0) {
      const double whole = std::floor(y), fraction = y - whole;
      if (fraction != 0.5) {
        const uint64_t scaled = static_cast<uint64_t>(whole) + (fraction > 0.5 ? 1 : 0);
        const uint64_t unit = static_cast<uint64_t>(kScale[decimals]);
        char buf[32];
        char* p = buf;
        if (std::signbit(v)) *p++ = '-';
        p = std::to_chars(p, buf + sizeof buf, scaled / unit).ptr;
        if (decimals > 0) {
          *p++ = '.';
          uint64_t rest = scaled % unit;
          for (int i = decimals - 1; i >= 0; --i, rest /= 10) p[i] = static_cast<char>('0' + rest % 10);
          p += decimals;
        }
        out->append(buf, p);
        return;
      }
    }
  }
  char buf[400];  // the longest: "-" and 309 digits, the point and 17 decimals
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  out->append(buf, r.ptr);
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string ClosestMatch(std::string_view name, size_t count,
                         const std::function<std::string_view(size_t)>& candidate) {
  std::string_view best;
  size_t best_distance = std::max<size_t>(2, name.size() / 3) + 1;
  for (size_t i = 0; i < count; ++i) {
    const std::string_view c = candidate(i);
    size_t d = EditDistance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return std::string(best);
}

std::string ClosestMatch(std::string_view name, const std::vector<std::string>& candidates) {
  return ClosestMatch(name, candidates.size(), [&](size_t i) { return std::string_view(candidates[i]); });
}

std::string DidYouMeanSuffix(std::string_view name, size_t count,
                             const std::function<std::string_view(size_t)>& candidate) {
  std::string m = ClosestMatch(name, count, candidate);
  return m.empty() ? std::string() : ", did you mean '" + m + "'?";
}

std::string DidYouMeanSuffix(std::string_view name, const std::vector<std::string>& candidates) {
  return DidYouMeanSuffix(name, candidates.size(), [&](size_t i) { return std::string_view(candidates[i]); });
}

}  // namespace flywheel
