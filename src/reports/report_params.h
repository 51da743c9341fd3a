// ReportParams: the options of one report run as names and text values, whether they came
// from command-line flags (--segment-by → "segment_by") or from an HTTP query string.
//
// Names are the CLI's long options with '-' written '_'. A value type is decided by the
// report that reads it; the typed accessors below give the CLI's messages on bad values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"

namespace flywheel {

class ReportParams {
 public:
  // Sets `name` to `value`, replacing an earlier value.
  void Set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  bool Has(std::string_view name) const { return values_.find(std::string(name)) != values_.end(); }
  // The value of `name`, or `fallback` when it is not set.
  std::string Get(std::string_view name, std::string_view fallback = "") const;
  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

// A flag: absent → false; "", "1", "true", "yes" → true; "0", "false", "no" → false;
// anything else fails with "--by-cohort: 'x' is not true or false".
Result<bool> FlagParam(const ReportParams& params, std::string_view name);

// A date value, or nullopt when absent; fails with the CLI's message
// "--as-of: 2024-13-01 is not a date (expected YYYY-MM-DD)".
Result<std::optional<Day>> DateParam(const ReportParams& params, std::string_view name);

// "segment_by" → "--segment-by": the option name the CLI shows for a parameter.
std::string OptionName(std::string_view param);

}  // namespace flywheel
