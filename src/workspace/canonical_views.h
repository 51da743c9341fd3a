// The canonical tables as SQL views over the column store, so that the `sqlite3` shell (or
// any SQLite client) reads a workspace's newest snapshot with the column names and types of
// data-model.md: `SELECT * FROM subscriptions`.
//
// A view decodes the stored chunks (column_chunks.h) with SQLite's own functions: a value's
// bytes are read as hex text, numbers put together from them (doubles with power(), which
// SQLite has when built with its math functions, as Debian's is), dates made with date(),
// codes and references looked up in the chunks of the dictionary and of the referenced
// table. That is far slower than flywheel's own load, but needs
// no extension. The views are made again by every import (their constants: the snapshot,
// its row counts and chunk sizes) and refer to that snapshot only.
#pragma once

#include <string>
#include <vector>

#include "model/dataset.h"
#include "workspace/snapshot_store.h"

namespace flywheel {

// The names of the views (those of the 14 canonical tables).
std::vector<std::string> CanonicalViewNames();

// SQL that drops the canonical views and creates the views of the tables that `d`, just
// stored whole as the snapshot of `record`, has. (A workspace of format 1 kept its data
// in tables of those names: they must be dropped first.) The view opportunity_history has
// one column more than the file: `source`, 'export' for a row that came with an export's
// opportunity_history.csv, 'snapshot' for one derived from the changes between snapshots
// (record.derived_history_from on).
std::string CanonicalViewsSql(const Dataset& d, const SnapshotRecord& record);

}  // namespace flywheel
