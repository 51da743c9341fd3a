// The columns of each canonical table as the workspace stores them: the one list, in
// data-model.md order, that the column store (column_chunks.h), the SQL views of the
// canonical tables (canonical_views.h), the matching of rows between snapshots
// (table_delta.h) and `flywheel diff` (snapshot_diff.h) read.
//
// A StoredColumn points into a Dataset; it names the column as the CSV header does and says
// what its values mean (ValueKind) and how they are held (ColumnData).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "model/dataset.h"

namespace flywheel {

enum class ValueKind : uint8_t {
  kText,         // free text (StringColumn), "" when empty
  kCode,         // a code of Dataset::dict, kNullCode when empty
  kAccount,      // a row of accounts, shown as its account_id; -1 when empty
  kOpportunity,  // a row of opportunities, shown as its opportunity_id; -1 when empty
  kContact,      // a row of contacts, shown as its contact_id; -1 when empty
  kDate,         // a Day, kNullDay when empty
  kEndDate,      // a Day, kOpenEnd when empty (subscriptions.end_date)
  kMonth,        // a Month, kNullMonth when empty
  kNumber,       // a double, NaN when empty
  kInteger,      // an int64 (kNullInt when empty) or an int8 (-1 when empty: nps score)
  kBool,         // an int8: 1, 0, or -1 when empty
  kEnum,         // a small integer naming one of StoredColumn::enum_values, -1 when empty
};

// How a column is held in the Dataset. Day, Month and row references are int32_t.
using ColumnData =
    std::variant<StringColumn*, CodeColumn*, NumberColumn*, std::vector<Code>*, std::vector<int32_t>*,
                 std::vector<int64_t>*, std::vector<double>*, std::vector<int8_t>*,
                 std::vector<OpportunityType>*, std::vector<OpportunityStatus>*, std::vector<BillingPeriod>*,
                 std::vector<RevenueType>*, std::vector<Escalation>*, std::vector<AdvocacyType>*,
                 std::vector<SpendCategory>*, std::vector<BowtieStage>*>;

struct StoredColumn {
  std::string name;  // the canonical CSV column name ("account_id", "attr_tier", ...)
  ValueKind kind = ValueKind::kText;
  ColumnData data;
  // kEnum: each value and its lower-case name, in the order of the values.
  std::vector<std::pair<int, std::string_view>> enum_values;
};

// The columns of table `t` of `d`, in data-model.md order; accounts end with its attr_*
// columns. The pointers are into `d`: the list is valid while `d` is, and writing through
// them changes `d` (a const Dataset is only read through them).
std::vector<StoredColumn> StoredColumns(Dataset& d, Table t);
std::vector<StoredColumn> StoredColumns(const Dataset& d, Table t);

// The position in StoredColumns of the column that is table t's primary key (the row's id),
// or -1 for the tables without one (opportunity_history, usage, nps, ...).
int KeyColumn(Table t);

// The number of rows of a column.
size_t ColumnSize(const ColumnData& data);

}  // namespace flywheel
