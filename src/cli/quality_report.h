// What `flywheel check` and `flywheel import` print about the tables they read: per table
// the rows, how many were repaired and set aside, how the file is written (encoding,
// delimiter, line ends), and which validation rules fired, with the first examples.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "ingest/dataset_loader.h"
#include "model/dataset.h"
#include "output/report.h"
#include "workspace/validated_import.h"
#include "workspace/workspace.h"

namespace flywheel {

// The check report: one row per table of the data model (a missing table has status
// "missing" and null cells). Columns: table, rows, repaired, quarantined, status, encoding,
// delimiter, line_ends. JSON rows also carry "errors" and "warnings": per rule its count,
// outcome and first examples ({line, column, message}). `rule_notes` adds the same as
// notes under the table (for the table format).
Report CheckReport(const std::string& as_of, const std::array<bool, kTableCount>& present,
                   const std::vector<TableQuality>& quality, bool rule_notes);

// The import report: one row per stored table (table, rows, repaired, quarantined).
Report ImportReport(const std::vector<TableQuality>& quality);

// "accounts: imported 20 rows, repaired 0, quarantined 0" per table (`verb`: "imported", or
// "would import" for a dry run).
std::string ImportSummaryLines(const std::vector<TableQuality>& quality, const std::string& verb);

// Prints what an import (or its dry run, verb "would import") did to each table: the summary
// lines and `notes` for the table format, else the import report with `notes`.
Status PrintImportResult(const std::vector<TableQuality>& quality, const std::vector<std::string>& notes,
                         const std::string& verb, const std::string& format);

// The end of every import: prints the warnings of the validated data set, then stores it in
// `workspace_dir` as its next snapshot (unless `dry_run`) and prints what it did to each
// table (PrintImportResult), where the rows set aside went, the workspace, the snapshot's
// number and the deal history it derived.
Status FinishImport(ValidatedImport validated, const ImportOptions& options, const std::string& workspace_dir,
                    bool dry_run, const std::string& format);

// The notes of the rules that fired: "opportunities.csv: warning closed_before_created ×15:
// created_at := closed_at" and up to three example lines under each.
std::vector<std::string> RuleNotes(const std::vector<TableQuality>& quality);

}  // namespace flywheel
