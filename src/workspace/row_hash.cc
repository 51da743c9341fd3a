#include "workspace/row_hash.h"

#include <xxhash.h>

#include <cstring>
#include <type_traits>

namespace flywheel {
namespace {

uint64_t HashText(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

uint64_t Mix(uint64_t h, uint64_t v) {
  return (h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2))) * 0xff51afd7ed558ccdULL;
}

const std::vector<uint64_t>& IdHashes(const StringColumn& ids, std::vector<uint64_t>* cache) {
  if (cache->empty() && !ids.empty()) {
    cache->resize(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) (*cache)[i] = HashText(ids[i]);
  }
  return *cache;
}

}  // namespace

uint64_t RowHasher::Hash(size_t row) {
  uint64_t h = 0;
  for (const StoredColumn& c : columns_) h = Mix(h, ValueHash(c, row));
  return h;
}

const std::vector<uint64_t>& RowHasher::CodeHashes() {
  if (codes_.empty() && d_.dict.size() > 0) {
    codes_.resize(d_.dict.size());
    for (size_t i = 0; i < codes_.size(); ++i) codes_[i] = HashText(d_.dict.Get(static_cast<Code>(i)));
  }
  return codes_;
}

uint64_t RowHasher::ValueHash(const StoredColumn& c, size_t row) {
  return std::visit(
      [&](const auto* x) -> uint64_t {
        using C = std::remove_cvref_t<decltype(*x)>;
        if constexpr (std::is_same_v<C, StringColumn>) {
          return HashText((*x)[row]);
        } else if constexpr (std::is_same_v<C, CodeColumn> || std::is_same_v<C, std::vector<Code>>) {
          const Code code = (*x)[row];
          return code == kNullCode ? 1 : CodeHashes()[code];
        } else if constexpr (std::is_same_v<C, NumberColumn> || std::is_same_v<C, std::vector<double>>) {
          const double v = (*x)[row];
          if (v != v) return 2;
          uint64_t bits;
          std::memcpy(&bits, &v, 8);
          return bits;
        } else if constexpr (std::is_same_v<C, std::vector<int32_t>>) {
          const int32_t v = (*x)[row];
          if (v < 0) return static_cast<uint64_t>(static_cast<uint32_t>(v));
          if (c.kind == ValueKind::kAccount) return IdHashes(d_.accounts.id, &accounts_)[v];
          if (c.kind == ValueKind::kOpportunity) return IdHashes(d_.opportunities.id, &opportunities_)[v];
          if (c.kind == ValueKind::kContact) return IdHashes(d_.contacts.id, &contacts_)[v];
          return static_cast<uint64_t>(static_cast<uint32_t>(v));
        } else {
          return static_cast<uint64_t>(static_cast<int64_t>((*x)[row]));
        }
      },
      c.data);
}

RowIndex::RowIndex(RowHasher& hasher, size_t rows) {
  hashes_.resize(rows);
  for (size_t j = 0; j < rows; ++j) hashes_[j] = hasher.Hash(j);
  size_t slots = 1024;
  while (slots < 2 * rows) slots *= 2;
  first_.assign(slots, -1);
  next_.assign(rows, -1);
  std::vector<int32_t> last(slots, -1);
  for (size_t j = 0; j < rows; ++j) {
    const size_t s = Slot(hashes_[j]);
    if (first_[s] < 0)
      first_[s] = static_cast<int32_t>(j);
    else
      next_[last[s]] = static_cast<int32_t>(j);
    last[s] = static_cast<int32_t>(j);
  }
}

size_t RowIndex::Slot(uint64_t h) const {
  // Rows with equal hashes share a slot and its chain; other hashes probe onwards.
  const size_t mask = first_.size() - 1;
  size_t s = h & mask;
  while (first_[s] >= 0 && hashes_[first_[s]] != h) s = (s + 1) & mask;
  return s;
}

}  // namespace flywheel
