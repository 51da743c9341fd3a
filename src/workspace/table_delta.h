// How the workspace keeps its older snapshots: the newest snapshot is stored whole, and each
// older one as a delta from the snapshot after it: runs of rows copied from the newer table
// and, in between, the rows that are not in it, stored as they are ("literal" rows). A week
// in which 1 % of the rows changed costs about 1 % of a snapshot.
//
// Rows are matched by primary key where the table has one (a row whose values all equal
// those of the newer row with the same id is copied) and by all their values where it has
// none. Values are compared in each snapshot's own terms through a ValueRemap (column_ops.h),
// so a delta rebuilds the older table exactly: the same rows, in the same order, with the
// same values.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/dataset.h"
#include "workspace/column_ops.h"

namespace flywheel {

struct DeltaOp {
  int64_t from = 0;   // >= 0: copy rows [from, from + count) of the newer table; -1: literal rows
  int64_t count = 0;  // rows
};

struct TableDelta {
  std::vector<DeltaOp> ops;
  std::vector<uint32_t> literal_rows;  // the older table's rows stored as they are, ascending
};

// The delta that rebuilds table t of `older` from table t of `newer`, whose values
// `newer_to_older` maps into older's terms. REQUIRES: both data sets have table t.
TableDelta ComputeTableDelta(const Dataset& older, const Dataset& newer, Table t,
                             const ValueRemap& newer_to_older);

// Which columns ApplyTableDelta appends: accounts refer to themselves (parent_account_id),
// so their rows are appended first without that column, and it after the accounts' index
// of the data set being rebuilt exists.
enum class ColumnPass { kAll, kAllButSelfReferences, kSelfReferencesOnly };

// Appends to table t of `out` (the older data set being rebuilt) the rows of `ops`: copied
// from `newer` through `newer_to_older`, and literal rows from table t of `literal`, which
// holds exactly the delta's literal rows in out's terms. REQUIRES: ops fit both tables
// (DecodeDeltaOps checks them). Fails (kBadData) when ops copy a column the newer table
// lacks (other attr_* columns).
Status ApplyTableDelta(Dataset& out, const Dataset& newer, const Dataset& literal, Table t,
                       std::span<const DeltaOp> ops, const ValueRemap& newer_to_older,
                       ColumnPass pass = ColumnPass::kAll);

// Copies rows `rows` of table t of `from` (ascending) into table t of `to`, values as they
// are: the literal rows of a delta.
void CopyRows(Dataset& to, const Dataset& from, Table t, std::span<const uint32_t> rows);

// The ops as stored: little-endian int64 pairs (from, count).
std::string EncodeDeltaOps(std::span<const DeltaOp> ops);
// Reads stored ops back, checking that they copy only rows of a newer table of
// `newer_rows` rows, take exactly `literal_rows` literal rows and make `rows` rows.
Result<std::vector<DeltaOp>> DecodeDeltaOps(std::span<const char> bytes, int64_t newer_rows,
                                            int64_t literal_rows, int64_t rows);

}  // namespace flywheel
