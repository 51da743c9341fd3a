#include "workspace/column_chunks.h"

#include <fmt/core.h>
#include <sys/mman.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace flywheel {
namespace {

template <typename T>
std::span<const char> AsBytes(std::span<const T> values) {
  return {reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)};
}

// The values of a column that is held as one array: its elements and their width.
struct FixedValues {
  const char* data = nullptr;
  int width = 0;
};

FixedValues FixedOf(const ColumnData& data) {
  return std::visit(
      [](const auto* column) -> FixedValues {
        using C = std::remove_cvref_t<decltype(*column)>;
        if constexpr (std::is_same_v<C, StringColumn>) {
          return {};
        } else if constexpr (std::is_same_v<C, CodeColumn>) {
          if (column->wide()) return {reinterpret_cast<const char*>(column->wide_codes().data()), 4};
          return {reinterpret_cast<const char*>(column->narrow_codes().data()), 2};
        } else if constexpr (std::is_same_v<C, NumberColumn>) {
          if (column->wide()) return {reinterpret_cast<const char*>(column->doubles().data()), 8};
          return {reinterpret_cast<const char*>(column->floats().data()), 4};
        } else {
          return {reinterpret_cast<const char*>(column->data()),
                  static_cast<int>(sizeof(typename C::value_type))};
        }
      },
      data);
}

uint64_t EndOf(const StringColumn& c, int64_t row) {
  return c.wide() ? c.wide_ends()[static_cast<size_t>(row)] : c.narrow_ends()[static_cast<size_t>(row)];
}

Status Damaged(std::string_view what) { return Status::BadData(std::string(what)); }

// Sizes `values` to `n` elements, asking the kernel to back the new buffer with transparent huge
// pages (where THP is in "madvise" mode, Debian's default). A large workspace's columns are
// gigabytes of fresh memory, and touching it 4 KiB page by page is most of the load's time on a
// virtual machine; with 2 MiB pages the same first touch takes about half the CPU time
// (docs/PERFORMANCE.md "Loading a large workspace"). The advice changes no value.
template <typename V>
void SizeForLoad(V* values, size_t n) {
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  values->clear();
  values->reserve(n);
  const uintptr_t begin = reinterpret_cast<uintptr_t>(values->data());
  const uintptr_t end = begin + n * sizeof(typename V::value_type);
  const uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t last = end & ~(kHugePage - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  values->resize(n);
}

}  // namespace

namespace {

// Bytes a row of `column` takes in a chunk: its width, and for text its average length.
int64_t RowBytes(const StoredColumn& column) {
  if (const auto* text = std::get_if<StringColumn*>(&column.data)) {
    const StringColumn& c = **text;
    const int64_t rows = static_cast<int64_t>(c.size());
    return (c.wide() ? 8 : 4) + (rows > 0 ? static_cast<int64_t>(c.text().size()) / rows : 0);
  }
  return FixedOf(column.data).width;
}

}  // namespace

int64_t ChunkRowsOf(const std::vector<StoredColumn>& columns) {
  int64_t widest = 1;
  for (const StoredColumn& c : columns) widest = std::max(widest, RowBytes(c));
  return std::max<int64_t>(1, kChunkTargetBytes / widest);
}

ColumnShape ShapeOf(const StoredColumn& column, int64_t chunk_rows) {
  ColumnShape shape;
  shape.rows = static_cast<int64_t>(ColumnSize(column.data));
  shape.chunk_rows = chunk_rows;
  if (const auto* text = std::get_if<StringColumn*>(&column.data)) {
    shape.width = (*text)->wide() ? 8 : 4;
    shape.text_bytes = (*text)->text().size();
  } else {
    shape.width = FixedOf(column.data).width;
  }
  return shape;
}

ChunkBytes ChunkOf(const StoredColumn& column, const ColumnShape& shape, int64_t chunk, std::string* buffer) {
  const int64_t first = chunk * shape.chunk_rows;
  const int64_t rows = shape.RowsOf(chunk);
  if (const auto* text = std::get_if<StringColumn*>(&column.data)) {
    const StringColumn& c = **text;
    const uint64_t base = first == 0 ? 0 : EndOf(c, first - 1);
    const uint64_t end = EndOf(c, first + rows - 1);
    const std::span<const char> ends =
        c.wide() ? AsBytes(c.wide_ends().subspan(static_cast<size_t>(first), static_cast<size_t>(rows)))
                 : AsBytes(c.narrow_ends().subspan(static_cast<size_t>(first), static_cast<size_t>(rows)));
    buffer->assign(ends.data(), ends.size());
    buffer->append(c.text().substr(base, end - base));
    return {*buffer, base};
  }
  const FixedValues v = FixedOf(column.data);
  return {{v.data + first * v.width, static_cast<size_t>(rows * v.width)}, 0};
}

uint64_t ChunkChecksum(std::span<const char> bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

Status ColumnAssembler::Start(const StoredColumn& column, const ColumnShape& shape) {
  data_ = column.data;
  shape_ = shape;
  next_chunk_ = 0;
  if (shape.rows < 0 || shape.chunk_rows < 1) return Damaged("its shape is not valid");
  const size_t rows = static_cast<size_t>(shape.rows);
  return std::visit(
      [&](auto* c) -> Status {
        using C = std::remove_cvref_t<decltype(*c)>;
        if constexpr (std::is_same_v<C, StringColumn>) {
          if (shape.width == 4) {
            SizeForLoad(&u32_, rows);
            values_ = reinterpret_cast<char*>(u32_.data());
          } else if (shape.width == 8) {
            SizeForLoad(&u64_, rows);
            values_ = reinterpret_cast<char*>(u64_.data());
          } else {
            return Damaged(fmt::format("text stored with {}-byte offsets", shape.width));
          }
          SizeForLoad(&text_, static_cast<size_t>(shape.text_bytes));
        } else if constexpr (std::is_same_v<C, CodeColumn>) {
          if (shape.width == 2) {
            SizeForLoad(&u16_, rows);
            values_ = reinterpret_cast<char*>(u16_.data());
          } else if (shape.width == 4) {
            SizeForLoad(&u32_, rows);
            values_ = reinterpret_cast<char*>(u32_.data());
          } else {
            return Damaged(fmt::format("codes stored in {} bytes", shape.width));
          }
        } else if constexpr (std::is_same_v<C, NumberColumn>) {
          if (shape.width == 4) {
            SizeForLoad(&f32_, rows);
            values_ = reinterpret_cast<char*>(f32_.data());
          } else if (shape.width == 8) {
            SizeForLoad(&f64_, rows);
            values_ = reinterpret_cast<char*>(f64_.data());
          } else {
            return Damaged(fmt::format("numbers stored in {} bytes", shape.width));
          }
        } else {
          if (shape.width != static_cast<int>(sizeof(typename C::value_type))) {
            return Damaged(fmt::format("values stored in {} bytes instead of {}", shape.width,
                                       sizeof(typename C::value_type)));
          }
          SizeForLoad(c, rows);
          values_ = reinterpret_cast<char*>(c->data());
        }
        return Status::Ok();
      },
      data_);
}

Status ColumnAssembler::CheckChunk(int64_t chunk, uint64_t base, std::span<const char> bytes) const {
  if (chunk != next_chunk_ || chunk >= shape_.chunks()) {
    return Damaged(fmt::format("chunk {} is missing", std::min(chunk, next_chunk_)));
  }
  const size_t values = static_cast<size_t>(shape_.RowsOf(chunk) * shape_.width);
  if (!std::holds_alternative<StringColumn*>(data_)) {
    if (bytes.size() != values)
      return Damaged(fmt::format("chunk {} has {} bytes, not {}", chunk, bytes.size(), values));
    return Status::Ok();
  }
  if (bytes.size() < values) return Damaged(fmt::format("chunk {} is too short", chunk));
  // The ends must ascend from `base` and stay within the column's text and the chunk's.
  const uint64_t text_in_chunk = bytes.size() - values;
  if (base > shape_.text_bytes || text_in_chunk > shape_.text_bytes - base) {
    return Damaged(fmt::format("chunk {} holds text beyond the column's", chunk));
  }
  uint64_t previous = base;
  for (int64_t r = 0; r < shape_.RowsOf(chunk); ++r) {
    uint64_t end = 0;
    if (shape_.width == 4) {
      uint32_t e;
      std::memcpy(&e, bytes.data() + r * 4, 4);
      end = e;
    } else {
      std::memcpy(&end, bytes.data() + r * 8, 8);
    }
    if (end < previous) return Damaged(fmt::format("chunk {} has text offsets out of order", chunk));
    previous = end;
  }
  if (previous != base + text_in_chunk)
    return Damaged(fmt::format("chunk {} has text offsets that do not fit", chunk));
  return Status::Ok();
}

Status ColumnAssembler::Add(int64_t chunk, uint64_t base, std::span<const char> bytes) {
  FLYWHEEL_RETURN_IF_ERROR(CheckChunk(chunk, base, bytes));
  const size_t values = static_cast<size_t>(shape_.RowsOf(chunk) * shape_.width);
  std::memcpy(values_ + chunk * shape_.chunk_rows * shape_.width, bytes.data(), values);
  if (std::holds_alternative<StringColumn*>(data_)) {
    std::memcpy(text_.data() + base, bytes.data() + values, bytes.size() - values);
  }
  ++next_chunk_;
  return Status::Ok();
}

Status ColumnAssembler::Finish() {
  if (next_chunk_ != shape_.chunks()) return Damaged(fmt::format("chunk {} is missing", next_chunk_));
  if (auto* text = std::get_if<StringColumn*>(&data_)) {
    const uint64_t last = shape_.rows == 0 ? 0 : (shape_.width == 4 ? u32_.back() : u64_.back());
    if (last != shape_.text_bytes) return Damaged("its text offsets do not fit its text");
    (*text)->AssignRaw(std::move(text_), std::move(u32_), std::move(u64_));
  } else if (auto* codes = std::get_if<CodeColumn*>(&data_)) {
    if (shape_.width == 2)
      (*codes)->AssignNarrow(std::move(u16_));
    else
      (*codes)->AssignWide(std::move(u32_));
  } else if (auto* numbers = std::get_if<NumberColumn*>(&data_)) {
    if (shape_.width == 4)
      (*numbers)->AssignFloats(std::move(f32_));
    else
      (*numbers)->AssignDoubles(std::move(f64_));
  }
  values_ = nullptr;
  return Status::Ok();
}

}  // namespace flywheel
