#include "reports/market_reports.h"

#include <fmt/core.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "market/adopter_series.h"
#include "market/bass_fit.h"
#include "market/beachhead_sizing.h"
#include "market/segment_ranking.h"
#include "market/toml_input.h"
#include "output/report_writer.h"
#include "revenue/mrr_series.h"

namespace flywheel {
namespace {

using nlohmann::json;

json RankingJson(const ScoringModel& model, const std::vector<SegmentRank>& ranks) {
  json rows = json::array();
  for (const auto& r : ranks) {
    json scores = json::object();
    for (size_t i = 0; i < model.criteria.size(); ++i)
      scores[model.criteria[i].key] = model.segments[r.segment].scores[i];
    json vetoes = json::array();
    for (size_t c : r.veto_criteria) vetoes.push_back(model.criteria[c].key);
    rows.push_back({{"segment", model.segments[r.segment].name},
                    {"score", r.total},
                    {"rank", r.rank},
                    {"vetoed", r.vetoed()},
                    {"veto_criteria", vetoes},
                    {"scores", scores}});
  }
  return rows;
}

Report RankingReportOf(const ScoringModel& model, const std::vector<SegmentRank>& ranks) {
  Report report;
  report.name = "segments";
  report.columns = {{"rank", ColumnKind::kInteger},
                    {"segment", ColumnKind::kText},
                    {"score", ColumnKind::kNumber},
                    {"vetoed", ColumnKind::kText}};
  for (const auto& c : model.criteria) report.columns.push_back({c.key, ColumnKind::kText});
  for (const auto& r : ranks) {
    const ScoredSegment& s = model.segments[r.segment];
    std::string veto;
    for (size_t c : r.veto_criteria) veto += (veto.empty() ? "" : ", ") + model.criteria[c].key;
    std::vector<Cell> row = {int64_t{r.rank}, s.name, r.total,
                             veto.empty() ? Cell{} : Cell{"vetoed: " + veto}};
    for (double v : s.scores) row.push_back(ShortNumber(v));
    report.rows.push_back(std::move(row));
    for (size_t c : r.veto_criteria) {
      report.notes.push_back(fmt::format("{} is vetoed by '{}': scored {}, below {}", s.name,
                                         model.criteria[c].key, ShortNumber(s.scores[c]),
                                         ShortNumber(*model.criteria[c].veto_below)));
    }
  }
  for (const auto& s : model.segments) {
    for (size_t i = 0; i < model.criteria.size(); ++i) {
      if (!s.notes[i].empty())
        report.notes.push_back(fmt::format("{} — {}: {}", s.name, model.criteria[i].key, s.notes[i]));
    }
  }
  std::string weights;
  for (const auto& c : model.criteria) {
    weights += fmt::format("{}{} {}{}", weights.empty() ? "" : ", ", c.key, FormatRate(c.weight),
                           c.inverse ? " (inverse)" : "");
  }
  report.notes.push_back("Weights: " + weights +
                         "; total = Σ weight × score (inverse: 6 − score), maximum 5.");
  report.json_rows = false;
  report.json_extra.push_back({"rows", RankingJson(model, ranks).dump()});
  return report;
}

std::string Whole(double v) { return FormatNumber(RoundHalfUp(v), 0); }

}  // namespace

Report SegmentRankingReport(const ScoringModel& model) { return RankingReportOf(model, RankSegments(model)); }

Report SegmentSensitivityReport(const ScoringModel& model, const StabilityOptions& options) {
  auto ranks = RankSegments(model);
  Sensitivity s = AnalyzeSensitivity(model, options);
  Report report;
  report.name = "segments-sensitivity";
  report.columns = {{"criterion", ColumnKind::kText},        {"weight", ColumnKind::kRate},
                    {"flip_change_pp", ColumnKind::kNumber}, {"new_winner", ColumnKind::kText},
                    {"flip_up_pp", ColumnKind::kNumber},     {"up_winner", ColumnKind::kText},
                    {"flip_down_pp", ColumnKind::kNumber},   {"down_winner", ColumnKind::kText}};
  json criteria = json::array();
  auto name = [&](const std::optional<WeightFlip>& f) {
    return f ? Cell{model.segments[f->new_winner].name} : Cell{};
  };
  auto pp = [](const std::optional<WeightFlip>& f) { return f ? Cell{f->change_pp} : Cell{}; };
  auto jpp = [](const std::optional<WeightFlip>& f) { return f ? json(f->change_pp) : json(nullptr); };
  for (const auto& c : s.criteria) {
    const Criterion& k = model.criteria[c.criterion];
    auto smallest = c.smallest();
    report.rows.push_back(
        {k.key, k.weight, pp(smallest), name(smallest), pp(c.up), name(c.up), pp(c.down), name(c.down)});
    auto jname = [&](const std::optional<WeightFlip>& f) {
      return f ? json(model.segments[f->new_winner].name) : json(nullptr);
    };
    criteria.push_back({{"criterion", k.key},
                        {"weight", k.weight},
                        {"flip_change_pp", jpp(smallest)},
                        {"new_winner", jname(smallest)},
                        {"flip_up_pp", jpp(c.up)},
                        {"up_winner", jname(c.up)},
                        {"flip_down_pp", jpp(c.down)},
                        {"down_winner", jname(c.down)}});
  }
  json stability = json::array();
  report.notes.push_back(
      fmt::format("Winner: {}. {}", model.segments[s.winner].name,
                  s.fragile ? "Fragile: the winner changes within ± 5 pp of one weight."
                            : "Not fragile: no single weight change within ± 5 pp changes the winner."));
  report.notes.push_back(
      "Empty flip: no change of that weight within 0–100 % changes the winner (others rescaled "
      "proportionally).");
  for (const auto& r : ranks) {
    stability.push_back(
        {{"segment", model.segments[r.segment].name}, {"first_share", s.first_share[r.segment]}});
    report.notes.push_back(fmt::format("Rank stability: {} ranks first in {} of {} random weightings",
                                       model.segments[r.segment].name, FormatRate(s.first_share[r.segment]),
                                       options.draws));
  }
  report.notes.push_back(fmt::format("Random weightings: Dirichlet, concentration {}, seed {}.",
                                     ShortNumber(options.concentration), options.seed));
  report.json_rows = false;
  report.json_extra = {{"rows", RankingJson(model, ranks).dump()},
                       {"criteria", criteria.dump()},
                       {"stability", stability.dump()},
                       {"fragile", json(s.fragile).dump()}};
  return report;
}

Result<Report> BeachheadReport(const BeachheadModel& model, std::optional<double> p,
                               std::optional<double> q) {
  if (p.has_value() != q.has_value()) return Status::Usage("give both p and q, or neither");
  if (p) FLYWHEEL_RETURN_IF_ERROR(ValidateBass({1, *p, *q}));
  auto rows = SizeBeachhead(model);
  Report report;
  report.name = "beachhead";
  report.columns = {{"measure", ColumnKind::kText}};
  for (const auto& r : rows) {
    std::string title = r.category == "total" ? "Total" : r.category;
    report.columns.push_back(
        {r.category, ColumnKind::kText, fmt::format("{} {} %", title, Whole(r.share * 100))});
  }
  auto add = [&](std::string label, auto value) {
    std::vector<Cell> row = {std::move(label)};
    for (const auto& r : rows) row.push_back(value(r));
    report.rows.push_back(std::move(row));
  };
  add("share of market", [](const BeachheadRow& r) { return Cell{ShortNumber(r.share * 100) + " %"}; });
  add("customer potential", [](const BeachheadRow& r) { return Cell{Whole(r.customers)}; });
  add("ARR potential", [](const BeachheadRow& r) { return Cell{Whole(r.arr_potential)}; });
  json jrows = json::array();
  for (size_t i = 0; i < model.share_scenarios.size(); ++i) {
    add(fmt::format("ARR at {} % share", ShortNumber(model.share_scenarios[i] * 100)),
        [i](const BeachheadRow& r) { return Cell{Whole(r.scenario_arr[i])}; });
  }
  for (const auto& r : rows) {
    json scenarios = json::object();
    for (size_t i = 0; i < model.share_scenarios.size(); ++i)
      scenarios[ShortNumber(model.share_scenarios[i] * 100)] = r.scenario_arr[i];
    jrows.push_back({{"category", r.category},
                     {"share", r.share},
                     {"customers", r.customers},
                     {"arr_potential", r.arr_potential},
                     {"scenarios", scenarios}});
  }
  report.notes.push_back(fmt::format(
      "{}: {} companies × average ARR {}; customers rounded to whole companies, money to whole units (half "
      "up).",
      model.name.empty() ? "Beachhead" : model.name, Whole(model.companies), Whole(model.average_arr)));
  report.json_rows = false;
  report.json_extra.push_back({"rows", jrows.dump()});
  if (p) {
    json reached = json::array();
    for (double s : model.share_scenarios) {
      if (s >= 1.0) continue;
      int period = BassPeriodReaching(*p, *q, s);
      double t = BassTimeToShare(*p, *q, s);
      reached.push_back({{"share", s}, {"period", period}, {"time", t}});
      report.notes.push_back(fmt::format("{} % share reached in period {} (t = {:.2f}) with p = {}, q = {}",
                                         ShortNumber(s * 100), period, t, FormatForNote(*p),
                                         FormatForNote(*q)));
    }
    report.json_extra.push_back({"scenario_periods", reached.dump()});
  }
  if (auto m = SizeMarket(model)) {
    report.notes.push_back(
        fmt::format("TAM: {} companies, ARR {}", Whole(m->tam_companies), Whole(m->tam_arr)));
    report.notes.push_back(
        fmt::format("SAM: {} companies, ARR {}", Whole(m->sam_companies), Whole(m->sam_arr)));
    json j = {{"tam_companies", m->tam_companies},
              {"tam_arr", m->tam_arr},
              {"sam_companies", m->sam_companies},
              {"sam_arr", m->sam_arr},
              {"som_companies", m->som_companies ? json(*m->som_companies) : json(nullptr)},
              {"som_arr", m->som_arr ? json(*m->som_arr) : json(nullptr)},
              {"warnings", m->inconsistencies}};
    if (m->som_companies)
      report.notes.push_back(
          fmt::format("SOM: {} companies, ARR {}", Whole(*m->som_companies), Whole(*m->som_arr)));
    for (const auto& w : m->inconsistencies) report.notes.push_back("Warning: " + w);
    report.json_extra.push_back({"market", j.dump()});
  }
  return report;
}

Result<Report> BassForecastReport(const BassParameters& bass, int periods, double average_arr) {
  FLYWHEEL_RETURN_IF_ERROR(ValidateBass(bass));
  Report report;
  report.name = "market-forecast";
  report.columns = {{"period", ColumnKind::kInteger},
                    {"adopters", ColumnKind::kNumber},
                    {"cumulative", ColumnKind::kNumber},
                    {"arr", ColumnKind::kMoney}};
  for (const auto& r : BassForecast(bass, periods)) {
    report.rows.push_back({int64_t{r.period}, r.adopters, r.cumulative, r.cumulative * average_arr});
  }
  double peak = BassPeakTime(bass.p, bass.q);
  report.notes.push_back(fmt::format("Bass model: m = {}, p = {}, q = {}; peak at t* = {:.2f}",
                                     FormatForNote(bass.m), FormatForNote(bass.p), FormatForNote(bass.q),
                                     peak));
  json milestones = json::array();
  for (double s : {0.25, 0.5, 0.7}) {
    int period = BassPeriodReaching(bass.p, bass.q, s);
    double t = BassTimeToShare(bass.p, bass.q, s);
    milestones.push_back({{"share", s}, {"period", period}, {"time", t}});
    report.notes.push_back(
        fmt::format("{} % of the market reached in period {} (t = {:.2f})", ShortNumber(s * 100), period, t));
  }
  report.json_extra = {{"peak_period", json(peak).dump()}, {"milestones", milestones.dump()}};
  return report;
}

Result<Report> BassFitReport(const std::vector<double>& adopters, const BassFitOptions& options) {
  auto fit = FitBass(adopters, options.objective);
  if (!fit.ok()) return fit.status();
  Report report;
  report.name = "market-fit";
  report.as_of = options.as_of;
  report.period = options.period;
  report.columns = {{"method", ColumnKind::kText},        {"m", ColumnKind::kNumber},
                    {"p", ColumnKind::kCoefficient},      {"q", ColumnKind::kCoefficient},
                    {"residual_se", ColumnKind::kNumber}, {"peak_period", ColumnKind::kNumber},
                    {"m_low", ColumnKind::kNumber},       {"m_high", ColumnKind::kNumber},
                    {"unavailable", ColumnKind::kText}};
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (auto [name, e] : {std::pair{"ols", &fit->ols}, std::pair{"nls", &fit->nls}}) {
    using J = nlohmann::ordered_json;
    auto number = [&](double v) { return e->available && std::isfinite(v) ? J(v) : J(nullptr); };
    const J residual = e->available && e->residual_se ? J(*e->residual_se) : J(nullptr);
    rows.push_back({{"method", name},
                    {"m", number(e->params.m)},
                    {"p", number(e->params.p)},
                    {"q", number(e->params.q)},
                    {"residual_se", residual},
                    {"peak_period", number(e->peak_period)},
                    {"m_low", number(e->m_low)},
                    {"m_high", number(e->m_high)},
                    {"unavailable", e->available ? J(nullptr) : J(e->unavailable)}});
    auto cell = [&](double v) { return e->available && std::isfinite(v) ? Cell{v} : Cell{}; };
    report.rows.push_back({std::string(name), cell(e->params.m), cell(e->params.p), cell(e->params.q),
                           e->available && e->residual_se ? Cell{*e->residual_se} : Cell{},
                           cell(e->peak_period), cell(e->m_low), cell(e->m_high),
                           e->available ? Cell{} : Cell{e->unavailable}});
  }
  report.notes.push_back(fmt::format("{} periods observed, {} adopters in all.", adopters.size(),
                                     FormatForNote(fit->observed_adopters)));
  report.notes.push_back(fmt::format(
      "Objective: {} (residual_se against that curve for both methods); NLS kept its best fit, from the {} "
      "start.",
      fit->objective == BassObjective::kDensity ? "density m·f(t), as R nls fits publish it"
                                                : "period increments m·(F(t) − F(t−1)) (Srinivasan & Mason)",
      fit->nls_start));
  report.notes.push_back(
      fmt::format("m range: ols = the two methods' estimates; nls = approximate 95 % interval, never below "
                  "the {} adopters "
                  "observed (log of the remaining market ± 1.96 SE).",
                  FormatForNote(fit->observed_adopters)));
  for (const auto& w : fit->warnings) report.notes.push_back("Warning: " + w);
  report.json_rows = false;
  report.json_extra = {{"objective", json(BassObjectiveName(fit->objective)).dump()},
                       {"rows", rows.dump()},
                       {"warnings", json(fit->warnings).dump()}};
  return report;
}

Result<std::vector<double>> AdoptersFromDataSet(const Input& input, Day as_of, const std::string& segment,
                                                const std::string& period) {
  auto granularity = ParsePeriod(period);
  if (!granularity.ok()) return granularity.status();
  const Dataset& d = input.dataset;
  const std::string& attribute = input.settings.segment_attribute;
  const std::vector<Code>* codes = nullptr;
  if (attribute == "segment")
    codes = &d.accounts.segment;
  else if (attribute == "industry")
    codes = &d.accounts.industry;
  else if (attribute == "country")
    codes = &d.accounts.country;
  else if (attribute == "region")
    codes = &d.accounts.region;
  else if (attribute == "source")
    codes = &d.accounts.source;
  for (size_t i = 0; i < d.accounts.attribute_names.size(); ++i) {
    if (d.accounts.attribute_names[i] == attribute) codes = &d.accounts.attributes[i];
  }
  if (!codes)
    return Status::BadData(fmt::format("segment attribute '{}' is not an account attribute", attribute));
  // The MRR series of the date, shared with the other reports (DerivedData).
  auto basis = input.derived->Mrr(d, input.settings, as_of);
  if (!basis.ok()) return basis.status();
  const MrrSeries* mrr = &(*basis)->series;
  std::vector<Month> first;
  bool any = false;
  for (AccountIndex a = 0; a < static_cast<AccountIndex>(d.accounts.size()); ++a) {
    if (!segment.empty() && d.dict.Get((*codes)[static_cast<size_t>(a)]) != segment) continue;
    any = true;
    first.push_back(mrr->FirstActiveMonth(a));
  }
  if (!segment.empty() && !any)
    return Status::BadData(fmt::format("--segment: no account has {} \"{}\"", attribute, segment));
  PeriodCalendar calendar;
  calendar.granularity = granularity.value();
  return CountAdoptersPerPeriod(first, calendar, MonthOfDay(as_of));
}

}  // namespace flywheel
