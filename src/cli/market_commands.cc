// `flywheel segments score|sensitivity` and `flywheel market beachhead|forecast|fit`
// (market.md): option parsing; the reports are shaped in reports/market_reports.h (shared
// with the API) from the computations in src/market.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "cli/input.h"
#include "market/adopter_series.h"
#include "market/bass_fit.h"
#include "market/bass_model.h"
#include "market/beachhead_model.h"
#include "market/scoring_model.h"
#include "market/segment_sensitivity.h"
#include "reports/market_reports.h"

namespace flywheel {
namespace {

std::function<Status()> SetupScore(CLI::App* app) {
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  app->add_option("file", *file, "Scoring file (TOML, see docs/MARKET.md)")->required();
  AddFormatOption(app, format.get());
  return [=]() -> Status {
    auto model = LoadScoringModel(*file);
    if (!model.ok()) return model.status();
    return PrintReport(SegmentRankingReport(*model), *format);
  };
}

std::function<Status()> SetupSensitivity(CLI::App* app) {
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  auto options = std::make_shared<StabilityOptions>();
  app->add_option("file", *file, "Scoring file (TOML, see docs/MARKET.md)")->required();
  app->add_option("--draws", options->draws, "Random weightings for rank stability")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  app->add_option("--concentration", options->concentration,
                  "Dirichlet concentration: alpha_i = concentration × w_i")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  AddFormatOption(app, format.get());
  return [=]() -> Status {
    auto model = LoadScoringModel(*file);
    if (!model.ok()) return model.status();
    return PrintReport(SegmentSensitivityReport(*model, *options), *format);
  };
}

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
    auto report = BeachheadReport(*model, bp, bq);
    if (!report.ok()) return report.status();
    return PrintReport(*report, *format);
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
  app->add_option("--periods", *periods, "Number of periods")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  app->add_option("--average-arr", *arr, "Average ARR per customer")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  AddFormatOption(app, format.get());
  return [=]() -> Status {
    auto report = BassForecastReport(*b, *periods, *arr);
    if (!report.ok()) return report.status();
    return PrintReport(*report, *format);
  };
}

// The data set's new customers per period; *as_of gets the date they are counted up to.
Result<std::vector<double>> AdoptersFromData(const InputOptions& input, const std::string& segment,
                                             const std::string& period, Day* as_of) {
  auto granularity = ParsePeriod(period);
  if (!granularity.ok()) return granularity.status();
  auto loaded = LoadInput(input);
  if (!loaded.ok()) return loaded.status();
  PrintWarnings(loaded->warnings);
  *as_of = loaded->as_of;
  return AdoptersFromDataSet(*loaded, loaded->as_of, segment, period);
}

std::function<Status()> SetupFit(CLI::App* app) {
  auto observed = std::make_shared<std::string>();
  auto input = std::make_shared<InputOptions>();
  auto segment = std::make_shared<std::string>();
  auto period = std::make_shared<std::string>("month");
  auto format = std::make_shared<std::string>("table");
  auto objective = std::make_shared<std::string>("increments");
  auto* obs = app->add_option("--observed", *observed, "Observed adopters: CSV with period,adopters");
  AddInputOptions(app, input.get());
  app->add_option("--segment", *segment, "With --data/--workspace: only accounts of this segment");
  app->add_option("--period", *period, "With --data/--workspace: month, quarter or year")
      ->capture_default_str();
  app->add_option(
         "--objective", *objective,
         "NLS model: increments (adopters per period, Srinivasan-Mason) or density (m f(t), as R nls fits)")
      ->capture_default_str();
  AddFormatOption(app, format.get());
  (void)obs;
  return [=]() -> Status {
    auto parsed_objective = ParseBassObjective(*objective);
    if (!parsed_objective.ok()) return parsed_objective.status();
    BassFitOptions options;
    options.objective = *parsed_objective;
    Result<std::vector<double>> adopters = std::vector<double>{};
    if (!observed->empty()) {
      if (!input->data_dir.empty() || !input->workspace_dir.empty()) {
        return Status::Usage("give either --observed FILE or --data/--workspace, not both");
      }
      adopters = LoadAdoptersCsv(*observed);
    } else if (!input->data_dir.empty() || !input->workspace_dir.empty()) {
      Day as_of = kNullDay;
      adopters = AdoptersFromData(*input, *segment, *period, &as_of);
      options.as_of = as_of == kNullDay ? "" : FormatDate(as_of);
      options.period = *period;
    } else {
      return Status::Usage("give the observed adopters with --observed FILE, or --data DIR / --workspace WS");
    }
    if (!adopters.ok()) return adopters.status();
    auto report = BassFitReport(*adopters, options);
    if (!report.ok()) return report.status();
    return PrintReport(*report, *format);
  };
}

// Registers `subcommands` under `app` and returns the action of whichever was chosen.
std::function<Status()> Nest(
    CLI::App* app,
    std::vector<std::tuple<const char*, const char*, std::function<std::function<Status()>(CLI::App*)>>>
        subs) {
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
  return Nest(app,
              {{"score", "Rank candidate segments by weighted criteria (notes, vetoes)", SetupScore},
               {"sensitivity", "Weight changes that flip the winner; rank stability under random weights",
                SetupSensitivity}});
}

std::function<Status()> SetupMarket(CLI::App* app) {
  return Nest(app,
              {{"beachhead", "Beachhead sizing: adoption categories, ARR potential, scenarios, TAM/SAM/SOM",
                SetupBeachhead},
               {"forecast", "Bass diffusion forecast: adopters, cumulative customers and ARR per period",
                SetupForecast},
               {"fit", "Fit the Bass model (OLS and NLS) to observed adopters", SetupFit}});
}

}  // namespace flywheel
