// The bowtie report (metrics.md §3): per period × segment × stage, the volume entering the
// stage, next-step and cumulative conversion (by count; by value where the stages carry
// amounts: selection → commit → onboarding, docs/BOWTIE.md), "still open" units, and the
// median and mean days to the next stage.
#pragma once

#include "base/date.h"
#include "base/status.h"
#include "bowtie/stage_dates.h"
#include "output/report.h"
#include "segments/segmenter.h"
#include "settings/settings.h"

namespace flywheel {

enum class BowtieMode {
  // Follow the units that entered stage i in P: conversion = the share of them that
  // entered stage i+1 within settings.bowtie_window_days (and by the as-of date).
  kCohort,
  // Count entries into each stage during P and divide consecutive stages' counts.
  kPeriod,
};

struct BowtieOptions {
  BowtieMode mode = BowtieMode::kCohort;
  PeriodCalendar calendar;
  Day as_of = kNullDay;
  // Also count the leads without account created by the stages' as-of date as their own
  // units, read from the data set's leads table: the units AddLeadUnits would add, so that
  // the stage dates derived for the accounts alone (shared with other reports) serve as
  // they are. REQUIRES (when set): `stages` holds no lead units.
  bool lead_units_from_leads = false;
};

// Fails with kNotFound "bowtie needs leads.csv or journey.csv" when the data set has
// neither table. Rows run from the first period with a stage entry to the as-of period.
Result<Report> BuildBowtieReport(const Dataset& data, const Settings& settings, const StageDates& stages,
                                 const Segmenter& segmenter, const BowtieOptions& options);

// The report segments a journey unit counts in (lead units carry their own segment).
std::vector<std::string> UnitSegments(const StageDates& stages, size_t unit, const Segmenter& segmenter);

}  // namespace flywheel
