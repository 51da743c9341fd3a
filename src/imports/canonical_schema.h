// The columns of each canonical table (data-model.md) with their types, so that a mapping
// can be checked against them and every mapped value parsed and written in canonical form.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/dataset.h"

namespace flywheel {

enum class FieldType { kId, kText, kDate, kMonth, kMoney, kNumber, kInt, kFraction, kBool, kEnum };

struct CanonicalColumn {
  std::string_view name;
  FieldType type;
  bool required;
  std::vector<std::string_view> enum_values;  // kEnum only, lower case
};

// The columns of table `t`, in the order the canonical CSV is written.
const std::vector<CanonicalColumn>& CanonicalColumns(Table t);
const CanonicalColumn* FindCanonicalColumn(Table t, std::string_view name);

// The table named "subscriptions", ...; nullopt when there is none.
std::optional<Table> TableFromName(std::string_view name);
std::vector<std::string> TableNames();

}  // namespace flywheel
