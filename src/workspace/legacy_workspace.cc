#include "workspace/legacy_workspace.h"

#include <fmt/core.h>

#include "workspace/sqlite_row_source.h"

namespace flywheel {
namespace {

constexpr char kMetaTable[] = "workspace_meta";

Result<std::optional<std::string>> Meta(SqliteDb& db, std::string_view key) {
  if (!db.TableExists(kMetaTable)) return std::optional<std::string>();
  SqliteStatement q;
  FLYWHEEL_RETURN_IF_ERROR(db.Prepare(fmt::format("SELECT value FROM {} WHERE key = ?1", kMetaTable), &q));
  q.BindText(1, key);
  if (!q.StepRow()) {
    if (q.Failed()) return db.Error(fmt::format("reading {}", key));
    return std::optional<std::string>();
  }
  return std::optional<std::string>(std::string(q.Text(0)));
}

}  // namespace

bool HasLegacyDataSet(SqliteDb& db) { return db.TableExists(TableName(Table::kAccounts)); }

Result<LegacyDataSet> ReadLegacyDataSet(SqliteDb& db, const std::string& display) {
  RowSourceOpener open = [&db, &display](Table t) -> Result<std::unique_ptr<RowSource>> {
    const std::string name(TableName(t));
    if (!db.TableExists(name)) return std::unique_ptr<RowSource>();
    auto src = SqliteRowSource::Open(&db, name, display + ":" + name);
    if (!src.ok()) return src.status();
    return std::unique_ptr<RowSource>(std::move(*src));
  };
  LoadOptions options;
  options.threads = 1;                // the tables share one SQLite connection
  options.show_row_warnings = false;  // shown by the import
  auto loaded = LoadDataset(open, options);
  if (!loaded.ok()) return loaded.status();
  LegacyDataSet out{std::move(*loaded), {}};
  out.record.snapshot = 1;
  auto imported_at = Meta(db, "imported_at");
  auto source = Meta(db, "source_dir");
  auto settings = Meta(db, "settings_toml");
  for (const auto* r : {&imported_at, &source, &settings}) {
    if (!r->ok()) return r->status();
  }
  out.record.imported_at = imported_at->value_or("");
  out.record.source = source->value_or("");
  out.record.settings_toml = *settings;
  out.record.latest_event_date = out.data.dataset.latest_event_date;
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (out.data.dataset.Has(table)) out.record.rows.emplace_back(table, out.data.dataset.RowCount(table));
  }
  return out;
}

Status DropLegacyDataSet(SqliteDb& db) {
  for (int t = 0; t < kTableCount; ++t) {
    const std::string name(TableName(static_cast<Table>(t)));
    if (db.TableExists(name))
      FLYWHEEL_RETURN_IF_ERROR(db.Exec(fmt::format("DROP TABLE {}", QuoteIdentifier(name))));
  }
  if (!db.TableExists(kMetaTable)) return Status::Ok();
  return db.Exec(fmt::format(
      "DELETE FROM {} WHERE key IN ('settings_toml', 'imported_at', 'source_dir') OR key LIKE 'rows.%'",
      kMetaTable));
}

}  // namespace flywheel
