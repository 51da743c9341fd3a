#include "workspace/table_delta.h"

#include <cstring>
#include <memory>
#include <type_traits>

#include "workspace/row_hash.h"

namespace flywheel {
namespace {

// Builds the ops of a delta, merging consecutive copies and consecutive literal rows.
class OpsBuilder {
 public:
  explicit OpsBuilder(TableDelta* out) : out_(out) {}
  void Copy(int64_t newer_row) {
    if (!out_->ops.empty()) {
      DeltaOp& last = out_->ops.back();
      if (last.from >= 0 && last.from + last.count == newer_row) {
        ++last.count;
        return;
      }
    }
    out_->ops.push_back({newer_row, 1});
  }
  void Literal(size_t older_row) {
    out_->literal_rows.push_back(static_cast<uint32_t>(older_row));
    if (!out_->ops.empty() && out_->ops.back().from < 0) {
      ++out_->ops.back().count;
      return;
    }
    out_->ops.push_back({-1, 1});
  }

 private:
  TableDelta* out_;
};

bool SameNames(const std::vector<StoredColumn>& a, const std::vector<StoredColumn>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name) return false;
  }
  return true;
}

// A table of rows of the older and the newer data set, compared value by value.
struct RowPair {
  const std::vector<StoredColumn>& older;
  const std::vector<StoredColumn>& newer;
  const ValueRemap& remap;
  bool Same(size_t i, size_t j) const {
    for (size_t c = 0; c < older.size(); ++c) {
      if (!SameValue(older[c], i, newer[c], j, remap)) return false;
    }
    return true;
  }
};

void KeyedDelta(const Dataset& older, const Dataset& newer, const RowPair& rows, Table t, TableDelta* out) {
  const StringColumn& older_ids = *std::get<StringColumn*>(rows.older[0].data);
  const StringColumn& newer_ids = *std::get<StringColumn*>(rows.newer[0].data);
  const IdIndex* index = t == Table::kAccounts        ? &newer.accounts.index
                         : t == Table::kOpportunities ? &newer.opportunities.index
                                                      : nullptr;
  (void)older;
  const std::vector<int32_t> same_id = RemapRows(older_ids, newer_ids, index);
  OpsBuilder ops(out);
  for (size_t i = 0; i < same_id.size(); ++i) {
    const int32_t j = same_id[i];
    if (j >= 0 && rows.Same(i, static_cast<size_t>(j)))
      ops.Copy(j);
    else
      ops.Literal(i);
  }
}

void KeylessDelta(const Dataset& older, const Dataset& newer, const RowPair& rows, TableDelta* out) {
  const size_t m = ColumnSize(rows.older[0].data), n = ColumnSize(rows.newer[0].data);
  RowHasher older_hasher(older, rows.older), newer_hasher(newer, rows.newer);
  std::unique_ptr<RowIndex> index;  // built at the first row that is not the next newer one
  OpsBuilder ops(out);
  size_t next = 0;
  for (size_t i = 0; i < m; ++i) {
    if (next < n && rows.Same(i, next)) {
      ops.Copy(static_cast<int64_t>(next++));
      continue;
    }
    if (!index) index = std::make_unique<RowIndex>(newer_hasher, n);
    const int64_t j = index->Find(older_hasher.Hash(i), next, [&](size_t k) { return rows.Same(i, k); });
    if (j < 0) {
      ops.Literal(i);
      continue;
    }
    ops.Copy(j);
    next = static_cast<size_t>(j) + 1;
  }
}

}  // namespace

TableDelta ComputeTableDelta(const Dataset& older, const Dataset& newer, Table t,
                             const ValueRemap& newer_to_older) {
  const std::vector<StoredColumn> o = StoredColumns(older, t), n = StoredColumns(newer, t);
  TableDelta out;
  const size_t m = o.empty() ? 0 : ColumnSize(o[0].data);
  if (!SameNames(o, n)) {  // other attr_* columns: no row is the same
    OpsBuilder ops(&out);
    for (size_t i = 0; i < m; ++i) ops.Literal(i);
    return out;
  }
  const RowPair rows{o, n, newer_to_older};
  if (KeyColumn(t) >= 0)
    KeyedDelta(older, newer, rows, t, &out);
  else
    KeylessDelta(older, newer, rows, &out);
  return out;
}

Status ApplyTableDelta(Dataset& out, const Dataset& newer, const Dataset& literal, Table t,
                       std::span<const DeltaOp> ops, const ValueRemap& newer_to_older, ColumnPass pass) {
  std::vector<StoredColumn> dst = StoredColumns(out, t);
  const std::vector<StoredColumn> src = StoredColumns(newer, t), lit = StoredColumns(literal, t);
  static const ValueRemap kSame;
  for (size_t c = 0; c < dst.size(); ++c) {
    const bool self = t == Table::kAccounts && dst[c].kind == ValueKind::kAccount;
    if ((pass == ColumnPass::kAllButSelfReferences && self) ||
        (pass == ColumnPass::kSelfReferencesOnly && !self)) {
      continue;
    }
    // Columns are matched by name: the older snapshot may have other attr_* columns, and
    // then every row is literal.
    const StoredColumn* from_newer = c < src.size() && src[c].name == dst[c].name ? &src[c] : nullptr;
    if (c >= lit.size() || lit[c].name != dst[c].name) return Status::BadData("its delta is damaged");
    int64_t next_literal = 0;
    for (const DeltaOp& op : ops) {
      if (op.from >= 0) {
        if (from_newer == nullptr) return Status::BadData("its delta is damaged");
        AppendRows(dst[c], *from_newer, static_cast<size_t>(op.from), static_cast<size_t>(op.count),
                   newer_to_older);
      } else {
        AppendRows(dst[c], lit[c], static_cast<size_t>(next_literal), static_cast<size_t>(op.count), kSame);
        next_literal += op.count;
      }
    }
  }
  return Status::Ok();
}

void CopyRows(Dataset& to, const Dataset& from, Table t, std::span<const uint32_t> rows) {
  std::vector<StoredColumn> dst = StoredColumns(to, t);
  const std::vector<StoredColumn> src = StoredColumns(from, t);
  static const ValueRemap kSame;
  for (size_t c = 0; c < dst.size(); ++c) {
    for (size_t k = 0; k < rows.size();) {
      size_t run = 1;  // consecutive rows go in one append
      while (k + run < rows.size() && rows[k + run] == rows[k] + run) ++run;
      AppendRows(dst[c], src[c], rows[k], run, kSame);
      k += run;
    }
  }
}

std::string EncodeDeltaOps(std::span<const DeltaOp> ops) {
  std::string out(ops.size() * 16, '\0');
  for (size_t i = 0; i < ops.size(); ++i) {
    std::memcpy(out.data() + i * 16, &ops[i].from, 8);
    std::memcpy(out.data() + i * 16 + 8, &ops[i].count, 8);
  }
  return out;
}

Result<std::vector<DeltaOp>> DecodeDeltaOps(std::span<const char> bytes, int64_t newer_rows,
                                            int64_t literal_rows, int64_t rows) {
  if (bytes.size() % 16 != 0) return Status::BadData("its delta is damaged");
  std::vector<DeltaOp> ops(bytes.size() / 16);
  int64_t literal = 0, total = 0;
  for (size_t i = 0; i < ops.size(); ++i) {
    std::memcpy(&ops[i].from, bytes.data() + i * 16, 8);
    std::memcpy(&ops[i].count, bytes.data() + i * 16 + 8, 8);
    const DeltaOp& op = ops[i];
    if (op.count < 1 || op.from < -1 || (op.from >= 0 && op.from > newer_rows - op.count)) {
      return Status::BadData("its delta is damaged");
    }
    if (op.from < 0) literal += op.count;
    total += op.count;
  }
  if (literal != literal_rows || total != rows) return Status::BadData("its delta is damaged");
  return ops;
}

}  // namespace flywheel
