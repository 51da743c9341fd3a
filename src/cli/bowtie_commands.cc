// `flywheel bowtie`, `ttv`, `efficiency` and `flywheel`: the journey and efficiency
// reports. The options are turned into report parameters here; the reports are run by
// reports/report_registry.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/input.h"
#include "cli/report_command.h"

namespace flywheel {

std::function<Status()> SetupBowtie(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
    std::string mode = "cohort";
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_option(
         "--mode", o->mode,
         "cohort (follow the units entering each stage) or period (divide the period's stage entries)")
      ->capture_default_str();
  return [o]() -> Status {
    ReportParams params = ParamsFromOptions(o->report);
    params.Set("mode", o->mode);
    return RunAndPrintReport("bowtie", o->input, params);
  };
}

std::function<Status()> SetupTtv(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  return [o]() -> Status { return RunAndPrintReport("ttv", o->input, ParamsFromOptions(o->report)); };
}

std::function<Status()> SetupEfficiency(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
    bool by_cohort = false;
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_flag("--by-cohort", o->by_cohort, "Show CAC payback by acquisition cohort instead");
  return [o]() -> Status {
    ReportParams params = ParamsFromOptions(o->report);
    if (o->by_cohort) params.Set("by_cohort", "true");
    return RunAndPrintReport("efficiency", o->input, params);
  };
}

std::function<Status()> SetupFlywheel(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
    bool indicators = false;
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_flag("--indicators", o->indicators,
                "Show the leading and lagging indicators and their trend instead");
  return [o]() -> Status {
    ReportParams params = ParamsFromOptions(o->report);
    if (o->indicators) params.Set("indicators", "true");
    return RunAndPrintReport("flywheel", o->input, params);
  };
}

}  // namespace flywheel
