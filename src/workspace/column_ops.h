// Operations on the values of one column across two data sets (two snapshots of a
// workspace): whether two rows hold the same value, copying rows from one into the other,
// and a value as the text a CSV file would hold.
//
// Two snapshots number their dictionary codes and their rows differently, so values are
// compared and copied through a ValueRemap: from the codes and rows of the source data set
// to those of the target one (strings and ids are what stay the same).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/dataset.h"
#include "workspace/stored_columns.h"

namespace flywheel {

inline constexpr Code kNoCode = UINT32_MAX - 1;  // a source code whose string the target lacks
inline constexpr int32_t kNoRow = -2;            // a source row whose id the target lacks

// Source codes and rows -> target codes and rows. An empty vector maps every value to itself.
struct ValueRemap {
  std::vector<Code> codes;             // by source code
  std::vector<int32_t> accounts;       // by source row of accounts
  std::vector<int32_t> opportunities;  // by source row of opportunities
  std::vector<int32_t> contacts;       // by source row of contacts

  Code MapCode(Code c) const { return c == kNullCode || codes.empty() ? c : codes[c]; }
  int32_t MapRow(ValueKind kind, int32_t row) const;
};

// The dictionary of `from` in the codes of `to` (kNoCode where `to` lacks a string).
std::vector<Code> RemapCodes(const StringDict& from, const StringDict& to);
// The rows of `from_ids` in the rows of `to_ids` (kNoRow where an id is missing); `to_index`
// finds ids in `to_ids`, or is null (then an index is built).
std::vector<int32_t> RemapRows(const StringColumn& from_ids, const StringColumn& to_ids,
                               const IdIndex* to_index);

// Whether row i of `a` holds the value of row j of `b`, with b's values mapped into a's
// terms by `b_to_a`. Numbers compare bit for bit (an empty number equals an empty number).
// REQUIRES: a and b are the same column of the same table.
bool SameValue(const StoredColumn& a, size_t i, const StoredColumn& b, size_t j, const ValueRemap& b_to_a);

// Appends rows [from, from + count) of `src` to `dst`, mapped into dst's terms by
// `src_to_dst`. REQUIRES: the same column of the same table; the mapped values exist.
void AppendRows(StoredColumn& dst, const StoredColumn& src, size_t from, size_t count,
                const ValueRemap& src_to_dst);

// Row `row` of `column` of `d` as a CSV field holds it: dates "YYYY-MM-DD", months
// "YYYY-MM", numbers in the shortest form that reads back to the same double, booleans
// "true"/"false", enums and references by name; "" when empty.
std::string ValueText(const Dataset& d, const StoredColumn& column, size_t row);

}  // namespace flywheel
