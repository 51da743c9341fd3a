#include "workspace/workspace.h"

#include <cctype>
#include <chrono>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "workspace/canonical_views.h"
#include "workspace/deal_history.h"
#include "workspace/legacy_workspace.h"
#include "workspace/sqlite_db.h"

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

std::string FolderDisplay(const std::string& workspace_dir) {
  return !workspace_dir.empty() && workspace_dir.back() == '/' ? workspace_dir : workspace_dir + "/";
}

std::string UtcNow() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto day = std::chrono::floor<std::chrono::days>(now);
  std::chrono::hh_mm_ss hms(now - day);
  Day d = static_cast<Day>(day.time_since_epoch().count());
  return fmt::format("{}T{:02}:{:02}:{:02}Z", FormatDate(d), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count());
}

// The layout version of the database (PRAGMA user_version); a newer one than this flywheel
// writes is refused.
Result<int64_t> FormatOf(SqliteDb& db) {
  auto version = db.QueryInt("PRAGMA user_version");
  if (!version.ok()) return version.status();
  if (*version > kWorkspaceFormat) {
    return Status::BadData(
        fmt::format("{}: the workspace has format version {}, newer than this flywheel "
                    "understands ({}); use a newer flywheel",
                    db.display(), *version, kWorkspaceFormat));
  }
  return *version;
}

// An import killed mid-way leaves its write-ahead log beside the database (or, for a new
// workspace or one written before the log was used, a hot rollback journal); a short
// read-write open lets SQLite recover from either before the read-only connection reads.
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

Status PutToken(SqliteDb& db, const std::string& token) {
  FLYWHEEL_RETURN_IF_ERROR(
      db.Exec(fmt::format("CREATE TABLE IF NOT EXISTS {} (key TEXT PRIMARY KEY, value TEXT)", kMetaTable)));
  SqliteStatement q;
  FLYWHEEL_RETURN_IF_ERROR(db.Prepare(
      fmt::format("INSERT OR REPLACE INTO {} (key, value) VALUES ('import_token', ?1)", kMetaTable), &q));
  q.BindText(1, token);
  if (!q.StepDone()) return db.Error("storing the import token");
  return Status::Ok();
}

Status NoDataSet(const std::string& workspace_dir) {
  return Status::NotFound(
      fmt::format("{}: the workspace holds no data set (import one with: flywheel import "
                  "DATA_DIR --workspace {})",
                  DbDisplay(workspace_dir), workspace_dir));
}

Status NoSnapshot(const std::string& workspace_dir, int64_t snapshot,
                  const std::vector<SnapshotRecord>& records) {
  const std::string have = records.size() == 1 ? fmt::format("snapshot {}", records[0].snapshot)
                                               : fmt::format("snapshots {} to {}", records.front().snapshot,
                                                             records.back().snapshot);
  return Status::NotFound(
      fmt::format("{}: no snapshot {} ({})", FolderDisplay(workspace_dir), snapshot, have));
}

// Opens the workspace read-only in one read transaction: every table comes from the same
// committed import, whatever an import does meanwhile.
Status OpenForReading(const std::string& workspace_dir, SqliteDb* db) {
  const std::string path = DbPath(workspace_dir);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return Status::NotFound(
        fmt::format("workspace {} does not exist (create it with: flywheel import DATA_DIR "
                    "--workspace {})",
                    workspace_dir, workspace_dir));
  }
  FLYWHEEL_RETURN_IF_ERROR(RecoverInterruptedImport(path, DbDisplay(workspace_dir)));
  FLYWHEEL_RETURN_IF_ERROR(db->Open(path, SqliteDb::Mode::kReadOnly, DbDisplay(workspace_dir)));
  return db->Exec("BEGIN");
}

// The snapshots of an open workspace: format 2's records, or a format-1 data set as snapshot 1.
Result<std::vector<SnapshotRecord>> Records(SqliteDb& db, int64_t format,
                                            std::optional<LegacyDataSet>* legacy) {
  if (format >= 2) return ListSnapshotRecords(db);
  if (!HasLegacyDataSet(db)) return std::vector<SnapshotRecord>();
  auto read = ReadLegacyDataSet(db, db.display());
  if (!read.ok()) return read.status();
  *legacy = std::move(*read);
  return std::vector<SnapshotRecord>{(*legacy)->record};
}

// The snapshots of an open workspace, oldest first; kNotFound when it holds none.
Result<std::vector<SnapshotRecord>> SnapshotRecords(SqliteDb& db, const std::string& workspace_dir,
                                                    std::optional<LegacyDataSet>* legacy) {
  auto format = FormatOf(db);
  if (!format.ok()) return format.status();
  auto records = Records(db, *format, legacy);
  if (!records.ok()) return records.status();
  if (records->empty()) return NoDataSet(workspace_dir);
  return records;
}

// Loads snapshot `snapshot` (0: the latest) from an open workspace.
Result<StoredSnapshot> ReadSnapshot(SqliteDb& db, const std::string& workspace_dir, int64_t snapshot,
                                    std::vector<SnapshotRecord>* records_out = nullptr) {
  std::optional<LegacyDataSet> legacy;
  auto records = SnapshotRecords(db, workspace_dir, &legacy);
  if (!records.ok()) return records.status();
  if (records_out) *records_out = *records;
  if (snapshot == 0) snapshot = records->back().snapshot;
  if (snapshot < records->front().snapshot || snapshot > records->back().snapshot) {
    return NoSnapshot(workspace_dir, snapshot, *records);
  }
  if (legacy) return StoredSnapshot{std::move(legacy->data.dataset), legacy->record};
  auto stored = ReadStoredSnapshot(db, *records, snapshot);
  if (!stored.ok() && stored.status().code() == StatusCode::kBadData) {
    return Status::BadData(
        fmt::format("{}: {}; import the data set again", db.display(), stored.status().message()));
  }
  return stored;
}

}  // namespace

Result<std::string> ParseImportTime(std::string_view text) {
  const auto bad = [&] {
    return Status::Usage(
        fmt::format("{} is not a date or time (expected YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)", text));
  };
  if (text.size() != 10 && text.size() != 20) return bad();
  if (!ParseDate(text.substr(0, 10))) return bad();
  if (text.size() == 10) return fmt::format("{}T00:00:00Z", text);
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') return bad();
  const auto two = [&](size_t at, int max) {
    return std::isdigit(static_cast<unsigned char>(text[at])) &&
           std::isdigit(static_cast<unsigned char>(text[at + 1])) &&
           (text[at] - '0') * 10 + (text[at + 1] - '0') <= max;
  };
  if (!two(11, 23) || !two(14, 59) || !two(17, 59)) return bad();
  return std::string(text);
}

Result<LoadedWorkspace> LoadWorkspace(const std::string& workspace_dir, int64_t snapshot) {
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenForReading(workspace_dir, &db));
  auto committed = CommittedToken(db);
  if (!committed.ok()) return committed.status();
  FLYWHEEL_RETURN_IF_ERROR(RecoverQuarantine(workspace_dir, *committed, false));
  auto stored = ReadSnapshot(db, workspace_dir, snapshot);
  if (!stored.ok()) return stored.status();
  (void)db.Exec("COMMIT");
  LoadedWorkspace out;
  // Stored rows were validated (and repaired) by their import: each table loads whole.
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (!stored->dataset.Has(table)) continue;
    TableQuality quality;
    quality.table = table;
    quality.file = std::string(TableName(table));
    quality.rows_read = quality.rows_loaded = static_cast<int64_t>(stored->dataset.RowCount(table));
    out.data.quality.push_back(std::move(quality));
  }
  out.data.dataset = std::move(stored->dataset);
  out.settings_toml = stored->record.settings_toml.value_or("");
  out.snapshot = std::move(stored->record);
  return out;
}

Result<std::vector<SnapshotRecord>> ListSnapshots(const std::string& workspace_dir) {
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenForReading(workspace_dir, &db));
  std::optional<LegacyDataSet> legacy;
  auto records = SnapshotRecords(db, workspace_dir, &legacy);
  if (!records.ok()) return records.status();
  (void)db.Exec("COMMIT");
  return records;
}

Result<SnapshotChanges> DiffSnapshots(const std::string& workspace_dir, int64_t from, int64_t to) {
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenForReading(workspace_dir, &db));
  std::vector<SnapshotRecord> records;
  auto after = ReadSnapshot(db, workspace_dir, to, &records);
  if (!after.ok()) return after.status();
  if (from == 0) {
    from = after->record.snapshot - 1;
    if (from < records.front().snapshot) {
      return Status::NotFound(fmt::format("{}: there is no snapshot before snapshot {} to compare it with",
                                          FolderDisplay(workspace_dir), after->record.snapshot));
    }
  }
  auto before = ReadSnapshot(db, workspace_dir, from);
  if (!before.ok()) return before.status();
  (void)db.Exec("COMMIT");
  SnapshotChanges out;
  out.tables = DiffDatasets(before->dataset, after->dataset);
  out.from = std::move(before->record);
  out.to = std::move(after->record);
  return out;
}

namespace {

// Opens (or creates) the workspace for an import. A new database is written with a rollback
// journal (there is no earlier data set for readers to read) and 64 KiB pages, and moved to
// the write-ahead log after its first commit; an existing one uses the log.
Status OpenForImport(const std::string& workspace_dir, SqliteDb* db, bool* fresh) {
  std::error_code ec;
  fs::create_directories(workspace_dir, ec);
  if (ec)
    return Status::Io(fmt::format("{}: cannot create the workspace folder: {}", workspace_dir, ec.message()));
  FLYWHEEL_RETURN_IF_ERROR(
      db->Open(DbPath(workspace_dir), SqliteDb::Mode::kReadWriteCreate, DbDisplay(workspace_dir)));
  // Reading first lets SQLite roll back what a killed import left (a new database's journal
  // takes it back to no pages at all).
  auto tables = db->QueryInt("SELECT count(*) FROM sqlite_master");
  if (!tables.ok()) return tables.status();
  auto pages = db->QueryInt("PRAGMA page_count");
  if (!pages.ok()) return pages.status();
  *fresh = *pages == 0;
  if (*fresh) {
    FLYWHEEL_RETURN_IF_ERROR(db->Exec("PRAGMA page_size = 65536"));
  } else {
    // Switching a workspace written in rollback-journal mode needs it to be unused for a
    // moment; when it is not, this import still runs, in the mode the workspace has.
    (void)db->Exec("PRAGMA journal_mode = WAL");
  }
  FLYWHEEL_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous = FULL"));
  // The log is copied into the database once, after the commit (see StoreImport).
  return db->Exec("PRAGMA wal_autocheckpoint = 0");
}

// The latest snapshot before this import: format 2's, or a format-1 data set, which is
// stored as snapshot 1 first (and its tables dropped).
Result<std::optional<StoredSnapshot>> PreviousSnapshot(SqliteDb& db, SnapshotWriter& writer) {
  auto format = FormatOf(db);
  if (!format.ok()) return format.status();
  FLYWHEEL_RETURN_IF_ERROR(CreateSnapshotTables(db));
  if (*format < 2 && HasLegacyDataSet(db)) {
    auto legacy = ReadLegacyDataSet(db, db.display());
    if (!legacy.ok()) return legacy.status();
    FLYWHEEL_RETURN_IF_ERROR(DropLegacyDataSet(db));
    FLYWHEEL_RETURN_IF_ERROR(writer.WriteWhole(legacy->data.dataset, legacy->record));
    return std::optional<StoredSnapshot>(StoredSnapshot{std::move(legacy->data.dataset), legacy->record});
  }
  auto records = ListSnapshotRecords(db);
  if (!records.ok()) return records.status();
  if (records->empty()) return std::optional<StoredSnapshot>();
  auto stored = ReadStoredSnapshot(db, *records, records->back().snapshot);
  if (!stored.ok()) return stored.status();
  return std::optional<StoredSnapshot>(std::move(*stored));
}

// Turns the previous snapshot into deltas from the new data set `next`.
Status WritePreviousAsDeltas(SnapshotWriter& writer, const StoredSnapshot& previous, const Dataset& next) {
  const Dataset& p = previous.dataset;
  ValueRemap remap;  // next's terms -> previous's
  remap.codes = RemapCodes(next.dict, p.dict);
  remap.accounts = RemapRows(next.accounts.id, p.accounts.id, &p.accounts.index);
  remap.opportunities = RemapRows(next.opportunities.id, p.opportunities.id, &p.opportunities.index);
  remap.contacts = RemapRows(next.contacts.id, p.contacts.id, nullptr);
  std::vector<std::optional<TableDelta>> deltas(kTableCount);
  Dataset literal;
  literal.accounts.attribute_names = p.accounts.attribute_names;
  literal.accounts.attributes.assign(p.accounts.attributes.size(), {});
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (!p.Has(table)) continue;
    deltas[t] = ComputeTableDelta(p, next, table, remap);
    literal.present[t] = true;
    CopyRows(literal, p, table, deltas[t]->literal_rows);
  }
  return writer.WriteDeltas(previous.record.snapshot, p, literal, deltas);
}

// Everything between BEGIN IMMEDIATE and COMMIT.
Status WriteImport(SqliteDb& db, Dataset& next, SnapshotRecord record, const ImportOptions& options,
                   ImportSummary* summary) {
  SnapshotWriter writer(&db, options.before_write);
  auto previous = PreviousSnapshot(db, writer);
  if (!previous.ok()) return previous.status();
  if (*previous) {
    const SnapshotRecord& last = (*previous)->record;
    if (record.imported_at < last.imported_at) {
      return Status::BadData(
          fmt::format("{}: the import time {} is before that of snapshot {} ({}); snapshots are "
                      "kept in time order (set the time with --imported-at)",
                      db.display(), record.imported_at, last.snapshot, last.imported_at));
    }
    record.snapshot = last.snapshot + 1;
    const Dataset& p = (*previous)->dataset;
    if (p.Has(Table::kOpportunities) && next.Has(Table::kOpportunities) &&
        !next.Has(Table::kOpportunityHistory)) {
      const Day day = *ParseDate(std::string_view(record.imported_at).substr(0, 10));
      record.derived_history_from = DeriveDealHistory(p, last.derived_history_from, next, day);
      summary->derived_history_rows =
          static_cast<int64_t>(next.opportunity_history.size()) - record.derived_history_from;
    }
    FLYWHEEL_RETURN_IF_ERROR(WritePreviousAsDeltas(writer, **previous, next));
  } else {
    record.snapshot = 1;
  }
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (!next.Has(table)) continue;
    record.rows.emplace_back(table, static_cast<int64_t>(next.RowCount(table)));
    summary->row_counts.emplace_back(std::string(TableName(table)),
                                     static_cast<int64_t>(next.RowCount(table)));
  }
  FLYWHEEL_RETURN_IF_ERROR(writer.WriteWhole(next, record));
  FLYWHEEL_RETURN_IF_ERROR(db.Exec(CanonicalViewsSql(next, record)));
  summary->snapshot = record.snapshot;
  return db.Exec(fmt::format("PRAGMA user_version = {}", kWorkspaceFormat));
}

}  // namespace

Result<ImportSummary> StoreImport(ValidatedImport import, const std::string& workspace_dir,
                                  const ImportOptions& options) {
  SnapshotRecord record;
  record.imported_at = UtcNow();
  if (!options.imported_at.empty()) {
    auto at = ParseImportTime(options.imported_at);
    if (!at.ok()) return at.status();
    record.imported_at = *at;
  }
  record.source = !options.source.empty() ? options.source : import.source;
  if (record.source.empty()) {
    std::error_code ec;
    const fs::path source = fs::absolute(import.source_dir, ec);
    record.source = ec ? import.source_dir : source.lexically_normal().string();
  }
  record.settings_toml = import.settings_toml;
  record.latest_event_date = import.data.dataset.latest_event_date;

  SqliteDb db;
  bool fresh = false;
  FLYWHEEL_RETURN_IF_ERROR(OpenForImport(workspace_dir, &db, &fresh));
  FLYWHEEL_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  // Under the write lock: an earlier import's unpublished quarantine folder first.
  auto committed = CommittedToken(db);
  Status st = committed.ok() ? RecoverQuarantine(workspace_dir, *committed, true) : committed.status();
  const std::string token = NewImportToken();
  if (st.ok()) st = StageQuarantine(workspace_dir, import.quarantine, token);
  ImportSummary summary;
  if (st.ok()) st = WriteImport(db, import.data.dataset, std::move(record), options, &summary);
  if (st.ok()) st = PutToken(db, token);
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) {
    (void)db.Exec("ROLLBACK");
    DiscardQuarantine(workspace_dir);
    return st;
  }
  // Write-ahead logging from now on: readers (reports, the server) keep reading the committed
  // data set while a later import writes. Then the log is copied into the database and
  // emptied (when a reader still reads an older state, what it needs stays for later).
  if (fresh) (void)db.Exec("PRAGMA journal_mode = WAL");
  (void)db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
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

namespace {

// Deletes the snapshots before the latest `keep`, appending their numbers to `removed`.
Status DeleteOldSnapshots(SqliteDb& db, const std::string& workspace_dir, int64_t keep,
                          std::vector<int64_t>* removed) {
  auto format = FormatOf(db);
  if (!format.ok()) return format.status();
  if (*format < 2) return Status::Ok();  // a format-1 workspace holds one data set
  auto records = ListSnapshotRecords(db);
  if (!records.ok()) return records.status();
  if (records->empty()) return NoDataSet(workspace_dir);
  SnapshotWriter writer(&db, nullptr);
  for (size_t i = 0; i + static_cast<size_t>(keep) < records->size(); ++i) {
    FLYWHEEL_RETURN_IF_ERROR(writer.Delete((*records)[i].snapshot));
    removed->push_back((*records)[i].snapshot);
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<int64_t>> PruneSnapshots(const std::string& workspace_dir, int64_t keep) {
  SqliteDb db;
  FLYWHEEL_RETURN_IF_ERROR(OpenForReading(workspace_dir, &db));  // the messages of a missing workspace
  FLYWHEEL_RETURN_IF_ERROR(db.Exec("COMMIT"));
  db.Close();
  FLYWHEEL_RETURN_IF_ERROR(
      db.Open(DbPath(workspace_dir), SqliteDb::Mode::kReadWrite, DbDisplay(workspace_dir)));
  (void)db.Exec("PRAGMA journal_mode = WAL");
  FLYWHEEL_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = FULL"));
  FLYWHEEL_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  std::vector<int64_t> removed;
  Status st = DeleteOldSnapshots(db, workspace_dir, keep, &removed);
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) {
    (void)db.Exec("ROLLBACK");
    return st;
  }
  (void)db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return removed;
}

}  // namespace flywheel
