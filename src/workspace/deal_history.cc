#include "workspace/deal_history.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "workspace/column_ops.h"

namespace flywheel {
namespace {

// The previous snapshot's codes in next's dictionary, added to it when needed.
class CodeMap {
 public:
  CodeMap(const StringDict& from, StringDict* to) : from_(from), to_(to), codes_(from.size(), kNoCode) {}
  Code operator()(Code c) {
    if (c == kNullCode) return kNullCode;
    if (codes_[c] == kNoCode) codes_[c] = to_->Intern(from_.Get(c));
    return codes_[c];
  }

 private:
  const StringDict& from_;
  StringDict* to_;
  std::vector<Code> codes_;
};

bool SameNumber(double a, double b) {
  if (IsNull(a) || IsNull(b)) return IsNull(a) == IsNull(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}

void AddRow(OpportunityHistory& h, int32_t deal, Day changed_at, Code stage, int8_t status, double amount,
            Day expected_close) {
  h.opportunity.push_back(deal);
  h.changed_at.push_back(changed_at);
  h.stage.push_back(stage);
  h.status.push_back(status);
  h.amount.push_back(amount);
  h.expected_close.push_back(expected_close);
}

// Keeps the previous snapshot's history rows of deals that `next` still has; marks those
// deals in `has_history`. Returns how many of the kept rows came with an export.
int64_t KeepHistory(const Dataset& previous, int64_t previous_derived_from, Dataset& next, CodeMap& codes,
                    std::vector<bool>* has_history) {
  const std::vector<int32_t> deal =
      RemapRows(previous.opportunities.id, next.opportunities.id, &next.opportunities.index);
  const OpportunityHistory& p = previous.opportunity_history;
  OpportunityHistory& h = next.opportunity_history;
  int64_t from_export = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const int32_t opp = p.opportunity[i] < 0 ? kNoRow : deal[static_cast<size_t>(p.opportunity[i])];
    if (opp < 0) continue;
    AddRow(h, opp, p.changed_at[i], codes(p.stage[i]), p.status[i], p.amount[i], p.expected_close[i]);
    (*has_history)[static_cast<size_t>(opp)] = true;
    if (previous_derived_from < 0 || static_cast<int64_t>(i) < previous_derived_from) ++from_export;
  }
  return from_export;
}

}  // namespace

int64_t DeriveDealHistory(const Dataset& previous, int64_t previous_derived_from, Dataset& next,
                          Day change_day) {
  next.present[static_cast<int>(Table::kOpportunityHistory)] = true;
  next.opportunity_history = OpportunityHistory();
  CodeMap codes(previous.dict, &next.dict);
  std::vector<bool> has_history(next.opportunities.size(), false);
  const int64_t from_export = KeepHistory(previous, previous_derived_from, next, codes, &has_history);

  const Opportunities& p = previous.opportunities;
  const Opportunities& n = next.opportunities;
  const std::vector<int32_t> before = RemapRows(n.id, p.id, &p.index);
  OpportunityHistory& h = next.opportunity_history;
  for (size_t j = 0; j < n.size(); ++j) {
    const int32_t i = before[j];
    if (i < 0) continue;  // a new deal: nothing changed yet
    const bool stage = previous.dict.Get(p.stage[i]) != next.dict.Get(n.stage[j]);
    const bool status = p.status[i] != n.status[j];
    const bool amount = !SameNumber(p.amount[i], n.amount[j]);
    const bool expected = p.expected_close[i] != n.expected_close[j];
    if (!(stage && n.stage[j] != kNullCode) && !status && !(amount && !IsNull(n.amount[j])) &&
        !(expected && n.expected_close[j] != kNullDay)) {
      continue;  // unchanged, or only a value that became empty
    }
    const auto deal = static_cast<int32_t>(j);
    if (!has_history[j]) {
      const Day created = n.created_at[j] == kNullDay ? change_day : std::min(n.created_at[j], change_day);
      AddRow(h, deal, created, codes(p.stage[i]), -1, p.amount[i], p.expected_close[i]);
    }
    AddRow(h, deal, change_day, stage ? n.stage[j] : kNullCode,
           status ? static_cast<int8_t>(n.status[j]) : int8_t{-1}, amount ? n.amount[j] : kNullNumber,
           expected ? n.expected_close[j] : kNullDay);
  }
  return from_export;
}

}  // namespace flywheel
