#include "cli/quality_report.h"

#include <fmt/core.h>

#include <memory>

#include "cli/input.h"
#include "ingest/validation_rules.h"
#include "output/json_writer.h"
#include "workspace/workspace.h"

namespace flywheel {

namespace {

struct CheckRow {
  std::string file;
  const TableQuality* quality = nullptr;  // null: the table is missing
};

std::vector<Cell> CheckCells(const CheckRow& row) {
  if (row.quality == nullptr)
    return {row.file, Cell(), Cell(), Cell(), std::string("missing"), Cell(), Cell(), Cell()};
  const TableQuality& q = *row.quality;
  std::vector<Cell> cells = {row.file, q.rows_loaded, q.repaired, q.quarantined, std::string("loaded")};
  if (q.dialect) {
    cells.emplace_back(q.dialect->encoding);
    cells.emplace_back(DelimiterName(q.dialect->delimiter));
    cells.emplace_back(std::string(LineEndsName(q.dialect->line_ends)));
  } else {
    cells.insert(cells.end(), 3, Cell());
  }
  return cells;
}

void WriteTallies(JsonWriter* w, const std::vector<RuleTally>& tallies) {
  w->BeginArray();
  for (const RuleTally& t : tallies) {
    w->BeginObject();
    w->Key("rule");
    w->String(t.rule);
    w->Key("count");
    w->Int(t.count);
    w->Key("outcome");
    w->String(FindValidationRule(t.rule).outcome);
    w->Key("examples");
    w->BeginArray();
    for (const RowProblem& p : t.examples) {
      w->BeginObject();
      w->Key("line");
      w->Int(p.line);
      w->Key("column");
      w->String(p.column);
      w->Key("message");
      w->String(p.message);
      w->EndObject();
    }
    w->EndArray();
    w->EndObject();
  }
  w->EndArray();
}

// The tallies as a JSON array (the JSON-only "errors" and "warnings" of a row).
std::string TalliesJson(const TableQuality* quality, bool errors) {
  std::string text;
  JsonWriter w(&text);
  WriteTallies(&w, quality ? (errors ? quality->errors : quality->warnings) : std::vector<RuleTally>());
  return text;
}

void AddRuleNotes(const std::string& file, const char* kind, const std::vector<RuleTally>& tallies,
                  std::vector<std::string>* out) {
  for (const RuleTally& t : tallies) {
    out->push_back(
        fmt::format("{}: {} {} ×{}: {}", file, kind, t.rule, t.count, FindValidationRule(t.rule).outcome));
    for (const RowProblem& p : t.examples) {
      out->push_back(
          fmt::format("  line {}: {}{}", p.line, p.column.empty() ? "" : p.column + ": ", p.message));
    }
  }
}

}  // namespace

Report CheckReport(const std::string& as_of, const std::array<bool, kTableCount>& present,
                   const std::vector<TableQuality>& quality, bool rule_notes) {
  Report report;
  report.name = "check";
  report.as_of = as_of;
  report.columns = {
      {"table", ColumnKind::kText, "Table"},          {"rows", ColumnKind::kInteger, "Rows"},
      {"repaired", ColumnKind::kInteger, "Repaired"}, {"quarantined", ColumnKind::kInteger, "Quarantined"},
      {"status", ColumnKind::kText, "Status"},        {"encoding", ColumnKind::kText, "Encoding"},
      {"delimiter", ColumnKind::kText, "Delimiter"},  {"line_ends", ColumnKind::kText, "Line ends"}};
  auto rows = std::make_shared<std::vector<CheckRow>>();
  auto kept = std::make_shared<std::vector<TableQuality>>(quality);
  for (int t = 0; t < kTableCount; ++t) {
    CheckRow row;
    row.file = std::string(TableName(static_cast<Table>(t))) + ".csv";
    if (present[t]) {
      for (const TableQuality& q : *kept) {
        if (q.table == static_cast<Table>(t)) row.quality = &q;
      }
    }
    rows->push_back(row);
  }
  report.row_at_count = rows->size();
  // JSON rows add each table's errors and warnings.
  report.json_columns = {{"errors", ColumnKind::kText, "", false, "", "", true},
                         {"warnings", ColumnKind::kText, "", false, "", "", true}};
  report.row_at = [rows, kept](size_t i, std::vector<Cell>* cells) {
    const CheckRow& row = (*rows)[i];
    *cells = CheckCells(row);
    cells->emplace_back(TalliesJson(row.quality, true));
    cells->emplace_back(TalliesJson(row.quality, false));
  };
  if (rule_notes) report.notes = RuleNotes(quality);
  return report;
}

Report ImportReport(const std::vector<TableQuality>& quality) {
  Report report;
  report.name = "import";
  report.columns = {{"table", ColumnKind::kText, "Table"},
                    {"rows", ColumnKind::kInteger, "Rows"},
                    {"repaired", ColumnKind::kInteger, "Repaired"},
                    {"quarantined", ColumnKind::kInteger, "Quarantined"}};
  for (const TableQuality& q : quality) {
    report.rows.push_back({std::string(TableName(q.table)), q.rows_loaded, q.repaired, q.quarantined});
  }
  return report;
}

std::string ImportSummaryLines(const std::vector<TableQuality>& quality, const std::string& verb) {
  std::string out;
  for (const TableQuality& q : quality) {
    out += fmt::format("{}: {} {} row{}, repaired {}, quarantined {}\n", TableName(q.table), verb,
                       q.rows_loaded, q.rows_loaded == 1 ? "" : "s", q.repaired, q.quarantined);
  }
  return out;
}

Status PrintImportResult(const std::vector<TableQuality>& quality, const std::vector<std::string>& notes,
                         const std::string& verb, const std::string& format) {
  if (format != "table") {
    Report report = ImportReport(quality);
    report.notes = notes;
    return PrintReport(report, format);
  }
  std::string out = ImportSummaryLines(quality, verb);
  for (const auto& note : notes) out += note + "\n";
  fmt::print("{}", out);
  return Status::Ok();
}

Status FinishImport(ValidatedImport validated, const ImportOptions& options, const std::string& workspace_dir,
                    bool dry_run, const std::string& format) {
  PrintWarnings(validated.data.warnings);
  if (dry_run) {
    return PrintImportResult(validated.data.quality, {"dry run: the workspace was not changed"},
                             "would import", format);
  }
  std::vector<std::string> tables;
  for (const QuarantineFile& f : validated.quarantine) {
    if (!f.rows.empty()) tables.push_back(f.table);
  }
  auto summary = StoreImport(std::move(validated), workspace_dir, options);
  if (!summary.ok()) return summary.status();
  std::vector<std::string> notes;
  for (const auto& table : tables)
    notes.push_back(fmt::format("quarantined rows: {}/{}.csv", summary->quarantine_dir, table));
  notes.push_back(fmt::format("imported into {}", workspace_dir));
  notes.push_back(fmt::format("stored as snapshot {}", summary->snapshot));
  if (summary->derived_history_rows >= 0) {
    notes.push_back(
        fmt::format("opportunity_history.csv: {} row{} derived from the changes of snapshots up to this one",
                    summary->derived_history_rows, summary->derived_history_rows == 1 ? "" : "s"));
  }
  return PrintImportResult(summary->quality, notes, "imported", format);
}

std::vector<std::string> RuleNotes(const std::vector<TableQuality>& quality) {
  std::vector<std::string> out;
  for (const TableQuality& q : quality) {
    AddRuleNotes(q.file, "error", q.errors, &out);
    AddRuleNotes(q.file, "warning", q.warnings, &out);
  }
  return out;
}

}  // namespace flywheel
