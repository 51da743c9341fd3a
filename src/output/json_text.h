// JSON text for Report::json_extra members built by hand (arrays of flat objects), so report
// code needs no JSON library: strings escaped per RFC 8259, numbers in shortest round-trip
// form, NaN and infinities as null.
#pragma once

#include <string>
#include <string_view>

namespace flywheel {

std::string JsonString(std::string_view s);   // "\"...\"" with escapes
std::string JsonNumber(double v);             // "12.5", or "null" for NaN

}  // namespace flywheel
