// CsvRowSource: reads one CSV file (RFC 4180) as a RowSource.
//
// Hand-written for speed rather than built on a general CSV library: data sets run to
// hundreds of MB, so the file is mapped into memory and every field is a string_view into
// it; only a quoted field that contains doubled quotes is copied (into a per-row scratch
// buffer) to remove them. No allocation per field in the common case. The pages already
// read are handed back as the reading goes on (every 64 MB), so a large file does not sit
// in the process's memory beside the columns it is loaded into. A file that cannot be
// mapped (a pipe) is read into one buffer instead.
//
// Accepted: the encodings of text_encoding.h (UTF-8 with or without a byte-order mark is read
// in place; UTF-16 with a byte-order mark and Windows-1252 are transcoded to UTF-8 into memory
// first), `,` `;` tab or `|` as the delimiter and LF, CRLF or CR line ends (text_dialect.h:
// detected from the file), an optional final newline, quoted fields with delimiters, doubled
// quotes and newlines (the row's line number is that of its first line), blank lines
// (skipped). Fatal errors end the reading and are in status():
//   "FILE:LINE: unterminated quoted field"
//   "FILE:LINE: unexpected text after the closing quote of a field"
//   the messages of DecodeText (a file that is not text in a readable encoding)
// A file whose bytes are not all valid UTF-8 after decoding says so (MayHoldInvalidUtf8);
// the loader then checks each field and reports the rows that hold such bytes.
// Rows are returned with however many fields they have; CheckFieldCount (and the dataset
// loader) report "FILE:LINE: expected N fields, found M" without stopping, so that every
// problem of a file is reported at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/row_source.h"
#include "ingest/text_dialect.h"

namespace flywheel {

class CsvRowSource : public RowSource {
 public:
  // Reads the file `path`; `display_name` names it in messages ("subscriptions.csv").
  // A file that cannot be read is kIo. An empty file gives an empty header.
  static Result<std::unique_ptr<CsvRowSource>> Open(const std::string& path, std::string display_name);
  // Reads CSV text held in memory (tests, other front ends).
  static std::unique_ptr<CsvRowSource> FromText(std::string text, std::string display_name);

  // The file is decoded and its header read on the first call of any of these, not when it
  // is opened, so that the files of a data set decode on the threads that read them. A
  // source is used by one thread at a time (RowSource).
  const std::string& DisplayName() const override { return name_; }
  const std::vector<std::string>& Header() const override {
    EnsureStarted();
    return header_;
  }
  bool Next(std::vector<std::string_view>* fields, int64_t* line) override;
  Status status() const override {
    EnsureStarted();
    return status_;
  }
  size_t RowCountHint() const override;  // the line ends after the current position
  bool MayHoldInvalidUtf8() const override {
    EnsureStarted();
    return invalid_utf8_;
  }
  const TextDialect* Dialect() const override {
    EnsureStarted();
    return &dialect_;
  }
  ~CsvRowSource() override;
  CsvRowSource(const CsvRowSource&) = delete;
  CsvRowSource& operator=(const CsvRowSource&) = delete;

 private:
  CsvRowSource(std::string text, std::string display_name);
  CsvRowSource(const char* mapped, size_t size, std::string display_name);
  // Detects the encoding, delimiter and line ends; decodes into owned_ when needed; reads
  // the header. Once, on first use (the const readers start it too).
  void Start();
  void EnsureStarted() const {
    if (!started_) const_cast<CsvRowSource*>(this)->Start();
  }
  // Parses one record at pos_ into fields (views into the text or scratch_).
  bool ReadRecord(std::vector<std::string_view>* fields, int64_t* line);
  template <char kDelimiter>
  bool ReadRecordWith(std::vector<std::string_view>* fields, int64_t* line);
  // Hands back the mapped pages wholly within [from, to) (no-op for text held in owned_).
  void Release(size_t from, size_t to) const;

  std::string owned_;           // the text, when it is not mapped or had to be decoded
  const char* data_ = nullptr;  // the text: owned_.data() or the mapping
  size_t size_ = 0;
  const char* map_ = nullptr;  // the mapping, unmapped on destruction (also when decoded)
  size_t map_size_ = 0;
  bool mapped_ = false;  // data_ points into the mapping
  bool started_ = false;
  TextDialect dialect_;
  bool invalid_utf8_ = false;
  size_t released_ = 0;  // mapped bytes before this offset have been handed back
  std::string name_;
  std::vector<std::string> header_;
  size_t pos_ = 0;
  int64_t line_ = 1;     // line number at pos_
  std::string scratch_;  // unescaped quoted fields of the current row
  Status status_;
};

// "FILE:LINE: expected N fields, found M" when `found` differs from `expected`, else "".
std::string CheckFieldCount(std::string_view file, int64_t line, size_t expected, size_t found);

}  // namespace flywheel
