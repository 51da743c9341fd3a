// Snapshots: every import is kept; each loads back exactly as its CSV folder loads; the list,
// the diff between two, pruning, deal history derived from consecutive snapshots, and
// workspaces written before snapshots. Expected values are worked by hand from the CSV lines.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "workspace/workspace.h"
#include "workspace/workspace_test_util.h"

namespace flywheel {
namespace {

using namespace testing_ws;  // NOLINT: the tests' own helpers

// A2: data set A a week later. a2 got a headcount and a4 is new; contact c3 left; deal o2
// moved to negotiation at 4000; a1 logged in once more.
void WriteDatasetA2(const std::string& a, const std::string& dir) {
  fs::copy(a, dir, fs::copy_options::recursive);
  WriteFile(dir, "accounts.csv",
            "account_id,name,segment,industry,country,region,employees,annual_revenue,created_at,source,"
            "parent_account_id,attr_tier\n"
            "a1,Acme,fintech,banking,DE,emea,120,1234567.89,2023-01-05,inbound,,gold\n"
            "a2,\"Beta, Inc\",health,,US,na,45,0.1,2023-02-10,outbound,a1,\n"
            "a3,Gamma,,,,,,,,,,silver\n"
            "a4,Delta,retail,,FR,emea,,,2023-07-01,partner,,\n");
  WriteFile(dir, "contacts.csv",
            "contact_id,account_id,role,seniority,is_champion,is_decision_maker\n"
            "c1,a1,CFO,c_level,true,1\n"
            "c2,a2,,manager,no,\n");
  WriteFile(dir, "opportunities.csv",
            "opportunity_id,account_id,type,created_at,closed_at,status,amount,currency,stage,owner,"
            "lost_reason,program,expected_close,forecast_category\n"
            "o1,a1,new,2023-01-10,2023-02-01,won,12000.5,EUR,closed_won,ann,,launch,,closed\n"
            "o2,a2,expansion,2023-03-01,,open,4000,,negotiation,bob,,,2023-06-30,commit\n"
            "o3,a2,new,2023-01-15,2023-02-20,lost,,,closed_lost,bob,price,,,\n");
  WriteFile(dir, "usage.csv",
            "account_id,date,metric,value\n"
            "a1,2023-02-02,login,\n"
            "a1,2023-02-03,reports,17.25\n"
            "a1,2023-02-04,login,\n");
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteDatasetA(a_);
    WriteDatasetA2(a_, a2_);
    WriteDatasetB(b_);
  }
  void Import(const std::string& dir, const std::string& at) {
    ImportOptions options;
    options.imported_at = at;
    auto summary = ImportDataDirectory(dir, ws_, options);
    ASSERT_TRUE(summary.ok()) << summary.status().message();
  }
  void ExpectSnapshotHolds(int64_t snapshot, const std::string& dir) {
    SCOPED_TRACE("snapshot " + std::to_string(snapshot));
    auto csv = LoadDataDirectory(dir);
    ASSERT_TRUE(csv.ok());
    auto loaded = LoadWorkspace(ws_, snapshot);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    EXPECT_EQ(loaded->snapshot.snapshot, snapshot);
    ExpectSameDataset(csv->dataset, loaded->data.dataset);
  }

  ScopedTempDir tmp_;
  std::string a_ = tmp_.Sub("data_a");
  std::string a2_ = tmp_.Sub("data_a2");
  std::string b_ = tmp_.Sub("data_b");
  std::string ws_ = tmp_.Sub("ws");
};

TEST_F(SnapshotTest, EverySnapshotLoadsAsItsFolder) {
  Import(a_, "2024-01-08T09:00:00Z");
  Import(a2_, "2024-01-15T09:00:00Z");
  Import(b_, "2024-01-22T09:00:00Z");
  for (int round = 0; round < 2; ++round) {  // in any order
    ExpectSnapshotHolds(3, b_);
    ExpectSnapshotHolds(1, a_);
    ExpectSnapshotHolds(2, a2_);
  }
  auto first = LoadWorkspace(ws_, 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->settings_toml, kSettingsA);
  auto latest = LoadWorkspace(ws_);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->snapshot.snapshot, 3);
  EXPECT_EQ(latest->settings_toml, "");
  // An older snapshot keeps only what differs from the next: snapshot 1 stores as they are
  // the account a2 (its headcount changed in snapshot 2) and the contact c3 (gone from 2).
  EXPECT_EQ(
      Query(ws_,
            "SELECT table_name || ':' || rows || ':' || literal_rows FROM data_tables WHERE snapshot = 1 "
            "AND table_name IN ('accounts', 'contacts', 'usage') ORDER BY table_name"),
      (std::vector<std::string>{"accounts:3:1", "contacts:3:1", "usage:2:0"}));
}

TEST_F(SnapshotTest, ListsSnapshotsWithTimeSourceAndRows) {
  Import(a_, "2024-01-08T09:00:00Z");
  Import(b_, "2024-01-15");
  auto records = ListSnapshots(ws_);
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].snapshot, 1);
  EXPECT_EQ((*records)[0].imported_at, "2024-01-08T09:00:00Z");
  EXPECT_EQ((*records)[0].source, fs::absolute(a_).lexically_normal().string());
  EXPECT_EQ((*records)[0].rows.size(), 14u);
  EXPECT_EQ((*records)[0].rows[5], (std::pair<Table, int64_t>(Table::kSubscriptions, 4)));
  EXPECT_EQ((*records)[1].imported_at, "2024-01-15T00:00:00Z");
  EXPECT_EQ((*records)[1].rows,
            (std::vector<std::pair<Table, int64_t>>{{Table::kAccounts, 2}, {Table::kSubscriptions, 2}}));
}

TEST_F(SnapshotTest, DiffListsAddedRemovedAndChangedRows) {
  Import(a_, "2024-01-08T09:00:00Z");
  Import(a2_, "2024-01-15T09:00:00Z");
  auto changes = DiffSnapshots(ws_, 0, 0);  // the two latest
  ASSERT_TRUE(changes.ok()) << changes.status().message();
  EXPECT_EQ(changes->from.snapshot, 1);
  EXPECT_EQ(changes->to.snapshot, 2);
  ASSERT_EQ(changes->tables.size(), 14u);
  const TableChanges& accounts = changes->tables[0];
  EXPECT_EQ(accounts.added, 1);
  EXPECT_EQ(accounts.removed, 0);
  EXPECT_EQ(accounts.changed, 1);
  ASSERT_EQ(accounts.rows.size(), 2u);
  EXPECT_EQ(accounts.rows[0].kind, RowChangeKind::kAdded);
  EXPECT_EQ(accounts.rows[0].key, "a4");
  EXPECT_EQ(accounts.rows[1].kind, RowChangeKind::kChanged);
  EXPECT_EQ(accounts.rows[1].key, "a2");
  ASSERT_EQ(accounts.rows[1].columns.size(), 1u);
  EXPECT_EQ(accounts.rows[1].columns[0].column, "employees");
  EXPECT_EQ(accounts.rows[1].columns[0].before, "");
  EXPECT_EQ(accounts.rows[1].columns[0].after, "45");

  const TableChanges& contacts = changes->tables[1];
  ASSERT_EQ(contacts.rows.size(), 1u);
  EXPECT_EQ(contacts.rows[0].kind, RowChangeKind::kRemoved);
  EXPECT_EQ(contacts.rows[0].key, "c3");

  const TableChanges& deals = changes->tables[3];
  ASSERT_EQ(deals.rows.size(), 1u);
  EXPECT_EQ(deals.rows[0].key, "o2");
  ASSERT_EQ(deals.rows[0].columns.size(), 2u);
  EXPECT_EQ(deals.rows[0].columns[0].column, "amount");
  EXPECT_EQ(deals.rows[0].columns[0].before, "3333.3333");
  EXPECT_EQ(deals.rows[0].columns[0].after, "4000");
  EXPECT_EQ(deals.rows[0].columns[1].column, "stage");
  EXPECT_EQ(deals.rows[0].columns[1].before, "proposal");
  EXPECT_EQ(deals.rows[0].columns[1].after, "negotiation");

  const TableChanges& usage = changes->tables[6];
  ASSERT_EQ(usage.rows.size(), 1u);
  EXPECT_EQ(usage.rows[0].kind, RowChangeKind::kAdded);
  EXPECT_EQ(usage.rows[0].key, "account_id=a1, date=2023-02-04, metric=login, value=1");
  for (int t : {2, 4, 5, 7, 8, 9, 10, 11, 12, 13}) EXPECT_TRUE(changes->tables[t].rows.empty()) << t;
}

TEST_F(SnapshotTest, PruneKeepsTheLatest) {
  Import(a_, "2024-01-08T09:00:00Z");
  Import(a2_, "2024-01-15T09:00:00Z");
  Import(b_, "2024-01-22T09:00:00Z");
  Import(a_, "2024-01-29T09:00:00Z");
  auto removed = PruneSnapshots(ws_, 2);
  ASSERT_TRUE(removed.ok()) << removed.status().message();
  EXPECT_EQ(*removed, (std::vector<int64_t>{1, 2}));
  ExpectSnapshotHolds(3, b_);
  ExpectSnapshotHolds(4, a_);
  auto gone = LoadWorkspace(ws_, 2);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(gone.status().message(), ws_ + "/: no snapshot 2 (snapshots 3 to 4)");
  EXPECT_EQ(Query(ws_, "SELECT count(*) FROM data_chunks WHERE snapshot < 3"),
            (std::vector<std::string>{"0"}));
  auto again = PruneSnapshots(ws_, 5);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  Import(a2_, "2024-02-05T09:00:00Z");  // numbers go on from the latest
  ExpectSnapshotHolds(5, a2_);
  ExpectSnapshotHolds(3, b_);
}

TEST_F(SnapshotTest, ImportsAreKeptInTimeOrder) {
  Import(a_, "2024-01-08T09:00:00Z");
  ImportOptions options;
  options.imported_at = "2024-01-01T00:00:00Z";
  auto late = ImportDataDirectory(b_, ws_, options);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().message(),
            ws_ +
                "/workspace.db: the import time 2024-01-01T00:00:00Z is before that of snapshot 1 "
                "(2024-01-08T09:00:00Z); snapshots are kept in time order (set the time with --imported-at)");
  ExpectSnapshotHolds(1, a_);
}

TEST_F(SnapshotTest, ImportTimeIsADateOrAUtcTime) {
  EXPECT_EQ(*ParseImportTime("2025-03-01"), "2025-03-01T00:00:00Z");
  EXPECT_EQ(*ParseImportTime("2025-03-01T17:45:09Z"), "2025-03-01T17:45:09Z");
  for (const char* bad : {"2025-02-30", "2025-03-01T24:00:00Z", "2025-03-01 17:45:09",
                          "2025-03-01T17:45:09+01:00", "March 1"}) {
    auto parsed = ParseImportTime(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().message(),
              std::string(bad) + " is not a date or time (expected YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)");
  }
}

TEST_F(SnapshotTest, SnapshotThatDoesNotExist) {
  Import(a_, "2024-01-08T09:00:00Z");
  auto loaded = LoadWorkspace(ws_, 4);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(), ws_ + "/: no snapshot 4 (snapshot 1)");
  auto diff = DiffSnapshots(ws_, 0, 0);
  ASSERT_FALSE(diff.ok());
  EXPECT_EQ(diff.status().message(), ws_ + "/: there is no snapshot before snapshot 1 to compare it with");
}

// Deals from plain weekly exports (no opportunity_history.csv): D1, D2 a week later (O1
// moved to proposal, O2 was won, O4 is new), D3 a week after that (O1 now at 1200).
class DerivedHistoryTest : public SnapshotTest {
 protected:
  void WriteDeals(const std::string& dir, const std::string& deals) {
    WriteFile(dir, "accounts.csv", "account_id,name\nA1,Acme\nA2,Beta\n");
    WriteFile(
        dir, "opportunities.csv",
        "opportunity_id,account_id,type,created_at,closed_at,status,amount,stage,expected_close\n" + deals);
  }
  void SetUp() override {
    SnapshotTest::SetUp();
    WriteDeals(d1_,
               "O1,A1,new,2023-12-01,,open,1000,discovery,2024-03-31\n"
               "O2,A2,new,2023-12-15,,open,5000,proposal,2024-02-29\n"
               "O3,A1,new,2024-01-02,,open,700,discovery,2024-04-30\n");
    WriteDeals(d2_,
               "O1,A1,new,2023-12-01,,open,1000,proposal,2024-03-31\n"
               "O2,A2,new,2023-12-15,2024-01-12,won,5000,closed_won,2024-02-29\n"
               "O3,A1,new,2024-01-02,,open,700,discovery,2024-04-30\n"
               "O4,A2,expansion,2024-01-10,,open,300,discovery,2024-05-31\n");
    WriteDeals(d3_,
               "O1,A1,new,2023-12-01,,open,1200,proposal,2024-03-31\n"
               "O2,A2,new,2023-12-15,2024-01-12,won,5000,closed_won,2024-02-29\n"
               "O3,A1,new,2024-01-02,,open,700,discovery,2024-04-30\n"
               "O4,A2,expansion,2024-01-10,,open,300,discovery,2024-05-31\n");
  }
  // History rows of the latest snapshot as the opportunity_history view shows them, with
  // where each came from (its column `source`).
  std::vector<std::string> HistoryRows() {
    return Query(ws_,
                 "SELECT opportunity_id || ',' || changed_at || ',' || coalesce(stage, '') || ',' || "
                 "coalesce(status, '') || ',' || coalesce(amount, '') || ',' || coalesce(expected_close, '') "
                 "|| ',' || source FROM opportunity_history");
  }
  std::string d1_ = tmp_.Sub("d1"), d2_ = tmp_.Sub("d2"), d3_ = tmp_.Sub("d3");
};

TEST_F(DerivedHistoryTest, StageMovesAndClosesBecomeHistoryRows) {
  ImportOptions options;
  options.imported_at = "2024-01-08T09:00:00Z";
  auto first = ImportDataDirectory(d1_, ws_, options);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->derived_history_rows, -1);  // nothing to compare with yet
  EXPECT_EQ(Query(ws_, "SELECT count(*) FROM sqlite_master WHERE name = 'opportunity_history'"),
            (std::vector<std::string>{"0"}));

  options.imported_at = "2024-01-15T09:00:00Z";
  auto second = ImportDataDirectory(d2_, ws_, options);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->derived_history_rows, 4);
  // O1 moved stage: its earlier values from its creation, the new stage at the import. O2 was
  // won: the same, its new stage and status at the import (its own row dates the close,
  // 2024-01-12, for the days before). O3 did not change; O4 is new.
  EXPECT_EQ(HistoryRows(), (std::vector<std::string>{"O1,2023-12-01,discovery,,1000.0,2024-03-31,snapshot",
                                                     "O1,2024-01-15,proposal,,,,snapshot",
                                                     "O2,2023-12-15,proposal,,5000.0,2024-02-29,snapshot",
                                                     "O2,2024-01-15,closed_won,won,,,snapshot"}));

  options.imported_at = "2024-01-22T09:00:00Z";
  auto third = ImportDataDirectory(d3_, ws_, options);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->derived_history_rows, 5);
  EXPECT_EQ(HistoryRows(),
            (std::vector<std::string>{
                "O1,2023-12-01,discovery,,1000.0,2024-03-31,snapshot", "O1,2024-01-15,proposal,,,,snapshot",
                "O2,2023-12-15,proposal,,5000.0,2024-02-29,snapshot",
                "O2,2024-01-15,closed_won,won,,,snapshot", "O1,2024-01-22,,,1200.0,,snapshot"}));
  EXPECT_EQ(Query(ws_, "SELECT derived_history_from FROM data_snapshots ORDER BY snapshot"),
            (std::vector<std::string>{"NULL", "0", "0"}));
  // The snapshot before keeps its own history.
  auto second_again = LoadWorkspace(ws_, 2);
  ASSERT_TRUE(second_again.ok());
  EXPECT_EQ(second_again->data.dataset.opportunity_history.size(), 4u);
  // The export's history date does not move the data set's default as-of date.
  EXPECT_EQ(FormatDate(second_again->data.dataset.latest_event_date), "2024-01-12");
}

TEST_F(DerivedHistoryTest, AnExportedHistoryWins) {
  Import(d1_, "2024-01-08T09:00:00Z");
  WriteFile(d2_, "opportunity_history.csv", "opportunity_id,changed_at,stage\nO1,2024-01-11,proposal\n");
  ImportOptions options;
  options.imported_at = "2024-01-15T09:00:00Z";
  auto second = ImportDataDirectory(d2_, ws_, options);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->derived_history_rows, -1);
  EXPECT_EQ(HistoryRows(), (std::vector<std::string>{"O1,2024-01-11,proposal,,,,export"}));
  // The next plain export keeps that row and adds the change since (O1's amount).
  options.imported_at = "2024-01-22T09:00:00Z";
  auto third = ImportDataDirectory(d3_, ws_, options);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->derived_history_rows, 1);
  EXPECT_EQ(HistoryRows(), (std::vector<std::string>{"O1,2024-01-11,proposal,,,,export",
                                                     "O1,2024-01-22,,,1200.0,,snapshot"}));
  EXPECT_EQ(Query(ws_, "SELECT coalesce(derived_history_from, 'NULL') FROM data_snapshots ORDER BY snapshot"),
            (std::vector<std::string>{"NULL", "NULL", "1"}));
}

// A workspace written before snapshots (format 1: a row table per canonical table).
void WriteFormatOneWorkspace(const std::string& ws) {
  fs::create_directories(ws);
  Exec(ws,
       "CREATE TABLE accounts (account_id TEXT, name TEXT, segment TEXT);"
       "INSERT INTO accounts VALUES ('b1', 'Delta', 'retail'), ('b2', 'Epsilon', 'retail');"
       "CREATE TABLE subscriptions (subscription_id TEXT, account_id TEXT, start_date TEXT, end_date TEXT, "
       "amount REAL);"
       "INSERT INTO subscriptions VALUES ('sb1', 'b1', '2022-01-01', NULL, 100.0), "
       "('sb2', 'b2', '2022-06-01', '2023-01-01', 250.5);"
       "CREATE TABLE workspace_meta (key TEXT PRIMARY KEY, value TEXT);"
       "INSERT INTO workspace_meta VALUES ('imported_at', '2024-05-01T10:00:00Z'), ('source_dir', "
       "'/exports/b'), "
       "('rows.accounts', '2'), ('rows.subscriptions', '2'), ('programs.version', '3');"
       "CREATE TABLE score_snapshots (account_id TEXT, score REAL);"
       "PRAGMA user_version = 1;");
}

TEST_F(SnapshotTest, FormatOneWorkspaceIsReadAndKeptAsSnapshotOne) {
  WriteFormatOneWorkspace(ws_);
  ExpectWorkspaceHolds(ws_, b_);
  auto records = ListSnapshots(ws_);
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].imported_at, "2024-05-01T10:00:00Z");
  EXPECT_EQ((*records)[0].source, "/exports/b");

  Import(a_, "2024-05-08T10:00:00Z");
  EXPECT_EQ(Query(ws_, "PRAGMA user_version"), (std::vector<std::string>{"2"}));
  ExpectSnapshotHolds(1, b_);
  ExpectSnapshotHolds(2, a_);
  EXPECT_EQ(Query(ws_, "SELECT type FROM sqlite_master WHERE name = 'accounts'"),
            (std::vector<std::string>{"view"}));
  // The format-1 import's keys are gone; the programs' key stays, and the import token of the
  // quarantine folder (quarantine_files.h) is the new import's.
  EXPECT_EQ(Query(ws_, "SELECT key FROM workspace_meta ORDER BY key"),
            (std::vector<std::string>{"import_token", "programs.version"}));
  EXPECT_EQ(Query(ws_, "SELECT count(*) FROM score_snapshots"), (std::vector<std::string>{"0"}));
}

}  // namespace
}  // namespace flywheel
