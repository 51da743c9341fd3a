// Beachhead sizing (market.md "Beachhead market sizing"): customers and ARR potential per
// adoption category, ARR at market-share scenarios, and TAM / SAM / SOM. All numbers are
// exact (unrounded); rounding is for display only. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "market/beachhead_model.h"

namespace flywheel {

struct BeachheadRow {
  std::string category;              // a category name, or "total"
  double share = 0;                  // fraction of the market
  double customers = 0;              // companies × share, fractional
  double arr_potential = 0;          // customers × average ARR
  std::vector<double> scenario_arr;  // arr_potential × each share scenario
};

// One row per category through model.through, then the "total" row.
std::vector<BeachheadRow> SizeBeachhead(const BeachheadModel& model);

struct TamSamSom {
  double tam_companies = 0, tam_arr = 0;
  double sam_companies = 0, sam_arr = 0;
  std::optional<double> som_companies, som_arr;  // when [som] is given
  std::vector<std::string> inconsistencies;      // e.g. the beachhead is larger than the SAM
};

// TAM = companies × average ARR; SAM = the given count, or share × TAM companies; SOM = SAM
// × share. nullopt when the model has no [tam] and [sam].
std::optional<TamSamSom> SizeMarket(const BeachheadModel& model);

// Half-up rounding for display: 29.5 → 30. Adds 1e-9 before flooring so that products
// such as 1198 × 0.025 (29.950000000000003 or 29.949999999999999) round as written.
double RoundHalfUp(double v);

}  // namespace flywheel
