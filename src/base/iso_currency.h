// ISO 4217 currency codes, as ICU knows them (past currencies such as DEM included).
#pragma once

#include <string_view>

namespace flywheel {

// Whether `code` is a three-letter upper-case ISO 4217 code ("USD", "EUR").
bool IsIsoCurrency(std::string_view code);

}  // namespace flywheel
