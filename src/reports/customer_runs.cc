#include "reports/customer_runs.h"

#include <fmt/core.h>

#include <map>
#include <optional>

#include "base/strings.h"
#include "customers/account_measures.h"
#include "customers/action_choice.h"
#include "customers/attention_report.h"
#include "customers/customers_report.h"
#include "customers/health_trend.h"
#include "customers/migration_plan.h"
#include "customers/prospect_priority.h"
#include "customers/score_snapshots.h"
#include "revenue/mrr_series.h"

namespace flywheel {
namespace {

// The health of every account in the workspace's latest score snapshot of a date before
// `as_of` (into *then), and that snapshot; none outside a workspace or without one.
Result<std::optional<ScoreSnapshot>> HealthThenFromWorkspace(const Input& in, const Scorecard& card,
                                                             Day as_of, HealthThen* then) {
  std::optional<ScoreSnapshot> none;
  if (in.workspace_dir.empty()) return none;
  auto id = LatestScoreSnapshotBefore(in.workspace_dir, as_of);
  if (!id.ok()) return id.status();
  if (!id.value().has_value()) return none;
  auto snapshot = LoadScoreSnapshot(in.workspace_dir, id.value().value());
  if (!snapshot.ok()) return snapshot.status();
  *then = SnapshotHealth(snapshot.value(), card);
  snapshot.value().accounts.clear();  // only the id and date are read from here on
  return std::optional<ScoreSnapshot>(std::move(snapshot).value());
}

std::string HealthTrendBasis(const Scorecard& card, const std::optional<ScoreSnapshot>& snapshot) {
  const std::string signals = fmt::format(
      "usage (the last 30 days against the 90 before: down at or below {:g}, up at or above {:g}) and NPS "
      "(the nps "
      "measure against 90 days before: down or up when it moves by {:g} or more)",
      1 - card.usage_trend_band, 1 + card.usage_trend_band, card.nps_trend_points);
  if (!snapshot) return "health trend: " + signals;
  return fmt::format(
      "health trend: the health axis against score snapshot {} (as of {}): down or up when it moves "
      "by {:g} points or more; accounts without health then: {}",
      snapshot->id, snapshot->as_of, card.health_trend_points, signals);
}

}  // namespace

Result<Scorecard> LoadCustomersScorecard(const Input& in, const ScorecardReportOptions& o) {
  const Settings& s = in.settings;
  std::map<std::string, std::vector<std::string>> lists = {{"excluded_countries", s.excluded_countries},
                                                           {"excluded_industries", s.excluded_industries},
                                                           {"strategic_lines", s.strategic_lines},
                                                           {"maintenance_lines", s.maintenance_lines},
                                                           {"sunset_lines", s.sunset_lines}};
  return o.scorecard.empty() ? ParseScorecard(DefaultScorecardToml(), "scorecard.toml", lists)
                             : LoadScorecardFile(o.scorecard, lists);
}

Result<ScoredCustomers> ScoreCustomers(const Input& in, const ScorecardReportOptions& o, bool keep_measures) {
  const Day as_of = o.AsOf(in);
  auto card = LoadCustomersScorecard(in, o);
  if (!card.ok()) return card.status();
  if (!in.dataset.Has(Table::kSubscriptions)) return Status::BadData("customers needs subscriptions.csv");
  auto basis = LoadMrr(in, as_of);
  if (!basis.ok()) return basis.status();
  auto measures = ComputeAccountMeasures(in.dataset, in.settings, card.value(), as_of, /*all_accounts=*/false,
                                         &basis.value()->series);
  if (!measures.ok()) return measures.status();
  ScoredCustomers out;
  out.card = std::move(card).value();
  out.scores = ScoreAccounts(in.dataset, out.card, measures.value(), keep_measures || o.explain);
  out.as_of = as_of;
  HealthThen then;
  auto snapshot = HealthThenFromWorkspace(in, out.card, as_of, &then);
  if (!snapshot.ok()) return snapshot.status();
  out.health_trend_basis = HealthTrendBasis(out.card, snapshot.value());
  ChooseActions(in.dataset, out.card, CountExecutiveAttention(out.scores, in.settings), measures.value(),
                snapshot.value().has_value() ? &then : nullptr, &out.scores);
  return out;
}

Result<std::shared_ptr<const ScoredCustomers>> SharedScoredCustomers(const Input& in,
                                                                     const ScorecardReportOptions& o) {
  auto fresh = [&]() { return ScoreCustomers(in, o); };
  if (o.scorecard.empty() && !o.explain) return in.derived->Scored(o.AsOf(in), fresh);
  auto scored = fresh();
  if (!scored.ok()) return scored.status();
  return std::shared_ptr<const ScoredCustomers>(std::make_shared<ScoredCustomers>(std::move(scored).value()));
}

Result<Report> CustomersReportFor(const Input& in, const CustomersReportOptions& o,
                                  const std::shared_ptr<const ScoredCustomers>& shared) {
  const ScoredCustomers& scored = *shared;
  const std::string& account = o.account;
  const std::string& klass = o.klass;
  if (!account.empty()) {
    const Dataset& data = in.dataset;
    if (data.accounts.Find(account) == kNoAccount) {
      return Status::NotFound(fmt::format(
          "unknown account '{}'{}", account,
          DidYouMeanSuffix(account, data.accounts.size(), [&](size_t i) { return data.accounts.id[i]; })));
    }
    const AccountScore* found = nullptr;
    for (const auto& s : scored.scores) {
      if (s.account_id == account) found = &s;
    }
    if (!found) {
      return Status::NotFound(fmt::format("account {} has no ARR on {}: the scorecard covers customers only",
                                          account, FormatDate(scored.as_of)));
    }
    if (o.explain) return ExplainReport(*found, in.settings, scored.as_of);
    auto one = std::make_shared<const std::vector<AccountScore>>(1, *found);
    return CustomersReport(one, scored.card, in.settings, scored.as_of, klass);
  }
  // From a workspace: the trend against its latest score snapshot.
  std::map<std::string, double> previous;
  bool has_previous = false;
  if (!in.workspace_dir.empty()) {
    auto ids = ListScoreSnapshots(in.workspace_dir);
    if (!ids.ok()) return ids.status();
    if (!ids.value().empty()) {
      auto last = LoadScoreSnapshot(in.workspace_dir, ids.value().back());
      if (!last.ok()) return last.status();
      for (const auto& a : last.value().accounts) previous[a.account_id] = a.score;
      has_previous = true;
    }
  }
  // The report's rows read the scores as they are written: the report shares them.
  Report report =
      CustomersReport(std::shared_ptr<const std::vector<AccountScore>>(shared, &scored.scores), scored.card,
                      in.settings, scored.as_of, klass, has_previous ? &previous : nullptr);
  report.notes.push_back(scored.health_trend_basis);
  return report;
}

Result<Report> RunCustomers(const Input& in, const CustomersReportOptions& o) {
  auto scored = SharedScoredCustomers(in, o);
  if (!scored.ok()) return scored.status();
  return CustomersReportFor(in, o, scored.value());
}

Result<Report> RunProspects(const Input& in, const ProspectsReportOptions& o) {
  const Day as_of = o.AsOf(in);
  auto card = LoadCustomersScorecard(in, o);
  if (!card.ok()) return card.status();
  if (!in.dataset.Has(Table::kSubscriptions)) return Status::BadData("customers needs subscriptions.csv");
  auto basis = LoadMrr(in, as_of);
  if (!basis.ok()) return basis.status();
  if (!RulesReadMeasures(card.value())) {
    // The card's rules read attributes, ARR and persona facts only: no measures to compute.
    auto facts = ComputeAccountFacts(in.dataset, basis.value()->series, as_of);
    if (!facts.ok()) return facts.status();
    return ProspectsReport(in.dataset, in.settings, card.value(), facts.value(), as_of);
  }
  auto measures = ComputeAccountMeasures(in.dataset, in.settings, card.value(), as_of, /*all_accounts=*/true,
                                         &basis.value()->series);
  if (!measures.ok()) return measures.status();
  return ProspectsReport(in.dataset, in.settings, card.value(), measures.value(), as_of);
}

Result<Report> RunAttention(const Input& in, const AttentionReportOptions& o) {
  auto shared = SharedScoredCustomers(in, o);
  if (!shared.ok()) return shared.status();
  const ScoredCustomers& scored = *shared.value();
  std::string warning;
  return AttentionReport(scored.scores, in.settings, scored.as_of, &warning);
}

Result<Report> RunMigration(const Input& in, const MigrationReportOptions& o) {
  auto shared = SharedScoredCustomers(in, o);
  if (!shared.ok()) return shared.status();
  const ScoredCustomers& scored = *shared.value();
  return MigrationReport(scored.scores, scored.card, in.settings, scored.as_of);
}

}  // namespace flywheel
