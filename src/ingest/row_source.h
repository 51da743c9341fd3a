// RowSource: a table as a header and rows of text fields, wherever it comes from.
//
// The validating loader (dataset_loader.h) reads every table through this interface, so
// that a data set read from CSV files and one read back from a workspace pass through the
// same parsing and checks and give identical Datasets.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/text_dialect.h"

namespace flywheel {

class RowSource {
 public:
  virtual ~RowSource() = default;
  // The name used in messages: "subscriptions.csv" for a file.
  virtual const std::string& DisplayName() const = 0;
  // Column names as given (not yet trimmed or lower-cased).
  virtual const std::vector<std::string>& Header() const = 0;
  // Reads the next row into `fields` (views valid until the next call) and its line number
  // (the header is line 1; a quoted field with newlines makes a row span several lines,
  // and the number is that of the row's first line). Returns false at the end or on error;
  // then status() tells which.
  virtual bool Next(std::vector<std::string_view>* fields, int64_t* line) = 0;
  virtual Status status() const = 0;
  // About how many rows are left (for reserving columns; may count a little high, e.g. a
  // quoted field with a line break); 0 when unknown.
  virtual size_t RowCountHint() const { return 0; }
  // Whether some field may hold bytes that are not valid UTF-8: the loader then checks every
  // field and reports the rows that do (a source that cannot know says true).
  virtual bool MayHoldInvalidUtf8() const { return false; }
  // How the file is written (encoding, delimiter, line ends); null for a source that is not
  // a text file.
  virtual const TextDialect* Dialect() const { return nullptr; }
};

}  // namespace flywheel
