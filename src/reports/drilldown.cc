#include "reports/drilldown.h"

#include <fmt/core.h>

#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "reports/report_registry.h"
#include "revenue/movements.h"

#include <algorithm>
#include "revenue/mrr_series.h"
#include "revenue/segmentation.h"

namespace flywheel {
namespace {

std::vector<std::string_view> SplitCell(std::string_view cell) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t colon = cell.find(':', start);
    parts.push_back(cell.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  return parts;
}

Result<Report> RevenueDrilldown(const Input& in, const ReportParams& p) {
  auto spec = FindReport("revenue");
  if (!spec.ok()) return spec.status();
  FLYWHEEL_RETURN_IF_ERROR((*spec)->validate(p));
  if (!p.Has("cell")) return Status::Usage("--cell is required (PERIOD:SEGMENT:FIELD, e.g. 2024-03:all:new)");
  const std::string cell = p.Get("cell");
  auto parts = SplitCell(cell);  // views into `cell`
  if (parts.size() != 3) {
    return Status::Usage(fmt::format("--cell: '{}' is not PERIOD:SEGMENT:FIELD (e.g. 2024-03:all:new)", p.Get("cell")));
  }
  // The field may be named as a movement ("new", "churn") or as the report's column
  // ("new_mrr", "churned_mrr"); "mrr", "arr" and "customers" list the accounts behind the
  // period-end snapshot.
  std::string field(parts[2]);
  if (field.size() > 4 && field.compare(field.size() - 4, 4, "_mrr") == 0) field.resize(field.size() - 4);
  if (field == "churned") field = "churn";
  const bool snapshot = field == "mrr" || field == "arr" || field == "customers";
  std::vector<std::string> field_names = {"mrr", "arr", "customers"};
  int movement = -1;
  for (int t = 0; t < kMovementTypeCount; ++t) {
    field_names.emplace_back(MovementTypeName(static_cast<MovementType>(t)));
    if (field == field_names.back()) movement = t;
  }
  if (movement < 0 && !snapshot) {
    return Status::Usage(fmt::format("--cell: unknown field '{}'{}", parts[2], DidYouMeanSuffix(parts[2], field_names)));
  }
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  if (!in.dataset.Has(Table::kSubscriptions)) return Status::BadData("revenue needs subscriptions.csv");
  auto series = ComputeMrr(in.dataset, in.settings, *as_of);
  if (!series.ok()) return series.status();
  std::string segment_by = p.Get("segment_by");
  std::string segment(parts[1]);
  AccountSegments segments;
  if (segment != "all") {
    if (segment_by.empty()) return Status::Usage(fmt::format("--cell: segment '{}' needs segment_by", segment));
    auto s = SegmentAccounts(in.dataset, segment_by);
    if (!s.ok()) return s.status();
    segments = std::move(*s);
    bool known = false;
    for (const auto& v : segments.values) known = known || v == segment;
    if (!known) {
      return Status::Usage(fmt::format("--cell: unknown segment '{}'{}", segment, DidYouMeanSuffix(segment, segments.values)));
    }
  }
  PeriodCalendar calendar{*ParsePeriod(p.Get("period", "month")), in.settings.fiscal_year_start_month};
  std::string period(parts[0]);
  std::map<AccountIndex, double> amounts;  // by account, summed over the period's months
  bool period_seen = false;
  if (snapshot) {
    for (Month mo = series->first_month(); mo != kNullMonth && mo <= series->last_month(); ++mo) {
      if (calendar.Label(calendar.PeriodStart(mo)) != period) continue;
      period_seen = true;
      if (std::min(calendar.PeriodEnd(mo), series->last_month()) != mo) continue;  // the period-end month
      for (AccountIndex a = 0; a < static_cast<AccountIndex>(series->account_count()); ++a) {
        if (segment != "all" && segments.values[segments.of_account[a]] != segment) continue;
        double mrr = series->Mrr(a, mo);
        if (mrr <= 0) continue;
        amounts[a] = field == "arr" ? 12 * mrr : field == "customers" ? 1.0 : mrr;
      }
    }
  }
  for (const AccountMovement& m : ComputeMovements(*series, in.settings)) {
    if (snapshot) break;
    if (calendar.Label(calendar.PeriodStart(m.month)) != period) continue;
    period_seen = true;
    if (static_cast<int>(m.type) != movement) continue;
    if (segment != "all" && segments.values[segments.of_account[m.account]] != segment) continue;
    amounts[m.account] += m.amount;
  }
  if (!period_seen && series->first_month() != kNullMonth) {
    // A period inside the series without movements is valid; one outside it is a typo.
    bool inside = false;
    for (Month mo = series->first_month(); mo <= series->last_month() && !inside; ++mo) {
      inside = calendar.Label(calendar.PeriodStart(mo)) == period;
    }
    if (!inside) return Status::Usage(fmt::format("--cell: no period '{}' in the revenue report", period));
  }
  Report report;
  report.name = "drilldown/revenue";
  report.as_of = FormatDate(*as_of);
  report.period = std::string(GranularityName(calendar.granularity));
  report.segment_by = segment_by;
  report.currency = in.settings.base_currency;
  report.columns = {{"account_id", ColumnKind::kText}, {"account_name", ColumnKind::kText}, {"amount", ColumnKind::kMoney}};
  double total = 0;
  for (const auto& [account, amount] : amounts) {
    report.rows.push_back({in.dataset.accounts.id[account], in.dataset.accounts.name[account], amount});
    total += amount;
  }
  report.json_extra = {{"cell", nlohmann::json(p.Get("cell")).dump()},
                       {"field", nlohmann::json(snapshot ? field
                                                            : fmt::format("{}_mrr", movement == static_cast<int>(MovementType::kChurn)
                                                                                         ? "churned"
                                                                                         : field))
                                     .dump()},
                       {"total", fmt::format("{}", total)}};
  report.notes.push_back(fmt::format("{} accounts; the amounts add up to the report's {} for {} / {}.",
                                     amounts.size(), snapshot ? field : field + " MRR", period, segment));
  return report;
}

}  // namespace

Result<Report> Drilldown(std::string_view report, const Input& input, const ReportParams& params) {
  if (report == "revenue") return RevenueDrilldown(input, params);
  return Status::NotFound(fmt::format("no drill-down for '{}' (available: revenue)", report));
}

}  // namespace flywheel
