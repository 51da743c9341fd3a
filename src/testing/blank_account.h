// AppendBlankAccount: an account row for tests that build tables by hand.
#pragma once

#include <string_view>

#include "model/dataset.h"

namespace flywheel {

// Appends an account with its id, name and segment, every other column empty, and indexes
// it. Returns its row.
inline AccountIndex AppendBlankAccount(Accounts* a, std::string_view id, std::string_view name = "",
                                       Code segment = kNullCode) {
  const auto row = static_cast<AccountIndex>(a->size());
  a->id.push_back(id);
  a->IndexLast();
  a->name.push_back(name);
  a->segment.push_back(segment);
  for (auto* column : {&a->industry, &a->country, &a->region, &a->source}) column->push_back(kNullCode);
  a->employees.push_back(kNullInt);
  a->annual_revenue.push_back(kNullNumber);
  a->created_at.push_back(kNullDay);
  a->parent.push_back(kNoAccount);
  for (auto& column : a->attributes) column.push_back(kNullCode);
  return row;
}

}  // namespace flywheel
