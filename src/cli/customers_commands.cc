// `flywheel customers` (with `customers backtest`, --snapshot and --moves), `prospects`,
// `attention`, `migration` and `icp discover`: the account scorecard, what follows from it,
// and the checks of the scorecard and the ICP against the data (customers.md).
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <memory>
#include <string>

#include "base/strings.h"
#include "cli/input.h"
#include "cli/report_command.h"
#include "customers/account_measures.h"
#include "customers/account_score.h"
#include "customers/attention_report.h"
#include "customers/customers_report.h"
#include "customers/icp_discovery.h"
#include "customers/migration_plan.h"
#include "customers/prospect_priority.h"
#include "customers/score_snapshots.h"
#include "customers/scorecard.h"
#include "customers/scorecard_backtest.h"
#include "reports/customer_runs.h"
#include "reports/report_registry.h"

namespace flywheel {

namespace {

struct CustomersOptions {
  InputOptions input;
  std::string format = "table";
  std::string scorecard_path;
  std::string account;
  std::string class_filter;
  bool explain = false;
  bool snapshot = false;     // store a score snapshot
  std::string snapshot_arg;  // `--snapshot N`: the data snapshot to read
  bool moves = false;
  int64_t from_snapshot = 0, to_snapshot = 0;  // 0: the two latest
};

// The wall clock as "YYYY-MM-DDTHH:MM:SSZ", for the taken_at of a snapshot.
std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

Status RunMoves(const CustomersOptions& o) {
  auto ids = ListScoreSnapshots(o.input.workspace_dir);
  if (!ids.ok()) return ids.status();
  int64_t from = o.from_snapshot, to = o.to_snapshot;
  if (from == 0 && to == 0) {
    if (ids->size() < 2) {
      return Status::BadData(fmt::format(
          "--moves needs two score snapshots in {} (found {}); run customers --workspace {} --snapshot",
          o.input.workspace_dir, ids->size(), o.input.workspace_dir));
    }
    from = (*ids)[ids->size() - 2];
    to = ids->back();
  } else if (from == 0 || to == 0) {
    return Status::Usage("--from and --to go together");
  }
  auto before = LoadScoreSnapshot(o.input.workspace_dir, from);
  if (!before.ok()) return before.status();
  auto after = LoadScoreSnapshot(o.input.workspace_dir, to);
  if (!after.ok()) return after.status();
  return PrintReport(MovesReport(*before, *after, ClassMoves(*before, *after)), o.format);
}

// The options of every customers command; `snapshot_option` as for AddInputOptions.
void AddCommonOptions(CLI::App* app, CustomersOptions* o, bool snapshot_option = true) {
  AddInputOptions(app, &o->input, snapshot_option);
  AddFormatOption(app, &o->format);
  app->add_option("--scorecard", o->scorecard_path,
                  "Scorecard TOML (default: the built-in one, as examples/scorecard.toml)");
}

// The options every customers report of the registry takes: format and the scorecard file.
ReportParams RegistryParams(const CustomersOptions& o) {
  ReportParams params;
  params.Set("format", o.format);
  if (!o.scorecard_path.empty()) params.Set("scorecard", o.scorecard_path);
  return params;
}

// The named lists every scorecard rule may use, from the settings.
std::map<std::string, std::vector<std::string>> SettingsLists(const Settings& s) {
  return {{"excluded_countries", s.excluded_countries},
          {"excluded_industries", s.excluded_industries},
          {"strategic_lines", s.strategic_lines},
          {"maintenance_lines", s.maintenance_lines},
          {"sunset_lines", s.sunset_lines}};
}

struct Loaded {
  Input in;
  Scorecard card;
};

Result<Loaded> Load(const CustomersOptions& o) {
  auto format = ParseFormat(o.format);
  if (!format.ok()) return format.status();
  auto in = LoadInput(o.input);
  if (!in.ok()) return in.status();
  PrintWarnings(in->warnings);
  auto lists = SettingsLists(in->settings);
  auto card = o.scorecard_path.empty() ? ParseScorecard(DefaultScorecardToml(), "scorecard.toml", lists)
                                       : LoadScorecardFile(o.scorecard_path, lists);
  if (!card.ok()) return card.status();
  return Loaded{std::move(in).value(), std::move(card).value()};
}

Result<std::vector<AccountScore>> Score(const Loaded& l) {
  auto measures = ComputeAccountMeasures(l.in.dataset, l.in.settings, l.card, l.in.as_of);
  if (!measures.ok()) return measures.status();
  return ScoreAccounts(l.in.dataset, l.card, *measures,
                       /*keep_measures=*/false);  // the attention list reads no measure
}

std::function<Status()> SetupCustomersBacktest(CLI::App* app) {
  auto o = std::make_shared<CustomersOptions>();
  auto months = std::make_shared<int>(12);
  AddCommonOptions(app, o.get());
  app->add_option("--months", *months, "How far back to replay the scorecard (default 12)");
  return [o, months]() -> Status {
    if (*months < 1 || *months > 120) {
      return Status::Usage(fmt::format("--months: {} is out of range (expected 1 to 120)", *months));
    }
    auto loaded = Load(*o);
    if (!loaded.ok()) return loaded.status();
    auto backtest =
        RunBacktest(loaded->in.dataset, loaded->in.settings, loaded->card, loaded->in.as_of, *months);
    if (!backtest.ok()) return backtest.status();
    return PrintReport(BacktestReport(*backtest, *months, loaded->in.settings), o->format);
  };
}

}  // namespace

std::function<Status()> SetupIcp(CLI::App* app) {
  app->require_subcommand(1);
  CLI::App* discover = app->add_subcommand(
      "discover",
      "Which attributes go with good customers: lift, Wilson intervals, logistic model, proposed rules");
  auto o = std::make_shared<CustomersOptions>();
  auto icp = std::make_shared<IcpOptions>();
  AddCommonOptions(discover, o.get());
  discover->add_option(
      "--outcome", icp->outcome,
      "What a good customer is: retained, nrr, good (default: retained and NRR >= 100 % at 12 months "
      "and positive contribution) or an attr_* column holding true/false");
  discover->add_option("--min-group", icp->min_group_size,
                       "Fewest accounts for a value to be ranked (default 20)");
  discover->add_option("--ridge", icp->ridge, "L2 penalty of the logistic model (default 1)");
  discover->add_option("--seed", icp->seed, "Seed of the holdout split (default 1)");
  discover->add_option("--holdout", icp->holdout_share,
                       "Share of accounts held out for the AUC (default 0.3)");
  return [o, icp]() -> Status {
    if (icp->min_group_size < 1)
      return Status::Usage(fmt::format("--min-group: {} is not a positive count", icp->min_group_size));
    if (!(icp->ridge >= 0)) return Status::Usage(fmt::format("--ridge: {} is negative", icp->ridge));
    if (!(icp->holdout_share > 0 && icp->holdout_share < 1)) {
      return Status::Usage(fmt::format("--holdout: {} is not a share between 0 and 1", icp->holdout_share));
    }
    auto loaded = Load(*o);
    if (!loaded.ok()) return loaded.status();
    auto outcomes =
        ComputeIcpOutcomes(loaded->in.dataset, loaded->in.settings, loaded->card, loaded->in.as_of, *icp);
    if (!outcomes.ok()) return outcomes.status();
    IcpDiscovery d = DiscoverIcp(loaded->in.dataset, *outcomes, *icp);
    return PrintReport(IcpReport(d, *icp, loaded->in.settings, loaded->in.as_of), o->format);
  };
}

namespace {

// `--snapshot` alone stores a score snapshot (as it always has); `--snapshot N` reads the
// workspace's data snapshot N, as for every other report.
Status ReadSnapshotOption(const CLI::Option& option, CustomersOptions* o) {
  if (option.count() == 0) return Status::Ok();
  if (o->snapshot_arg.empty()) {
    o->snapshot = true;
    return Status::Ok();
  }
  int64_t n = 0;
  const auto [end, ec] =
      std::from_chars(o->snapshot_arg.data(), o->snapshot_arg.data() + o->snapshot_arg.size(), n);
  if (ec != std::errc() || end != o->snapshot_arg.data() + o->snapshot_arg.size() || n < 1) {
    return Status::Usage(fmt::format("--snapshot: {} is not a snapshot number", o->snapshot_arg));
  }
  o->input.snapshot = n;
  return Status::Ok();
}

}  // namespace

std::function<Status()> SetupCustomers(CLI::App* app) {
  auto o = std::make_shared<CustomersOptions>();
  AddCommonOptions(app, o.get(), /*snapshot_option=*/false);
  app->add_option("--account", o->account, "Only this account (with --explain: every measure of its score)");
  app->add_flag("--explain", o->explain,
                "Show each measure's raw value, normalised score, weight and points");
  app->add_option(
      "--class", o->class_filter,
      "Only accounts of this class: ideal, good, neutral, poor, anti-profile, excluded, unscored");
  CLI::Option* snapshot =
      app->add_option(
             "--snapshot", o->snapshot_arg,
             "Alone: store every account's score, class and measure points in the workspace; with N: read "
             "the workspace's data snapshot N")
          ->expected(0, 1);
  app->add_flag("--moves", o->moves, "Class moves between the two latest snapshots (or --from ID --to ID)");
  app->add_option("--from", o->from_snapshot, "With --moves: the earlier snapshot id");
  app->add_option("--to", o->to_snapshot, "With --moves: the later snapshot id");
  auto backtest = SetupCustomersBacktest(app->add_subcommand(
      "backtest", "Replay the scorecard --months back and check it against who churned or contracted since"));
  return [o, backtest, app, snapshot]() -> Status {
    if (app->get_subcommand("backtest")->parsed()) return backtest();
    FLYWHEEL_RETURN_IF_ERROR(ReadSnapshotOption(*snapshot, o.get()));
    const bool in_workspace = !o->input.workspace_dir.empty();
    if (o->snapshot && !in_workspace)
      return Status::Usage("--snapshot needs --workspace WS (snapshots live in the workspace)");
    if (o->moves && !in_workspace) return Status::Usage("--moves needs --workspace WS");
    if ((o->from_snapshot != 0 || o->to_snapshot != 0) && !o->moves)
      return Status::Usage("--from and --to need --moves");
    if (o->moves) return RunMoves(*o);
    ReportParams params = RegistryParams(*o);
    if (!o->class_filter.empty()) params.Set("class", o->class_filter);
    if (!o->account.empty()) params.Set("account", o->account);
    if (o->explain) params.Set("explain", "true");
    // The report as the API gives it (reports/report_registry.h; its checks of --class and
    // --explain come first); --snapshot then stores the scores it was made from.
    if (!o->snapshot || !o->account.empty()) return RunAndPrintReport("customers", o->input, params);
    auto options = ParseCustomersOptions(params);
    if (!options.ok()) return options.status();
    auto in = LoadInput(o->input);
    if (!in.ok()) return in.status();
    PrintWarnings(in->warnings);
    auto made = ScoreCustomers(in.value(), options.value(),
                               /*keep_measures=*/true);  // a snapshot stores each measure's points
    if (!made.ok()) return made.status();
    const auto scored = std::make_shared<const ScoredCustomers>(std::move(made).value());
    auto report = CustomersReportFor(in.value(), options.value(), scored);
    if (!report.ok()) return report.status();
    SnapshotOptions snapshot_options;
    snapshot_options.data_snapshot = in->snapshot;
    auto id =
        SaveScoreSnapshot(o->input.workspace_dir, NowUtc(), scored->as_of, scored->scores, snapshot_options);
    if (!id.ok()) return id.status();
    report->notes.push_back(fmt::format("stored score snapshot {} ({} accounts, from data snapshot {})", *id,
                                        scored->scores.size(), in->snapshot));
    return PrintReport(*report, o->format);
  };
}

std::function<Status()> SetupProspects(CLI::App* app) {
  auto o = std::make_shared<CustomersOptions>();
  AddCommonOptions(app, o.get());
  return [o]() -> Status { return RunAndPrintReport("prospects", o->input, RegistryParams(*o)); };
}

std::function<Status()> SetupAttention(CLI::App* app) {
  auto o = std::make_shared<CustomersOptions>();
  AddCommonOptions(app, o.get());
  return [o]() -> Status {
    auto loaded = Load(*o);
    if (!loaded.ok()) return loaded.status();
    auto scores = Score(*loaded);
    if (!scores.ok()) return scores.status();
    std::string warning;
    Report report = AttentionReport(*scores, loaded->in.settings, loaded->in.as_of, &warning);
    if (!warning.empty()) PrintWarnings({warning});
    return PrintReport(report, o->format);
  };
}

std::function<Status()> SetupMigration(CLI::App* app) {
  auto o = std::make_shared<CustomersOptions>();
  AddCommonOptions(app, o.get());
  return [o]() -> Status { return RunAndPrintReport("migration", o->input, RegistryParams(*o)); };
}

// `accounts` (the customer list) and `account --account ID` (one account's page): the
// registry's reports (reports/account_report.h), as GET /api/accounts and /api/account give them.
std::function<Status()> SetupAccounts(CLI::App* app) {
  auto o = std::make_shared<CustomersOptions>();
  AddInputOptions(app, &o->input);
  AddFormatOption(app, &o->format);
  return [o]() -> Status { return RunAndPrintReport("accounts", o->input, RegistryParams(*o)); };
}

std::function<Status()> SetupAccount(CLI::App* app) {
  auto o = std::make_shared<CustomersOptions>();
  AddInputOptions(app, &o->input);
  AddFormatOption(app, &o->format);
  app->add_option("--account", o->account, "The account id");
  return [o]() -> Status {
    ReportParams params = RegistryParams(*o);
    params.Set("account", o->account);
    return RunAndPrintReport("account", o->input, params);
  };
}

}  // namespace flywheel
