// The loader's columns are the canonical schema's (model/schema.h): the header columns it
// knows and requires come from the schema, and its hand-written typed parse of each table
// reads exactly the schema's columns, each once.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/dataset_loader.h"
#include "ingest/load_pass.h"
#include "model/schema.h"

namespace flywheel {
namespace {

std::vector<std::string> SchemaNames(Table t) {
  std::vector<std::string> out;
  for (const CanonicalColumn& c : CanonicalColumns(t)) out.emplace_back(c.name);
  return out;
}

// Loads accounts.csv (a header only, unless `files` has one) and `files`.
Result<LoadedDataset> Load(std::map<Table, std::string> files) {
  files.try_emplace(Table::kAccounts, CanonicalHeader(Table::kAccounts) + "\n");
  RowSourceOpener open = [&](Table t) -> Result<std::unique_ptr<RowSource>> {
    auto it = files.find(t);
    if (it == files.end()) return std::unique_ptr<RowSource>();
    return std::unique_ptr<RowSource>(CsvRowSource::FromText(it->second, std::string(TableName(t)) + ".csv"));
  };
  return LoadDataset(open);
}

TEST(LoaderSchemaTest, TypedParseReadsExactlyTheSchemaColumns) {
  for (int i = 0; i < kTableCount; ++i) {
    const Table t = static_cast<Table>(i);
    std::vector<std::string> parsed = ParsedColumns(t);
    std::vector<std::string> schema = SchemaNames(t);
    std::sort(parsed.begin(), parsed.end());
    std::sort(schema.begin(), schema.end());
    EXPECT_EQ(parsed, schema) << TableName(t);
  }
}

TEST(LoaderSchemaTest, EverySchemaColumnIsKnown) {
  std::map<Table, std::string> files;
  for (int i = 0; i < kTableCount; ++i) {
    const Table t = static_cast<Table>(i);
    files[t] = CanonicalHeader(t) + "\n";
  }
  auto loaded = Load(files);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->warnings, std::vector<std::string>());  // no column is ignored
  for (int i = 0; i < kTableCount; ++i) EXPECT_TRUE(loaded->dataset.Has(static_cast<Table>(i)));
}

TEST(LoaderSchemaTest, TheSchemasRequiredColumnsAreRequired) {
  for (int i = 0; i < kTableCount; ++i) {
    const Table t = static_cast<Table>(i);
    for (const CanonicalColumn& left_out : CanonicalColumns(t)) {
      std::string header;
      for (const CanonicalColumn& c : CanonicalColumns(t)) {
        if (c.name != left_out.name) header += (header.empty() ? "" : ",") + std::string(c.name);
      }
      auto loaded = Load({{t, header + "\n"}});
      const std::string file = std::string(TableName(t)) + ".csv";
      if (left_out.required) {
        ASSERT_FALSE(loaded.ok()) << file << " without " << left_out.name;
        EXPECT_EQ(loaded.status().message(),
                  file + ":1: " + std::string(left_out.name) + ": required column is missing");
      } else {
        EXPECT_TRUE(loaded.ok()) << file << " without " << left_out.name << ": " << loaded.status().message();
      }
    }
  }
}

}  // namespace
}  // namespace flywheel
