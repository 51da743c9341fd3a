// Helpers for reading the market module's TOML files (scoring, beachhead) with error
// messages that name the file and line: `segments.toml:12: ...`.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace flywheel {

// Parses TOML text; a syntax error becomes kBadData "FILE:LINE: DESCRIPTION".
Result<toml::table> ParseToml(std::string_view text, std::string_view file_name);

// "FILE:LINE" for a node (the line of its source region).
std::string Where(std::string_view file_name, const toml::node& node);

// kBadData "FILE:LINE: CONTEXTunknown key 'x' in WHAT, did you mean 'y'?" for the first key of
// `table` not in `allowed`; `context` is a prefix such as `segment "Retail": `.
Status CheckKeys(const toml::table& table, const std::vector<std::string>& allowed, std::string_view what,
                 std::string_view file_name, std::string_view context = "");

// The number in `node` (integer or float), or nullopt when it is not a number.
std::optional<double> NumberOf(const toml::node& node);

// Formats a number as written by a person: 20, 2.5, 0.125 (shortest round-trip form).
std::string ShortNumber(double v);

}  // namespace flywheel
