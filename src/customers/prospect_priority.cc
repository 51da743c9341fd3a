#include "customers/prospect_priority.h"

#include <fmt/core.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <tuple>

#include "customers/account_score.h"
#include "output/report_writer.h"
#include "revenue/currency.h"

namespace flywheel {

std::string ProspectPriority(const Scorecard& card, double fit, bool rule_matched) {
  if (rule_matched) return "disqualify";
  if (std::isnan(fit)) return "Prio 2";
  if (fit >= card.prio1_fit) return "Prio 1";
  if (fit >= card.prio2_fit) return "Prio 2";
  return "disqualify";
}

namespace {

// A prospect's score: its fit, the rule that matched and its priority. Fits are sums of rule
// weights, so prospects share few scores: each is held once and prospects refer to it.
struct Score {
  double fit;    // NaN: none
  int16_t rule;  // index in the matched-rule names, -1 when none matched
  int8_t rank;   // 0 Prio 1, 1 Prio 2, 2 disqualify
};

// A prospect as the report keeps it until it is written, in 8 bytes and no text (on a large
// data set there are millions of leads): its row and its score. The account, the ids and an
// opportunity's amount in the base currency are read from the data set as each row is written.
struct Prospect {
  uint32_t ref;    // row in Leads with kLeadBit set, else row in Opportunities
  uint32_t score;  // index in the scores
};
static_assert(sizeof(Prospect) == 8);
constexpr uint32_t kLeadBit = uint32_t{1} << 31;

constexpr const char* kPriorities[] = {"Prio 1", "Prio 2", "disqualify"};

int8_t PriorityRank(const std::string& priority) {
  return priority == kPriorities[0] ? 0 : priority == kPriorities[1] ? 1 : 2;
}

// The scores of the leads without account by (segment, channel), found by three array reads
// (nine million such leads on the benchmark's L, each looked up twice: a hash lookup each
// cost more than the rest of the lead's pass). Codes are numbers below the dictionary's size,
// or kNullCode.
class PairScores {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  explicit PairScores(size_t codes) : segment_slot_(codes + 1, kNone), channel_slot_(codes + 1, kNone) {}
  uint32_t Find(Code segment, Code channel) const {
    const uint32_t row = segment_slot_[Slot(segment)], column = channel_slot_[Slot(channel)];
    if (row == kNone || column == kNone || column >= rows_[row].size()) return kNone;
    return rows_[row][column];
  }
  void Add(Code segment, Code channel, uint32_t score) {
    uint32_t& row = segment_slot_[Slot(segment)];
    if (row == kNone) {
      row = static_cast<uint32_t>(rows_.size());
      rows_.emplace_back();
    }
    uint32_t& column = channel_slot_[Slot(channel)];
    if (column == kNone) column = channels_++;
    if (rows_[row].size() <= column) rows_[row].resize(column + 1, kNone);
    rows_[row][column] = score;
  }

 private:
  size_t Slot(Code c) const { return c == kNullCode ? segment_slot_.size() - 1 : c; }
  std::vector<uint32_t> segment_slot_, channel_slot_;  // by code (kNullCode last)
  std::vector<std::vector<uint32_t>> rows_;            // [segment slot][channel slot]
  uint32_t channels_ = 0;
};

// What the report reads of an account: its measures (null when it has none), written into
// `scratch` when they are made on demand.
using MeasuresOf = std::function<const AccountMeasures*(AccountIndex, AccountMeasures* scratch)>;

// The scores met so far, each held once.
class Scores {
 public:
  explicit Scores(const Scorecard& card) : card_(card) {}

  // The number of the score of `subject`.
  uint32_t Of(const RuleSubject& subject) {
    bool excluded = false;
    const std::string rule = MatchedRule(card_, subject, &excluded);
    Score s{IcpFit(card_, subject), -1, 0};
    if (!rule.empty()) {
      auto it = std::find(rule_names_->begin(), rule_names_->end(), rule);
      s.rule = static_cast<int16_t>(it - rule_names_->begin());
      if (it == rule_names_->end()) rule_names_->push_back(rule);
    }
    s.rank = PriorityRank(ProspectPriority(card_, s.fit, !rule.empty()));
    auto [it, added] = index_.try_emplace({std::bit_cast<uint64_t>(s.fit), s.rule, s.rank}, 0);
    if (added) {
      it->second = static_cast<uint32_t>(scores_.size());
      scores_.push_back(s);
    }
    return it->second;
  }
  const std::vector<Score>& all() const { return scores_; }
  std::shared_ptr<std::vector<std::string>> rule_names() const { return rule_names_; }

 private:
  const Scorecard& card_;
  std::vector<Score> scores_;
  std::map<std::tuple<uint64_t, int16_t, int8_t>, uint32_t> index_;
  std::shared_ptr<std::vector<std::string>> rule_names_ = std::make_shared<std::vector<std::string>>();
};

// Prospects counted by score, as the first pass finds them.
struct ScoreCounts {
  std::vector<uint64_t> count;
  uint32_t Counted(uint32_t s) {
    if (s >= count.size()) count.resize(s + 1, 0);
    ++count[s];
    return s;
  }
};

// What the first pass works with.
struct FirstPass {
  const Dataset& data;
  const MeasuresOf& measures_of;
  Day as_of;
  Scores& scores;
  ScoreCounts& counts;
  AccountMeasures scratch;
};

// The open deals created by `as_of`, each with its score, in row order; marks their accounts
// in `has_open`. kBadData when an open deal's currency has no rate for `rate_month`.
Result<std::vector<Prospect>> ScoreOpenDeals(FirstPass& pass, const CurrencyRates& rates, Month rate_month,
                                             std::vector<bool>* has_open) {
  const Dataset& data = pass.data;
  const Opportunities& o = data.opportunities;
  std::vector<Prospect> scored;
  AccountIndex last_account = kNoAccount;
  uint32_t last_score = 0;
  for (size_t i = 0; i < o.size(); ++i) {
    if (o.status[i] != OpportunityStatus::kOpen || o.created_at[i] > pass.as_of || o.account[i] == kNoAccount)
      continue;
    (*has_open)[o.account[i]] = true;
    if (!std::isnan(o.amount[i]) && o.currency[i] != kNullCode && !rates.Rate(o.currency[i], rate_month)) {
      return Status::BadData(
          rates.MissingRateMessage(o.currency[i], rate_month, "opportunity " + std::string(o.id[i])));
    }
    // An account's deals share its score: exports list an account's deals together, so the
    // score of the row before is reused while the account stays the same.
    if (o.account[i] != last_account) {
      last_account = o.account[i];
      last_score =
          pass.scores.Of(AccountSubject(data, last_account, pass.measures_of(last_account, &pass.scratch)));
    }
    scored.push_back({static_cast<uint32_t>(i), pass.counts.Counted(last_score)});
  }
  return scored;
}

// A lead that is no prospect.
constexpr uint32_t kNotProspect = UINT32_MAX;

// Each lead's score (kNotProspect: none), kept for the second pass: reading it back costs
// less than finding it again (most leads have no account). A lead without account is known
// by its segment and channel alone, so every such lead with the same two gets the same
// score, worked out once per pair.
std::vector<uint32_t> ScoreLeads(FirstPass& pass, const std::vector<bool>& has_open) {
  const Dataset& data = pass.data;
  const Leads& l = data.leads;
  PairScores anonymous(data.dict.size());
  std::vector<uint32_t> lead_score(l.size(), kNotProspect);
  AccountIndex last_account = kNoAccount;
  Code last_segment = kNullCode;
  uint32_t last_score = 0;
  for (size_t i = 0; i < l.size(); ++i) {
    const AccountIndex a = l.account[i];
    if (l.created_at[i] > pass.as_of) continue;
    if (a == kNoAccount) {
      const Code segment = l.segment[i], channel = l.channel[i];
      uint32_t known = anonymous.Find(segment, channel);
      if (known == PairScores::kNone) {
        known = pass.scores.Of([&data, segment, channel](const std::string& name) -> RuleValue {
          Code c = name == "segment" ? segment : name == "source" ? channel : kNullCode;
          if (c == kNullCode) return std::monostate{};
          return data.dict.Get(c);
        });
        anonymous.Add(segment, channel, known);
      }
      lead_score[i] = pass.counts.Counted(known);
      continue;
    }
    if (has_open[a]) continue;
    const AccountMeasures* m = pass.measures_of(a, &pass.scratch);
    if (m && m->arr > 0) continue;
    // A lead's score depends on its account and its own segment: reused from the row before
    // while both stay the same.
    const Code segment = l.segment[i];
    if (a != last_account || segment != last_segment) {
      last_account = a;
      last_segment = segment;
      last_score = pass.scores.Of(AccountSubject(data, a, m, segment));
    }
    lead_score[i] = pass.counts.Counted(last_score);
  }
  return lead_score;
}

// The prospects in report order but for the ids: Prio 1, Prio 2, disqualify, then by fit
// (highest first). Scores of the same priority and fit (they differ in the rule) make one
// bucket; every prospect goes to its bucket, open deals first, each table in row order.
struct Buckets {
  std::vector<Prospect> prospects;
  std::vector<size_t> start;        // first position of each bucket, then the end
  std::vector<size_t> leads_start;  // where each bucket's leads begin
};

Buckets PlaceInBuckets(const std::vector<Score>& all, const std::vector<uint64_t>& count,
                       std::vector<Prospect> deals, std::vector<uint32_t> lead_score) {
  auto fit_key = [](double fit) { return std::isnan(fit) ? -1.0 : fit; };
  std::vector<uint32_t> by_order(all.size());
  for (uint32_t s = 0; s < all.size(); ++s) by_order[s] = s;
  std::sort(by_order.begin(), by_order.end(), [&](uint32_t a, uint32_t b) {
    if (all[a].rank != all[b].rank) return all[a].rank < all[b].rank;
    return fit_key(all[a].fit) > fit_key(all[b].fit);
  });
  Buckets b;
  std::vector<uint32_t> bucket_of(all.size());
  size_t position = 0;
  for (size_t k = 0; k < by_order.size(); ++k) {
    const Score& s = all[by_order[k]];
    if (k == 0 || s.rank != all[by_order[k - 1]].rank ||
        fit_key(s.fit) != fit_key(all[by_order[k - 1]].fit)) {
      b.start.push_back(position);
    }
    bucket_of[by_order[k]] = static_cast<uint32_t>(b.start.size() - 1);
    position += count[by_order[k]];
  }
  b.start.push_back(position);
  b.prospects.resize(position);
  std::vector<size_t> next(b.start.begin(), b.start.end() - 1);
  auto place = [&](Prospect p) { b.prospects[next[bucket_of[p.score]]++] = p; };
  for (const Prospect& p : deals) place(p);
  std::vector<Prospect>().swap(deals);
  b.leads_start = next;
  for (size_t i = 0; i < lead_score.size(); ++i) {
    if (lead_score[i] != kNotProspect) place({static_cast<uint32_t>(i) | kLeadBit, lead_score[i]});
  }
  return b;
}

std::string_view IdOf(const Dataset& data, const Prospect& p) {
  return p.ref & kLeadBit ? data.leads.id[p.ref & ~kLeadBit] : data.opportunities.id[p.ref];
}

bool Ascending(const StringColumn& ids) {
  for (size_t i = 1; i < ids.size(); ++i) {
    if (!(ids[i - 1] < ids[i])) return false;
  }
  return true;
}

// Within a bucket, by id. Exports list ids in ascending order; where both tables' do, each
// table's part of a bucket is in id order already and the two parts are merged.
void SortBucketsById(const Dataset& data, Buckets* b) {
  const Leads& l = data.leads;
  const Opportunities& o = data.opportunities;
  const bool in_id_order = (l.ids_ascending || Ascending(l.id)) && (o.ids_ascending || Ascending(o.id));
  auto by_id = [&data](const Prospect& x, const Prospect& y) { return IdOf(data, x) < IdOf(data, y); };
  for (size_t k = 0; k + 1 < b->start.size(); ++k) {
    const auto first = b->prospects.begin() + static_cast<std::ptrdiff_t>(b->start[k]);
    const auto middle = b->prospects.begin() + static_cast<std::ptrdiff_t>(b->leads_start[k]);
    const auto last = b->prospects.begin() + static_cast<std::ptrdiff_t>(b->start[k + 1]);
    if (!in_id_order) {
      std::sort(first, last, [&data](const Prospect& x, const Prospect& y) {
        const std::string_view a = IdOf(data, x), c = IdOf(data, y);
        return a != c ? a < c : x.ref < y.ref;
      });
    } else if (first != middle && middle != last && !by_id(*(middle - 1), *middle)) {
      if (by_id(*(last - 1), *first)) {
        std::rotate(first, middle, last);
      } else {
        std::inplace_merge(first, middle, last, by_id);
      }
    }
  }
}

// What the rows read, held by the report; `data` must outlive it.
struct ProspectRows {
  const Dataset* data;
  std::vector<Prospect> prospects;
  std::vector<Score> scores;
  std::vector<std::string> rule_names;
  CurrencyRates rates;
  Month rate_month;

  // An open deal's amount in the base currency; NaN when it has none. The rate is there: the
  // report failed when an open deal's was missing.
  double AmountOf(uint32_t row) const {
    const Opportunities& o = data->opportunities;
    double amount = o.amount[row];
    if (!std::isnan(amount) && o.currency[row] != kNullCode)
      amount *= *rates.Rate(o.currency[row], rate_month);
    return amount;
  }

  void Fill(size_t i, std::vector<Cell>* row) const {
    const Prospect& p = prospects[i];
    const Score& s = scores[p.score];
    const bool lead = p.ref & kLeadBit;
    const uint32_t at = p.ref & ~kLeadBit;
    const AccountIndex account = lead ? data->leads.account[at] : data->opportunities.account[at];
    row->resize(7);
    Cell* c = row->data();
    SetText(&c[0], lead ? "lead" : "opportunity");
    SetText(&c[1], IdOf(*data, p));
    if (account == kNoAccount)
      c[2] = std::monostate{};
    else
      SetText(&c[2], data->accounts.id[account]);
    SetNumberOrNull(&c[3], s.fit);
    SetText(&c[4], kPriorities[s.rank]);
    if (s.rule < 0)
      c[5] = std::monostate{};
    else
      SetText(&c[5], rule_names[s.rule]);
    SetNumberOrNull(&c[6], lead ? std::numeric_limits<double>::quiet_NaN() : AmountOf(at));
  }
};

Report MakeReport(const Settings& settings, const Scorecard& card, Day as_of, const ScoreCounts& counts,
                  std::shared_ptr<const ProspectRows> rows) {
  Report r;
  r.name = "prospects";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"kind", ColumnKind::kText},
               {"id", ColumnKind::kText},
               {"account_id", ColumnKind::kText, "account"},
               {"fit", ColumnKind::kNumber},
               {"priority", ColumnKind::kText},
               {"matched_rule", ColumnKind::kText, "rule"},
               {"amount", ColumnKind::kMoney}};
  uint64_t by_rank[3] = {0, 0, 0};
  for (uint32_t s = 0; s < rows->scores.size(); ++s) {
    by_rank[rows->scores[s].rank] += s < counts.count.size() ? counts.count[s] : 0;
  }
  r.row_at_count = rows->prospects.size();
  r.row_at = [rows](size_t i, std::vector<Cell>* row) { rows->Fill(i, row); };
  r.notes.push_back(fmt::format("Prio 1: {}, Prio 2: {}, disqualify: {} (Prio 1 fit >= {}, Prio 2 fit >= {})",
                                by_rank[0], by_rank[1], by_rank[2], card.prio1_fit, card.prio2_fit));
  return r;
}

Result<Report> Prospects(const Dataset& data, const Settings& settings, const Scorecard& card,
                         const MeasuresOf& measures_of, Day as_of) {
  const Opportunities& o = data.opportunities;
  const Leads& l = data.leads;
  if (o.size() >= kLeadBit || l.size() >= kLeadBit)
    return Status::BadData("prospects: more than 2147483647 leads or opportunities");
  CurrencyRates rates(data, settings);
  const Month rate_month = MonthOfDay(as_of);
  Scores scores(card);
  ScoreCounts counts;
  FirstPass pass{data, measures_of, as_of, scores, counts, {}};
  // First pass: every prospect's score, counted by score.
  std::vector<bool> has_open(data.accounts.size(), false);
  auto deals = ScoreOpenDeals(pass, rates, rate_month, &has_open);
  if (!deals.ok()) return deals.status();
  std::vector<uint32_t> lead_score = ScoreLeads(pass, has_open);
  // Second pass: the prospects in report order.
  const std::vector<Score>& all = scores.all();
  counts.count.resize(all.size(), 0);
  Buckets buckets = PlaceInBuckets(all, counts.count, std::move(*deals), std::move(lead_score));
  SortBucketsById(data, &buckets);
  auto rows = std::make_shared<ProspectRows>(ProspectRows{
      &data, std::move(buckets.prospects), all, *scores.rule_names(), std::move(rates), rate_month});
  return MakeReport(settings, card, as_of, counts, std::move(rows));
}

}  // namespace

Result<Report> ProspectsReport(const Dataset& data, const Settings& settings, const Scorecard& card,
                               const std::vector<AccountMeasures>& measures, Day as_of) {
  std::vector<const AccountMeasures*> by_account(data.accounts.size(), nullptr);
  for (const auto& m : measures) by_account[m.account] = &m;
  return Prospects(
      data, settings, card, [&by_account](AccountIndex a, AccountMeasures*) { return by_account[a]; }, as_of);
}

Result<Report> ProspectsReport(const Dataset& data, const Settings& settings, const Scorecard& card,
                               const std::vector<AccountFacts>& facts, Day as_of) {
  return Prospects(
      data, settings, card,
      [&facts](AccountIndex a, AccountMeasures* scratch) {
        *scratch = MeasuresFromFacts(a, facts[a]);
        return static_cast<const AccountMeasures*>(scratch);
      },
      as_of);
}

}  // namespace flywheel
