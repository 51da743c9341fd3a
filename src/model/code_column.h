// CodeColumn: a column of dictionary codes (model/string_dict.h) held in two bytes while every
// code is below 65535, and in four from the first that is not.
//
// Categorical columns of the large tables (a lead's channel and segment, a usage row's metric,
// a history row's stage, a subscription's currency and products) take a few dozen distinct
// values, whose codes are small: the dictionary numbers the distinct strings of the whole data
// set in the order they are met. On the benchmark's L (ten million leads, twelve million usage
// rows) two bytes instead of four save about 80 MiB. A read gives back exactly the code that was
// stored (kNullCode included), whichever way it is held, so nothing computed changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <span>
#include <utility>
#include <vector>

#include "model/string_dict.h"

namespace flywheel {

class CodeColumn {
 public:
  CodeColumn() = default;
  CodeColumn(std::initializer_list<Code> codes) {
    for (Code c : codes) push_back(c);
  }

  void reserve(size_t n) {
    reserved_ = n;
    if (wide_)
      codes_.reserve(n);
    else
      narrow_.reserve(n);
  }
  void push_back(Code c) {
    if (!wide_) {
      if (c < kNarrowNull) {
        narrow_.push_back(static_cast<uint16_t>(c));
        return;
      }
      if (c == kNullCode) {
        narrow_.push_back(kNarrowNull);
        return;
      }
      Widen();
    }
    codes_.push_back(c);
  }
  Code operator[](size_t i) const {
    if (wide_) return codes_[i];
    const uint16_t v = narrow_[i];
    return v == kNarrowNull ? kNullCode : Code{v};
  }
  size_t size() const { return wide_ ? codes_.size() : narrow_.size(); }
  bool empty() const { return size() == 0; }
  // Replaces every code c by f(c), in place (widening when a new code needs four bytes).
  template <typename F>
  void Rewrite(F&& f) {
    for (size_t i = 0; i < size(); ++i) {
      const Code c = f((*this)[i]);
      if (!wide_) {
        if (c < kNarrowNull || c == kNullCode) {
          narrow_[i] = c == kNullCode ? kNarrowNull : static_cast<uint16_t>(c);
          continue;
        }
        Widen();
      }
      codes_[i] = c;
    }
  }
  // True once a code needed four bytes (then every code is held in four).
  bool wide() const { return wide_; }
  // The raw storage, for the workspace's column store (workspace/column_chunks.h): two-byte
  // codes (kNullCode held as 65535) while !wide(), else four-byte codes.
  static constexpr uint16_t kNarrowNull = UINT16_MAX;
  std::span<const uint16_t> narrow_codes() const { return narrow_; }
  std::span<const Code> wide_codes() const { return codes_; }
  // Replaces the contents by raw storage as the accessors above give it. REQUIRES: narrow codes
  // only when every code is below 65535 (or kNullCode).
  void AssignNarrow(std::vector<uint16_t> codes) {
    narrow_ = std::move(codes);
    codes_.clear();
    wide_ = false;
  }
  void AssignWide(std::vector<Code> codes) {
    codes_ = std::move(codes);
    narrow_.clear();
    wide_ = true;
  }
  size_t memory_bytes() const {
    return narrow_.capacity() * sizeof(uint16_t) + codes_.capacity() * sizeof(Code);
  }

  // The same codes in the same order (tests compare columns with expected lists).
  friend bool operator==(const CodeColumn& a, const std::vector<Code>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < b.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  // Reads the codes in order (range-for, algorithms), by value.
  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Code;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Code;
    const_iterator() = default;
    const_iterator(const CodeColumn* column, size_t i) : column_(column), i_(i) {}
    Code operator*() const { return (*column_)[i_]; }
    Code operator[](difference_type n) const { return (*column_)[i_ + n]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      auto old = *this;
      ++i_;
      return old;
    }
    const_iterator& operator--() {
      --i_;
      return *this;
    }
    const_iterator operator--(int) {
      auto old = *this;
      --i_;
      return old;
    }
    const_iterator& operator+=(difference_type n) {
      i_ += n;
      return *this;
    }
    const_iterator& operator-=(difference_type n) {
      i_ -= n;
      return *this;
    }
    friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.i_ <=> b.i_; }

   private:
    const CodeColumn* column_ = nullptr;
    size_t i_ = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

 private:
  void Widen() {
    codes_.reserve(reserved_ > narrow_.size() ? reserved_ : narrow_.size() + 1);
    for (size_t i = 0; i < narrow_.size(); ++i) codes_.push_back((*this)[i]);
    std::vector<uint16_t>().swap(narrow_);
    wide_ = true;
  }

  std::vector<uint16_t> narrow_;
  std::vector<Code> codes_;
  size_t reserved_ = 0;
  bool wide_ = false;
};

}  // namespace flywheel
