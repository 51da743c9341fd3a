// Errors and warnings of the row rules: repairs, rows set aside (quarantine) and their
// cascades, the share limit, and the checks of dates, numbers and currencies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "ingest/csv_reader.h"
#include "ingest/dataset_loader.h"
#include "ingest/text_encoding.h"

namespace flywheel {
namespace {

using ::testing::ElementsAre;
using Files = std::map<Table, std::string>;

Result<LoadedDataset> Load(Files files, const LoadOptions& options) {
  if (!files.count(Table::kAccounts)) files[Table::kAccounts] = "account_id,name\nA-1,Acme\nA-2,Beta\n";
  RowSourceOpener open = [&](Table t) -> Result<std::unique_ptr<RowSource>> {
    auto it = files.find(t);
    if (it == files.end()) return std::unique_ptr<RowSource>();
    return std::unique_ptr<RowSource>(CsvRowSource::FromText(it->second, std::string(TableName(t)) + ".csv"));
  };
  return LoadDataset(open, options);
}

LoadOptions Quarantine(double share = 0.5, int threads = 1) {
  LoadOptions o;
  o.quarantine.enabled = true;
  o.quarantine.max_share = share;
  o.threads = threads;
  return o;
}

const TableQuality& QualityOf(const LoadedDataset& d, Table t) {
  for (const auto& q : d.quality) {
    if (q.table == t) return q;
  }
  static const TableQuality none;
  ADD_FAILURE() << "no quality for " << TableName(t);
  return none;
}

TEST(QuarantineTest, DealClosedBeforeCreatedIsRepaired) {
  // Loaded on one day with historical close dates, as after a CRM migration.
  auto r = Load({{Table::kOpportunities,
                  "opportunity_id,account_id,type,created_at,closed_at,status\n"
                  "O-1,A-1,new,2024-01-22,2023-06-17,won\n"
                  "O-2,A-2,new,2024-01-05,2024-02-01,lost\n"}},
                {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Opportunities& o = r->dataset.opportunities;
  EXPECT_EQ(FormatDate(o.created_at[0]), "2023-06-17");
  EXPECT_EQ(FormatDate(o.closed_at[0]), "2023-06-17");
  EXPECT_EQ(FormatDate(o.created_at[1]), "2024-01-05");
  EXPECT_THAT(r->warnings,
              ElementsAre("opportunities.csv:2: closed_at: 2023-06-17 is before created_at 2024-01-22 "
                          "(created_at set to 2023-06-17)"));
  const TableQuality& q = QualityOf(*r, Table::kOpportunities);
  EXPECT_EQ(q.repaired, 1);
  EXPECT_EQ(q.quarantined, 0);
  ASSERT_EQ(q.warnings.size(), 1u);
  EXPECT_EQ(q.warnings[0].rule, "closed_before_created");
  EXPECT_EQ(q.warnings[0].count, 1);
  EXPECT_EQ(q.warnings[0].examples[0].line, 2);
}

TEST(QuarantineTest, LeadsAndTicketsAreRepairedTheSameWay) {
  auto r =
      Load({{Table::kLeads, "lead_id,created_at,qualified_at\nL-1,2024-03-01,2024-02-01\n"},
            {Table::kTickets, "ticket_id,account_id,opened_at,closed_at\nT-1,A-1,2024-03-05,2024-03-01\n"}},
           {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(FormatDate(r->dataset.leads.created_at[0]), "2024-02-01");
  EXPECT_EQ(FormatDate(r->dataset.tickets.opened_at[0]), "2024-03-01");
  EXPECT_THAT(
      r->warnings,
      ElementsAre("leads.csv:2: qualified_at: 2024-02-01 is before created_at 2024-03-01 (created_at set to "
                  "2024-02-01)",
                  "tickets.csv:2: closed_at: 2024-03-01 is before opened_at 2024-03-05 (opened_at set to "
                  "2024-03-01)"));
}

TEST(QuarantineTest, RowsWithErrorsAreSetAside) {
  const std::string subs = "subscription_id,account_id,start_date,amount\n";
  auto r = Load({{Table::kSubscriptions,
                  subs + "S-1,A-1,2024-01-01,10\nS-2,A-1,2024-13-01,20\nS-3,A-2,2024-02-01,30\n"}},
                Quarantine());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->dataset.subscriptions.id, (StringColumn{"S-1", "S-3"}));
  EXPECT_THAT(r->warnings, ElementsAre("subscriptions.csv:3: start_date: 2024-13-01 is not a date (expected "
                                       "YYYY-MM-DD) (row quarantined)"));
  ASSERT_EQ(r->quarantined.size(), 1u);
  const QuarantinedTable& t = r->quarantined[0];
  EXPECT_EQ(t.table, Table::kSubscriptions);
  EXPECT_EQ(t.file, "subscriptions.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"subscription_id", "account_id", "start_date", "amount"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 3);
  EXPECT_EQ(t.rows[0].reason, "start_date: 2024-13-01 is not a date (expected YYYY-MM-DD)");
  EXPECT_EQ(t.rows[0].fields, (std::vector<std::string>{"S-2", "A-1", "2024-13-01", "20"}));
  const TableQuality& q = QualityOf(*r, Table::kSubscriptions);
  EXPECT_EQ(q.rows_read, 3);
  EXPECT_EQ(q.rows_loaded, 2);
  EXPECT_EQ(q.quarantined, 1);
  ASSERT_EQ(q.errors.size(), 1u);
  EXPECT_EQ(q.errors[0].rule, "bad_date");
}

// Rows that refer to a row set aside are set aside in their turn, and say why.
TEST(QuarantineTest, ReferencesToRowsSetAsideFollowThem) {
  auto r = Load({{Table::kAccounts, "account_id,employees\nA-1,10\nA-2,many\nA-3,5\nA-4,7\n"},
                 {Table::kSubscriptions,
                  "subscription_id,account_id,start_date,amount\n"
                  "S-1,A-1,2024-01-01,10\nS-2,A-2,2024-01-01,20\nS-3,A-3,2024-01-01,30\n"},
                 {Table::kContacts, "contact_id,account_id\nC-1,A-2\nC-2,A-1\nC-3,A-3\n"},
                 {Table::kNps,
                  "account_id,contact_id,date,score\nA-1,C-1,2024-01-05,9\nA-1,C-2,2024-01-05,7\n"
                  "A-3,C-3,2024-01-06,8\n"}},
                Quarantine(0.5, 4));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->dataset.accounts.id, (StringColumn{"A-1", "A-3", "A-4"}));
  EXPECT_EQ(r->dataset.subscriptions.id, (StringColumn{"S-1", "S-3"}));
  EXPECT_EQ(r->dataset.nps.size(), 2u);
  EXPECT_THAT(r->warnings,
              ElementsAre("accounts.csv:3: employees: many is not a whole number (row quarantined)",
                          "contacts.csv:2: account_id: account A-2 is quarantined (row quarantined)",
                          "subscriptions.csv:3: account_id: account A-2 is quarantined (row quarantined)",
                          "nps.csv:2: contact_id: contact C-1 is quarantined (row quarantined)"));
  EXPECT_EQ(QualityOf(*r, Table::kNps).errors[0].rule, "quarantined_reference");
}

TEST(QuarantineTest, MoreThanTheShareFails) {
  const std::string subs = "subscription_id,account_id,start_date,amount\n";
  auto r = Load({{Table::kSubscriptions,
                  subs + "S-1,A-1,2024-01-01,x\nS-2,A-9,2024-01-01,20\nS-3,A-2,2024-02-01,30\n"}},
                Quarantine(0.5));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kBadData);
  EXPECT_EQ(r.status().message(),
            "subscriptions.csv:2: amount: x is not a number\n"
            "subscriptions.csv:3: account_id: unknown account A-9 (not in accounts.csv)\n"
            "subscriptions.csv: 2 of 3 rows (66.7 %) cannot be used, more than max_quarantined_share allows "
            "(50 %): "
            "fix the file or its mapping, or raise the setting");
}

TEST(QuarantineTest, WithoutQuarantineAnyErrorFailsAsBefore) {
  auto r = Load(
      {{Table::kSubscriptions, "subscription_id,account_id,start_date,amount\nS-1,A-1,2024-01-01,x\n"}}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "subscriptions.csv:2: amount: x is not a number");
}

TEST(QuarantineTest, FileProblemsAlwaysFail) {
  auto r = Load({{Table::kSubscriptions, "subscription_id,start_date,amount\nS-1,2024-01-01,1\n"}},
                Quarantine(1.0));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "subscriptions.csv:1: account_id: required column is missing");
}

// Two rates for one month and currency: whichever came last used to win, so both lines are
// errors, each naming the other.
TEST(QuarantineTest, DuplicateFxRatesNameBothLines) {
  auto r =
      Load({{Table::kFx, "month,currency,rate\n2024-01,EUR,1.1\n2024-02,EUR,1.2\n2024-01,eur,0.5\n"}}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "fx.csv:4: currency: a second rate for EUR in 2024-01 (also on line 2)\n"
            "fx.csv:2: currency: a second rate for EUR in 2024-01 (also on line 4)");
}

TEST(QuarantineTest, CurrenciesAreUpperCasedAndChecked) {
  LoadOptions options;
  options.currencies = CurrencyPolicy{"USD", {"GBP"}};
  const std::string subs = "subscription_id,account_id,start_date,amount,currency\n";
  auto ok = Load({{Table::kSubscriptions, subs + "S-1,A-1,2024-01-01,10,usd\nS-2,A-1,2024-01-01,10,Eur\n"
                                                 "S-3,A-2,2024-01-01,10,gbp\n"},
                  {Table::kFx, "month,currency,rate\n2024-01,eur,1.1\n"}},
                 options);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  const Dataset& d = ok->dataset;
  EXPECT_EQ(d.dict.Get(d.subscriptions.currency[0]), "USD");
  EXPECT_EQ(d.dict.Get(d.subscriptions.currency[1]), "EUR");
  EXPECT_EQ(d.dict.Get(d.fx.currency[0]), "EUR");
  auto bad = Load({{Table::kSubscriptions, subs + "S-1,A-1,2024-01-01,10,XYZ\nS-2,A-1,2024-01-01,10,CHF\n"}},
                  options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "subscriptions.csv:2: currency: XYZ is not an ISO 4217 currency code\n"
            "subscriptions.csv:3: currency: CHF has no exchange rate (no fx.csv row, not the base currency "
            "USD, not "
            "pinned in flywheel.toml)");
}

TEST(QuarantineTest, ImpossibleDatesAndNumbersAreSetAside) {
  // One year-9999 date used to move the default as-of date to 9999-12-31.
  auto r = Load({{Table::kLeads, "lead_id,created_at\nL-1,2024-01-01\nL-2,9999-12-31\nL-3,2024-02-01\n"},
                 {Table::kSubscriptions,
                  "subscription_id,account_id,start_date,amount\nS-1,A-1,2024-01-01,1e308\n"
                  "S-2,A-1,2024-01-01,20\nS-3,A-2,2024-01-01,30\n"}},
                Quarantine(0.5));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(FormatDate(r->dataset.latest_event_date), "2024-02-01");
  EXPECT_THAT(
      r->warnings,
      ElementsAre("leads.csv:3: created_at: 9999-12-31 is outside 1900-01-01 to 2200-12-31 (row quarantined)",
                  "subscriptions.csv:2: amount: 1e308 is outside -1e15 to 1e15 (row quarantined)"));
}

TEST(QuarantineTest, NegativeSubscriptionAmountIsKeptAndFlagged) {
  auto r = Load(
      {{Table::kSubscriptions, "subscription_id,account_id,start_date,amount\nS-1,A-1,2024-01-01,-50\n"}},
      {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->dataset.subscriptions.amount[0], -50);
  EXPECT_THAT(r->warnings,
              ElementsAre("subscriptions.csv:2: amount: -50 is negative (kept: a credit lowers MRR)"));
  EXPECT_EQ(QualityOf(*r, Table::kSubscriptions).repaired, 0);
  EXPECT_EQ(QualityOf(*r, Table::kSubscriptions).warnings[0].rule, "negative_amount");
}

TEST(QuarantineTest, BytesThatAreNotUtf8NeverReachTheDataSet) {
  auto r = Load({{Table::kAccounts, "account_id,name\nA-1,M\xC3\xBCller\nA-2,Caf\xE9\nA-3,Beta\n"}},
                Quarantine(0.5));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->dataset.accounts.id, (StringColumn{"A-1", "A-3"}));
  EXPECT_EQ(r->dataset.accounts.name[0], "M\xC3\xBCller");
  EXPECT_THAT(r->warnings,
              ElementsAre("accounts.csv:3: name: not valid UTF-8 (byte 0xE9 after \"Caf\"); save the "
                          "file as UTF-8 (row quarantined)"));
  for (const auto& w : r->warnings) EXPECT_FALSE(FindInvalidUtf8(w).has_value());
}

// What is set aside, repaired and loaded does not depend on the number of threads.
TEST(QuarantineTest, SameResultOnAnyNumberOfThreads) {
  const Files files = {
      {Table::kAccounts, "account_id,employees\nA-1,1\nA-2,x\nA-3,3\nA-4,4\n"},
      {Table::kOpportunities,
       "opportunity_id,account_id,type,created_at,closed_at,status\n"
       "O-1,A-2,new,2024-01-01,,open\nO-2,A-1,new,2024-02-01,2024-01-01,won\n"
       "O-3,A-3,new,2024-01-01,,open\n"},
      {Table::kOpportunityHistory,
       "opportunity_id,changed_at\nO-1,2024-01-02\nO-2,2024-01-02\nO-3,2024-01-03\n"
       "O-3,2024-01-04\n"},
      {Table::kUsage,
       "account_id,date,metric\nA-1,2024-01-01,login\nA-2,2024-01-01,login\nA-3,2024-01-02,x\n"},
  };
  auto one = Load(files, Quarantine(0.5, 1));
  auto many = Load(files, Quarantine(0.5, 8));
  ASSERT_TRUE(one.ok() && many.ok()) << one.status().message() << many.status().message();
  EXPECT_EQ(one->warnings, many->warnings);
  EXPECT_EQ(one->dataset.opportunity_history.size(), 3u);  // O-1 follows its account A-2
  EXPECT_EQ(one->dataset.usage.size(), many->dataset.usage.size());
  EXPECT_EQ(QualityOf(*one, Table::kOpportunityHistory).quarantined, 1);
}

}  // namespace
}  // namespace flywheel
