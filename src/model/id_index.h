// IdIndex: finds the row of an id in a table's id column.
//
// An open-addressing table (linear probing, at most half full) of row numbers into the
// StringColumn that holds the ids: 4 bytes a slot, the ids themselves are not copied. A
// hash map of copied id strings took about 70 bytes an id (a million accounts, most of a
// million opportunities). The column is passed to every call instead of kept, so a table
// (and its Dataset) can be moved freely.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "model/string_column.h"

namespace flywheel {

class IdIndex {
 public:
  // Makes room for `ids` ids without growing.
  void Reserve(const StringColumn& ids, size_t id_count) {
    size_t want = 1024;
    while (want < 2 * id_count) want *= 2;
    if (want > slots_.size()) Rehash(ids, want);
  }

  // Adds row `row` of `ids` (an empty id is not indexed). Returns -1 when it was added, or
  // the row that already has the same id (the first one keeps the index).
  int32_t Insert(const StringColumn& ids, int32_t row) {
    const std::string_view id = ids[static_cast<size_t>(row)];
    if (id.empty()) return -1;
    if (2 * (count_ + 1) > slots_.size()) Rehash(ids, slots_.empty() ? 1024 : 2 * slots_.size());
    const size_t slot = Probe(ids, id);
    if (slots_[slot] != kEmpty) return static_cast<int32_t>(slots_[slot]);
    slots_[slot] = static_cast<uint32_t>(row);
    ++count_;
    return -1;
  }
  // The row whose id is `id`, or -1.
  int32_t Find(const StringColumn& ids, std::string_view id) const {
    if (slots_.empty() || id.empty()) return -1;
    const uint32_t row = slots_[Probe(ids, id)];
    return row == kEmpty ? -1 : static_cast<int32_t>(row);
  }
  size_t size() const { return count_; }
  size_t memory_bytes() const { return slots_.capacity() * sizeof(uint32_t); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;

  // The slot holding `id`, or the empty slot where it would go.
  size_t Probe(const StringColumn& ids, std::string_view id) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = std::hash<std::string_view>{}(id) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == kEmpty || ids[slots_[i]] == id) return i;
    }
  }
  void Rehash(const StringColumn& ids, size_t slot_count) {
    std::vector<uint32_t> old = std::move(slots_);
    slots_.assign(slot_count, kEmpty);
    for (uint32_t row : old) {
      if (row != kEmpty) slots_[Probe(ids, ids[row])] = row;
    }
  }

  std::vector<uint32_t> slots_;  // a row, or kEmpty; the size is a power of two
  size_t count_ = 0;
};

}  // namespace flywheel
