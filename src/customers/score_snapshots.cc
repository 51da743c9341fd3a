#include "customers/score_snapshots.h"

#include <fmt/core.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "output/report_writer.h"
#include "workspace/sqlite_db.h"

namespace flywheel {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS score_snapshots(snapshot_id INTEGER NOT NULL, taken_at TEXT NOT NULL, "
    "as_of TEXT NOT NULL, account_id TEXT NOT NULL, score REAL, class TEXT NOT NULL, measures TEXT NOT NULL, "
    "data_snapshot INTEGER, PRIMARY KEY (snapshot_id, account_id))";

// Adds data_snapshot to a table made before the workspace kept data snapshots.
Status AddDataSnapshotColumn(SqliteDb& db) {
  auto has =
      db.QueryInt("SELECT count(*) FROM pragma_table_info('score_snapshots') WHERE name = 'data_snapshot'");
  if (!has.ok()) return has.status();
  if (*has > 0) return Status::Ok();
  return db.Exec("ALTER TABLE score_snapshots ADD COLUMN data_snapshot INTEGER");
}

Status OpenDb(const std::string& workspace_dir, SqliteDb* db) {
  return db->Open(workspace_dir + "/workspace.db", SqliteDb::Mode::kReadWrite,
                  workspace_dir + "/workspace.db");
}

std::string ColumnText(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

std::string Signed(double v) { return (v >= 0 ? "+" : "") + FormatNumber(v, 1); }

}  // namespace

Result<int64_t> SaveScoreSnapshot(const std::string& workspace_dir, const std::string& taken_at, Day as_of,
                                  const std::vector<AccountScore>& scores, const SnapshotOptions& options) {
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenDb(workspace_dir, &db));
  auto fail = [&](const Status& s) {
    (void)db.Exec("ROLLBACK");  // fails harmlessly when no transaction is open
    return Status::Io(fmt::format("score snapshot not stored (the workspace is unchanged): {}", s.message()));
  };
  Status begun = db.Exec("BEGIN IMMEDIATE");
  if (!begun.ok()) return fail(begun);
  Status created = db.Exec(kCreateTable);
  if (created.ok()) created = AddDataSnapshotColumn(db);
  if (!created.ok()) return fail(created);
  auto max_id = db.QueryInt("SELECT coalesce(max(snapshot_id), 0) FROM score_snapshots");
  if (!max_id.ok()) return fail(max_id.status());
  const int64_t id = *max_id + 1;
  SqliteStatement insert;
  Status prepared = db.Prepare(
      "INSERT INTO score_snapshots (snapshot_id, taken_at, as_of, account_id, score, class, measures, "
      "data_snapshot) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      &insert);
  if (!prepared.ok()) return fail(prepared);
  int64_t written = 0;
  for (const AccountScore& s : scores) {
    if (options.before_write) {
      Status hook = options.before_write(written);
      if (!hook.ok()) return fail(hook);
    }
    nlohmann::json measures = nlohmann::json::object();
    for (const MeasureScore& m : s.measures) {
      measures[std::string(m.name)] = {{"raw", std::isnan(m.raw) ? nlohmann::json() : nlohmann::json(m.raw)},
                                       {"points", m.points}};
    }
    insert.Rewind();
    insert.BindInt(1, id);
    insert.BindText(2, taken_at);
    insert.BindText(3, FormatDate(as_of));
    insert.BindText(4, s.account_id);
    if (std::isnan(s.score))
      insert.BindNull(5);
    else
      insert.BindReal(5, s.score);
    insert.BindText(6, s.klass);
    insert.BindText(7, measures.dump());
    if (options.data_snapshot > 0)
      insert.BindInt(8, options.data_snapshot);
    else
      insert.BindNull(8);
    if (!insert.StepDone())
      return fail(db.Error(fmt::format("storing the score of account {}", s.account_id)));
    ++written;
  }
  Status committed = db.Exec("COMMIT");
  if (!committed.ok()) return fail(committed);
  return id;
}

Result<std::vector<int64_t>> ListScoreSnapshots(const std::string& workspace_dir) {
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenDb(workspace_dir, &db));
  std::vector<int64_t> ids;
  if (!db.TableExists("score_snapshots")) return ids;
  SqliteStatement st;
  FLYWHEEL_RETURN_IF_ERROR(
      db.Prepare("SELECT DISTINCT snapshot_id FROM score_snapshots ORDER BY snapshot_id", &st));
  while (sqlite3_step(st.get()) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(st.get(), 0));
  return ids;
}

Result<std::optional<int64_t>> LatestScoreSnapshotBefore(const std::string& workspace_dir, Day as_of) {
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenDb(workspace_dir, &db));
  std::optional<int64_t> id;
  if (!db.TableExists("score_snapshots")) return id;
  SqliteStatement st;
  // as_of is stored as YYYY-MM-DD: text order is date order.
  FLYWHEEL_RETURN_IF_ERROR(db.Prepare(
      "SELECT snapshot_id FROM score_snapshots WHERE as_of < ? ORDER BY as_of DESC, snapshot_id DESC LIMIT 1",
      &st));
  st.BindText(1, FormatDate(as_of));
  if (sqlite3_step(st.get()) == SQLITE_ROW) id = sqlite3_column_int64(st.get(), 0);
  return id;
}

Result<ScoreSnapshot> LoadScoreSnapshot(const std::string& workspace_dir, int64_t id) {
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenDb(workspace_dir, &db));
  if (!db.TableExists("score_snapshots"))
    return Status::NotFound(fmt::format("no score snapshot {} (snapshots: none)", id));
  SqliteStatement st;
  FLYWHEEL_RETURN_IF_ERROR(db.Prepare(
      "SELECT taken_at, as_of, account_id, score, class, measures FROM score_snapshots WHERE snapshot_id = ? "
      "ORDER BY account_id",
      &st));
  st.BindInt(1, id);
  ScoreSnapshot snap;
  snap.id = id;
  while (sqlite3_step(st.get()) == SQLITE_ROW) {
    snap.taken_at = ColumnText(st.get(), 0);
    snap.as_of = ColumnText(st.get(), 1);
    SnapshotAccount a;
    a.account_id = ColumnText(st.get(), 2);
    a.score = sqlite3_column_type(st.get(), 3) == SQLITE_NULL ? kNaN : sqlite3_column_double(st.get(), 3);
    a.klass = ColumnText(st.get(), 4);
    auto measures = nlohmann::json::parse(ColumnText(st.get(), 5), nullptr, /*allow_exceptions=*/false);
    if (measures.is_object()) {
      for (const auto& [name, m] : measures.items()) {
        if (!m.is_object()) continue;
        if (m.contains("points") && m["points"].is_number()) a.points[name] = m["points"].get<double>();
        if (m.contains("raw") && m["raw"].is_number()) a.raw[name] = m["raw"].get<double>();
      }
    }
    snap.accounts.push_back(std::move(a));
  }
  if (snap.accounts.empty()) {
    auto ids = ListScoreSnapshots(workspace_dir);
    std::string list;
    if (ids.ok()) {
      for (int64_t i : *ids) list += (list.empty() ? "" : ", ") + std::to_string(i);
    }
    return Status::NotFound(
        fmt::format("no score snapshot {} (snapshots: {})", id, list.empty() ? "none" : list));
  }
  return snap;
}

std::string ScoreTrend(double previous, bool has_previous, double current) {
  if (std::isnan(current)) return "unscored";
  if (!has_previous || std::isnan(previous)) return "new";
  if (current - previous >= 0.5) return "up";
  if (previous - current >= 0.5) return "down";
  return "flat";
}

std::vector<ClassMove> ClassMoves(const ScoreSnapshot& from, const ScoreSnapshot& to) {
  std::map<std::string, std::pair<const SnapshotAccount*, const SnapshotAccount*>> both;
  for (const auto& a : from.accounts) both[a.account_id].first = &a;
  for (const auto& a : to.accounts) both[a.account_id].second = &a;
  std::vector<ClassMove> moves;
  for (const auto& [id, pair] : both) {
    const auto [before, after] = pair;
    if (before && after && before->klass == after->klass) continue;
    ClassMove m;
    m.account_id = id;
    m.from_class = before ? before->klass : "";
    m.to_class = after ? after->klass : "";
    m.from_score = before ? before->score : kNaN;
    m.to_score = after ? after->score : kNaN;
    if (before && after) {
      std::map<std::string, double> delta;
      for (const auto& [name, p] : after->points) delta[name] += p;
      for (const auto& [name, p] : before->points) delta[name] -= p;
      std::vector<std::pair<std::string, double>> sorted(delta.begin(), delta.end());
      std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) {
        return std::fabs(x.second) > std::fabs(y.second);
      });
      for (const auto& d : sorted) {
        if (m.drivers.size() == 3 || std::fabs(d.second) < 0.05) break;
        m.drivers.push_back(d);
      }
    }
    moves.push_back(std::move(m));
  }
  return moves;
}

Report MovesReport(const ScoreSnapshot& from, const ScoreSnapshot& to, const std::vector<ClassMove>& moves) {
  Report r;
  r.name = "customers-moves";
  r.as_of = to.as_of;
  r.columns = {{"account_id", ColumnKind::kText, "account"},
               {"from_class", ColumnKind::kText, "from"},
               {"to_class", ColumnKind::kText, "to"},
               {"from_score", ColumnKind::kNumber},
               {"to_score", ColumnKind::kNumber},
               {"change", ColumnKind::kNumber},
               {"drivers", ColumnKind::kText}};
  auto cell = [](double v) { return std::isnan(v) ? Cell() : Cell(v); };
  auto text = [](const std::string& s) { return s.empty() ? Cell() : Cell(s); };
  for (const auto& m : moves) {
    std::string drivers;
    for (const auto& [name, d] : m.drivers) drivers += (drivers.empty() ? "" : ", ") + name + " " + Signed(d);
    r.rows.push_back({m.account_id, text(m.from_class), text(m.to_class), cell(m.from_score),
                      cell(m.to_score), cell(m.to_score - m.from_score), drivers});
  }
  r.notes.push_back(fmt::format("class moves from snapshot {} (as of {}) to snapshot {} (as of {}): {}",
                                from.id, from.as_of, to.id, to.as_of, moves.size()));
  r.notes.push_back(
      "drivers: the measures whose points changed most (points = normalised x share, see --explain)");
  return r;
}

}  // namespace flywheel
