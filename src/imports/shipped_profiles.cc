#include "imports/shipped_profiles.h"

#include <fmt/core.h>

#include "base/strings.h"

namespace flywheel {

std::vector<std::string> ShippedProfileNames() {
  std::vector<std::string> out;
  for (const auto& p : ShippedProfileTexts()) out.emplace_back(p.name);
  return out;
}

Result<Mapping> FindShippedProfile(std::string_view name) {
  for (const auto& p : ShippedProfileTexts()) {
    if (name == p.name) return ParseMapping(p.text, fmt::format("profiles/{}.toml", p.name));
  }
  return Status::Usage(fmt::format("unknown profile '{}'{} (flywheel profiles lists them)", name,
                                   DidYouMeanSuffix(name, ShippedProfileNames())));
}

}  // namespace flywheel
