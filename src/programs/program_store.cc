#include "programs/program_store.h"

#include <fmt/core.h>
#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "workspace/sqlite_db.h"

namespace flywheel {

std::string ProgramApplication::State() const {
  if (decisions.empty()) return "pending";
  return Current().decision == "approve" ? "approved" : "rejected";
}

namespace {

constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS program_applications(
  id INTEGER PRIMARY KEY,
  program TEXT NOT NULL,
  opportunity_id TEXT NOT NULL,
  account_id TEXT,
  applicant TEXT NOT NULL CHECK (length(trim(applicant)) > 0),
  applied_at TEXT NOT NULL,
  note TEXT,
  checked_as_of TEXT NOT NULL,
  eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),
  failed_rules TEXT NOT NULL,
  fit REAL,
  data_snapshot INTEGER);
CREATE TABLE IF NOT EXISTS program_decisions(
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES program_applications(id),
  decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  decided_by TEXT NOT NULL CHECK (length(trim(decided_by)) > 0),
  decided_at TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS program_applications_no_update BEFORE UPDATE ON program_applications
  BEGIN SELECT RAISE(ABORT, 'program_applications is append-only: applications cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS program_applications_no_delete BEFORE DELETE ON program_applications
  BEGIN SELECT RAISE(ABORT, 'program_applications is append-only: applications cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS program_decisions_no_update BEFORE UPDATE ON program_decisions
  BEGIN SELECT RAISE(ABORT, 'program_decisions is append-only: supersede a decision with a new one'); END;
CREATE TRIGGER IF NOT EXISTS program_decisions_no_delete BEFORE DELETE ON program_decisions
  BEGIN SELECT RAISE(ABORT, 'program_decisions is append-only: supersede a decision with a new one'); END;
)sql";

std::string DbDisplay(const std::string& workspace_dir) {
  std::string dir = workspace_dir;
  if (!dir.empty() && dir.back() != '/') dir += '/';
  return dir + "workspace.db";
}

Status OpenLedger(const std::string& workspace_dir, SqliteDb* db) {
  const std::string display = DbDisplay(workspace_dir);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::path(workspace_dir) / "workspace.db", ec)) {
    return Status::NotFound(
        fmt::format("workspace {} does not exist (create it with: flywheel import DATA_DIR "
                    "--workspace {})",
                    workspace_dir, workspace_dir));
  }
  FLYWHEEL_RETURN_IF_ERROR(db->Open((std::filesystem::path(workspace_dir) / "workspace.db").string(),
                                    SqliteDb::Mode::kReadWrite, display));
  FLYWHEEL_RETURN_IF_ERROR(db->Exec(kSchema));
  // A ledger made before the workspace kept data snapshots gets their column.
  auto has = db->QueryInt(
      "SELECT count(*) FROM pragma_table_info('program_applications') WHERE name = 'data_snapshot'");
  if (!has.ok()) return has.status();
  if (*has == 0) return db->Exec("ALTER TABLE program_applications ADD COLUMN data_snapshot INTEGER");
  return Status::Ok();
}

std::string ColumnText(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

// The applications (with decisions) of the open connection.
Result<std::vector<ProgramApplication>> ReadLedger(SqliteDb& db) {
  std::vector<ProgramApplication> apps;
  std::map<int64_t, size_t> by_id;
  SqliteStatement a;
  FLYWHEEL_RETURN_IF_ERROR(db.Prepare(
      "SELECT id, program, opportunity_id, account_id, applicant, applied_at, note, checked_as_of, eligible, "
      "failed_rules, fit, data_snapshot FROM program_applications ORDER BY id",
      &a));
  int rc;
  while ((rc = sqlite3_step(a.get())) == SQLITE_ROW) {
    ProgramApplication p;
    p.id = sqlite3_column_int64(a.get(), 0);
    p.program = ColumnText(a.get(), 1);
    p.opportunity_id = ColumnText(a.get(), 2);
    p.account_id = ColumnText(a.get(), 3);
    p.applicant = ColumnText(a.get(), 4);
    p.applied_at = ColumnText(a.get(), 5);
    p.note = ColumnText(a.get(), 6);
    p.checked_as_of = ColumnText(a.get(), 7);
    p.eligible = sqlite3_column_int(a.get(), 8) != 0;
    auto failed = nlohmann::json::parse(ColumnText(a.get(), 9), nullptr, false);
    if (failed.is_array()) {
      for (const auto& f : failed) {
        if (f.is_string()) p.failed_rules.push_back(f.get<std::string>());
      }
    }
    p.fit = sqlite3_column_type(a.get(), 10) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN()
                                                            : sqlite3_column_double(a.get(), 10);
    p.data_snapshot = sqlite3_column_int64(a.get(), 11);
    by_id[p.id] = apps.size();
    apps.push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return db.Error("reading program_applications");
  SqliteStatement d;
  FLYWHEEL_RETURN_IF_ERROR(
      db.Prepare("SELECT id, application_id, decision, reason, decided_by, decided_at FROM program_decisions "
                 "ORDER BY id",
                 &d));
  while ((rc = sqlite3_step(d.get())) == SQLITE_ROW) {
    ProgramDecision x;
    x.id = sqlite3_column_int64(d.get(), 0);
    x.application_id = sqlite3_column_int64(d.get(), 1);
    x.decision = ColumnText(d.get(), 2);
    x.reason = ColumnText(d.get(), 3);
    x.decided_by = ColumnText(d.get(), 4);
    x.decided_at = ColumnText(d.get(), 5);
    auto it = by_id.find(x.application_id);
    if (it != by_id.end()) apps[it->second].decisions.push_back(std::move(x));
  }
  if (rc != SQLITE_DONE) return db.Error("reading program_decisions");
  return apps;
}

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back on any failure.
template <typename F>
auto InTransaction(SqliteDb& db, F body) -> decltype(body()) {
  FLYWHEEL_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  auto result = body();
  if (result.ok()) {
    Status committed = db.Exec("COMMIT");
    if (committed.ok()) return result;
    result = committed;
  }
  (void)db.Exec("ROLLBACK");
  return result;
}

}  // namespace

Result<int64_t> StoreApplication(const std::string& workspace_dir, const ProgramApplication& app) {
  if (Trim(app.applicant).empty()) return Status::Usage("applicant: say who applies (the sales rep's name)");
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenLedger(workspace_dir, &db));
  return InTransaction(db, [&]() -> Result<int64_t> {
    auto ledger = ReadLedger(db);
    if (!ledger.ok()) return ledger.status();
    for (const ProgramApplication& other : *ledger) {
      if (other.program != app.program || other.opportunity_id != app.opportunity_id) continue;
      const std::string state = other.State();
      if (state == "rejected") continue;
      return Status::BadData(
          fmt::format("opportunity {} already has {} {} application to {} (application {})",
                      app.opportunity_id, state == "pending" ? "a" : "an", state, app.program, other.id));
    }
    SqliteStatement insert;
    FLYWHEEL_RETURN_IF_ERROR(db.Prepare(
        "INSERT INTO program_applications (program, opportunity_id, account_id, applicant, applied_at, note, "
        "checked_as_of, eligible, failed_rules, fit, data_snapshot) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        &insert));
    insert.BindText(1, app.program);
    insert.BindText(2, app.opportunity_id);
    insert.BindText(3, app.account_id);
    insert.BindText(4, app.applicant);
    insert.BindText(5, app.applied_at);
    insert.BindText(6, app.note);
    insert.BindText(7, app.checked_as_of);
    insert.BindInt(8, app.eligible ? 1 : 0);
    insert.BindText(9, nlohmann::json(app.failed_rules).dump());
    if (std::isnan(app.fit))
      insert.BindNull(10);
    else
      insert.BindReal(10, app.fit);
    if (app.data_snapshot > 0)
      insert.BindInt(11, app.data_snapshot);
    else
      insert.BindNull(11);
    if (!insert.StepDone()) return db.Error("storing a program application");
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db.handle()));
  });
}

Result<int64_t> StoreDecision(const std::string& workspace_dir, const ProgramBook& book,
                              const ProgramDecision& d) {
  if (d.decision != "approve" && d.decision != "reject") {
    return Status::Usage(fmt::format("decision: expected approve or reject, not '{}'", d.decision));
  }
  if (Trim(d.reason).empty()) return Status::Usage("reason: the committee's reason is required");
  if (Trim(d.decided_by).empty()) return Status::Usage("decided_by: say who decided");
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenLedger(workspace_dir, &db));
  return InTransaction(db, [&]() -> Result<int64_t> {
    auto ledger = ReadLedger(db);
    if (!ledger.ok()) return ledger.status();
    const ProgramApplication* app = nullptr;
    for (const auto& a : *ledger) {
      if (a.id == d.application_id) app = &a;
    }
    if (app == nullptr) {
      return Status::NotFound(
          fmt::format("no application {} in {}", d.application_id, DbDisplay(workspace_dir)));
    }
    if (d.decision == "approve") {
      auto program = book.Find(app->program);
      if (program.ok() && (*program)->cap > 0) {
        int approved = 0;
        for (const auto& a : *ledger) {
          if (a.program == app->program && a.id != app->id && a.State() == "approved") ++approved;
        }
        if (approved >= (*program)->cap) {
          return Status::BadData(fmt::format("program {} is full: {} of {} places are approved", app->program,
                                             approved, (*program)->cap));
        }
      }
    }
    SqliteStatement insert;
    FLYWHEEL_RETURN_IF_ERROR(
        db.Prepare("INSERT INTO program_decisions (application_id, decision, reason, decided_by, decided_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)",
                   &insert));
    insert.BindInt(1, d.application_id);
    insert.BindText(2, d.decision);
    insert.BindText(3, d.reason);
    insert.BindText(4, d.decided_by);
    insert.BindText(5, d.decided_at);
    if (!insert.StepDone()) return db.Error("storing a program decision");
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db.handle()));
  });
}

Result<std::vector<ProgramApplication>> LoadProgramLedger(const std::string& workspace_dir) {
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenLedger(workspace_dir, &db));
  FLYWHEEL_RETURN_IF_ERROR(db.Exec("BEGIN"));
  auto ledger = ReadLedger(db);
  (void)db.Exec("COMMIT");
  return ledger;
}

}  // namespace flywheel
