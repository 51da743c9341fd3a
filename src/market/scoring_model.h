// ScoringModel: the criteria and candidate segments of a segment-scoring file
// (market.md "Segment scoring"), parsed and validated from TOML.
//
// Weights are stored as fractions summing to 1; scores as the user wrote them (1–5).
// Every validation error names the file and line, and the segment and criterion
// concerned: `segments.toml:12: segment "Retail": score for 'urgency' is 7 (expected 1 to 5)`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace flywheel {

struct Criterion {
  std::string key;                   // snake_case, used in `scores = { key = N }`
  std::string name;                  // display name; default: the key
  std::string question;              // default: empty
  double weight = 0;                 // fraction of 1
  bool inverse = false;              // default false; when true a raw score s counts as 6 − s
  std::optional<double> veto_below;  // default none; a segment whose effective score is below it is vetoed
};

struct ScoredSegment {
  std::string name;
  std::vector<double> scores;      // raw scores, one per criterion, in criteria order
  std::vector<std::string> notes;  // one per criterion; empty when none
};

struct ScoringModel {
  std::vector<Criterion> criteria;
  std::vector<ScoredSegment> segments;
};

// The six default criteria with their weights (market.md): speed_of_change 20 %,
// urgency 20 %, competition 10 %, market_size 20 %, market_potential 20 %,
// adjacent_segments 10 %.
std::vector<Criterion> DefaultCriteria();

// Parses a scoring file. `file_name` prefixes every error message. Criteria left out use
// DefaultCriteria(). Weights are all percent or all fractions and must add up to 100 %
// (± 0.01 pp). Fails with kBadData on any error.
Result<ScoringModel> ParseScoringModel(std::string_view toml_text, std::string_view file_name);

// Reads and parses `path`; kNotFound when it cannot be read.
Result<ScoringModel> LoadScoringModel(const std::string& path);

}  // namespace flywheel
