#include "imports/profile_detection.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "imports/date_format_guess.h"
#include "imports/export_values.h"
#include "imports/shipped_profiles.h"
#include "imports/source_mapper.h"
#include "ingest/text_encoding.h"
#include "model/schema.h"

namespace flywheel {

namespace {

bool Has(const std::set<std::string>& header, const std::string& column) {
  return header.count(NormalHeader(column));
}

std::set<std::string> HeaderSet(const std::vector<std::string>& header) {
  std::set<std::string> out;
  for (const auto& h : header) out.insert(NormalHeader(h));
  return out;
}

// "" when the header has what rule `r` (or its fallback) reads, else the columns it lacks.
std::string MissingFor(const ColumnRule& r, const std::set<std::string>& header) {
  if (r.constant || r.optional) return "";
  size_t present = 0;
  for (const auto& s : r.sources) present += Has(header, s);
  if (r.join.empty() ? present > 0 : present == r.sources.size() && present > 0) return "";
  if (!r.fallback.empty() && MissingFor(r.fallback.front(), header).empty()) return "";
  if (present == 0 && !r.derive.empty()) {
    bool all = true;
    for (const auto& d : r.derive) all = all && Has(header, d);
    if (all) return "";
  }
  std::string names;
  for (const auto& s : r.sources) {
    if (r.join.empty() || !Has(header, s))
      names += (names.empty() ? "'" : r.join.empty() ? "' or '" : "', '") + s;
  }
  return names.empty() ? "" : names + "'";
}

// Lower case, every run of other characters than letters and digits one space.
std::string Words(std::string_view name) {
  std::string out;
  for (char c : ToLower(Trim(name))) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Per canonical column, the export column names that mean it: its own name and every source
// column a shipped profile reads for it, as Words.
using Synonyms = std::map<std::pair<Table, std::string>, std::vector<std::string>>;

void AddSynonyms(Table t, const ColumnRule& r, Synonyms* out) {
  auto& names = (*out)[{t, r.target}];
  for (const auto& s : r.sources) {
    std::string w = Words(NormalHeader(s));
    if (std::find(names.begin(), names.end(), w) == names.end()) names.push_back(w);
  }
  for (const auto& f : r.fallback) AddSynonyms(t, f, out);
}

// Names that exports commonly give canonical columns, whatever the table (as Words).
const std::map<std::string, std::vector<std::string>>& CommonNames() {
  static const std::map<std::string, std::vector<std::string>> names = {
      {"account_id", {"account id", "company id", "customer id", "organization id", "org id", "client id"}},
      {"name",
       {"name", "company", "company name", "account name", "organization", "organization name", "customer",
        "customer name", "client"}},
      {"opportunity_id", {"deal id", "opportunity id", "id", "record id"}},
      {"subscription_id", {"subscription id", "contract id", "id"}},
      {"lead_id", {"lead id", "id"}},
      {"contact_id", {"contact id", "person id", "id"}},
      {"created_at",
       {"created", "created on", "creation date", "date created", "created date", "create date"}},
      {"closed_at", {"closed", "close date", "closed date", "closed on", "closing date", "date closed"}},
      {"expected_close", {"expected close", "expected close date", "close date"}},
      {"start_date", {"start", "start date", "started", "begin", "begins"}},
      {"end_date", {"end", "end date", "ended", "ends", "cancelled at", "canceled at"}},
      {"amount", {"amount", "value", "deal value", "price", "total"}},
      {"status", {"status", "deal status", "state", "outcome"}},
      {"stage", {"stage", "deal stage", "pipeline stage"}},
      {"owner", {"owner", "deal owner", "sales rep", "rep", "account owner"}},
      {"currency", {"currency", "currency code"}},
      {"country", {"country", "country code"}},
      {"industry", {"industry", "vertical", "sector"}},
      {"employees", {"employees", "headcount", "number of employees", "company size"}},
      {"segment", {"segment"}},
      {"product", {"product", "plan"}},
  };
  return names;
}

const Synonyms& KnownSynonyms() {
  static const Synonyms synonyms = [] {
    Synonyms s;
    for (int t = 0; t < kTableCount; ++t) {
      for (const auto& c : CanonicalColumns(static_cast<Table>(t))) {
        auto& names = s[{static_cast<Table>(t), std::string(c.name)}];
        names.push_back(Words(c.name));
        if (auto it = CommonNames().find(std::string(c.name)); it != CommonNames().end()) {
          names.insert(names.end(), it->second.begin(), it->second.end());
        }
      }
    }
    for (const auto& name : ShippedProfileNames()) {
      auto profile = FindShippedProfile(name);
      if (!profile.ok()) continue;
      for (const auto& table : profile->tables) {
        for (const auto& r : table.columns) AddSynonyms(table.target, r, &s);
      }
    }
    return s;
  }();
  return synonyms;
}

// Per canonical column of `t`, the header position guessed for it (each position once).
std::map<std::string, size_t> GuessColumns(Table t, const std::vector<std::string>& header) {
  std::map<std::string, size_t> out;
  std::set<size_t> used;
  for (const auto& c : CanonicalColumns(t)) {
    auto it = KnownSynonyms().find({t, std::string(c.name)});
    if (it == KnownSynonyms().end()) continue;
    for (const auto& synonym : it->second) {
      for (size_t i = 0; i < header.size() && !out.count(std::string(c.name)); ++i) {
        if (!used.count(i) && Words(NormalHeader(header[i])) == synonym) {
          out[std::string(c.name)] = i;
          used.insert(i);
        }
      }
    }
  }
  return out;
}

Table GuessTable(const std::vector<std::string>& header) {
  Table best = Table::kAccounts;
  int best_score = -1;
  for (int t = 0; t < kTableCount; ++t) {
    const auto guessed = GuessColumns(static_cast<Table>(t), header);
    int score = 0;
    for (const auto& c : CanonicalColumns(static_cast<Table>(t))) {
      if (guessed.count(std::string(c.name))) score += c.required ? 3 : 1;
    }
    if (score > best_score) {
      best_score = score;
      best = static_cast<Table>(t);
    }
  }
  return best;
}

std::string TomlString(std::string_view text) {
  const std::string s = ValidUtf8Copy(text);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::vector<std::string> ColumnValues(const DelimitedText& text, size_t column) {
  std::vector<std::string> out;
  for (const auto& row : text.rows) {
    if (column < row.fields.size() && !Trim(row.fields[column]).empty())
      out.emplace_back(Trim(row.fields[column]));
  }
  return out;
}

// A guessed canonical word for an export value of enum column `c` ("" when no guess).
std::string GuessWord(const CanonicalColumn& c, const std::string& value) {
  const std::string v = ToLower(value);
  for (auto e : c.enum_values) {
    if (v == e) return std::string(e);
  }
  if (c.name == "status")
    return v.find("won") != std::string::npos ? "won" : v.find("lost") != std::string::npos ? "lost" : "open";
  if (c.name == "type") {
    if (v.find("renew") != std::string::npos) return "renewal";
    if (v.find("upsell") != std::string::npos || v.find("expan") != std::string::npos ||
        v.find("exist") != std::string::npos) {
      return "expansion";
    }
    return "new";
  }
  return "";
}

// The rule text of canonical column `c` read from header position `at`.
std::string RuleText(const CanonicalColumn& c, const DelimitedText& text, size_t at) {
  const std::string& name = text.header[at];
  if (c.type != FieldType::kEnum) return TomlString(Trim(name)) + "  # guess";
  std::set<std::string> distinct;
  for (const auto& v : ColumnValues(text, at)) {
    if (distinct.size() < 30) distinct.insert(v);
  }
  std::string map;
  for (const auto& v : distinct) {
    const std::string word = GuessWord(c, v);
    if (!word.empty()) map += (map.empty() ? "" : ", ") + TomlString(v) + " = " + TomlString(word);
  }
  if (map.empty()) return TomlString(Trim(name)) + "  # guess";
  return fmt::format("{{ column = {}, map = {{ {} }} }}  # guess: check the map", TomlString(Trim(name)),
                     map);
}

void AppendTable(Table t, const DelimitedText& text, const std::map<std::string, size_t>& guessed,
                 const std::string& key, std::string* out) {
  *out += fmt::format("\n[[tables]]\ntarget = \"{}\"\n", TableName(t));
  if (!key.empty()) *out += fmt::format("key = \"{}\"\n", key);
  *out += "[tables.columns]\n";
  for (const auto& c : CanonicalColumns(t)) {
    const std::string name(c.name);
    if (auto it = guessed.find(name); it != guessed.end()) {
      *out += fmt::format("{} = {}\n", name, RuleText(c, text, it->second));
    } else if (c.required && c.type == FieldType::kEnum) {
      *out += fmt::format("{} = {{ value = \"{}\" }}  # required, no column found: a constant for now\n",
                          name, c.enum_values.front());
    } else {
      *out += fmt::format("# {} = \"\"  # {}no column found\n", name, c.required ? "required, " : "");
    }
  }
}

// The [format] section: delimiter, and the date and number formats the values suggest.
std::string FormatSection(const DelimitedText& text, Table t, const std::map<std::string, size_t>& guessed) {
  std::string out =
      fmt::format("[format]\ndelimiter = {}\n", text.dialect.delimiter == '\t'
                                                    ? std::string("\"tab\"")
                                                    : TomlString(std::string(1, text.dialect.delimiter)));
  std::set<std::string> formats;
  std::string number_note;
  for (const auto& c : CanonicalColumns(t)) {
    auto it = guessed.find(std::string(c.name));
    if (it == guessed.end()) continue;
    const auto values = ColumnValues(text, it->second);
    if (c.type == FieldType::kDate) {
      const std::vector<std::string_view> views(values.begin(), values.end());
      DateFormatGuess guess = GuessDateFormat(views, {});
      if (!guess.format.empty()) formats.insert(guess.format);
      if (!guess.problem.empty()) out += fmt::format("# {}: {}\n", text.header[it->second], guess.problem);
    }
    if (c.type == FieldType::kMoney && number_note.empty()) {
      NumberFormat european{',', '.'};
      for (const auto& v : values) {
        if (!ParseExportAmount(v, NumberFormat{}) && ParseExportAmount(v, european)) {
          number_note = "decimal = \",\"\nthousands = \".\"\n";
        }
      }
    }
  }
  out += number_note;
  if (!formats.empty()) {
    std::string list;
    for (const auto& f : formats) list += (list.empty() ? "" : ", ") + TomlString(f);
    out += fmt::format("dates = [{}]\n", list);
  }
  return out;
}

}  // namespace

std::vector<std::string> MissingColumns(const Mapping& mapping, const std::vector<std::string>& header) {
  const std::set<std::string> names = HeaderSet(header);
  std::vector<std::string> out;
  for (const auto& table : mapping.tables) {
    for (const auto& r : table.columns) {
      std::string missing = MissingFor(r, names);
      if (!missing.empty() && std::find(out.begin(), out.end(), missing) == out.end()) out.push_back(missing);
    }
  }
  return out;
}

std::vector<ProfileMatch> MatchProfiles(const std::vector<std::string>& header) {
  const std::set<std::string> names = HeaderSet(header);
  std::vector<ProfileMatch> out;
  for (const auto& name : ShippedProfileNames()) {
    auto profile = FindShippedProfile(name);
    if (!profile.ok()) continue;
    ProfileMatch m;
    m.name = name;
    for (const auto& c : profile->SourceColumns()) {
      ++m.total;
      m.present += Has(names, c);
    }
    m.missing = MissingColumns(*profile, header);
    out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(), [](const ProfileMatch& a, const ProfileMatch& b) {
    if (a.missing.empty() != b.missing.empty()) return a.missing.empty();
    if (a.missing.empty()) return a.present > b.present;
    return static_cast<double>(a.present) / std::max(1, a.total) >
           static_cast<double>(b.present) / std::max(1, b.total);
  });
  return out;
}

Result<ProfileMatch> DetectProfile(const std::vector<std::string>& header, std::string_view file) {
  std::vector<ProfileMatch> matches = MatchProfiles(header);
  if (!matches.empty() && matches.front().missing.empty() && matches.front().present > 0)
    return matches.front();
  std::string message = fmt::format("{}: no shipped profile fits its columns", file);
  std::string closest;
  for (size_t i = 0, shown = 0; i < matches.size() && shown < 3; ++i) {
    if (matches[i].present == 0) continue;
    closest += fmt::format("\n  {} ({} of {} columns): missing {}", matches[i].name, matches[i].present,
                           matches[i].total, Join(matches[i].missing, ", "));
    ++shown;
  }
  message += closest.empty() ? " (none reads any of them)" : "; the closest are:" + closest;
  std::string stem(file.substr(0, file.rfind('.')));
  message +=
      fmt::format("\nwrite a mapping file for it: flywheel import --from auto {} --write-mapping {}.toml",
                  file, stem.empty() ? "mapping" : stem);
  return Status::BadData(message);
}

std::string MappingSkeleton(const DelimitedText& text, std::string_view file) {
  const Table target = GuessTable(text.header);
  const auto guessed = GuessColumns(target, text.header);
  const std::string stem(file.substr(0, file.rfind('.')));
  std::string out = fmt::format(
      "# Mapping for {0}: every column of the export is listed at the end. Check each guess,\n"
      "# map what is missing (docs/IMPORTS.md \"Mapping files\"), then import with:\n"
      "#   flywheel import --mapping THIS_FILE.toml {0} --workspace WS\n"
      "name = {1}\ndescription = {2}\n\n",
      file, TomlString(stem), TomlString(fmt::format("Mapping for {}", file)));
  out += FormatSection(text, target, guessed);
  // Rows of other tables refer to accounts, which must exist: they come from the same file.
  if (target != Table::kAccounts && guessed.count("account_id")) {
    std::map<std::string, size_t> account_columns = {{"account_id", guessed.at("account_id")}};
    const auto account_guess = GuessColumns(Table::kAccounts, text.header);
    if (auto name = account_guess.find("name"); name != account_guess.end())
      account_columns["name"] = name->second;
    AppendTable(Table::kAccounts, text, account_columns, "account_id", &out);
  }
  AppendTable(target, text, guessed, target == Table::kAccounts ? "account_id" : "", &out);
  out += "\n# The export's columns (position: name: first value):\n";
  for (size_t i = 0; i < text.header.size(); ++i) {
    std::string first;
    for (const auto& row : text.rows) {
      if (i < row.fields.size() && !Trim(row.fields[i]).empty()) {
        first = std::string(Trim(row.fields[i]));
        break;
      }
    }
    if (first.size() > 40) {
      size_t cut = 40;
      while (cut > 0 && (static_cast<unsigned char>(first[cut]) & 0xC0) == 0x80) --cut;  // a whole character
      first = first.substr(0, cut) + "...";
    }
    for (char& c : first) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    out += fmt::format("#   {}: {}: {}\n", i + 1, ValidUtf8Copy(Trim(text.header[i])), ValidUtf8Copy(first));
  }
  return out;
}

}  // namespace flywheel
