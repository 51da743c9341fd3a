#include "reports/drilldown.h"

#include <fmt/core.h>

#include <map>
#include <nlohmann/json.hpp>
#include <variant>

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/distribution.h"
#include "base/strings.h"
#include "bowtie/bowtie_report.h"
#include "bowtie/stage_dates.h"
#include "output/json_number.h"
#include "reports/cohorts_drilldown.h"
#include "reports/customer_runs.h"
#include "reports/drill_cell.h"
#include "reports/drill_report.h"
#include "reports/efficiency_drilldown.h"
#include "reports/flywheel_drilldown.h"
#include "reports/pipeline_drilldown.h"
#include "reports/report_runs.h"
#include "reports/revenue_drilldown.h"
#include "reports/ttv_drilldown.h"
#include "revenue/cohort_report.h"
#include "revenue/currency.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "segments/account_segments.h"
#include "segments/segmenter.h"

namespace flywheel {
namespace {

// ---- shared ---------------------------------------------------------------------------

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- bowtie: PERIOD:STAGE:FIELD ---------------------------------------------------------

// A bowtie cell, checked: PERIOD:STAGE:FIELD with a field of the mode.
struct BowtieCell {
  std::string text;  // as given
  bool cohort = true;
  std::vector<std::string> stage_names;
  int stage = -1;
  std::string field, period;
  bool last_stage() const { return stage + 1 == static_cast<int>(stage_names.size()); }
};

Result<BowtieCell> ParseBowtieCell(const BowtieReportOptions& o, const DrillCellText& text) {
  constexpr const char* kFormat = "PERIOD:STAGE:FIELD, e.g. 2024-03:selection:converted";
  auto required = RequiredCell(text, kFormat);
  if (!required.ok()) return required.status();
  const std::string& cell = required.value();
  auto parts = SplitCell(cell);
  if (parts.size() != 3) return Status::Usage(fmt::format("--cell: '{}' is not {}", cell, kFormat));
  BowtieCell c;
  c.text = cell;
  c.cohort = !o.period_mode;
  const bool cohort = c.cohort;
  std::vector<std::string>& stage_names = c.stage_names;
  int& stage = c.stage;
  for (int i = 0; i < kBowtieStageCount; ++i) {
    stage_names.emplace_back(BowtieStageName(static_cast<BowtieStage>(i)));
    if (parts[1] == stage_names.back()) stage = i;
  }
  if (stage < 0) {
    return Status::Usage(
        fmt::format("--cell: unknown stage '{}'{}", parts[1], DidYouMeanSuffix(parts[1], stage_names)));
  }
  c.field = std::string(parts[2]);
  const std::string& field = c.field;
  const std::vector<std::string> fields =
      cohort ? std::vector<std::string>{"entered", "converted", "still_open", "conversion_rate"}
             : std::vector<std::string>{"entered", "conversion_rate"};
  if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
    if (!cohort && (field == "converted" || field == "still_open")) {
      return Status::Usage(fmt::format(
          "--cell: field '{}' needs mode cohort (mode period has entered and conversion_rate)", field));
    }
    return Status::Usage(fmt::format("--cell: unknown field '{}' for mode {}{}", field,
                                     cohort ? "cohort" : "period", DidYouMeanSuffix(field, fields)));
  }
  if (field != "entered" && c.last_stage()) {
    return Status::Usage(
        fmt::format("--cell: {} is the last stage; only 'entered' drills down", stage_names[stage]));
  }
  c.period = std::string(parts[0]);
  return c;
}

// The counts of a bowtie cell's units.
struct BowtieCounts {
  int64_t entered = 0, converted = 0, still_open = 0, denominator = 0;
};

// The cell's totals and the note that says what the rows are.
void AddBowtieTotals(const BowtieCell& c, const BowtieCounts& n, const std::string& segment, int window,
                     Report* report) {
  const std::vector<std::string>& stage_names = c.stage_names;
  const int stage = c.stage;
  const std::string& field = c.field;
  const std::string& period = c.period;
  const bool last_stage = c.last_stage();
  const int64_t entered = n.entered, converted = n.converted, still_open = n.still_open,
                denominator = n.denominator;
  report->json_extra.push_back({"stage", nlohmann::json(stage_names[stage]).dump()});
  report->json_extra.push_back({"field", nlohmann::json(field).dump()});
  if (c.cohort) {
    report->json_extra.push_back({"entered", std::to_string(entered)});
    if (!last_stage) {
      report->json_extra.push_back({"converted", std::to_string(converted)});
      report->json_extra.push_back({"still_open", std::to_string(still_open)});
      report->json_extra.push_back(
          {"conversion_rate", JsonNumber(entered ? static_cast<double>(converted) / entered : kNaN)});
    }
    report->notes.push_back(fmt::format(
        "mode cohort: {} units entered {} in {} ({}); {} entered {} within {} days, {} still open.", entered,
        stage_names[stage], period, segment, converted, last_stage ? "-" : stage_names[stage + 1], window,
        still_open));
  } else if (field == "conversion_rate") {
    report->json_extra.push_back({"numerator", std::to_string(entered)});
    report->json_extra.push_back({"denominator", std::to_string(denominator)});
    report->json_extra.push_back(
        {"conversion_rate", JsonNumber(denominator ? static_cast<double>(entered) / denominator : kNaN)});
    report->notes.push_back(
        fmt::format("mode period: the {} units that entered {} in {} ({}), over the {} that entered {} then.",
                    entered, stage_names[stage + 1], period, segment, denominator, stage_names[stage]));
  } else {
    report->json_extra.push_back({"entered", std::to_string(entered)});
    report->notes.push_back(fmt::format("mode period: the {} units that entered {} in {} ({}).", entered,
                                        stage_names[stage], period, segment));
  }
}

Result<Report> BowtieDrilldown(const Input& in, const BowtieReportOptions& o, const DrillCellText& text) {
  auto parsed = ParseBowtieCell(o, text);
  if (!parsed.ok()) return parsed.status();
  const BowtieCell& c = parsed.value();
  const bool cohort = c.cohort, last_stage = c.last_stage();
  const int stage = c.stage;
  const std::string& field = c.field;
  // The report first: its own errors (segment_by, segment, data) come out as the report's.
  auto bowtie = RunBowtie(in, o);
  if (!bowtie.ok()) return bowtie.status();
  const std::string& period = c.period;
  bool period_known = false;
  for (const auto& row : bowtie.value().rows)
    period_known = period_known || std::get<std::string>(row[0]) == period;
  if (!period_known) return Status::Usage(fmt::format("--cell: no period '{}' in the bowtie report", period));
  const Day as_of = o.AsOf(in);
  const Dataset& data = in.dataset;
  auto made = Segmenter::Make(data, o.segment_by, o.segment, in.settings.segment_attribute);
  if (!made.ok()) return made.status();
  const Segmenter& segmenter = made.value();
  static const std::vector<AccountMovement> kNoMovements;  // a data set without subscriptions
  std::shared_ptr<const MrrBasis> mrr;
  if (data.Has(Table::kSubscriptions)) {
    auto basis = LoadMrr(in, as_of);
    if (!basis.ok()) return basis.status();
    mrr = std::move(basis).value();
  }
  auto computed = ComputeStageDates(data, in.settings, mrr ? mrr->movements : kNoMovements, as_of);
  if (!computed.ok()) return computed.status();
  const auto& stages = computed.value();
  const std::string segment = o.segment.empty() ? std::string(kAllSegment) : o.segment;
  const PeriodCalendar cal{o.period, in.settings.fiscal_year_start_month};
  const int window = in.settings.bowtie_window_days;
  // Cohort mode and period "entered": the units that entered `stage` in the period. Period
  // conversion: the units that entered the next stage in the period (the numerator).
  const int listed = !cohort && field == "conversion_rate" ? stage + 1 : stage;
  Report report = DrillReport("bowtie", in, as_of, c.text);
  report.period = std::string(GranularityName(cal.granularity));
  report.segment_by = segmenter.attribute();
  report.columns = {{"unit", ColumnKind::kText},         {"account_id", ColumnKind::kText},
                    {"name", ColumnKind::kText},         {"segment", ColumnKind::kText},
                    {"entered_on", ColumnKind::kText},   {"next_stage_on", ColumnKind::kText},
                    {"days_to_next", ColumnKind::kDays}, {"status", ColumnKind::kText}};
  BowtieCounts n;
  int64_t& entered = n.entered;
  int64_t& converted = n.converted;
  int64_t& still_open = n.still_open;
  int64_t& denominator = n.denominator;
  for (size_t u = 0; u < stages.size(); ++u) {
    std::vector<std::string> segs = UnitSegments(stages, u, segmenter);
    if (std::find(segs.begin(), segs.end(), segment) == segs.end()) continue;
    const std::array<Day, kBowtieStageCount> e = stages.Days(u);
    auto in_period = [&](Day d) {
      return d != kNullDay && cal.Label(cal.PeriodStart(MonthOfDay(d))) == period;
    };
    if (!cohort && field == "conversion_rate" && in_period(e[stage])) ++denominator;
    const Day d = e[listed];
    if (!in_period(d)) continue;
    const Day next = listed + 1 < kBowtieStageCount ? e[listed + 1] : kNullDay;
    std::string status;
    Cell days;
    if (cohort) {
      const bool conv = !last_stage && next != kNullDay && next - d <= window;
      const bool open = !last_stage && !conv && d + window > as_of;
      ++entered;
      converted += conv;
      still_open += open;
      status = last_stage ? "entered" : conv ? "converted" : open ? "still open" : "not converted";
      if (conv) days = static_cast<double>(std::max(0, next - d));
      if (field == "converted" && !conv) continue;
      if (field == "still_open" && !open) continue;
    } else {
      ++entered;
      status = "entered";
      if (listed > 0 && e[listed - 1] != kNullDay) days = static_cast<double>(std::max(0, d - e[listed - 1]));
    }
    AccountIndex a = stages.Account(u);
    std::string unit, account_id, name;
    if (a != kNoAccount) {
      unit = account_id = data.accounts.id[a];
      name = data.accounts.name[a];
    } else {
      unit = "lead " + std::string(data.leads.id[stages.lead_rows[u - stages.account_units()]]);
    }
    report.rows.push_back({unit, account_id.empty() ? Cell{} : Cell{account_id},
                           name.empty() ? Cell{} : Cell{name}, segment, FormatDate(d),
                           cohort ? (next == kNullDay ? Cell{} : Cell{FormatDate(next)}) : Cell{}, days,
                           status});
  }
  AddBowtieTotals(c, n, segment, window, &report);
  return report;
}

// ---- customers: CLASS or a fit × health cell --------------------------------------------

const std::vector<std::string>& MatrixCells() {
  static const std::vector<std::string> kCells = {"high_fit_high_health", "high_fit_low_health",
                                                  "low_fit_high_health", "low_fit_low_health", "unknown"};
  return kCells;
}

Result<Report> CustomersDrilldown(const Input& in, const CustomersReportOptions& o,
                                  const DrillCellText& text) {
  constexpr const char* kFormat =
      "a class (ideal, good, neutral, poor, anti-profile, excluded, unscored) or a fit x health cell";
  auto required = RequiredCell(text, kFormat);
  if (!required.ok()) return required.status();
  const std::string& cell = required.value();
  const auto& classes = CustomerClasses();
  const bool is_class = std::find(classes.begin(), classes.end(), cell) != classes.end();
  const bool is_matrix = std::find(MatrixCells().begin(), MatrixCells().end(), cell) != MatrixCells().end();
  if (!is_class && !is_matrix) {
    std::vector<std::string> all = classes;
    all.insert(all.end(), MatrixCells().begin(), MatrixCells().end());
    return Status::Usage(
        fmt::format("--cell: unknown class or fit x health cell '{}'{}", cell, DidYouMeanSuffix(cell, all)));
  }
  if (!o.account.empty()) return Status::Usage("--cell lists accounts; give it without account");
  auto shared = SharedScoredCustomers(in, o);
  if (!shared.ok()) return shared.status();
  const ScoredCustomers* scored = shared.value().get();
  const std::string& klass_filter = o.klass;
  std::vector<const AccountScore*> picked;
  for (const AccountScore& s : scored->scores) {
    if (!klass_filter.empty() && s.klass != klass_filter) continue;
    bool keep;
    if (is_class) {
      keep = s.klass == cell;
    } else if (std::isnan(s.fit) || std::isnan(s.health)) {
      keep = cell == "unknown";
    } else {
      const bool high_fit = s.fit >= scored->card.high_fit,
                 high_health = s.health >= scored->card.high_health;
      keep = cell == fmt::format("{}_fit_{}_health", high_fit ? "high" : "low", high_health ? "high" : "low");
    }
    if (keep) picked.push_back(&s);
  }
  // The report's order: score descending, unscored last, then account id.
  std::stable_sort(picked.begin(), picked.end(), [](const AccountScore* a, const AccountScore* b) {
    bool an = std::isnan(a->score), bn = std::isnan(b->score);
    if (an != bn) return bn;
    if (!an && a->score != b->score) return a->score > b->score;
    return a->account_id < b->account_id;
  });
  Report report = DrillReport("customers", in, scored->as_of, cell);
  report.columns = {{"account_id", ColumnKind::kText},
                    {"account_name", ColumnKind::kText},
                    {"class", ColumnKind::kText},
                    {"score", ColumnKind::kNumber},
                    {"fit", ColumnKind::kNumber},
                    {"health", ColumnKind::kNumber},
                    {"arr", ColumnKind::kMoney},
                    {"action", ColumnKind::kText},
                    {"action_reason", ColumnKind::kText, "why"}};
  double arr = 0;
  for (const AccountScore* s : picked) {
    report.rows.push_back({s->account_id, std::string(in.dataset.accounts.name[s->account]), s->klass,
                           NumberOrNull(s->score), NumberOrNull(s->fit), NumberOrNull(s->health), s->arr,
                           s->action.empty() ? Cell() : Cell(s->action), s->action_reason});
    arr += s->arr;
  }
  report.json_extra.push_back({"accounts", std::to_string(picked.size())});
  report.json_extra.push_back({"arr", JsonNumber(arr)});
  report.notes.push_back(is_class ? fmt::format("{} accounts of class {}.", picked.size(), cell)
                                  : fmt::format("{} accounts in {} (high fit >= {}, high health >= {}).",
                                                picked.size(), cell, scored->card.high_fit,
                                                scored->card.high_health));
  return report;
}

Status NoDrilldown(std::string_view report) {
  return Status::NotFound(
      fmt::format("no drill-down for '{}' (available: revenue, flywheel, cohorts, bowtie, customers, "
                  "pipeline, ttv, efficiency)",
                  report));
}

template <typename Options>
Result<ParsedReportOptions> Parsed(Result<Options> options) {
  if (!options.ok()) return options.status();
  return ParsedReportOptions(std::move(options).value());
}

// The options of the report of a drill-down, parsed by the report's own Parse.
Result<ParsedReportOptions> ParseDrillOptions(std::string_view report, const ReportParams& params) {
  if (report == "revenue") return Parsed(ParseRevenueOptions(params));
  if (report == "flywheel") return Parsed(ParseFlywheelOptions(params));
  if (report == "ttv") return Parsed(ParseTtvOptions(params));
  if (report == "efficiency") return Parsed(ParseEfficiencyOptions(params));
  if (report == "cohorts") return Parsed(ParseCohortsOptions(params));
  if (report == "bowtie") return Parsed(ParseBowtieOptions(params));
  if (report == "customers") return Parsed(ParseCustomersOptions(params));
  if (report == "pipeline") return Parsed(ParsePipelineOptions(params));
  return NoDrilldown(report);
}

}  // namespace

Result<Report> Drilldown(std::string_view report, const Input& input, const ParsedReportOptions& options,
                         const DrillCellText& cell) {
  if (report == "revenue") return MrrDrilldown(report, input, std::get<RevenueReportOptions>(options), cell);
  if (report == "flywheel") return FlywheelDrilldown(input, std::get<FlywheelReportOptions>(options), cell);
  if (report == "ttv") return TtvDrilldown(input, std::get<TtvReportOptions>(options), cell);
  if (report == "efficiency")
    return EfficiencyDrilldown(input, std::get<EfficiencyReportOptions>(options), cell);
  if (report == "cohorts") return CohortsDrilldown(input, std::get<CohortsReportOptions>(options), cell);
  if (report == "bowtie") return BowtieDrilldown(input, std::get<BowtieReportOptions>(options), cell);
  if (report == "customers")
    return CustomersDrilldown(input, std::get<CustomersReportOptions>(options), cell);
  if (report == "pipeline") return PipelineDrilldown(input, std::get<PipelineReportOptions>(options), cell);
  return NoDrilldown(report);
}

Result<Report> Drilldown(std::string_view report, const Input& input, const ReportParams& params) {
  auto options = ParseDrillOptions(report, params);
  if (!options.ok()) return options.status();
  DrillCellText cell;
  if (params.Has("cell")) cell = params.Get("cell");
  return Drilldown(report, input, options.value(), cell);
}

}  // namespace flywheel
