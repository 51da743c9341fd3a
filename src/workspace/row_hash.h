// Rows of a table found by their values: a hash of each row in terms that every snapshot
// shares (codes by their string, references by the id they name, numbers by their bits),
// and an index of a table's rows by that hash. Used to match the rows of tables without a
// primary key between two snapshots (table_delta.h, snapshot_diff.h); a match found by hash
// is always confirmed value by value.
#pragma once

#include <cstdint>
#include <vector>

#include "model/dataset.h"
#include "workspace/stored_columns.h"

namespace flywheel {

class RowHasher {
 public:
  // REQUIRES: `columns` are those of a table of `d`; both outlive the hasher.
  RowHasher(const Dataset& d, const std::vector<StoredColumn>& columns) : d_(d), columns_(columns) {}
  uint64_t Hash(size_t row);

 private:
  uint64_t ValueHash(const StoredColumn& c, size_t row);
  const std::vector<uint64_t>& CodeHashes();

  const Dataset& d_;
  const std::vector<StoredColumn>& columns_;
  std::vector<uint64_t> codes_, accounts_, opportunities_, contacts_;
};

// A table's rows by hash: an open-addressing table of the first row of each hash, and for
// each row the next one with the same hash.
class RowIndex {
 public:
  RowIndex(RowHasher& hasher, size_t rows);
  // Calls same(j) for the rows whose hash is `h` (at most 256 of them), and returns the
  // first at or after `from` for which it is true, else the first before `from`, else -1.
  template <typename Same>
  int64_t Find(uint64_t h, size_t from, Same&& same) const {
    int64_t earlier = -1;
    int steps = 0;
    for (int32_t j = first_[Slot(h)]; j >= 0 && steps < 256; j = next_[j], ++steps) {
      if (hashes_[j] != h || !same(static_cast<size_t>(j))) continue;
      if (static_cast<size_t>(j) >= from) return j;
      if (earlier < 0) earlier = j;
    }
    return earlier;
  }

 private:
  size_t Slot(uint64_t h) const;

  std::vector<uint64_t> hashes_;
  std::vector<int32_t> first_, next_;
};

}  // namespace flywheel
