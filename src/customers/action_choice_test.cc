// The default playbook (examples/scorecard.toml [[actions]]) on hand-made customers: each
// play, the boundaries of health (59.9 / 60), promoters and advocates, falling health, the
// executive attention budget with room and full; a custom playbook that changes the order.
#include "customers/action_choice.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "customers/scorecard.h"
#include "testing/blank_account.h"

namespace flywheel {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

size_t MeasureIndex(const std::string& name) {
  size_t k = 0;
  while (MeasureDimensions()[k].first != name) ++k;
  return k;
}

class DefaultPlaybookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", {});
    ASSERT_TRUE(card.ok()) << card.status().message();
    card_ = std::move(*card);
    // Twenty poor customers of 1,000,000 ARR each: a customer of 10,000 is far from the top
    // ARR decile (its decile is 10 − floor(10 × 20 / n)), one above 1,000,000 is in it
    // while fewer than n / 10 accounts are above it.
    for (int i = 0; i < 20; ++i) Add("poor", 70, 1000000);
  }

  // A customer of class `klass` with `health` and `arr`, every measure without data but arr.
  size_t Add(const std::string& klass, double health, double arr = 10000) {
    const std::string id = "A" + std::to_string(100 + data_.accounts.size());
    const AccountIndex a = AppendBlankAccount(&data_.accounts, id);
    AccountMeasures m;
    m.account = a;
    m.raw.fill(kNaN);
    m.raw[MeasureIndex("arr")] = arr;
    m.arr = arr;
    m.contribution = kNaN;
    AccountScore s;
    s.account = a;
    s.account_id = id;
    s.klass = klass;
    s.score = klass == "unscored" ? kNaN : 50;
    s.health = health;
    s.fit = 50;
    s.arr = arr;
    measures_.push_back(m);
    scores_.push_back(s);
    return scores_.size() - 1;
  }
  void Set(size_t i, const std::string& measure, double v) { measures_[i].raw[MeasureIndex(measure)] = v; }
  // usage_trend 1: a steady health trend (flat).
  size_t AddSteady(const std::string& klass, double health, double arr = 10000) {
    const size_t i = Add(klass, health, arr);
    Set(i, "usage_trend", 1);
    return i;
  }
  void Choose(ExecutiveAttention attention = {0, 10}, const HealthThen* then = nullptr) {
    ChooseActions(data_, card_, attention, measures_, then, &scores_);
  }
  const std::string& Action(size_t i) const { return scores_[i].action; }
  const std::string& Reason(size_t i) const { return scores_[i].action_reason; }

  Dataset data_;
  Scorecard card_;
  std::vector<AccountMeasures> measures_;
  std::vector<AccountScore> scores_;
};

TEST_F(DefaultPlaybookTest, ExcludedAndAntiProfileAreOffboardedWithTheNoticeOfTheirArrTier) {
  const size_t excluded = AddSteady("excluded", 90, 50000);
  const size_t small = AddSteady("anti-profile", 90, 19999.99);
  const size_t sunset = AddSteady("anti-profile", 90, 1000000);
  measures_[sunset].sunset_arr = 1000000;  // offboarding comes before migrating
  Choose();
  EXPECT_EQ(Action(excluded), "offboard with 12 months of notice");  // 20,000 to 100,000: 12
  EXPECT_EQ(Reason(excluded), "excluded or anti-profile: class excluded");
  EXPECT_EQ(Action(small), "offboard with 1 month of notice");     // below 20,000: 1
  EXPECT_EQ(Action(sunset), "offboard with 60 months of notice");  // 1,000,000 and above: 60
  EXPECT_EQ(Reason(sunset), "excluded or anti-profile: class anti-profile");
}

TEST_F(DefaultPlaybookTest, ArrOnSunsetLinesIsMigratedWithTheNoticeOfTheArrAtStake) {
  const size_t i = AddSteady("ideal", 90, 150000);
  measures_[i].sunset_arr = 20000;  // the tier of the ARR at stake, not of the whole ARR
  Choose();
  EXPECT_EQ(Action(i), "migrate off sunset lines (12 months of notice)");
  EXPECT_EQ(Reason(i), "ARR on sunset lines: sunset_arr 20000");
}

TEST_F(DefaultPlaybookTest, HealthyAtSixtyUnhappyJustBelow) {
  const size_t at = AddSteady("ideal", 60);
  Set(at, "nps", 9);
  const size_t below = AddSteady("ideal", 59.9);
  Set(below, "nps", 9);  // a promoter, but unhappy: no advocacy ask
  const size_t good_below = AddSteady("good", 59.9);
  Choose();
  EXPECT_EQ(Action(at), "expand and ask for advocacy");
  EXPECT_EQ(Reason(at),
            "healthy (60+), not falling, a promoter (NPS 9+) or an advocate: class ideal, "
            "health 60, health_trend flat, nps 9, advocacy_points no data");
  EXPECT_EQ(Action(below), "save play: success plan");
  EXPECT_EQ(Reason(below), "unhappy (below 60) or falling: class ideal, health 59.9, health_trend flat");
  EXPECT_EQ(Action(good_below), "save play: success plan");
}

TEST_F(DefaultPlaybookTest, AdvocacyIsAskedOfPromotersAndAdvocatesOnly) {
  const size_t promoter = AddSteady("ideal", 80);
  Set(promoter, "nps", 9);
  const size_t passive = AddSteady("ideal", 80);
  Set(passive, "nps", 8.99);
  Set(passive, "advocacy_points", 0);  // no advocacy event yet
  const size_t advocate = AddSteady("good", 80);
  Set(advocate, "nps", 8);
  Set(advocate, "advocacy_points", 0.5);         // a review a while ago
  const size_t unknown = AddSteady("good", 80);  // no NPS answer, no advocacy data
  Choose();
  EXPECT_EQ(Action(promoter), "expand and ask for advocacy");
  EXPECT_EQ(Action(passive), "expand");
  EXPECT_EQ(Reason(passive),
            "healthy (60+), not falling, not a promoter or advocate: "
            "class ideal, health 80, health_trend flat");
  EXPECT_EQ(Action(advocate), "expand and ask for advocacy");
  EXPECT_EQ(Action(unknown), "expand");
}

TEST_F(DefaultPlaybookTest, FallingHealthGetsASavePlay) {
  const size_t usage_down = Add("good", 90);
  Set(usage_down, "usage_trend", 0.75);  // 1 − 0.25: down
  const size_t usage_steady = Add("good", 90);
  Set(usage_steady, "usage_trend", 0.76);
  const size_t nps_down = Add("ideal", 90);
  Set(nps_down, "nps", 8);
  measures_[nps_down].nps_before = 9;       // down by 1
  const size_t no_trend = Add("good", 90);  // neither usage nor NPS: not known to fall
  Choose();
  EXPECT_EQ(scores_[usage_down].health_trend, HealthTrend::kDown);
  EXPECT_EQ(Action(usage_down), "save play: success plan");
  EXPECT_EQ(Reason(usage_down), "unhappy (below 60) or falling: class good, health 90, health_trend down");
  EXPECT_EQ(scores_[usage_steady].health_trend, HealthTrend::kFlat);
  EXPECT_EQ(Action(usage_steady), "expand");
  EXPECT_EQ(Action(nps_down), "save play: success plan");
  EXPECT_EQ(scores_[no_trend].health_trend, HealthTrend::kUnknown);
  EXPECT_EQ(Action(no_trend), "expand");
  EXPECT_EQ(Reason(no_trend),
            "healthy (60+), not falling, not a promoter or advocate: "
            "class good, health 90, health_trend no data");
}

TEST_F(DefaultPlaybookTest, HealthTrendAgainstASnapshotComesBeforeUsageAndNps) {
  const size_t fell = Add("good", 80);
  Set(fell, "usage_trend", 1.5);  // usage says up; the snapshot's health says down
  const size_t steady = Add("good", 80);
  Set(steady, "usage_trend", 0.5);  // usage says down; the snapshot says flat
  const size_t absent = Add("good", 80);
  Set(absent, "usage_trend", 0.5);  // not in the snapshot: usage decides
  const HealthThen then = {{scores_[fell].account_id, 85}, {scores_[steady].account_id, 84.99}};
  Choose({0, 10}, &then);
  EXPECT_EQ(scores_[fell].health_trend, HealthTrend::kDown);  // 80 − 85 = −5
  EXPECT_EQ(Action(fell), "save play: success plan");
  EXPECT_EQ(scores_[steady].health_trend, HealthTrend::kFlat);  // −4.99
  EXPECT_EQ(Action(steady), "expand");
  EXPECT_EQ(scores_[absent].health_trend, HealthTrend::kDown);
}

// Three unhappy ideal customers in the top ARR decile (23 customers: fewer than 2.3 above):
// A and B have no executive escalation, C has two and so already has executive attention.
class SponsorTest : public DefaultPlaybookTest {
 protected:
  void SetUp() override {
    DefaultPlaybookTest::SetUp();
    a_ = AddSteady("ideal", 50, 2000000);
    b_ = AddSteady("ideal", 50, 1900000);
    c_ = AddSteady("ideal", 50, 1800000);
    measures_[c_].executive_escalations = 2;
  }
  size_t a_ = 0, b_ = 0, c_ = 0;
};

TEST_F(SponsorTest, TopDecileGetsAnExecutiveSponsorWhileTheBudgetHasRoom) {
  Choose({1, 3});  // C takes one of 3: two seats left
  EXPECT_EQ(Action(a_), "save play: success plan with an executive sponsor");
  EXPECT_EQ(Reason(a_),
            "unhappy (below 60) or falling, top ARR decile: class ideal, health 50, "
            "health_trend flat, arr_decile 10; executive attention 2 of 3 with this account");
  EXPECT_EQ(Action(b_), "save play: success plan with an executive sponsor");
  EXPECT_EQ(Reason(b_).substr(Reason(b_).find(';')), "; executive attention 3 of 3 with this account");
  EXPECT_EQ(Action(c_), "save play: success plan with an executive sponsor");
  EXPECT_EQ(Reason(c_).substr(Reason(c_).find(';')),
            "; executives already involved (2 executive escalations in the last 12 months)");
}

TEST_F(SponsorTest, SeatsGoByArrAndThenTheBudgetIsFull) {
  Choose({1, 2});  // one seat left: A, the higher ARR, takes it
  EXPECT_EQ(Action(a_), "save play: success plan with an executive sponsor");
  EXPECT_EQ(Action(b_),
            "save play: success plan (no executive sponsor: the executive attention budget is full)");
  EXPECT_EQ(Reason(b_),
            "unhappy (below 60) or falling, top ARR decile: class ideal, health 50, "
            "health_trend flat, arr_decile 10; executive attention budget full (2 of 2)");
  EXPECT_EQ(Action(c_), "save play: success plan with an executive sponsor");  // already involved
}

TEST_F(SponsorTest, BudgetAlreadyFull) {
  Choose({5, 3});  // five accounts escalated to executives, budget 3: no seat left
  EXPECT_EQ(Action(a_),
            "save play: success plan (no executive sponsor: the executive attention budget is full)");
  EXPECT_EQ(Reason(a_).substr(Reason(a_).find(';')), "; executive attention budget full (5 of 3)");
  EXPECT_EQ(Action(b_), Action(a_));
  EXPECT_EQ(Action(c_), "save play: success plan with an executive sponsor");
}

TEST_F(SponsorTest, EqualArrSeatsGoByAccountId) {
  measures_[b_].arr = scores_[b_].arr = 2000000;  // A (A120) and B (A121) tie
  Choose({1, 2});
  EXPECT_EQ(Action(a_), "save play: success plan with an executive sponsor");
  EXPECT_EQ(Action(b_),
            "save play: success plan (no executive sponsor: the executive attention budget is full)");
}

TEST_F(DefaultPlaybookTest, OutsideTheTopDecileNoSponsorIsAsked) {
  const size_t i = AddSteady("good", 40, 999999);  // 20 accounts above it of 21
  Choose({0, 10});
  EXPECT_EQ(Action(i), "save play: success plan");
}

TEST_F(DefaultPlaybookTest, NeutralAndPoor) {
  const size_t neutral_healthy = AddSteady("neutral", 60);
  const size_t neutral_unhappy = AddSteady("neutral", 59.9);
  const size_t poor_unhappy = AddSteady("poor", 59.9);
  const size_t poor_positive = AddSteady("poor", 60);
  Set(poor_positive, "contribution", 1);
  const size_t poor_negative = AddSteady("poor", 60);
  Set(poor_negative, "contribution", -1);
  const size_t poor_unknown = Add("poor", kNaN);
  Choose();
  EXPECT_EQ(Action(neutral_healthy), "nurture and check fit");
  EXPECT_EQ(Reason(neutral_healthy), "neutral, healthy (60+): class neutral, health 60");
  EXPECT_EQ(Action(neutral_unhappy), "reduce cost to serve, decide at renewal");
  EXPECT_EQ(Reason(neutral_unhappy), "unhappy (below 60): class neutral, health 59.9");
  EXPECT_EQ(Action(poor_unhappy), "reduce cost to serve, decide at renewal");
  EXPECT_EQ(Action(poor_positive), "keep serving, no special effort");
  EXPECT_EQ(Reason(poor_positive), "poor, positive contribution: class poor, contribution 1");
  EXPECT_EQ(Action(poor_negative), "fix or let go");
  EXPECT_EQ(Action(poor_unknown), "fix or let go");
  EXPECT_EQ(Reason(poor_unknown), "poor, no positive contribution: class poor");
}

TEST_F(DefaultPlaybookTest, UnscoredCollectsTheMissingData) {
  const size_t unscored = Add("unscored", kNaN);
  Set(unscored, "arr", kNaN);  // weight 0 would leave it out of the list; here every measure lacks data
  const size_t no_health = Add("good", kNaN);
  Choose();
  EXPECT_EQ(
      Action(unscored),
      "collect data (arr, revenue_quality, contribution, contribution_margin, effort_hours_per_10k_arr, "
      "tickets_per_10k_arr, escalation_points, strategic_share, focus_segment, tenure_months, "
      "months_to_contract_end, advocacy_points, affinity, usage_trend, nps, champion, contact_seniority, "
      "icp_fit missing)");
  EXPECT_EQ(Reason(unscored), "no measure has data: class unscored");
  EXPECT_EQ(Action(no_health), "check health first (no usage, NPS or contact data), then decide");
  EXPECT_EQ(Reason(no_health), "no health data: class good");
}

// A playbook of its own: migration before offboarding, a play without `why`, no catch-all.
TEST_F(DefaultPlaybookTest, CustomPlaybookInItsOwnOrder) {
  auto card = ParseScorecard(
      "[[actions]]\nname = \"migrate_first\"\nrule = \"sunset_arr > 0\"\naction = \"migrate "
      "({sunset_notice})\"\n\n"
      "[[actions]]\nname = \"offboard\"\nrule = 'class in [\"excluded\", \"anti-profile\"]'\naction = "
      "\"offboard\"\n"
      "why = \"excluded or anti-profile\"\n\n"
      "[[actions]]\nname = \"big_unhappy\"\nrule = \"arr >= 50000 and health < 70\"\naction = \"call "
      "them\"\n",
      "playbook.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  card_ = std::move(*card);
  const size_t sunset = AddSteady("anti-profile", 90, 30000);
  measures_[sunset].sunset_arr = 30000;
  const size_t excluded = AddSteady("excluded", 90);
  const size_t big = AddSteady("good", 65, 50000);
  const size_t none = AddSteady("good", 90, 50000);
  Choose();
  EXPECT_EQ(Action(sunset), "migrate (12 months)");
  EXPECT_EQ(Reason(sunset), "rule sunset_arr > 0: sunset_arr 30000");
  EXPECT_EQ(Action(excluded), "offboard");
  EXPECT_EQ(Action(big), "call them");
  EXPECT_EQ(Reason(big), "rule arr >= 50000 and health < 70: arr 50000, health 65");
  EXPECT_EQ(Action(none), "");
  EXPECT_EQ(Reason(none), "no play of the playbook matched");
}

TEST(ArrDecilesTest, TopTenthIsTenAndTiesShareADecile) {
  std::vector<AccountScore> scores(20);
  for (size_t i = 0; i < scores.size(); ++i) scores[i].arr = static_cast<double>(i + 1);  // 1 … 20
  scores[5].arr = 20;  // ties with the highest
  const ArrDeciles d(scores);
  EXPECT_EQ(d.Of(20), 10);  // none above (and the tie shares it)
  EXPECT_EQ(d.Of(19), 9);   // 2 above of 20: 10 − floor(20 / 20)
  EXPECT_EQ(d.Of(18), 9);   // 3 above: 10 − floor(30 / 20)
  EXPECT_EQ(d.Of(17), 8);   // 4 above
  EXPECT_EQ(d.Of(1), 1);    // 19 above: 10 − floor(190 / 20)
}

}  // namespace
}  // namespace flywheel
