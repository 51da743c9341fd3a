// SourceMapper: the rows of one export file, read with its mapping, as rows of canonical
// tables (import_plan.h). Fills the plan: the canonical rows (merged by key with those of
// earlier sources), the rows skipped by the mapping's rules, the rows it cannot read
// (rejected, with their problems), and the problems of the file as a whole.
#pragma once

#include <string>

#include "imports/delimited_text.h"
#include "imports/import_plan.h"
#include "imports/mapping.h"

namespace flywheel {

// Maps every row of `text` (the file `file`) with `mapping` into `plan`; `source` is the
// plan's entry for this file. Key indexes of merged tables live in the plan's tables, so
// sources are mapped one after the other, in command-line order.
void MapSource(const Mapping& mapping, const DelimitedText& text, const std::string& file, ImportPlan* plan,
               SourcePlan* source);

// Header names as compared: lower-cased, trimmed, without a trailing "(UTC)".
std::string NormalHeader(std::string_view header);

// The canonical text of a number: the shortest decimal that reads back as the same double.
std::string CanonicalNumber(double v);

}  // namespace flywheel
