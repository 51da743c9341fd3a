// NumberColumn: a column of doubles held as 4-byte floats while every value is exactly a
// float, and as 8-byte doubles from the first value that is not.
//
// Usage exports are counts (logins, reports created, API calls): whole numbers, which a float
// holds exactly up to 16,777,216. On a million accounts the usage table has over twelve million
// rows, so its value column is a fifth of everything the loaded data set holds; as floats it
// takes half of that. A read gives back exactly the double that was stored, whichever way it is
// held (NaN stays NaN), so nothing computed from the column changes.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace flywheel {

class NumberColumn {
 public:
  void reserve(size_t n) {
    reserved_ = n;
    if (wide_)
      doubles_.reserve(n);
    else
      floats_.reserve(n);
  }
  void push_back(double v) {
    if (!wide_) {
      const float f = static_cast<float>(v);
      if (static_cast<double>(f) == v || std::isnan(v)) {
        floats_.push_back(f);
        return;
      }
      Widen();
    }
    doubles_.push_back(v);
  }
  double operator[](size_t i) const { return wide_ ? doubles_[i] : static_cast<double>(floats_[i]); }
  size_t size() const { return wide_ ? doubles_.size() : floats_.size(); }
  bool empty() const { return size() == 0; }
  // True once a value needed a double (then every value is held as one).
  bool wide() const { return wide_; }
  // The raw storage, for the workspace's column store (workspace/column_chunks.h): floats
  // while !wide(), else doubles.
  std::span<const float> floats() const { return floats_; }
  std::span<const double> doubles() const { return doubles_; }
  // Replaces the contents by raw storage as the accessors above give it. REQUIRES: floats only
  // when every value is exactly a float (or NaN).
  void AssignFloats(std::vector<float> values) {
    floats_ = std::move(values);
    doubles_.clear();
    wide_ = false;
  }
  void AssignDoubles(std::vector<double> values) {
    doubles_ = std::move(values);
    floats_.clear();
    wide_ = true;
  }
  size_t memory_bytes() const {
    return floats_.capacity() * sizeof(float) + doubles_.capacity() * sizeof(double);
  }

 private:
  void Widen() {
    doubles_.reserve(reserved_ > floats_.size() ? reserved_ : floats_.size() + 1);
    doubles_.assign(floats_.begin(), floats_.end());
    std::vector<float>().swap(floats_);
    wide_ = true;
  }

  std::vector<float> floats_;
  std::vector<double> doubles_;
  size_t reserved_ = 0;
  bool wide_ = false;
};

}  // namespace flywheel
