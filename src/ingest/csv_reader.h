// CsvRowSource: reads one CSV file (RFC 4180) as a RowSource.
//
// Hand-written for speed rather than built on a general CSV library: data sets run to
// hundreds of MB, so the whole file is read into one buffer and every field is a
// string_view into it; only a quoted field that contains doubled quotes is copied (into a
// per-row scratch buffer) to remove them. No allocation per field in the common case.
//
// Accepted: a UTF-8 byte-order mark, LF or CRLF line ends, an optional final newline,
// quoted fields with commas, doubled quotes and newlines (the row's line number is that of
// its first line), blank lines (skipped). Fatal errors end the reading and are in status():
//   "FILE:LINE: unterminated quoted field"
//   "FILE:LINE: unexpected text after the closing quote of a field"
// Rows are returned with however many fields they have; CheckFieldCount (and the dataset
// loader) report "FILE:LINE: expected N fields, found M" without stopping, so that every
// problem of a file is reported at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/row_source.h"

namespace flywheel {

class CsvRowSource : public RowSource {
 public:
  // Reads the file `path`; `display_name` names it in messages ("subscriptions.csv").
  // A file that cannot be read is kIo. An empty file gives an empty header.
  static Result<std::unique_ptr<CsvRowSource>> Open(const std::string& path, std::string display_name);
  // Reads CSV text held in memory (tests, other front ends).
  static std::unique_ptr<CsvRowSource> FromText(std::string text, std::string display_name);

  const std::string& DisplayName() const override { return name_; }
  const std::vector<std::string>& Header() const override { return header_; }
  bool Next(std::vector<std::string_view>* fields, int64_t* line) override;
  Status status() const override { return status_; }

 private:
  CsvRowSource(std::string text, std::string display_name);
  // Parses one record at pos_ into fields (views into text_ or scratch_).
  bool ReadRecord(std::vector<std::string_view>* fields, int64_t* line);

  std::string text_;
  std::string name_;
  std::vector<std::string> header_;
  size_t pos_ = 0;
  int64_t line_ = 1;  // line number at pos_
  std::string scratch_;  // unescaped quoted fields of the current row
  Status status_;
};

// "FILE:LINE: expected N fields, found M" when `found` differs from `expected`, else "".
std::string CheckFieldCount(std::string_view file, int64_t line, size_t expected, size_t found);

}  // namespace flywheel
