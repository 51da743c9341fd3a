// `flywheel segments score|sensitivity` and `flywheel market beachhead|forecast|fit`
// (market.md): option parsing and report shaping; the computations live in src/market.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <nlohmann/json.hpp>
#include <numeric>

#include "cli/input.h"
#include "market/adopter_series.h"
#include "market/bass_fit.h"
#include "market/bass_model.h"
#include "market/beachhead_sizing.h"
#include "market/scoring_model.h"
#include "market/segment_ranking.h"
#include "market/segment_sensitivity.h"
#include "market/toml_input.h"
#include "revenue/mrr_series.h"

namespace flywheel {
namespace {

using nlohmann::json;

json RankingJson(const ScoringModel& model, const std::vector<SegmentRank>& ranks) {
  json rows = json::array();
  for (const auto& r : ranks) {
    json scores = json::object();
    for (size_t i = 0; i < model.criteria.size(); ++i) scores[model.criteria[i].key] = model.segments[r.segment].scores[i];
    json vetoes = json::array();
    for (size_t c : r.veto_criteria) vetoes.push_back(model.criteria[c].key);
    rows.push_back({{"segment", model.segments[r.segment].name}, {"score", r.total}, {"rank", r.rank},
                    {"vetoed", r.vetoed()}, {"veto_criteria", vetoes}, {"scores", scores}});
  }
  return rows;
}

Report RankingReport(const ScoringModel& model, const std::vector<SegmentRank>& ranks) {
  Report report;
  report.name = "segments";
  report.columns = {{"rank", ColumnKind::kInteger}, {"segment", ColumnKind::kText}, {"score", ColumnKind::kNumber},
                    {"vetoed", ColumnKind::kText}};
  for (const auto& c : model.criteria) report.columns.push_back({c.key, ColumnKind::kText});
  for (const auto& r : ranks) {
    const ScoredSegment& s = model.segments[r.segment];
    std::string veto;
    for (size_t c : r.veto_criteria) veto += (veto.empty() ? "" : ", ") + model.criteria[c].key;
    std::vector<Cell> row = {int64_t{r.rank}, s.name, r.total, veto.empty() ? Cell{} : Cell{"vetoed: " + veto}};
    for (double v : s.scores) row.push_back(ShortNumber(v));
    report.rows.push_back(std::move(row));
    for (size_t c : r.veto_criteria) {
      report.notes.push_back(fmt::format("{} is vetoed by '{}': scored {}, below {}", s.name, model.criteria[c].key,
                                         ShortNumber(s.scores[c]), ShortNumber(*model.criteria[c].veto_below)));
    }
  }
  for (const auto& s : model.segments) {
    for (size_t i = 0; i < model.criteria.size(); ++i) {
      if (!s.notes[i].empty()) report.notes.push_back(fmt::format("{} — {}: {}", s.name, model.criteria[i].key, s.notes[i]));
    }
  }
  std::string weights;
  for (const auto& c : model.criteria) {
    weights += fmt::format("{}{} {}{}", weights.empty() ? "" : ", ", c.key, FormatRate(c.weight), c.inverse ? " (inverse)" : "");
  }
  report.notes.push_back("Weights: " + weights + "; total = Σ weight × score (inverse: 6 − score), maximum 5.");
  report.json_rows = false;
  report.json_extra.push_back({"rows", RankingJson(model, ranks).dump()});
  return report;
}

std::function<Status()> SetupScore(CLI::App* app) {
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  app->add_option("file", *file, "Scoring file (TOML, see docs/MARKET.md)")->required();
  AddFormatOption(app, format.get());
  return [=]() -> Status {
    auto model = LoadScoringModel(*file);
    if (!model.ok()) return model.status();
    return PrintReport(RankingReport(*model, RankSegments(*model)), *format);
  };
}

std::function<Status()> SetupSensitivity(CLI::App* app) {
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  auto options = std::make_shared<StabilityOptions>();
  app->add_option("file", *file, "Scoring file (TOML, see docs/MARKET.md)")->required();
  app->add_option("--draws", options->draws, "Random weightings for rank stability")->capture_default_str()->check(CLI::Range(1, 10000000));
  app->add_option("--concentration", options->concentration, "Dirichlet concentration: alpha_i = concentration × w_i")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  AddFormatOption(app, format.get());
  return [=]() -> Status {
    auto model = LoadScoringModel(*file);
    if (!model.ok()) return model.status();
    auto ranks = RankSegments(*model);
    Sensitivity s = AnalyzeSensitivity(*model, *options);
    Report report;
    report.name = "segments-sensitivity";
    report.columns = {{"criterion", ColumnKind::kText},    {"weight", ColumnKind::kRate},
                      {"flip_change_pp", ColumnKind::kNumber}, {"new_winner", ColumnKind::kText},
                      {"flip_up_pp", ColumnKind::kNumber},     {"up_winner", ColumnKind::kText},
                      {"flip_down_pp", ColumnKind::kNumber},   {"down_winner", ColumnKind::kText}};
    json criteria = json::array();
    auto name = [&](const std::optional<WeightFlip>& f) { return f ? Cell{model->segments[f->new_winner].name} : Cell{}; };
    auto pp = [](const std::optional<WeightFlip>& f) { return f ? Cell{f->change_pp} : Cell{}; };
    auto jpp = [](const std::optional<WeightFlip>& f) { return f ? json(f->change_pp) : json(nullptr); };
    for (const auto& c : s.criteria) {
      const Criterion& k = model->criteria[c.criterion];
      auto smallest = c.smallest();
      report.rows.push_back({k.key, k.weight, pp(smallest), name(smallest), pp(c.up), name(c.up), pp(c.down), name(c.down)});
      auto jname = [&](const std::optional<WeightFlip>& f) { return f ? json(model->segments[f->new_winner].name) : json(nullptr); };
      criteria.push_back({{"criterion", k.key}, {"weight", k.weight}, {"flip_change_pp", jpp(smallest)},
                          {"new_winner", jname(smallest)}, {"flip_up_pp", jpp(c.up)}, {"up_winner", jname(c.up)},
                          {"flip_down_pp", jpp(c.down)}, {"down_winner", jname(c.down)}});
    }
    json stability = json::array();
    report.notes.push_back(fmt::format("Winner: {}. {}", model->segments[s.winner].name,
                                       s.fragile ? "Fragile: the winner changes within ± 5 pp of one weight."
                                                 : "Not fragile: no single weight change within ± 5 pp changes the winner."));
    report.notes.push_back("Empty flip: no change of that weight within 0–100 % changes the winner (others rescaled proportionally).");
    for (const auto& r : ranks) {
      stability.push_back({{"segment", model->segments[r.segment].name}, {"first_share", s.first_share[r.segment]}});
      report.notes.push_back(fmt::format("Rank stability: {} ranks first in {} of {} random weightings", model->segments[r.segment].name,
                                         FormatRate(s.first_share[r.segment]), options->draws));
    }
    report.notes.push_back(fmt::format("Random weightings: Dirichlet, concentration {}, seed {}.", ShortNumber(options->concentration), options->seed));
    report.json_rows = false;
    report.json_extra = {{"rows", RankingJson(*model, ranks).dump()}, {"criteria", criteria.dump()},
                         {"stability", stability.dump()}, {"fragile", json(s.fragile).dump()}};
    return PrintReport(report, *format);
  };
}

std::string Whole(double v) { return FormatNumber(RoundHalfUp(v), 0); }

std::function<Status()> SetupBeachhead(CLI::App* app) {
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  auto p = std::make_shared<double>(0), q = std::make_shared<double>(-1);
  auto fit_file = std::make_shared<std::string>();
  app->add_option("file", *file, "Beachhead file (TOML, see docs/MARKET.md)")->required();
  auto* po = app->add_option("--p", *p, "Bass innovation coefficient (overrides the file)");
  app->add_option("--q", *q, "Bass imitation coefficient (overrides the file)");
  app->add_option("--fit", *fit_file, "Fit p and q to observed adopters (period,adopters CSV)")->excludes(po);
  AddFormatOption(app, format.get());
  return [=]() -> Status {
    auto model = LoadBeachheadModel(*file);
    if (!model.ok()) return model.status();
    std::optional<double> bp = model->p, bq = model->q;
    if (*p != 0) bp = *p;
    if (*q >= 0) bq = *q;
    if (!fit_file->empty()) {
      auto observed = LoadAdoptersCsv(*fit_file);
      if (!observed.ok()) return observed.status();
      auto fit = FitBass(*observed);
      if (!fit.ok()) return fit.status();
      bp = fit->nls.params.p;
      bq = fit->nls.params.q;
    }
    if (bp.has_value() != bq.has_value()) return Status::Usage("give both p and q, or neither");
    if (bp) FLYWHEEL_RETURN_IF_ERROR(ValidateBass({1, *bp, *bq}));
    auto rows = SizeBeachhead(*model);
    Report report;
    report.name = "beachhead";
    report.columns = {{"measure", ColumnKind::kText}};
    for (const auto& r : rows) {
      std::string title = r.category == "total" ? "Total" : r.category;
      report.columns.push_back({r.category, ColumnKind::kText, fmt::format("{} {} %", title, Whole(r.share * 100))});
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
    for (size_t i = 0; i < model->share_scenarios.size(); ++i) {
      add(fmt::format("ARR at {} % share", ShortNumber(model->share_scenarios[i] * 100)),
          [i](const BeachheadRow& r) { return Cell{Whole(r.scenario_arr[i])}; });
    }
    for (const auto& r : rows) {
      json scenarios = json::object();
      for (size_t i = 0; i < model->share_scenarios.size(); ++i) scenarios[ShortNumber(model->share_scenarios[i] * 100)] = r.scenario_arr[i];
      jrows.push_back({{"category", r.category}, {"share", r.share}, {"customers", r.customers},
                       {"arr_potential", r.arr_potential}, {"scenarios", scenarios}});
    }
    report.notes.push_back(fmt::format("{}: {} companies × average ARR {}; customers rounded to whole companies, money to whole units (half up).",
                                       model->name.empty() ? "Beachhead" : model->name, Whole(model->companies), Whole(model->average_arr)));
    report.json_rows = false;
    report.json_extra.push_back({"rows", jrows.dump()});
    if (bp) {
      json reached = json::array();
      for (double s : model->share_scenarios) {
        if (s >= 1.0) continue;
        int period = BassPeriodReaching(*bp, *bq, s);
        double t = BassTimeToShare(*bp, *bq, s);
        reached.push_back({{"share", s}, {"period", period}, {"time", t}});
        report.notes.push_back(fmt::format("{} % share reached in period {} (t = {:.2f}) with p = {}, q = {}",
                                           ShortNumber(s * 100), period, t, ShortNumber(*bp), ShortNumber(*bq)));
      }
      report.json_extra.push_back({"scenario_periods", reached.dump()});
    }
    if (auto m = SizeMarket(*model)) {
      report.notes.push_back(fmt::format("TAM: {} companies, ARR {}", Whole(m->tam_companies), Whole(m->tam_arr)));
      report.notes.push_back(fmt::format("SAM: {} companies, ARR {}", Whole(m->sam_companies), Whole(m->sam_arr)));
      json j = {{"tam_companies", m->tam_companies}, {"tam_arr", m->tam_arr}, {"sam_companies", m->sam_companies},
                {"sam_arr", m->sam_arr}, {"som_companies", m->som_companies ? json(*m->som_companies) : json(nullptr)},
                {"som_arr", m->som_arr ? json(*m->som_arr) : json(nullptr)}, {"warnings", m->inconsistencies}};
      if (m->som_companies) report.notes.push_back(fmt::format("SOM: {} companies, ARR {}", Whole(*m->som_companies), Whole(*m->som_arr)));
      for (const auto& w : m->inconsistencies) report.notes.push_back("Warning: " + w);
      report.json_extra.push_back({"market", j.dump()});
    }
    return PrintReport(report, *format);
  };
}

std::function<Status()> SetupForecast(CLI::App* app) {
  auto b = std::make_shared<BassParameters>();
  auto periods = std::make_shared<int>(12);
  auto arr = std::make_shared<double>(0);
  auto format = std::make_shared<std::string>("table");
  app->add_option("--m", b->m, "Market size: potential customers")->required();
  app->add_option("--p", b->p, "Innovation coefficient per period")->capture_default_str();
  app->add_option("--q", b->q, "Imitation coefficient per period")->capture_default_str();
  app->add_option("--periods", *periods, "Number of periods")->capture_default_str()->check(CLI::Range(1, 10000));
  app->add_option("--average-arr", *arr, "Average ARR per customer")->capture_default_str()->check(CLI::NonNegativeNumber);
  AddFormatOption(app, format.get());
  return [=]() -> Status {
    FLYWHEEL_RETURN_IF_ERROR(ValidateBass(*b));
    Report report;
    report.name = "market-forecast";
    report.columns = {{"period", ColumnKind::kInteger}, {"adopters", ColumnKind::kNumber},
                      {"cumulative", ColumnKind::kNumber}, {"arr", ColumnKind::kMoney}};
    for (const auto& r : BassForecast(*b, *periods)) {
      report.rows.push_back({int64_t{r.period}, r.adopters, r.cumulative, r.cumulative * *arr});
    }
    double peak = BassPeakTime(b->p, b->q);
    report.notes.push_back(fmt::format("Bass model: m = {}, p = {}, q = {}; peak at t* = {:.2f}", ShortNumber(b->m),
                                       ShortNumber(b->p), ShortNumber(b->q), peak));
    json milestones = json::array();
    for (double s : {0.25, 0.5, 0.7}) {
      int period = BassPeriodReaching(b->p, b->q, s);
      double t = BassTimeToShare(b->p, b->q, s);
      milestones.push_back({{"share", s}, {"period", period}, {"time", t}});
      report.notes.push_back(fmt::format("{} % of the market reached in period {} (t = {:.2f})", ShortNumber(s * 100), period, t));
    }
    report.json_extra = {{"peak_period", json(peak).dump()}, {"milestones", milestones.dump()}};
    return PrintReport(report, *format);
  };
}

Result<std::vector<double>> AdoptersFromData(const InputOptions& input, const std::string& segment,
                                             const std::string& period) {
  auto granularity = ParsePeriod(period);
  if (!granularity.ok()) return granularity.status();
  auto loaded = LoadInput(input);
  if (!loaded.ok()) return loaded.status();
  PrintWarnings(loaded->warnings);
  const Dataset& d = loaded->dataset;
  const std::string& attribute = loaded->settings.segment_attribute;
  const std::vector<Code>* codes = nullptr;
  if (attribute == "segment") codes = &d.accounts.segment;
  else if (attribute == "industry") codes = &d.accounts.industry;
  else if (attribute == "country") codes = &d.accounts.country;
  else if (attribute == "region") codes = &d.accounts.region;
  else if (attribute == "source") codes = &d.accounts.source;
  for (size_t i = 0; i < d.accounts.attribute_names.size(); ++i) {
    if (d.accounts.attribute_names[i] == attribute) codes = &d.accounts.attributes[i];
  }
  if (!codes) return Status::BadData(fmt::format("segment attribute '{}' is not an account attribute", attribute));
  auto mrr = ComputeMrr(d, loaded->settings, loaded->as_of);
  if (!mrr.ok()) return mrr.status();
  std::vector<Month> first;
  bool any = false;
  for (AccountIndex a = 0; a < static_cast<AccountIndex>(d.accounts.size()); ++a) {
    if (!segment.empty() && d.dict.Get((*codes)[static_cast<size_t>(a)]) != segment) continue;
    any = true;
    first.push_back(mrr->FirstActiveMonth(a));
  }
  if (!segment.empty() && !any) return Status::BadData(fmt::format("--segment: no account has {} \"{}\"", attribute, segment));
  PeriodCalendar calendar;
  calendar.granularity = *granularity;
  return CountAdoptersPerPeriod(first, calendar, MonthOfDay(loaded->as_of));
}

std::function<Status()> SetupFit(CLI::App* app) {
  auto observed = std::make_shared<std::string>();
  auto input = std::make_shared<InputOptions>();
  auto segment = std::make_shared<std::string>();
  auto period = std::make_shared<std::string>("month");
  auto format = std::make_shared<std::string>("table");
  auto* obs = app->add_option("--observed", *observed, "Observed adopters: CSV with period,adopters");
  AddInputOptions(app, input.get());
  app->add_option("--segment", *segment, "With --data/--workspace: only accounts of this segment");
  app->add_option("--period", *period, "With --data/--workspace: month, quarter or year")->capture_default_str();
  AddFormatOption(app, format.get());
  (void)obs;
  return [=]() -> Status {
    Result<std::vector<double>> adopters = std::vector<double>{};
    if (!observed->empty()) {
      if (!input->data_dir.empty() || !input->workspace_dir.empty()) {
        return Status::Usage("give either --observed FILE or --data/--workspace, not both");
      }
      adopters = LoadAdoptersCsv(*observed);
    } else if (!input->data_dir.empty() || !input->workspace_dir.empty()) {
      adopters = AdoptersFromData(*input, *segment, *period);
    } else {
      return Status::Usage("give the observed adopters with --observed FILE, or --data DIR / --workspace WS");
    }
    if (!adopters.ok()) return adopters.status();
    auto fit = FitBass(*adopters);
    if (!fit.ok()) return fit.status();
    Report report;
    report.name = "market-fit";
    report.columns = {{"method", ColumnKind::kText}, {"m", ColumnKind::kNumber},           {"p", ColumnKind::kText},
                      {"q", ColumnKind::kText},      {"residual_se", ColumnKind::kNumber}, {"peak_period", ColumnKind::kNumber},
                      {"m_low", ColumnKind::kNumber}, {"m_high", ColumnKind::kNumber}};
    json rows = json::array();
    for (auto [name, e] : {std::pair{"ols", &fit->ols}, std::pair{"nls", &fit->nls}}) {
      report.rows.push_back({std::string(name), e->params.m, fmt::format("{:.4f}", e->params.p), fmt::format("{:.4f}", e->params.q),
                             e->residual_se ? Cell{*e->residual_se} : Cell{}, e->peak_period, e->m_low, e->m_high});
      rows.push_back({{"method", name}, {"m", e->params.m}, {"p", e->params.p}, {"q", e->params.q},
                      {"residual_se", e->residual_se ? json(*e->residual_se) : json(nullptr)},
                      {"peak_period", e->peak_period}, {"m_low", e->m_low}, {"m_high", e->m_high}});
    }
    report.notes.push_back(fmt::format("{} periods observed, {} adopters in all.", adopters->size(),
                                       ShortNumber(std::accumulate(adopters->begin(), adopters->end(), 0.0))));
    report.notes.push_back("m range: ols = the two methods' estimates; nls = approximate 95 % interval (m ± 1.96 SE).");
    for (const auto& w : fit->warnings) report.notes.push_back("Warning: " + w);
    report.json_rows = false;
    report.json_extra = {{"rows", rows.dump()}, {"warnings", json(fit->warnings).dump()}};
    return PrintReport(report, *format);
  };
}

// Registers `subcommands` under `app` and returns the action of whichever was chosen.
std::function<Status()> Nest(CLI::App* app,
                             std::vector<std::tuple<const char*, const char*, std::function<std::function<Status()>(CLI::App*)>>> subs) {
  app->require_subcommand(1);
  auto actions = std::make_shared<std::vector<std::pair<CLI::App*, std::function<Status()>>>>();
  for (auto& [name, help, setup] : subs) {
    CLI::App* sub = app->add_subcommand(name, help);
    actions->push_back({sub, setup(sub)});
  }
  return [actions]() -> Status {
    for (auto& [sub, action] : *actions) {
      if (sub->parsed()) return action();
    }
    return Status::Usage("choose a subcommand");
  };
}

}  // namespace

std::function<Status()> SetupSegments(CLI::App* app) {
  return Nest(app, {{"score", "Rank candidate segments by weighted criteria (notes, vetoes)", SetupScore},
                    {"sensitivity", "Weight changes that flip the winner; rank stability under random weights", SetupSensitivity}});
}

std::function<Status()> SetupMarket(CLI::App* app) {
  return Nest(app, {{"beachhead", "Beachhead sizing: adoption categories, ARR potential, scenarios, TAM/SAM/SOM", SetupBeachhead},
                    {"forecast", "Bass diffusion forecast: adopters, cumulative customers and ARR per period", SetupForecast},
                    {"fit", "Fit the Bass model (OLS and NLS) to observed adopters", SetupFit}});
}

}  // namespace flywheel
