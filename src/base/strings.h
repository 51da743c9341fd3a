// Small string helpers shared by the parsers and the report writers.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace flywheel {

std::string_view Trim(std::string_view s);
// The items with `sep` between them; empty items at the start add no separator.
std::string Join(const std::vector<std::string>& items, std::string_view sep);
std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Appends `v` with `decimals` digits after the point (0 to 17), the text printf's "%.*f"
// gives: the exact binary value rounded half to even, "-" for every negative value ("-0.0").
// Explanations format millions of impacts ("arr +6.7"); this is several times faster than
// fmt's or printf's general routine and gives the same text.
void AppendFixed(std::string* out, double v, int decimals);

// Levenshtein distance, for "did you mean" suggestions.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `name` if it is close enough to be a plausible typo
// (distance ≤ max(2, |name| / 3)), else an empty string.
std::string ClosestMatch(std::string_view name, const std::vector<std::string>& candidates);
// The same over `count` candidates given one by one (a column of ids, say).
std::string ClosestMatch(std::string_view name, size_t count,
                         const std::function<std::string_view(size_t)>& candidate);

// ", did you mean 'x'?" or "" — appended to "unknown ..." messages.
std::string DidYouMeanSuffix(std::string_view name, const std::vector<std::string>& candidates);
std::string DidYouMeanSuffix(std::string_view name, size_t count,
                             const std::function<std::string_view(size_t)>& candidate);

}  // namespace flywheel
