// Workspace: a SQLite database (WS/workspace.db) that keeps every imported data set as a
// numbered snapshot (docs/WORKSPACE.md).
//
// An import validates the data set, then stores it in one transaction as the next snapshot:
// the newest snapshot whole, as column chunks that load without parsing (snapshot_store.h),
// the one before it turned into a delta from the new one (table_delta.h). It either commits
// all of it or leaves the previous contents untouched, also when the process is killed at
// any point (SQLite's write-ahead log, or for a new workspace its rollback journal, discards
// an unfinished transaction on the next open). The rows validation set aside go to the
// quarantine folder WS/quarantine/, staged before the commit and published after it
// (quarantine_files.h). When the import brings no
// opportunity_history.csv, deal history is derived from the changes since the previous
// snapshot (deal_history.h). Tables that other capabilities keep in the workspace (score
// snapshots, sales programs) are not touched by an import.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/dataset_loader.h"
#include "workspace/quarantine_files.h"
#include "workspace/snapshot_diff.h"
#include "workspace/snapshot_store.h"
#include "workspace/validated_import.h"

namespace flywheel {

struct ImportOptions {
  ValidationOptions validation;
  // Test hook for fault injection: called before each piece is written (a column chunk, a
  // table's or the snapshot's row) with the number of pieces written so far; a non-ok Status
  // aborts the import as a failed write would. Default: none.
  std::function<Status(int64_t pieces_written)> before_write;
  // Test hook: false leaves the committed import's quarantine folder unpublished, as a
  // process killed right after the commit would. Default: publish.
  std::function<bool()> publish_quarantine;
  // What the snapshot records as its source. Default: ValidatedImport::source, else the
  // absolute path of the data folder (ValidatedImport::source_dir).
  std::string source;
  // When the export was taken, as ParseImportTime reads it; it dates the deal history derived
  // from this import. Default: now. Must not be before the latest snapshot's.
  std::string imported_at;
};

struct ImportSummary {
  std::vector<std::pair<std::string, int64_t>> row_counts;  // table name -> rows
  std::vector<std::string> warnings;
  std::vector<TableQuality> quality;  // per stored table: rows read, repaired, quarantined
  std::string quarantine_dir;         // WS/quarantine when rows were set aside, else ""
  int64_t snapshot = 0;               // the number of the new snapshot
  // Rows of opportunity_history derived from snapshots; -1 when the import derived none (it
  // had the file, or there was no earlier snapshot to compare with).
  int64_t derived_history_rows = -1;
};

// Stores a validated data set, its settings and its quarantine files as the next snapshot
// of `workspace_dir`, creating the folder and database if needed: one transaction, all or
// nothing (the quarantine files too, see quarantine_files.h).
Result<ImportSummary> StoreImport(ValidatedImport import, const std::string& workspace_dir,
                                  const ImportOptions& options = {});

// ValidateDataDirectory, then StoreImport. On failure nothing changes.
Result<ImportSummary> ImportDataDirectory(const std::string& data_dir, const std::string& workspace_dir,
                                          const ImportOptions& options = {});

struct LoadedWorkspace {
  LoadedDataset data;
  std::string settings_toml;  // the stored flywheel.toml text, "" when none was imported
  SnapshotRecord snapshot;    // which snapshot was loaded
};

// Loads snapshot `snapshot` of the workspace (0: the latest). The newest snapshot is read
// from its column chunks (no parsing, no validation: each chunk's checksum is checked), an
// older one rebuilt through the deltas; reports from it are identical to those from the
// data folder it was imported from. A missing workspace is kNotFound, as is a snapshot it
// does not have ("ws/: no snapshot 7 (snapshots 1 to 5)").
Result<LoadedWorkspace> LoadWorkspace(const std::string& workspace_dir, int64_t snapshot = 0);

// The snapshots of a workspace, oldest first. kNotFound when it holds no data set.
Result<std::vector<SnapshotRecord>> ListSnapshots(const std::string& workspace_dir);

// Deletes all but the latest `keep` snapshots (REQUIRES: keep >= 1) in one transaction and
// returns the numbers deleted (none when there are no more than `keep`).
Result<std::vector<int64_t>> PruneSnapshots(const std::string& workspace_dir, int64_t keep);

// The changes from snapshot `from` to snapshot `to`, table by table; `to` 0 is the latest,
// `from` 0 the snapshot before `to`.
struct SnapshotChanges {
  SnapshotRecord from, to;
  std::vector<TableChanges> tables;
};
Result<SnapshotChanges> DiffSnapshots(const std::string& workspace_dir, int64_t from, int64_t to);

// "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDThh:mm:ssZ" as "YYYY-MM-DDThh:mm:ssZ";
// kUsage "... is not a date or time (expected YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)".
Result<std::string> ParseImportTime(std::string_view text);

}  // namespace flywheel
