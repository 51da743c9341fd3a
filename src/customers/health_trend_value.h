// HealthTrend: the direction of a customer's health (up, flat, down, or unknown without
// data) and its name in reports. health_trend.h says how it is decided.
#pragma once

#include <cstdint>
#include <string_view>

namespace flywheel {

enum class HealthTrend : int8_t { kUnknown, kUp, kFlat, kDown };

// "up", "flat", "down"; "" for kUnknown (JSON null).
std::string_view HealthTrendName(HealthTrend trend);

}  // namespace flywheel
