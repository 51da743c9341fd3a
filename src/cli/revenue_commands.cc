// `flywheel revenue` and `flywheel cohorts`: the recurring-revenue reports. The options
// are turned into report parameters here; the reports are run by reports/report_registry.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "cli/input.h"
#include "cli/report_command.h"

namespace flywheel {

namespace {

struct RevenueCommandOptions {
  InputOptions input;
  ReportOptions report;
  std::string metric = "nrr";
};

}  // namespace

std::function<Status()> SetupRevenue(CLI::App* app) {
  auto o = std::make_shared<RevenueCommandOptions>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  return [o]() -> Status { return RunAndPrintReport("revenue", o->input, ParamsFromOptions(o->report)); };
}

std::function<Status()> SetupCohorts(CLI::App* app) {
  auto o = std::make_shared<RevenueCommandOptions>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_option("--metric", o->metric, "Retention metric: nrr, grr or logo (default nrr)");
  return [o]() -> Status {
    ReportParams params = ParamsFromOptions(o->report);
    params.Set("metric", o->metric);
    return RunAndPrintReport("cohorts", o->input, params);
  };
}

}  // namespace flywheel
