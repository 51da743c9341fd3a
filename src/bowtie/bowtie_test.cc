// Stage dates, the bowtie report (cohort and period mode) and time to value on small data
// sets built here; every expected number is worked by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>

#include "bowtie/bowtie_report.h"
#include "bowtie/stage_dates.h"
#include "bowtie/ttv_report.h"
#include "testing/blank_account.h"

namespace flywheel {
namespace {

Day D(const char* s) { return *ParseDate(s); }

AccountIndex AddAccount(Dataset* d, const std::string& id, const std::string& segment) {
  return AppendBlankAccount(&d->accounts, id, id, d->dict.Intern(segment));
}

void AddLead(Dataset* d, AccountIndex a, const char* created, const char* qualified,
             const std::string& segment = "") {
  Leads& l = d->leads;
  l.id.push_back("L" + std::to_string(l.size()));
  l.account.push_back(a);
  l.created_at.push_back(D(created));
  l.qualified_at.push_back(qualified ? D(qualified) : kNullDay);
  l.channel.push_back(kNullCode);
  l.segment.push_back(d->dict.Intern(segment));
}

void AddOpp(Dataset* d, AccountIndex a, OpportunityType type, const char* created, const char* closed,
            OpportunityStatus status, double amount) {
  Opportunities& o = d->opportunities;
  o.id.push_back("O" + std::to_string(o.size()));
  o.account.push_back(a);
  o.type.push_back(type);
  o.created_at.push_back(D(created));
  o.closed_at.push_back(closed ? D(closed) : kNullDay);
  o.status.push_back(status);
  o.amount.push_back(amount);
  o.currency.push_back(kNullCode);
  o.stage.push_back(kNullCode);
  o.owner.push_back(kNullCode);
  o.lost_reason.push_back(kNullCode);
  o.program.push_back(kNullCode);
  o.expected_close.push_back(kNullDay);
  o.forecast_category.push_back(-1);
}

void AddSubscription(Dataset* d, AccountIndex a, const char* start, double monthly) {
  Subscriptions& s = d->subscriptions;
  s.id.push_back("S" + std::to_string(s.size()));
  s.account.push_back(a);
  s.start.push_back(D(start));
  s.end.push_back(kOpenEnd);
  s.amount.push_back(monthly);
  s.billing_period.push_back(BillingPeriod::kMonth);
  s.currency.push_back(kNullCode);
  s.revenue_type.push_back(RevenueType::kRecurring);
  s.product.push_back(kNullCode);
  s.product_line.push_back(kNullCode);
  s.gross_margin.push_back(kNullNumber);
}

void AddUsage(Dataset* d, AccountIndex a, const char* date, const std::string& metric, double value) {
  d->usage.account.push_back(a);
  d->usage.date.push_back(D(date));
  d->usage.metric.push_back(d->dict.Intern(metric));
  d->usage.value.push_back(value);
}

void AddJourney(Dataset* d, AccountIndex a, BowtieStage stage, const char* date) {
  d->journey.account.push_back(a);
  d->journey.stage.push_back(stage);
  d->journey.entered_at.push_back(D(date));
}

void Present(Dataset* d, std::initializer_list<Table> tables) {
  for (Table t : tables) d->present[static_cast<int>(t)] = true;
}

// The journey of the header comment in bowtie_test: A0 goes all the way, A1 stalls at
// selection, A2 only has a journey.csv commit row, L2 is a lead without account.
struct Journeys {
  Dataset data;
  Settings settings;
  std::vector<AccountMovement> movements;
  AccountIndex a0, a1, a2;
};

void Build(Journeys* j) {
  Dataset& d = j->data;
  j->a0 = AddAccount(&d, "A0", "smb");
  j->a1 = AddAccount(&d, "A1", "ent");
  j->a2 = AddAccount(&d, "A2", "");
  AddLead(&d, j->a0, "2024-01-05", "2024-01-20");
  AddLead(&d, j->a0, "2024-01-02", nullptr);              // earlier creation wins for awareness
  AddLead(&d, kNoAccount, "2024-01-10", nullptr, "smb");  // its own journey unit (unit 3)
  AddLead(&d, j->a1, "2024-02-01", "2024-02-10");
  AddOpp(&d, j->a0, OpportunityType::kNew, "2024-02-01", "2024-03-01", OpportunityStatus::kWon, 1200);
  AddOpp(&d, j->a1, OpportunityType::kNew, "2024-02-15", "2024-03-15", OpportunityStatus::kLost, 800);
  AddOpp(&d, j->a0, OpportunityType::kExpansion, "2024-08-01", "2024-09-10", OpportunityStatus::kWon, 300);
  AddSubscription(&d, j->a0, "2024-03-01", 100);
  AddUsage(&d, j->a0, "2024-03-05", "reports", 2);
  AddUsage(&d, j->a0, "2024-03-20", "reports", 3);  // cumulative 5 = threshold
  AddUsage(&d, j->a0, "2024-03-25", "other", 50);
  d.advocacy.account.push_back(j->a0);
  d.advocacy.date.push_back(D("2024-10-01"));
  d.advocacy.type.push_back(AdvocacyType::kReference);
  AddJourney(&d, j->a2, BowtieStage::kCommit, "2024-04-01");
  AddJourney(&d, j->a1, BowtieStage::kAwareness, "2024-01-25");  // replaces the lead's 02-01
  Present(&d, {Table::kAccounts, Table::kLeads, Table::kOpportunities, Table::kSubscriptions, Table::kUsage,
               Table::kAdvocacy, Table::kJourney});
  j->settings.value_event.metric = "reports";
  j->settings.value_event.threshold = 5;
  j->movements = {{j->a0, MakeMonth(2024, 3), MovementType::kNew, 100},
                  {j->a0, MakeMonth(2024, 6), MovementType::kExpansion, 20}};
}

// The accounts alone (time to value, the flywheel): the same dates and values for every
// account, and no unit for the lead without account. The bowtie adds the leads' own units to
// them (AddLeadUnits): then they are every unit, as derived at once.
TEST(StageDates, AccountsAloneHaveTheSameDatesAndLeadUnitsCompleteThem) {
  Journeys j;
  Build(&j);
  auto all = ComputeStageDates(j.data, j.settings, j.movements, D("2024-12-31"));
  auto accounts = ComputeStageDates(j.data, j.settings, j.movements, D("2024-12-31"), StageUnits::kAccounts);
  ASSERT_TRUE(all.ok() && accounts.ok());
  ASSERT_EQ(all->size(), 4u);
  ASSERT_EQ(accounts->size(), 3u);
  for (size_t u = 0; u < 3; ++u) {
    EXPECT_EQ(accounts->entered[u], all->entered[u]) << u;
    EXPECT_EQ(accounts->Account(u), all->Account(u)) << u;
    for (int stage : {2, 3, 4}) {
      const double x = accounts->Value(u, stage), y = all->Value(u, stage);
      EXPECT_TRUE(x == y || (std::isnan(x) && std::isnan(y))) << u << " " << stage;
    }
  }
  AddLeadUnits(j.data.leads, &*accounts);
  ASSERT_EQ(accounts->size(), all->size());
  EXPECT_EQ(accounts->lead_rows, all->lead_rows);
  for (size_t u = 0; u < all->size(); ++u) EXPECT_EQ(accounts->Days(u), all->Days(u)) << u;
}

TEST(StageDates, DerivesEveryStageAndAppliesJourneyOverrides) {
  Journeys j;
  Build(&j);
  auto st = ComputeStageDates(j.data, j.settings, j.movements, D("2024-12-31"));
  ASSERT_TRUE(st.ok()) << st.status().message();
  ASSERT_EQ(st->size(), 4u);  // 3 accounts + 1 lead without account
  std::array<Day, 8> a0 = {D("2024-01-02"), D("2024-01-20"), D("2024-02-01"), D("2024-03-01"),
                           D("2024-03-01"), D("2024-03-20"), D("2024-06-01"), D("2024-10-01")};
  EXPECT_EQ(st->entered[0], a0);
  EXPECT_EQ(st->Entered(1, 0), D("2024-01-25"));  // journey override
  EXPECT_EQ(st->Entered(1, 1), D("2024-02-10"));
  EXPECT_EQ(st->Entered(1, 2), D("2024-02-15"));
  EXPECT_EQ(st->Entered(1, 3), kNullDay);  // lost
  EXPECT_EQ(st->Entered(2, 3), D("2024-04-01"));
  EXPECT_EQ(st->Entered(2, 0), kNullDay);
  EXPECT_EQ(st->Account(3), kNoAccount);
  EXPECT_EQ(st->Entered(3, 0), D("2024-01-10"));
  EXPECT_EQ(st->Entered(3, 1), kNullDay);
  EXPECT_EQ(st->selection_value[0], 1200);
  EXPECT_EQ(st->commit_value[0], 1200);
  EXPECT_EQ(st->selection_value[1], 800);
  EXPECT_TRUE(IsNull(st->commit_value[1]));
}

TEST(StageDates, AsOfCutsLaterEventsAndValueEventNeverReached) {
  Journeys j;
  Build(&j);
  j.settings.value_event.threshold = 6;  // 2 + 3 = 5 never reaches 6
  auto st = ComputeStageDates(j.data, j.settings, j.movements, D("2024-05-31"));
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->Entered(0, 5), kNullDay);
  EXPECT_EQ(st->Entered(0, 6), kNullDay);  // the June expansion is after the as-of date
  EXPECT_EQ(st->Entered(0, 7), kNullDay);
  EXPECT_EQ(st->Entered(0, 4), D("2024-03-01"));
}

// The value event adds an account's usage in date order whatever the file's order: with the
// dates of the two "reports" rows swapped (03-20: 2, then 03-05: 3), the threshold of 5 is
// reached on 03-20 (3 on 03-05, then 2), not on 03-05 as adding in file order would give.
TEST(StageDates, ValueEventAddsUsageInDateOrderWhateverTheFileOrder) {
  Journeys j;
  Build(&j);
  Usage& u = j.data.usage;
  ASSERT_EQ(u.date[0], D("2024-03-05"));
  ASSERT_EQ(u.date[1], D("2024-03-20"));
  std::swap(u.date[0], u.date[1]);
  auto st = ComputeStageDates(j.data, j.settings, j.movements, D("2024-12-31"));
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->Entered(0, 5), D("2024-03-20"));
}

// A lead without account is its own unit when created by the as-of date: it enters awareness
// on its creation day, education on its qualification day when that is by the as-of date too,
// and no later stage; its segment is the lead's own.
TEST(StageDates, LeadsWithoutAccountAreUnitsOfTheirOwnDays) {
  Dataset d;
  AddAccount(&d, "A0", "smb");
  AddLead(&d, kNoAccount, "2024-01-10", "2024-02-01", "smb");  // unit 1
  AddLead(&d, 0, "2024-01-05", "2024-01-06");                  // A0's own lead: no unit
  AddLead(&d, kNoAccount, "2024-05-10", "2024-07-01", "ent");  // unit 2, qualified after the date
  AddLead(&d, kNoAccount, "2024-07-10", nullptr, "ent");       // created after the date: no unit
  Present(&d, {Table::kAccounts, Table::kLeads});
  auto st = ComputeStageDates(d, Settings{}, {}, D("2024-06-30"));
  ASSERT_TRUE(st.ok()) << st.status().message();
  ASSERT_EQ(st->size(), 3u);
  EXPECT_EQ(st->account_units(), 1u);
  EXPECT_EQ(st->Account(0), 0);
  EXPECT_EQ(st->Account(1), kNoAccount);
  EXPECT_EQ(st->Account(2), kNoAccount);
  EXPECT_EQ(st->LeadSegment(0), kNullCode);
  EXPECT_EQ(st->LeadSegment(1), *d.dict.Find("smb"));
  EXPECT_EQ(st->LeadSegment(2), *d.dict.Find("ent"));
  std::array<Day, 8> a0 = {D("2024-01-05"), D("2024-01-06"), kNullDay, kNullDay,
                           kNullDay,        kNullDay,        kNullDay, kNullDay};
  std::array<Day, 8> l1 = {D("2024-01-10"), D("2024-02-01"), kNullDay, kNullDay,
                           kNullDay,        kNullDay,        kNullDay, kNullDay};
  std::array<Day, 8> l2 = {D("2024-05-10"), kNullDay, kNullDay, kNullDay,
                           kNullDay,        kNullDay, kNullDay, kNullDay};
  EXPECT_EQ(st->Days(0), a0);
  EXPECT_EQ(st->Days(1), l1);
  EXPECT_EQ(st->Days(2), l2);
  for (int stage = 0; stage < kBowtieStageCount; ++stage) {
    EXPECT_EQ(st->Entered(1, stage), l1[stage]) << stage;
    EXPECT_EQ(st->Entered(2, stage), l2[stage]) << stage;
    EXPECT_TRUE(IsNull(st->Value(1, stage))) << stage;
  }
  auto accounts = ComputeStageDates(d, Settings{}, {}, D("2024-06-30"), StageUnits::kAccounts);
  ASSERT_TRUE(accounts.ok());
  EXPECT_EQ(accounts->size(), 1u);
  EXPECT_EQ(accounts->Days(0), a0);
}

// Finds the row of (period, segment, stage) in a bowtie report.
const std::vector<Cell>& Row(const Report& r, const std::string& period, const std::string& seg,
                             const std::string& stage) {
  for (const auto& row : r.rows) {
    if (std::get<std::string>(row[0]) == period && std::get<std::string>(row[1]) == seg &&
        std::get<std::string>(row[2]) == stage) {
      return row;
    }
  }
  static const std::vector<Cell> kNone;
  ADD_FAILURE() << "no row " << period << " " << seg << " " << stage;
  return kNone;
}
double Dbl(const Cell& c) { return std::holds_alternative<double>(c) ? std::get<double>(c) : NAN; }
int64_t Int(const Cell& c) { return std::holds_alternative<int64_t>(c) ? std::get<int64_t>(c) : -999; }
bool Null(const Cell& c) { return std::holds_alternative<std::monostate>(c); }

// Columns: 0 period, 1 segment, 2 stage, 3 entered, 4 converted, 5 still_open, 6 cr,
// 7 cumulative cr, 8 cr value, 9 Δt median, 10 Δt mean, 11 cumulative cr value (2→i).
Report RunBowtie(Journeys& j, BowtieMode mode, const std::string& segment_by = "") {
  Day as_of = D("2024-12-31");
  auto st = ComputeStageDates(j.data, j.settings, j.movements, as_of);
  EXPECT_TRUE(st.ok());
  auto seg = Segmenter::Make(j.data, segment_by, "", "segment");
  EXPECT_TRUE(seg.ok());
  BowtieOptions o;
  o.mode = mode;
  o.as_of = as_of;
  auto r = BuildBowtieReport(j.data, j.settings, *st, *seg, o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return *r;
}

TEST(BowtieReport, CohortModeWorkedByHand) {
  Journeys j;
  Build(&j);
  Report r = RunBowtie(j, BowtieMode::kCohort);
  // Awareness in 2024-01: A0 (01-02), L2 (01-10), A1 (01-25, journey). A0 qualifies after
  // 18 days, A1 after 16 (01-25 → 02-10); L2 never, and 01-10 + 365 > 2024-12-31: open.
  const auto& aw = Row(r, "2024-01", "all", "awareness");
  EXPECT_EQ(Int(aw[3]), 3);
  EXPECT_EQ(Int(aw[4]), 2);
  EXPECT_EQ(Int(aw[5]), 1);
  EXPECT_DOUBLE_EQ(Dbl(aw[6]), 2.0 / 3);
  EXPECT_DOUBLE_EQ(Dbl(aw[7]), 1.0);
  EXPECT_DOUBLE_EQ(Dbl(aw[9]), 17.0);  // median of 16, 18
  EXPECT_DOUBLE_EQ(Dbl(aw[10]), 17.0);
  // Of the three, A0 and A1 reached selection, only A0 commit and beyond.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "selection")[7]), 2.0 / 3);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "commit")[7]), 1.0 / 3);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "advocacy")[7]), 1.0 / 3);
  // Selection in 2024-02: A0 (02-01) wins on 03-01 (29 days, 2024 is a leap year), A1
  // (02-15) lost: not converted, window open. By value: 1200 won / (1200 + 800).
  const auto& sel = Row(r, "2024-02", "all", "selection");
  EXPECT_EQ(Int(sel[3]), 2);
  EXPECT_EQ(Int(sel[4]), 1);
  EXPECT_EQ(Int(sel[5]), 1);
  EXPECT_DOUBLE_EQ(Dbl(sel[6]), 0.5);
  EXPECT_DOUBLE_EQ(Dbl(sel[8]), 0.6);
  EXPECT_DOUBLE_EQ(Dbl(sel[9]), 29.0);
  // Onboarding 03-01 → impact 03-20: 19 days. Impact 03-20 → expansion movement month
  // June (06-01): 73 days. Expansion 06-01 → advocacy 10-01: 122 days.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-03", "all", "onboarding")[9]), 19.0);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-03", "all", "impact")[9]), 73.0);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-06", "all", "expansion")[9]), 122.0);
  // A2 committed (journey) on 04-01 and never onboarded: 0 of 1, still open.
  const auto& com = Row(r, "2024-04", "all", "commit");
  EXPECT_EQ(Int(com[3]), 1);
  EXPECT_EQ(Int(com[4]), 0);
  EXPECT_EQ(Int(com[5]), 1);
  EXPECT_DOUBLE_EQ(Dbl(com[6]), 0.0);
  // The last stage has no next step.
  EXPECT_TRUE(Null(Row(r, "2024-10", "all", "advocacy")[6]));
  // A period without entries: 0 entered, null rates.
  const auto& empty = Row(r, "2024-05", "all", "awareness");
  EXPECT_EQ(Int(empty[3]), 0);
  EXPECT_TRUE(Null(empty[6]));
  EXPECT_EQ(r.rows.size(), 12u * 8u);  // 2024-01 .. 2024-12, 8 stages
}

TEST(BowtieReport, CohortModeWindowLimitsConversion) {
  Journeys j;
  Build(&j);
  j.settings.bowtie_window_days = 10;
  Report r = RunBowtie(j, BowtieMode::kCohort);
  // 18 and 16 days both exceed 10; every window (01-02+10 .. 01-25+10) has elapsed.
  const auto& aw = Row(r, "2024-01", "all", "awareness");
  EXPECT_EQ(Int(aw[4]), 0);
  EXPECT_EQ(Int(aw[5]), 0);
  EXPECT_DOUBLE_EQ(Dbl(aw[6]), 0.0);
  EXPECT_TRUE(Null(aw[9]));
}

TEST(BowtieReport, PeriodModeWorkedByHand) {
  Journeys j;
  Build(&j);
  Report r = RunBowtie(j, BowtieMode::kPeriod);
  // January entries: awareness 3 (A0, L2, A1), education 1 (A0 01-20), selection 0.
  const auto& aw = Row(r, "2024-01", "all", "awareness");
  EXPECT_EQ(Int(aw[3]), 3);
  EXPECT_TRUE(Null(aw[4]));
  EXPECT_TRUE(Null(aw[5]));
  EXPECT_DOUBLE_EQ(Dbl(aw[6]), 1.0 / 3);
  EXPECT_DOUBLE_EQ(Dbl(aw[9]), 18.0);  // A0's step into education happened in January
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "education")[6]), 0.0);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "education")[7]), 1.0 / 3);
  // February: education 1 (A1), selection 2 (A0, A1): 2 / 1 = 200 % (period mode can
  // exceed 100 %); no awareness entries, so cumulative rates are null. Steps into
  // selection in February: A0 12 days (01-20 → 02-01), A1 5 days (02-10 → 02-15).
  const auto& ed = Row(r, "2024-02", "all", "education");
  EXPECT_EQ(Int(ed[3]), 1);
  EXPECT_DOUBLE_EQ(Dbl(ed[6]), 2.0);
  EXPECT_TRUE(Null(ed[7]));
  EXPECT_DOUBLE_EQ(Dbl(ed[9]), 8.5);
  EXPECT_DOUBLE_EQ(Dbl(ed[10]), 8.5);
  // Selection → commit by value in February: no commit in February, 0 of 2000.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-02", "all", "selection")[8]), 0.0);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-02", "all", "selection")[6]), 0.0);
}

// Conversion by value through the stages that carry an amount. A0 gets a second, earlier
// deal (created 01-25, lost, 2000), so it enters selection in January with value 2000;
// its won deal brings commit value 1200 (03-01) and its first MRR of 110 onboarding value
// 12 × 110 = 1320 (03-01). A1 enters selection in February with 800 and never commits;
// A2's journey commit (04-01) has no amount.
void AddValues(Journeys* j) {
  AddOpp(&j->data, j->a0, OpportunityType::kNew, "2024-01-25", "2024-02-05", OpportunityStatus::kLost, 2000);
  j->data.subscriptions.amount[0] = 110;
  j->movements[0].amount = 110;
}

TEST(StageDates, OnboardingValueIsFirstMonthArr) {
  Journeys j;
  Build(&j);
  AddValues(&j);
  auto st = ComputeStageDates(j.data, j.settings, j.movements, D("2024-12-31"));
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->Value(0, 2), 2000);
  EXPECT_EQ(st->Value(0, 3), 1200);
  EXPECT_EQ(st->Value(0, 4), 1320);
  EXPECT_TRUE(IsNull(st->Value(0, 5)));  // impact carries no amount
  EXPECT_TRUE(IsNull(st->Value(2, 4)));  // A2 never had MRR
}

TEST(BowtieReport, CohortModeConversionByValue) {
  Journeys j;
  Build(&j);
  AddValues(&j);
  Report r = RunBowtie(j, BowtieMode::kCohort);
  // Selection 2024-01 {A0: 2000}: commit 1200 within the window: 1200 / 2000. Cumulative
  // from selection: commit 1200 / 2000, onboarding 1320 / 2000.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "selection")[8]), 0.6);
  EXPECT_TRUE(Null(Row(r, "2024-01", "all", "selection")[11]));
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "commit")[11]), 0.6);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "onboarding")[11]), 0.66);
  // Selection 2024-02 {A1: 800}: nothing converted.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-02", "all", "selection")[8]), 0.0);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-02", "all", "onboarding")[11]), 0.0);
  // Commit 2024-03 {A0: 1200} onboards the same day with 1320 ARR: 1320 / 1200.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-03", "all", "commit")[8]), 1.1);
  // Commit 2024-04 {A2} has no amount; stages without amounts have no value rates.
  EXPECT_TRUE(Null(Row(r, "2024-04", "all", "commit")[8]));
  EXPECT_TRUE(Null(Row(r, "2024-03", "all", "onboarding")[8]));
  EXPECT_TRUE(Null(Row(r, "2024-01", "all", "awareness")[8]));
  EXPECT_TRUE(Null(Row(r, "2024-03", "all", "commit")[11]));  // no selection entries in March
}

TEST(BowtieReport, PeriodModeConversionByValue) {
  Journeys j;
  Build(&j);
  AddValues(&j);
  Report r = RunBowtie(j, BowtieMode::kPeriod);
  // January: selection 2000 entered, no commit value: 0 / 2000; cumulative 0 / 2000.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "selection")[8]), 0.0);
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-01", "all", "commit")[11]), 0.0);
  // March: commit 1200 entered, onboarding 1320 entered: 1320 / 1200; no selection
  // entries in March, so no cumulative value rate.
  EXPECT_DOUBLE_EQ(Dbl(Row(r, "2024-03", "all", "commit")[8]), 1.1);
  EXPECT_TRUE(Null(Row(r, "2024-03", "all", "onboarding")[11]));
  EXPECT_TRUE(Null(Row(r, "2024-03", "all", "selection")[8]));
}

TEST(BowtieReport, SegmentsCountLeadsWithoutAccountByTheirOwnSegment) {
  Journeys j;
  Build(&j);
  Report r = RunBowtie(j, BowtieMode::kCohort, "segment");
  EXPECT_EQ(Int(Row(r, "2024-01", "smb", "awareness")[3]), 2);      // A0 and L2
  EXPECT_EQ(Int(Row(r, "2024-01", "ent", "awareness")[3]), 1);      // A1
  EXPECT_EQ(Int(Row(r, "2024-04", "unassigned", "commit")[3]), 1);  // A2
  EXPECT_EQ(Int(Row(r, "2024-01", "all", "awareness")[3]), 3);
}

TEST(BowtieReport, NeedsLeadsOrJourney) {
  Journeys j;
  Build(&j);
  j.data.present[static_cast<int>(Table::kLeads)] = false;
  j.data.present[static_cast<int>(Table::kJourney)] = false;
  auto st = ComputeStageDates(j.data, j.settings, j.movements, D("2024-12-31"));
  ASSERT_TRUE(st.ok());
  auto seg = Segmenter::Make(j.data, "", "", "segment");
  ASSERT_TRUE(seg.ok());
  auto r = BuildBowtieReport(j.data, j.settings, *st, *seg,
                             BowtieOptions{BowtieMode::kCohort, {}, D("2024-12-31")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "bowtie needs leads.csv or journey.csv");
}

TEST(Segmenter, UnknownAttribute) {
  Journeys j;
  Build(&j);
  auto seg = Segmenter::Make(j.data, "colour", "", "segment");
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().ExitCode(), 2);
}

// TTV: four accounts onboard in March 2024 (03-01, 03-05, 03-10, 03-28); B0 reaches value
// after 10 days, B1 after 75 (03-05 → 05-19), B2 and B3 never. As of 2024-06-15:
//   30 d: every window has elapsed (03-28 + 30 = 04-27): 1 of 4 = 25 %
//   60 d: elapsed for all (03-28 + 60 = 05-27): B0 only, 1 of 4 = 25 %
//   90 d: B3's window ends 06-26, after the as-of date: open; B0, B1 of 3 = 66.7 %
TEST(TtvReport, OpenWindowsAreNotFailures) {
  Dataset d;
  AccountIndex b[4];
  const char* starts[4] = {"2024-03-01", "2024-03-05", "2024-03-10", "2024-03-28"};
  std::vector<AccountMovement> movements;
  for (int i = 0; i < 4; ++i) {
    b[i] = AddAccount(&d, "B" + std::to_string(i), "smb");
    AddSubscription(&d, b[i], starts[i], 50);
    movements.push_back({b[i], MakeMonth(2024, 3), MovementType::kNew, 50});
  }
  AddUsage(&d, b[0], "2024-03-11", "login", 1);
  AddUsage(&d, b[1], "2024-05-19", "login", 1);
  AddUsage(&d, b[2], "2024-03-12", "export", 1);  // another metric: not the value event
  Present(&d, {Table::kAccounts, Table::kSubscriptions, Table::kUsage});
  Settings s;
  s.value_event.metric = "login";
  Day as_of = D("2024-06-15");
  auto st = ComputeStageDates(d, s, movements, as_of);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->Entered(1, 4), D("2024-03-05"));
  auto seg = Segmenter::Make(d, "", "", "segment");
  ASSERT_TRUE(seg.ok());
  auto r = BuildTtvReport(d, s, *st, *seg, PeriodCalendar{}, as_of);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rows.size(), 1u);  // cohorts without members have no row
  // Columns: cohort, segment, accounts, reached, median, mean, then (rate, open) per target.
  const auto& row = r->rows[0];
  EXPECT_EQ(std::get<std::string>(row[0]), "2024-03");
  EXPECT_EQ(Int(row[2]), 4);
  EXPECT_EQ(Int(row[3]), 2);
  EXPECT_DOUBLE_EQ(Dbl(row[4]), 42.5);  // median of 10 and 75
  EXPECT_DOUBLE_EQ(Dbl(row[5]), 42.5);
  EXPECT_DOUBLE_EQ(Dbl(row[6]), 0.25);
  EXPECT_EQ(Int(row[7]), 0);
  EXPECT_DOUBLE_EQ(Dbl(row[8]), 0.25);
  EXPECT_EQ(Int(row[9]), 0);
  EXPECT_DOUBLE_EQ(Dbl(row[10]), 2.0 / 3);
  EXPECT_EQ(Int(row[11]), 1);
  EXPECT_EQ(r->columns[10].name, "within_90d_rate");
}

TEST(TtvReport, NeedsAValueEvent) {
  Dataset d;
  AddAccount(&d, "B0", "smb");
  Present(&d, {Table::kAccounts, Table::kSubscriptions});
  auto st = ComputeStageDates(d, Settings{}, {}, D("2024-06-15"));
  ASSERT_TRUE(st.ok());
  auto seg = Segmenter::Make(d, "", "", "segment");
  ASSERT_TRUE(seg.ok());
  auto r = BuildTtvReport(d, Settings{}, *st, *seg, PeriodCalendar{}, D("2024-06-15"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "ttv needs a value event: set [value_event] metric in flywheel.toml, or give impact dates in "
            "journey.csv");
}

}  // namespace
}  // namespace flywheel
