// StringDict: dictionary encoding for the categorical text columns of a data set.
//
// Every distinct string gets a dense code; columns store codes (uint32), so grouping by
// an attribute is an integer operation. Not thread-safe for Intern; Get/Find may be called
// concurrently once building is done.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace flywheel {

using Code = uint32_t;
inline constexpr Code kNullCode = UINT32_MAX;  // an empty field

class StringDict {
 public:
  StringDict() = default;
  StringDict(const StringDict&) = delete;
  StringDict& operator=(const StringDict&) = delete;
  StringDict(StringDict&&) = default;
  StringDict& operator=(StringDict&&) = default;

  // Returns the code of `s`, adding it if new. An empty string is kNullCode.
  Code Intern(std::string_view s) {
    if (s.empty()) return kNullCode;
    auto it = index_.find(s);
    if (it != index_.end()) return it->second;
    strings_.emplace_back(s);
    Code c = static_cast<Code>(strings_.size() - 1);
    index_.emplace(std::string_view(strings_.back()), c);
    return c;
  }
  std::optional<Code> Find(std::string_view s) const {
    auto it = index_.find(s);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  // The string of a code; "" for kNullCode.
  std::string_view Get(Code c) const {
    return c == kNullCode ? std::string_view() : std::string_view(strings_[c]);
  }
  size_t size() const { return strings_.size(); }

 private:
  std::deque<std::string> strings_;  // deque: stable addresses for the string_view keys
  std::unordered_map<std::string_view, Code> index_;
};

}  // namespace flywheel
