#include "bowtie/stage_dates.h"

#include <algorithm>
#include <string>
#include <vector>

#include "revenue/currency.h"

namespace flywheel {
namespace {

// Sets *slot to d when d is on or before as_of and earlier than the current value.
bool TakeEarliest(Day* slot, Day d, Day as_of) {
  if (d == kNullDay || d > as_of) return false;
  if (*slot == kNullDay || d < *slot) {
    *slot = d;
    return true;
  }
  return false;
}

constexpr int kStage(BowtieStage s) { return static_cast<int>(s); }

}  // namespace

std::array<Day, kBowtieStageCount> StageDates::Days(size_t unit) const {
  if (unit < entered.size()) return entered[unit];
  std::array<Day, kBowtieStageCount> days;
  days.fill(kNullDay);
  const size_t row = lead_rows[unit - entered.size()];
  TakeEarliest(&days[kStage(BowtieStage::kAwareness)], leads->created_at[row], as_of);
  TakeEarliest(&days[kStage(BowtieStage::kEducation)], leads->qualified_at[row], as_of);
  return days;
}

Day StageDates::Entered(size_t unit, int stage) const {
  if (unit < entered.size()) return entered[unit][stage];
  if (stage > kStage(BowtieStage::kEducation)) return kNullDay;
  return Days(unit)[stage];
}

double StageDates::Value(size_t unit, int stage) const {
  if (unit >= selection_value.size()) return kNullNumber;  // a lead's own unit
  switch (static_cast<BowtieStage>(stage)) {
    case BowtieStage::kSelection:
      return selection_value[unit];
    case BowtieStage::kCommit:
      return commit_value[unit];
    case BowtieStage::kOnboarding:
      return onboarding_value[unit];
    default:
      return kNullNumber;
  }
}

namespace {

// Stages 0–1 of the accounts: their leads (a lead without account is its own unit: AddLeadUnits).
void TakeLeadStages(const Leads& leads, Day as_of, StageDates* out) {
  for (size_t i = 0; i < leads.size(); ++i) {
    if (leads.account[i] == kNoAccount) continue;
    auto& e = out->entered[static_cast<size_t>(leads.account[i])];
    TakeEarliest(&e[kStage(BowtieStage::kAwareness)], leads.created_at[i], as_of);
    TakeEarliest(&e[kStage(BowtieStage::kEducation)], leads.qualified_at[i], as_of);
  }
}

// Opportunity i's amount in the base currency at the rate of day d's month; NaN without an
// amount, kBadData when the rate is missing.
Result<double> BaseAmount(const Opportunities& opp, const CurrencyRates& rates, size_t i, Day d) {
  if (IsNull(opp.amount[i])) return kNullNumber;
  auto r = rates.Rate(opp.currency[i], MonthOfDay(d));
  if (!r) {
    return Status::BadData(
        rates.MissingRateMessage(opp.currency[i], MonthOfDay(d), "opportunity " + std::string(opp.id[i])));
  }
  return opp.amount[i] * *r;
}

// Stages 2, 3 and 6 (won expansion deals), with the selection and commit values:
// opportunities.
Status TakeOpportunityStages(const Dataset& data, const Settings& settings, Day as_of, StageDates* out) {
  const CurrencyRates rates(data, settings);
  const Opportunities& opp = data.opportunities;
  for (size_t i = 0; i < opp.size(); ++i) {
    const AccountIndex a = opp.account[i];
    if (a == kNoAccount) continue;
    auto& e = out->entered[a];
    if (TakeEarliest(&e[kStage(BowtieStage::kSelection)], opp.created_at[i], as_of)) {
      auto v = BaseAmount(opp, rates, i, opp.created_at[i]);
      if (!v.ok()) return v.status();
      out->selection_value[a] = *v;
    }
    if (opp.status[i] != OpportunityStatus::kWon) continue;
    if (opp.type[i] == OpportunityType::kNew) {
      if (TakeEarliest(&e[kStage(BowtieStage::kCommit)], opp.closed_at[i], as_of)) {
        auto v = BaseAmount(opp, rates, i, opp.closed_at[i]);
        if (!v.ok()) return v.status();
        out->commit_value[a] = *v;
      }
    } else if (opp.type[i] == OpportunityType::kExpansion) {
      TakeEarliest(&e[kStage(BowtieStage::kExpansion)], opp.closed_at[i], as_of);
    }
  }
  return Status::Ok();
}

// Stages 4 and 6 (MRR expansion), with the onboarding value: the movements, then the
// recurring rows active at the end of each account's first month with MRR.
void TakeMrrStages(const Subscriptions& sub, const std::vector<AccountMovement>& movements, Day as_of,
                   StageDates* out) {
  const size_t n_accounts = out->entered.size();
  std::vector<Month> first_mrr_month(n_accounts, kNullMonth);
  for (const AccountMovement& m : movements) {
    if (m.account < 0 || static_cast<size_t>(m.account) >= n_accounts) continue;
    if (m.type == MovementType::kNew && first_mrr_month[m.account] == kNullMonth) {
      first_mrr_month[m.account] = m.month;
      out->onboarding_value[m.account] = 12 * m.amount;
    } else if (m.type == MovementType::kExpansion) {
      TakeEarliest(&out->entered[m.account][kStage(BowtieStage::kExpansion)], FirstDayOfMonth(m.month),
                   as_of);
    }
  }
  for (size_t i = 0; i < sub.size(); ++i) {
    const AccountIndex a = sub.account[i];
    if (a == kNoAccount || sub.revenue_type[i] != RevenueType::kRecurring) continue;
    if (first_mrr_month[a] == kNullMonth) continue;
    const Day snapshot = std::min(LastDayOfMonth(first_mrr_month[a]), as_of);
    if (sub.start[i] <= snapshot && snapshot < sub.end[i]) {
      TakeEarliest(&out->entered[a][kStage(BowtieStage::kOnboarding)], sub.start[i], as_of);
    }
  }
}

// The usage rows of `metric` with an account, on or before as_of, by account, date, then file
// order (a stable sort without its buffer).
std::vector<size_t> ValueEventRows(const Usage& u, Code metric, Day as_of) {
  // One pass over the usage rows, the metric's rows being a small share of them: growing the
  // list costs less than a counting pass.
  std::vector<size_t> rows;
  for (size_t i = 0; i < u.size(); ++i) {
    if (u.metric[i] == metric && u.account[i] != kNoAccount && u.date[i] <= as_of) rows.push_back(i);
  }
  // Exports are often grouped by account in date order already: then one pass finds the order
  // is that of the file and the sort is skipped (the same order either way).
  auto before = [&u](size_t x, size_t y) {
    if (u.account[x] != u.account[y]) return u.account[x] < u.account[y];
    if (u.date[x] != u.date[y]) return u.date[x] < u.date[y];
    return x < y;
  };
  if (!std::is_sorted(rows.begin(), rows.end(), before)) std::sort(rows.begin(), rows.end(), before);
  return rows;
}

// Stage 5: the value event, cumulated per account in date order.
void TakeValueEventStage(const Dataset& data, const Settings& settings, Day as_of, StageDates* out) {
  if (settings.value_event.metric.empty()) return;
  const auto metric = data.dict.Find(settings.value_event.metric);
  if (!metric) return;
  const Usage& u = data.usage;
  AccountIndex current = kNoAccount;
  double total = 0;
  for (const size_t i : ValueEventRows(u, *metric, as_of)) {
    if (u.account[i] != current) {
      current = u.account[i];
      total = 0;
    }
    total += u.value[i];
    if (total >= settings.value_event.threshold) {
      TakeEarliest(&out->entered[current][kStage(BowtieStage::kImpact)], u.date[i], as_of);
    }
  }
}

// Stage 7: advocacy.
void TakeAdvocacyStage(const Advocacy& advocacy, Day as_of, StageDates* out) {
  for (size_t i = 0; i < advocacy.size(); ++i) {
    if (advocacy.account[i] == kNoAccount) continue;
    TakeEarliest(&out->entered[advocacy.account[i]][kStage(BowtieStage::kAdvocacy)], advocacy.date[i], as_of);
  }
}

// journey.csv overrides: the earliest row per account and stage replaces the derived date.
// Journey rows are few next to the accounts: they are sorted, not spread over a table of
// every account.
void ApplyJourneyOverrides(const Journey& journey, Day as_of, StageDates* out) {
  struct Override {
    AccountIndex account;
    int stage;
    Day day;
    bool operator<(const Override& o) const {
      return account != o.account ? account < o.account : stage != o.stage ? stage < o.stage : day < o.day;
    }
  };
  std::vector<Override> overrides;
  for (size_t i = 0; i < journey.size(); ++i) {
    const AccountIndex a = journey.account[i];
    const Day d = journey.entered_at[i];
    if (a == kNoAccount || d == kNullDay || d > as_of) continue;
    overrides.push_back({a, static_cast<int>(journey.stage[i]), d});
  }
  std::sort(overrides.begin(), overrides.end());
  for (size_t i = 0; i < overrides.size(); ++i) {
    const Override& o = overrides[i];
    const bool first = i == 0 || overrides[i - 1].account != o.account || overrides[i - 1].stage != o.stage;
    if (first) out->entered[o.account][o.stage] = o.day;  // the earliest of its account and stage
  }
}

}  // namespace

Result<StageDates> ComputeStageDates(const Dataset& data, const Settings& settings,
                                     const std::vector<AccountMovement>& movements, Day as_of,
                                     StageUnits units) {
  StageDates out;
  const size_t n_accounts = data.accounts.size();
  std::array<Day, kBowtieStageCount> empty;
  empty.fill(kNullDay);
  out.entered.assign(n_accounts, empty);
  out.selection_value.assign(n_accounts, kNullNumber);
  out.commit_value.assign(n_accounts, kNullNumber);
  out.onboarding_value.assign(n_accounts, kNullNumber);
  out.as_of = as_of;

  TakeLeadStages(data.leads, as_of, &out);
  if (Status s = TakeOpportunityStages(data, settings, as_of, &out); !s.ok()) return s;
  TakeMrrStages(data.subscriptions, movements, as_of, &out);
  TakeValueEventStage(data, settings, as_of, &out);
  TakeAdvocacyStage(data.advocacy, as_of, &out);
  ApplyJourneyOverrides(data.journey, as_of, &out);
  if (units == StageUnits::kAccountsAndLeads) AddLeadUnits(data.leads, &out);
  return out;
}

void AddLeadUnits(const Leads& leads, StageDates* stages) {
  const Day as_of = stages->as_of;
  size_t lead_units = 0;
  for (size_t i = 0; i < leads.size(); ++i)
    lead_units += leads.account[i] == kNoAccount && leads.created_at[i] <= as_of;
  stages->lead_rows.reserve(lead_units);
  stages->leads = &leads;
  for (size_t i = 0; i < leads.size(); ++i) {
    if (leads.account[i] == kNoAccount && leads.created_at[i] <= as_of) {
      stages->lead_rows.push_back(static_cast<uint32_t>(i));
    }
  }
}

}  // namespace flywheel
