// Writing CSV (RFC 4180) as ingest/csv_reader.h reads it: the files an import hands to the
// loader, the quarantine files of a workspace and every report written as CSV.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flywheel {

// `field` as one CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line
// break, or starts or ends with a space (which the reader would trim); else as it is.
std::string CsvField(std::string_view field);

// Appends the fields, separated by commas, and a newline.
void AppendCsvRow(std::string* out, const std::vector<std::string>& fields);

}  // namespace flywheel
