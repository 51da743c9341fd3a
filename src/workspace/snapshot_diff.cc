#include "workspace/snapshot_diff.h"

#include <memory>

#include "workspace/column_ops.h"
#include "workspace/row_hash.h"
#include "workspace/stored_columns.h"

namespace flywheel {
namespace {

// One table of both snapshots, with the values of `after` mapped into before's terms.
struct TablePair {
  const Dataset& before;
  const Dataset& after;
  std::vector<StoredColumn> b, a;
  std::vector<int> b_of_a;  // for each column of a, the column of b with its name, or -1
  ValueRemap remap;         // after -> before

  TablePair(const Dataset& before_data, const Dataset& after_data, Table t)
      : before(before_data),
        after(after_data),
        b(StoredColumns(before_data, t)),
        a(StoredColumns(after_data, t)) {
    for (const StoredColumn& column : a) {
      int found = -1;
      for (size_t k = 0; k < b.size(); ++k) {
        if (b[k].name == column.name) found = static_cast<int>(k);
      }
      b_of_a.push_back(found);
    }
    remap.codes = RemapCodes(after.dict, before.dict);
    remap.accounts = RemapRows(after.accounts.id, before.accounts.id, &before.accounts.index);
    remap.opportunities =
        RemapRows(after.opportunities.id, before.opportunities.id, &before.opportunities.index);
    remap.contacts = RemapRows(after.contacts.id, before.contacts.id, nullptr);
  }

  // The columns of row j of after that differ from row i of before (columns only one side
  // has compare with an empty value).
  std::vector<ColumnChange> Differences(size_t i, size_t j) const {
    std::vector<ColumnChange> out;
    for (size_t c = 0; c < a.size(); ++c) {
      const int k = b_of_a[c];
      if (k >= 0 && SameValue(b[k], i, a[c], j, remap)) continue;
      ColumnChange change{a[c].name, k >= 0 ? ValueText(before, b[k], i) : "", ValueText(after, a[c], j)};
      if (change.before != change.after) out.push_back(std::move(change));
    }
    for (size_t k = 0; k < b.size(); ++k) {
      bool in_after = false;
      for (int m : b_of_a) in_after |= m == static_cast<int>(k);
      if (in_after) continue;
      ColumnChange change{b[k].name, ValueText(before, b[k], i), ""};
      if (!change.before.empty()) out.push_back(std::move(change));
    }
    return out;
  }
  bool Same(size_t i, size_t j) const {
    for (size_t c = 0; c < a.size(); ++c) {
      if (b_of_a[c] != static_cast<int>(c) || !SameValue(b[c], i, a[c], j, remap)) return false;
    }
    return true;
  }
};

std::string RowKey(const Dataset& d, const std::vector<StoredColumn>& columns, size_t row, bool keyed) {
  if (keyed) return ValueText(d, columns[0], row);
  std::string out;
  for (const StoredColumn& c : columns) {
    const std::string v = ValueText(d, c, row);
    if (v.empty()) continue;
    if (!out.empty()) out += ", ";
    out += c.name + "=" + v;
  }
  return out;
}

void AddRemoved(const TablePair& p, const std::vector<bool>& matched, bool keyed, TableChanges* out) {
  for (size_t i = 0; i < matched.size(); ++i) {
    if (matched[i]) continue;
    out->rows.push_back({RowChangeKind::kRemoved, RowKey(p.before, p.b, i, keyed), {}});
    ++out->removed;
  }
}

void KeyedChanges(const TablePair& p, size_t before_rows, size_t after_rows, Table t, TableChanges* out) {
  const IdIndex* index = t == Table::kAccounts        ? &p.before.accounts.index
                         : t == Table::kOpportunities ? &p.before.opportunities.index
                                                      : nullptr;
  const StringColumn empty;
  const StringColumn& before_ids = before_rows ? *std::get<StringColumn*>(p.b[0].data) : empty;
  const std::vector<int32_t> match = RemapRows(*std::get<StringColumn*>(p.a[0].data), before_ids, index);
  std::vector<bool> matched(before_rows, false);
  std::vector<RowChange> changed;
  for (size_t j = 0; j < after_rows; ++j) {
    if (match[j] < 0) {
      out->rows.push_back({RowChangeKind::kAdded, RowKey(p.after, p.a, j, true), {}});
      ++out->added;
      continue;
    }
    const auto i = static_cast<size_t>(match[j]);
    matched[i] = true;
    std::vector<ColumnChange> columns = p.Differences(i, j);
    if (!columns.empty())
      changed.push_back({RowChangeKind::kChanged, RowKey(p.after, p.a, j, true), std::move(columns)});
  }
  AddRemoved(p, matched, true, out);
  out->changed = static_cast<int64_t>(changed.size());
  for (RowChange& c : changed) out->rows.push_back(std::move(c));
}

void KeylessChanges(const TablePair& p, size_t before_rows, size_t after_rows, TableChanges* out) {
  RowHasher before_hasher(p.before, p.b), after_hasher(p.after, p.a);
  std::unique_ptr<RowIndex> index;
  std::vector<bool> matched(before_rows, false);
  size_t next = 0;
  for (size_t j = 0; j < after_rows; ++j) {
    int64_t i = -1;
    if (next < before_rows && !matched[next] && p.Same(next, j)) {
      i = static_cast<int64_t>(next);
    } else if (before_rows > 0) {
      if (!index) index = std::make_unique<RowIndex>(before_hasher, before_rows);
      i = index->Find(after_hasher.Hash(j), next, [&](size_t k) { return !matched[k] && p.Same(k, j); });
    }
    if (i < 0) {
      out->rows.push_back({RowChangeKind::kAdded, RowKey(p.after, p.a, j, false), {}});
      ++out->added;
      continue;
    }
    matched[static_cast<size_t>(i)] = true;
    next = static_cast<size_t>(i) + 1;
  }
  AddRemoved(p, matched, false, out);
}

}  // namespace

std::vector<TableChanges> DiffDatasets(const Dataset& before, const Dataset& after) {
  std::vector<TableChanges> out;
  for (int k = 0; k < kTableCount; ++k) {
    const Table t = static_cast<Table>(k);
    if (!before.Has(t) && !after.Has(t)) continue;
    TableChanges changes;
    changes.table = t;
    changes.in_before = before.Has(t);
    changes.in_after = after.Has(t);
    const TablePair pair(before, after, t);
    const size_t before_rows = before.RowCount(t), after_rows = after.RowCount(t);
    if (KeyColumn(t) >= 0)
      KeyedChanges(pair, before_rows, after_rows, t, &changes);
    else
      KeylessChanges(pair, before_rows, after_rows, &changes);
    out.push_back(std::move(changes));
  }
  return out;
}

std::string_view RowChangeKindName(RowChangeKind kind) {
  switch (kind) {
    case RowChangeKind::kAdded:
      return "added";
    case RowChangeKind::kRemoved:
      return "removed";
    case RowChangeKind::kChanged:
      return "changed";
  }
  return "";
}

}  // namespace flywheel
