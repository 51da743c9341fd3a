// Scorecard: the weights, normalisation bands, rules, class thresholds and playbook that
// turn an account's measures into a score, a class and an action (customers.md "Account
// scorecard").
//
// A scorecard is a TOML file; the defaults ship as examples/scorecard.toml and are built
// into the binary as they are (DefaultScorecardToml(), embedded when built). The measures
// are a fixed set computed by account_measures.h; a scorecard chooses each one's weight
// (0 switches it off) and how its raw value becomes 0–100:
//   bands       — [[from, score], ...] ascending: the score of the last band whose `from`
//                 is ≤ the raw value (below the first band: the first band's score);
//   linear      — `low` maps to 0 and `high` to 100, clamped (low > high: lower is better);
//   percentile  — the share of the comparison group (all scored accounts with data) whose
//                 value is below, plus half of those equal, × 100; `lower_is_better` flips it.
// Immutable after parsing; safe to share between threads.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "customers/playbook.h"
#include "customers/rule_expression.h"
#include "customers/rule_names.h"

namespace flywheel {

enum class Normalisation { kBands, kLinear, kPercentile };

struct MeasureSpec {
  std::string name;       // "arr", "nps", ... (account_measures.h lists them)
  std::string dimension;  // fixed per measure: "revenue", "health", ...
  double weight = 0;      // share of the total; 0 = not scored
  Normalisation method = Normalisation::kLinear;
  std::vector<std::pair<double, double>> bands;  // (from, score), from ascending
  double low = 0, high = 100;                    // linear
  bool lower_is_better = false;                  // percentile
};

// A migration notice tier: accounts whose ARR at stake on sunset lines is at least
// `from_arr` (and below the next tier's) get `notice_months` of notice.
struct NoticeTier {
  double from_arr = 0;
  int notice_months = 0;
  bool operator==(const NoticeTier&) const = default;
};

// A named rule of the scorecard. `points` is used by ICP-fit rules only.
struct NamedRule {
  std::string name;
  RuleExpression rule;
  double points = 0;
};

struct Scorecard {
  std::vector<MeasureSpec> measures;                      // in the order of MeasureDimensions()
  std::map<std::string, std::vector<std::string>> lists;  // [lists]; plus settings' lists

  // [classes]: lower bounds of ideal, good and neutral (defaults 80, 60, 40).
  double ideal = 80, good = 60, neutral = 40;

  std::vector<NamedRule> icp_rules;     // [[icp_rules]] name, rule, points
  std::vector<NamedRule> anti_profile;  // [[anti_profile]] name, rule
  std::vector<NamedRule> exclusions;    // [[exclusions]] name, rule

  // [costs]: service cost = effort hours × hourly + escalations × cost of their level.
  double hourly_cost = 80;                           // hourly; default 80
  double escalation_cost[4] = {0, 250, 1000, 5000};  // support, sales, management, executive
  // [revenue_quality]: score of each revenue type (recurring, usage, one_off, services).
  double revenue_type_score[4] = {100, 75, 40, 20};
  // [advocacy]: points per event type (reference, case_study, testimonial, talk, review,
  // referral) and the half-life of an event's weight in days (default 365).
  double advocacy_points[6] = {3, 5, 2, 5, 1, 3};
  double advocacy_half_life_days = 365;
  // [health] half_life_days: recency weight of NPS answers (default 90).
  double health_half_life_days = 90;
  // [health] thresholds of the health trend (health_trend.h): against a score snapshot, a
  // move of the health axis by at least trend_points (default 5); else usage_trend at or
  // beyond 1 ± usage_trend_band (default 0.25) and the nps measure moving by at least
  // nps_trend_points (default 1) over 90 days.
  double health_trend_points = 5, usage_trend_band = 0.25, nps_trend_points = 1;
  // [product_fit] focus_segments: segments the company focuses on (default empty = the
  // focus_segment measure has no data).
  std::vector<std::string> focus_segments;
  // [affinity] attribute: the 0–5 account attribute (default "attr_affinity").
  std::string affinity_attribute = "attr_affinity";
  // [fit]: lower bound of a "high" fit and a "high" health for the fit × health matrix,
  // and of Prio 1 / Prio 2 for prospects (defaults 60, 60, 70, 40).
  double high_fit = 60, high_health = 60, prio1_fit = 70, prio2_fit = 40;
  // [[migration.notice_tiers]] from_arr, notice_months: the first starts at 0, from_arr
  // strictly ascending, notice_months a positive whole number (customers.md defaults).
  std::vector<NoticeTier> notice_tiers = {{0, 1}, {20000, 12}, {100000, 36}, {1000000, 60}};
  // [[actions]] name, rule, action, why, executive_sponsor: the playbook (playbook.h), in
  // order, the first match wins. A scorecard without [[actions]] gets the default playbook,
  // that of examples/scorecard.toml.
  std::vector<ActionRule> actions;

  const MeasureSpec* Find(const std::string& name) const;
};

// The built-in default scorecard: the text of examples/scorecard.toml, embedded when built.
const char* DefaultScorecardToml();

// Parses scorecard TOML. `path` names the file in messages. `settings_lists` are the named
// lists the settings provide (excluded_countries, excluded_industries, strategic_lines,
// ...), usable in rules beside [lists]. Errors are kBadData "path:line: what is wrong";
// rule errors read `path:14: rule "big": column 12: expected a value after '>='`.
Result<Scorecard> ParseScorecard(const std::string& toml_text, const std::string& path,
                                 const std::map<std::string, std::vector<std::string>>& settings_lists);

// Reads and parses `path`; a missing file is kNotFound.
Result<Scorecard> LoadScorecardFile(const std::string& path,
                                    const std::map<std::string, std::vector<std::string>>& settings_lists);

}  // namespace flywheel
