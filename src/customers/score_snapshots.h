// Score snapshots (customers.md "Scores are snapshotted when computed in a workspace"):
// every account's score, class and measure points stored in the workspace database, so
// that later runs can show a trend per account and the moves between classes.
//
// Table (created by the first snapshot; the workspace import leaves it alone):
//   score_snapshots(snapshot_id INTEGER, taken_at TEXT, as_of TEXT, account_id TEXT,
//                   score REAL (NULL = unscored), class TEXT, measures TEXT,
//                   data_snapshot INTEGER (the workspace's data snapshot scored; NULL when unknown))
// `measures` is JSON {measure: {"raw": x, "points": p}} (null raw when no data). History is
// kept without limit; snapshot ids count up from 1. One connection per call; not
// thread-safe for concurrent writers to the same workspace beyond what SQLite locks give.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "customers/account_score.h"
#include "output/report.h"

namespace flywheel {

struct SnapshotAccount {
  std::string account_id;
  double score = 0;  // NaN: unscored
  std::string klass;
  std::map<std::string, double> points;  // measure -> points (0 when no data)
  std::map<std::string, double> raw;     // measure -> raw value; absent when no data
};

struct ScoreSnapshot {
  int64_t id = 0;
  std::string taken_at, as_of;
  std::vector<SnapshotAccount> accounts;  // by account id
};

struct SnapshotOptions {
  // The workspace's data snapshot the scores were computed from (workspace/workspace.h);
  // 0: not known (stored as NULL). Default 0.
  int64_t data_snapshot = 0;
  // Test hook for fault injection: called before each account's row is written with the
  // number of rows written so far; a non-ok Status aborts the snapshot as a failed write.
  std::function<Status(int64_t rows_written)> before_write;
};

// Stores `scores` as a new snapshot in WORKSPACE/workspace.db in one transaction (which
// also creates the table on first use) and returns its id. `taken_at` is the caller's
// clock (tests pass a fixed one). On any failure the transaction is rolled back, so the
// workspace is exactly as before, and the error is kIo "score snapshot not stored (the
// workspace is unchanged): WHY".
Result<int64_t> SaveScoreSnapshot(const std::string& workspace_dir, const std::string& taken_at, Day as_of,
                                  const std::vector<AccountScore>& scores,
                                  const SnapshotOptions& options = {});

// The ids of the stored snapshots, oldest first; empty when there are none (or no table).
Result<std::vector<int64_t>> ListScoreSnapshots(const std::string& workspace_dir);

// The latest snapshot taken as of a date before `as_of` (the latest such date, then the
// highest id); none when there is none (or no table, which is not created).
Result<std::optional<int64_t>> LatestScoreSnapshotBefore(const std::string& workspace_dir, Day as_of);

// One snapshot; kNotFound "no score snapshot N (snapshots: 1, 2)" when absent.
Result<ScoreSnapshot> LoadScoreSnapshot(const std::string& workspace_dir, int64_t id);

// "up" / "down" when the score moved by at least 0.5 points, else "flat"; "new" without a
// previous score; "unscored" when the current score is NaN.
std::string ScoreTrend(double previous, bool has_previous, double current);

struct ClassMove {
  std::string account_id, from_class, to_class;  // "" when absent from one snapshot
  double from_score = 0, to_score = 0;
  std::vector<std::pair<std::string, double>> drivers;  // up to 3 measures by |Δ points|
};

// The accounts whose class differs between `from` and `to` (including accounts that appear
// or disappear), by account id.
std::vector<ClassMove> ClassMoves(const ScoreSnapshot& from, const ScoreSnapshot& to);

// Rows: account_id, from_class, to_class, from_score, to_score, change, drivers
// ("arr +3.1, nps -2.0"); notes count the moves and name the two snapshots.
Report MovesReport(const ScoreSnapshot& from, const ScoreSnapshot& to, const std::vector<ClassMove>& moves);

}  // namespace flywheel
