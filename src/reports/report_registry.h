// The report registry: every report computed from a data set, as one table of
// {name, help, needs, params, validate, run}, shared by the CLI commands, `flywheel serve`
// (GET /api/<name>) and `flywheel report --xlsx`, so that all three compute a report from
// the same options in the same way.
//
// Thread-safety: the table is immutable; `run` only reads its Input, so one Input may be
// shared by concurrent runs.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "customers/account_score.h"
#include "customers/scorecard.h"
#include "output/report.h"
#include "pipeline/pipeline_report.h"
#include "reports/report_input.h"
#include "reports/report_params.h"
#include "reports/scored_customers.h"
#include "revenue/cohort_report.h"

namespace flywheel {

struct ReportSpec {
  const char* name;  // "revenue": the CLI command and the API path /api/revenue
  const char* help;
  const char* needs;  // the tables it reads, for people: "subscriptions.csv"
  // Parameter names it accepts besides as_of (names of the CLI's long options, '_' for '-').
  // The HTTP API accepts exactly these; options that name a file on the machine (the
  // customers' --scorecard) are read by `run` too but are left out here, so that a request
  // cannot make the server read a file.
  std::vector<std::string> params;
  // Checks the parameter values in the order the CLI does, before the data is loaded, so
  // that a bad value is reported before a missing data folder. REQUIRES: CheckParamNames ok.
  Status (*validate)(const ReportParams& params);
  // Computes the report. Calls `validate` first. as_of, when given, replaces Input::as_of.
  Result<Report> (*run)(const Input& input, const ReportParams& params);
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

// The report date of a run: params "as_of" when given, else input.as_of.
Result<Day> RunAsOf(const Input& input, const ReportParams& params);

// The cohort options of `cohorts` from validated params (metric, period, segment_by, segment):
// what the report and its drill-down both use.
CohortOptions CohortOptionsFor(const Input& input, const ReportParams& params);

// The pipeline with its open-deal ageing table (the CLI's table format prints both).
Result<PipelineReport> RunPipeline(const Input& input, const ReportParams& params);

// The scorecard (params "scorecard": a TOML file, else the built-in one) and the score of
// every customer as of RunAsOf: what `customers`, `attention`, `migration` and the
// customers drill-down read. The per-measure arithmetic (AccountScore::measures) is kept
// when params ask for an explanation ("explain") or `keep_measures` is set (snapshots).
// Actions are chosen by the card's playbook (customers/action_choice.h); from a workspace, the
// health trend is measured against its latest score snapshot of an earlier date.
// ScoredCustomers: reports/scored_customers.h.
Result<Scorecard> LoadCustomersScorecard(const Input& input, const ReportParams& params);
Result<ScoredCustomers> ScoreCustomers(const Input& input, const ReportParams& params,
                                       bool keep_measures = false);
// ScoreCustomers shared through input.derived (DerivedData::Scored) when the built-in
// scorecard is used and no explanation is asked for (no `scorecard`, no `explain`): the
// customers, attention and migration reports of one as-of date score the accounts once.
// Otherwise scored afresh for this call.
Result<std::shared_ptr<const ScoredCustomers>> SharedScoredCustomers(const Input& input,
                                                                     const ReportParams& params);
// The `customers` report of `scored` for params class, account and explain (kNotFound for an
// unknown account or one without ARR); from a workspace, with the trend against its latest
// score snapshot. `flywheel customers --snapshot` stores `scored` after this. The report's
// rows read `scored`, which the report shares (CustomersReport).
Result<Report> CustomersReportFor(const Input& input, const ReportParams& params,
                                  const std::shared_ptr<const ScoredCustomers>& scored);

// The classes of the scorecard, in the order the reports list them.
const std::vector<std::string>& CustomerClasses();

}  // namespace flywheel
