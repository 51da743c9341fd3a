// `flywheel customers`, `prospects`, `attention` and `migration`: the account scorecard and
// what follows from it (customers.md).
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <memory>
#include <string>

#include "base/strings.h"
#include "cli/input.h"
#include "customers/account_measures.h"
#include "customers/account_score.h"
#include "customers/attention_report.h"
#include "customers/customers_report.h"
#include "customers/migration_plan.h"
#include "customers/prospect_priority.h"
#include "customers/scorecard.h"

namespace flywheel {

namespace {

struct CustomersOptions {
  InputOptions input;
  std::string format = "table";
  std::string scorecard_path;
  std::string account;
  std::string class_filter;
  bool explain = false;
};

void AddCommonOptions(CLI::App* app, CustomersOptions* o) {
  AddInputOptions(app, &o->input);
  AddFormatOption(app, &o->format);
  app->add_option("--scorecard", o->scorecard_path,
                  "Scorecard TOML (default: the built-in one, as examples/scorecard.toml)");
}

// The named lists every scorecard rule may use, from the settings.
std::map<std::string, std::vector<std::string>> SettingsLists(const Settings& s) {
  return {{"excluded_countries", s.excluded_countries}, {"excluded_industries", s.excluded_industries},
          {"strategic_lines", s.strategic_lines},       {"maintenance_lines", s.maintenance_lines},
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
  return ScoreAccounts(l.in.dataset, l.card, *measures);
}

}  // namespace

std::function<Status()> SetupCustomers(CLI::App* app) {
  auto o = std::make_shared<CustomersOptions>();
  AddCommonOptions(app, o.get());
  app->add_option("--account", o->account, "Only this account (with --explain: every measure of its score)");
  app->add_flag("--explain", o->explain, "Show each measure's raw value, normalised score, weight and points");
  app->add_option("--class", o->class_filter,
                  "Only accounts of this class: ideal, good, neutral, poor, anti-profile, excluded, unscored");
  return [o]() -> Status {
    static const std::vector<std::string> kClasses = {"ideal", "good", "neutral", "poor",
                                                      "anti-profile", "excluded", "unscored"};
    if (!o->class_filter.empty() && std::find(kClasses.begin(), kClasses.end(), o->class_filter) == kClasses.end()) {
      return Status::Usage(fmt::format("--class: unknown class '{}'{}", o->class_filter,
                                       DidYouMeanSuffix(o->class_filter, kClasses)));
    }
    if (o->explain && o->account.empty()) return Status::Usage("--explain needs --account ID");
    auto loaded = Load(*o);
    if (!loaded.ok()) return loaded.status();
    auto scores = Score(*loaded);
    if (!scores.ok()) return scores.status();
    if (!o->account.empty()) {
      const Dataset& data = loaded->in.dataset;
      if (data.accounts.Find(o->account) == kNoAccount) {
        return Status::NotFound(fmt::format("unknown account '{}'{}", o->account,
                                            DidYouMeanSuffix(o->account, data.accounts.id)));
      }
      const AccountScore* found = nullptr;
      for (const auto& s : *scores) {
        if (s.account_id == o->account) found = &s;
      }
      if (!found) {
        return Status::NotFound(fmt::format("account {} has no ARR on {}: the scorecard covers customers only",
                                            o->account, FormatDate(loaded->in.as_of)));
      }
      if (o->explain) return PrintReport(ExplainReport(*found, loaded->in.settings, loaded->in.as_of), o->format);
      std::vector<AccountScore> one = {*found};
      return PrintReport(CustomersReport(one, loaded->card, loaded->in.settings, loaded->in.as_of, o->class_filter),
                         o->format);
    }
    return PrintReport(CustomersReport(*scores, loaded->card, loaded->in.settings, loaded->in.as_of, o->class_filter),
                       o->format);
  };
}

std::function<Status()> SetupProspects(CLI::App* app) {
  auto o = std::make_shared<CustomersOptions>();
  AddCommonOptions(app, o.get());
  return [o]() -> Status {
    auto loaded = Load(*o);
    if (!loaded.ok()) return loaded.status();
    auto measures = ComputeAccountMeasures(loaded->in.dataset, loaded->in.settings, loaded->card, loaded->in.as_of,
                                           /*all_accounts=*/true);
    if (!measures.ok()) return measures.status();
    return PrintReport(ProspectsReport(loaded->in.dataset, loaded->in.settings, loaded->card, *measures, loaded->in.as_of),
                       o->format);
  };
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
  return [o]() -> Status {
    auto loaded = Load(*o);
    if (!loaded.ok()) return loaded.status();
    auto scores = Score(*loaded);
    if (!scores.ok()) return scores.status();
    return PrintReport(MigrationReport(*scores, loaded->in.settings, loaded->in.as_of), o->format);
  };
}

}  // namespace flywheel
