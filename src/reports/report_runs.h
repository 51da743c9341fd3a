// The runs of the data-set reports from their typed options (reports/report_options.h):
// revenue, cohorts, pipeline, waterfall, bowtie, ttv, efficiency and flywheel. The registry
// (reports/report_registry.h) lists them; the drill-downs run them for the report's own errors
// and rows.
//
// Thread-safety: a run only reads its Input (and its shared DerivedData, itself thread-safe).
#pragma once

#include "base/status.h"
#include "output/report.h"
#include "pipeline/pipeline_report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"
#include "revenue/cohort_report.h"

namespace flywheel {

Result<Report> RunRevenue(const Input& input, const RevenueReportOptions& options);
Result<Report> RunCohorts(const Input& input, const CohortsReportOptions& options);
// The pipeline report alone (RunPipeline gives the open-deal ageing too).
Result<Report> RunPipelineReport(const Input& input, const PipelineReportOptions& options);
Result<Report> RunWaterfall(const Input& input, const WaterfallReportOptions& options);
// kNotFound "bowtie needs leads.csv or journey.csv".
Result<Report> RunBowtie(const Input& input, const BowtieReportOptions& options);
Result<Report> RunTtv(const Input& input, const TtvReportOptions& options);
// kNotFound when spend.csv or subscriptions.csv is missing.
Result<Report> RunEfficiency(const Input& input, const EfficiencyReportOptions& options);
// kNotFound when subscriptions.csv is missing.
Result<Report> RunFlywheel(const Input& input, const FlywheelReportOptions& options);

// The cohort options of `cohorts` (metric, period, segment_by, segment): what the report and
// its drill-down both use.
CohortOptions CohortOptionsFor(const Input& input, const CohortsReportOptions& options);

// The pipeline with its open-deal ageing table (the CLI's table format prints both).
Result<PipelineReport> RunPipeline(const Input& input, const PipelineReportOptions& options);

}  // namespace flywheel
