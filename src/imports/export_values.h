// Reading the values that real exports contain: amounts as people and tools write them
// ("$1,234,567.00", "1.234,56 €", "(1,200)", "EUR 99"), dates in a named format
// ("%d.%m.%Y", "%m/%d/%Y", "%Y-%m-%d %H:%M") or with a time zone.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"

namespace flywheel {

// How numbers are written in an export. Default: "1,234.56".
struct NumberFormat {
  char decimal = '.';    // decimal separator: '.' or ','
  char thousands = ',';  // thousands separator: ',', '.', ' ', '\'' or 0 for none
};

struct ExportAmount {
  double value = 0;
  std::string currency;  // ISO 4217 from a symbol or code in the text ("$" -> "USD"); "" when none
};

// Parses an amount. Accepted around the number: a sign, parentheses for a negative
// ("(1,200)" is -1200), a currency symbol (€ $ £ ¥) or a three-letter upper-case code
// before or after it, a K or M suffix for thousands and millions ("12.5K", "$1.2M"), spaces.
// Thousands separators must stand between digit groups.
// Returns nullopt for anything else (empty text included).
std::optional<ExportAmount> ParseExportAmount(std::string_view text, const NumberFormat& format);

// The ISO 4217 code of a currency symbol ("€" -> "EUR"), or "" when unknown.
std::string CurrencyOfSymbol(std::string_view symbol);

// Parses a date or timestamp with the first of `formats` that matches the whole text, and
// then as ISO 8601 (base/date.h ParseDate). Format directives: %Y (4-digit year), %y
// (2-digit year, 20yy), %m, %d, %H, %I (1 or 2 digits), %M, %S, %f (fraction digits),
// %b (English month name or abbreviation), %p (AM/PM), %z (Z, ±hh:mm or ±hhmm); the format
// "%s" alone reads a Unix timestamp (seconds since 1970-01-01 UTC) as its UTC day; a space
// matches one or more spaces; other characters match themselves. A trailing " UTC" or
// " GMT" is ignored. A timestamp with a zone is converted to its UTC date.
std::optional<Day> ParseExportDate(std::string_view text, const std::vector<std::string>& formats);

}  // namespace flywheel
