// Mapping: how one export file becomes rows of one or more canonical tables.
//
// Written as TOML (docs/IMPORTS.md "Mapping files"); the shipped profiles
// (profiles/*.toml) use the same format. A mapping names the file's format (delimiter,
// number format, date formats, default currency) and, per target table, where each
// canonical column comes from: a source column (or the first non-empty of several), a
// constant, a value map, a derived id, a billing interval that normalises the amount.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "imports/export_values.h"
#include "model/dataset.h"

namespace flywheel {

// Where one canonical column comes from.
struct ColumnRule {
  std::string target;                            // canonical column name
  std::vector<std::string> sources;              // `column`: the first one that exists and is non-empty wins
  std::string join;                              // `join`: when set, the values of all sources joined with it
  std::optional<std::string> constant;           // `value`
  std::map<std::string, std::string> value_map;  // `map`: keys lower-cased and trimmed
  std::optional<std::string> map_default;        // `map_default`: for values not in the map
  std::string default_value;                     // `default`: used when the value is empty
  std::string split;                             // `split`: keep the first item of a list separated by it
  std::vector<std::string> derive;               // `derive`: hash these source columns into an id when the
                                                 // file has none of `sources`
  std::string derive_prefix;                     // `derive_prefix`
  std::vector<std::pair<std::string, std::vector<std::string>>> when;  // `when`: canonical column -> values
  std::string quantity;        // `quantity`: source column the amount is multiplied by
  std::string interval;        // `interval`: source column with day/week/month/quarter/year
  std::string interval_count;  // `interval_count`: source column with the count (default 1)
  bool optional = false;       // `optional`: the file may lack all of `sources`
  // `booleans`: each source value is read as a yes/no first (true, 1, yes, x -> "true";
  // false, 0, no, empty -> "false"), before `join` and `map`: Salesforce writes IsWon as 1
  // or an empty field, HubSpot as true or false.
  bool booleans = false;
  std::vector<std::string> date_formats;  // `date_format`: tried before the mapping's own formats
  // `fallback`: the rule used instead when the file has none of `sources` (with `join`: not
  // all of them), e.g. status from the deal stage when the won/lost flags are not exported.
  // Zero or one rule.
  std::vector<ColumnRule> fallback;
};

// A row that matches is left out of the table and reported with `reason`.
struct SkipRule {
  std::string column;               // source column, or
  std::string target;               // canonical column (after mapping)
  std::vector<std::string> values;  // matched case-insensitively, or
  bool empty = false;               // the value is empty
  std::string reason;
};

struct TableRule {
  Table target = Table::kAccounts;
  std::string key;               // rows with the same value here are merged into one
  std::string attribute_suffix;  // "<key> (metadata)" source columns -> attr_<key> (accounts)
  std::vector<ColumnRule> columns;
  std::vector<SkipRule> skip;
};

struct Mapping {
  std::string name;  // "stripe", or the mapping file's name
  std::string description;
  char delimiter = 0;  // 0: detect `,` / `;` / tab
  NumberFormat number;
  std::vector<std::string> date_formats;  // `dates` and `date_format`, in that order
  std::string currency;                   // default currency of amounts, "" = the base currency
  std::vector<std::string> nulls;         // `nulls`: values read as empty in every column (Salesforce
                                          // writes a missing id as 000000000000000AAA)
  std::vector<TableRule> tables;

  // The source columns the mapping reads ("Customer ID", ...), in rule order, without repeats.
  std::vector<std::string> SourceColumns() const;
};

// Parses mapping TOML. `file` names it in messages. Unknown keys, tables and columns are
// errors with "did you mean"; every problem is "FILE:LINE: message", all joined by newlines.
Result<Mapping> ParseMapping(std::string_view toml_text, std::string_view file);
// Reads and parses a mapping file; a missing file is kNotFound.
Result<Mapping> LoadMappingFile(const std::string& path);

}  // namespace flywheel
