#include "customers/action_choice.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "base/strings.h"
#include "customers/health_trend.h"
#include "customers/migration_plan.h"

namespace flywheel {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

RuleValue NumberOrMissing(double v) { return std::isnan(v) ? RuleValue() : RuleValue(v); }

// What a play's rule reads of the account being judged: the names of ActionRuleNames(), the
// measures by name, and whatever else AccountSubject gives.
struct PlaySubject {
  const Dataset* data = nullptr;
  const AccountMeasures* m = nullptr;
  const AccountScore* s = nullptr;
  const ArrDeciles* deciles = nullptr;

  RuleValue Get(const std::string& full_name) const {
    const std::string_view name = full_name;  // compared as views: the length first
    if (name == "class") return std::string_view(s->klass);
    if (name == "health") return NumberOrMissing(s->health);
    if (name == "health_trend") {
      const std::string_view trend = HealthTrendName(s->health_trend);
      return trend.empty() ? RuleValue() : RuleValue(trend);
    }
    if (name == "score") return NumberOrMissing(s->score);
    if (name == "fit") return NumberOrMissing(s->fit);
    if (name == "arr_decile") return static_cast<double>(deciles->Of(s->arr));
    if (name == "sunset_arr") return m->sunset_arr;
    if (name == "executive_escalations") return static_cast<double>(m->executive_escalations);
    const auto& measures = MeasureDimensions();
    for (size_t k = 0; k < measures.size(); ++k) {
      if (measures[k].first == name) return name == "icp_fit" ? RuleValue() : NumberOrMissing(m->raw[k]);
    }
    return AccountSubject(*data, m->account, m)(full_name);
  }
};

// How a play with an executive sponsor came to apply, or not.
enum class Seat : uint8_t { kNone, kHeld, kGiven, kBudgetFull };

struct Choice {
  int play = -1;  // index into card.actions; -1: none matched
  Seat seat = Seat::kNone;
  int seat_number = 0;  // kGiven: the accounts taking executive attention with this one
};

// The classes a play can match, one bit per class of kClasses (bit 7: any other text): most
// plays start with `class in [...]`, and an account of another class need not be asked.
constexpr std::string_view kClasses[] = {"ideal",        "good",     "neutral", "poor",
                                         "anti-profile", "excluded", "unscored"};
uint8_t ClassBit(std::string_view klass) {
  for (uint8_t c = 0; c < 7; ++c) {
    if (klass == kClasses[c]) return static_cast<uint8_t>(1u << c);
  }
  return 0x80;
}
std::vector<uint8_t> ClassMasks(const std::vector<ActionRule>& plays) {
  std::vector<uint8_t> masks;
  for (const ActionRule& play : plays) {
    const auto required = play.rule.RequiredTexts("class");
    uint8_t mask = 0xFF;
    if (required) {
      mask = 0x80;
      for (uint8_t c = 0; c < 7; ++c) {
        for (std::string_view text : *required) {
          if (EqualsIgnoreCase(text, kClasses[c])) mask |= static_cast<uint8_t>(1u << c);
        }
      }
    }
    masks.push_back(mask);
  }
  return masks;
}

// The plays, each with the classes it can match (ClassMasks).
struct Plays {
  const std::vector<ActionRule>& rules;
  std::vector<uint8_t> masks;
};

// The first play from `from` that matches. A sponsor play matches an account that holds a
// seat; for any other it ends the search as a candidate for a seat (*wants_seat) while
// `seats_left`, and is passed over when there are none.
int FirstMatch(const Plays& plays, uint8_t class_bit, size_t from, const RuleSubject& subject,
               bool holds_seat, bool seats_left, bool* wants_seat) {
  *wants_seat = false;
  for (size_t p = from; p < plays.rules.size(); ++p) {
    if (!(plays.masks[p] & class_bit) || !plays.rules[p].rule.Matches(subject)) continue;
    if (!plays.rules[p].executive_sponsor || holds_seat) return static_cast<int>(p);
    if (seats_left) {
      *wants_seat = true;
      return static_cast<int>(p);
    }
  }
  return -1;
}

// Every account's health trend: against the snapshot's health where it has the account's,
// else from usage and NPS.
void SetHealthTrends(const Scorecard& card, const std::vector<AccountMeasures>& measures,
                     const HealthThen* then, std::vector<AccountScore>* scores) {
  static const size_t kUsage = [] {
    size_t k = 0;
    while (MeasureDimensions()[k].first != "usage_trend") ++k;
    return k;
  }();
  static const size_t kNps = [] {
    size_t k = 0;
    while (MeasureDimensions()[k].first != "nps") ++k;
    return k;
  }();
  for (size_t i = 0; i < scores->size(); ++i) {
    AccountScore& s = (*scores)[i];
    s.health_trend = HealthTrend::kUnknown;
    if (then) {
      auto it = then->find(s.account_id);
      if (it != then->end())
        s.health_trend = HealthTrendFromChange(s.health, it->second, card.health_trend_points);
    }
    if (s.health_trend == HealthTrend::kUnknown) {
      const AccountMeasures& m = measures[i];
      s.health_trend = HealthTrendFromSignals(m.raw[kUsage], m.raw[kNps], m.nps_before, card);
    }
  }
}

// Pass one: each account's first matching play, except those that want an executive seat:
// their indexes are returned, with the play they stopped at in choices.
std::vector<uint32_t> MatchPlays(const Dataset& data, const Plays& plays,
                                 const std::vector<AccountMeasures>& measures,
                                 const std::vector<AccountScore>& scores, const ArrDeciles& deciles,
                                 std::vector<Choice>* choices) {
  PlaySubject ps;
  ps.data = &data;
  ps.deciles = &deciles;
  const RuleSubject subject = [&ps](const std::string& name) { return ps.Get(name); };
  std::vector<uint32_t> wanting;
  for (size_t i = 0; i < scores.size(); ++i) {
    ps.m = &measures[i];
    ps.s = &scores[i];
    const bool holds = measures[i].executive_escalations > 0;
    bool wants = false;
    Choice& c = (*choices)[i];
    c.play = FirstMatch(plays, ClassBit(scores[i].klass), 0, subject, holds, /*seats_left=*/true, &wants);
    if (wants)
      wanting.push_back(static_cast<uint32_t>(i));
    else if (c.play >= 0 && plays.rules[static_cast<size_t>(c.play)].executive_sponsor)
      c.seat = Seat::kHeld;
  }
  return wanting;
}

// Pass two: the seats left, by ARR (highest first, then id); an account without one goes on
// to the plays after the one it stopped at, with no seat to be had. Returns the seats given.
int GiveSeats(const Dataset& data, const Plays& plays, const ExecutiveAttention& attention,
              const std::vector<AccountMeasures>& measures, const std::vector<AccountScore>& scores,
              const ArrDeciles& deciles, std::vector<uint32_t> wanting, std::vector<Choice>* choices) {
  std::sort(wanting.begin(), wanting.end(), [&scores](uint32_t a, uint32_t b) {
    if (scores[a].arr != scores[b].arr) return scores[a].arr > scores[b].arr;
    return scores[a].account_id < scores[b].account_id;
  });
  PlaySubject ps;
  ps.data = &data;
  ps.deciles = &deciles;
  const RuleSubject subject = [&ps](const std::string& name) { return ps.Get(name); };
  int given = 0;
  for (uint32_t i : wanting) {
    Choice& c = (*choices)[i];
    if (given < attention.room()) {
      c.seat = Seat::kGiven;
      c.seat_number = attention.accounts + ++given;
      continue;
    }
    ps.m = &measures[i];
    ps.s = &scores[i];
    bool wants = false;
    c.play = FirstMatch(plays, ClassBit(scores[i].klass), static_cast<size_t>(c.play) + 1, subject,
                        /*holds_seat=*/false, /*seats_left=*/false, &wants);
    c.seat = Seat::kBudgetFull;
  }
  return given;
}

// A value as the reason shows it: a number with up to two decimals ("42.5", "12000"), a
// text as it is, "no data" when missing.
void AppendValue(std::string* out, const RuleValue& v) {
  if (const auto* d = std::get_if<double>(&v)) {
    const size_t at = out->size();
    AppendFixed(out, *d, 2);
    while (out->back() == '0') out->pop_back();
    if (out->back() == '.') out->pop_back();
    if (out->compare(at, std::string::npos, "-0") == 0) out->erase(at, 1);
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    *out += *s;
  } else if (const auto* s = std::get_if<std::string_view>(&v)) {
    *out += *s;
  } else {
    *out += "no data";
  }
}

// The distinct names each play's rule reads, in the order written.
std::vector<std::vector<std::string>> NamesRead(const std::vector<ActionRule>& plays) {
  std::vector<std::vector<std::string>> out;
  for (const ActionRule& p : plays) {
    std::vector<std::string> names;
    for (std::string& n : p.rule.Names()) {
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(std::move(n));
    }
    out.push_back(std::move(names));
  }
  return out;
}

// The action text with its placeholders filled for the account.
std::string ActionText(const ActionRule& play, const Scorecard& card, const AccountMeasures& m) {
  if (!play.has_placeholders) return play.action;
  std::string missing;
  const auto& names = MeasureDimensions();
  for (size_t k = 0; k < names.size(); ++k) {
    if (card.measures[k].weight > 0 && std::isnan(m.raw[k]))
      missing += (missing.empty() ? "" : ", ") + names[k].first;
  }
  const std::pair<const char*, std::string> fills[] = {
      {"{notice}", MonthsText(NoticeMonths(card.notice_tiers, m.arr))},
      {"{sunset_notice}", MonthsText(NoticeMonths(card.notice_tiers, m.sunset_arr))},
      {"{missing}", missing.empty() ? "none" : missing}};
  std::string text = play.action;
  for (const auto& [placeholder, fill] : fills) {
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + fill.size())) {
      text.replace(at, std::string_view(placeholder).size(), fill);
    }
  }
  return text;
}

// The reason of a choice into *reason: the play in words, the values its rule read, the
// executive seat.
void Reason(const ActionRule& play, const std::vector<std::string>& names_read, const PlaySubject& ps,
            const Choice& c, const ExecutiveAttention& attention, int seats_given, std::string* out) {
  std::string& reason = *out;
  reason.clear();
  if (play.why.empty())
    reason.append("rule ").append(play.rule.text());
  else
    reason += play.why;
  const char* separator = ": ";
  for (const std::string& name : names_read) {
    reason += separator;
    reason += name;
    reason += ' ';
    AppendValue(&reason, ps.Get(name));
    separator = ", ";
  }
  switch (c.seat) {
    case Seat::kHeld:
      reason += "; executives already involved (" + std::to_string(ps.m->executive_escalations) +
                " executive escalations in the last 12 months)";
      break;
    case Seat::kGiven:
      reason += "; executive attention " + std::to_string(c.seat_number) + " of " +
                std::to_string(attention.budget) + " with this account";
      break;
    case Seat::kBudgetFull:
      reason += "; executive attention budget full (" + std::to_string(attention.accounts + seats_given) +
                " of " + std::to_string(attention.budget) + ")";
      break;
    case Seat::kNone:
      break;
  }
}

}  // namespace

int ArrDeciles::Of(double arr) const {
  if (sorted_.empty()) {
    sorted_.reserve(scores_.size());
    for (const AccountScore& s : scores_) sorted_.push_back(s.arr);
    std::sort(sorted_.begin(), sorted_.end());
  }
  const int64_t n = static_cast<int64_t>(sorted_.size());
  const int64_t higher = n - (std::upper_bound(sorted_.begin(), sorted_.end(), arr) - sorted_.begin());
  return static_cast<int>(10 - 10 * higher / n);
}

void ChooseActions(const Dataset& data, const Scorecard& card, const ExecutiveAttention& attention,
                   const std::vector<AccountMeasures>& measures, const HealthThen* health_then,
                   std::vector<AccountScore>* scores) {
  SetHealthTrends(card, measures, health_then, scores);
  const ArrDeciles deciles(*scores);
  std::vector<Choice> choices(scores->size());
  const Plays plays{card.actions, ClassMasks(card.actions)};
  std::vector<uint32_t> wanting = MatchPlays(data, plays, measures, *scores, deciles, &choices);
  const int seats_given =
      GiveSeats(data, plays, attention, measures, *scores, deciles, std::move(wanting), &choices);

  const std::vector<std::vector<std::string>> names = NamesRead(card.actions);
  PlaySubject ps;
  ps.data = &data;
  ps.deciles = &deciles;
  std::string reason;  // built here, then copied to its exact size (no spare room per account)
  for (size_t i = 0; i < scores->size(); ++i) {
    AccountScore& s = (*scores)[i];
    const Choice& c = choices[i];
    if (c.play < 0) {
      s.action.clear();
      s.action_reason = "no play of the playbook matched";
      continue;
    }
    const ActionRule& play = card.actions[static_cast<size_t>(c.play)];
    s.action = ActionText(play, card, measures[i]);
    ps.m = &measures[i];
    ps.s = &s;
    Reason(play, names[static_cast<size_t>(c.play)], ps, c, attention, seats_given, &reason);
    s.action_reason = reason;
  }
}

}  // namespace flywheel
