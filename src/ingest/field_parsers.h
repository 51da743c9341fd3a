// Parsers for the field types of the data model (data-model.md "Types").
//
// Each takes a field that is already trimmed and non-empty and returns nullopt when the
// text is not a value of the type; the caller words the message (see docs/DATA.md).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace flywheel {

// A decimal number with '.' as the decimal point (an exponent is allowed); no thousands
// separators, no currency signs, no infinities or NaN.
std::optional<double> ParseNumber(std::string_view text);
// A whole number, optionally negative.
std::optional<int64_t> ParseInteger(std::string_view text);
// true/false/1/0/yes/no, any case.
std::optional<bool> ParseBool(std::string_view text);
// The position of `text` in `names` (matched case-insensitively), or -1.
int ParseEnum(std::string_view text, std::span<const std::string_view> names);

}  // namespace flywheel
