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
#include "output/json_writer.h"
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

// The JSON of a prospect's row in pieces made once: the row is its kind's head, the quoted id,
// `account`, the account id or null, its score's tail and the amount, then `end`. Laid out as
// WriteJson lays out a row at `level`; report_writer's cell path writes the same text
// (prospect_priority_test.cc compares the two).
struct JsonPieces {
  int level = 0;
  std::string head[2];            // [lead]
  std::string separated_head[2];  // the same after the separator of an array's further element
  std::string account;
  std::vector<std::string> tails;  // by score
  std::string end;
  // A lead's row after its account: its score's tail, a null amount and the end; and after
  // its id when it has no account (most leads on large data sets), from `account` on.
  std::vector<std::string> lead_tails, lead_without_account_tails;  // by score
};

JsonPieces MakeJsonPieces(int level, const std::vector<Score>& scores,
                          const std::vector<std::string>& rule_names) {
  JsonPieces p;
  p.level = level;
  const std::string member = "\n" + std::string(static_cast<size_t>(2 * (level + 1)), ' ');
  for (int lead = 0; lead < 2; ++lead) {
    p.head[lead] =
        "{" + member + "\"kind\": \"" + (lead ? "lead" : "opportunity") + "\"," + member + "\"id\": ";
    p.separated_head[lead] = ",\n" + std::string(static_cast<size_t>(2 * level), ' ') + p.head[lead];
  }
  p.account = "," + member + "\"account_id\": ";
  for (const Score& s : scores) {
    std::string rule = "null";
    if (s.rule >= 0) {
      rule.clear();
      JsonWriter::AppendQuoted(&rule, rule_names[s.rule]);
    }
    p.tails.push_back("," + member + "\"fit\": " + JsonNumber(s.fit) + "," + member + "\"priority\": \"" +
                      kPriorities[s.rank] + "\"," + member + "\"matched_rule\": " + rule + "," + member +
                      "\"amount\": ");
  }
  p.end = "\n" + std::string(static_cast<size_t>(2 * level), ' ') + "}";
  for (const std::string& tail : p.tails) {
    p.lead_tails.push_back(tail + "null" + p.end);
    p.lead_without_account_tails.push_back(p.account + "null" + p.lead_tails.back());
  }
  return p;
}

// WriteJson writes rows at this level: elements of the "rows" array of the document.
constexpr int kRowLevel = 2;

Result<Report> Prospects(const Dataset& data, const Settings& settings, const Scorecard& card,
                         const MeasuresOf& measures_of, Day as_of) {
  auto rates = std::make_shared<const CurrencyRates>(data, settings);
  const Month rate_month = MonthOfDay(as_of);
  const Opportunities& o = data.opportunities;
  const Leads& l = data.leads;
  if (o.size() >= kLeadBit || l.size() >= kLeadBit)
    return Status::BadData("prospects: more than 2147483647 leads or opportunities");
  AccountMeasures scratch;
  Scores scores(card);
  std::vector<bool> has_open(data.accounts.size(), false);
  // First pass: every prospect's score, counted by score. The scores of open deals are kept
  // in row order, and every lead's by row. A lead without account is known by its segment and
  // channel alone, so every such lead with the same two gets the same score, worked out once
  // per pair.
  std::vector<Prospect> scored;  // open deals
  PairScores anonymous(data.dict.size());
  std::vector<uint64_t> count;  // prospects by score
  auto counted = [&count](uint32_t s) {
    if (s >= count.size()) count.resize(s + 1, 0);
    ++count[s];
    return s;
  };
  AccountIndex last_account = kNoAccount;
  Code last_segment = kNullCode;
  uint32_t last_score = 0;
  for (size_t i = 0; i < o.size(); ++i) {
    if (o.status[i] != OpportunityStatus::kOpen || o.created_at[i] > as_of || o.account[i] == kNoAccount)
      continue;
    has_open[o.account[i]] = true;
    if (!std::isnan(o.amount[i]) && o.currency[i] != kNullCode && !rates->Rate(o.currency[i], rate_month)) {
      return Status::BadData(
          rates->MissingRateMessage(o.currency[i], rate_month, "opportunity " + std::string(o.id[i])));
    }
    // An account's deals share its score: exports list an account's deals together, so the
    // score of the row before is reused while the account stays the same.
    if (o.account[i] != last_account) {
      last_account = o.account[i];
      last_score = scores.Of(AccountSubject(data, last_account, measures_of(last_account, &scratch)));
    }
    scored.push_back({static_cast<uint32_t>(i), counted(last_score)});
  }
  // Each lead's score (kNotProspect: none), kept for the second pass: reading it back costs
  // less than finding it again (most leads have no account).
  constexpr uint32_t kNotProspect = UINT32_MAX;
  std::vector<uint32_t> lead_score(l.size(), kNotProspect);
  last_account = kNoAccount;
  for (size_t i = 0; i < l.size(); ++i) {
    const AccountIndex a = l.account[i];
    if (l.created_at[i] > as_of) continue;
    if (a == kNoAccount) {
      const Code segment = l.segment[i], channel = l.channel[i];
      uint32_t known = anonymous.Find(segment, channel);
      if (known == PairScores::kNone) {
        known = scores.Of([&data, segment, channel](const std::string& name) -> RuleValue {
          Code c = name == "segment" ? segment : name == "source" ? channel : kNullCode;
          if (c == kNullCode) return std::monostate{};
          return data.dict.Get(c);
        });
        anonymous.Add(segment, channel, known);
      }
      lead_score[i] = counted(known);
      continue;
    }
    if (has_open[a]) continue;
    const AccountMeasures* m = measures_of(a, &scratch);
    if (m && m->arr > 0) continue;
    // A lead's score depends on its account and its own segment: reused from the row before
    // while both stay the same.
    const Code segment = l.segment[i];
    if (a != last_account || segment != last_segment) {
      last_account = a;
      last_segment = segment;
      last_score = scores.Of(AccountSubject(data, a, m, segment));
    }
    lead_score[i] = counted(last_score);
  }

  // The order: Prio 1, Prio 2, disqualify, then by fit (highest first), then by id. Scores of
  // the same priority and fit (they differ in the rule) make one bucket; the second pass puts
  // every prospect in its bucket, open deals first, each table in row order.
  const std::vector<Score>& all = scores.all();
  count.resize(all.size(), 0);
  auto fit_key = [](double fit) { return std::isnan(fit) ? -1.0 : fit; };
  std::vector<uint32_t> by_order(all.size());
  for (uint32_t s = 0; s < all.size(); ++s) by_order[s] = s;
  std::sort(by_order.begin(), by_order.end(), [&](uint32_t a, uint32_t b) {
    if (all[a].rank != all[b].rank) return all[a].rank < all[b].rank;
    return fit_key(all[a].fit) > fit_key(all[b].fit);
  });
  std::vector<uint32_t> bucket_of(all.size());
  std::vector<size_t> bucket_start;  // first position of each bucket, then the end
  size_t position = 0;
  for (size_t k = 0; k < by_order.size(); ++k) {
    const Score& s = all[by_order[k]];
    if (k == 0 || s.rank != all[by_order[k - 1]].rank ||
        fit_key(s.fit) != fit_key(all[by_order[k - 1]].fit)) {
      bucket_start.push_back(position);
    }
    bucket_of[by_order[k]] = static_cast<uint32_t>(bucket_start.size() - 1);
    position += count[by_order[k]];
  }
  const size_t buckets = bucket_start.size();
  bucket_start.push_back(position);
  auto prospects = std::make_shared<std::vector<Prospect>>(position);
  std::vector<size_t> next(bucket_start.begin(), bucket_start.end() - 1);
  auto place = [&](Prospect p) { (*prospects)[next[bucket_of[p.score]]++] = p; };
  for (const Prospect& p : scored) place(p);
  std::vector<Prospect>().swap(scored);
  std::vector<size_t> leads_start(next);  // where each bucket's leads begin
  for (size_t i = 0; i < l.size(); ++i) {
    if (lead_score[i] != kNotProspect) place({static_cast<uint32_t>(i) | kLeadBit, lead_score[i]});
  }
  std::vector<uint32_t>().swap(lead_score);

  // Within a bucket, by id. Exports list ids in ascending order; where both tables' do, each
  // table's part of a bucket is in id order already and the two parts are merged.
  auto id_of = [&data](const Prospect& p) -> std::string_view {
    return p.ref & kLeadBit ? data.leads.id[p.ref & ~kLeadBit] : data.opportunities.id[p.ref];
  };
  auto ascending = [](const StringColumn& ids) {
    for (size_t i = 1; i < ids.size(); ++i) {
      if (!(ids[i - 1] < ids[i])) return false;
    }
    return true;
  };
  const bool in_id_order = (l.ids_ascending || ascending(l.id)) && (o.ids_ascending || ascending(o.id));
  auto by_id = [&](const Prospect& a, const Prospect& b) { return id_of(a) < id_of(b); };
  for (size_t b = 0; b < buckets; ++b) {
    const auto first = prospects->begin() + static_cast<std::ptrdiff_t>(bucket_start[b]);
    const auto middle = prospects->begin() + static_cast<std::ptrdiff_t>(leads_start[b]);
    const auto last = prospects->begin() + static_cast<std::ptrdiff_t>(bucket_start[b + 1]);
    if (!in_id_order) {
      std::sort(first, last, [&](const Prospect& x, const Prospect& y) {
        const std::string_view a = id_of(x), c = id_of(y);
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
  uint64_t counts[3] = {0, 0, 0};
  for (uint32_t s = 0; s < all.size(); ++s) counts[all[s].rank] += count[s];
  auto score_list = std::make_shared<const std::vector<Score>>(all);
  const auto rule_names = scores.rule_names();
  // An open deal's amount in the base currency; NaN when it has none. The rate is there: the
  // report failed when an open deal's was missing.
  auto amount_of = [&data, rates, rate_month](uint32_t row) {
    const Opportunities& o = data.opportunities;
    double amount = o.amount[row];
    if (!std::isnan(amount) && o.currency[row] != kNullCode)
      amount *= *rates->Rate(o.currency[row], rate_month);
    return amount;
  };
  r.row_at_count = prospects->size();
  r.row_at = [&data, prospects, score_list, rule_names, id_of, amount_of](size_t i, std::vector<Cell>* row) {
    const Prospect& p = (*prospects)[i];
    const Score& s = (*score_list)[p.score];
    const bool lead = p.ref & kLeadBit;
    const uint32_t at = p.ref & ~kLeadBit;
    const AccountIndex account = lead ? data.leads.account[at] : data.opportunities.account[at];
    const double amount = lead ? std::numeric_limits<double>::quiet_NaN() : amount_of(at);
    *row = {std::string(lead ? "lead" : "opportunity"),
            std::string(id_of(p)),
            account == kNoAccount ? Cell() : Cell(std::string(data.accounts.id[account])),
            std::isnan(s.fit) ? Cell() : Cell(s.fit),
            std::string(kPriorities[s.rank]),
            s.rule < 0 ? Cell() : Cell((*rule_names)[s.rule]),
            std::isnan(amount) ? Cell() : Cell(amount)};
  };
  // The JSON rows from pieces made once per score (ten million leads on the benchmark's L):
  // the same text as the cells give, without a cell or a number formatted per row.
  auto pieces = std::make_shared<const JsonPieces>(MakeJsonPieces(kRowLevel, all, *rule_names));
  r.json_row_at = [&data, prospects, score_list, rule_names, pieces, id_of, amount_of](size_t i,
                                                                                       JsonWriter* w) {
    const Prospect& p = (*prospects)[i];
    const JsonPieces* laid_out = pieces.get();
    std::unique_ptr<JsonPieces> other;
    if (w->Level() != laid_out->level) {
      other = std::make_unique<JsonPieces>(MakeJsonPieces(w->Level(), *score_list, *rule_names));
      laid_out = other.get();
    }
    const bool lead = p.ref & kLeadBit;
    const uint32_t at = p.ref & ~kLeadBit;
    const AccountIndex account = lead ? data.leads.account[at] : data.opportunities.account[at];
    std::string* text = w->BeginLiteral(laid_out->head[lead], laid_out->separated_head[lead]);
    JsonWriter::AppendQuoted(text, id_of(p));
    if (lead && account == kNoAccount) {
      *text += laid_out->lead_without_account_tails[p.score];
      return;
    }
    *text += laid_out->account;
    if (account == kNoAccount) {
      *text += "null";
    } else {
      JsonWriter::AppendQuoted(text, data.accounts.id[account]);
    }
    if (lead) {
      *text += laid_out->lead_tails[p.score];
      return;
    }
    *text += laid_out->tails[p.score];
    AppendJsonNumber(text, amount_of(at));
    *text += laid_out->end;
  };
  r.notes.push_back(fmt::format("Prio 1: {}, Prio 2: {}, disqualify: {} (Prio 1 fit >= {}, Prio 2 fit >= {})",
                                counts[0], counts[1], counts[2], card.prio1_fit, card.prio2_fit));
  return r;
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
