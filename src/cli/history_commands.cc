// `flywheel history` and `flywheel diff`: a workspace's snapshots (every import is one) and
// what changed between two of them (docs/WORKSPACE.md).
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "base/strings.h"
#include "cli/input.h"
#include "output/json_writer.h"
#include "workspace/workspace.h"

namespace flywheel {

namespace {

int64_t TotalRows(const SnapshotRecord& r) {
  int64_t total = 0;
  for (const auto& [table, rows] : r.rows) total += rows;
  return total;
}

// Each table's rows as a JSON object.
std::string TableRowsJson(const SnapshotRecord& r) {
  std::string text;
  JsonWriter w(&text);
  w.BeginObject();
  for (const auto& [table, rows] : r.rows) {
    w.Key(TableName(table));
    w.Int(rows);
  }
  w.EndObject();
  return text;
}

// One row per snapshot: snapshot, imported_at, source, rows (in JSON an object of each
// table's rows, elsewhere their sum).
Report HistoryReport(std::shared_ptr<const std::vector<SnapshotRecord>> records) {
  Report report;
  report.name = "history";
  report.columns = {{"snapshot", ColumnKind::kInteger, "Snapshot"},
                    {"imported_at", ColumnKind::kText, "Imported at"},
                    {"source", ColumnKind::kText, "Source"},
                    {"rows", ColumnKind::kInteger, "Rows"}};
  report.row_at_count = records->size();
  // In JSON, "rows" is each table's rows: a JSON-only column in place of the sum.
  report.json_columns = {{"rows", ColumnKind::kInteger, "", false, "", "", true}};
  report.json_order = {0, 1, 2, 4};
  report.row_at = [records](size_t i, std::vector<Cell>* row) {
    const SnapshotRecord& r = (*records)[i];
    *row = {r.snapshot, r.imported_at, r.source, TotalRows(r), TableRowsJson(r)};
  };
  if (!records->empty()) {
    const int64_t latest = records->back().snapshot;
    report.notes.push_back(
        fmt::format("{} snapshot{}; reports read the latest ({}) unless given --snapshot N", records->size(),
                    records->size() == 1 ? "" : "s", latest));
  }
  return report;
}

std::string Range(const std::vector<int64_t>& numbers) {
  if (numbers.size() == 1) return fmt::format("snapshot {}", numbers[0]);
  return fmt::format("snapshots {} to {}", numbers.front(), numbers.back());
}

// Rows: one per row added or removed, and one per changed column of a changed row.
Report DiffReport(const SnapshotChanges& changes) {
  Report report;
  report.name = "diff";
  report.columns = {{"table", ColumnKind::kText, "Table"},   {"change", ColumnKind::kText, "Change"},
                    {"key", ColumnKind::kText, "Key"},       {"column", ColumnKind::kText, "Column"},
                    {"before", ColumnKind::kText, "Before"}, {"after", ColumnKind::kText, "After"}};
  const auto text = [](const std::string& s) { return s.empty() ? Cell() : Cell(s); };
  report.notes.push_back(fmt::format("from snapshot {} (imported {}) to snapshot {} (imported {})",
                                     changes.from.snapshot, changes.from.imported_at, changes.to.snapshot,
                                     changes.to.imported_at));
  std::string unchanged, tables_json = "[";
  for (const TableChanges& t : changes.tables) {
    const std::string name(TableName(t.table));
    tables_json += fmt::format("{}{{\"table\":\"{}\",\"added\":{},\"removed\":{},\"changed\":{}}}",
                               tables_json.size() > 1 ? "," : "", name, t.added, t.removed, t.changed);
    if (t.rows.empty() && t.in_before == t.in_after) {
      unchanged += (unchanged.empty() ? "" : ", ") + name;
      continue;
    }
    std::string line =
        fmt::format("{}: {} added, {} removed, {} changed", name, t.added, t.removed, t.changed);
    if (!t.in_before) line += fmt::format(" (only in snapshot {})", changes.to.snapshot);
    if (!t.in_after) line += fmt::format(" (only in snapshot {})", changes.from.snapshot);
    report.notes.push_back(std::move(line));
    for (const RowChange& r : t.rows) {
      const std::string kind(RowChangeKindName(r.kind));
      if (r.columns.empty()) report.rows.push_back({name, kind, r.key, Cell(), Cell(), Cell()});
      for (const ColumnChange& c : r.columns) {
        report.rows.push_back({name, kind, r.key, c.column, text(c.before), text(c.after)});
      }
    }
  }
  if (!unchanged.empty()) report.notes.push_back("unchanged: " + unchanged);
  report.json_extra = {{"from", std::to_string(changes.from.snapshot)},
                       {"to", std::to_string(changes.to.snapshot)},
                       {"tables", tables_json + "]"}};
  return report;
}

// Keeps only the changes of table `name`; kUsage for a name that is no table.
Status FilterTable(const std::string& name, SnapshotChanges* changes) {
  std::vector<std::string> names;
  for (int t = 0; t < kTableCount; ++t) names.emplace_back(TableName(static_cast<Table>(t)));
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    return Status::Usage(fmt::format("--table: unknown table '{}'{}", name, DidYouMeanSuffix(name, names)));
  }
  std::erase_if(changes->tables, [&name](const TableChanges& t) { return TableName(t.table) != name; });
  return Status::Ok();
}

struct HistoryOptions {
  std::string workspace_dir;
  int64_t keep = 0;
  int64_t from = 0, to = 0;
  std::string table;
  std::string format = "table";
};

}  // namespace

std::function<Status()> SetupHistory(CLI::App* app) {
  auto o = std::make_shared<HistoryOptions>();
  app->add_option("--workspace", o->workspace_dir, "Workspace folder (made by `flywheel import`)");
  CLI::Option* keep = app->add_option("--keep", o->keep, "Delete all but the latest N snapshots first");
  AddFormatOption(app, &o->format);
  return [o, keep]() -> Status {
    if (o->workspace_dir.empty()) return Status::Usage("history needs --workspace WS");
    auto format = ParseFormat(o->format);
    if (!format.ok()) return format.status();
    std::vector<int64_t> removed;
    if (keep->count() > 0) {
      if (o->keep < 1) {
        return Status::Usage(
            fmt::format("--keep: {} is not a number of snapshots to keep (at least 1)", o->keep));
      }
      auto pruned = PruneSnapshots(o->workspace_dir, o->keep);
      if (!pruned.ok()) return pruned.status();
      removed = std::move(*pruned);
    }
    auto records = ListSnapshots(o->workspace_dir);
    if (!records.ok()) return records.status();
    Report report = HistoryReport(std::make_shared<const std::vector<SnapshotRecord>>(std::move(*records)));
    if (keep->count() > 0) {
      report.notes.insert(report.notes.begin(),
                          removed.empty() ? "nothing deleted" : "deleted " + Range(removed));
    }
    return PrintReport(report, o->format);
  };
}

std::function<Status()> SetupDiff(CLI::App* app) {
  auto o = std::make_shared<HistoryOptions>();
  app->add_option("--workspace", o->workspace_dir, "Workspace folder (made by `flywheel import`)");
  app->add_option("--from", o->from, "The earlier snapshot (default: the one before --to)");
  app->add_option("--to", o->to, "The later snapshot (default: the latest)");
  app->add_option("--table", o->table, "Only this table (accounts, opportunities, ...)");
  AddFormatOption(app, &o->format);
  return [o]() -> Status {
    if (o->workspace_dir.empty()) return Status::Usage("diff needs --workspace WS");
    auto format = ParseFormat(o->format);
    if (!format.ok()) return format.status();
    auto changes = DiffSnapshots(o->workspace_dir, o->from, o->to);
    if (!changes.ok()) return changes.status();
    if (!o->table.empty()) FLYWHEEL_RETURN_IF_ERROR(FilterTable(o->table, &*changes));
    return PrintReport(DiffReport(*changes), o->format);
  };
}

}  // namespace flywheel
