// BeachheadModel: the beachhead market file (market.md "Beachhead market sizing"), parsed
// and validated from TOML. Shares are stored as fractions; the file gives them in percent.
//
//   [beachhead]
//   name = "SaaS companies in Germany"
//   companies = 1198
//   average_arr = 15000
//   through = "early_majority"        # default early_majority
//   share_scenarios = [25, 50, 70]    # percent; default 25, 50, 70
//   p = 0.03                          # optional Bass coefficients: when each scenario is reached
//   q = 0.38
//   [[beachhead.categories]]          # optional; replaces Rogers' categories
//   name = "innovators"
//   share = 2.5                       # percent; all shares add up to 100
//   [tam]                             # optional: all companies that could use the product
//   companies = 40000
//   average_arr = 12000               # default: the beachhead's average_arr
//   [sam]                             # optional: the serviceable part, as companies or share (percent of
//   TAM) share = 20 [som]                             # optional: obtainable share of the SAM, percent share
//   = 10
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace flywheel {

struct AdoptionCategory {
  std::string name;  // snake_case key, e.g. "early_adopters"
  double share = 0;  // fraction of the market
};

// Rogers' categories: innovators 2.5 %, early adopters 13.5 %, early majority 34 %,
// late majority 34 %, laggards 16 % (normal adoption time cut at mean − 2σ, − σ, mean, + σ).
std::vector<AdoptionCategory> RogersCategories();

struct MarketSizingInput {
  std::optional<double> tam_companies;
  std::optional<double> tam_average_arr;  // default: the beachhead's average_arr
  std::optional<double> sam_companies;    // either this ...
  std::optional<double> sam_share;        // ... or this fraction of the TAM
  std::optional<double> som_share;        // fraction of the SAM
};

struct BeachheadModel {
  std::string name;
  double companies = 0;
  double average_arr = 0;
  std::vector<AdoptionCategory> categories = RogersCategories();
  size_t through = 2;  // index of the last category included
  std::vector<double> share_scenarios = {0.25, 0.5, 0.7};
  std::optional<double> p, q;  // Bass coefficients, when given
  MarketSizingInput sizing;
};

// Parses a beachhead file; `file_name` prefixes every error ("market.toml:4: ...").
Result<BeachheadModel> ParseBeachheadModel(std::string_view toml_text, std::string_view file_name);
Result<BeachheadModel> LoadBeachheadModel(const std::string& path);

}  // namespace flywheel
