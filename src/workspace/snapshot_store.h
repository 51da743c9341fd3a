// The data snapshots in a workspace database (format version 2, docs/WORKSPACE.md): every
// import is a numbered snapshot; the newest is stored whole as column chunks
// (column_chunks.h), each older one as a delta from the snapshot after it (table_delta.h).
//
// Tables:
//   data_snapshots(snapshot, imported_at, source, settings_toml, latest_event_date,
//                  derived_history_from)                      one row per snapshot
//   data_tables(snapshot, table_name, rows, ids_ascending, attributes, delta, literal_rows)
//                                                             one row per table of a snapshot
//   data_columns(snapshot, table_name, column_name, rows, chunk_rows, width, text_bytes)
//   data_chunks(snapshot, table_name, column_name, chunk, base, data, checksum)
// The dictionary of a snapshot is stored as its column "text" of the table "dictionary".
// workspace_meta(key, value) is created for the other capabilities' keys; imports leave it.
// A table stored whole has delta NULL and its columns hold all its rows; a table stored as a
// delta has the delta's ops and its columns hold only its literal rows.
//
// The functions take an open connection and never begin or end a transaction: the caller
// holds one (a read transaction to read, BEGIN IMMEDIATE to write). Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/dataset.h"
#include "workspace/sqlite_db.h"
#include "workspace/table_delta.h"

namespace flywheel {

// The layout version in PRAGMA user_version. 1: one row table per canonical table (read,
// and turned into snapshot 1 by the next import).
inline constexpr int kWorkspaceFormat = 2;

struct SnapshotRecord {
  int64_t snapshot = 0;
  std::string imported_at;                   // UTC, YYYY-MM-DDThh:mm:ssZ
  std::string source;                        // the data folder, or the exports and their profiles
  std::optional<std::string> settings_toml;  // the flywheel.toml imported with it
  Day latest_event_date = kNullDay;
  // The first row of opportunity_history derived from snapshots (deal_history.h); the rows
  // before it came with the export. -1 when none is derived.
  int64_t derived_history_from = -1;
  std::vector<std::pair<Table, int64_t>> rows;  // each table the snapshot has, in Table order
};

// A data set as a snapshot holds it.
struct StoredSnapshot {
  Dataset dataset;
  SnapshotRecord record;
};

// Creates the data tables when missing.
Status CreateSnapshotTables(SqliteDb& db);

// Every snapshot, oldest first (empty when none).
Result<std::vector<SnapshotRecord>> ListSnapshotRecords(SqliteDb& db);

// Snapshot `snapshot` of `records` (ListSnapshotRecords): the newest read from its column
// chunks, an older one rebuilt from the newest through the deltas. Every chunk's checksum
// and every reference is checked (kBadData "snapshot 3: usage.account_id: ..." when damaged).
// REQUIRES: `snapshot` is in `records`.
Result<StoredSnapshot> ReadStoredSnapshot(SqliteDb& db, const std::vector<SnapshotRecord>& records,
                                          int64_t snapshot);

// Writes pieces of a snapshot; `before_write(n)` (may be empty) is called before each piece
// (a chunk, a table's or a snapshot's row) with the number written so far, and a non-ok
// Status from it stops the writing as a failed write would.
class SnapshotWriter {
 public:
  SnapshotWriter(SqliteDb* db, std::function<Status(int64_t)> before_write)
      : db_(db), before_write_(std::move(before_write)) {}

  // Stores `d` whole as snapshot `record.snapshot` (its record, tables, columns and
  // dictionary). REQUIRES: nothing is stored under that number.
  Status WriteWhole(const Dataset& d, const SnapshotRecord& record);
  // Turns the stored snapshot `snapshot` (stored whole, as `older`) into deltas from the
  // snapshot after it: `deltas[t]` for each table `older` has, with the literal rows' values
  // in `literal` (same dictionary as `older`).
  Status WriteDeltas(int64_t snapshot, const Dataset& older, const Dataset& literal,
                     const std::vector<std::optional<TableDelta>>& deltas);
  // Deletes snapshot `snapshot` and everything stored for it.
  Status Delete(int64_t snapshot);

 private:
  Status Before();
  Status WriteColumns(int64_t snapshot, Table t, const Dataset& d);
  Status WriteColumn(int64_t snapshot, std::string_view table, const struct StoredColumn& column,
                     int64_t chunk_rows);
  Status WriteTableRow(int64_t snapshot, Table t, const Dataset& d, int64_t rows, const TableDelta* delta);

  SqliteDb* db_;
  std::function<Status(int64_t)> before_write_;
  int64_t written_ = 0;
};

}  // namespace flywheel
