#include "efficiency/flywheel_report.h"

#include <fmt/core.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "efficiency/indicator_book.h"

namespace flywheel {
namespace {

Cell Num(double v) { return IsNull(v) ? Cell{} : Cell{v}; }

// Every indicator as a field with its unit: the rows' values take the unit of the field their
// "indicator" names.
std::vector<Column> IndicatorFields(const IndicatorBook& book) {
  std::vector<Column> fields;
  for (const Indicator& ind : book.indicators()) fields.push_back({ind.name, ind.unit});
  return fields;
}

// The indicator table's row of `ind` for segment s: the values of the last three of the n
// periods, the change between the last two, the trend and its assessment. REQUIRES: n >= 1.
std::vector<Cell> IndicatorRow(const IndicatorBook& book, const Indicator& ind, const std::string& s,
                               size_t n, const PeriodCalendar& cal) {
  const double v = ind.value(n - 1, s);
  const double prev = n >= 2 ? ind.value(n - 2, s) : kNullNumber;
  const double earlier = n >= 3 ? ind.value(n - 3, s) : kNullNumber;
  const double change = IsNull(v) || IsNull(prev) ? kNullNumber : v - prev;
  const std::string trend = Trend(prev, v);
  const GoodDirection better = GoodDirectionOf(ind.name);
  const std::string assessment = Assessment(trend, better);
  return {s,
          std::string(ind.kind),
          std::string(ind.name),
          cal.Label(book.Period(n - 1)),
          Num(v),
          Num(prev),
          Num(earlier),
          Num(change),
          trend.empty() ? Cell{} : Cell{trend},
          better == GoodDirection::kNone ? Cell{} : Cell{std::string(GoodDirectionName(better))},
          assessment.empty() ? Cell{} : Cell{assessment}};
}

// A cell as a JSON value: null, a string or a number.
nlohmann::ordered_json CellJson(const Cell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const auto* i = std::get_if<int64_t>(&cell)) return *i;
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  return nullptr;
}

// A table's rows as a JSON array of objects keyed by its column names, as the report writer
// lays out "rows".
std::string RowsJson(const Report& table) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const std::vector<Cell>& row : table.rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (size_t c = 0; c < table.columns.size() && c < row.size(); ++c) {
      object[table.columns[c].name] = CellJson(row[c]);
    }
    rows.push_back(std::move(object));
  }
  return rows.dump();
}

// The flywheel's row of period p × segment s: force, friction, speed and momentum.
std::vector<Cell> FlywheelRow(const FlywheelInputs& in, Month p, const std::string& s) {
  const GtmFigures& f = in.ledger->At(p, s);
  const double force = 12 * (f.Movement(MovementType::kNew) + f.Movement(MovementType::kReactivation) +
                             f.Movement(MovementType::kExpansion));
  const double friction = 12 * (f.Movement(MovementType::kChurn) + f.Movement(MovementType::kContraction));
  auto it = in.speed->find({p, s});
  const NewDealSpeed deals = it == in.speed->end() ? NewDealSpeed{} : it->second;
  const double speed = deals.Speed();
  return {in.calendar.Label(p),
          s,
          force,
          friction,
          Num(deals.WinRate()),
          Num(deals.MedianCycleDays()),
          Num(speed),
          IsNull(speed) ? Cell{} : Cell{(force - friction) * speed}};
}

}  // namespace

std::string Trend(double previous, double latest) {
  if (IsNull(previous) || IsNull(latest)) return "";
  double change = latest - previous;
  if (std::fabs(change) <= kFlatTolerance * std::fabs(previous)) return "flat";
  return change > 0 ? "up" : "down";
}

std::string Assessment(std::string_view trend, GoodDirection better) {
  if (trend.empty() || better == GoodDirection::kNone) return "";
  if (trend == "flat") return "flat";
  return (trend == "up") == (better == GoodDirection::kHigher) ? "better" : "worse";
}

Report BuildIndicatorReport(const FlywheelInputs& in) {
  IndicatorBook book(in);
  Report r;
  r.name = "flywheel-indicators";
  r.as_of = FormatDate(in.as_of);
  r.period = std::string(GranularityName(in.calendar.granularity));
  r.segment_by = in.segmenter->attribute();
  r.currency = in.settings->base_currency;
  r.columns = {{"segment", ColumnKind::kText, "segment"},
               {"kind", ColumnKind::kText, "kind"},
               {"indicator", ColumnKind::kText, "indicator"},
               {"period", ColumnKind::kText, "period"},
               {"value", ColumnKind::kNumber, "value", false, "indicator"},
               {"previous", ColumnKind::kNumber, "previous", false, "indicator"},
               {"earlier", ColumnKind::kNumber, "earlier", false, "indicator"},
               {"change", ColumnKind::kNumber, "change", false, "indicator"},
               {"trend", ColumnKind::kText, "trend"},
               {"better", ColumnKind::kText, "better"},
               {"assessment", ColumnKind::kText, "assessment"}};
  r.extra_fields = IndicatorFields(book);
  size_t n = book.period_count();
  if (n == 0) return r;
  for (const std::string& s : in.segmenter->AllSegments()) {
    for (const Indicator& ind : book.indicators())
      r.rows.push_back(IndicatorRow(book, ind, s, n, in.calendar));
  }
  r.notes.push_back(
      fmt::format("value = the latest period ({}), previous and earlier the two before; trend flat when the "
                  "change is at most "
                  "{:.0f} % of the previous value",
                  in.calendar.Label(book.Period(n - 1)), kFlatTolerance * 100));
  return r;
}

Result<Report> BuildFlywheelReport(const FlywheelInputs& in) {
  if (!in.data->Has(Table::kSubscriptions)) {
    return Status::NotFound("flywheel needs subscriptions.csv (force and friction come from MRR movements)");
  }
  if (!in.data->Has(Table::kOpportunities)) {
    return Status::NotFound(
        "flywheel needs opportunities.csv (speed comes from new-deal win rate and sales cycle)");
  }
  Report r;
  r.name = "flywheel";
  r.as_of = FormatDate(in.as_of);
  r.period = std::string(GranularityName(in.calendar.granularity));
  r.segment_by = in.segmenter->attribute();
  r.currency = in.settings->base_currency;
  r.columns = {{"period", ColumnKind::kText, "period"},
               {"segment", ColumnKind::kText, "segment"},
               {"force", ColumnKind::kMoney, "force (ARR)"},
               {"friction", ColumnKind::kMoney, "friction (ARR)"},
               {"win_rate_new", ColumnKind::kRate, "win rate"},
               {"sales_cycle_median_days", ColumnKind::kDays, "cycle median"},
               {"speed", ColumnKind::kNumber, "speed (/yr)"},
               {"momentum", ColumnKind::kMoney, "momentum"}};
  for (Month p : in.ledger->periods()) {
    for (const std::string& s : in.segmenter->AllSegments()) r.rows.push_back(FlywheelRow(in, p, s));
  }
  Report ind = BuildIndicatorReport(in);
  r.json_extra.emplace_back("indicators", RowsJson(ind));
  r.extra_fields = std::move(ind.extra_fields);
  r.notes.push_back(
      "force = new + reactivation + expansion ARR; friction = churn + contraction ARR (at constant currency: "
      "exchange-rate effects are neither)");
  r.notes.push_back(
      "speed = new-deal win rate × 365 / median new-deal sales-cycle days (turns per year); "
      "momentum = (force − friction) × speed");
  r.notes.push_back("leading and lagging indicators with their trend: flywheel flywheel --indicators");
  return r;
}

}  // namespace flywheel
