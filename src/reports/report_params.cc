#include "reports/report_params.h"

#include <fmt/core.h>

namespace flywheel {

std::string ReportParams::Get(std::string_view name, std::string_view fallback) const {
  auto it = values_.find(std::string(name));
  return it == values_.end() ? std::string(fallback) : it->second;
}

std::string OptionName(std::string_view param) {
  std::string out = "--";
  for (char c : param) out += c == '_' ? '-' : c;
  return out;
}

Result<bool> FlagParam(const ReportParams& params, std::string_view name) {
  if (!params.Has(name)) return false;
  std::string v = params.Get(name);
  if (v.empty() || v == "1" || v == "true" || v == "yes") return true;
  if (v == "0" || v == "false" || v == "no") return false;
  return Status::Usage(fmt::format("{}: '{}' is not true or false", OptionName(name), v));
}

Result<std::optional<Day>> DateParam(const ReportParams& params, std::string_view name) {
  if (!params.Has(name)) return std::optional<Day>();
  std::string v = params.Get(name);
  auto day = ParseDate(v);
  if (!day)
    return Status::Usage(fmt::format("{}: {} is not a date (expected YYYY-MM-DD)", OptionName(name), v));
  return std::optional<Day>(*day);
}

}  // namespace flywheel
