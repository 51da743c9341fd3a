// One pass of the validating loader over every table (load_pass.h).
#include <fmt/core.h>

#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <initializer_list>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>

#include "base/iso_currency.h"
#include "base/strings.h"
#include "ingest/csv_reader.h"
#include "ingest/field_parsers.h"
#include "ingest/load_pass.h"
#include "ingest/text_encoding.h"
#include "model/schema.h"

namespace flywheel {

namespace {

// The BillingPeriod of each word of kBillingPeriodWords.
constexpr BillingPeriod kBillingValues[] = {BillingPeriod::kMonth, BillingPeriod::kQuarter,
                                            BillingPeriod::kYear};

// Dates and months outside these years are errors (rule date_out_of_range): a year 9999 or
// 0001 is a placeholder, and one such value would move the default as-of date.
constexpr Day kFirstDay = DayFromCivil(1900, 1, 1);
constexpr Day kLastDay = DayFromCivil(2200, 12, 31);
// Numbers beyond this size are errors (rule number_out_of_range): no amount is that large,
// and sums of such values lose every cent.
constexpr double kLargestNumber = 1e15;

std::string JoinNames(std::span<const std::string_view> names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out;
}

// One table's load. Tables load on several threads, so each keeps what would otherwise be
// shared until they are merged in table order: its problems, the dictionary of its text
// columns and its latest event date.
struct TablePart {
  Table table;
  std::unique_ptr<RowSource> source;
  std::unique_ptr<TableProblems> problems;
  StringDict dict;  // codes of this table's Code columns until the merge
  Day latest_event_date = kNullDay;
  size_t row_hint = 0;  // the source's RowCountHint, taken once
  int64_t rows_read = 0;
  std::optional<TextDialect> dialect;
  std::vector<std::string> parsed_columns;               // the schema columns the table's parse reads
  std::unordered_map<std::string, bool> iso_currencies;  // codes checked so far
  // The last currency field that passed every check, and its code: most rows repeat it.
  std::string last_currency;
  Code last_currency_code = kNullCode;
};

// The row of an id in another table, remembered for the next lookup. Exports are usually
// grouped by account or by deal (all of an account's usage rows, all of a deal's history rows
// together), so most references repeat the previous row's: a short compare instead of a hash
// probe into a large index. The id is copied, since a field's view may not outlive its row.
struct RefMemo {
  template <typename Find>  // Find: id -> row, or -1
  int32_t RowOf(std::string_view id, Find&& find) {
    if (set && id == last) return row;
    last.assign(id);
    row = find(id);
    set = true;
    return row;
  }
  std::string last;
  int32_t row = -1;
  bool set = false;
};

// Reads one table: maps the header to the schema's columns (model/schema.h), then yields
// rows whose fields are read with typed getters that record problems and return null values
// on failure.
class TableReader {
 public:
  TableReader(TablePart* part, const LoadOptions& options)
      : source_(part->source.get()),
        file_(source_->DisplayName()),
        columns_(CanonicalColumns(part->table)),
        part_(part),
        options_(options),
        check_utf8_(source_->MayHoldInvalidUtf8()) {
    position_.assign(columns_.size(), -1);
    enum_default_.assign(columns_.size(), -1);
    for (size_t k = 0; k < columns_.size(); ++k) {
      if (!columns_[k].default_value.empty())
        enum_default_[k] = ParseEnum(columns_[k].default_value, columns_[k].enum_values);
    }
    const auto& header = source_->Header();
    if (header.empty()) {
      part_->problems->FileProblem(source_->status().ok()
                                       ? fmt::format("{}:1: the file is empty (expected a header row)", file_)
                                       : source_->status().message());
      header_ok_ = false;
      return;
    }
    for (size_t i = 0; i < header.size(); ++i) MapHeaderColumn(i);
    for (size_t k = 0; k < columns_.size(); ++k) {
      if (columns_[k].required && position_[k] < 0) {
        part_->problems->FileProblem(
            fmt::format("{}:1: {}: required column is missing", file_, columns_[k].name));
        header_ok_ = false;
      }
    }
  }

  bool header_ok() const { return header_ok_; }
  int64_t line() const { return line_; }
  const std::vector<std::pair<std::string, int>>& attributes() const { return attributes_; }
  // Names the primary-key column: its value is recorded with each error of a row.
  void SetKeyColumn(int k) { key_column_ = k; }

  // The schema position of column `name`, which the table's parse reads (recorded in the
  // part's parsed_columns). REQUIRES: `name` is in the schema.
  int Index(std::string_view name) {
    part_->parsed_columns.emplace_back(name);
    for (size_t k = 0; k < columns_.size(); ++k) {
      if (columns_[k].name == name) return static_cast<int>(k);
    }
    assert(false && "column not in the schema");
    return -1;
  }

  // Advances to the next row with the right number of fields; false at the end.
  bool Next() {
    if (!header_ok_) return false;
    while (source_->Next(&fields_, &line_)) {
      ++part_->rows_read;
      const size_t expected = source_->Header().size();
      if (fields_.size() != expected) {
        part_->problems->RowError({line_, "", "field_count",
                                   fmt::format("expected {} fields, found {}", expected, fields_.size()),
                                   ""});
        continue;
      }
      if (check_utf8_) CheckUtf8();
      return true;
    }
    if (!source_->status().ok()) part_->problems->FileProblem(source_->status().message());
    return false;
  }

  // The trimmed field of the file column `position` (attributes).
  std::string_view RawAt(int position) const { return Trim(fields_[position]); }
  // The trimmed field of schema column k ("" when the column is absent).
  std::string_view Raw(int k) const {
    return position_[k] < 0 ? std::string_view() : Trim(fields_[position_[k]]);
  }

  // Raw(k), or a "required value is missing" problem when empty and required.
  std::string_view Value(int k) {
    std::string_view v = Raw(k);
    if (v.empty() && columns_[k].required) Error(k, "missing_value", "required value is missing");
    return v;
  }
  // An error of the current row in schema column k (rule: validation_rules.h).
  void Error(int k, std::string_view rule, std::string_view message) {
    ErrorIn(columns_[k].name, rule, message);
  }
  void ErrorIn(std::string_view column, std::string_view rule, std::string_view message) {
    part_->problems->RowError({line_, std::string(column), std::string(rule), Shown(message),
                               key_column_ < 0 ? std::string() : Shown(Raw(key_column_))});
  }
  // A warning of the current row; `repair` when the rule changed one of its values.
  void Warn(int k, std::string_view rule, std::string_view message, bool repair) {
    part_->problems->RowWarning({line_, std::string(columns_[k].name), std::string(rule), Shown(message), ""},
                                repair);
  }
  std::string_view Name(int k) const { return columns_[k].name; }

  // The last account and opportunity id this reader looked up (RefMemo::RowOf).
  RefMemo account_refs, opportunity_refs;

  Code Text(int k) { return Intern(Value(k)); }
  Code Intern(std::string_view s) { return part_->dict.Intern(s); }

  Day Date(int k) {
    std::string_view v = Value(k);
    if (v.empty()) return kNullDay;
    auto d = ParseDate(v);
    if (!d) {
      Error(k, "bad_date", fmt::format("{} is not a date (expected YYYY-MM-DD)", v));
      return kNullDay;
    }
    if (*d < kFirstDay || *d > kLastDay) {
      Error(k, "date_out_of_range", fmt::format("{} is outside 1900-01-01 to 2200-12-31", v));
      return kNullDay;
    }
    return *d;
  }
  // A date of something that has happened: counts towards latest_event_date and is
  // checked against the as-of date.
  Day EventDate(int k) {
    Day d = Date(k);
    if (d != kNullDay) NoteEvent(d, k);
    return d;
  }
  void NoteEvent(Day d, int k) {
    if (part_->latest_event_date == kNullDay || d > part_->latest_event_date) part_->latest_event_date = d;
    if (options_.warn_after != kNullDay && d > options_.warn_after) {
      Warn(k, "after_as_of",
           fmt::format("{} is after the as-of date {}", FormatDate(d), FormatDate(options_.warn_after)),
           false);
    }
  }
  Month MonthValue(int k) {
    std::string_view v = Value(k);
    if (v.empty()) return kNullMonth;
    auto m = ParseMonth(v);
    if (!m) {
      Error(k, "bad_month", fmt::format("{} is not a month (expected YYYY-MM)", v));
      return kNullMonth;
    }
    if (FirstDayOfMonth(*m) < kFirstDay || FirstDayOfMonth(*m) > kLastDay) {
      Error(k, "date_out_of_range", fmt::format("{} is outside 1900-01 to 2200-12", v));
      return kNullMonth;
    }
    return *m;
  }
  double Number(int k) {
    std::string_view v = Value(k);
    if (v.empty()) return kNullNumber;
    auto x = ParseNumber(v);
    if (!x) {
      Error(k, "bad_number", fmt::format("{} is not a number", v));
      return kNullNumber;
    }
    if (std::fabs(*x) > kLargestNumber) {
      Error(k, "number_out_of_range", fmt::format("{} is outside -1e15 to 1e15", v));
      return kNullNumber;
    }
    return *x;
  }
  double Fraction(int k) {
    double x = Number(k);
    if (!IsNull(x) && (x < 0 || x > 1)) {
      Error(k, "fraction_out_of_range", fmt::format("{} is not a fraction from 0 to 1", Raw(k)));
      return kNullNumber;
    }
    return x;
  }
  int64_t Integer(int k) {
    std::string_view v = Value(k);
    if (v.empty()) return kNullInt;
    auto x = ParseInteger(v);
    if (!x) {
      Error(k, "bad_integer", fmt::format("{} is not a whole number", v));
      return kNullInt;
    }
    return *x;
  }
  int8_t Bool(int k) {
    std::string_view v = Value(k);
    if (v.empty()) return -1;
    auto b = ParseBool(v);
    if (!b) {
      Error(k, "bad_bool", fmt::format("{} is not one of true, false, yes, no, 1, 0", v));
      return -1;
    }
    return *b ? 1 : 0;
  }
  // The index of the value among the column's words, that of its default when empty (-1
  // when it has none), -1 on a bad value.
  int Enum(int k) {
    std::string_view v = Value(k);
    if (v.empty()) return enum_default_[k];
    const std::span<const std::string_view> names = columns_[k].enum_values;
    int e = ParseEnum(v, names);
    if (e < 0) Error(k, "bad_enum", fmt::format("{} is not one of {}", v, JoinNames(names)));
    return e;
  }

 private:
  // Maps file column i to its schema column, an attribute, or a notice that it is ignored.
  void MapHeaderColumn(size_t i) {
    const auto& header = source_->Header();
    std::string name = ToLower(Trim(header[i]));
    bool known = false;
    for (size_t k = 0; k < columns_.size(); ++k) {
      if (columns_[k].name != name) continue;
      known = true;
      if (position_[k] >= 0) {
        part_->problems->FileProblem(
            fmt::format("{}:1: {}: column appears more than once in the header", file_, name));
        header_ok_ = false;
      } else {
        position_[k] = static_cast<int>(i);
      }
    }
    if (known) return;
    if (part_->table == Table::kAccounts && name.starts_with("attr_") && name.size() > 5) {
      attributes_.emplace_back(name, static_cast<int>(i));
      return;
    }
    part_->problems->Notice(fmt::format("{}: column '{}' is not part of the {} table and is ignored", file_,
                                        Shown(Trim(header[i])), TableName(part_->table)));
  }

  // Reports every field of the row that is not valid UTF-8.
  void CheckUtf8() {
    const auto& header = source_->Header();
    for (size_t i = 0; i < fields_.size(); ++i) {
      std::string problem = Utf8Problem(fields_[i]);
      if (!problem.empty()) ErrorIn(Shown(ToLower(Trim(header[i]))), "invalid_utf8", problem);
    }
  }

  // `text` as it can be shown: valid UTF-8 (a source with invalid bytes may put them into
  // messages through the values they quote).
  std::string Shown(std::string_view text) const {
    return check_utf8_ ? ValidUtf8Copy(text) : std::string(text);
  }

  RowSource* source_;
  std::string file_;
  const std::vector<CanonicalColumn>& columns_;  // the schema's
  std::vector<int> position_;                    // schema column -> file column, -1 when absent
  std::vector<int> enum_default_;                // schema column -> Enum() of an empty value
  std::vector<std::pair<std::string, int>> attributes_;
  TablePart* part_;
  const LoadOptions& options_;
  bool check_utf8_ = false;
  bool header_ok_ = true;
  int key_column_ = -1;
  std::vector<std::string_view> fields_;
  int64_t line_ = 1;
};

// Primary keys seen so far in one table, for the duplicate check: the table's IdIndex (row
// numbers into its id column, model/id_index.h) plus the line of each row for the message.
//
// While the ids arrive in strictly ascending order (as most exports write them: sorted by
// their key) no id can repeat an earlier one, so nothing is hashed: each id is compared with
// the one before. The first id out of order puts every earlier id into the index, and from
// there every id is checked against it (an empty id, which is not indexed, does the same).
// Finish() builds the index of a table whose index is kept (accounts, opportunities); the
// others never build it while sorted, and Find (contacts for nps) searches the sorted ids.
class KeyIndex {
 public:
  KeyIndex(const StringColumn* ids, IdIndex* index) : ids_(ids), index_(index) {}
  explicit KeyIndex(const StringColumn* ids) : ids_(ids), index_(&own_) {}

  void Reserve(size_t rows) {
    expected_rows_ = rows;
    line_.reserve(rows);
  }
  // Records the id of `row` (already in the id column); false (and a problem) when it was
  // seen before.
  bool Add(TableReader& r, int k, int32_t row) {
    if (line_.size() <= static_cast<size_t>(row)) line_.resize(static_cast<size_t>(row) + 1);
    line_[static_cast<size_t>(row)] = r.line();
    const std::string_view id = (*ids_)[static_cast<size_t>(row)];
    if (id.empty()) {                        // not indexed; the reader has reported the missing value
      if (ascending_) IndexRowsBefore(row);  // the column is no longer sorted for Find
      ascending_throughout_ = false;
      return true;
    }
    if (ascending_) {
      if (last_ < 0 || id > (*ids_)[static_cast<size_t>(last_)]) {
        last_ = row;
        return true;
      }
      IndexRowsBefore(row);
      ascending_throughout_ = false;
    }
    const int32_t first = index_->Insert(*ids_, row);
    if (first < 0) return true;
    r.Error(k, "duplicate_key",
            fmt::format("duplicate key {} (first on line {})", id, line_[static_cast<size_t>(first)]));
    return false;
  }
  // Whether every id so far was greater than the one before (none empty).
  bool ascending_throughout() const { return ascending_throughout_; }
  // Makes the kept index whole: after the table's last row, before it is read.
  void Finish() {
    if (ascending_) IndexRowsBefore(static_cast<int32_t>(ids_->size()));
  }
  // The row of `id`, or -1: a binary search of the id column while it is sorted, else the index.
  int32_t Find(std::string_view id) const {
    if (!ascending_) return index_->Find(*ids_, id);
    size_t lo = 0, hi = ids_->size();
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if ((*ids_)[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo < ids_->size() && (*ids_)[lo] == id ? static_cast<int32_t>(lo) : -1;
  }

 private:
  // Leaves the ascending mode: indexes every row before `row` (all distinct).
  void IndexRowsBefore(int32_t row) {
    ascending_ = false;
    index_->Reserve(*ids_, std::max(expected_rows_, ids_->size()));
    for (int32_t i = 0; i < row; ++i) index_->Insert(*ids_, i);
  }

  const StringColumn* ids_;
  IdIndex own_;  // for a table whose index is not kept in the Dataset
  IdIndex* index_;
  std::vector<int64_t> line_;  // by row: the line it was read from
  size_t expected_rows_ = 0;
  bool ascending_ = true;
  bool ascending_throughout_ = true;
  int32_t last_ = -1;  // the last row added while ascending
};

class Loader {
 public:
  Loader(const LoadOptions& options, const QuarantinedKeys* quarantined)
      : options_(options), quarantined_(quarantined) {}

  Result<LoadPass> Run(const RowSourceOpener& open) {
    // Every source is opened first, in table order (a CSV file is mapped, not read).
    std::vector<std::unique_ptr<TablePart>> parts;
    for (int t = 0; t < kTableCount; ++t) {
      Table table = static_cast<Table>(t);
      auto source = open(table);
      if (!source.ok()) return source.status();
      if (!*source) {
        if (table == Table::kAccounts) {
          return Status::NotFound("accounts.csv is missing (it is the one required table)");
        }
        continue;
      }
      d_.present[t] = true;
      auto part = std::make_unique<TablePart>();
      part->table = table;
      part->source = std::move(*source);
      parts.push_back(std::move(part));
    }
    // Accounts first: every other table refers to it; then fx, whose currencies the
    // currency checks of the other tables need. Then the rest, one chain of tables per
    // worker at a time: a table that refers to another (opportunity_history to
    // opportunities, nps to contacts) loads after it on the same thread.
    LoadPart(parts.front().get());
    for (auto& part : parts) {
      if (part->table == Table::kFx) LoadPart(part.get());
    }
    LoadChains(parts);
    return Finish(parts);
  }

  // Loads one table (its source is handed back afterwards).
  void LoadPart(TablePart* part) {
    if (const TextDialect* dialect = part->source->Dialect()) part->dialect = *dialect;
    part->row_hint = part->source->RowCountHint();
    part->problems =
        std::make_unique<TableProblems>(part->source->DisplayName(), MaxErrorsKept(part->row_hint));
    LoadTable(part);
    part->source.reset();  // hands back the file
  }

 private:
  // Merges the parts in table order, so that messages, dictionary codes and everything else
  // are those of loading the tables one after the other.
  LoadPass Finish(std::vector<std::unique_ptr<TablePart>>& parts) {
    LoadPass pass;
    for (auto& part : parts) {
      if (part->latest_event_date != kNullDay &&
          (d_.latest_event_date == kNullDay || part->latest_event_date > d_.latest_event_date)) {
        d_.latest_event_date = part->latest_event_date;
      }
      for (const auto& notice : part->problems->notices()) pass.notices.push_back(notice);
      PassTable table;
      table.table = part->table;
      table.file = part->problems->file();
      table.problems = std::move(part->problems);
      table.rows_read = part->rows_read;
      table.dialect = part->dialect;
      pass.tables.push_back(std::move(table));
    }
    if (!pass.HasErrors()) {
      for (auto& part : parts) MergeCodes(*part);
    }
    pass.dataset = std::move(d_);
    return pass;
  }

  TableReader Reader(TablePart* part) { return TableReader(part, options_); }

  // Row errors kept in full: with a quarantine, as many as may be set aside (more fail the
  // load anyway); else as many as are shown.
  size_t MaxErrorsKept(size_t rows) const {
    size_t keep = TableProblems::kLinesShown;
    if (options_.quarantine.enabled) {
      keep = std::max(
          keep, static_cast<size_t>(std::ceil(options_.quarantine.max_share * static_cast<double>(rows))));
    }
    return keep + 1;
  }

  // Loads every part but accounts and fx on up to options_.threads threads (0: one per core).
  void LoadChains(const std::vector<std::unique_ptr<TablePart>>& parts) {
    // Largest tables first in a typical data set, so that the threads end together.
    static constexpr std::initializer_list<Table> kChains[] = {
        {Table::kUsage},
        {Table::kOpportunities, Table::kOpportunityHistory},
        {Table::kContacts, Table::kNps},
        {Table::kLeads},
        {Table::kTickets},
        {Table::kSubscriptions},
        {Table::kAdvocacy},
        {Table::kJourney},
        {Table::kSpend},
        {Table::kFinance}};
    static_assert(
        [] {
          size_t n = 0;
          for (const auto& chain : kChains) n += chain.size();
          return n;
        }() == kTableCount - 2,
        "every table but accounts and fx belongs to one chain");
    std::vector<std::vector<TablePart*>> chains;
    for (const auto& tables : kChains) {
      std::vector<TablePart*> chain;
      for (Table t : tables) {
        for (const auto& part : parts) {
          if (part->table == t) chain.push_back(part.get());
        }
      }
      if (!chain.empty()) chains.push_back(std::move(chain));
    }
    if (chains.empty()) return;
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i; (i = next.fetch_add(1)) < chains.size();) {
        for (TablePart* part : chains[i]) LoadPart(part);
      }
    };
    size_t threads = options_.threads > 0 ? static_cast<size_t>(options_.threads)
                                          : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min(threads, chains.size());
    std::vector<std::jthread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
  }

  // The Code columns of table t, which hold codes of its part's dictionary until the merge:
  // vectors of four-byte codes, and CodeColumns (two bytes while the codes are small).
  struct CodeColumnList {
    std::vector<std::vector<Code>*> vectors;
    std::vector<CodeColumn*> columns;
  };
  CodeColumnList CodeColumns(Table t) {
    switch (t) {
      case Table::kAccounts: {
        Accounts& a = d_.accounts;
        CodeColumnList list{{&a.segment, &a.industry, &a.country, &a.region, &a.source}, {}};
        for (auto& attribute : a.attributes) list.vectors.push_back(&attribute);
        return list;
      }
      case Table::kContacts:
        return {{&d_.contacts.role}, {}};
      case Table::kLeads:
        return {{}, {&d_.leads.channel, &d_.leads.segment}};
      case Table::kOpportunities: {
        Opportunities& o = d_.opportunities;
        return {{&o.currency, &o.stage, &o.owner, &o.lost_reason, &o.program}, {}};
      }
      case Table::kOpportunityHistory:
        return {{}, {&d_.opportunity_history.stage}};
      case Table::kSubscriptions: {
        Subscriptions& sub = d_.subscriptions;
        return {{}, {&sub.currency, &sub.product, &sub.product_line}};
      }
      case Table::kUsage:
        return {{}, {&d_.usage.metric}};
      case Table::kSpend:
        return {{&d_.spend.segment}, {}};
      case Table::kFx:
        return {{&d_.fx.currency}, {}};
      case Table::kTickets:
      case Table::kNps:
      case Table::kAdvocacy:
      case Table::kFinance:
      case Table::kJourney:
        return {};
    }
    return {};
  }

  // Moves the strings of a part's dictionary into the data set's (new ones in the order the
  // part first saw them) and rewrites the part's Code columns to the data set's codes.
  void MergeCodes(TablePart& part) {
    if (part.dict.size() == 0) return;
    std::vector<Code> remap(part.dict.size());
    for (size_t c = 0; c < remap.size(); ++c) remap[c] = d_.dict.Intern(part.dict.Get(static_cast<Code>(c)));
    const CodeColumnList list = CodeColumns(part.table);
    for (std::vector<Code>* column : list.vectors) {
      for (Code& code : *column) {
        if (code != kNullCode) code = remap[code];
      }
    }
    for (CodeColumn* column : list.columns) {
      column->Rewrite([&remap](Code code) { return code == kNullCode ? kNullCode : remap[code]; });
    }
    part.dict = StringDict();
  }

  void LoadTable(TablePart* s) {
    switch (s->table) {
      case Table::kAccounts:
        return LoadAccounts(s);
      case Table::kContacts:
        return LoadContacts(s);
      case Table::kLeads:
        return LoadLeads(s);
      case Table::kOpportunities:
        return LoadOpportunities(s);
      case Table::kOpportunityHistory:
        return LoadOpportunityHistory(s);
      case Table::kSubscriptions:
        return LoadSubscriptions(s);
      case Table::kUsage:
        return LoadUsage(s);
      case Table::kTickets:
        return LoadTickets(s);
      case Table::kNps:
        return LoadNps(s);
      case Table::kAdvocacy:
        return LoadAdvocacy(s);
      case Table::kSpend:
        return LoadSpend(s);
      case Table::kFinance:
        return LoadFinance(s);
      case Table::kFx:
        return LoadFx(s);
      case Table::kJourney:
        return LoadJourney(s);
    }
  }

  // The line of `id` among the rows of `table` set aside by an earlier pass, or 0.
  int64_t QuarantinedLine(Table table, std::string_view id) const {
    if (quarantined_ == nullptr) return 0;
    const auto& keys = (*quarantined_)[static_cast<int>(table)];
    if (keys.empty()) return 0;
    auto it = keys.find(std::string(id));
    return it == keys.end() ? 0 : it->second;
  }

  // The problem of a reference to `id` of `table` (noun: "account") that is not there.
  void UnknownReference(TableReader& r, std::string_view column, Table table, std::string_view noun,
                        std::string_view id) {
    if (QuarantinedLine(table, id) > 0) {
      r.ErrorIn(column, "quarantined_reference", fmt::format("{} {} is quarantined", noun, id));
    } else {
      r.ErrorIn(column, fmt::format("unknown_{}", noun),
                fmt::format("unknown {} {} (not in {}.csv)", noun, id, TableName(table)));
    }
  }

  // An account reference: kNoAccount when empty or unknown (the latter is a problem).
  AccountIndex AccountRef(TableReader& r, int k) {
    std::string_view id = r.Value(k);
    if (id.empty()) return kNoAccount;
    const AccountIndex a =
        r.account_refs.RowOf(id, [this](std::string_view v) { return d_.accounts.Find(v); });
    if (a == kNoAccount && accounts_usable_) UnknownReference(r, r.Name(k), Table::kAccounts, "account", id);
    return a;
  }

  // A currency code: upper-cased; an error when it is not ISO 4217, or (with a currency
  // policy, `needs_rate`) when it is neither the base currency, nor pinned, nor in fx.csv.
  Code Currency(TableReader& r, TablePart* s, int k, bool needs_rate) {
    std::string_view raw = r.Value(k);
    if (raw.empty()) return kNullCode;
    if (s->last_currency_code != kNullCode && raw == s->last_currency) return s->last_currency_code;
    const std::string code = ToUpper(raw);
    auto [it, added] = s->iso_currencies.try_emplace(code, false);
    if (added) it->second = IsIsoCurrency(code);
    if (!it->second) {
      r.Error(k, "unknown_currency", fmt::format("{} is not an ISO 4217 currency code", raw));
    } else if (needs_rate && options_.currencies && !HasRate(code)) {
      r.Error(k, "currency_without_rate",
              fmt::format("{} has no exchange rate (no fx.csv row, not the base currency {}, not pinned in "
                          "flywheel.toml)",
                          code, options_.currencies->base));
    } else {
      s->last_currency.assign(raw);
      s->last_currency_code = r.Intern(code);
      return s->last_currency_code;
    }
    return r.Intern(code);
  }

  bool HasRate(const std::string& code) const {
    const CurrencyPolicy& policy = *options_.currencies;
    if (code == policy.base || fx_currencies_.count(code)) return true;
    for (const auto& pinned : policy.pinned) {
      if (EqualsIgnoreCase(pinned, code)) return true;
    }
    return false;
  }

  void CheckNotBefore(TableReader& r, int later, Day later_day, int earlier, Day earlier_day) {
    if (later_day != kNullDay && earlier_day != kNullDay && later_day < earlier_day) {
      r.Error(
          later, "end_before_start",
          fmt::format("{} is before {} {}", FormatDate(later_day), r.Name(earlier), FormatDate(earlier_day)));
    }
  }

  // A date that cannot be before another is repaired: the earlier date is moved to the
  // later one (rule `rule`, e.g. created_at := closed_at for a deal closed before it was
  // created). Returns the repaired earlier date.
  Day RepairNotBefore(TableReader& r, std::string_view rule, int later, Day later_day, int earlier,
                      Day earlier_day) {
    if (later_day == kNullDay || earlier_day == kNullDay || later_day >= earlier_day) return earlier_day;
    r.Warn(later, rule,
           fmt::format("{} is before {} {} ({} set to {})", FormatDate(later_day), r.Name(earlier),
                       FormatDate(earlier_day), r.Name(earlier), FormatDate(later_day)),
           true);
    return later_day;
  }

  void LoadAccounts(TablePart* s) {
    auto r = Reader(s);
    accounts_usable_ = r.header_ok();
    const int kId = r.Index("account_id"), kName = r.Index("name"), kSegment = r.Index("segment"),
              kIndustry = r.Index("industry"), kCountry = r.Index("country"), kRegion = r.Index("region"),
              kEmployees = r.Index("employees"), kRevenue = r.Index("annual_revenue"),
              kCreated = r.Index("created_at"), kSource = r.Index("source"),
              kParent = r.Index("parent_account_id");
    Accounts& a = d_.accounts;
    const size_t rows = s->row_hint;
    a.Reserve(rows);
    for (const auto& [name, pos] : r.attributes()) a.attribute_names.push_back(name);
    a.attributes.resize(r.attributes().size());
    for (auto& column : a.attributes) column.reserve(rows);
    struct PendingParent {
      AccountIndex row;
      std::string parent;
      int64_t line;
    };
    r.SetKeyColumn(kId);
    std::vector<PendingParent> parents;
    KeyIndex keys(&a.id, &a.index);
    keys.Reserve(rows);
    while (r.Next()) {
      AccountIndex row = static_cast<AccountIndex>(a.id.size());
      a.id.push_back(r.Value(kId));
      keys.Add(r, kId, row);
      a.name.push_back(r.Value(kName));
      a.segment.push_back(r.Text(kSegment));
      a.industry.push_back(r.Text(kIndustry));
      a.country.push_back(r.Text(kCountry));
      a.region.push_back(r.Text(kRegion));
      a.employees.push_back(r.Integer(kEmployees));
      a.annual_revenue.push_back(r.Number(kRevenue));
      a.created_at.push_back(r.EventDate(kCreated));
      a.source.push_back(r.Text(kSource));
      a.parent.push_back(kNoAccount);
      std::string_view parent = r.Value(kParent);
      if (!parent.empty()) parents.push_back({row, std::string(parent), r.line()});
      for (size_t i = 0; i < r.attributes().size(); ++i) {
        a.attributes[i].push_back(r.Intern(r.RawAt(r.attributes()[i].second)));
      }
    }
    keys.Finish();
    a.id.shrink_to_fit();
    a.name.shrink_to_fit();
    for (const auto& p : parents) {
      AccountIndex parent = a.Find(p.parent);
      if (parent == kNoAccount) {
        const bool set_aside = QuarantinedLine(Table::kAccounts, p.parent) > 0;
        s->problems->RowError({p.line, "parent_account_id",
                               set_aside ? "quarantined_reference" : "unknown_account",
                               set_aside ? fmt::format("account {} is quarantined", p.parent)
                                         : fmt::format("unknown account {} (not in accounts.csv)", p.parent),
                               std::string(a.id[static_cast<size_t>(p.row)])});
      } else {
        a.parent[p.row] = parent;
      }
    }
  }

  void LoadContacts(TablePart* s) {
    auto r = Reader(s);
    const int kId = r.Index("contact_id"), kAccount = r.Index("account_id"), kRole = r.Index("role"),
              kSeniority = r.Index("seniority"), kChampion = r.Index("is_champion"),
              kDecision = r.Index("is_decision_maker");
    Contacts& c = d_.contacts;
    c.Reserve(s->row_hint);
    contact_keys_.Reserve(s->row_hint);
    contacts_usable_ = r.header_ok();
    r.SetKeyColumn(kId);
    while (r.Next()) {
      c.id.push_back(r.Value(kId));
      contact_keys_.Add(r, kId, static_cast<int32_t>(c.id.size() - 1));
      c.account.push_back(AccountRef(r, kAccount));
      c.role.push_back(r.Text(kRole));
      c.seniority.push_back(static_cast<int8_t>(r.Enum(kSeniority)));
      c.is_champion.push_back(r.Bool(kChampion));
      c.is_decision_maker.push_back(r.Bool(kDecision));
    }
    c.id.shrink_to_fit();
  }

  void LoadLeads(TablePart* s) {
    auto r = Reader(s);
    const int kId = r.Index("lead_id"), kAccount = r.Index("account_id"), kCreated = r.Index("created_at"),
              kQualified = r.Index("qualified_at"), kChannel = r.Index("channel"),
              kSegment = r.Index("segment");
    Leads& l = d_.leads;
    l.Reserve(s->row_hint);
    KeyIndex keys(&l.id);
    keys.Reserve(s->row_hint);
    r.SetKeyColumn(kId);
    while (r.Next()) {
      l.id.push_back(r.Value(kId));
      keys.Add(r, kId, static_cast<int32_t>(l.id.size() - 1));
      l.account.push_back(AccountRef(r, kAccount));
      Day created = r.EventDate(kCreated);
      Day qualified = r.EventDate(kQualified);
      created = RepairNotBefore(r, "qualified_before_created", kQualified, qualified, kCreated, created);
      l.created_at.push_back(created);
      l.qualified_at.push_back(qualified);
      l.channel.push_back(r.Text(kChannel));
      l.segment.push_back(r.Text(kSegment));
    }
    l.ids_ascending = keys.ascending_throughout();
    l.id.shrink_to_fit();
  }

  void LoadOpportunities(TablePart* s) {
    auto r = Reader(s);
    const int kId = r.Index("opportunity_id"), kAccount = r.Index("account_id"), kType = r.Index("type"),
              kCreated = r.Index("created_at"), kClosed = r.Index("closed_at"), kStatus = r.Index("status"),
              kAmount = r.Index("amount"), kCurrency = r.Index("currency"), kStage = r.Index("stage"),
              kOwner = r.Index("owner"), kLostReason = r.Index("lost_reason"), kProgram = r.Index("program"),
              kExpected = r.Index("expected_close"), kForecast = r.Index("forecast_category");
    Opportunities& o = d_.opportunities;
    o.Reserve(s->row_hint);
    opportunities_usable_ = r.header_ok();
    KeyIndex keys(&o.id, &o.index);
    keys.Reserve(s->row_hint);
    r.SetKeyColumn(kId);
    while (r.Next()) {
      o.id.push_back(r.Value(kId));
      keys.Add(r, kId, static_cast<int32_t>(o.id.size() - 1));
      o.account.push_back(AccountRef(r, kAccount));
      int type = r.Enum(kType);
      o.type.push_back(static_cast<OpportunityType>(type < 0 ? 0 : type));
      Day created = r.EventDate(kCreated);
      Day closed = r.EventDate(kClosed);
      int status = r.Enum(kStatus);
      o.status.push_back(static_cast<OpportunityStatus>(status < 0 ? 0 : status));
      if (closed == kNullDay && r.Raw(kClosed).empty() &&
          (status == static_cast<int>(OpportunityStatus::kWon) ||
           status == static_cast<int>(OpportunityStatus::kLost))) {
        r.Error(kClosed, "closed_without_date",
                fmt::format("required when status is {}", kOpportunityStatusWords[status]));
      }
      created = RepairNotBefore(r, "closed_before_created", kClosed, closed, kCreated, created);
      o.created_at.push_back(created);
      o.closed_at.push_back(closed);
      o.amount.push_back(r.Number(kAmount));
      o.currency.push_back(Currency(r, s, kCurrency, true));
      o.stage.push_back(r.Text(kStage));
      o.owner.push_back(r.Text(kOwner));
      o.lost_reason.push_back(r.Text(kLostReason));
      o.program.push_back(r.Text(kProgram));
      o.expected_close.push_back(r.Date(kExpected));
      o.forecast_category.push_back(static_cast<int8_t>(r.Enum(kForecast)));
    }
    o.ids_ascending = keys.ascending_throughout();
    keys.Finish();
    o.id.shrink_to_fit();
  }

  void LoadOpportunityHistory(TablePart* s) {
    auto r = Reader(s);
    const int kId = r.Index("opportunity_id"), kChanged = r.Index("changed_at"), kStage = r.Index("stage"),
              kStatus = r.Index("status"), kAmount = r.Index("amount"), kExpected = r.Index("expected_close");
    OpportunityHistory& h = d_.opportunity_history;
    h.Reserve(s->row_hint);
    while (r.Next()) {
      std::string_view id = r.Value(kId);
      int32_t opp = -1;
      if (!id.empty()) {
        const int32_t found =
            r.opportunity_refs.RowOf(id, [this](std::string_view v) { return d_.opportunities.Find(v); });
        if (found >= 0) {
          opp = found;
        } else if (opportunities_usable_) {
          UnknownReference(r, r.Name(kId), Table::kOpportunities, "opportunity", id);
        }
      }
      h.opportunity.push_back(opp);
      h.changed_at.push_back(r.EventDate(kChanged));
      h.stage.push_back(r.Text(kStage));
      h.status.push_back(static_cast<int8_t>(r.Enum(kStatus)));
      h.amount.push_back(r.Number(kAmount));
      h.expected_close.push_back(r.Date(kExpected));
    }
  }

  void LoadSubscriptions(TablePart* s) {
    auto r = Reader(s);
    const int kId = r.Index("subscription_id"), kAccount = r.Index("account_id"),
              kStart = r.Index("start_date"), kEnd = r.Index("end_date"), kAmount = r.Index("amount"),
              kBilling = r.Index("billing_period"), kCurrency = r.Index("currency"),
              kRevenueType = r.Index("revenue_type"), kProduct = r.Index("product"),
              kLine = r.Index("product_line"), kMargin = r.Index("gross_margin");
    Subscriptions& sub = d_.subscriptions;
    sub.Reserve(s->row_hint);
    KeyIndex keys(&sub.id);
    keys.Reserve(s->row_hint);
    r.SetKeyColumn(kId);
    while (r.Next()) {
      sub.id.push_back(r.Value(kId));
      keys.Add(r, kId, static_cast<int32_t>(sub.id.size() - 1));
      sub.account.push_back(AccountRef(r, kAccount));
      Day start = r.EventDate(kStart);
      Day end = r.Date(kEnd);
      CheckNotBefore(r, kEnd, end, kStart, start);
      sub.start.push_back(start);
      sub.end.push_back(end == kNullDay ? kOpenEnd : end);
      const double amount = r.Number(kAmount);
      if (amount < 0)
        r.Warn(kAmount, "negative_amount",
               fmt::format("{} is negative (kept: a credit lowers MRR)", r.Raw(kAmount)), false);
      sub.amount.push_back(amount);
      int billing = r.Enum(kBilling);
      sub.billing_period.push_back(kBillingValues[billing < 0 ? 0 : billing]);
      sub.currency.push_back(Currency(r, s, kCurrency, true));
      int revenue_type = r.Enum(kRevenueType);
      sub.revenue_type.push_back(static_cast<RevenueType>(revenue_type < 0 ? 0 : revenue_type));
      sub.product.push_back(r.Text(kProduct));
      sub.product_line.push_back(r.Text(kLine));
      sub.gross_margin.push_back(r.Fraction(kMargin));
    }
    sub.id.shrink_to_fit();
  }

  void LoadUsage(TablePart* s) {
    auto r = Reader(s);
    const int kAccount = r.Index("account_id"), kDate = r.Index("date"), kMetric = r.Index("metric"),
              kValue = r.Index("value");
    Usage& u = d_.usage;
    u.Reserve(s->row_hint);
    while (r.Next()) {
      u.account.push_back(AccountRef(r, kAccount));
      u.date.push_back(r.EventDate(kDate));
      u.metric.push_back(r.Text(kMetric));
      double value = r.Number(kValue);
      u.value.push_back(IsNull(value) && r.Raw(kValue).empty() ? 1.0 : value);
    }
  }

  void LoadTickets(TablePart* s) {
    auto r = Reader(s);
    const int kId = r.Index("ticket_id"), kAccount = r.Index("account_id"), kOpened = r.Index("opened_at"),
              kClosed = r.Index("closed_at"), kEffort = r.Index("effort_hours"),
              kEscalation = r.Index("escalation");
    Tickets& t = d_.tickets;
    t.Reserve(s->row_hint);
    KeyIndex keys(&t.id);
    keys.Reserve(s->row_hint);
    r.SetKeyColumn(kId);
    while (r.Next()) {
      t.id.push_back(r.Value(kId));
      keys.Add(r, kId, static_cast<int32_t>(t.id.size() - 1));
      t.account.push_back(AccountRef(r, kAccount));
      Day opened = r.EventDate(kOpened);
      Day closed = r.EventDate(kClosed);
      opened = RepairNotBefore(r, "closed_before_opened", kClosed, closed, kOpened, opened);
      t.opened_at.push_back(opened);
      t.closed_at.push_back(closed);
      double effort = r.Number(kEffort);
      if (!IsNull(effort) && effort < 0)
        r.Error(kEffort, "negative_effort", fmt::format("{} is negative", r.Raw(kEffort)));
      t.effort_hours.push_back(effort);
      int escalation = r.Enum(kEscalation);
      t.escalation.push_back(static_cast<Escalation>(escalation < 0 ? 0 : escalation));
    }
    t.id.shrink_to_fit();
  }

  void LoadNps(TablePart* s) {
    auto r = Reader(s);
    const int kAccount = r.Index("account_id"), kContact = r.Index("contact_id"), kDate = r.Index("date"),
              kScore = r.Index("score");
    Nps& n = d_.nps;
    n.Reserve(s->row_hint);
    while (r.Next()) {
      n.account.push_back(AccountRef(r, kAccount));
      std::string_view contact_id = r.Value(kContact);
      int32_t contact = -1;
      if (!contact_id.empty()) {
        contact = contact_keys_.Find(contact_id);
        if (contact < 0 && contacts_usable_)
          UnknownReference(r, r.Name(kContact), Table::kContacts, "contact", contact_id);
      }
      n.contact.push_back(contact);
      n.date.push_back(r.EventDate(kDate));
      int64_t score = r.Integer(kScore);
      if (score != kNullInt && (score < 0 || score > 10)) {
        r.Error(kScore, "score_out_of_range", fmt::format("{} is outside 0 to 10", score));
        score = kNullInt;
      }
      n.score.push_back(static_cast<int8_t>(score == kNullInt ? -1 : score));
    }
  }

  void LoadAdvocacy(TablePart* s) {
    auto r = Reader(s);
    const int kAccount = r.Index("account_id"), kDate = r.Index("date"), kType = r.Index("type");
    Advocacy& a = d_.advocacy;
    while (r.Next()) {
      a.account.push_back(AccountRef(r, kAccount));
      a.date.push_back(r.EventDate(kDate));
      int type = r.Enum(kType);
      a.type.push_back(static_cast<AdvocacyType>(type < 0 ? 0 : type));
    }
  }

  void LoadSpend(TablePart* s) {
    auto r = Reader(s);
    const int kMonth = r.Index("month"), kCategory = r.Index("category"), kAmount = r.Index("amount"),
              kSegment = r.Index("segment");
    Spend& sp = d_.spend;
    while (r.Next()) {
      Month m = r.MonthValue(kMonth);
      if (m != kNullMonth) r.NoteEvent(LastDayOfMonth(m), kMonth);
      sp.month.push_back(m);
      int category = r.Enum(kCategory);
      sp.category.push_back(static_cast<SpendCategory>(category < 0 ? 0 : category));
      sp.amount.push_back(r.Number(kAmount));
      sp.segment.push_back(r.Text(kSegment));
    }
  }

  void LoadFinance(TablePart* s) {
    auto r = Reader(s);
    const int kMonth = r.Index("month"), kBurn = r.Index("net_burn"), kMargin = r.Index("gross_margin");
    Finance& f = d_.finance;
    while (r.Next()) {
      Month m = r.MonthValue(kMonth);
      if (m != kNullMonth) r.NoteEvent(LastDayOfMonth(m), kMonth);
      f.month.push_back(m);
      f.net_burn.push_back(r.Number(kBurn));
      f.gross_margin.push_back(r.Fraction(kMargin));
    }
  }

  void LoadFx(TablePart* s) {
    auto r = Reader(s);
    const int kMonth = r.Index("month"), kCurrency = r.Index("currency"), kRate = r.Index("rate");
    Fx& fx = d_.fx;
    // (month, currency) -> the line of its first rate, for the duplicate check; every line
    // with a duplicate is an error, the first too, so that the order of the rows decides
    // nothing.
    std::map<std::pair<Month, std::string>, int64_t> first_line;
    std::set<int64_t> flagged;
    while (r.Next()) {
      const Month month = r.MonthValue(kMonth);
      fx.month.push_back(month);
      const Code currency = Currency(r, s, kCurrency, false);
      fx.currency.push_back(currency);
      double rate = r.Number(kRate);
      if (!IsNull(rate) && rate <= 0)
        r.Error(kRate, "rate_not_positive", fmt::format("{} is not a positive number", r.Raw(kRate)));
      fx.rate.push_back(rate);
      if (month == kNullMonth || currency == kNullCode) continue;
      const std::string code(s->dict.Get(currency));
      fx_currencies_.insert(code);
      auto [it, added] = first_line.try_emplace({month, code}, r.line());
      if (added) continue;
      r.Error(
          kCurrency, "duplicate_fx_rate",
          fmt::format("a second rate for {} in {} (also on line {})", code, FormatMonth(month), it->second));
      if (flagged.insert(it->second).second) {
        s->problems->RowError(
            {it->second, "currency", "duplicate_fx_rate",
             fmt::format("a second rate for {} in {} (also on line {})", code, FormatMonth(month), r.line()),
             ""});
      }
    }
  }

  void LoadJourney(TablePart* s) {
    auto r = Reader(s);
    const int kAccount = r.Index("account_id"), kStage = r.Index("stage"), kEntered = r.Index("entered_at");
    Journey& j = d_.journey;
    while (r.Next()) {
      j.account.push_back(AccountRef(r, kAccount));
      int stage = r.Enum(kStage);
      j.stage.push_back(static_cast<BowtieStage>(stage < 0 ? 0 : stage));
      j.entered_at.push_back(r.EventDate(kEntered));
    }
  }

  const LoadOptions& options_;
  const QuarantinedKeys* quarantined_;
  std::set<std::string> fx_currencies_;  // the currencies of fx.csv, loaded before the tables that use them
  Dataset d_;
  // Whether references to a table can be checked: false after a broken header. Contact
  // references are only checked when contacts.csv exists; opportunity_history needs
  // opportunities.csv.
  bool accounts_usable_ = false;
  bool contacts_usable_ = false;
  bool opportunities_usable_ = true;
  KeyIndex contact_keys_{&d_.contacts.id};
};

}  // namespace

bool LoadPass::HasErrors() const {
  for (const PassTable& t : tables) {
    if (t.problems->error_line_count() > 0) return true;
  }
  return false;
}

Result<LoadPass> RunLoadPass(const RowSourceOpener& open, const LoadOptions& options,
                             const QuarantinedKeys* quarantined) {
  Loader loader(options, quarantined);
  return loader.Run(open);
}

std::vector<std::string> ParsedColumns(Table t) {
  TablePart part;
  part.table = t;
  part.source = CsvRowSource::FromText(CanonicalHeader(t) + "\n", std::string(TableName(t)) + ".csv");
  const LoadOptions options;
  Loader loader(options, nullptr);
  loader.LoadPart(&part);
  return std::move(part.parsed_columns);
}

}  // namespace flywheel
