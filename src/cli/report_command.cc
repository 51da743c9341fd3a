// `flywheel report`: every report of the registry in one go, written as an Excel workbook
// (--xlsx) or an HTML page (--html); and the glue that runs one registered report for
// the single-report commands (revenue, cohorts, ...).
#include "cli/report_command.h"

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <memory>

#include "reports/drilldown.h"
#include "reports/html_report.h"
#include "reports/report_registry.h"
#include "reports/xlsx_workbook.h"

namespace flywheel {

ReportParams ParamsFromOptions(const ReportOptions& options) {
  ReportParams params;
  params.Set("period", options.period);
  params.Set("segment_by", options.segment_by);
  params.Set("segment", options.segment);
  params.Set("format", options.format);
  if (!options.cell.empty()) params.Set("cell", options.cell);
  return params;
}

Status RunAndPrintReport(const char* name, const InputOptions& input, const ReportParams& params) {
  auto spec = FindReport(name);
  if (!spec.ok()) return spec.status();
  auto options = spec.value()->parse(params);  // before the data: a bad value is reported first
  if (!options.ok()) return options.status();
  auto in = LoadInput(input);
  if (!in.ok()) return in.status();
  PrintWarnings(in.value().warnings);
  // --cell: the drill-down of the number instead of the report.
  DrillCellText cell;
  if (params.Has("cell")) cell = params.Get("cell");
  auto report = cell ? Drilldown(name, in.value(), options.value(), cell)
                     : spec.value()->run(in.value(), options.value());
  if (!report.ok()) return report.status();
  return PrintReport(report.value(), params.Get("format", "table"));
}

}  // namespace flywheel

namespace flywheel {

std::function<Status()> SetupReport(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
    std::string xlsx, html;
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  app->add_option("--period", o->report.period, "Period: month, quarter or year")->capture_default_str();
  app->add_option("--segment-by", o->report.segment_by, "Account attribute to cut by");
  app->add_option("--segment", o->report.segment, "Only this value of the segment attribute");
  app->add_option("--xlsx", o->xlsx, "Write the main reports as an Excel workbook to this file");
  app->add_option("--html", o->html, "Write the main reports as one self-contained HTML page to this file");
  return [o]() -> Status {
    if (o->xlsx.empty() && o->html.empty()) return Status::Usage("give --xlsx FILE or --html FILE");
    auto period = ParsePeriod(o->report.period);
    if (!period.ok()) return period.status();
    auto input = LoadInput(o->input);
    if (!input.ok()) return input.status();
    PrintWarnings(input->warnings);
    ReportParams params = ParamsFromOptions(o->report);
    if (!o->xlsx.empty()) FLYWHEEL_RETURN_IF_ERROR(WriteXlsxReport(*input, params, o->xlsx));
    if (!o->html.empty()) FLYWHEEL_RETURN_IF_ERROR(WriteHtmlReport(*input, params, o->html));
    return Status::Ok();
  };
}

}  // namespace flywheel
