#include "customers/health_trend_value.h"

namespace flywheel {

std::string_view HealthTrendName(HealthTrend trend) {
  switch (trend) {
    case HealthTrend::kUp:
      return "up";
    case HealthTrend::kFlat:
      return "flat";
    case HealthTrend::kDown:
      return "down";
    case HealthTrend::kUnknown:
      break;
  }
  return "";
}

}  // namespace flywheel
