// IdIndex: finds the row of an id in a table's id column.
//
// An open-addressing table (linear probing, at most half full) of row numbers into the
// StringColumn that holds the ids, each with a 32-bit tag from the id's hash: 8 bytes a
// slot, the ids themselves are not copied. A
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
    const uint64_t hash = Hash(id);
    Slot& slot = slots_[Probe(ids, id, hash)];
    if (slot.row != kEmpty) return static_cast<int32_t>(slot.row);
    slot = {static_cast<uint32_t>(row), Tag(hash)};
    ++count_;
    return -1;
  }
  // The row whose id is `id`, or -1.
  int32_t Find(const StringColumn& ids, std::string_view id) const {
    if (slots_.empty() || id.empty()) return -1;
    const uint32_t row = slots_[Probe(ids, id, Hash(id))].row;
    return row == kEmpty ? -1 : static_cast<int32_t>(row);
  }
  size_t size() const { return count_; }
  size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;

  // A row and the high half of its id's hash: a probe compares the tag first, so it reads the
  // id column (a cache miss into another large array) only for the slot that very likely
  // holds the id, not for every slot its probe sequence passes.
  struct Slot {
    uint32_t row = kEmpty;
    uint32_t tag = 0;
  };
  static uint64_t Hash(std::string_view id) { return std::hash<std::string_view>{}(id); }
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }

  // The slot holding `id` (whose hash is `hash`), or the empty slot where it would go.
  size_t Probe(const StringColumn& ids, std::string_view id, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = Tag(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.row == kEmpty || (s.tag == tag && ids[s.row] == id)) return i;
    }
  }
  void Rehash(const StringColumn& ids, size_t slot_count) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(slot_count, Slot{});
    const size_t mask = slot_count - 1;
    for (const Slot& s : old) {
      if (s.row == kEmpty) continue;
      // Every id is distinct and its tag is kept: the first empty slot from its hash is its own.
      size_t i = Hash(ids[s.row]) & mask;
      while (slots_[i].row != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;  // the size is a power of two
  size_t count_ = 0;
};

}  // namespace flywheel
