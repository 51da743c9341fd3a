// `flywheel pipeline` and `flywheel waterfall`: the left-wing reports. The options are
// turned into report parameters here; the reports are run by reports/report_registry.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/input.h"
#include "cli/report_command.h"
#include "output/report_writer.h"
#include "reports/report_registry.h"
#include "reports/report_runs.h"

namespace flywheel {

std::function<Status()> SetupPipeline(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
    std::string velocity = "created";
    std::string cycle = "won";
    std::string owner;
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_option("--velocity-opportunities", o->velocity,
                  "Deals that multiply sales velocity: created (in the period) or open (at its end)")
      ->capture_default_str();
  app->add_option("--cycle-over", o->cycle, "Deals the cycle statistics use: won or closed (won and lost)")
      ->capture_default_str();
  app->add_option("--owner", o->owner, "Only the deals of this owner (sales rep)");
  return [o]() -> Status {
    ReportParams params = ParamsFromOptions(o->report);
    params.Set("velocity_opportunities", o->velocity);
    params.Set("cycle_over", o->cycle);
    params.Set("owner", o->owner);
    if (o->report.format != "table") return RunAndPrintReport("pipeline", o->input, params);
    // The table form adds the open-deal ageing as a second block.
    auto options = ParsePipelineOptions(params);
    if (!options.ok()) return options.status();
    auto input = LoadInput(o->input);
    if (!input.ok()) return input.status();
    PrintWarnings(input.value().warnings);
    auto result = RunPipeline(input.value(), options.value());
    if (!result.ok()) return result.status();
    std::string text = RenderTable(result.value().report) + "\n" + RenderTable(result.value().ageing);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Status::Ok();
  };
}

std::function<Status()> SetupWaterfall(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
    std::string from, to;
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_option("--from", o->from, "First day of the window, YYYY-MM-DD")->required();
  app->add_option("--to", o->to, "Last day of the window, YYYY-MM-DD")->required();
  return [o]() -> Status {
    ReportParams params = ParamsFromOptions(o->report);
    params.Set("from", o->from);
    params.Set("to", o->to);
    return RunAndPrintReport("waterfall", o->input, params);
  };
}

}  // namespace flywheel
