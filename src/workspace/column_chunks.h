// The column store's pieces: a column of a table cut into chunks of whole rows, each about
// kChunkTargetBytes, every chunk one BLOB of the column's values exactly as the Dataset holds
// them in memory (little-endian), so that loading a chunk is a copy, not a parse.
//
// A chunk's bytes: fixed-width columns hold `width` bytes a row (Day, Month and row numbers
// 4, codes 2 or 4, numbers 4 (floats, NumberColumn while narrow) or 8, enums, bools and nps
// scores 1, employees 8). A text column's chunk holds the rows' end offsets into the
// column's whole text (`width` 4, or 8 past 4 GiB of text) followed by the rows' text; its
// `base` is the offset of the chunk's first byte of text. Each chunk's checksum is the
// XXH3-64 of its bytes.
//
// Chunks small enough to sit on one database page (64 KiB) keep the SQL views of
// canonical_views.h, which decode values with SQLite's own functions, usable.
// Every column of a table is cut at the same rows (ChunkRowsOf).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "workspace/stored_columns.h"

namespace flywheel {

inline constexpr int64_t kChunkTargetBytes = 60000;

struct ColumnShape {
  int width = 0;  // bytes of a value (text: of an end offset)
  int64_t rows = 0;
  int64_t chunk_rows = 1;   // rows of every chunk but the last
  uint64_t text_bytes = 0;  // text columns: bytes of text of all rows
  int64_t chunks() const { return rows == 0 ? 0 : (rows + chunk_rows - 1) / chunk_rows; }
  int64_t RowsOf(int64_t chunk) const {
    const int64_t first = chunk * chunk_rows;
    return rows - first < chunk_rows ? rows - first : chunk_rows;
  }
};

// Rows per chunk for the columns of one table: every column of a table is cut at the same
// rows (so that a view reads a chunk of each column once for all its rows), as many as
// keep the widest column's chunk near kChunkTargetBytes (a text column's width counts its
// average text).
int64_t ChunkRowsOf(const std::vector<StoredColumn>& columns);

// The shape `column` is stored in, `chunk_rows` rows a chunk.
ColumnShape ShapeOf(const StoredColumn& column, int64_t chunk_rows);

struct ChunkBytes {
  std::span<const char> bytes;
  uint64_t base = 0;  // text columns: the offset of the chunk's first byte of text
};

// The bytes of chunk `chunk` of `column`: a view of the column's memory for fixed-width
// columns; for text, the ends and the text copied into *buffer, which the view then points
// into. REQUIRES: shape == ShapeOf(column), 0 <= chunk < shape.chunks().
ChunkBytes ChunkOf(const StoredColumn& column, const ColumnShape& shape, int64_t chunk, std::string* buffer);

uint64_t ChunkChecksum(std::span<const char> bytes);

// Rebuilds a column from its stored shape and chunks. Usage: Start, then Add every chunk
// in order, then Finish, which moves the values into the column. The chunk bytes are
// checked against the shape (sizes, offsets) but not their checksums (the caller's job).
class ColumnAssembler {
 public:
  // Fails (kBadData, "stored as ...") when `shape` cannot be the shape of `column`'s type.
  Status Start(const StoredColumn& column, const ColumnShape& shape);
  Status Add(int64_t chunk, uint64_t base, std::span<const char> bytes);
  Status Finish();

 private:
  Status CheckChunk(int64_t chunk, uint64_t base, std::span<const char> bytes) const;

  ColumnData data_;
  ColumnShape shape_;
  int64_t next_chunk_ = 0;
  char* values_ = nullptr;  // where the fixed-width values (or a text column's ends) go
  // Buffers for the columns that are not a plain vector, moved into them by Finish.
  std::vector<uint16_t> u16_;
  std::vector<uint32_t> u32_;
  std::vector<uint64_t> u64_;
  std::vector<float> f32_;
  std::vector<double> f64_;
  std::string text_;
};

}  // namespace flywheel
