#include "reports/pipeline_drilldown.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "base/distribution.h"
#include "base/strings.h"
#include "output/json_number.h"
#include "reports/drill_cell.h"
#include "reports/report_runs.h"
#include "revenue/currency.h"
#include "segments/account_segments.h"

namespace flywheel {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- pipeline: PERIOD:FIELD (won, lost and win rates) -------------------------------------

// What the pipeline cells besides won / lost read: the period, the segment filter and owner.
struct PipelineCellScope {
  std::string cell;  // as given
  std::string period;
  PeriodCalendar cal;
  Day as_of;
  const std::vector<Code>* column;  // the segment attribute's column, null without a segment
  std::string segment;
  Code owner;
};

// A deal's amount in the base currency at the rate of `month`; NaN without an amount or a rate.
double BaseAmount(const Opportunities& opp, size_t i, Month month, const CurrencyRates& rates) {
  const double amount = opp.amount[i];
  if (std::isnan(amount) || opp.currency[i] == kNullCode) return amount;
  auto rate = rates.Rate(opp.currency[i], month);
  return rate ? amount * *rate : kNaN;
}

bool InSegment(const Dataset& data, const PipelineCellScope& s, AccountIndex a,
               Code lead_segment = kNullCode) {
  if (!s.column) return true;
  Code c = lead_segment != kNullCode ? lead_segment : a == kNoAccount ? kNullCode : (*s.column)[a];
  const std::string value = c == kNullCode ? std::string(kUnassignedSegment) : std::string(data.dict.Get(c));
  return value == s.segment;
}

// pipeline_generated: the new and expansion deals created in the period, each amount in the
// base currency at its creation month; "total" = the report's number. opportunities_created_new
// and _expansion: the deals of that type created in the period (with or without an amount);
// "total" = their count.
Result<Report> CreatedDealRows(const Input& in, const PipelineReportOptions& o, const PipelineCellScope& s,
                               const std::string& field) {
  const Dataset& data = in.dataset;
  const Opportunities& opp = data.opportunities;
  CurrencyRates rates(data, in.settings);
  const bool amounts = field == "pipeline_generated";
  const OpportunityType only =
      field.ends_with("_expansion") ? OpportunityType::kExpansion : OpportunityType::kNew;
  Report report = DrillReport("pipeline", in, s.as_of, s.cell);
  report.period = std::string(GranularityName(s.cal.granularity));
  report.segment_by = o.segment_by;
  report.columns = {{"opportunity_id", ColumnKind::kText}, {"account_id", ColumnKind::kText},
                    {"type", ColumnKind::kText},           {"status", ColumnKind::kText},
                    {"created_at", ColumnKind::kText},     {"amount", ColumnKind::kMoney}};
  report.extra_fields = {{"total", amounts ? ColumnKind::kMoney : ColumnKind::kInteger}};
  double total = 0;
  for (size_t i = 0; i < opp.size(); ++i) {
    if (opp.type[i] == OpportunityType::kRenewal || (s.owner != kNullCode && opp.owner[i] != s.owner))
      continue;
    if (!amounts && opp.type[i] != only) continue;
    const Day created = opp.created_at[i];
    if (created == kNullDay || created > s.as_of) continue;
    if (s.cal.Label(s.cal.PeriodStart(MonthOfDay(created))) != s.period) continue;
    if (!InSegment(data, s, opp.account[i])) continue;
    const double amount = BaseAmount(opp, i, MonthOfDay(created), rates);
    if (!std::isnan(amount)) total += amount;
    report.rows.push_back(
        {std::string(opp.id[i]),
         opp.account[i] == kNoAccount ? Cell{} : Cell{std::string(data.accounts.id[opp.account[i]])},
         std::string(OpportunityTypeName(opp.type[i])), std::string(OpportunityStatusName(opp.status[i])),
         FormatDate(created), NumberOrNull(amount)});
  }
  report.json_extra.push_back({"field", nlohmann::json(field).dump()});
  if (amounts) {
    report.json_extra.push_back({"total", JsonNumber(total)});
    report.notes.push_back(fmt::format(
        "{} new and expansion deals created in {}; pipeline generated = the sum of their amounts.",
        report.rows.size(), s.period));
  } else {
    report.json_extra.push_back({"total", std::to_string(report.rows.size())});
    report.notes.push_back(
        fmt::format("{} {} deals created in {}.", report.rows.size(), OpportunityTypeName(only), s.period));
  }
  return report;
}

// The leads qualified in the period labelled `period` (a lead's own segment wins over its
// account's when the segment attribute is "segment"), as the pipeline report counts them.
std::vector<size_t> QualifiedLeadsIn(const Dataset& data, const PipelineCellScope& s,
                                     const std::string& period, bool lead_segments) {
  const Leads& leads = data.leads;
  std::vector<size_t> rows;
  for (size_t i = 0; i < leads.size(); ++i) {
    const Day q = leads.qualified_at[i];
    if (q == kNullDay || q > s.as_of) continue;
    if (s.cal.Label(s.cal.PeriodStart(MonthOfDay(q))) != period) continue;
    if (!InSegment(data, s, leads.account[i], lead_segments ? leads.segment[i] : kNullCode)) continue;
    rows.push_back(i);
  }
  return rows;
}

// A lead as a drill-down row: lead_id, account_id, channel, created_at, qualified_at.
std::vector<Cell> LeadRow(const Dataset& data, size_t i) {
  const Leads& leads = data.leads;
  const Code channel = leads.channel[i];
  return {std::string(leads.id[i]),
          leads.account[i] == kNoAccount ? Cell{} : Cell{std::string(data.accounts.id[leads.account[i]])},
          channel == kNullCode ? Cell{} : Cell{std::string(data.dict.Get(channel))},
          leads.created_at[i] == kNullDay ? Cell{} : Cell{FormatDate(leads.created_at[i])},
          FormatDate(leads.qualified_at[i])};
}

std::vector<Column> LeadColumns() {
  return {{"lead_id", ColumnKind::kText},
          {"account_id", ColumnKind::kText},
          {"channel", ColumnKind::kText},
          {"created_at", ColumnKind::kText},
          {"qualified_at", ColumnKind::kText}};
}

// qualified_leads: the leads qualified in the period; the row count = the report's number.
Result<Report> QualifiedLeadRows(const Input& in, const PipelineReportOptions& o,
                                 const PipelineCellScope& s) {
  const Dataset& data = in.dataset;
  Report report = DrillReport("pipeline", in, s.as_of, s.cell);
  report.period = std::string(GranularityName(s.cal.granularity));
  report.segment_by = o.segment_by;
  report.columns = LeadColumns();
  report.extra_fields = {{"total", ColumnKind::kInteger}};
  for (size_t i : QualifiedLeadsIn(data, s, s.period, o.segment_by == "segment"))
    report.rows.push_back(LeadRow(data, i));
  report.json_extra.push_back({"field", nlohmann::json("qualified_leads").dump()});
  report.json_extra.push_back({"total", std::to_string(report.rows.size())});
  report.notes.push_back(fmt::format("{} leads qualified in {}.", report.rows.size(), s.period));
  return report;
}

// lvr: the leads qualified in the period (numerator, 1 each) and in the period before it
// (denominator, 1 each); "value" = numerator / denominator − 1 = the report's number, null
// for the first period or when none was qualified the period before.
Result<Report> LvrRows(const Input& in, const PipelineReportOptions& o, const PipelineCellScope& s,
                       const std::string& previous) {
  const Dataset& data = in.dataset;
  const bool lead_segments = o.segment_by == "segment";
  Report report = DrillReport("pipeline", in, s.as_of, s.cell);
  report.period = std::string(GranularityName(s.cal.granularity));
  report.segment_by = o.segment_by;
  report.columns = LeadColumns();
  report.columns.push_back({"numerator", ColumnKind::kInteger});
  report.columns.push_back({"denominator", ColumnKind::kInteger});
  report.extra_fields = {{"value", ColumnKind::kRate, "lvr"}};
  int64_t numerator = 0, denominator = 0;
  for (size_t i : QualifiedLeadsIn(data, s, s.period, lead_segments)) {
    report.rows.push_back(LeadRow(data, i));
    report.rows.back().insert(report.rows.back().end(), {Cell{int64_t{1}}, Cell{int64_t{0}}});
    ++numerator;
  }
  if (!previous.empty()) {
    for (size_t i : QualifiedLeadsIn(data, s, previous, lead_segments)) {
      report.rows.push_back(LeadRow(data, i));
      report.rows.back().insert(report.rows.back().end(), {Cell{int64_t{0}}, Cell{int64_t{1}}});
      ++denominator;
    }
  }
  const double value =
      previous.empty() || denominator == 0 ? kNaN : static_cast<double>(numerator) / denominator - 1;
  report.json_extra.push_back({"field", nlohmann::json("lvr").dump()});
  report.json_extra.push_back({"numerator", std::to_string(numerator)});
  report.json_extra.push_back({"denominator", std::to_string(denominator)});
  report.json_extra.push_back({"value", JsonNumber(value)});
  report.notes.push_back(
      previous.empty()
          ? fmt::format("{} leads qualified in {}, the first period: no LVR.", numerator, s.period)
          : fmt::format("lead velocity rate = {} leads qualified in {} / {} in {} − 1.", numerator, s.period,
                        denominator, previous));
  return report;
}

// The cycle statistics: sales_cycle_* of the new deals, expansion_cycle_* of the expansion deals.
const std::vector<std::string>& CycleFields() {
  static const std::vector<std::string> kFields = {"sales_cycle_median_days",     "sales_cycle_mean_days",
                                                   "sales_cycle_p75_days",        "sales_cycle_p90_days",
                                                   "expansion_cycle_median_days", "expansion_cycle_mean_days",
                                                   "expansion_cycle_p75_days",    "expansion_cycle_p90_days"};
  return kFields;
}

double CycleStatistic(const std::string& field, const std::vector<double>& cycles) {
  if (cycles.empty()) return kNaN;
  const DistributionSummary d = Summarize(cycles);
  if (field.ends_with("_mean_days")) return d.mean;
  if (field.ends_with("_p75_days")) return d.p75;
  if (field.ends_with("_p90_days")) return d.p90;
  return d.median;
}

// A cycle statistic: the won deals of the type closed in the period (every closed one with
// cycle_over=closed) with their cycle, closed_at − created_at in days; "value" = the statistic
// of the cycles (median, mean, or percentile interpolated between closest ranks) = the
// report's number.
Result<Report> SalesCycleRows(const Input& in, const PipelineReportOptions& o, const PipelineCellScope& s,
                              const std::string& field) {
  const Dataset& data = in.dataset;
  const Opportunities& opp = data.opportunities;
  const bool over_closed = o.cycle_closed;
  const OpportunityType type =
      field.starts_with("expansion_") ? OpportunityType::kExpansion : OpportunityType::kNew;
  Report report = DrillReport("pipeline", in, s.as_of, s.cell);
  report.period = std::string(GranularityName(s.cal.granularity));
  report.segment_by = o.segment_by;
  report.columns = {{"opportunity_id", ColumnKind::kText}, {"account_id", ColumnKind::kText},
                    {"status", ColumnKind::kText},         {"created_at", ColumnKind::kText},
                    {"closed_at", ColumnKind::kText},      {"cycle_days", ColumnKind::kDays}};
  report.extra_fields = {{"value", ColumnKind::kDays, field}};
  std::vector<double> cycles;
  for (size_t i = 0; i < opp.size(); ++i) {
    if (opp.type[i] != type || (s.owner != kNullCode && opp.owner[i] != s.owner)) continue;
    if (opp.created_at[i] == kNullDay || opp.created_at[i] > s.as_of) continue;
    const Day closed = opp.closed_at[i];
    if (opp.status[i] == OpportunityStatus::kOpen || closed == kNullDay || closed > s.as_of) continue;
    if (!over_closed && opp.status[i] != OpportunityStatus::kWon) continue;
    if (s.cal.Label(s.cal.PeriodStart(MonthOfDay(closed))) != s.period) continue;
    if (!InSegment(data, s, opp.account[i])) continue;
    const double cycle = static_cast<double>(closed - opp.created_at[i]);
    cycles.push_back(cycle);
    report.rows.push_back(
        {std::string(opp.id[i]),
         opp.account[i] == kNoAccount ? Cell{} : Cell{std::string(data.accounts.id[opp.account[i]])},
         std::string(OpportunityStatusName(opp.status[i])), FormatDate(opp.created_at[i]), FormatDate(closed),
         cycle});
  }
  report.json_extra.push_back({"field", nlohmann::json(field).dump()});
  report.json_extra.push_back({"value", JsonNumber(CycleStatistic(field, cycles))});
  report.notes.push_back(fmt::format("{} {} {} deals closed in {}; {} of their days from created to closed.",
                                     cycles.size(), over_closed ? "won and lost" : "won",
                                     OpportunityTypeName(type), s.period, field));
  return report;
}

bool IsCycleField(const std::string& field) {
  return std::find(CycleFields().begin(), CycleFields().end(), field) != CycleFields().end();
}

// Ok for a field the pipeline drills down from; kUsage with a did-you-mean or the list.
Status CheckPipelineField(const std::string& field) {
  static const std::vector<std::string> kFields = {"won_new",
                                                   "lost_new",
                                                   "win_rate_new",
                                                   "win_rate_new_value",
                                                   "won_expansion",
                                                   "lost_expansion",
                                                   "win_rate_expansion",
                                                   "win_rate_expansion_value",
                                                   "pipeline_generated",
                                                   "opportunities_created_new",
                                                   "opportunities_created_expansion",
                                                   "qualified_leads",
                                                   "lvr",
                                                   "sales_cycle_median_days"};
  if (!IsCycleField(field) && std::find(kFields.begin(), kFields.end(), field) == kFields.end()) {
    std::string suggestion = DidYouMeanSuffix(field, kFields);
    if (!suggestion.empty())
      return Status::Usage(fmt::format("--cell: unknown field '{}'{}", field, suggestion));
    return Status::Usage(
        fmt::format("--cell: unknown field '{}' (the pipeline drills down from won_new, lost_new, "
                    "win_rate_new, win_rate_new_value and the same for expansion, pipeline_generated, "
                    "opportunities_created_new and _expansion, qualified_leads, lvr and the "
                    "sales and expansion cycle median, mean, p75 and p90)",
                    field));
  }
  return Status::Ok();
}

// won_* / lost_* / win_rate_*: the deals of the type closed in the period (won or lost only
// for won_* and lost_*) with their base-currency amounts at the closing month, and the counts
// and amounts of both, whose ratios are the report's win rates.
Result<Report> ClosedDealRows(const Input& in, const PipelineReportOptions& o, const PipelineCellScope& s,
                              const std::string& field) {
  const Dataset& data = in.dataset;
  const Opportunities& opp = data.opportunities;
  const Day as_of = s.as_of;
  const PeriodCalendar& cal = s.cal;
  const std::string& period = s.period;
  const std::string& segment = s.segment;
  const Code owner = s.owner;
  const OpportunityType type =
      field.find("expansion") != std::string::npos ? OpportunityType::kExpansion : OpportunityType::kNew;
  const bool only_won = field.starts_with("won_"), only_lost = field.starts_with("lost_");
  CurrencyRates rates(data, in.settings);
  Report report = DrillReport("pipeline", in, as_of, s.cell);
  report.period = std::string(GranularityName(cal.granularity));
  report.segment_by = o.segment_by;
  report.columns = {{"opportunity_id", ColumnKind::kText}, {"account_id", ColumnKind::kText},
                    {"type", ColumnKind::kText},           {"status", ColumnKind::kText},
                    {"created_at", ColumnKind::kText},     {"closed_at", ColumnKind::kText},
                    {"amount", ColumnKind::kMoney}};
  int64_t won = 0, lost = 0;
  double won_amount = 0, lost_amount = 0;
  for (size_t i = 0; i < opp.size(); ++i) {
    if (opp.type[i] != type || (owner != kNullCode && opp.owner[i] != owner)) continue;
    if (opp.created_at[i] == kNullDay || opp.created_at[i] > as_of) continue;
    const Day closed = opp.closed_at[i];
    if (opp.status[i] == OpportunityStatus::kOpen || closed == kNullDay || closed > as_of) continue;
    if (cal.Label(cal.PeriodStart(MonthOfDay(closed))) != period) continue;
    if (!InSegment(data, s, opp.account[i])) continue;
    const double amount = BaseAmount(opp, i, MonthOfDay(closed), rates);
    const bool is_won = opp.status[i] == OpportunityStatus::kWon;
    (is_won ? won : lost) += 1;
    if (!std::isnan(amount)) (is_won ? won_amount : lost_amount) += amount;
    if ((only_won && !is_won) || (only_lost && is_won)) continue;
    report.rows.push_back(
        {std::string(opp.id[i]),
         opp.account[i] == kNoAccount ? Cell{} : Cell{std::string(data.accounts.id[opp.account[i]])},
         std::string(OpportunityTypeName(opp.type[i])), std::string(OpportunityStatusName(opp.status[i])),
         FormatDate(opp.created_at[i]), FormatDate(closed), NumberOrNull(amount)});
  }
  report.json_extra.push_back({"field", nlohmann::json(field).dump()});
  report.json_extra.push_back({"won", std::to_string(won)});
  report.json_extra.push_back({"lost", std::to_string(lost)});
  report.json_extra.push_back({"won_amount", JsonNumber(won_amount)});
  report.json_extra.push_back({"lost_amount", JsonNumber(lost_amount)});
  report.json_extra.push_back(
      {"win_rate", JsonNumber(won + lost ? static_cast<double>(won) / (won + lost) : kNaN)});
  report.json_extra.push_back({"win_rate_value", JsonNumber(won + lost && won_amount + lost_amount != 0
                                                                ? won_amount / (won_amount + lost_amount)
                                                                : kNaN)});
  report.notes.push_back(fmt::format(
      "{} {} deals closed in {} ({}): {} won, {} lost; win rate = won / (won + lost).", won + lost,
      OpportunityTypeName(type), period, segment.empty() ? "all" : segment, won, lost));
  return report;
}

}  // namespace

Result<Report> PipelineDrilldown(const Input& in, const PipelineReportOptions& o, const DrillCellText& text) {
  constexpr const char* kFormat = "PERIOD:FIELD, e.g. 2024-03:win_rate_new";
  auto required = RequiredCell(text, kFormat);
  if (!required.ok()) return required.status();
  const std::string& cell = required.value();
  auto parts = SplitCell(cell);
  if (parts.size() != 2) return Status::Usage(fmt::format("--cell: '{}' is not {}", cell, kFormat));
  const std::string field(parts[1]);
  FLYWHEEL_RETURN_IF_ERROR(CheckPipelineField(field));
  const bool cycle_field = IsCycleField(field);
  // The report first: it checks segment_by, segment and owner and names the periods.
  auto pipeline = RunPipelineReport(in, o);
  if (!pipeline.ok()) return pipeline.status();
  const std::string period(parts[0]);
  bool period_known = false;
  std::string previous_period, last_seen;  // the report's period before `period` ("" for its first)
  for (const auto& row : pipeline.value().rows) {
    const std::string& label = std::get<std::string>(row[0]);
    if (label == period && !period_known) previous_period = last_seen;
    period_known = period_known || label == period;
    if (label != period) last_seen = label;
    if (period_known) break;
  }
  if (!period_known)
    return Status::Usage(fmt::format("--cell: no period '{}' in the pipeline report", period));
  const Dataset& data = in.dataset;
  const Day as_of = o.AsOf(in);
  const std::string &segment_by = o.segment_by, &segment = o.segment;
  const std::vector<Code>* column = nullptr;
  if (!segment.empty()) {
    auto col = AccountAttributeColumn(data, segment_by);
    if (!col.ok()) return col.status();
    column = col.value();
  }
  Code owner = kNullCode;
  if (!o.owner.empty()) owner = data.dict.Find(o.owner).value_or(kNullCode);
  const PeriodCalendar cal{o.period, in.settings.fiscal_year_start_month};
  const PipelineCellScope scope{cell, period, cal, as_of, column, segment, owner};
  if (field == "pipeline_generated" || field.starts_with("opportunities_created_")) {
    return CreatedDealRows(in, o, scope, field);
  }
  if (field == "qualified_leads") return QualifiedLeadRows(in, o, scope);
  if (field == "lvr") return LvrRows(in, o, scope, previous_period);
  if (cycle_field) return SalesCycleRows(in, o, scope, field);
  return ClosedDealRows(in, o, scope, field);
}

}  // namespace flywheel
