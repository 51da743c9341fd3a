// Mapped import: export files + mappings -> canonical tables -> the foundation's import.
//
// Each source file is read with its mapping (a shipped profile or a mapping file) into rows
// of canonical tables; rows of several sources are merged (tables with a `key`, such as
// accounts, merge rows with the same key: the first non-empty value of each column wins, in
// the order the sources were given). The result is then written as canonical CSV files to
// a temporary folder and loaded by the same validating loader and all-or-nothing workspace
// import as any canonical data set (ingest/dataset_loader.h, workspace/workspace.h); the
// loader's messages are translated back to the source file and line.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "imports/mapping.h"
#include "ingest/dataset_loader.h"
#include "model/dataset.h"
#include "workspace/workspace.h"

namespace flywheel {

struct CanonicalRow {
  std::map<std::string, std::string> values;  // canonical column -> canonical text ("" = null)
  std::string file;                           // where the row came from (the first source, when merged)
  int64_t line = 0;
};

struct CanonicalTable {
  Table table = Table::kAccounts;
  std::vector<CanonicalRow> rows;
  // The CSV header: the schema's columns, then attr_* columns in order of appearance.
  std::vector<std::string> Columns() const;
};

struct SkippedRow {
  int64_t line = 0;
  std::string reason;
};

struct TablePlan {
  Table target = Table::kAccounts;
  std::vector<std::pair<std::string, std::string>> columns;  // canonical column, where it comes from
  int64_t rows = 0;
};

struct SourcePlan {
  std::string file;      // display name (the file name)
  std::string mapping;   // profile or mapping name
  int64_t rows = 0;      // data rows in the file
  std::vector<TablePlan> tables;
  std::vector<SkippedRow> skipped;
  std::vector<std::string> notes;  // e.g. ids derived because the file has no id column
};

struct ImportPlan {
  std::vector<SourcePlan> sources;
  std::vector<CanonicalTable> tables;  // merged, in Table order
  std::vector<std::string> problems;   // "file:line: column: reason"
};

struct MappedSource {
  Mapping mapping;
  std::string path;
};

// Reads every source with its mapping. Values that cannot be mapped are collected in
// plan.problems (the plan is still returned so that a dry run can show it); a file that
// cannot be read or split is an error.
Result<ImportPlan> PlanMappedImport(const std::vector<MappedSource>& sources);

// Writes the plan's tables as canonical CSV files DIR/<table>.csv (DIR must exist).
Status WriteCanonicalTables(const ImportPlan& plan, const std::string& dir);

// Checks the plan with the canonical loader without writing anything. Fails with the
// plan's problems when there are any, else with the loader's (translated) messages.
Result<LoadedDataset> ValidateMappedImport(const ImportPlan& plan);

// Imports the plan into the workspace as its next snapshot, all or nothing
// (ImportDataDirectory). The snapshot's source, unless `options` gives one, names each
// export and its mapping ("stripe stripe_subscriptions.csv, ...").
Result<ImportSummary> RunMappedImport(const ImportPlan& plan, const std::string& workspace_dir,
                                      const ImportOptions& options = {});

// The dry-run text: per source the mapping (source column -> canonical column, per table),
// row counts, skipped rows with reasons, notes; then the canonical row counts and the
// first `max_problems` problems (none when 0).
std::string FormatImportPlan(const ImportPlan& plan, size_t max_problems = 20);

}  // namespace flywheel
