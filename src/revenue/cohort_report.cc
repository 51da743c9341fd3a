#include "revenue/cohort_report.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "segments/account_segments.h"

namespace flywheel {

Result<CohortTriangle> ComputeCohorts(const Dataset& data, const Settings& settings, const MrrSeries& series,
                                      const CohortOptions& options) {
  CohortTriangle out;
  const size_t n_accounts = series.account_count();
  std::string segment_by = options.segment_by;
  if (segment_by.empty() && !options.segment.empty()) segment_by = settings.segment_attribute;
  std::vector<std::string> groups = {"all"};
  std::vector<int> group_of(n_accounts, 0);
  if (!segment_by.empty()) {
    auto segs = SegmentAccounts(data, segment_by);
    if (!segs.ok()) return segs.status();
    groups = segs->values;
    for (size_t a = 0; a < n_accounts; ++a) group_of[a] = segs->of_account[a];
    if (!options.segment.empty()) {
      auto it = std::find(groups.begin(), groups.end(), options.segment);
      if (it == groups.end()) {
        return Status::Usage(fmt::format("--segment: no {} '{}' in accounts.csv{}", segment_by,
                                         options.segment, DidYouMeanSuffix(options.segment, groups)));
      }
      int want = static_cast<int>(it - groups.begin());
      for (auto& g : group_of) g = (g == want) ? g : -1;
    }
  }
  if (series.first_month() == kNullMonth) return out;
  PeriodCalendar cal{options.granularity, options.fiscal_year_start_month};
  const int step = MonthsPerPeriod(options.granularity);
  const Month last = series.last_month();
  const int last_period_index = (cal.PeriodStart(last) - cal.PeriodStart(series.first_month())) / step;
  // Keyed by (segment, cohort).
  std::map<std::pair<int, Month>, CohortRow> rows;
  for (size_t a = 0; a < n_accounts; ++a) {
    AccountIndex ai = static_cast<AccountIndex>(a);
    Month f = series.FirstActiveMonth(ai);
    if (f == kNullMonth || group_of[a] < 0) continue;
    Month c = cal.PeriodStart(f);
    CohortRow& r = rows[{group_of[a], c}];
    int ages = (cal.PeriodStart(last) - c) / step + 1;
    if (r.numerator.empty()) {
      r.cohort = c;
      r.segment = groups[group_of[a]];
      r.numerator.assign(static_cast<size_t>(ages), 0.0);
    }
    // Start MRR: the account's MRR in its first month. Age k: MRR at the snapshot month of
    // period c + k (its last month, or the as-of month for the current period), at the rates
    // of the first month (constant currency: retention measures contracts, not rates).
    const double start = series.Mrr(ai, f);
    r.accounts += 1;
    r.start_mrr += start;
    r.denominator += options.metric == CohortMetric::kLogo ? 1 : start;
    for (int k = 0; k < ages; ++k) {
      Month snap = std::min(c + k * step + step - 1, last);
      double add = 0;
      switch (options.metric) {
        case CohortMetric::kNrr:
          add = series.MrrAtRatesOf(ai, snap, f);
          break;
        case CohortMetric::kGrr:
          add = std::min(series.MrrAtRatesOf(ai, snap, f), start);
          break;
        case CohortMetric::kLogo:
          add = series.Mrr(ai, snap) > 0 ? 1 : 0;
          break;
      }
      *r.numerator[static_cast<size_t>(k)] += add;
    }
  }
  out.max_age = last_period_index;
  std::vector<double> num(static_cast<size_t>(out.max_age + 1), 0.0), den(num.size(), 0.0);
  for (auto& [key, r] : rows) {
    for (size_t k = 0; k < r.numerator.size(); ++k) {
      num[k] += *r.numerator[k];
      den[k] += r.denominator;
    }
    r.numerator.resize(num.size());  // future ages: nullopt
    out.rows.push_back(std::move(r));
  }
  for (size_t k = 0; k < num.size(); ++k) {
    out.weighted_average.push_back(den[k] > 0 ? std::optional<double>(num[k] / den[k]) : std::nullopt);
  }
  return out;
}

Report CohortReport(const CohortTriangle& triangle, const CohortOptions& options, const Settings& settings,
                    Day as_of, int max_table_ages) {
  Report rep;
  rep.name = "cohorts";
  rep.as_of = FormatDate(as_of);
  rep.period = std::string(GranularityName(options.granularity));
  rep.segment_by = options.segment_by;
  rep.currency = settings.base_currency;
  PeriodCalendar cal{options.granularity, options.fiscal_year_start_month};
  const char* metric = options.metric == CohortMetric::kNrr   ? "nrr"
                       : options.metric == CohortMetric::kGrr ? "grr"
                                                              : "logo";
  rep.columns = {{"cohort", ColumnKind::kText, "Cohort"},
                 {"segment", ColumnKind::kText, "Segment"},
                 {"accounts", ColumnKind::kInteger, "Accounts"},
                 {"start_mrr", ColumnKind::kMoney, "Start MRR"}};
  // The JSON's triangle: each cohort's "values" by age, and their weighted average.
  rep.extra_fields = {
      {"min_cohort_size", ColumnKind::kInteger, "minimum cohort size (smaller ones shown greyed)"},
      {"values", ColumnKind::kRate, "retention by age"},
      {"weighted_average", ColumnKind::kRate, "weighted average by age"}};
  int ages = triangle.max_age + 1;
  int shown = (max_table_ages > 0) ? std::min(ages, max_table_ages) : ages;
  const char prefix = options.granularity == Granularity::kYear      ? 'y'
                      : options.granularity == Granularity::kQuarter ? 'q'
                                                                     : 'm';
  for (int k = 0; k < shown; ++k) {
    rep.columns.push_back({fmt::format("age_{}", k), ColumnKind::kRate, fmt::format("{}{}", prefix, k)});
  }
  nlohmann::json cohorts = nlohmann::json::array();
  int64_t total_accounts = 0;
  double total_start = 0;
  auto value = [](const std::optional<double>& num, double den) -> std::optional<double> {
    if (!num || den == 0) return std::nullopt;
    return *num / den;
  };
  for (const CohortRow& r : triangle.rows) {
    std::vector<Cell> cells = {cal.Label(r.cohort), r.segment, r.accounts, r.start_mrr};
    nlohmann::json values = nlohmann::json::array();
    for (int k = 0; k < ages; ++k) {
      auto v = value(r.numerator[static_cast<size_t>(k)], r.denominator);
      if (k < shown) cells.push_back(v ? Cell(*v) : Cell(std::monostate{}));
      values.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
    }
    total_accounts += r.accounts;
    total_start += r.start_mrr;
    rep.rows.push_back(std::move(cells));
    cohorts.push_back({{"cohort", cal.Label(r.cohort)},
                       {"segment", r.segment},
                       {"accounts", r.accounts},
                       {"start_mrr", r.start_mrr},
                       {"values", values}});
  }
  std::vector<Cell> avg = {std::string("weighted average"), std::string("all"), total_accounts, total_start};
  nlohmann::json avg_json = nlohmann::json::array();
  for (int k = 0; k < ages; ++k) {
    const auto& v = triangle.weighted_average[static_cast<size_t>(k)];
    if (k < shown) avg.push_back(v ? Cell(*v) : Cell(std::monostate{}));
    avg_json.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
  }
  rep.rows.push_back(std::move(avg));
  rep.json_rows = false;
  rep.json_extra = {{"metric", nlohmann::json(metric).dump()},
                    {"cohorts", cohorts.dump()},
                    {"weighted_average", avg_json.dump()},
                    {"min_cohort_size", nlohmann::json(settings.min_cohort_size).dump()}};
  rep.notes.push_back(
      fmt::format("Metric: {}; cohort = {} of the first MRR > 0; the last row is the "
                  "size-weighted average (pooled over cohorts that have the age).",
                  metric, GranularityName(options.granularity)));
  if (shown < ages) {
    rep.notes.push_back(
        fmt::format("Showing ages 0-{} of 0-{}; --format json or csv has all.", shown - 1, ages - 1));
  }
  return rep;
}

}  // namespace flywheel
