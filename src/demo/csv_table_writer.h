// A fast, buffered writer for one generated CSV table: fields are appended to a memory
// buffer that is flushed in large blocks to a temporary file, which Commit() renames to its
// final name. Not thread-safe; one writer per file.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "base/status.h"

namespace flywheel {

class CsvTableWriter {
 public:
  CsvTableWriter() = default;
  ~CsvTableWriter();
  CsvTableWriter(const CsvTableWriter&) = delete;
  CsvTableWriter& operator=(const CsvTableWriter&) = delete;

  // Opens DIR/.FILE_NAME.tmp and writes `header` (without newline) as the first line.
  // Returns kIo when the file cannot be created.
  Status Open(const std::string& dir, std::string_view file_name, std::string_view header);

  // The row being written: append fields, then call EndRow().
  fmt::memory_buffer& buffer() { return buffer_; }
  void EndRow() {
    buffer_.push_back('\n');
    ++rows_;
    if (buffer_.size() >= kFlushBytes) Flush();
  }
  int64_t rows() const { return rows_; }
  const std::string& file_name() const { return file_name_; }

  // Flushes and closes the temporary file. Returns kIo when any write failed.
  Status Close();
  // Renames the closed temporary file to its final name. Returns kIo on failure.
  Status Commit();
  // Closes and removes the temporary file (after a failure elsewhere).
  void Abandon();

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  void Flush();

  std::FILE* file_ = nullptr;
  fmt::memory_buffer buffer_;
  std::string file_name_, temp_path_, final_path_;
  int64_t rows_ = 0;
  bool failed_ = false;
};

}  // namespace flywheel
