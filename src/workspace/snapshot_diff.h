// What changed between two snapshots of a workspace (`flywheel diff`), table by table: the
// rows added and removed, and for tables with a primary key the rows changed, with each
// changed column's value before and after.
//
// Rows are matched by primary key where the table has one; elsewhere a row is identified by
// all its values, so a changed row shows as one removed and one added (rows that are equal
// count as many times as they appear). Values are compared as the CSV would hold them
// (column_ops.h ValueText): dictionary codes and row numbers, which differ between
// snapshots, never show.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/dataset.h"

namespace flywheel {

struct ColumnChange {
  std::string column, before, after;  // "" for an empty value
};

enum class RowChangeKind { kAdded, kRemoved, kChanged };

struct RowChange {
  RowChangeKind kind = RowChangeKind::kAdded;
  // The row's id where the table has a primary key; else its values as
  // "column=value, ..." (empty values left out).
  std::string key;
  std::vector<ColumnChange> columns;  // kChanged: the columns that differ, in table order
};

struct TableChanges {
  Table table = Table::kAccounts;
  bool in_before = false, in_after = false;  // whether each snapshot has the table
  int64_t added = 0, removed = 0, changed = 0;
  std::vector<RowChange> rows;  // added (after's order), removed (before's order), changed (after's order)
};

// The changes of every table either snapshot has, in Table order.
std::vector<TableChanges> DiffDatasets(const Dataset& before, const Dataset& after);

std::string_view RowChangeKindName(RowChangeKind kind);  // "added", "removed", "changed"

}  // namespace flywheel
