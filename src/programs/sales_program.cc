#include "programs/sales_program.h"

#include <fmt/core.h>

#include <toml++/toml.h>
#include <filesystem>
#include <set>

#include "base/file_text.h"
#include "base/strings.h"

namespace flywheel {

const std::vector<std::string>& AdvocacyTypeNames() {
  static const std::vector<std::string> kNames = {"reference", "case_study", "testimonial",
                                                  "talk",      "review",     "referral"};
  return kNames;
}

Result<const SalesProgram*> ProgramBook::Find(const std::string& id) const {
  std::vector<std::string> ids;
  for (const SalesProgram& p : programs) {
    if (p.id == id) return &p;
    ids.push_back(p.id);
  }
  std::string list;
  for (const auto& i : ids) list += (list.empty() ? "" : ", ") + i;
  return Status::NotFound(fmt::format("unknown program '{}'{} (programs: {})", id, DidYouMeanSuffix(id, ids),
                                      list.empty() ? "none" : list));
}

namespace {

int64_t LineOf(const toml::node& n) { return n.source().begin.line; }

bool ValidId(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

class ProgramsParser {
 public:
  ProgramsParser(std::string path, const std::map<std::string, std::vector<std::string>>& lists)
      : path_(std::move(path)), lists_(lists) {}

  Result<ProgramBook> Parse(const std::string& text) {
    toml::table root;
    try {
      root = toml::parse(text, path_);
    } catch (const toml::parse_error& e) {
      return Status::BadData(fmt::format("{}:{}: {}", path_, e.source().begin.line, e.description()));
    }
    ProgramBook book;
    book.path = path_;
    for (const auto& [k, v] : root) {
      std::string key(k.str());
      if (key == "scorecard") {
        auto s = v.as_string();
        if (!s || s->get().empty())
          return Fail(LineOf(v), "scorecard: expected the path of a scorecard TOML file");
        std::filesystem::path p(s->get());
        if (p.is_relative()) p = std::filesystem::path(path_).parent_path() / p;
        book.scorecard_path = p.string();
      } else if (key != "program") {
        return Fail(k.source().begin.line,
                    fmt::format("unknown key '{}'{} (expected scorecard or [[program]])", key,
                                DidYouMeanSuffix(key, {"scorecard", "program"})));
      }
    }
    auto node = root["program"];
    if (!node)
      return Status::BadData(fmt::format("{}: no [[program]] tables: define at least one program", path_));
    auto arr = node.as_array();
    if (!arr) return Fail(LineOf(*node.node()), "program: expected [[program]] tables");
    std::set<std::string> seen;
    for (const auto& entry : *arr) {
      auto t = entry.as_table();
      if (!t) return Fail(LineOf(entry), "program: expected [[program]] tables");
      SalesProgram p;
      FLYWHEEL_RETURN_IF_ERROR(Program(*t, LineOf(entry), &p));
      if (!seen.insert(p.id).second)
        return Fail(LineOf(*(*t)["id"].node()), fmt::format("program id '{}' is used twice", p.id));
      book.programs.push_back(std::move(p));
    }
    return book;
  }

 private:
  Status Fail(int64_t line, const std::string& what) const {
    return Status::BadData(fmt::format("{}:{}: {}", path_, line, what));
  }

  Status Program(const toml::table& t, int64_t line, SalesProgram* p) {
    static const std::vector<std::string> kKeys = {"id",       "name", "description", "eligibility",
                                                   "benefits", "cap",  "advocacy"};
    auto id = t["id"].as_string();
    if (!id) return Fail(line, "program: every [[program]] needs id = \"...\"");
    p->id = id->get();
    if (!ValidId(p->id)) {
      return Fail(LineOf(*id), fmt::format("program id '{}': use letters, digits, '-' and '_' only", p->id));
    }
    const std::string where = fmt::format("program \"{}\"", p->id);
    for (const auto& [k, v] : t) {
      std::string key(k.str());
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        return Fail(k.source().begin.line,
                    fmt::format("{}: unknown key '{}'{}", where, key, DidYouMeanSuffix(key, kKeys)));
      }
    }
    auto text = [&](const char* key, std::string* out, bool required) -> Status {
      const toml::node* n = t[key].node();
      if (!n) return required ? Fail(line, fmt::format("{}: needs {} = \"...\"", where, key)) : Status::Ok();
      auto s = n->as_string();
      if (!s || s->get().empty())
        return Fail(LineOf(*n), fmt::format("{}: {}: expected a non-empty text", where, key));
      *out = s->get();
      return Status::Ok();
    };
    FLYWHEEL_RETURN_IF_ERROR(text("name", &p->name, true));
    FLYWHEEL_RETURN_IF_ERROR(text("description", &p->description, false));

    const toml::node* elig = t["eligibility"].node();
    if (!elig) return Fail(line, fmt::format("{}: needs eligibility = [\"rule\", ...]", where));
    auto rules = elig->as_array();
    if (!rules) return Fail(LineOf(*elig), fmt::format("{}: eligibility: expected a list of rules", where));
    for (size_t i = 0; i < rules->size(); ++i) {
      const toml::node& r = *rules->get(i);
      auto s = r.as_string();
      if (!s)
        return Fail(LineOf(r), fmt::format("{}: eligibility {}: expected a rule in quotes", where, i + 1));
      auto parsed = RuleExpression::Parse(s->get(), lists_);
      if (!parsed.ok()) {
        return Fail(LineOf(r),
                    fmt::format("{}: eligibility {}: {}", where, i + 1, parsed.status().message()));
      }
      p->eligibility.push_back(std::move(parsed).value());
    }

    if (const toml::node* b = t["benefits"].node()) {
      auto list = b->as_array();
      if (!list) return Fail(LineOf(*b), fmt::format("{}: benefits: expected a list of texts", where));
      for (const auto& item : *list) {
        auto s = item.as_string();
        if (!s) return Fail(LineOf(item), fmt::format("{}: benefits: expected a list of texts", where));
        p->benefits.push_back(s->get());
      }
    }

    if (const toml::node* c = t["cap"].node()) {
      auto n = c->as_integer();
      if (!n || n->get() < 1 || n->get() > 1000000) {
        return Fail(LineOf(*c), fmt::format("{}: cap: expected a whole number of places, at least 1", where));
      }
      p->cap = static_cast<int>(n->get());
    }

    if (const toml::node* a = t["advocacy"].node()) {
      auto table = a->as_table();
      if (!table)
        return Fail(LineOf(*a), fmt::format("{}: advocacy: expected a table of type = count", where));
      const auto& types = AdvocacyTypeNames();
      for (const auto& [k, v] : *table) {
        std::string type(k.str());
        if (std::find(types.begin(), types.end(), type) == types.end()) {
          return Fail(k.source().begin.line,
                      fmt::format("{}: unknown advocacy type '{}'{} (expected {})", where, type,
                                  DidYouMeanSuffix(type, types),
                                  "reference, case_study, testimonial, talk, review or referral"));
        }
        auto n = v.as_integer();
        if (!n || n->get() < 1 || n->get() > 1000) {
          return Fail(LineOf(v),
                      fmt::format("{}: advocacy.{}: expected a whole number, at least 1", where, type));
        }
        p->advocacy.emplace_back(type, static_cast<int>(n->get()));
      }
    }
    return Status::Ok();
  }

  std::string path_;
  const std::map<std::string, std::vector<std::string>>& lists_;
};

}  // namespace

Result<ProgramBook> ParsePrograms(const std::string& toml_text, const std::string& path,
                                  const std::map<std::string, std::vector<std::string>>& lists) {
  return ProgramsParser(path, lists).Parse(toml_text);
}

Result<ProgramBook> LoadProgramsFile(const std::string& path,
                                     const std::map<std::string, std::vector<std::string>>& lists) {
  auto text = ReadFileText(path, fmt::format("--programs: cannot read {}", path));
  if (!text.ok()) return text.status();
  return ParsePrograms(text.value(), path, lists);
}

}  // namespace flywheel
