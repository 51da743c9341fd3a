#include "workspace/workspace.h"

#include "workspace/column_chunks.h"
#include "workspace/workspace_test_util.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bit>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace flywheel {
namespace {

using namespace testing_ws;  // NOLINT: the tests' own helpers

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteDatasetA(a_);
    WriteDatasetB(b_);
  }
  ScopedTempDir tmp_;
  std::string a_ = tmp_.Sub("data_a");
  std::string b_ = tmp_.Sub("data_b");
  std::string ws_ = tmp_.Sub("ws");
};

TEST_F(WorkspaceTest, ImportThenLoadEqualsCsvLoad) {
  auto summary = ImportDataDirectory(a_, ws_);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(summary->row_counts.size(), 14u);
  EXPECT_EQ(summary->row_counts[0], (std::pair<std::string, int64_t>("accounts", 3)));
  EXPECT_EQ(summary->row_counts[5], (std::pair<std::string, int64_t>("subscriptions", 4)));
  ExpectWorkspaceHolds(ws_, a_);
  auto loaded = LoadWorkspace(ws_);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->settings_toml, kSettingsA);
}

TEST_F(WorkspaceTest, TinyFixtureRoundTrips) {
  const std::string tiny = FixtureDir("tiny");
  ASSERT_TRUE(fs::exists(tiny + "/accounts.csv")) << tiny;
  auto summary = ImportDataDirectory(tiny, ws_);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ExpectWorkspaceHolds(ws_, tiny);
}

TEST_F(WorkspaceTest, StoresColumnChunksAndReadableViews) {
  ASSERT_TRUE(ImportDataDirectory(a_, ws_).ok());
  // The canonical tables read as views with the data model's columns and types.
  EXPECT_EQ(Query(ws_,
                  "SELECT typeof(amount) || ':' || amount || ':' || billing_period || ':' || "
                  "coalesce(end_date, 'NULL') FROM subscriptions"),
            (std::vector<std::string>{"real:1000.1:month:2024-02-01", "real:12000.0:year:NULL",
                                      "real:299.99:quarter:NULL", "real:5000.0:month:2023-04-01"}));
  EXPECT_EQ(Query(ws_, "SELECT typeof(is_champion) || ':' || coalesce(is_champion, 'NULL') FROM contacts"),
            (std::vector<std::string>{"integer:1", "integer:0", "null:NULL"}));
  EXPECT_EQ(Query(ws_, "SELECT month || ':' || category FROM spend"),
            (std::vector<std::string>{"2023-01:marketing", "2023-01:g_and_a"}));
  EXPECT_EQ(Query(ws_, "SELECT coalesce(contact_id, 'NULL') FROM nps"),
            (std::vector<std::string>{"c1", "NULL"}));
  EXPECT_EQ(Query(ws_,
                  "SELECT coalesce(parent_account_id, 'NULL') || ':' || coalesce(attr_tier, 'NULL') "
                  "FROM accounts"),
            (std::vector<std::string>{"NULL:gold", "a1:NULL", "NULL:silver"}));
  EXPECT_EQ(Query(ws_, "SELECT type FROM sqlite_master WHERE name = 'accounts'"),
            (std::vector<std::string>{"view"}));
  // The stored form: format 2, one snapshot, its tables and their column chunks.
  EXPECT_EQ(Query(ws_, "PRAGMA user_version"), (std::vector<std::string>{"2"}));
  EXPECT_EQ(Query(ws_, "SELECT snapshot || ':' || source FROM data_snapshots"),
            (std::vector<std::string>{"1:" + fs::absolute(a_).lexically_normal().string()}));
  EXPECT_EQ(Query(ws_, "SELECT rows FROM data_tables WHERE table_name = 'subscriptions'"),
            (std::vector<std::string>{"4"}));
  EXPECT_EQ(Query(ws_,
                  "SELECT rows || ':' || width FROM data_columns WHERE table_name = 'subscriptions' AND "
                  "column_name = 'amount'"),
            (std::vector<std::string>{"4:8"}));
  EXPECT_EQ(Query(ws_,
                  "SELECT length(data) FROM data_chunks WHERE table_name = 'subscriptions' AND "
                  "column_name = 'amount'"),
            (std::vector<std::string>{"32"}));
  EXPECT_EQ(Query(ws_, "PRAGMA page_size"), (std::vector<std::string>{"65536"}));
  EXPECT_EQ(Query(ws_, "PRAGMA journal_mode"), (std::vector<std::string>{"wal"}));
}

TEST_F(WorkspaceTest, MissingWorkspaceIsNotFound) {
  auto loaded = LoadWorkspace(tmp_.Sub("nowhere"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(loaded.status().message(), "workspace " + tmp_.Sub("nowhere") +
                                           " does not exist (create it with: flywheel import DATA_DIR "
                                           "--workspace " +
                                           tmp_.Sub("nowhere") + ")");
  EXPECT_FALSE(fs::exists(tmp_.Sub("nowhere")));
}

TEST_F(WorkspaceTest, NewerFormatVersionIsRefused) {
  ASSERT_TRUE(ImportDataDirectory(b_, ws_).ok());
  Exec(ws_, "PRAGMA user_version = 7");
  auto loaded = LoadWorkspace(ws_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(
      loaded.status().message(),
      ws_ +
          "/workspace.db: the workspace has format version 7, newer than this flywheel understands (2); "
          "use a newer flywheel");
  auto again = ImportDataDirectory(a_, ws_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(), loaded.status().message());
}

TEST_F(WorkspaceTest, ReimportMakesTheNextSnapshotTheLatest) {
  ASSERT_TRUE(ImportDataDirectory(a_, ws_).ok());
  auto summary = ImportDataDirectory(b_, ws_);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->snapshot, 2);
  ExpectWorkspaceHolds(ws_, b_);
  auto loaded = LoadWorkspace(ws_);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->snapshot.snapshot, 2);
  EXPECT_FALSE(loaded->data.dataset.Has(Table::kContacts));
  EXPECT_EQ(loaded->data.dataset.accounts.id, (StringColumn{"b1", "b2"}));
  EXPECT_EQ(loaded->settings_toml, "");
  // The views show the latest snapshot: no contacts view, as B has no contacts.csv.
  EXPECT_EQ(Query(ws_, "SELECT count(*) FROM sqlite_master WHERE name = 'contacts'"),
            (std::vector<std::string>{"0"}));
  EXPECT_EQ(Query(ws_, "SELECT table_name FROM data_tables WHERE snapshot = 2 ORDER BY table_name"),
            (std::vector<std::string>{"accounts", "subscriptions"}));
  // The first snapshot is still there, whole, with its settings.
  auto first = LoadWorkspace(ws_, 1);
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto csv = LoadDataDirectory(a_);
  ASSERT_TRUE(csv.ok());
  ExpectSameDataset(csv->dataset, first->data.dataset);
  EXPECT_EQ(first->settings_toml, kSettingsA);
}

TEST_F(WorkspaceTest, BadDataLeavesPreviousContents) {
  ASSERT_TRUE(ImportDataDirectory(a_, ws_).ok());
  std::string bad = tmp_.Sub("data_bad");
  WriteDatasetB(bad);
  WriteFile(bad, "subscriptions.csv",
            "subscription_id,account_id,start_date,amount\n"
            "sb1,b1,2022-13-01,100\n");
  auto failed = ImportDataDirectory(bad, ws_);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kBadData);
  EXPECT_EQ(failed.status().message(),
            LoadDataDirectory(bad, LoadOptionsFor(Settings(), false)).status().message());
  ExpectWorkspaceHolds(ws_, a_);
}

TEST_F(WorkspaceTest, BadDataCreatesNoWorkspace) {
  std::string missing = tmp_.Sub("no_data");
  auto failed = ImportDataDirectory(missing, ws_);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(ws_));
}

// The pieces an import writes: the snapshot's row, then each table's row, each column's row
// and each of its chunks (and the dictionary's).
int64_t StoredPieces(const std::string& ws) {
  int64_t n = 0;
  for (const char* table : {"data_snapshots", "data_tables", "data_columns", "data_chunks"}) {
    n += std::stoll(Query(ws, std::string("SELECT count(*) FROM ") + table)[0]);
  }
  return n;
}

// The number of pieces an import of `data_dir` writes into a copy of the workspace `ws`
// (or into a new workspace when `ws` does not exist).
int64_t PiecesOfImport(const std::string& data_dir, const std::string& ws, const std::string& scratch) {
  std::error_code ec;
  fs::remove_all(scratch, ec);
  if (fs::exists(ws)) fs::copy(ws, scratch, fs::copy_options::recursive);
  int64_t calls = 0;
  ImportOptions options;
  options.before_write = [&calls](int64_t) {
    ++calls;
    return Status::Ok();
  };
  EXPECT_TRUE(ImportDataDirectory(data_dir, scratch, options).ok());
  fs::remove_all(scratch, ec);
  return calls;
}

TEST_F(WorkspaceTest, HookSeesEveryPiece) {
  std::vector<int64_t> seen;
  ImportOptions options;
  options.before_write = [&seen](int64_t n) {
    seen.push_back(n);
    return Status::Ok();
  };
  ASSERT_TRUE(ImportDataDirectory(a_, ws_, options).ok());
  ASSERT_EQ(static_cast<int64_t>(seen.size()), StoredPieces(ws_));
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], static_cast<int64_t>(i));
}

TEST_F(WorkspaceTest, FailedWriteLeavesPreviousContents) {
  ASSERT_TRUE(ImportDataDirectory(b_, ws_).ok());
  const int64_t pieces = PiecesOfImport(a_, ws_, tmp_.Sub("scratch"));
  ASSERT_GT(pieces, 100);
  for (int64_t fail_at : {int64_t{0}, int64_t{1}, int64_t{4}, int64_t{13}, pieces / 2, pieces - 1}) {
    SCOPED_TRACE(fail_at);
    ImportOptions options;
    options.before_write = [fail_at](int64_t n) {
      return n == fail_at ? Status::Io("disk full (injected)") : Status::Ok();
    };
    auto failed = ImportDataDirectory(a_, ws_, options);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.status().code(), StatusCode::kIo);
    EXPECT_EQ(failed.status().message(), "disk full (injected)");
    ExpectWorkspaceHolds(ws_, b_);
    auto loaded = LoadWorkspace(ws_);
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded->snapshot.snapshot, 1);
    EXPECT_EQ(loaded->settings_toml, "");
    EXPECT_EQ(Query(ws_, "SELECT count(*) FROM data_snapshots"), (std::vector<std::string>{"1"}));
    EXPECT_FALSE(fs::exists(ws_ + "/workspace.db-journal"));
  }
}

// The first import of a workspace writes with a rollback journal: a failure leaves a
// database without a data set.
TEST_F(WorkspaceTest, FailedFirstImportLeavesNoDataSet) {
  ImportOptions options;
  options.before_write = [](int64_t n) {
    return n == 20 ? Status::Io("disk full (injected)") : Status::Ok();
  };
  ASSERT_FALSE(ImportDataDirectory(a_, ws_, options).ok());
  auto loaded = LoadWorkspace(ws_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(ImportDataDirectory(a_, ws_).ok());
  ExpectWorkspaceHolds(ws_, a_);
  EXPECT_EQ(Query(ws_, "PRAGMA page_size"), (std::vector<std::string>{"65536"}));
}

TEST_F(WorkspaceTest, OtherTablesSurviveReimport) {
  ASSERT_TRUE(ImportDataDirectory(a_, ws_).ok());
  Exec(ws_,
       "CREATE TABLE score_snapshots (account_id TEXT, score REAL);"
       "INSERT INTO score_snapshots VALUES ('a1', 0.75);"
       "INSERT INTO workspace_meta (key, value) VALUES ('programs.version', '3');");
  ASSERT_TRUE(ImportDataDirectory(b_, ws_).ok());
  EXPECT_EQ(Query(ws_, "SELECT account_id || ':' || score FROM score_snapshots"),
            (std::vector<std::string>{"a1:0.75"}));
  EXPECT_EQ(Query(ws_, "SELECT value FROM workspace_meta WHERE key = 'programs.version'"),
            (std::vector<std::string>{"3"}));
  ExpectWorkspaceHolds(ws_, b_);
}

// An accounts table of `n` rows of about 250 bytes: more than SQLite's page cache holds.
void WriteBigAccounts(const std::string& dir, int n) {
  std::string csv = "account_id,name\n";
  const std::string filler(240, 'x');
  for (int i = 0; i < n; ++i) csv += "big" + std::to_string(i) + "," + filler + "\n";
  WriteFile(dir, "accounts.csv", csv);
}

// Forks a child that imports `data_dir` into `ws` and is killed (SIGKILL) just before
// writing piece `kill_at`.
void ImportKilledAtPiece(const std::string& data_dir, const std::string& ws, int64_t kill_at) {
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ImportOptions options;
    options.before_write = [kill_at](int64_t n) {
      if (n == kill_at) kill(getpid(), SIGKILL);
      return Status::Ok();
    };
    (void)ImportDataDirectory(data_dir, ws, options);
    _exit(0);  // not reached: the hook kills the process first
  }
  int wstatus = 0;
  ASSERT_EQ(waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFSIGNALED(wstatus));
  EXPECT_EQ(WTERMSIG(wstatus), SIGKILL);
}

TEST_F(WorkspaceTest, KillDuringImportLeavesPreviousContents) {
  ASSERT_TRUE(ImportDataDirectory(b_, ws_).ok());
  const int64_t pieces = PiecesOfImport(a_, ws_, tmp_.Sub("scratch"));
  for (int64_t kill_at : {int64_t{0}, int64_t{7}, pieces / 2, pieces - 1}) {
    SCOPED_TRACE(kill_at);
    ImportKilledAtPiece(a_, ws_, kill_at);
    ExpectWorkspaceHolds(ws_, b_);
    EXPECT_EQ(Query(ws_, "SELECT count(*) FROM data_snapshots"), (std::vector<std::string>{"1"}));
    EXPECT_EQ(Query(ws_, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
  }
}

// The first import of a new workspace, killed: the rollback journal takes the database back
// to nothing, and the next import works.
TEST_F(WorkspaceTest, KillDuringFirstImportLeavesNoDataSet) {
  const int64_t pieces = PiecesOfImport(a_, ws_, tmp_.Sub("scratch"));
  ImportKilledAtPiece(a_, ws_, pieces - 1);
  auto loaded = LoadWorkspace(ws_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(ImportDataDirectory(a_, ws_).ok());
  ExpectWorkspaceHolds(ws_, a_);
  EXPECT_EQ(Query(ws_, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
}

// More data than SQLite's page cache holds: the killed import has already written the new
// pages to the disk (into the write-ahead log, never into workspace.db before a commit);
// the next open discards the uncommitted log and the previous contents are intact.
TEST_F(WorkspaceTest, KillAfterPagesReachedTheDiskRollsBack) {
  const int kAccounts = 40000;
  std::string big = tmp_.Sub("data_big");
  WriteBigAccounts(big, kAccounts);

  ASSERT_TRUE(ImportDataDirectory(b_, ws_).ok());
  const std::string db = ws_ + "/workspace.db";
  const auto size_before = fs::file_size(db);
  ImportKilledAtPiece(big, ws_, PiecesOfImport(big, ws_, tmp_.Sub("scratch")) - 1);
  ASSERT_TRUE(fs::exists(db + "-wal"));
  EXPECT_GT(fs::file_size(db + "-wal"), size_before);  // the new rows had reached the disk
  EXPECT_EQ(fs::file_size(db), size_before);
  ExpectWorkspaceHolds(ws_, b_);
  EXPECT_EQ(Query(ws_, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
  ASSERT_TRUE(ImportDataDirectory(a_, ws_).ok());  // and the next import works
  ExpectWorkspaceHolds(ws_, a_);
}

// A workspace written in rollback-journal mode and left with a hot journal by a killed
// import: loading it rolls the journal back, and the next import moves it to the log.
TEST_F(WorkspaceTest, HotRollbackJournalOfAnOlderWorkspaceRollsBack) {
  const int kAccounts = 40000;
  std::string big = tmp_.Sub("data_big");
  WriteBigAccounts(big, kAccounts);
  ASSERT_TRUE(ImportDataDirectory(b_, ws_).ok());
  Exec(ws_, "PRAGMA journal_mode = DELETE");
  const std::string db = ws_ + "/workspace.db";
  // An import of the old kind: rollback journal, killed after its pages reached the file.
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    sqlite3_exec(h, "PRAGMA cache_size = 10; BEGIN IMMEDIATE; DELETE FROM data_chunks;", nullptr, nullptr,
                 nullptr);
    sqlite3_exec(
        h,
        "CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
        "WHERE i < 20000) INSERT INTO filler SELECT printf('%0240d', i) FROM n;",
        nullptr, nullptr, nullptr);
    kill(getpid(), SIGKILL);
  }
  int wstatus = 0;
  ASSERT_EQ(waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFSIGNALED(wstatus));
  ASSERT_TRUE(fs::exists(db + "-journal"));
  ExpectWorkspaceHolds(ws_, b_);
  EXPECT_FALSE(fs::exists(db + "-journal"));
  ASSERT_TRUE(ImportDataDirectory(a_, ws_).ok());
  EXPECT_EQ(Query(ws_, "PRAGMA journal_mode"), (std::vector<std::string>{"wal"}));
  ExpectWorkspaceHolds(ws_, a_);
}

// Readers during an import see the data set before it, at once and without error, and the
// new one after its commit.
TEST_F(WorkspaceTest, ReadersDuringAnImportSeeThePreviousDataSet) {
  const int kAccounts = 40000;
  std::string big = tmp_.Sub("data_big");
  WriteBigAccounts(big, kAccounts);
  ASSERT_TRUE(ImportDataDirectory(b_, ws_).ok());
  const int64_t pieces = PiecesOfImport(big, ws_, tmp_.Sub("scratch"));

  // The child imports and, after most pieces are written, tells the parent and waits for it.
  int to_parent[2], to_child[2];
  ASSERT_EQ(pipe(to_parent), 0);
  ASSERT_EQ(pipe(to_child), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ImportOptions options;
    options.before_write = [&](int64_t n) {
      if (n == pieces - 10) {
        char c = 'w';
        if (write(to_parent[1], &c, 1) != 1 || read(to_child[0], &c, 1) != 1) _exit(3);
      }
      return Status::Ok();
    };
    _exit(ImportDataDirectory(big, ws_, options).ok() ? 0 : 1);
  }
  char c = 0;
  ASSERT_EQ(read(to_parent[0], &c, 1), 1);
  // The import holds the write lock with tens of thousands of rows written.
  for (int i = 0; i < 3; ++i) ExpectWorkspaceHolds(ws_, b_);
  c = 'g';
  ASSERT_EQ(write(to_child[1], &c, 1), 1);
  int wstatus = 0;
  ASSERT_EQ(waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFEXITED(wstatus));
  ASSERT_EQ(WEXITSTATUS(wstatus), 0);
  auto loaded = LoadWorkspace(ws_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->data.dataset.accounts.size(), static_cast<size_t>(kAccounts));
  for (int fd : {to_parent[0], to_parent[1], to_child[0], to_child[1]}) close(fd);
}

// Stored data changed by anything but an import (a damaged disk, an edit by hand) is found by
// the chunk's checksum, and the message names the snapshot, table, column and chunk.
TEST_F(WorkspaceTest, DamagedChunkIsReported) {
  ASSERT_TRUE(ImportDataDirectory(b_, ws_).ok());
  Exec(ws_,
       "UPDATE data_chunks SET data = zeroblob(length(data)) WHERE table_name = 'subscriptions' AND "
       "column_name = 'start_date'");
  auto loaded = LoadWorkspace(ws_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kBadData);
  EXPECT_EQ(
      loaded.status().message(),
      ws_ +
          "/workspace.db: snapshot 1: subscriptions.start_date: chunk 0 is damaged (its checksum does not "
          "match); import the data set again");
}

// A reference out of its table's range is refused even with a matching checksum.
TEST_F(WorkspaceTest, ReferenceOutOfRangeIsReported) {
  ASSERT_TRUE(ImportDataDirectory(b_, ws_).ok());
  // account row 7 of 2, little-endian, with the checksum recomputed as an import would.
  Exec(ws_,
       "UPDATE data_chunks SET data = X'0700000001000000' WHERE table_name = 'subscriptions' AND "
       "column_name = 'account_id'");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((fs::path(ws_) / "workspace.db").c_str(), &db), SQLITE_OK);
  const char bytes[8] = {7, 0, 0, 0, 1, 0, 0, 0};
  const std::string sql =
      "UPDATE data_chunks SET checksum = " +
      std::to_string(static_cast<int64_t>(ChunkChecksum(std::span<const char>(bytes, 8)))) +
      " WHERE table_name = 'subscriptions' AND column_name = 'account_id'";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto loaded = LoadWorkspace(ws_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(),
            ws_ +
                "/workspace.db: snapshot 1: subscriptions: account_id: a value is out "
                "of range; import the data set again");
}

TEST_F(WorkspaceTest, WorkspaceFolderWithoutDataSetIsNotFound) {
  fs::create_directories(ws_);
  Exec(ws_, "CREATE TABLE score_snapshots (account_id TEXT)");
  auto loaded = LoadWorkspace(ws_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(loaded.status().message(), ws_ +
                                           "/workspace.db: the workspace holds no data set (import one with: "
                                           "flywheel import DATA_DIR --workspace " +
                                           ws_ + ")");
}

}  // namespace
}  // namespace flywheel
