// Workspaces of format 1, written before snapshots: one row table per canonical table
// (accounts, contacts, ...) and the import's details in workspace_meta. They are read as they
// are, through the same validating loader as CSV input (SqliteRowSource), as one snapshot
// numbered 1; the next import keeps that data set as snapshot 1 and moves the workspace to
// format 2 (snapshot_store.h).
#pragma once

#include <string>

#include "base/status.h"
#include "ingest/dataset_loader.h"
#include "workspace/snapshot_store.h"
#include "workspace/sqlite_db.h"

namespace flywheel {

struct LegacyDataSet {
  LoadedDataset data;
  SnapshotRecord record;  // snapshot 1, with the import's time, folder and settings
};

// Whether `db` holds a data set of format 1 (its accounts table).
bool HasLegacyDataSet(SqliteDb& db);

// Reads the data set of a format-1 workspace; messages name tables as "DISPLAY:subscriptions".
// REQUIRES: HasLegacyDataSet(db).
Result<LegacyDataSet> ReadLegacyDataSet(SqliteDb& db, const std::string& display);

// Drops the format-1 data tables and workspace_meta's import keys (other keys stay).
Status DropLegacyDataSet(SqliteDb& db);

}  // namespace flywheel
