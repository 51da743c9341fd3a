// The import profiles shipped with Flywheel (profiles/*.toml, compiled in as text).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "imports/mapping.h"

namespace flywheel {

struct ShippedProfileText {
  const char* name;  // file name without .toml: "stripe", "hubspot-deals", ...
  const char* text;  // the TOML text
};

// Generated from profiles/*.toml at build time (embed_profiles.cmake), sorted by name.
const std::vector<ShippedProfileText>& ShippedProfileTexts();

std::vector<std::string> ShippedProfileNames();

// The parsed profile `name`; an unknown name is kUsage
// "unknown profile 'strip', did you mean 'stripe'?".
Result<Mapping> FindShippedProfile(std::string_view name);

}  // namespace flywheel
