// Score snapshots: round trip through a workspace database, trends, and class moves with
// the measures that moved the score.
#include "customers/score_snapshots.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "workspace/sqlite_db.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

AccountScore Score(const std::string& id, double score, const std::string& klass, double arr_points,
                   double nps_points) {
  AccountScore s;
  s.account_id = id;
  s.score = score;
  s.klass = klass;
  MeasureScore arr;
  arr.name = "arr";
  arr.raw = 1000;
  arr.points = arr_points;
  MeasureScore nps;
  nps.name = "nps";
  nps.raw = std::nan("");
  nps.points = nps_points;
  s.measures = {arr, nps};
  return s;
}

TEST(ScoreSnapshotsTest, RoundTripTrendAndMoves) {
  const fs::path ws = fs::temp_directory_path() / ("flywheel_snapshots_" + std::to_string(::getpid()));
  fs::create_directories(ws);
  {
    SqliteDb db;  // an existing workspace database with another table
    ASSERT_TRUE(db.Open((ws / "workspace.db").string(), SqliteDb::Mode::kReadWriteCreate, "ws").ok());
    ASSERT_TRUE(db.Exec("CREATE TABLE accounts(account_id TEXT)").ok());
  }
  const std::string dir = ws.string();
  auto none = ListScoreSnapshots(dir);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  const Day as_of = *ParseDate("2024-12-31");
  auto first = SaveScoreSnapshot(dir, "2025-01-01T00:00:00Z", as_of,
                                 {Score("A", 65, "good", 40, 25), Score("B", 45, "neutral", 30, 15),
                                  Score("C", std::nan(""), "unscored", 0, 0)});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(*first, 1);
  // A: 65 → 55 (good → neutral): arr points 40 → 38 (−2), nps 25 → 17 (−8).
  // B: 45 → 45.3 (flat, stays neutral). C: gone. D: new.
  auto second = SaveScoreSnapshot(dir, "2025-02-01T00:00:00Z", as_of + 31,
                                  {Score("A", 55, "neutral", 38, 17), Score("B", 45.3, "neutral", 30, 15.3),
                                   Score("D", 70, "good", 50, 20)});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 2);
  auto ids = ListScoreSnapshots(dir);
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<int64_t>{1, 2}));

  auto s1 = LoadScoreSnapshot(dir, 1);
  ASSERT_TRUE(s1.ok());
  EXPECT_EQ(s1->taken_at, "2025-01-01T00:00:00Z");
  EXPECT_EQ(s1->as_of, "2024-12-31");
  ASSERT_EQ(s1->accounts.size(), 3u);
  EXPECT_EQ(s1->accounts[0].account_id, "A");
  EXPECT_EQ(s1->accounts[0].score, 65);
  EXPECT_EQ(s1->accounts[0].points.at("nps"), 25);
  EXPECT_TRUE(std::isnan(s1->accounts[2].score));
  EXPECT_EQ(s1->accounts[2].klass, "unscored");
  auto s2 = LoadScoreSnapshot(dir, 2);
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->as_of, "2025-01-31");

  auto moves = ClassMoves(*s1, *s2);
  ASSERT_EQ(moves.size(), 3u);  // A moved, C gone, D new; B stayed
  EXPECT_EQ(moves[0].account_id, "A");
  EXPECT_EQ(moves[0].from_class, "good");
  EXPECT_EQ(moves[0].to_class, "neutral");
  ASSERT_EQ(moves[0].drivers.size(), 2u);
  EXPECT_EQ(moves[0].drivers[0].first, "nps");
  EXPECT_DOUBLE_EQ(moves[0].drivers[0].second, -8);
  EXPECT_DOUBLE_EQ(moves[0].drivers[1].second, -2);
  EXPECT_EQ(moves[1].account_id, "C");
  EXPECT_EQ(moves[1].to_class, "");
  EXPECT_EQ(moves[2].account_id, "D");
  EXPECT_EQ(moves[2].from_class, "");
  Report r = MovesReport(*s1, *s2, moves);
  EXPECT_EQ(std::get<std::string>(r.rows[0][6]), "nps -8.0, arr -2.0");

  EXPECT_EQ(ScoreTrend(65, true, 55), "down");
  EXPECT_EQ(ScoreTrend(45, true, 45.3), "flat");
  EXPECT_EQ(ScoreTrend(45, true, 45.5), "up");
  EXPECT_EQ(ScoreTrend(0, false, 70), "new");
  EXPECT_EQ(ScoreTrend(std::nan(""), true, 70), "new");
  EXPECT_EQ(ScoreTrend(70, true, std::nan("")), "unscored");

  EXPECT_EQ(LoadScoreSnapshot(dir, 9).status().message(), "no score snapshot 9 (snapshots: 1, 2)");
  fs::remove_all(ws);
}

std::string FileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A workspace database with one other table, as `flywheel import` leaves it.
class SnapshotFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = fs::temp_directory_path() / ("flywheel_snapshot_fault_" + std::to_string(::getpid()));
    fs::remove_all(ws_);
    fs::create_directories(ws_);
    SqliteDb db;
    ASSERT_TRUE(db.Open(Db().string(), SqliteDb::Mode::kReadWriteCreate, "ws").ok());
    ASSERT_TRUE(
        db.Exec("CREATE TABLE accounts(account_id TEXT); INSERT INTO accounts VALUES ('A'), ('B'), ('C')")
            .ok());
  }
  void TearDown() override { fs::remove_all(ws_); }
  fs::path Db() const { return ws_ / "workspace.db"; }
  std::vector<AccountScore> Three() const {
    return {Score("A", 65, "good", 40, 25), Score("B", 45, "neutral", 30, 15),
            Score("C", 20, "poor", 10, 10)};
  }
  // The database file unchanged byte for byte, and no journal left behind.
  void ExpectUnchanged(const std::string& before) {
    EXPECT_EQ(FileBytes(Db()), before);
    EXPECT_FALSE(fs::exists(ws_ / "workspace.db-journal"));
    EXPECT_FALSE(fs::exists(ws_ / "workspace.db-wal"));
  }

  fs::path ws_;
  const Day as_of_ = *ParseDate("2024-12-31");
};

TEST_F(SnapshotFaultTest, FailedFirstSnapshotLeavesNoTable) {
  const std::string before = FileBytes(Db());
  for (int64_t fail_at : {0, 1, 2}) {
    SCOPED_TRACE(fail_at);
    SnapshotOptions options;
    options.before_write = [fail_at](int64_t n) {
      return n == fail_at ? Status::Io("disk full (injected)") : Status::Ok();
    };
    auto failed = SaveScoreSnapshot(ws_.string(), "2025-01-01T00:00:00Z", as_of_, Three(), options);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.status().code(), StatusCode::kIo);
    EXPECT_EQ(failed.status().message(),
              "score snapshot not stored (the workspace is unchanged): disk full (injected)");
    ExpectUnchanged(before);  // not even the score_snapshots table was created
    SqliteDb db;
    ASSERT_TRUE(db.Open(Db().string(), SqliteDb::Mode::kReadOnly, "ws").ok());
    EXPECT_FALSE(db.TableExists("score_snapshots"));
  }
  auto ids = ListScoreSnapshots(ws_.string());
  ASSERT_TRUE(ids.ok());
  EXPECT_TRUE(ids->empty());
  EXPECT_EQ(FileBytes(Db()), before);  // listing does not create the table either
  EXPECT_EQ(LoadScoreSnapshot(ws_.string(), 1).status().message(), "no score snapshot 1 (snapshots: none)");
}

TEST_F(SnapshotFaultTest, FailureMidwayKeepsTheEarlierSnapshotsOnly) {
  ASSERT_TRUE(SaveScoreSnapshot(ws_.string(), "2025-01-01T00:00:00Z", as_of_, Three()).ok());
  const std::string before = FileBytes(Db());
  for (int64_t fail_at : {0, 1, 2}) {
    SCOPED_TRACE(fail_at);
    std::vector<int64_t> seen;
    SnapshotOptions options;
    options.before_write = [fail_at, &seen](int64_t n) {
      seen.push_back(n);
      return n == fail_at ? Status::Io("disk full (injected)") : Status::Ok();
    };
    auto failed = SaveScoreSnapshot(ws_.string(), "2025-02-01T00:00:00Z", as_of_ + 31, Three(), options);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.status().message(),
              "score snapshot not stored (the workspace is unchanged): disk full (injected)");
    EXPECT_EQ(static_cast<int64_t>(seen.size()),
              fail_at + 1);  // rows 0 .. fail_at - 1 were written, then undone
    ExpectUnchanged(before);
    auto ids = ListScoreSnapshots(ws_.string());
    ASSERT_TRUE(ids.ok());
    EXPECT_EQ(*ids, (std::vector<int64_t>{1}));
  }
  // The next snapshot that succeeds gets id 2: nothing of the failed ones remains.
  auto next = SaveScoreSnapshot(ws_.string(), "2025-03-01T00:00:00Z", as_of_ + 59, Three());
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_EQ(*next, 2);
  auto s2 = LoadScoreSnapshot(ws_.string(), 2);
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->accounts.size(), 3u);
}

TEST_F(SnapshotFaultTest, SqliteFailureMidwayRollsBack) {
  ASSERT_TRUE(SaveScoreSnapshot(ws_.string(), "2025-01-01T00:00:00Z", as_of_, Three()).ok());
  {
    // The database itself refuses the second row of snapshot 2, after the first is written.
    SqliteDb db;
    ASSERT_TRUE(db.Open(Db().string(), SqliteDb::Mode::kReadWrite, "ws").ok());
    ASSERT_TRUE(db.Exec("CREATE TRIGGER refuse BEFORE INSERT ON score_snapshots "
                        "WHEN NEW.snapshot_id = 2 AND NEW.account_id = 'B' BEGIN SELECT RAISE(ABORT, 'disk "
                        "I/O error'); END")
                    .ok());
  }
  const std::string before = FileBytes(Db());
  auto failed = SaveScoreSnapshot(ws_.string(), "2025-02-01T00:00:00Z", as_of_ + 31, Three());
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kIo);
  EXPECT_EQ(failed.status().message(),
            "score snapshot not stored (the workspace is unchanged): " + Db().string() +
                ": disk I/O error (while storing the score of account B)");
  ExpectUnchanged(before);
  auto ids = ListScoreSnapshots(ws_.string());
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<int64_t>{1}));
}

}  // namespace
}  // namespace flywheel
