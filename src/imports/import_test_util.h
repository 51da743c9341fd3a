// Test helpers for the imports module: paths of fixtures and reading canonical rows.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "imports/mapped_import.h"
#include "imports/shipped_profiles.h"

namespace flywheel::testing {

inline std::string ImportFixture(const std::string& name) {
  return std::string(FLYWHEEL_TEST_SOURCE_DIR) + "/tests/fixtures/imports/" + name;
}

// Plans the import of one file with a shipped profile; fails the test on error.
inline ImportPlan PlanWithProfile(const std::string& profile, const std::string& path) {
  auto mapping = FindShippedProfile(profile);
  EXPECT_TRUE(mapping.ok()) << mapping.status().message();
  auto plan = PlanMappedImport({MappedSource{*mapping, path}});
  EXPECT_TRUE(plan.ok()) << plan.status().message();
  return plan.ok() ? *plan : ImportPlan{};
}

inline const CanonicalTable* FindTable(const ImportPlan& plan, Table t) {
  for (const auto& table : plan.tables) {
    if (table.table == t) return &table;
  }
  return nullptr;
}

// The row's values for `columns`, joined with '|' (missing = "").
inline std::string RowText(const CanonicalRow& row, const std::vector<std::string>& columns) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    auto it = row.values.find(columns[i]);
    out += (i ? "|" : "") + (it == row.values.end() ? std::string() : it->second);
  }
  return out;
}

inline std::vector<std::string> TableText(const ImportPlan& plan, Table t,
                                          const std::vector<std::string>& columns) {
  std::vector<std::string> out;
  if (const CanonicalTable* table = FindTable(plan, t)) {
    for (const auto& row : table->rows) out.push_back(RowText(row, columns));
  }
  return out;
}

}  // namespace flywheel::testing
