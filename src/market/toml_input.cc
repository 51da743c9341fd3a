#include "market/toml_input.h"

#include <fmt/core.h>

#include "base/strings.h"

namespace flywheel {

Result<toml::table> ParseToml(std::string_view text, std::string_view file_name) {
  try {
    return toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    return Status::BadData(fmt::format("{}:{}: {}", file_name, e.source().begin.line, e.description()));
  }
}

std::string Where(std::string_view file_name, const toml::node& node) {
  return fmt::format("{}:{}", file_name, node.source().begin.line);
}

Status CheckKeys(const toml::table& table, const std::vector<std::string>& allowed, std::string_view what,
                 std::string_view file_name, std::string_view context) {
  for (const auto& [key, value] : table) {
    std::string name(key.str());
    bool known = false;
    for (const auto& a : allowed) known = known || a == name;
    if (!known) {
      return Status::BadData(fmt::format("{}: {}unknown key '{}' in {}{}", Where(file_name, value), context,
                                         name, what, DidYouMeanSuffix(name, allowed)));
    }
  }
  return Status::Ok();
}

std::optional<double> NumberOf(const toml::node& node) {
  if (auto i = node.value_exact<int64_t>()) return static_cast<double>(*i);
  if (auto d = node.value_exact<double>()) return *d;
  return std::nullopt;
}

std::string ShortNumber(double v) { return fmt::format("{}", v); }

}  // namespace flywheel
