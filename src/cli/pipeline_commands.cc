// `flywheel pipeline` and `flywheel waterfall`: the left-wing reports.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "cli/input.h"
#include "output/report_writer.h"
#include "pipeline/pipeline_report.h"
#include "pipeline/pipeline_waterfall.h"

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
    auto format = ParseFormat(o->report.format);
    if (!format.ok()) return format.status();
    auto period = ParsePeriod(o->report.period);
    if (!period.ok()) return period.status();
    PipelineOptions options;
    if (o->velocity == "open") {
      options.velocity_opportunities = VelocityOpportunities::kOpen;
    } else if (o->velocity != "created") {
      return Status::Usage(fmt::format("--velocity-opportunities: unknown value '{}' (expected created or open)", o->velocity));
    }
    if (o->cycle == "closed") {
      options.cycle_over = CycleOver::kClosed;
    } else if (o->cycle != "won") {
      return Status::Usage(fmt::format("--cycle-over: unknown value '{}' (expected won or closed)", o->cycle));
    }
    auto input = LoadInput(o->input);
    if (!input.ok()) return input.status();
    PrintWarnings(input->warnings);
    options.as_of = input->as_of;
    options.granularity = *period;
    options.segment_by = o->report.segment_by;
    options.segment = o->report.segment;
    options.owner = o->owner;
    auto result = ComputePipeline(input->dataset, input->settings, options);
    if (!result.ok()) return result.status();
    if (*format == ReportFormat::kTable) {
      std::string text = RenderTable(result->report) + "\n" + RenderTable(result->ageing);
      std::fwrite(text.data(), 1, text.size(), stdout);
      return Status::Ok();
    }
    return PrintReport(result->report, o->report.format);
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
    auto format = ParseFormat(o->report.format);
    if (!format.ok()) return format.status();
    auto from = ParseDate(o->from);
    if (!from) return Status::Usage(fmt::format("--from: {} is not a date (expected YYYY-MM-DD)", o->from));
    auto to = ParseDate(o->to);
    if (!to) return Status::Usage(fmt::format("--to: {} is not a date (expected YYYY-MM-DD)", o->to));
    auto input = LoadInput(o->input);
    if (!input.ok()) return input.status();
    PrintWarnings(input->warnings);
    auto report = ComputeWaterfall(input->dataset, input->settings, *from, *to, input->as_of);
    if (!report.ok()) return report.status();
    return PrintReport(*report, o->report.format);
  };
}

}  // namespace flywheel
