// The canonical schema: for each table of the data model (data-model.md) its columns in
// canonical order, each with its type, whether a value is required, its words (enums), its
// default, and whether it is the table's primary key or refers to a row of another table.
//
// It is the one description of the canonical tables: the loader's known and required
// columns (ingest/), the imports' canonical columns (imports/), the workspace's stored
// columns and SQL views (workspace/), the demo data's CSV headers (demo/) and the column
// table of docs/DATA.md are derived from it, and their tests check that they are.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/dataset.h"
#include "model/enum_words.h"

namespace flywheel {

enum class FieldType {
  kId,        // any text, kept as given
  kText,      // any text
  kCurrency,  // an ISO 4217 code, any case
  kDate,      // YYYY-MM-DD (or an ISO timestamp, cut to its UTC date)
  kMonth,     // YYYY-MM
  kMoney,     // a decimal amount
  kNumber,    // a decimal number
  kInt,       // a whole number
  kFraction,  // a number from 0 to 1
  kBool,      // true/false/yes/no/1/0
  kEnum,      // one of the column's words
};

// "id", "text", "currency", ...: the type's name in docs/DATA.md.
std::string_view FieldTypeName(FieldType type);

struct CanonicalColumn {
  std::string_view name;
  FieldType type = FieldType::kText;
  bool required = false;
  std::span<const std::string_view> enum_values;  // kEnum only: one of model/enum_words.h
  std::string_view default_value;                 // what an empty value means; "" when null
  bool key = false;                               // the table's primary key
  std::optional<Table> references;                // the table whose key the value names
};

// The columns of table `t`, in the order the canonical CSV is written.
const std::vector<CanonicalColumn>& CanonicalColumns(Table t);
// The column `name` of table `t`, or null.
const CanonicalColumn* FindCanonicalColumn(Table t, std::string_view name);
// The position of table t's primary key among its columns, or -1 for a table without one.
int KeyColumnIndex(Table t);
// The canonical CSV header of table `t`: its column names joined with commas.
std::string CanonicalHeader(Table t);

// The table named "subscriptions", ...; nullopt when there is none.
std::optional<Table> TableFromName(std::string_view name);
std::vector<std::string> TableNames();

}  // namespace flywheel
