#include "market/beachhead_sizing.h"

#include <fmt/core.h>

#include <cmath>

#include "output/report_writer.h"

namespace flywheel {

double RoundHalfUp(double v) { return v >= 0 ? std::floor(v + 0.5 + 1e-9) : -std::floor(-v + 0.5 + 1e-9); }

std::vector<BeachheadRow> SizeBeachhead(const BeachheadModel& model) {
  std::vector<BeachheadRow> rows;
  BeachheadRow total;
  total.category = "total";
  for (size_t i = 0; i <= model.through && i < model.categories.size(); ++i) {
    BeachheadRow row;
    row.category = model.categories[i].name;
    row.share = model.categories[i].share;
    row.customers = model.companies * row.share;
    row.arr_potential = row.customers * model.average_arr;
    total.share += row.share;
    total.customers += row.customers;
    total.arr_potential += row.arr_potential;
    rows.push_back(std::move(row));
  }
  rows.push_back(std::move(total));
  for (auto& row : rows) {
    for (double s : model.share_scenarios) row.scenario_arr.push_back(row.arr_potential * s);
  }
  return rows;
}

std::optional<TamSamSom> SizeMarket(const BeachheadModel& model) {
  const MarketSizingInput& in = model.sizing;
  if (!in.tam_companies) return std::nullopt;
  TamSamSom out;
  double arr = in.tam_average_arr.value_or(model.average_arr);
  out.tam_companies = *in.tam_companies;
  out.tam_arr = out.tam_companies * arr;
  if (in.sam_companies) {
    out.sam_companies = *in.sam_companies;
  } else if (in.sam_share) {
    out.sam_companies = *in.sam_share * out.tam_companies;
  } else {
    out.sam_companies = out.tam_companies;
  }
  out.sam_arr = out.sam_companies * arr;
  if (in.som_share) {
    out.som_companies = out.sam_companies * *in.som_share;
    out.som_arr = out.sam_arr * *in.som_share;
  }
  if (out.sam_companies > out.tam_companies + 1e-9) {
    out.inconsistencies.push_back(fmt::format(
        "the SAM ({} companies) is larger than the TAM ({} companies): the SAM must be part of the TAM",
        FormatNumber(RoundHalfUp(out.sam_companies), 0), FormatNumber(RoundHalfUp(out.tam_companies), 0)));
  }
  if (model.companies > out.sam_companies + 1e-9) {
    out.inconsistencies.push_back(fmt::format(
        "the beachhead ({} companies) is larger than the SAM ({} companies): the beachhead must be a subset "
        "of "
        "the SAM",
        FormatNumber(RoundHalfUp(model.companies), 0), FormatNumber(RoundHalfUp(out.sam_companies), 0)));
  }
  return out;
}

}  // namespace flywheel
