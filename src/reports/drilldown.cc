#include "reports/drilldown.h"

#include <fmt/core.h>

#include <map>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/distribution.h"
#include "base/strings.h"
#include "bowtie/bowtie_report.h"
#include "bowtie/stage_dates.h"
#include "output/json_number.h"
#include "reports/drill_cell.h"
#include "reports/drill_report.h"
#include "reports/efficiency_drilldown.h"
#include "reports/flywheel_drilldown.h"
#include "reports/report_registry.h"
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

// ---- cohorts: COHORT:AGE, COHORT:SEGMENT:AGE, average:AGE -------------------------------

Result<Report> CohortsDrilldown(const Input& in, const ReportParams& p) {
  constexpr const char* kFormat =
      "COHORT:AGE or COHORT:SEGMENT:AGE, e.g. 2019-03:2; average:AGE for the weighted average";
  auto cell = RequiredCell(p, "cohorts", kFormat);
  if (!cell.ok()) return cell.status();
  auto parts = SplitCell(*cell);
  if (parts.size() != 2 && parts.size() != 3) {
    return Status::Usage(fmt::format("--cell: '{}' is not {}", *cell, kFormat));
  }
  const std::string cohort_label(parts[0]);
  const bool average = cohort_label == "average";
  const std::string age_text(parts.back());
  int age = -1;
  if (!age_text.empty() && age_text.size() < 6 &&
      std::all_of(age_text.begin(), age_text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    age = std::stoi(age_text);
  }
  if (age < 0)
    return Status::Usage(fmt::format("--cell: age '{}' is not a whole number of periods", age_text));
  auto as_of = RunAsOf(in, p);
  if (!as_of.ok()) return as_of.status();
  auto basis = LoadMrr(in, *as_of);
  if (!basis.ok()) return basis.status();
  const MrrSeries* series = &(*basis)->series;
  // The same options as the report, which also checks segment_by and segment.
  CohortOptions options = CohortOptionsFor(in, p);
  const std::string metric = p.Get("metric", "nrr");
  auto triangle = ComputeCohorts(in.dataset, in.settings, *series, options);
  if (!triangle.ok()) return triangle.status();
  std::string segment_by = options.segment_by;
  if (segment_by.empty() && !options.segment.empty()) segment_by = in.settings.segment_attribute;
  AccountSegments segments;
  if (!segment_by.empty()) {
    auto s = SegmentAccounts(in.dataset, segment_by);
    if (!s.ok()) return s.status();
    segments = std::move(*s);
  }
  auto segment_of = [&](AccountIndex a) {
    return segment_by.empty() ? std::string("all") : segments.values[segments.of_account[a]];
  };
  // The segment of the cell: named in it, else the segment filter, else "all"; the
  // weighted average pools every segment shown.
  std::string segment = parts.size() == 3 ? std::string(parts[1]) : options.segment;
  if (segment.empty() && !average) {
    if (!segment_by.empty()) {
      return Status::Usage(
          fmt::format("--cell: with segment_by, name the segment: COHORT:SEGMENT:AGE (e.g. {}:{}:{})",
                      cohort_label, segments.values.empty() ? "unassigned" : segments.values[0], age));
    }
    segment = "all";
  }
  PeriodCalendar cal{options.granularity, options.fiscal_year_start_month};
  const CohortRow* row = nullptr;
  std::vector<std::string> labels;
  for (const CohortRow& r : triangle->rows) {
    labels.push_back(cal.Label(r.cohort));
    if (!average && labels.back() == cohort_label && r.segment == segment) row = &r;
  }
  if (!average && !row) {
    bool cohort_known = std::find(labels.begin(), labels.end(), cohort_label) != labels.end();
    if (cohort_known)
      return Status::Usage(fmt::format("--cell: cohort {} has no segment '{}'", cohort_label, segment));
    return Status::Usage(fmt::format("--cell: no cohort '{}' in the cohorts report{}", cohort_label,
                                     DidYouMeanSuffix(cohort_label, labels)));
  }
  if (age > triangle->max_age || (row && !row->numerator[static_cast<size_t>(age)])) {
    return Status::Usage(fmt::format("--cell: {} has no age {} yet",
                                     average ? std::string("the weighted average") : "cohort " + cohort_label,
                                     age));
  }
  const int step = MonthsPerPeriod(options.granularity);
  const Month last = series->last_month();
  Report report = DrillReport("cohorts", in, *as_of, p);
  report.period = std::string(GranularityName(options.granularity));
  report.segment_by = options.segment_by;
  report.columns = {{"account_id", ColumnKind::kText},  {"account_name", ColumnKind::kText},
                    {"cohort", ColumnKind::kText},      {"segment", ColumnKind::kText},
                    {"start_mrr", ColumnKind::kMoney},  {"mrr", ColumnKind::kMoney},
                    {"numerator", ColumnKind::kNumber}, {"denominator", ColumnKind::kNumber}};
  double numerator = 0, denominator = 0, start_total = 0;
  for (AccountIndex a = 0; a < static_cast<AccountIndex>(series->account_count()); ++a) {
    Month f = series->FirstActiveMonth(a);
    if (f == kNullMonth) continue;
    const std::string seg = segment_of(a);
    if (!options.segment.empty() && seg != options.segment) continue;
    if (!average && seg != segment) continue;
    Month c = cal.PeriodStart(f);
    if (!average && cal.Label(c) != cohort_label) continue;
    if ((cal.PeriodStart(last) - c) / step < age) continue;  // the cohort has not reached the age
    const double start = series->Mrr(a, f);
    // At the rates of the account's first month, as the report counts it.
    const Month snap = std::min(c + age * step + step - 1, last);
    const double mrr = series->MrrAtRatesOf(a, snap, f);
    double num = 0, den = start;
    switch (options.metric) {
      case CohortMetric::kNrr:
        num = mrr;
        break;
      case CohortMetric::kGrr:
        num = std::min(mrr, start);
        break;
      case CohortMetric::kLogo:
        num = series->Mrr(a, snap) > 0 ? 1 : 0;
        den = 1;
        break;
    }
    report.rows.push_back({std::string(in.dataset.accounts.id[a]), std::string(in.dataset.accounts.name[a]),
                           cal.Label(c), seg, start, mrr, num, den});
    numerator += num;
    denominator += den;
    start_total += start;
  }
  const double value = denominator > 0 ? numerator / denominator : kNaN;
  report.json_extra.push_back({"metric", nlohmann::json(metric).dump()});
  report.json_extra.push_back({"age", nlohmann::json(age).dump()});
  report.json_extra.push_back({"accounts", nlohmann::json(report.rows.size()).dump()});
  report.json_extra.push_back({"start_mrr", JsonNumber(start_total)});
  report.json_extra.push_back({"numerator", JsonNumber(numerator)});
  report.json_extra.push_back({"denominator", JsonNumber(denominator)});
  report.json_extra.push_back({"value", JsonNumber(value)});
  report.notes.push_back(fmt::format(
      "{} accounts of {}; {} = Σ numerator / Σ denominator = {} at age {} ({}: numerator = {}, denominator = "
      "{}).",
      report.rows.size(),
      average ? std::string("every cohort that has the age") : "cohort " + cohort_label + " / " + segment,
      metric, std::isnan(value) ? std::string("—") : FormatNumber(value, 4), age, metric,
      metric == "nrr"   ? "MRR at the age"
      : metric == "grr" ? "min(MRR at the age, start MRR)"
                        : "1 when still paying",
      metric == "logo" ? "1" : "start MRR"));
  return report;
}

// ---- bowtie: PERIOD:STAGE:FIELD ---------------------------------------------------------

// A bowtie cell, checked: PERIOD:STAGE:FIELD with a field of the mode.
struct BowtieCell {
  bool cohort = true;
  std::vector<std::string> stage_names;
  int stage = -1;
  std::string field, period;
  bool last_stage() const { return stage + 1 == static_cast<int>(stage_names.size()); }
};

Result<BowtieCell> ParseBowtieCell(const ReportParams& p) {
  constexpr const char* kFormat = "PERIOD:STAGE:FIELD, e.g. 2024-03:selection:converted";
  auto cell = RequiredCell(p, "bowtie", kFormat);
  if (!cell.ok()) return cell.status();
  auto parts = SplitCell(*cell);
  if (parts.size() != 3) return Status::Usage(fmt::format("--cell: '{}' is not {}", *cell, kFormat));
  BowtieCell c;
  c.cohort = p.Get("mode", "cohort") == "cohort";
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

Result<Report> BowtieDrilldown(const Input& in, const ReportParams& p) {
  auto parsed = ParseBowtieCell(p);
  if (!parsed.ok()) return parsed.status();
  const BowtieCell& c = *parsed;
  const bool cohort = c.cohort, last_stage = c.last_stage();
  const int stage = c.stage;
  const std::string& field = c.field;
  // The report first: its own errors (segment_by, segment, data) come out as the report's.
  auto spec = FindReport("bowtie");
  auto bowtie = (*spec)->run(in, p);
  if (!bowtie.ok()) return bowtie.status();
  const std::string& period = c.period;
  bool period_known = false;
  for (const auto& row : bowtie->rows) period_known = period_known || std::get<std::string>(row[0]) == period;
  if (!period_known) return Status::Usage(fmt::format("--cell: no period '{}' in the bowtie report", period));
  auto as_of = RunAsOf(in, p);
  const Dataset& data = in.dataset;
  auto segmenter =
      Segmenter::Make(data, p.Get("segment_by"), p.Get("segment"), in.settings.segment_attribute);
  if (!segmenter.ok()) return segmenter.status();
  static const std::vector<AccountMovement> kNoMovements;  // a data set without subscriptions
  std::shared_ptr<const MrrBasis> mrr;
  if (data.Has(Table::kSubscriptions)) {
    auto basis = LoadMrr(in, *as_of);
    if (!basis.ok()) return basis.status();
    mrr = std::move(*basis);
  }
  auto stages = ComputeStageDates(data, in.settings, mrr ? mrr->movements : kNoMovements, *as_of);
  if (!stages.ok()) return stages.status();
  const std::string segment = p.Get("segment").empty() ? std::string(kAllSegment) : p.Get("segment");
  const PeriodCalendar cal{*ParsePeriod(p.Get("period", "month")), in.settings.fiscal_year_start_month};
  const int window = in.settings.bowtie_window_days;
  // Cohort mode and period "entered": the units that entered `stage` in the period. Period
  // conversion: the units that entered the next stage in the period (the numerator).
  const int listed = !cohort && field == "conversion_rate" ? stage + 1 : stage;
  Report report = DrillReport("bowtie", in, *as_of, p);
  report.period = std::string(GranularityName(cal.granularity));
  report.segment_by = segmenter->attribute();
  report.columns = {{"unit", ColumnKind::kText},         {"account_id", ColumnKind::kText},
                    {"name", ColumnKind::kText},         {"segment", ColumnKind::kText},
                    {"entered_on", ColumnKind::kText},   {"next_stage_on", ColumnKind::kText},
                    {"days_to_next", ColumnKind::kDays}, {"status", ColumnKind::kText}};
  BowtieCounts n;
  int64_t& entered = n.entered;
  int64_t& converted = n.converted;
  int64_t& still_open = n.still_open;
  int64_t& denominator = n.denominator;
  for (size_t u = 0; u < stages->size(); ++u) {
    std::vector<std::string> segs = UnitSegments(*stages, u, *segmenter);
    if (std::find(segs.begin(), segs.end(), segment) == segs.end()) continue;
    const std::array<Day, kBowtieStageCount> e = stages->Days(u);
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
      const bool open = !last_stage && !conv && d + window > *as_of;
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
    AccountIndex a = stages->Account(u);
    std::string unit, account_id, name;
    if (a != kNoAccount) {
      unit = account_id = data.accounts.id[a];
      name = data.accounts.name[a];
    } else {
      unit = "lead " + std::string(data.leads.id[stages->lead_rows[u - stages->account_units()]]);
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

Result<Report> CustomersDrilldown(const Input& in, const ReportParams& p) {
  constexpr const char* kFormat =
      "a class (ideal, good, neutral, poor, anti-profile, excluded, unscored) or a fit x health cell";
  auto cell = RequiredCell(p, "customers", kFormat);
  if (!cell.ok()) return cell.status();
  const auto& classes = CustomerClasses();
  const bool is_class = std::find(classes.begin(), classes.end(), *cell) != classes.end();
  const bool is_matrix = std::find(MatrixCells().begin(), MatrixCells().end(), *cell) != MatrixCells().end();
  if (!is_class && !is_matrix) {
    std::vector<std::string> all = classes;
    all.insert(all.end(), MatrixCells().begin(), MatrixCells().end());
    return Status::Usage(fmt::format("--cell: unknown class or fit x health cell '{}'{}", *cell,
                                     DidYouMeanSuffix(*cell, all)));
  }
  if (!p.Get("account").empty()) return Status::Usage("--cell lists accounts; give it without account");
  auto shared = SharedScoredCustomers(in, p);
  if (!shared.ok()) return shared.status();
  const ScoredCustomers* scored = shared->get();
  const std::string klass_filter = p.Get("class");
  std::vector<const AccountScore*> picked;
  for (const AccountScore& s : scored->scores) {
    if (!klass_filter.empty() && s.klass != klass_filter) continue;
    bool keep;
    if (is_class) {
      keep = s.klass == *cell;
    } else if (std::isnan(s.fit) || std::isnan(s.health)) {
      keep = *cell == "unknown";
    } else {
      const bool high_fit = s.fit >= scored->card.high_fit,
                 high_health = s.health >= scored->card.high_health;
      keep =
          *cell == fmt::format("{}_fit_{}_health", high_fit ? "high" : "low", high_health ? "high" : "low");
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
  Report report = DrillReport("customers", in, scored->as_of, p);
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
  report.notes.push_back(is_class ? fmt::format("{} accounts of class {}.", picked.size(), *cell)
                                  : fmt::format("{} accounts in {} (high fit >= {}, high health >= {}).",
                                                picked.size(), *cell, scored->card.high_fit,
                                                scored->card.high_health));
  return report;
}

// ---- pipeline: PERIOD:FIELD (won, lost and win rates) -------------------------------------

// What the pipeline cells besides won / lost read: the period, the segment filter and owner.
struct PipelineCellScope {
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
Result<Report> CreatedDealRows(const Input& in, const ReportParams& p, const PipelineCellScope& s,
                               const std::string& field) {
  const Dataset& data = in.dataset;
  const Opportunities& opp = data.opportunities;
  CurrencyRates rates(data, in.settings);
  const bool amounts = field == "pipeline_generated";
  const OpportunityType only =
      field.ends_with("_expansion") ? OpportunityType::kExpansion : OpportunityType::kNew;
  Report report = DrillReport("pipeline", in, s.as_of, p);
  report.period = std::string(GranularityName(s.cal.granularity));
  report.segment_by = p.Get("segment_by");
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
Result<Report> QualifiedLeadRows(const Input& in, const ReportParams& p, const PipelineCellScope& s) {
  const Dataset& data = in.dataset;
  Report report = DrillReport("pipeline", in, s.as_of, p);
  report.period = std::string(GranularityName(s.cal.granularity));
  report.segment_by = p.Get("segment_by");
  report.columns = LeadColumns();
  report.extra_fields = {{"total", ColumnKind::kInteger}};
  for (size_t i : QualifiedLeadsIn(data, s, s.period, p.Get("segment_by") == "segment"))
    report.rows.push_back(LeadRow(data, i));
  report.json_extra.push_back({"field", nlohmann::json("qualified_leads").dump()});
  report.json_extra.push_back({"total", std::to_string(report.rows.size())});
  report.notes.push_back(fmt::format("{} leads qualified in {}.", report.rows.size(), s.period));
  return report;
}

// lvr: the leads qualified in the period (numerator, 1 each) and in the period before it
// (denominator, 1 each); "value" = numerator / denominator − 1 = the report's number, null
// for the first period or when none was qualified the period before.
Result<Report> LvrRows(const Input& in, const ReportParams& p, const PipelineCellScope& s,
                       const std::string& previous) {
  const Dataset& data = in.dataset;
  const bool lead_segments = p.Get("segment_by") == "segment";
  Report report = DrillReport("pipeline", in, s.as_of, p);
  report.period = std::string(GranularityName(s.cal.granularity));
  report.segment_by = p.Get("segment_by");
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
Result<Report> SalesCycleRows(const Input& in, const ReportParams& p, const PipelineCellScope& s,
                              const std::string& field) {
  const Dataset& data = in.dataset;
  const Opportunities& opp = data.opportunities;
  const bool over_closed = p.Get("cycle_over", "won") == "closed";
  const OpportunityType type =
      field.starts_with("expansion_") ? OpportunityType::kExpansion : OpportunityType::kNew;
  Report report = DrillReport("pipeline", in, s.as_of, p);
  report.period = std::string(GranularityName(s.cal.granularity));
  report.segment_by = p.Get("segment_by");
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

Result<Report> PipelineDrilldown(const Input& in, const ReportParams& p) {
  constexpr const char* kFormat = "PERIOD:FIELD, e.g. 2024-03:win_rate_new";
  auto cell = RequiredCell(p, "pipeline", kFormat);
  if (!cell.ok()) return cell.status();
  auto parts = SplitCell(*cell);
  if (parts.size() != 2) return Status::Usage(fmt::format("--cell: '{}' is not {}", *cell, kFormat));
  const std::string field(parts[1]);
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
  const bool cycle_field =
      std::find(CycleFields().begin(), CycleFields().end(), field) != CycleFields().end();
  if (!cycle_field && std::find(kFields.begin(), kFields.end(), field) == kFields.end()) {
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
  // The report first: it checks segment_by, segment and owner and names the periods.
  auto pipeline = RunPipeline(in, p);
  if (!pipeline.ok()) return pipeline.status();
  const std::string period(parts[0]);
  bool period_known = false;
  std::string previous_period, last_seen;  // the report's period before `period` ("" for its first)
  for (const auto& row : pipeline->report.rows) {
    const std::string& label = std::get<std::string>(row[0]);
    if (label == period && !period_known) previous_period = last_seen;
    period_known = period_known || label == period;
    if (label != period) last_seen = label;
    if (period_known) break;
  }
  if (!period_known)
    return Status::Usage(fmt::format("--cell: no period '{}' in the pipeline report", period));
  const Dataset& data = in.dataset;
  const Opportunities& opp = data.opportunities;
  const Day as_of = *RunAsOf(in, p);
  const OpportunityType type =
      field.find("expansion") != std::string::npos ? OpportunityType::kExpansion : OpportunityType::kNew;
  const bool only_won = field.starts_with("won_"), only_lost = field.starts_with("lost_");
  const std::string segment_by = p.Get("segment_by"), segment = p.Get("segment");
  const std::vector<Code>* column = nullptr;
  if (!segment.empty()) {
    auto col = AccountAttributeColumn(data, segment_by);
    if (!col.ok()) return col.status();
    column = *col;
  }
  Code owner = kNullCode;
  if (!p.Get("owner").empty()) owner = data.dict.Find(p.Get("owner")).value_or(kNullCode);
  const PeriodCalendar cal{*ParsePeriod(p.Get("period", "month")), in.settings.fiscal_year_start_month};
  const PipelineCellScope scope{period, cal, as_of, column, segment, owner};
  if (field == "pipeline_generated" || field.starts_with("opportunities_created_")) {
    return CreatedDealRows(in, p, scope, field);
  }
  if (field == "qualified_leads") return QualifiedLeadRows(in, p, scope);
  if (field == "lvr") return LvrRows(in, p, scope, previous_period);
  if (cycle_field) return SalesCycleRows(in, p, scope, field);
  CurrencyRates rates(data, in.settings);
  Report report = DrillReport("pipeline", in, as_of, p);
  report.period = std::string(GranularityName(cal.granularity));
  report.segment_by = segment_by;
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
    if (!InSegment(data, scope, opp.account[i])) continue;
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

Result<Report> Drilldown(std::string_view report, const Input& input, const ReportParams& params) {
  if (report == "revenue") return MrrDrilldown(report, input, params);
  if (report == "flywheel") return FlywheelDrilldown(input, params);
  if (report == "ttv") return TtvDrilldown(input, params);
  if (report == "efficiency") return EfficiencyDrilldown(input, params);
  if (report == "cohorts") return CohortsDrilldown(input, params);
  if (report == "bowtie") return BowtieDrilldown(input, params);
  if (report == "customers") return CustomersDrilldown(input, params);
  if (report == "pipeline") return PipelineDrilldown(input, params);
  return Status::NotFound(
      fmt::format("no drill-down for '{}' (available: revenue, flywheel, cohorts, bowtie, customers, "
                  "pipeline, ttv, efficiency)",
                  report));
}

}  // namespace flywheel
