// The report registry: every report computed from a data set, as one table of
// {name, help, needs, params, parse, run}, shared by the CLI commands, `flywheel serve`
// (GET /api/<name>) and `flywheel report --xlsx/--html`, so that all of them compute a report
// from the same options in the same way: parse the parameters once into the report's typed
// options (reports/report_options.h), then run it.
//
// The registry sits above the reports it lists (reports/report_runs.h, customer_runs.h,
// market_runs.h, account_report.h); the drill-downs (reports/drilldown.h) do not go through it.
//
// Thread-safety: the table is immutable; `run` only reads its Input, so one Input may be
// shared by concurrent runs.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "output/report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"
#include "reports/report_params.h"

namespace flywheel {

struct ReportSpec {
  const char* name;  // "revenue": the CLI command and the API path /api/revenue
  const char* help;
  const char* needs;  // the tables it reads, for people: "subscriptions.csv"
  // Parameter names it accepts besides as_of (names of the CLI's long options, '_' for '-').
  // The HTTP API accepts exactly these; options that name a file on the machine (the
  // customers' --scorecard) are parsed too but are left out here, so that a request
  // cannot make the server read a file.
  std::vector<std::string> params;
  // Parses the parameter values into the report's options, checking them in the order the
  // CLI does (before the data is loaded, so that a bad value is reported before a missing data
  // folder). REQUIRES: CheckParamNames ok.
  Result<ParsedReportOptions> (*parse)(const ReportParams& params);
  // Computes the report. REQUIRES: `options` came from this report's `parse`.
  Result<Report> (*run)(const Input& input, const ParsedReportOptions& options);
  // One row for every account or lead (prospects, customers): on a million accounts, hundreds
  // of MB of working set and of output, and the longest reports. A runner of many reports
  // (the benchmark's suite) starts these first, in registry order, and runs them one at a
  // time. Prospects come first: customers leave their scores behind for attention and
  // migration, which would otherwise be held while prospects run.
  bool large = false;
  // Scans an event table row by row (leads, usage, opportunity history: tens of millions of
  // rows on large data sets) and takes a few hundred milliseconds there. A runner of many
  // reports starts these right after the large ones and leaves the short reports for the end,
  // where they fill whichever thread is free first (longest first: the last report to finish
  // is a short one).
  bool scans_events = false;
};

std::span<const ReportSpec> Reports();

// The report named `name`; kNotFound "unknown report 'revenu', did you mean 'revenue'?".
Result<const ReportSpec*> FindReport(std::string_view name);

// Fails (kUsage) for a parameter the report does not take:
// "unknown parameter 'segmnt' for revenue, did you mean 'segment'?". `extra` lists further
// names the caller accepts (the drill-down's "cell").
Status CheckParamNames(const ReportSpec& spec, const ReportParams& params,
                       const std::vector<std::string>& extra = {});

// spec.parse, then spec.run: for a caller that holds parameters (the workbook, the HTML page).
Result<Report> RunReport(const ReportSpec& spec, const Input& input, const ReportParams& params);

}  // namespace flywheel
