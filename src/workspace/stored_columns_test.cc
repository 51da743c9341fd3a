// The workspace's columns are the canonical schema's (model/schema.h): StoredColumns, from
// which the column store and the SQL views (their CREATE VIEW column lists) are made, names
// each table's schema columns in canonical order with a kind that fits the schema's type,
// and a row with a value in every schema column reads back, column by column, as written.
#include "workspace/stored_columns.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/dataset_loader.h"
#include "model/schema.h"
#include "workspace/column_ops.h"

namespace flywheel {
namespace {

// The value kinds a column of schema type `c` may be stored as.
bool KindFits(const CanonicalColumn& c, ValueKind kind) {
  if (c.references) {
    const Table to = *c.references;
    return kind == (to == Table::kAccounts        ? ValueKind::kAccount
                    : to == Table::kOpportunities ? ValueKind::kOpportunity
                                                  : ValueKind::kContact);
  }
  switch (c.type) {
    case FieldType::kId:
      return kind == ValueKind::kText;
    case FieldType::kText:
    case FieldType::kCurrency:
      return kind == ValueKind::kText || kind == ValueKind::kCode;
    case FieldType::kDate:
      return kind == ValueKind::kDate || kind == ValueKind::kEndDate;
    case FieldType::kMonth:
      return kind == ValueKind::kMonth;
    case FieldType::kMoney:
    case FieldType::kNumber:
    case FieldType::kFraction:
      return kind == ValueKind::kNumber;
    case FieldType::kInt:
      return kind == ValueKind::kInteger;
    case FieldType::kBool:
      return kind == ValueKind::kBool;
    case FieldType::kEnum:
      return kind == ValueKind::kEnum;
  }
  return false;
}

TEST(StoredColumnsTest, AreTheSchemaColumnsInCanonicalOrder) {
  Dataset d;
  for (int i = 0; i < kTableCount; ++i) {
    const Table t = static_cast<Table>(i);
    SCOPED_TRACE(std::string(TableName(t)));
    const std::vector<StoredColumn> stored = StoredColumns(d, t);
    const std::vector<CanonicalColumn>& schema = CanonicalColumns(t);
    ASSERT_EQ(stored.size(), schema.size());
    for (size_t k = 0; k < schema.size(); ++k) {
      EXPECT_EQ(stored[k].name, schema[k].name);
      EXPECT_TRUE(KindFits(schema[k], stored[k].kind)) << schema[k].name;
      std::vector<std::string_view> words;
      for (const auto& [value, name] : stored[k].enum_values) words.push_back(name);
      EXPECT_EQ(words,
                std::vector<std::string_view>(schema[k].enum_values.begin(), schema[k].enum_values.end()))
          << schema[k].name;
    }
    EXPECT_EQ(KeyColumn(t), KeyColumnIndex(t));
  }
}

// A value of column `c` as a canonical CSV field: keys and references name the key of their
// table, enums take their last word (never a default), dates are all one day (so that no
// date is before another).
std::string SampleValue(Table t, const CanonicalColumn& c) {
  if (c.key) return std::string(TableName(t)) + "-1";
  if (c.references) return std::string(TableName(*c.references)) + "-1";
  switch (c.type) {
    case FieldType::kId:
    case FieldType::kText:
      return std::string(TableName(t)) + " " + std::string(c.name);
    case FieldType::kCurrency:
      return "EUR";
    case FieldType::kDate:
      return "2024-03-01";
    case FieldType::kMonth:
      return "2024-03";
    case FieldType::kMoney:
    case FieldType::kNumber:
      return "12.5";
    case FieldType::kFraction:
      return "0.25";
    case FieldType::kInt:
      return "7";
    case FieldType::kBool:
      return "true";
    case FieldType::kEnum:
      return std::string(c.enum_values.back());
  }
  return "";
}

// The loader parses every schema column into the column StoredColumns names for it.
TEST(StoredColumnsTest, EverySchemaColumnReadsBackAsWritten) {
  std::map<Table, std::string> files;
  for (int i = 0; i < kTableCount; ++i) {
    const Table t = static_cast<Table>(i);
    std::string row;
    for (const CanonicalColumn& c : CanonicalColumns(t)) row += (row.empty() ? "" : ",") + SampleValue(t, c);
    files[t] = CanonicalHeader(t) + "\n" + row + "\n";
  }
  RowSourceOpener open = [&](Table t) -> Result<std::unique_ptr<RowSource>> {
    return std::unique_ptr<RowSource>(CsvRowSource::FromText(files[t], std::string(TableName(t)) + ".csv"));
  };
  auto loaded = LoadDataset(open);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const Dataset& d = loaded->dataset;
  for (int i = 0; i < kTableCount; ++i) {
    const Table t = static_cast<Table>(i);
    ASSERT_EQ(d.RowCount(t), 1u) << TableName(t);
    const std::vector<StoredColumn> stored = StoredColumns(d, t);
    const std::vector<CanonicalColumn>& schema = CanonicalColumns(t);
    ASSERT_EQ(stored.size(), schema.size()) << TableName(t);
    for (size_t k = 0; k < schema.size(); ++k) {
      EXPECT_EQ(ValueText(d, stored[k], 0), SampleValue(t, schema[k]))
          << TableName(t) << "." << schema[k].name;
    }
  }
}

}  // namespace
}  // namespace flywheel
