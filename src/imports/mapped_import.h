// Mapped import: export files + mappings -> canonical tables -> the foundation's import.
//
// Each source file is read with its mapping (a shipped profile or a mapping file) into rows
// of canonical tables; rows of several sources are merged (tables with a `key`, such as
// accounts, merge rows with the same key: the first non-empty value of each column wins, in
// the order the sources were given). A row whose values the mapping cannot read is set aside
// (rejected, with its problems). The rest is then written as canonical CSV files to a
// temporary folder and loaded by the same validating loader as any canonical data set
// (ingest/dataset_loader.h), which sets aside rows in its turn; the loader's messages are
// translated back to the source file and line. The rows set aside by both steps count
// together against max_quarantined_share and go to the workspace's quarantine files.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "imports/import_plan.h"
#include "imports/mapping.h"
#include "ingest/dataset_loader.h"
#include "ingest/table_problems.h"
#include "ingest/text_dialect.h"
#include "model/dataset.h"
#include "workspace/workspace.h"

namespace flywheel {

struct MappedSource {
  Mapping mapping;
  std::string path;
};

// Reads every source with its mapping. Problems are collected in the plan (the plan is
// still returned so that a dry run can show it); a file that cannot be read or split is an
// error.
Result<ImportPlan> PlanMappedImport(const std::vector<MappedSource>& sources);

// The line each row of a canonical file starts on, per table (a value with a line break makes
// a row span two lines).
using CanonicalLines = std::array<std::vector<int64_t>, kTableCount>;

// Writes the plan's tables as canonical CSV files DIR/<table>.csv (DIR must exist).
Result<CanonicalLines> WriteCanonicalTables(const ImportPlan& plan, const std::string& dir);

// Checks the plan with the canonical loader and settles what is set aside, without writing
// anything: fails on file problems; with options.strict on any rejected row or row error;
// else when a table loses more than the settings' max_quarantined_share of its rows. The
// settings file, when options name one, is checked and carried along to be stored.
Result<ValidatedImport> ValidateMappedImport(const ImportPlan& plan, const ValidationOptions& options = {});

// ValidateMappedImport, then StoreImport into the workspace as its next snapshot (all or
// nothing). The snapshot's source, unless `options` gives one, names each export and its
// mapping ("stripe stripe_subscriptions.csv, ...").
Result<ImportSummary> RunMappedImport(const ImportPlan& plan, const std::string& workspace_dir,
                                      const ImportOptions& options = {});

// The dry-run text: per source the mapping (source column -> canonical column, per table),
// row counts, skipped rows with reasons, notes; then the canonical row counts and the
// first `max_problems` problems (none when 0).
std::string FormatImportPlan(const ImportPlan& plan, size_t max_problems = 20);

}  // namespace flywheel
