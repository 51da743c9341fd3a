// StringColumn: a column of free text (ids, names) kept in one buffer.
//
// A std::vector<std::string> costs 32 bytes a row before the text itself (and a heap block
// for text past 15 characters); ten million lead ids alone were 320 MB that way. Here the
// text of every row sits back to back in one buffer and each row costs the offset where
// its text ends: 4 bytes while the column's text is under 4 GiB, 8 bytes after (the
// offsets are widened once, in place of a limit). Rows are read as string_views, which
// stay valid until the column is changed.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flywheel {

class StringColumn {
 public:
  StringColumn() = default;
  StringColumn(std::initializer_list<std::string_view> rows) {
    for (std::string_view s : rows) push_back(s);
  }
  // A column whose offsets widen once its text passes `narrow_limit` bytes instead of 4 GiB
  // (the tests use it to reach the wide offsets without 4 GiB of text).
  static StringColumn WithNarrowLimit(uint64_t narrow_limit) {
    StringColumn c;
    c.narrow_limit_ = narrow_limit;
    return c;
  }

  void push_back(std::string_view s) {
    text_.append(s.data(), s.size());
    const uint64_t end = text_.size();
    if (wide_.empty() && end <= narrow_limit_) {
      narrow_.push_back(static_cast<uint32_t>(end));
      return;
    }
    if (wide_.empty()) {  // the text just passed 4 GiB: widen every offset once
      wide_.assign(narrow_.begin(), narrow_.end());
      std::vector<uint32_t>().swap(narrow_);
    }
    wide_.push_back(end);
  }
  // Room for `rows` rows and, when known, `text_bytes` of text in all.
  void reserve(size_t rows, size_t text_bytes = 0) {
    if (wide_.empty()) narrow_.reserve(rows);
    if (text_bytes) text_.reserve(text_bytes);
  }
  // Gives back the room reserved and not used (the loader reserves from an estimate).
  void shrink_to_fit() {
    text_.shrink_to_fit();
    narrow_.shrink_to_fit();
    wide_.shrink_to_fit();
  }

  std::string_view operator[](size_t row) const {
    const uint64_t begin = row == 0 ? 0 : End(row - 1);
    return std::string_view(text_.data() + begin, End(row) - begin);
  }
  std::string_view back() const { return (*this)[size() - 1]; }
  size_t size() const { return wide_.empty() ? narrow_.size() : wide_.size(); }
  bool empty() const { return size() == 0; }

  // Bytes held (text and offsets, reserved room included).
  size_t memory_bytes() const {
    return text_.capacity() + narrow_.capacity() * sizeof(uint32_t) + wide_.capacity() * sizeof(uint64_t);
  }

  // The raw storage, for the workspace's column store (workspace/column_chunks.h): the text of
  // every row back to back, and the end offset of each row's text: in narrow_ends() while
  // wide() is false, else in wide_ends().
  std::string_view text() const { return text_; }
  bool wide() const { return !wide_.empty(); }
  std::span<const uint32_t> narrow_ends() const { return narrow_; }
  std::span<const uint64_t> wide_ends() const { return wide_; }
  // Replaces the contents by raw storage as the accessors above give it. REQUIRES: exactly
  // one of `narrow_ends` and `wide_ends` is used (both empty for an empty column), its
  // offsets ascend, the last is text.size(), and `wide_ends` only past the narrow limit.
  void AssignRaw(std::string text, std::vector<uint32_t> narrow_ends, std::vector<uint64_t> wide_ends) {
    text_ = std::move(text);
    narrow_ = std::move(narrow_ends);
    wide_ = std::move(wide_ends);
  }

  friend bool operator==(const StringColumn& a, const StringColumn& b) {
    return a.text_ == b.text_ && a.size() == b.size() && (a.narrow_ == b.narrow_ || a.Ends() == b.Ends());
  }

 private:
  uint64_t End(size_t row) const { return wide_.empty() ? narrow_[row] : wide_[row]; }
  std::vector<uint64_t> Ends() const {
    std::vector<uint64_t> out(size());
    for (size_t i = 0; i < out.size(); ++i) out[i] = End(i);
    return out;
  }

  std::string text_;
  std::vector<uint32_t> narrow_;  // end of each row's text, while the text is under 4 GiB
  std::vector<uint64_t> wide_;    // the same, once it is not (then narrow_ is empty)
  uint64_t narrow_limit_ = std::numeric_limits<uint32_t>::max();
};

}  // namespace flywheel
