#include "workspace/workspace.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "workspace/sqlite_db.h"
#include "workspace/sqlite_row_source.h"
#include "workspace/workspace_schema.h"

namespace flywheel {
namespace fs = std::filesystem;

namespace {

constexpr char kDbFile[] = "workspace.db";
constexpr char kMetaTable[] = "workspace_meta";

std::string DbPath(const std::string& workspace_dir) { return (fs::path(workspace_dir) / kDbFile).string(); }

// "ws/workspace.db": the database as the user named its folder.
std::string DbDisplay(const std::string& workspace_dir) {
  std::string dir = workspace_dir;
  if (!dir.empty() && dir.back() != '/') dir += '/';
  return dir + kDbFile;
}

std::string UtcNow() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto day = std::chrono::floor<std::chrono::days>(now);
  std::chrono::hh_mm_ss hms(now - day);
  Day d = static_cast<Day>(day.time_since_epoch().count());
  return fmt::format("{}T{:02}:{:02}:{:02}Z", FormatDate(d), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count());
}

Status CheckSchemaVersion(SqliteDb& db) {
  auto version = db.QueryInt("PRAGMA user_version");
  if (!version.ok()) return version.status();
  if (*version > kWorkspaceSchemaVersion) {
    return Status::BadData(fmt::format("{}: the workspace has format version {}, newer than this flywheel "
                                       "understands ({}); use a newer flywheel",
                                       db.display(), *version, kWorkspaceSchemaVersion));
  }
  return Status::Ok();
}

Status PutMeta(SqliteDb& db, std::string_view key, std::string_view value) {
  SqliteStatement stmt;
  FLYWHEEL_RETURN_IF_ERROR(
      db.Prepare(fmt::format("INSERT OR REPLACE INTO {} (key, value) VALUES (?1, ?2)", kMetaTable), &stmt));
  stmt.BindText(1, key);
  if (value.empty()) {
    // BindText maps "" to NULL; an empty settings file is still a stored settings file.
    stmt.BindNull(2);
  } else {
    stmt.BindText(2, value);
  }
  if (stmt.StepDone()) return Status::Ok();
  return db.Error(fmt::format("storing {}", key));
}

// Everything that happens between BEGIN IMMEDIATE and COMMIT.
Status WriteDataset(SqliteDb& db, const ValidatedImport& import, const std::string& token,
                    const ImportOptions& options, ImportSummary* summary) {
  const Dataset& d = import.data.dataset;
  FLYWHEEL_RETURN_IF_ERROR(CheckSchemaVersion(db));
  int64_t rows_written = 0;
  for (int i = 0; i < kTableCount; ++i) {
    Table t = static_cast<Table>(i);
    std::string name(TableName(t));
    FLYWHEEL_RETURN_IF_ERROR(db.Exec(fmt::format("DROP TABLE IF EXISTS {}", QuoteIdentifier(name))));
    if (!d.Has(t)) continue;
    WorkspaceTable table = DescribeTable(d, t);
    FLYWHEEL_RETURN_IF_ERROR(db.Exec(CreateTableSql(name, table)));
    SqliteStatement insert;
    FLYWHEEL_RETURN_IF_ERROR(db.Prepare(InsertSql(name, table), &insert));
    for (size_t r = 0; r < table.rows; ++r) {
      if (options.before_write) FLYWHEEL_RETURN_IF_ERROR(options.before_write(rows_written));
      table.bind(insert, r);
      if (!insert.StepDone()) {
        return db.Error(fmt::format("writing row {} of {}", r + 1, name));
      }
      insert.Rewind();
      ++rows_written;
    }
    summary->row_counts.emplace_back(name, static_cast<int64_t>(table.rows));
  }

  FLYWHEEL_RETURN_IF_ERROR(db.Exec(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (key TEXT PRIMARY KEY, value TEXT)", kMetaTable)));
  FLYWHEEL_RETURN_IF_ERROR(db.Exec(fmt::format(
      "DELETE FROM {} WHERE key IN ('settings_toml', 'imported_at', 'source_dir', 'import_token') OR key LIKE "
      "'rows.%'",
      kMetaTable)));
  std::error_code ec;
  fs::path source = fs::absolute(import.source_dir, ec);
  FLYWHEEL_RETURN_IF_ERROR(PutMeta(db, "imported_at", UtcNow()));
  FLYWHEEL_RETURN_IF_ERROR(PutMeta(db, "source_dir", ec ? import.source_dir : source.lexically_normal().string()));
  FLYWHEEL_RETURN_IF_ERROR(PutMeta(db, "import_token", token));
  for (const auto& [name, rows] : summary->row_counts) {
    FLYWHEEL_RETURN_IF_ERROR(PutMeta(db, "rows." + name, std::to_string(rows)));
  }
  if (import.settings_toml) FLYWHEEL_RETURN_IF_ERROR(PutMeta(db, "settings_toml", *import.settings_toml));
  return db.Exec(fmt::format("PRAGMA user_version = {}", kWorkspaceSchemaVersion));
}

// An import killed mid-way leaves its write-ahead log beside the database (or, in a
// workspace written before the log was used, a hot rollback journal); a short read-write
// open lets SQLite recover from either before the read-only connection reads.
Status RecoverInterruptedImport(const std::string& path, const std::string& display) {
  std::error_code ec;
  if (!fs::exists(path + "-journal", ec) && !fs::exists(path + "-wal", ec)) return Status::Ok();
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(db.Open(path, SqliteDb::Mode::kReadWrite, display));
  auto n = db.QueryInt("SELECT count(*) FROM sqlite_master");  // reading rolls the journal back
  return n.ok() ? Status::Ok() : n.status();
}

// The import token of the committed data set ("" when none): the quarantine folder staged
// with it belongs to the committed data set.
Result<std::string> CommittedToken(SqliteDb& db) {
  if (!db.TableExists(kMetaTable)) return std::string();
  return db.QueryText(fmt::format("SELECT value FROM {} WHERE key = 'import_token'", kMetaTable));
}

}  // namespace

Result<ImportSummary> StoreImport(ValidatedImport import, const std::string& workspace_dir,
                                  const ImportOptions& options) {
  std::error_code ec;
  fs::create_directories(workspace_dir, ec);
  if (ec) return Status::Io(fmt::format("{}: cannot create the workspace folder: {}", workspace_dir, ec.message()));

  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(db.Open(DbPath(workspace_dir), SqliteDb::Mode::kReadWriteCreate, DbDisplay(workspace_dir)));
  // Write-ahead logging: readers (reports, the server) keep reading the committed data set
  // while an import writes; FULL syncs the log at every commit. Switching a workspace
  // written in rollback-journal mode needs it to be unused for a moment; when it is not,
  // this import still runs, in the mode the workspace has.
  (void)db.Exec("PRAGMA journal_mode = WAL");
  FLYWHEEL_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = FULL"));
  FLYWHEEL_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  // Under the write lock: an earlier import's unpublished quarantine folder first.
  auto committed = CommittedToken(db);
  Status st = committed.ok() ? RecoverQuarantine(workspace_dir, *committed, true) : committed.status();
  const std::string token = NewImportToken();
  if (st.ok()) st = StageQuarantine(workspace_dir, import.quarantine, token);
  ImportSummary summary;
  if (st.ok()) st = WriteDataset(db, import, token, options, &summary);
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) {
    (void)db.Exec("ROLLBACK");
    DiscardQuarantine(workspace_dir);
    return st;
  }
  if (!options.publish_quarantine || options.publish_quarantine()) {
    FLYWHEEL_RETURN_IF_ERROR(PublishQuarantine(workspace_dir, token));
  }
  if (!import.data.quarantined.empty()) summary.quarantine_dir = QuarantineDir(workspace_dir);
  summary.warnings = std::move(import.data.warnings);
  summary.quality = std::move(import.data.quality);
  return summary;
}

Result<ImportSummary> ImportDataDirectory(const std::string& data_dir, const std::string& workspace_dir,
                                          const ImportOptions& options) {
  auto validated = ValidateDataDirectory(data_dir, options.validation);
  if (!validated.ok()) return validated.status();
  return StoreImport(std::move(*validated), workspace_dir, options);
}

Result<LoadedWorkspace> LoadWorkspace(const std::string& workspace_dir) {
  const std::string path = DbPath(workspace_dir);
  const std::string display = DbDisplay(workspace_dir);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return Status::NotFound(fmt::format("workspace {} does not exist (create it with: flywheel import DATA_DIR "
                                        "--workspace {})",
                                        workspace_dir, workspace_dir));
  }
  FLYWHEEL_RETURN_IF_ERROR(RecoverInterruptedImport(path, display));
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(db.Open(path, SqliteDb::Mode::kReadOnly, display));
  // One read transaction: every table comes from the same committed import.
  FLYWHEEL_RETURN_IF_ERROR(db.Exec("BEGIN"));
  FLYWHEEL_RETURN_IF_ERROR(CheckSchemaVersion(db));
  auto committed = CommittedToken(db);
  if (!committed.ok()) return committed.status();
  FLYWHEEL_RETURN_IF_ERROR(RecoverQuarantine(workspace_dir, *committed, false));
  if (!db.TableExists(TableName(Table::kAccounts))) {
    return Status::NotFound(fmt::format("{}: the workspace holds no data set (import one with: flywheel import "
                                        "DATA_DIR --workspace {})",
                                        display, workspace_dir));
  }

  RowSourceOpener open = [&db, &display](Table t) -> Result<std::unique_ptr<RowSource>> {
    std::string name(TableName(t));
    if (!db.TableExists(name)) return std::unique_ptr<RowSource>();
    auto src = SqliteRowSource::Open(&db, name, display + ":" + name);
    if (!src.ok()) return src.status();
    return std::unique_ptr<RowSource>(std::move(*src));
  };
  // One thread: the tables share one SQLite connection.
  LoadOptions options;
  options.threads = 1;
  options.show_row_warnings = false;  // shown by the import
  auto loaded = LoadDataset(open, options);
  if (!loaded.ok()) return loaded.status();

  LoadedWorkspace out{std::move(*loaded), ""};
  if (db.TableExists(kMetaTable)) {
    auto text = db.QueryText(fmt::format("SELECT value FROM {} WHERE key = 'settings_toml'", kMetaTable));
    if (!text.ok()) return text.status();
    out.settings_toml = *text;
  }
  (void)db.Exec("COMMIT");
  return out;
}

}  // namespace flywheel
