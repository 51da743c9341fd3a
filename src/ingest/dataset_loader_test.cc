#include "ingest/dataset_loader.h"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "ingest/csv_reader.h"

namespace flywheel {
namespace {

using Files = std::map<Table, std::string>;

const char* kAccounts = "account_id,name\nA-1,Acme\nA-2,Beta\n";

Result<LoadedDataset> Load(Files files, const LoadOptions& options = {}) {
  if (!files.count(Table::kAccounts)) files[Table::kAccounts] = kAccounts;
  RowSourceOpener open = [&](Table t) -> Result<std::unique_ptr<RowSource>> {
    auto it = files.find(t);
    if (it == files.end()) return std::unique_ptr<RowSource>();
    return std::unique_ptr<RowSource>(CsvRowSource::FromText(it->second, std::string(TableName(t)) + ".csv"));
  };
  return LoadDataset(open, options);
}

// The error message of a load that must fail.
std::string Error(Files files) {
  auto r = Load(std::move(files));
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kBadData);
  return r.status().message();
}

std::string SourceDir() {
  const char* d = std::getenv("FLYWHEEL_SOURCE_DIR");
  return d ? d : FLYWHEEL_TEST_SOURCE_DIR;
}

// tests/fixtures/tiny, checked value by value against the CSV text.
TEST(DatasetLoaderTest, TinyDataSetLoadsWithTheRightValues) {
  auto r = LoadDataDirectory(SourceDir() + "/tests/fixtures/tiny");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Dataset& d = r->dataset;
  EXPECT_TRUE(r->warnings.empty());
  for (int t = 0; t < kTableCount; ++t) EXPECT_TRUE(d.present[t]) << t;
  EXPECT_EQ(d.RowCount(Table::kAccounts), 3u);
  EXPECT_EQ(d.RowCount(Table::kContacts), 2u);
  EXPECT_EQ(d.RowCount(Table::kLeads), 2u);
  EXPECT_EQ(d.RowCount(Table::kOpportunities), 3u);
  EXPECT_EQ(d.RowCount(Table::kOpportunityHistory), 2u);
  EXPECT_EQ(d.RowCount(Table::kSubscriptions), 3u);
  EXPECT_EQ(d.RowCount(Table::kUsage), 2u);
  EXPECT_EQ(d.RowCount(Table::kTickets), 2u);
  EXPECT_EQ(d.RowCount(Table::kNps), 2u);
  EXPECT_EQ(d.RowCount(Table::kAdvocacy), 1u);
  EXPECT_EQ(d.RowCount(Table::kSpend), 2u);
  EXPECT_EQ(d.RowCount(Table::kFinance), 2u);
  EXPECT_EQ(d.RowCount(Table::kFx), 2u);
  EXPECT_EQ(d.RowCount(Table::kJourney), 1u);

  const Accounts& a = d.accounts;
  EXPECT_EQ(a.name[1], "Beta, Inc.");
  EXPECT_EQ(d.dict.Get(a.segment[0]), "fintech");
  EXPECT_EQ(a.segment[0], a.segment[2]);  // same code for the same text
  EXPECT_EQ(a.employees[0], 120);
  EXPECT_EQ(a.employees[2], kNullInt);
  EXPECT_DOUBLE_EQ(a.annual_revenue[0], 5000000.50);
  EXPECT_TRUE(IsNull(a.annual_revenue[1]));
  EXPECT_EQ(a.created_at[0], DayFromCivil(2023, 1, 10));
  // 2023-03-15T22:30:00-05:00 is 2023-03-16 03:30 UTC.
  EXPECT_EQ(a.created_at[2], DayFromCivil(2023, 3, 16));
  EXPECT_EQ(a.parent[2], 0);
  EXPECT_EQ(a.parent[0], kNoAccount);
  ASSERT_EQ(a.attribute_names, std::vector<std::string>{"attr_tier"});
  EXPECT_EQ(d.dict.Get(a.attributes[0][0]), "gold");
  EXPECT_EQ(a.attributes[0][2], kNullCode);
  EXPECT_EQ(a.Find("A-2"), 1);

  EXPECT_EQ(d.contacts.account[1], 1);
  EXPECT_EQ(d.contacts.seniority[0], static_cast<int8_t>(Seniority::kCLevel));
  EXPECT_EQ(d.contacts.seniority[1], static_cast<int8_t>(Seniority::kDirector));  // "Director"
  EXPECT_EQ(d.contacts.is_champion[0], 1);
  EXPECT_EQ(d.contacts.is_champion[1], 0);
  EXPECT_EQ(d.contacts.is_decision_maker[0], 1);
  EXPECT_EQ(d.contacts.is_decision_maker[1], -1);

  EXPECT_EQ(d.leads.account[1], kNoAccount);
  EXPECT_EQ(d.leads.qualified_at[0], DayFromCivil(2022, 12, 20));
  EXPECT_EQ(d.leads.qualified_at[1], kNullDay);

  const Opportunities& o = d.opportunities;
  EXPECT_EQ(o.status[0], OpportunityStatus::kWon);
  EXPECT_EQ(o.status[2], OpportunityStatus::kOpen);
  EXPECT_EQ(o.closed_at[2], kNullDay);
  EXPECT_DOUBLE_EQ(o.amount[1], 6000);
  EXPECT_EQ(d.dict.Get(o.currency[1]), "EUR");
  EXPECT_EQ(o.currency[0], kNullCode);
  EXPECT_EQ(o.expected_close[2], DayFromCivil(2024, 6, 30));
  EXPECT_EQ(o.forecast_category[2], static_cast<int8_t>(ForecastCategory::kCommit));
  EXPECT_EQ(o.Find("O-3"), 2);

  EXPECT_EQ(d.opportunity_history.opportunity[1], 0);
  EXPECT_EQ(d.opportunity_history.status[1], static_cast<int8_t>(OpportunityStatus::kWon));
  EXPECT_EQ(d.opportunity_history.expected_close[1], kNullDay);

  const Subscriptions& s = d.subscriptions;
  EXPECT_EQ(s.billing_period[0], BillingPeriod::kYear);
  EXPECT_EQ(s.billing_period[1], BillingPeriod::kMonth);  // default
  EXPECT_EQ(s.revenue_type[1], RevenueType::kRecurring);  // default
  EXPECT_EQ(s.revenue_type[2], RevenueType::kServices);
  EXPECT_EQ(s.end[0], DayFromCivil(2024, 1, 10));
  EXPECT_EQ(s.end[1], kOpenEnd);
  EXPECT_DOUBLE_EQ(s.gross_margin[1], 0.75);
  EXPECT_TRUE(IsNull(s.gross_margin[0]));

  EXPECT_DOUBLE_EQ(d.usage.value[0], 1.0);  // default
  EXPECT_DOUBLE_EQ(d.usage.value[1], 3.5);
  EXPECT_EQ(d.tickets.escalation[0], Escalation::kSupport);  // default
  EXPECT_EQ(d.tickets.escalation[1], Escalation::kManagement);
  EXPECT_TRUE(IsNull(d.tickets.effort_hours[1]));
  EXPECT_EQ(d.nps.contact[0], 0);
  EXPECT_EQ(d.nps.contact[1], -1);
  EXPECT_EQ(d.nps.score[0], 9);
  EXPECT_EQ(d.advocacy.type[0], AdvocacyType::kCaseStudy);
  EXPECT_EQ(d.spend.month[1], MakeMonth(2023, 1));
  EXPECT_EQ(d.spend.category[1], SpendCategory::kSales);
  EXPECT_EQ(d.spend.segment[0], kNullCode);
  EXPECT_DOUBLE_EQ(d.finance.gross_margin[0], 0.78);
  EXPECT_TRUE(IsNull(d.finance.gross_margin[1]));
  EXPECT_DOUBLE_EQ(d.fx.rate[1], 1.07);
  EXPECT_EQ(d.journey.stage[0], BowtieStage::kImpact);

  // Latest event: journey 2023-07-15. Later dates in the files are subscription end
  // dates (2024-01-10) and expected close dates (2024-06-30), which do not count.
  EXPECT_EQ(d.latest_event_date, DayFromCivil(2023, 7, 15));
}

TEST(DatasetLoaderTest, AbsentTablesAreNotPresent) {
  auto r = Load({{Table::kNps, "account_id,contact_id,date,score\nA-1,C-9,2024-01-01,5\n"}});
  ASSERT_TRUE(r.ok()) << r.status().message();  // contact ids are not checked without contacts.csv
  EXPECT_EQ(r->dataset.nps.contact[0], -1);
  EXPECT_TRUE(r->dataset.Has(Table::kAccounts));
  EXPECT_FALSE(r->dataset.Has(Table::kSubscriptions));
  EXPECT_EQ(r->dataset.latest_event_date, DayFromCivil(2024, 1, 1));
  EXPECT_EQ(Load({})->dataset.latest_event_date, kNullDay);
}

TEST(DatasetLoaderTest, HeaderMatchingIsCaseInsensitiveTrimmedAndOrderFree) {
  auto r = Load({{Table::kAccounts, " Name ,ACCOUNT_ID\nAcme, A-1 \n"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->dataset.accounts.id[0], "A-1");
  EXPECT_EQ(r->dataset.accounts.name[0], "Acme");
}

TEST(DatasetLoaderTest, UnknownColumnsAreWarnings) {
  auto r = Load({{Table::kAccounts, "account_id,foo,ATTR_Tier\nA-1,x,gold\n"},
                 {Table::kUsage, "account_id,date,metric,Bar\nA-1,2024-01-01,login,1\n"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->warnings, (std::vector<std::string>{
                             "accounts.csv: column 'foo' is not part of the accounts table and is ignored",
                             "usage.csv: column 'Bar' is not part of the usage table and is ignored"}));
  EXPECT_EQ(r->dataset.accounts.attribute_names, std::vector<std::string>{"attr_tier"});
}

TEST(DatasetLoaderTest, DatesAfterWarnAfterAreWarnings) {
  LoadOptions options;
  options.warn_after = DayFromCivil(2024, 1, 31);
  auto r = Load({{Table::kUsage, "account_id,date,metric\nA-1,2024-01-31,x\nA-1,2024-02-01,x\n"}}, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->warnings,
            std::vector<std::string>{"usage.csv:3: date: 2024-02-01 is after the as-of date 2024-01-31"});
}

TEST(DatasetLoaderTest, RequiredColumnMissing) {
  EXPECT_EQ(Error({{Table::kAccounts, "name\nAcme\n"}}),
            "accounts.csv:1: account_id: required column is missing");
  EXPECT_EQ(Error({{Table::kSubscriptions, "subscription_id,account_id,start_date\nS-1,A-1,2024-01-01\n"}}),
            "subscriptions.csv:1: amount: required column is missing");
}

TEST(DatasetLoaderTest, DuplicateColumnAndEmptyFile) {
  EXPECT_EQ(Error({{Table::kAccounts, "account_id,Account_ID\nA-1,A-1\n"}}),
            "accounts.csv:1: account_id: column appears more than once in the header");
  EXPECT_EQ(Error({{Table::kUsage, ""}}), "usage.csv:1: the file is empty (expected a header row)");
}

TEST(DatasetLoaderTest, EachKindOfBadValueHasItsMessage) {
  const std::string subs =
      "subscription_id,account_id,start_date,end_date,amount,billing_period,gross_margin\n";
  EXPECT_EQ(Error({{Table::kSubscriptions, subs + "S-1,A-1,2024-02-01,2024-13-01,10,,\n"}}),
            "subscriptions.csv:2: end_date: 2024-13-01 is not a date (expected YYYY-MM-DD)");
  EXPECT_EQ(Error({{Table::kSubscriptions, subs + "S-1,A-1,2024-02-01,,\"12,50\",,\n"}}),
            "subscriptions.csv:2: amount: 12,50 is not a number");
  EXPECT_EQ(Error({{Table::kSubscriptions, subs + "S-1,A-1,2024-02-01,,10,weekly,\n"}}),
            "subscriptions.csv:2: billing_period: weekly is not one of month, quarter, year");
  EXPECT_EQ(Error({{Table::kSubscriptions, subs + "S-1, ,2024-02-01,,10,,\n"}}),
            "subscriptions.csv:2: account_id: required value is missing");
  EXPECT_EQ(Error({{Table::kSubscriptions, subs + "S-1,A-999,2024-02-01,,10,,\n"}}),
            "subscriptions.csv:2: account_id: unknown account A-999 (not in accounts.csv)");
  EXPECT_EQ(Error({{Table::kSubscriptions, subs + "S-1,A-1,2024-02-01,2024-01-01,10,,\n"}}),
            "subscriptions.csv:2: end_date: 2024-01-01 is before start_date 2024-02-01");
  EXPECT_EQ(Error({{Table::kSubscriptions, subs + "S-1,A-1,2024-02-01,,10,,1.2\n"}}),
            "subscriptions.csv:2: gross_margin: 1.2 is not a fraction from 0 to 1");
  EXPECT_EQ(Error({{Table::kSubscriptions, subs + "S-1,A-1,2024-02-01,,10\n"}}),
            "subscriptions.csv:2: expected 7 fields, found 5");
  EXPECT_EQ(Error({{Table::kSpend, "month,category,amount\n2024-13,sales,1\n"}}),
            "spend.csv:2: month: 2024-13 is not a month (expected YYYY-MM)");
  EXPECT_EQ(Error({{Table::kAccounts, "account_id,employees\nA-1,12.5\n"}}),
            "accounts.csv:2: employees: 12.5 is not a whole number");
  EXPECT_EQ(Error({{Table::kContacts, "contact_id,account_id,is_champion\nC-1,A-1,maybe\n"}}),
            "contacts.csv:2: is_champion: maybe is not one of true, false, yes, no, 1, 0");
  EXPECT_EQ(Error({{Table::kNps, "account_id,date,score\nA-1,2024-01-01,11\n"}}),
            "nps.csv:2: score: 11 is outside 0 to 10");
  EXPECT_EQ(Error({{Table::kContacts, "contact_id,account_id\nC-1,A-1\n"},
                   {Table::kNps, "account_id,contact_id,date,score\nA-1,C-9,2024-01-01,5\n"}}),
            "nps.csv:2: contact_id: unknown contact C-9 (not in contacts.csv)");
  EXPECT_EQ(Error({{Table::kOpportunities,
                    "opportunity_id,account_id,type,created_at,status\nO-1,A-1,new,2024-01-01,won\n"}}),
            "opportunities.csv:2: closed_at: required when status is won");
  EXPECT_EQ(Error({{Table::kLeads, "lead_id,created_at\nL-1,9999-12-31\n"}}),
            "leads.csv:2: created_at: 9999-12-31 is outside 1900-01-01 to 2200-12-31");
  EXPECT_EQ(Error({{Table::kSpend, "month,category,amount\n1899-12,sales,1\n"}}),
            "spend.csv:2: month: 1899-12 is outside 1900-01 to 2200-12");
  EXPECT_EQ(Error({{Table::kAccounts, "account_id,annual_revenue\nA-1,1e308\n"}}),
            "accounts.csv:2: annual_revenue: 1e308 is outside -1e15 to 1e15");
  EXPECT_EQ(
      Error(
          {{Table::kOpportunities,
            "opportunity_id,account_id,type,created_at,status,currency\nO-1,A-1,new,2024-01-05,open,EUO\n"}}),
      "opportunities.csv:2: currency: EUO is not an ISO 4217 currency code");
  EXPECT_EQ(Error({{Table::kOpportunityHistory, "opportunity_id,changed_at\nO-9,2024-01-01\n"}}),
            "opportunity_history.csv:2: opportunity_id: unknown opportunity O-9 (not in opportunities.csv)");
  EXPECT_EQ(Error({{Table::kAccounts, "account_id,parent_account_id\nA-1,\nA-2,A-7\n"}}),
            "accounts.csv:3: parent_account_id: unknown account A-7 (not in accounts.csv)");
  EXPECT_EQ(
      Error({{Table::kTickets, "ticket_id,account_id,opened_at,effort_hours\nT-1,A-1,2024-01-01,-2\n"}}),
      "tickets.csv:2: effort_hours: -2 is negative");
  EXPECT_EQ(Error({{Table::kFx, "month,currency,rate\n2024-01,EUR,0\n"}}),
            "fx.csv:2: rate: 0 is not a positive number");
  EXPECT_EQ(
      Error({{Table::kJourney, "account_id,stage,entered_at\nA-1,delight,2024-01-01\n"}}),
      "journey.csv:2: stage: delight is not one of awareness, education, selection, commit, onboarding, "
      "impact, expansion, advocacy");
  EXPECT_EQ(Error({{Table::kUsage, "account_id,date,metric\nA-1,2024-01-01,\"x\n"}}),
            "usage.csv:2: unterminated quoted field");
}

TEST(DatasetLoaderTest, DuplicateKeys) {
  EXPECT_EQ(Error({{Table::kAccounts, "account_id\nA-1\nA-2\n\nA-1\n"}}),
            "accounts.csv:5: account_id: duplicate key A-1 (first on line 2)");
  EXPECT_EQ(
      Error({{Table::kTickets, "ticket_id,account_id,opened_at\nT-1,A-1,2024-01-01\nT-1,A-2,2024-01-02\n"}}),
      "tickets.csv:3: ticket_id: duplicate key T-1 (first on line 2)");
  EXPECT_EQ(Error({{Table::kContacts, "contact_id,account_id\nC-1,A-1\nC-2,A-1\nC-1,A-1\n"}}),
            "contacts.csv:4: contact_id: duplicate key C-1 (first on line 2)");
}

// Thousands of keys, so the key index grows several times between the first occurrence and
// the duplicate; every contact is still found by the NPS rows that name it.
TEST(DatasetLoaderTest, DuplicateKeysAmongManyAndLookupsAfterGrowth) {
  std::string leads = "lead_id,created_at\n", contacts = "contact_id,account_id\n",
              nps = "account_id,contact_id,date,score\n";
  for (int i = 0; i < 5000; ++i) {
    leads += fmt::format("L-{},2024-01-01\n", i);
    contacts += fmt::format("C-{},A-1\n", i);
    nps += fmt::format("A-1,C-{},2024-02-01,9\n", 4999 - i);
  }
  auto loaded = Load({{Table::kLeads, leads}, {Table::kContacts, contacts}, {Table::kNps, nps}});
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->dataset.nps.contact[0], 4999);
  EXPECT_EQ(loaded->dataset.nps.contact[4999], 0);
  EXPECT_EQ(Error({{Table::kLeads, leads + "L-1700,2024-01-02\n"}}),
            "leads.csv:5002: lead_id: duplicate key L-1700 (first on line 1702)");
}

// Ids in ascending order (as most exports write them) are checked without an index until one
// is out of order; contacts are then found by a search of the sorted ids. The duplicate after
// a sorted run, after an empty id, and the contacts of both kinds of file must all be found.
TEST(DatasetLoaderTest, SortedKeysAndKeysOutOfOrderFindTheSameRows) {
  std::string sorted = "contact_id,account_id\n", nps = "account_id,contact_id,date,score\n";
  for (int i = 0; i < 3000; ++i) {
    sorted += fmt::format("C-{:05},A-1\n", i);
    nps += fmt::format("A-1,C-{:05},2024-02-01,9\n", (i * 7) % 3000);
  }
  auto loaded = Load({{Table::kContacts, sorted}, {Table::kNps, nps}});
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  for (int i = 0; i < 3000; ++i) ASSERT_EQ(loaded->dataset.nps.contact[i], (i * 7) % 3000) << i;
  EXPECT_EQ(Error({{Table::kContacts, sorted},
                   {Table::kNps, "account_id,contact_id,date,score\nA-1,C-03000,2024-02-01,9\n"}}),
            "nps.csv:2: contact_id: unknown contact C-03000 (not in contacts.csv)");
  EXPECT_EQ(Error({{Table::kContacts, "contact_id,account_id\nC-1,A-1\nC-0,A-1\n"},
                   {Table::kNps,
                    "account_id,contact_id,date,score\nA-1,C-0,2024-02-01,9\nA-1,C-2,2024-02-01,9\n"}}),
            "nps.csv:3: contact_id: unknown contact C-2 (not in contacts.csv)");
  EXPECT_EQ(Error({{Table::kContacts, sorted + "C-01234,A-1\n"}}),
            "contacts.csv:3002: contact_id: duplicate key C-01234 (first on line 1236)");
  EXPECT_EQ(Error({{Table::kContacts, sorted + "C-02999,A-1\n"}}),
            "contacts.csv:3002: contact_id: duplicate key C-02999 (first on line 3001)");
  EXPECT_EQ(Error({{Table::kAccounts, "account_id\nA-1\nA-2\n\"\"\nA-3\nA-2\n"}}),
            "accounts.csv:4: account_id: required value is missing\n"
            "accounts.csv:6: account_id: duplicate key A-2 (first on line 3)");
  // A sorted accounts file: every account is still found by the rows that refer to it.
  auto accounts =
      Load({{Table::kAccounts, "account_id\nA-1\nA-2\nA-3\n"},
            {Table::kTickets, "ticket_id,account_id,opened_at\nT-1,A-3,2024-01-01\nT-2,A-1,2024-01-01\n"}});
  ASSERT_TRUE(accounts.ok()) << accounts.status().message();
  EXPECT_EQ(accounts->dataset.tickets.account, (std::vector<AccountIndex>{2, 0}));
}

// The loader records whether a table's ids ascend (reports that order by id then read row
// order): leads and opportunities in key order do; one out of order does not.
TEST(DatasetLoaderTest, IdsAscendingRecordedForLeadsAndOpportunities) {
  const std::string accounts = "account_id\nA-1\n";
  const std::string opportunities = "opportunity_id,account_id,type,created_at,status\n";
  auto ascend = [&](const std::string& lead_ids, const std::string& opportunity_ids) {
    std::string leads = "lead_id,created_at\n", opps = opportunities;
    for (char c : lead_ids) leads += std::string("L-") + c + ",2024-01-01\n";
    for (char c : opportunity_ids) opps += std::string("O-") + c + ",A-1,new,2024-01-01,open\n";
    auto loaded = Load({{Table::kAccounts, accounts}, {Table::kLeads, leads}, {Table::kOpportunities, opps}});
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      return std::pair{false, false};
    }
    return std::pair{loaded->dataset.leads.ids_ascending, loaded->dataset.opportunities.ids_ascending};
  };
  EXPECT_EQ(ascend("123", "12"), std::pair(true, true));
  EXPECT_EQ(ascend("132", "21"), std::pair(false, false));
  EXPECT_EQ(ascend("1", "2"), std::pair(true, true));
}

// References are remembered from one row to the next (exports grouped by account): the same
// account on consecutive rows, an unknown one on consecutive rows (each row reports it), and
// an opportunity's history rows together.
TEST(DatasetLoaderTest, RepeatedReferencesOnConsecutiveRows) {
  auto loaded = Load({{Table::kAccounts, "account_id\nA-1\nA-2\n"},
                      {Table::kUsage,
                       "account_id,date,metric\nA-2,2024-01-01,x\nA-2,2024-01-02,x\nA-1,2024-01-02,x\n"
                       "A-2,2024-01-03,x\n"},
                      {Table::kOpportunities,
                       "opportunity_id,account_id,type,created_at,status\nO-2,A-1,new,2024-01-01,open\n"
                       "O-1,A-2,new,2024-01-01,open\n"},
                      {Table::kOpportunityHistory,
                       "opportunity_id,changed_at\nO-1,2024-01-01\nO-1,2024-01-02\nO-2,2024-01-02\n"}});
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->dataset.usage.account, (std::vector<AccountIndex>{1, 1, 0, 1}));
  EXPECT_EQ(loaded->dataset.opportunity_history.opportunity, (std::vector<int32_t>{1, 1, 0}));
  EXPECT_EQ(Error({{Table::kAccounts, "account_id\nA-1\n"},
                   {Table::kUsage,
                    "account_id,date,metric\nA-9,2024-01-01,x\nA-9,2024-01-02,x\nA-1,2024-01-02,x\n"}}),
            "usage.csv:2: account_id: unknown account A-9 (not in accounts.csv)\n"
            "usage.csv:3: account_id: unknown account A-9 (not in accounts.csv)");
}

TEST(DatasetLoaderTest, AllProblemsOfAllFilesInTableOrder) {
  EXPECT_EQ(Error({{Table::kUsage, "account_id,date,metric\nA-9,2024-01-01,x\n"},
                   {Table::kContacts, "contact_id,account_id,seniority\nC-1,A-1,boss\n,A-1,vp\n"}}),
            "contacts.csv:2: seniority: boss is not one of c_level, vp, director, manager, individual\n"
            "contacts.csv:3: contact_id: required value is missing\n"
            "usage.csv:2: account_id: unknown account A-9 (not in accounts.csv)");
}

// Tables load on several threads, each with its own dictionary, merged in table order: the
// codes must be those of interning every text field one table after the other, row by row
// (worked by hand below), whatever the number of threads; and so must the problems.
TEST(DatasetLoaderTest, ThreadsDoNotChangeCodesOrProblems) {
  const Files files = {
      {Table::kAccounts, "account_id,segment,attr_tier\nA-1,SMB,gold\nA-2,Mid,silver\n"},
      {Table::kContacts, "contact_id,account_id,role\nC-1,A-1,buyer\n"},
      {Table::kLeads, "lead_id,created_at,channel,segment\nL-1,2024-01-01,web,Mid\n"},
      {Table::kOpportunities,
       "opportunity_id,account_id,type,created_at,status,currency,stage\nO-1,A-1,new,2024-01-01,open,EUR,"
       "web\n"},
      {Table::kOpportunityHistory, "opportunity_id,changed_at,stage\nO-1,2024-01-02,demo\n"},
      {Table::kSubscriptions,
       "subscription_id,account_id,start_date,amount,product,product_line\nS-1,A-2,2024-01-01,10,gold,"
       "core\n"},
      {Table::kUsage, "account_id,date,metric\nA-2,2024-01-01,logins\nA-1,2024-01-02,web\n"},
      {Table::kSpend, "month,category,amount,segment\n2024-01,marketing,10,SMB\n"},
      {Table::kFx, "month,currency,rate\n2024-01,EUR,1.1\n2024-01,GBP,1.3\n"},
  };
  for (int threads : {1, 2, 8}) {
    SCOPED_TRACE(threads);
    LoadOptions options;
    options.threads = threads;
    auto r = Load(files, options);
    ASSERT_TRUE(r.ok()) << r.status().message();
    const Dataset& d = r->dataset;
    // SMB 0, gold 1, Mid 2, silver 3, buyer 4, web 5, EUR 6, demo 7, core 8, logins 9, GBP 10
    EXPECT_EQ(d.dict.size(), 11u);
    EXPECT_EQ(d.accounts.segment, (std::vector<Code>{0, 2}));
    EXPECT_EQ(d.accounts.attributes[0], (std::vector<Code>{1, 3}));
    EXPECT_EQ(d.contacts.role, std::vector<Code>{4});
    EXPECT_EQ(d.leads.channel, std::vector<Code>{5});
    EXPECT_EQ(d.leads.segment, std::vector<Code>{2});
    EXPECT_EQ(d.opportunities.currency, std::vector<Code>{6});
    EXPECT_EQ(d.opportunities.stage, std::vector<Code>{5});
    EXPECT_EQ(d.opportunities.owner, std::vector<Code>{kNullCode});
    EXPECT_EQ(d.opportunity_history.stage, std::vector<Code>{7});
    EXPECT_EQ(d.subscriptions.product, std::vector<Code>{1});
    EXPECT_EQ(d.subscriptions.product_line, std::vector<Code>{8});
    EXPECT_EQ(d.usage.metric, (std::vector<Code>{9, 5}));
    EXPECT_EQ(d.spend.segment, std::vector<Code>{0});
    EXPECT_EQ(d.fx.currency, (std::vector<Code>{6, 10}));
    EXPECT_EQ(d.dict.Get(10), "GBP");
    EXPECT_EQ(d.latest_event_date, *ParseDate("2024-01-31"));  // the spend month's last day

    Files bad = files;
    bad[Table::kUsage] += "A-9,2024-01-03,x\n";
    bad[Table::kContacts] += "C-1,A-1,seller\n";
    bad[Table::kFx] += "2024-02,EUR,-1\n";
    bad[Table::kNps] = "account_id,contact_id,date,score\nA-1,C-7,2024-01-01,11\n";
    auto failed = Load(bad, options);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.status().message(),
              "contacts.csv:3: contact_id: duplicate key C-1 (first on line 2)\n"
              "usage.csv:4: account_id: unknown account A-9 (not in accounts.csv)\n"
              "nps.csv:2: contact_id: unknown contact C-7 (not in contacts.csv)\n"
              "nps.csv:2: score: 11 is outside 0 to 10\n"
              "fx.csv:4: rate: -1 is not a positive number");
  }
}

TEST(DatasetLoaderTest, ProblemsAreCappedAtOneHundredPerFile) {
  std::string usage = "account_id,date,metric\n";
  for (int i = 0; i < 123; ++i) usage += "A-1,never,x\n";
  std::string message =
      Error({{Table::kUsage, usage}, {Table::kAdvocacy, "account_id,date,type\nA-1,2024-01-01,blog\n"}});
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    size_t nl = message.find('\n', start);
    lines.push_back(message.substr(start, nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  ASSERT_EQ(lines.size(), 102u);
  EXPECT_EQ(lines[0], "usage.csv:2: date: never is not a date (expected YYYY-MM-DD)");
  EXPECT_EQ(lines[99], "usage.csv:101: date: never is not a date (expected YYYY-MM-DD)");
  EXPECT_EQ(lines[100], "usage.csv: ... and 23 more problems");
  EXPECT_EQ(
      lines[101],
      "advocacy.csv:2: type: blog is not one of reference, case_study, testimonial, talk, review, referral");
}

TEST(DatasetLoaderTest, MissingFolderAndMissingAccounts) {
  auto dir = std::filesystem::temp_directory_path() / "flywheel_loader_test_dir";
  std::filesystem::remove_all(dir);
  auto r = LoadDataDirectory(dir.string());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), "data folder " + dir.string() + "/ does not exist");
  std::filesystem::create_directories(dir);
  r = LoadDataDirectory(dir.string() + "/");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), dir.string() + "/: accounts.csv is missing (it is the one required table)");
  std::filesystem::remove_all(dir);
}

// Random bytes and mutations of a valid table: the reader and loader must never crash
// and must either load or report problems.
TEST(DatasetLoaderTest, FuzzedInputNeverCrashes) {
  const std::string seed_text =
      "subscription_id,account_id,start_date,end_date,amount,billing_period\n"
      "S-1,A-1,2024-01-01,,10,month\n\"S-2\",A-2,\"2024-02-01\",2024-03-01,\"10\",year\r\n"
      "S-3,A-1,2024-01-01,,10,month\n";
  const char alphabet[] = {',', '"', '\n', '\r', 'a', '1', '-', ' ', '\xEF', '\xBB', '\xBF', '\0', '.', 'e'};
  std::mt19937 rng(12345);
  int loaded = 0, rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = seed_text;
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      size_t pos = text.empty() ? 0 : rng() % text.size();
      char c = (i % 5 == 0) ? static_cast<char>(rng() & 0xFF) : alphabet[rng() % sizeof(alphabet)];
      switch (rng() % 3) {
        case 0:
          if (!text.empty()) text[pos] = c;
          break;
        case 1:
          text.insert(text.begin() + pos, c);
          break;
        case 2:
          if (!text.empty()) text.erase(pos, 1);
          break;
      }
    }
    auto r = Load({{Table::kSubscriptions, text}});
    if (r.ok()) {
      ++loaded;
    } else {
      ++rejected;
      EXPECT_FALSE(r.status().message().empty());
    }
  }
  EXPECT_GT(loaded, 0);
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace flywheel
