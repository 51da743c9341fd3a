// Test-only: a drill-down run as the API runs it (format json), as parsed JSON or as its error
// message; shared by the drill-down tests. Header-only.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "output/report_writer.h"
#include "reports/drilldown.h"
#include "reports/report_params.h"

namespace flywheel {
namespace drill_test {

inline ReportParams Params(const std::map<std::string, std::string>& params) {
  ReportParams p;
  for (auto& [k, v] : params) p.Set(k, v);
  p.Set("format", "json");
  return p;
}

// The drill-down's JSON; a failure is a test failure (and null JSON).
inline nlohmann::json Drill(const Input& input, const std::string& report,
                            const std::map<std::string, std::string>& params) {
  auto r = Drilldown(report, input, Params(params));
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? nlohmann::json::parse(RenderJson(*r)) : nlohmann::json();
}

// "ok", or the drill-down's error message.
inline std::string Error(const Input& input, const std::string& report,
                         const std::map<std::string, std::string>& params) {
  auto r = Drilldown(report, input, Params(params));
  return r.ok() ? "ok" : r.status().message();
}

}  // namespace drill_test
}  // namespace flywheel
