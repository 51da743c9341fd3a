// The number rule: every number of every JSON and CSV text Flywheel writes — reports,
// drill-downs, exports, the API — is written by AppendJsonNumber, and the Excel workbook
// stores OutputNumber of the same value, so a value reads the same everywhere.
//
// - 15 significant digits: a double carries 15.9, so this keeps every digit a computation
//   can mean and drops the binary residue of sums and quotients (0.1 + 0.2 is 0.3, not
//   0.30000000000000004; 1272174.3599999999 is 1272174.36);
// - in the shortest form that reads back to the same rounded value (0.5, not 0.500000000000000);
// - whole values as integers (1200, never 1200.0): counts, whole amounts, scores;
// - plain decimals from 0.0001 to below 10^15, exponents outside (1e-05, 1.5e+21), as
//   nlohmann's serializer lays them out;
// - NaN and infinities are JSON null (CSV writers leave the field empty).
// Tables for people keep their own display rounding (output/report_writer.h FormatNumber),
// which rounds OutputNumber of the value. Pure functions; safe from any thread.
#pragma once

#include <string>

namespace flywheel {

// Appends v's text to *out ("null" for NaN and infinities).
void AppendJsonNumber(std::string* out, double v);

// The same text as a string.
std::string JsonNumber(double v);

// The value that text reads back as: v rounded to 15 significant digits (NaN, infinities and
// zero unchanged; −0 is 0).
double OutputNumber(double v);

}  // namespace flywheel
