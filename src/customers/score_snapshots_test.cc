// Score snapshots: round trip through a workspace database, trends, and class moves with
// the measures that moved the score.
#include "customers/score_snapshots.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "workspace/sqlite_db.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

AccountScore Score(const std::string& id, double score, const std::string& klass, double arr_points, double nps_points) {
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

}  // namespace
}  // namespace flywheel
