// Segmenter: which report segments an account (or a lead without account) counts in.
//
// Every report row is one period × segment, where segment "all" is the whole company and
// the other segments are the values of one account attribute (--segment-by), grouped by
// SegmentAccounts (account_segments.h) (an empty value is "unassigned"). With a segment filter (--segment)
// only that value's rows are produced. Immutable once built. A Segmenter borrows the data set's dictionary:
// the Dataset must outlive it and stay where it is (not be moved).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "model/dataset.h"
#include "segments/account_segments.h"

namespace flywheel {

inline constexpr const char* kAllSegment = "all";

// The report segments by number, for loops over millions of accounts or units: number n
// is the n-th distinct name of Segmenter::AllSegments(), and of_value[v] lists the numbers
// an account whose attribute value is number v counts in (ForAccount's segments that have
// rows, in its order).
struct SegmentNumbers {
  std::vector<std::string> names;               // by number
  std::vector<std::vector<uint32_t>> of_value;  // by value number (Segmenter::ValueNumber)
  std::unordered_map<std::string, uint32_t> of_name;
  // The numbers of those of `segments` that have rows, in their order.
  std::vector<uint32_t> Of(const std::vector<std::string>& segments) const;
};

class Segmenter {
 public:
  // `attribute`: "" (only "all"), segment, industry, country, region, source or attr_*.
  // `filter`: "" or one value of the attribute; a filter without an attribute uses
  // `default_attribute` (the settings' segment_by). Unknown attributes are kUsage errors
  // (SegmentAccounts' message).
  static Result<Segmenter> Make(const Dataset& data, const std::string& attribute, const std::string& filter,
                                const std::string& default_attribute);

  const std::string& attribute() const { return attribute_; }
  // The report segments the account counts in, in output order ("all" first).
  std::vector<std::string> ForAccount(AccountIndex a) const;
  // Same for a lead without account, which carries its own `segment` code; it is
  // "unassigned" when the attribute is not `segment`.
  std::vector<std::string> ForLead(Code lead_segment) const;
  // Every segment that has rows: "all" (unless filtered) and each attribute value, sorted.
  std::vector<std::string> AllSegments() const;
  // The attribute value of account a ("unassigned" when empty); "" when not segmenting.
  std::string ValueOf(AccountIndex a) const;
  // The same by number, for loops over millions of accounts: the attribute's values are
  // numbered 0 .. value_count() − 1 (one value, "", when not segmenting), and
  // ForAccount(a) == ForValue(ValueName(ValueNumber(a))).
  size_t value_count() const { return attribute_.empty() ? 1 : segments_.values.size(); }
  uint32_t ValueNumber(AccountIndex a) const {
    return attribute_.empty() ? 0 : static_cast<uint32_t>(segments_.of_account[a]);
  }
  std::string ValueName(uint32_t v) const { return attribute_.empty() ? "" : segments_.values[v]; }
  // The report segments of an account whose attribute value is `value`, in output order.
  std::vector<std::string> ForValue(const std::string& value) const;
  SegmentNumbers Numbers() const;

 private:
  const StringDict* dict_ = nullptr;
  std::string attribute_;
  std::string filter_;
  AccountSegments segments_;  // empty when attribute_ is ""
};

// The segment numbers a lead without account counts in (Segmenter::ForLead), by the lead's
// segment code: worked out once per code and found by an array read, for the loops over the
// leads (ten million on the benchmark's L). The Segmenter and the numbers must outlive it.
class LeadSegmentNumbers {
 public:
  // `codes`: the data set's dictionary size (every code is below it, or kNullCode).
  LeadSegmentNumbers(const Segmenter& segmenter, const SegmentNumbers& numbers, size_t codes)
      : segmenter_(segmenter), numbers_(numbers), list_of_code_(codes + 1, -1) {}
  // Valid until the next call.
  const std::vector<uint32_t>& Of(Code segment_code) {
    int32_t& k = list_of_code_[segment_code == kNullCode ? list_of_code_.size() - 1 : segment_code];
    if (k < 0) {
      k = static_cast<int32_t>(lists_.size());
      lists_.push_back(numbers_.Of(segmenter_.ForLead(segment_code)));
    }
    return lists_[static_cast<size_t>(k)];
  }

 private:
  const Segmenter& segmenter_;
  const SegmentNumbers& numbers_;
  std::vector<int32_t> list_of_code_;  // index in lists_, -1 before the code is met; kNullCode last
  std::vector<std::vector<uint32_t>> lists_;
};

}  // namespace flywheel
