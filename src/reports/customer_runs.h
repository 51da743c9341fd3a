// The runs of the scorecard reports from their typed options (reports/report_options.h):
// prospects, customers, attention and migration, and the scoring they share (customers.md).
//
// Thread-safety: a run only reads its Input (and its shared DerivedData, itself thread-safe).
#pragma once

#include <memory>

#include "base/status.h"
#include "customers/scorecard.h"
#include "output/report.h"
#include "reports/report_input.h"
#include "reports/report_options.h"
#include "reports/scored_customers.h"

namespace flywheel {

Result<Report> RunProspects(const Input& input, const ProspectsReportOptions& options);
Result<Report> RunCustomers(const Input& input, const CustomersReportOptions& options);
// The budget warning is not part of the report's JSON: the CLI prints it on stderr.
Result<Report> RunAttention(const Input& input, const AttentionReportOptions& options);
Result<Report> RunMigration(const Input& input, const MigrationReportOptions& options);

// The scorecard (options.scorecard: a TOML file, else the built-in one) and the score of
// every customer as of options.AsOf: what `customers`, `attention`, `migration`, `account`
// and the customers drill-down read. The per-measure arithmetic (AccountScore::measures) is
// kept when options.explain is set or `keep_measures` is (snapshots). Actions are chosen by
// the card's playbook (customers/action_choice.h); from a workspace, the health trend is
// measured against its latest score snapshot of an earlier date.
Result<Scorecard> LoadCustomersScorecard(const Input& input, const ScorecardReportOptions& options);
Result<ScoredCustomers> ScoreCustomers(const Input& input, const ScorecardReportOptions& options,
                                       bool keep_measures = false);
// ScoreCustomers shared through input.derived (DerivedData::Scored) when the built-in
// scorecard is used and no explanation is asked for: the customers, attention and migration
// reports of one as-of date score the accounts once. Otherwise scored afresh for this call.
Result<std::shared_ptr<const ScoredCustomers>> SharedScoredCustomers(const Input& input,
                                                                     const ScorecardReportOptions& options);
// The `customers` report of `scored` for options class, account and explain (kNotFound for an
// unknown account or one without ARR); from a workspace, with the trend against its latest
// score snapshot. `flywheel customers --snapshot` stores `scored` after this. The report's
// rows read `scored`, which the report shares (CustomersReport).
Result<Report> CustomersReportFor(const Input& input, const CustomersReportOptions& options,
                                  const std::shared_ptr<const ScoredCustomers>& scored);

}  // namespace flywheel
