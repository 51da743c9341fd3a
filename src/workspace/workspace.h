// Workspace: a SQLite database (WS/workspace.db) that holds a whole data set.
//
// Import replaces the data tables in one transaction: it either commits all of the new
// data set or leaves the previous contents untouched (also when the process is killed at
// any point: SQLite's journal rolls an unfinished transaction back on the next open).
// Tables that later capabilities keep in the workspace (score snapshots, sales programs)
// are not touched by a re-import.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/dataset_loader.h"
#include "workspace/quarantine_files.h"
#include "workspace/validated_import.h"

namespace flywheel {

struct ImportOptions {
  ValidationOptions validation;
  // Test hook for fault injection: called before each row is written with the number of
  // rows written so far; a non-ok Status aborts the import as a failed write would.
  std::function<Status(int64_t rows_written)> before_write;
  // Test hook: false leaves the committed import's quarantine folder unpublished, as a
  // process killed right after the commit would.
  std::function<bool()> publish_quarantine;
};

struct ImportSummary {
  std::vector<std::pair<std::string, int64_t>> row_counts;  // table name -> rows
  std::vector<std::string> warnings;
  std::vector<TableQuality> quality;   // per stored table: rows read, repaired, quarantined
  std::string quarantine_dir;          // WS/quarantine when rows were set aside, else ""
};

// Stores a validated data set, its settings and its quarantine files in `workspace_dir`,
// creating the folder and database if needed: one transaction, all or nothing (the
// quarantine files too, see quarantine_files.h).
Result<ImportSummary> StoreImport(ValidatedImport import, const std::string& workspace_dir,
                                  const ImportOptions& options = {});

// ValidateDataDirectory, then StoreImport. On failure nothing changes.
Result<ImportSummary> ImportDataDirectory(const std::string& data_dir, const std::string& workspace_dir,
                                          const ImportOptions& options = {});

struct LoadedWorkspace {
  LoadedDataset data;
  std::string settings_toml;  // the stored flywheel.toml text, "" when none was imported
};

// Reads the data set back through the same validating loader as CSV input, so reports
// from --workspace and --data are identical. A missing workspace is kNotFound.
Result<LoadedWorkspace> LoadWorkspace(const std::string& workspace_dir);

}  // namespace flywheel
