// JSON text for Report::json_extra members built by hand (arrays of flat objects), so report
// code needs no JSON library: strings escaped per RFC 8259, numbers by the number rule
// (output/json_number.h: JsonNumber).
#pragma once

#include <string>
#include <string_view>

#include "output/json_number.h"

namespace flywheel {

std::string JsonString(std::string_view s);  // "\"...\"" with escapes

}  // namespace flywheel
