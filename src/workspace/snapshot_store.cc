#include "workspace/snapshot_store.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <type_traits>

#include "workspace/column_chunks.h"
#include "workspace/stored_columns.h"

namespace flywheel {
namespace {

constexpr std::string_view kDictionaryTable = "dictionary";
constexpr std::string_view kDictionaryColumn = "text";

constexpr const char* kCreateTables = R"sql(
CREATE TABLE IF NOT EXISTS data_snapshots(
  snapshot INTEGER PRIMARY KEY,
  imported_at TEXT NOT NULL,
  source TEXT NOT NULL,
  settings_toml TEXT,
  latest_event_date TEXT,
  derived_history_from INTEGER);
CREATE TABLE IF NOT EXISTS data_tables(
  snapshot INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  rows INTEGER NOT NULL,
  ids_ascending INTEGER NOT NULL,
  attributes TEXT,
  delta BLOB,
  literal_rows INTEGER,
  PRIMARY KEY (snapshot, table_name));
CREATE TABLE IF NOT EXISTS data_columns(
  snapshot INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  rows INTEGER NOT NULL,
  chunk_rows INTEGER NOT NULL,
  width INTEGER NOT NULL,
  text_bytes INTEGER NOT NULL,
  PRIMARY KEY (snapshot, table_name, column_name));
CREATE TABLE IF NOT EXISTS data_chunks(
  snapshot INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  base INTEGER NOT NULL,
  data BLOB NOT NULL,
  checksum INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS data_chunks_key ON data_chunks(snapshot, table_name, column_name, chunk);
CREATE TABLE IF NOT EXISTS workspace_meta(key TEXT PRIMARY KEY, value TEXT);
)sql";

std::optional<Table> TableNamed(std::string_view name) {
  for (int t = 0; t < kTableCount; ++t) {
    if (TableName(static_cast<Table>(t)) == name) return static_cast<Table>(t);
  }
  return std::nullopt;
}

// The dictionary as a column of text, code by code (every string is distinct and not empty).
StringColumn DictionaryColumn(const StringDict& dict) {
  StringColumn out;
  out.reserve(dict.size());
  for (size_t c = 0; c < dict.size(); ++c) out.push_back(dict.Get(static_cast<Code>(c)));
  return out;
}

StoredColumn DictionaryStoredColumn(StringColumn* text) {
  return StoredColumn{std::string(kDictionaryColumn), ValueKind::kText, text, {}};
}

std::string AttributesJson(const Dataset& d, Table t) {
  if (t != Table::kAccounts) return "";
  return nlohmann::json(d.accounts.attribute_names).dump();
}

bool IdsAscending(const Dataset& d, Table t) {
  if (t == Table::kLeads) return d.leads.ids_ascending;
  if (t == Table::kOpportunities) return d.opportunities.ids_ascending;
  return false;
}

// Each table's number of rows, from the data_tables rows of every snapshot.
Status ReadTableRows(SqliteDb& db, std::vector<SnapshotRecord>* records) {
  SqliteStatement q;
  FLYWHEEL_RETURN_IF_ERROR(
      db.Prepare("SELECT snapshot, table_name, rows FROM data_tables ORDER BY snapshot", &q));
  size_t k = 0;
  while (q.StepRow()) {
    const int64_t snapshot = q.Int(0);
    while (k < records->size() && (*records)[k].snapshot < snapshot) ++k;
    if (k == records->size() || (*records)[k].snapshot != snapshot) continue;
    if (auto t = TableNamed(q.Text(1))) (*records)[k].rows.emplace_back(*t, q.Int(2));
  }
  if (q.Failed()) return db.Error("reading data_tables");
  for (SnapshotRecord& r : *records) {
    std::sort(r.rows.begin(), r.rows.end());
  }
  return Status::Ok();
}

Status Damaged(int64_t snapshot, std::string_view where, const Status& why) {
  return Status::BadData(fmt::format("snapshot {}: {}: {}", snapshot, where, why.message()));
}

// Reads one stored column (all its chunks, checksums checked) into `column`.
Status ReadColumn(SqliteDb& db, int64_t snapshot, std::string_view table, const StoredColumn& column) {
  const std::string where = fmt::format("{}.{}", table, column.name);
  SqliteStatement meta;
  FLYWHEEL_RETURN_IF_ERROR(
      db.Prepare("SELECT rows, chunk_rows, width, text_bytes FROM data_columns "
                 "WHERE snapshot = ?1 AND table_name = ?2 AND column_name = ?3",
                 &meta));
  meta.BindInt(1, snapshot);
  meta.BindText(2, table);
  meta.BindText(3, column.name);
  if (!meta.StepRow()) {
    if (meta.Failed()) return db.Error(fmt::format("reading {}", where));
    return Damaged(snapshot, where, Status::BadData("the column is missing"));
  }
  ColumnShape shape;
  shape.rows = meta.Int(0);
  shape.chunk_rows = meta.Int(1);
  shape.width = static_cast<int>(meta.Int(2));
  shape.text_bytes = static_cast<uint64_t>(meta.Int(3));
  ColumnAssembler assembler;
  Status st = assembler.Start(column, shape);
  if (!st.ok()) return Damaged(snapshot, where, st);
  SqliteStatement chunks;
  FLYWHEEL_RETURN_IF_ERROR(
      db.Prepare("SELECT chunk, base, data, checksum FROM data_chunks "
                 "WHERE snapshot = ?1 AND table_name = ?2 AND column_name = ?3 ORDER BY chunk",
                 &chunks));
  chunks.BindInt(1, snapshot);
  chunks.BindText(2, table);
  chunks.BindText(3, column.name);
  while (chunks.StepRow()) {
    const std::span<const char> bytes = chunks.Blob(2);
    if (ChunkChecksum(bytes) != static_cast<uint64_t>(chunks.Int(3))) {
      return Damaged(
          snapshot, where,
          Status::BadData(fmt::format("chunk {} is damaged (its checksum does not match)", chunks.Int(0))));
    }
    st = assembler.Add(chunks.Int(0), static_cast<uint64_t>(chunks.Int(1)), bytes);
    if (!st.ok()) return Damaged(snapshot, where, st);
  }
  if (chunks.Failed()) return db.Error(fmt::format("reading {}", where));
  st = assembler.Finish();
  return st.ok() ? Status::Ok() : Damaged(snapshot, where, st);
}

Status ReadDictionary(SqliteDb& db, int64_t snapshot, StringDict* dict) {
  StringColumn text;
  FLYWHEEL_RETURN_IF_ERROR(ReadColumn(db, snapshot, kDictionaryTable, DictionaryStoredColumn(&text)));
  *dict = StringDict();
  for (size_t c = 0; c < text.size(); ++c) {
    if (text[c].empty() || dict->Intern(text[c]) != static_cast<Code>(c)) {
      return Damaged(snapshot, "dictionary", Status::BadData("its strings are not distinct"));
    }
  }
  return Status::Ok();
}

// One data_tables row.
struct TableRow {
  Table table;
  int64_t rows = 0;
  bool ids_ascending = false;
  std::vector<std::string> attributes;
  bool is_delta = false;
  std::string delta;
  int64_t literal_rows = 0;
};

Result<std::vector<TableRow>> ReadTableRowsOf(SqliteDb& db, int64_t snapshot) {
  SqliteStatement q;
  FLYWHEEL_RETURN_IF_ERROR(
      db.Prepare("SELECT table_name, rows, ids_ascending, attributes, delta, literal_rows "
                 "FROM data_tables WHERE snapshot = ?1",
                 &q));
  q.BindInt(1, snapshot);
  std::vector<TableRow> out;
  while (q.StepRow()) {
    auto t = TableNamed(q.Text(0));
    if (!t) continue;
    TableRow row{*t,      q.Int(1),     q.Int(2) != 0,
                 {},      !q.IsNull(4), std::string(q.Blob(4).data(), q.Blob(4).size()),
                 q.Int(5)};
    if (!q.IsNull(3) && !q.Text(3).empty()) {
      auto names = nlohmann::json::parse(q.Text(3), nullptr, false);
      if (!names.is_array())
        return Damaged(snapshot, TableName(*t), Status::BadData("its attributes are damaged"));
      for (const auto& n : names) {
        if (!n.is_string())
          return Damaged(snapshot, TableName(*t), Status::BadData("its attributes are damaged"));
        row.attributes.push_back(n.get<std::string>());
      }
    }
    out.push_back(std::move(row));
  }
  if (q.Failed()) return db.Error("reading data_tables");
  std::sort(out.begin(), out.end(), [](const TableRow& a, const TableRow& b) { return a.table < b.table; });
  return out;
}

// Marks the tables present and shapes the accounts' attribute columns.
void PrepareTables(Dataset* d, const std::vector<TableRow>& tables) {
  for (const TableRow& row : tables) {
    d->present[static_cast<int>(row.table)] = true;
    if (row.table == Table::kAccounts) {
      d->accounts.attribute_names = row.attributes;
      d->accounts.attributes.assign(row.attributes.size(), {});
    }
  }
}

Status ReadTableColumns(SqliteDb& db, int64_t snapshot, Table t, Dataset* d) {
  for (const StoredColumn& column : StoredColumns(*d, t)) {
    FLYWHEEL_RETURN_IF_ERROR(ReadColumn(db, snapshot, TableName(t), column));
  }
  return Status::Ok();
}

void BuildIndexes(Dataset* d) {
  Accounts& a = d->accounts;
  a.index = IdIndex();
  a.index.Reserve(a.id, a.id.size());
  for (size_t i = 0; i < a.id.size(); ++i) a.index.Insert(a.id, static_cast<int32_t>(i));
  Opportunities& o = d->opportunities;
  o.index = IdIndex();
  o.index.Reserve(o.id, o.id.size());
  for (size_t i = 0; i < o.id.size(); ++i) o.index.Insert(o.id, static_cast<int32_t>(i));
}

// A vector of one-byte values (enums, booleans, nps scores).
template <typename C>
struct ByteVector : std::false_type {};
template <typename T>
struct ByteVector<std::vector<T>> : std::bool_constant<sizeof(T) == 1> {};

// Checks what reports take for granted: references within their tables, codes within the
// dictionary, enums among their values, every column as long as its table.
Status CheckValues(const Dataset& d, Table t, int64_t rows) {
  for (const StoredColumn& c : StoredColumns(d, t)) {
    if (static_cast<int64_t>(ColumnSize(c.data)) != rows)
      return Status::BadData(fmt::format("{}: the column has the wrong number of rows", c.name));
    const int64_t limit = c.kind == ValueKind::kAccount       ? static_cast<int64_t>(d.accounts.size())
                          : c.kind == ValueKind::kOpportunity ? static_cast<int64_t>(d.opportunities.size())
                          : c.kind == ValueKind::kContact     ? static_cast<int64_t>(d.contacts.size())
                          : c.kind == ValueKind::kCode        ? static_cast<int64_t>(d.dict.size())
                                                              : -1;
    bool ok = true;
    std::visit(
        [&](const auto* x) {
          using C = std::remove_cvref_t<decltype(*x)>;
          if constexpr (std::is_same_v<C, CodeColumn> || std::is_same_v<C, std::vector<Code>>) {
            for (Code v : *x) ok &= v == kNullCode || static_cast<int64_t>(v) < limit;
          } else if constexpr (std::is_same_v<C, std::vector<int32_t>>) {
            if (limit >= 0) {
              for (int32_t v : *x) ok &= v >= -1 && v < limit;
            }
          } else if constexpr (ByteVector<C>::value) {
            if (c.kind == ValueKind::kEnum) {
              for (auto v : *x) {
                bool known = static_cast<int>(v) == -1;
                for (const auto& [value, name] : c.enum_values) known |= value == static_cast<int>(v);
                ok &= known;
              }
            }
          }
        },
        c.data);
    if (!ok) return Status::BadData(fmt::format("{}: a value is out of range", c.name));
  }
  return Status::Ok();
}

}  // namespace

Status CreateSnapshotTables(SqliteDb& db) { return db.Exec(kCreateTables); }

Result<std::vector<SnapshotRecord>> ListSnapshotRecords(SqliteDb& db) {
  std::vector<SnapshotRecord> out;
  if (!db.TableExists("data_snapshots")) return out;
  SqliteStatement q;
  FLYWHEEL_RETURN_IF_ERROR(
      db.Prepare("SELECT snapshot, imported_at, source, settings_toml, latest_event_date, "
                 "derived_history_from FROM data_snapshots ORDER BY snapshot",
                 &q));
  while (q.StepRow()) {
    SnapshotRecord r;
    r.snapshot = q.Int(0);
    r.imported_at = q.Text(1);
    r.source = q.Text(2);
    if (!q.IsNull(3)) r.settings_toml = std::string(q.Text(3));
    if (auto day = ParseDate(q.Text(4))) r.latest_event_date = *day;
    r.derived_history_from = q.IsNull(5) ? -1 : q.Int(5);
    out.push_back(std::move(r));
  }
  if (q.Failed()) return db.Error("reading data_snapshots");
  FLYWHEEL_RETURN_IF_ERROR(ReadTableRows(db, &out));
  return out;
}

namespace {

Result<Dataset> ReadWhole(SqliteDb& db, const SnapshotRecord& record) {
  Dataset d;
  FLYWHEEL_RETURN_IF_ERROR(ReadDictionary(db, record.snapshot, &d.dict));
  auto tables = ReadTableRowsOf(db, record.snapshot);
  if (!tables.ok()) return tables.status();
  PrepareTables(&d, *tables);
  for (const TableRow& row : *tables) {
    if (row.is_delta)
      return Damaged(record.snapshot, TableName(row.table), Status::BadData("it is not stored whole"));
    FLYWHEEL_RETURN_IF_ERROR(ReadTableColumns(db, record.snapshot, row.table, &d));
    if (row.table == Table::kLeads) d.leads.ids_ascending = row.ids_ascending;
    if (row.table == Table::kOpportunities) d.opportunities.ids_ascending = row.ids_ascending;
  }
  BuildIndexes(&d);
  for (const TableRow& row : *tables) {
    Status st = CheckValues(d, row.table, row.rows);
    if (!st.ok()) return Damaged(record.snapshot, TableName(row.table), st);
  }
  d.latest_event_date = record.latest_event_date;
  return d;
}

// Rebuilds snapshot `record` from the one after it, `newer`.
Result<Dataset> ReadOlder(SqliteDb& db, const SnapshotRecord& record, const Dataset& newer) {
  Dataset older, literal;
  FLYWHEEL_RETURN_IF_ERROR(ReadDictionary(db, record.snapshot, &older.dict));
  auto tables = ReadTableRowsOf(db, record.snapshot);
  if (!tables.ok()) return tables.status();
  PrepareTables(&older, *tables);
  PrepareTables(&literal, *tables);
  ValueRemap remap;
  remap.codes = RemapCodes(newer.dict, older.dict);
  for (const TableRow& row : *tables) {
    const std::string_view name = TableName(row.table);
    if (!row.is_delta) return Damaged(record.snapshot, name, Status::BadData("it is not stored as a delta"));
    FLYWHEEL_RETURN_IF_ERROR(ReadTableColumns(db, record.snapshot, row.table, &literal));
    auto ops = DecodeDeltaOps(row.delta, static_cast<int64_t>(newer.RowCount(row.table)), row.literal_rows,
                              row.rows);
    if (!ops.ok()) return Damaged(record.snapshot, name, ops.status());
    const bool accounts = row.table == Table::kAccounts;
    Status st = ApplyTableDelta(older, newer, literal, row.table, *ops, remap,
                                accounts ? ColumnPass::kAllButSelfReferences : ColumnPass::kAll);
    if (accounts) {
      BuildIndexes(&older);
      remap.accounts = RemapRows(newer.accounts.id, older.accounts.id, &older.accounts.index);
      if (st.ok())
        st = ApplyTableDelta(older, newer, literal, row.table, *ops, remap, ColumnPass::kSelfReferencesOnly);
    } else if (row.table == Table::kContacts) {
      remap.contacts = RemapRows(newer.contacts.id, older.contacts.id, nullptr);
    } else if (row.table == Table::kOpportunities) {
      BuildIndexes(&older);
      remap.opportunities =
          RemapRows(newer.opportunities.id, older.opportunities.id, &older.opportunities.index);
    }
    if (!st.ok()) return Damaged(record.snapshot, name, st);
    if (row.table == Table::kLeads) older.leads.ids_ascending = row.ids_ascending;
    if (row.table == Table::kOpportunities) older.opportunities.ids_ascending = row.ids_ascending;
  }
  BuildIndexes(&older);
  for (const TableRow& row : *tables) {
    Status st = CheckValues(older, row.table, row.rows);
    if (!st.ok()) return Damaged(record.snapshot, TableName(row.table), st);
  }
  older.latest_event_date = record.latest_event_date;
  return older;
}

}  // namespace

Result<StoredSnapshot> ReadStoredSnapshot(SqliteDb& db, const std::vector<SnapshotRecord>& records,
                                          int64_t snapshot) {
  size_t k = records.size() - 1;
  auto current = ReadWhole(db, records[k]);
  if (!current.ok()) return current.status();
  Dataset d = std::move(*current);
  while (records[k].snapshot != snapshot) {
    --k;
    auto older = ReadOlder(db, records[k], d);
    if (!older.ok()) return older.status();
    d = std::move(*older);
  }
  return StoredSnapshot{std::move(d), records[k]};
}

Status SnapshotWriter::Before() {
  if (before_write_) FLYWHEEL_RETURN_IF_ERROR(before_write_(written_));
  ++written_;
  return Status::Ok();
}

Status SnapshotWriter::WriteColumn(int64_t snapshot, std::string_view table, const StoredColumn& column,
                                   int64_t chunk_rows) {
  const ColumnShape shape = ShapeOf(column, chunk_rows);
  FLYWHEEL_RETURN_IF_ERROR(Before());
  SqliteStatement meta;
  FLYWHEEL_RETURN_IF_ERROR(
      db_->Prepare("INSERT INTO data_columns (snapshot, table_name, column_name, rows, "
                   "chunk_rows, width, text_bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                   &meta));
  meta.BindInt(1, snapshot);
  meta.BindText(2, table);
  meta.BindText(3, column.name);
  meta.BindInt(4, shape.rows);
  meta.BindInt(5, shape.chunk_rows);
  meta.BindInt(6, shape.width);
  meta.BindInt(7, static_cast<int64_t>(shape.text_bytes));
  if (!meta.StepDone()) return db_->Error(fmt::format("storing {}.{}", table, column.name));
  SqliteStatement insert;
  FLYWHEEL_RETURN_IF_ERROR(
      db_->Prepare("INSERT INTO data_chunks (snapshot, table_name, column_name, chunk, base, "
                   "data, checksum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                   &insert));
  std::string buffer;
  for (int64_t k = 0; k < shape.chunks(); ++k) {
    FLYWHEEL_RETURN_IF_ERROR(Before());
    const ChunkBytes chunk = ChunkOf(column, shape, k, &buffer);
    insert.Rewind();
    insert.BindInt(1, snapshot);
    insert.BindText(2, table);
    insert.BindText(3, column.name);
    insert.BindInt(4, k);
    insert.BindInt(5, static_cast<int64_t>(chunk.base));
    insert.BindBlob(6, chunk.bytes);
    insert.BindInt(7, static_cast<int64_t>(ChunkChecksum(chunk.bytes)));
    if (!insert.StepDone()) return db_->Error(fmt::format("storing {}.{}", table, column.name));
  }
  return Status::Ok();
}

Status SnapshotWriter::WriteColumns(int64_t snapshot, Table t, const Dataset& d) {
  const std::vector<StoredColumn> columns = StoredColumns(d, t);
  const int64_t chunk_rows = ChunkRowsOf(columns);
  for (const StoredColumn& column : columns) {
    FLYWHEEL_RETURN_IF_ERROR(WriteColumn(snapshot, TableName(t), column, chunk_rows));
  }
  return Status::Ok();
}

Status SnapshotWriter::WriteTableRow(int64_t snapshot, Table t, const Dataset& d, int64_t rows,
                                     const TableDelta* delta) {
  FLYWHEEL_RETURN_IF_ERROR(Before());
  SqliteStatement q;
  FLYWHEEL_RETURN_IF_ERROR(
      db_->Prepare("INSERT OR REPLACE INTO data_tables (snapshot, table_name, rows, "
                   "ids_ascending, attributes, delta, literal_rows) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                   &q));
  q.BindInt(1, snapshot);
  q.BindText(2, TableName(t));
  q.BindInt(3, rows);
  q.BindInt(4, IdsAscending(d, t) ? 1 : 0);
  q.BindText(5, AttributesJson(d, t));
  const std::string ops = delta ? EncodeDeltaOps(delta->ops) : std::string();
  if (delta) {
    q.BindBlob(6, ops);
    q.BindInt(7, static_cast<int64_t>(delta->literal_rows.size()));
  } else {
    q.BindNull(6);
    q.BindNull(7);
  }
  if (!q.StepDone()) return db_->Error(fmt::format("storing {}", TableName(t)));
  return Status::Ok();
}

Status SnapshotWriter::WriteWhole(const Dataset& d, const SnapshotRecord& record) {
  FLYWHEEL_RETURN_IF_ERROR(Before());
  SqliteStatement q;
  FLYWHEEL_RETURN_IF_ERROR(
      db_->Prepare("INSERT INTO data_snapshots (snapshot, imported_at, source, settings_toml, "
                   "latest_event_date, derived_history_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                   &q));
  q.BindInt(1, record.snapshot);
  q.BindText(2, record.imported_at);
  q.BindText(3, record.source);
  if (record.settings_toml) {
    q.BindTextKeepEmpty(4, *record.settings_toml);  // an empty settings file is still one
  } else {
    q.BindNull(4);
  }
  if (record.latest_event_date != kNullDay)
    q.BindText(5, FormatDate(record.latest_event_date));
  else
    q.BindNull(5);
  if (record.derived_history_from >= 0)
    q.BindInt(6, record.derived_history_from);
  else
    q.BindNull(6);
  if (!q.StepDone()) return db_->Error(fmt::format("storing snapshot {}", record.snapshot));
  StringColumn dictionary = DictionaryColumn(d.dict);
  const StoredColumn dictionary_column = DictionaryStoredColumn(&dictionary);
  FLYWHEEL_RETURN_IF_ERROR(
      WriteColumn(record.snapshot, kDictionaryTable, dictionary_column, ChunkRowsOf({dictionary_column})));
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (!d.Has(table)) continue;
    FLYWHEEL_RETURN_IF_ERROR(
        WriteTableRow(record.snapshot, table, d, static_cast<int64_t>(d.RowCount(table)), nullptr));
    FLYWHEEL_RETURN_IF_ERROR(WriteColumns(record.snapshot, table, d));
  }
  return Status::Ok();
}

Status SnapshotWriter::WriteDeltas(int64_t snapshot, const Dataset& older, const Dataset& literal,
                                   const std::vector<std::optional<TableDelta>>& deltas) {
  FLYWHEEL_RETURN_IF_ERROR(Before());
  for (const char* table : {"data_chunks", "data_columns"}) {
    FLYWHEEL_RETURN_IF_ERROR(db_->Exec(fmt::format(
        "DELETE FROM {} WHERE snapshot = {} AND table_name <> '{}'", table, snapshot, kDictionaryTable)));
  }
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (!older.Has(table) || !deltas[t]) continue;
    FLYWHEEL_RETURN_IF_ERROR(
        WriteTableRow(snapshot, table, older, static_cast<int64_t>(older.RowCount(table)), &*deltas[t]));
    FLYWHEEL_RETURN_IF_ERROR(WriteColumns(snapshot, table, literal));
  }
  return Status::Ok();
}

Status SnapshotWriter::Delete(int64_t snapshot) {
  FLYWHEEL_RETURN_IF_ERROR(Before());
  for (const char* table : {"data_chunks", "data_columns", "data_tables", "data_snapshots"}) {
    FLYWHEEL_RETURN_IF_ERROR(db_->Exec(fmt::format("DELETE FROM {} WHERE snapshot = {}", table, snapshot)));
  }
  return Status::Ok();
}

}  // namespace flywheel
