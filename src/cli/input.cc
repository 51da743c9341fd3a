#include "cli/input.h"

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cstdio>

namespace flywheel {

void AddInputOptions(CLI::App* app, InputOptions* o, bool snapshot_option) {
  auto* data = app->add_option("--data", o->data_dir, "Data set folder of canonical CSV files");
  auto* ws = app->add_option("--workspace", o->workspace_dir, "Workspace folder (made by `flywheel import`)");
  data->excludes(ws);
  if (snapshot_option) {
    app->add_option(
        "--snapshot", o->snapshot,
        "With --workspace: the snapshot to read, N (default: the latest; see `flywheel history`)");
  }
  app->add_option(
      "--settings", o->settings_path,
      "Settings file (default: flywheel.toml beside the data, or the one stored in the workspace)");
  app->add_option("--as-of", o->as_of,
                  "Report as of this date, YYYY-MM-DD (default: settings as_of, else the latest event date)");
}

void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) fmt::print(stderr, "flywheel: warning: {}\n", w);
}

void AddReportOptions(CLI::App* app, ReportOptions* o) {
  app->add_option("--period", o->period, "Period: month, quarter or year")->capture_default_str();
  app->add_option("--segment-by", o->segment_by,
                  "Account attribute to cut by (segment, industry, country, region, source, attr_*); "
                  "default: all accounts only");
  app->add_option("--segment", o->segment, "Only this value of the segment attribute");
  app->add_option(
      "--cell", o->cell,
      "Print the rows behind one number instead of the report (docs/API.md: the drill-down cells)");
  AddFormatOption(app, &o->format);
}

void AddFormatOption(CLI::App* app, std::string* format) {
  app->add_option("--format", *format, "Output: table, json or csv")->capture_default_str();
}

Status PrintReport(const Report& report, const std::string& format) {
  auto f = ParseFormat(format);
  if (!f.ok()) return f.status();
  WriteReport(report, *f, [](std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); });
  return Status::Ok();
}

}  // namespace flywheel
