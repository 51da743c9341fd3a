// [[actions]] in a scorecard: the default playbook, what a file without one gets, and every
// validation message word for word.
#include "customers/playbook.h"

#include <gtest/gtest.h>

#include "customers/scorecard.h"

namespace flywheel {
namespace {

std::string Error(const std::string& text) {
  auto card = ParseScorecard(text, "s.toml", {{"big_countries", {"US"}}});
  return card.ok() ? "(no error)" : card.status().message();
}

const std::string kPlay = "[[actions]]\nname = \"save\"\nrule = \"health < 60\"\naction = \"save play\"\n";

TEST(PlaybookFileTest, TheDefaultPlaybookInOrder) {
  auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  std::vector<std::string> names;
  for (const ActionRule& a : card->actions) names.push_back(a.name);
  EXPECT_EQ(names, (std::vector<std::string>{"offboard", "migrate", "expand_and_ask_for_advocacy", "expand",
                                             "save_with_sponsor", "save_budget_full", "save", "nurture",
                                             "reduce_cost", "keep_serving", "fix_or_let_go", "collect_data",
                                             "check_health"}));
  EXPECT_TRUE(card->actions[4].executive_sponsor);
  EXPECT_FALSE(card->actions[5].executive_sponsor);
  EXPECT_TRUE(card->actions[0].has_placeholders);
  EXPECT_FALSE(card->actions[2].has_placeholders);
  EXPECT_EQ(card->health_trend_points, 5);
  EXPECT_EQ(card->usage_trend_band, 0.25);
  EXPECT_EQ(card->nps_trend_points, 1);
}

TEST(PlaybookFileTest, AScorecardWithoutActionsGetsTheDefaultPlaybook) {
  auto card = ParseScorecard("[classes]\nideal = 85\n", "s.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  auto defaults = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", {});
  ASSERT_TRUE(defaults.ok());
  ASSERT_EQ(card->actions.size(), defaults->actions.size());
  for (size_t i = 0; i < card->actions.size(); ++i) {
    EXPECT_EQ(card->actions[i].name, defaults->actions[i].name);
    EXPECT_EQ(card->actions[i].rule.text(), defaults->actions[i].rule.text());
    EXPECT_EQ(card->actions[i].action, defaults->actions[i].action);
    EXPECT_EQ(card->actions[i].why, defaults->actions[i].why);
  }
}

TEST(PlaybookFileTest, AFileWithActionsReplacesTheDefaults) {
  auto card = ParseScorecard(kPlay + "why = \"unhappy\"\nexecutive_sponsor = true\n", "s.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  ASSERT_EQ(card->actions.size(), 1u);
  EXPECT_EQ(card->actions[0].name, "save");
  EXPECT_EQ(card->actions[0].rule.text(), "health < 60");
  EXPECT_EQ(card->actions[0].action, "save play");
  EXPECT_EQ(card->actions[0].why, "unhappy");
  EXPECT_TRUE(card->actions[0].executive_sponsor);
  // Names of every kind: action names, account names, measures, attr_* columns, named lists.
  EXPECT_EQ(
      Error("[[actions]]\nname = \"x\"\nrule = 'class == \"good\" and health_trend != \"down\" and "
            "arr_decile >= 9 "
            "and sunset_arr == 0 and executive_escalations > 0 and score > 1 and fit > 1 and nps > 1 and "
            "industry == \"a\" and attr_tier == \"gold\" and country in big_countries'\naction = \"y\"\n"),
      "(no error)");
}

TEST(PlaybookFileTest, ErrorsNameTheFileLineRuleAndWhatIsWrong) {
  EXPECT_EQ(Error("[[actions]]\nname = \"save\"\nrule = \"helth < 60\"\naction = \"save play\"\n"),
            "s.toml:3: rule \"save\": column 1: unknown name 'helth', did you mean 'health'?");
  EXPECT_EQ(Error("[[actions]]\nname = \"save\"\nrule = 'class == \"good\" and icp_fit > 50'\naction = "
                  "\"save play\"\n"),
            "s.toml:3: rule \"save\": column 21: unknown name 'icp_fit', did you mean 'fit'?");
  EXPECT_EQ(Error("[[actions]]\nname = \"save\"\nrule = \"health <\"\naction = \"save play\"\n"),
            "s.toml:3: rule \"save\": column 9: expected a value after '<'");
  EXPECT_EQ(Error("[[actions]]\nname = \"save\"\nrule = \"country in smal\"\naction = \"save play\"\n"),
            "s.toml:3: rule \"save\": column 12: unknown list 'smal'");
  EXPECT_EQ(Error("[[actions]]\nname = \"save\"\nrule = \"health < 60\"\n"),
            "s.toml:1: actions: rule \"save\" needs action = \"...\"");
  EXPECT_EQ(Error("[[actions]]\nname = \"save\"\naction = \"save play\"\n"),
            "s.toml:1: actions: rule \"save\" needs rule = \"...\"");
  EXPECT_EQ(Error("[[actions]]\nrule = \"health < 60\"\naction = \"save play\"\n"),
            "s.toml:1: actions: every rule needs a name");
  EXPECT_EQ(Error(kPlay + "acton = \"x\"\n"),
            "s.toml:5: actions: unknown key 'acton' in rule \"save\" (expected name, rule, action, why or "
            "executive_sponsor)");
  EXPECT_EQ(Error(kPlay + "\n" + kPlay), "s.toml:7: actions: rule \"save\" is already defined on line 2");
  EXPECT_EQ(Error(kPlay + "executive_sponsor = \"yes\"\n"),
            "s.toml:5: actions: rule \"save\": executive_sponsor: expected true or false");
  EXPECT_EQ(Error(kPlay + "why = 5\n"), "s.toml:5: actions: rule \"save\": why: expected a text");
  EXPECT_EQ(
      Error("[[actions]]\nname = \"off\"\nrule = \"sunset_arr > 0\"\naction = \"give {notise} notice\"\n"),
      "s.toml:4: rule \"off\": action: unknown placeholder '{notise}' (expected {notice}, {sunset_notice} or "
      "{missing}), did you mean '{notice}'?");
  EXPECT_EQ(Error("[[actions]]\nname = \"off\"\nrule = \"sunset_arr > 0\"\naction = \"\"\n"),
            "s.toml:4: rule \"off\": action: expected a text");
  EXPECT_EQ(Error("[actions]\nideal = \"expand\"\n"),
            "s.toml:1: actions: the playbook is an ordered list: write [[actions]] tables with name, rule "
            "and action "
            "(see examples/scorecard.toml), not an [actions] table");
  EXPECT_EQ(Error("actions = []\n"),
            "s.toml:1: actions: expected [[actions]] tables with name, rule and action");
  EXPECT_EQ(Error("actions = [1]\n"),
            "s.toml:1: actions: expected [[actions]] tables with name, rule and action");
}

TEST(PlaybookFileTest, HealthTrendSettingsAreChecked) {
  EXPECT_EQ(Error("[health]\ntrend_points = 0\n"),
            "s.toml:2: health.trend_points: expected a positive number of health points");
  EXPECT_EQ(Error("[health]\nusage_trend_band = 1\n"),
            "s.toml:2: health.usage_trend_band: expected a share above 0 and below 1 (0.1 = 10 %)");
  EXPECT_EQ(Error("[health]\nnps_trend_points = -1\n"),
            "s.toml:2: health.nps_trend_points: expected a positive number of NPS points");
  EXPECT_EQ(Error("[health]\ntrend_pionts = 3\n"),
            "s.toml:2: unknown key 'health.trend_pionts', did you mean 'health.trend_points'?");
  auto card = ParseScorecard("[health]\ntrend_points = 3\nusage_trend_band = 0.1\nnps_trend_points = 2\n",
                             "s.toml", {});
  ASSERT_TRUE(card.ok()) << card.status().message();
  EXPECT_EQ(card->health_trend_points, 3);
  EXPECT_EQ(card->usage_trend_band, 0.1);
  EXPECT_EQ(card->nps_trend_points, 2);
}

TEST(PlaybookFileTest, MonthsText) {
  EXPECT_EQ(MonthsText(1), "1 month");
  EXPECT_EQ(MonthsText(12), "12 months");
}

}  // namespace
}  // namespace flywheel
