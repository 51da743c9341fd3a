// The reports of `flywheel customers`: every account's score, class, reasons and action
// with the fit × health matrix, and the exact explanation of one account's score.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/date.h"
#include "customers/account_score.h"
#include "output/report.h"
#include "settings/settings.h"

namespace flywheel {

// One row per account, best score first (unscored last; ties by account id). JSON rows
// follow customers.md: account_id, score, class, action, coverage, dimensions {name: score},
// reasons [...], matched_rule (in that key order); plus fit, health, arr, the action's reason (action_reason)
// and the health trend (health_trend: "up", "flat", "down" or null; action_choice.h); an
// account that no play matched has a null action. The extra table "matrix" counts accounts
// by fit (≥ card.high_fit = high) × health (≥ card.high_health), "unknown" when either
// axis has no data. `class_filter` keeps one class ("" = all); the matrix counts all.
// With `previous` (account id -> score of the latest stored snapshot, NaN = unscored) a
// "trend" column (score_snapshots.h ScoreTrend) and JSON "previous_score" are added.
// Tables and CSV show the reasons joined by ", " and no dimensions. The rows are given on
// demand (Report::row_at) and read `scores`, which the report shares.
Report CustomersReport(std::shared_ptr<const std::vector<AccountScore>> scores, const Scorecard& card,
                       const Settings& settings, Day as_of, const std::string& class_filter,
                       const std::map<std::string, double>* previous = nullptr);

// One row per measure: dimension, measure, method, raw, normalised, weight,
// effective_weight, points (Σ points = score), impact; notes give the total, coverage,
// class, matched rule, action and the reasons.
Report ExplainReport(const AccountScore& score, const Settings& settings, Day as_of);

}  // namespace flywheel
