// The market reports (market.md): segment ranking and sensitivity, beachhead sizing, Bass
// forecast and fit, shaped once for `flywheel segments …` / `flywheel market …` and for the
// API (/api/segments, /api/segments/sensitivity, /api/market/beachhead, /api/market/forecast,
// /api/market/fit), so both print the same JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "market/bass_fit.h"
#include "market/bass_model.h"
#include "market/beachhead_model.h"
#include "market/scoring_model.h"
#include "market/segment_sensitivity.h"
#include "output/report.h"
#include "reports/report_input.h"

namespace flywheel {

// `segments score`: the ranking with notes on vetoes and weights.
Report SegmentRankingReport(const ScoringModel& model);

// `segments sensitivity`: the weight changes that flip the winner, and rank stability.
Report SegmentSensitivityReport(const ScoringModel& model, const StabilityOptions& options);

// `market beachhead`: sizing by adoption category; with p and q (both or neither, else
// kUsage "give both p and q, or neither"; ValidateBass's message for bad values) the
// periods in which the share scenarios are reached.
Result<Report> BeachheadReport(const BeachheadModel& model, std::optional<double> p, std::optional<double> q);

// `market forecast`: the Bass curve for `periods` periods, cumulative ARR at `average_arr`.
// Fails with ValidateBass's message.
Result<Report> BassForecastReport(const BassParameters& bass, int periods, double average_arr);

// `market fit`: OLS and NLS estimates from adopters per period (an OLS row without a Bass
// model is null with its reason in `unavailable`); FitBass's errors.
struct BassFitOptions {
  BassObjective objective = BassObjective::kIncrements;
  std::string as_of;   // the report's as_of and period: set when the adopters come from a data
  std::string period;  // set (new customers per period up to the as-of date); "" for a CSV file
};
Result<Report> BassFitReport(const std::vector<double>& adopters, const BassFitOptions& options = {});

// New customers per period (the first month with MRR) up to `as_of`, for `market fit
// --data`: all accounts, or those whose settings' segment attribute is `segment`.
// `period`: month, quarter or year (ParsePeriod's message otherwise).
Result<std::vector<double>> AdoptersFromDataSet(const Input& input, Day as_of, const std::string& segment,
                                                const std::string& period);

}  // namespace flywheel
