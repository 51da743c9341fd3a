// Deal history from snapshots: when an import brings no opportunity_history.csv, the
// changes of each deal's stage, status, amount and expected close date since the previous
// snapshot become history rows, so that the waterfall (pipeline/pipeline_waterfall.h) works
// from plain weekly exports. docs/WORKSPACE.md states the rules; in short:
//
//  - The history rows of the previous snapshot are kept (those of deals that still exist).
//  - A deal that changed gets a row dated at the import (`change_day`) with the fields that
//    changed, at their new values (the others empty: unchanged). A change happened at some
//    time between the two imports; its date is known to that interval.
//  - The first time a deal changes (it has no history row yet), a row dated at its creation
//    holds its stage, amount and expected close as the previous snapshot had them, so that
//    days before the change read the earlier values, not today's. Its status is left to the
//    deal's own row (open until closed_at), which dates closes more precisely than imports do.
//  - A value that became empty is not a change the history can express; it is not recorded.
#pragma once

#include <cstdint>

#include "base/date.h"
#include "model/dataset.h"

namespace flywheel {

// Adds to `next` (an import without opportunity_history.csv) the history derived from
// `previous` (the snapshot before it) and returns the number of its history rows that came
// with an export (the derived ones follow them). `previous_derived_from`: the same number
// for `previous` (-1: none of its rows is derived). Strings that `next` lacks are added to
// its dictionary. REQUIRES: both have opportunities; `next` has no opportunity_history.
int64_t DeriveDealHistory(const Dataset& previous, int64_t previous_derived_from, Dataset& next,
                          Day change_day);

}  // namespace flywheel
