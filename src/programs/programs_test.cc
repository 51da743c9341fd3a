// Sales programs: definitions, pre-check, the append-only ledger and the reports, on the
// fixtures tests/fixtures/programs (when the reps apply) and tests/fixtures/programs-later
// (five months on). Expected values are worked by hand from those CSV files; the working
// is in the comments.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "ingest/dataset_loader.h"
#include "programs/program_desk.h"
#include "programs/program_store.h"
#include "programs/sales_program.h"
#include "settings/settings.h"
#include "workspace/workspace.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

std::string SourceDir() {
  const char* dir = std::getenv("FLYWHEEL_SOURCE_DIR");
  return dir ? dir : ".";
}
std::string Fixture(const std::string& name) { return SourceDir() + "/tests/fixtures/" + name; }
std::string ExamplePrograms() { return SourceDir() + "/examples/programs.toml"; }

Result<ProgramBook> Parse(const std::string& text) { return ParsePrograms(text, "p.toml", {}); }

std::string ErrorOf(const std::string& text) {
  auto r = Parse(text);
  return r.ok() ? "(parsed)" : r.status().message();
}

// A data set loaded as the CLI loads a workspace, with its settings.
struct Loaded {
  LoadedWorkspace ws;
  Settings settings;
  Day as_of = kNullDay;
};

Loaded LoadWs(const std::string& dir) {
  auto ws = LoadWorkspace(dir);
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  Loaded l{std::move(*ws), {}, kNullDay};
  auto settings = ParseSettings(l.ws.settings_toml, "flywheel.toml");
  EXPECT_TRUE(settings.ok()) << settings.status().message();
  l.settings = *settings;
  l.as_of = *l.settings.as_of;
  return l;
}

class ProgramsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() / ("flywheel_programs_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(dir_);
    ASSERT_TRUE(ImportDataDirectory(Fixture("programs"), dir_).ok());
    auto book = LoadProgramsFile(ExamplePrograms(), {});
    ASSERT_TRUE(book.ok()) << book.status().message();
    book_ = *book;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Applies through the desk as the CLI does; returns the stored id or the error message.
  std::string Apply(const ProgramDesk& desk, const std::string& program, const std::string& opp,
                    const std::string& now = "2024-05-02T09:00:00Z") {
    auto app = desk.Prepare({program, opp, "ana", "strong champion"}, now);
    if (!app.ok()) return "error: " + app.status().message();
    auto id = StoreApplication(dir_, *app);
    return id.ok() ? std::to_string(*id) : "error: " + id.status().message();
  }
  std::string Decide(int64_t application, const std::string& decision, const std::string& at,
                     const std::string& reason = "fits the profile") {
    auto id = StoreDecision(dir_, book_, {0, application, decision, reason, "committee", at});
    return id.ok() ? std::to_string(*id) : "error: " + id.status().message();
  }

  std::string dir_;
  ProgramBook book_;
};

TEST(SalesProgramTest, ExampleFileDefinesThreePrograms) {
  auto book = LoadProgramsFile(ExamplePrograms(), {});
  ASSERT_TRUE(book.ok()) << book.status().message();
  ASSERT_EQ(book->programs.size(), 3u);
  const SalesProgram& dp = book->programs[0];
  EXPECT_EQ(dp.id, "design-partner");
  EXPECT_EQ(dp.name, "Design partner");
  EXPECT_EQ(dp.cap, 2);
  ASSERT_EQ(dp.eligibility.size(), 2u);
  EXPECT_EQ(dp.eligibility[1].text(), "industry in [\"Banking\", \"Insurance\"]");
  EXPECT_EQ(dp.benefits.size(), 2u);
  // [program.advocacy] case_study = 1, reference = 2 (by type name)
  ASSERT_EQ(dp.advocacy.size(), 2u);
  EXPECT_EQ(dp.advocacy[0], (std::pair<std::string, int>{"case_study", 1}));
  EXPECT_EQ(dp.advocacy[1], (std::pair<std::string, int>{"reference", 2}));
  EXPECT_EQ(book->programs[1].cap, 0);
  EXPECT_EQ(book->programs[2].id, "expansion-accelerator");
}

TEST(SalesProgramTest, ErrorsPointAtTheKey) {
  const std::string ok_head = "[[program]]\nid = \"dp\"\nname = \"Design\"\n";
  EXPECT_EQ(ErrorOf(ok_head + "eligibility = [\"employees >= \"]\n"),
            "p.toml:4: program \"dp\": eligibility 1: column 14: expected a value after '>='");
  EXPECT_EQ(ErrorOf(ok_head + "eligibility = []\nbenfits = [\"x\"]\n"),
            "p.toml:5: program \"dp\": unknown key 'benfits', did you mean 'benefits'?");
  EXPECT_EQ(ErrorOf(ok_head + "eligibility = []\ncap = 0\n"),
            "p.toml:5: program \"dp\": cap: expected a whole number of places, at least 1");
  EXPECT_EQ(
      ErrorOf(ok_head + "eligibility = []\n[program.advocacy]\ncase_studies = 1\n"),
      "p.toml:6: program \"dp\": unknown advocacy type 'case_studies', did you mean 'case_study'? (expected "
      "reference, case_study, testimonial, talk, review or referral)");
  EXPECT_EQ(ErrorOf("[[program]]\nname = \"x\"\neligibility = []\n"),
            "p.toml:1: program: every [[program]] needs id = \"...\"");
  EXPECT_EQ(ErrorOf("[[program]]\nid = \"a b\"\n"),
            "p.toml:2: program id 'a b': use letters, digits, '-' and '_' only");
  EXPECT_EQ(ErrorOf(ok_head + "eligibility = []\n" + ok_head + "eligibility = []\n"),
            "p.toml:6: program id 'dp' is used twice");
  EXPECT_EQ(ErrorOf(ok_head), "p.toml:1: program \"dp\": needs eligibility = [\"rule\", ...]");
  EXPECT_EQ(ErrorOf("titel = 1\n"), "p.toml:1: unknown key 'titel' (expected scorecard or [[program]])");
  EXPECT_EQ(ErrorOf(""), "p.toml: no [[program]] tables: define at least one program");
  EXPECT_EQ(LoadProgramsFile("/nonexistent/programs.toml", {}).status().message(),
            "--programs: cannot read /nonexistent/programs.toml");
  auto book = Parse(ok_head + "eligibility = []\n");
  ASSERT_TRUE(book.ok());
  EXPECT_EQ(book->Find("dq").status().message(), "unknown program 'dq', did you mean 'dp'? (programs: dp)");
}

// Pre-check by hand (tests/fixtures/programs, default scorecard ICP rules: mid_size
// 50 <= employees < 5000 → 40, annual_revenue >= 5M → 20, champion → 20, top seniority
// c_level/vp/director → 20):
//   P-1 400 employees, 20M, C-level champion         → fit 100
//   P-2 8000 employees, 900M, no contacts            → fit 20
//   P-3 20 employees, 1M                             → fit 0
//   P-4 150 employees, 8M, director, not a champion  → fit 80
TEST_F(ProgramsTest, PrecheckAppliesTheEligibilityRulesAndGivesTheFit) {
  Loaded l = LoadWs(dir_);
  auto desk = ProgramDesk::Create(l.ws.data.dataset, l.settings, l.as_of, book_);
  ASSERT_TRUE(desk.ok()) << desk.status().message();
  auto check = [&](const std::string& program, const std::string& opp) {
    auto app = desk->Prepare({program, opp, "ana", ""}, "2024-05-02T09:00:00Z");
    EXPECT_TRUE(app.ok()) << app.status().message();
    return app.ok() ? *app : ProgramApplication{};
  };
  ProgramApplication a = check("design-partner", "D-1");
  EXPECT_TRUE(a.eligible);
  EXPECT_TRUE(a.failed_rules.empty());
  EXPECT_DOUBLE_EQ(a.fit, 100);
  EXPECT_EQ(a.account_id, "P-1");
  EXPECT_EQ(a.checked_as_of, "2024-04-30");
  EXPECT_EQ(a.applied_at, "2024-05-02T09:00:00Z");

  a = check("design-partner", "D-2");  // 8000 employees: too big; Insurance is in the list
  EXPECT_FALSE(a.eligible);
  EXPECT_EQ(a.failed_rules, std::vector<std::string>{"employees >= 50 and employees < 5000"});
  EXPECT_DOUBLE_EQ(a.fit, 20);

  a = check("design-partner", "D-3");  // 20 employees and Retail: both fail
  EXPECT_EQ(a.failed_rules.size(), 2u);
  EXPECT_DOUBLE_EQ(a.fit, 0);

  a = check("enterprise-pilot", "D-2");  // 8000 >= 1000 and 120,000 >= 50,000
  EXPECT_TRUE(a.eligible);

  a = check("enterprise-pilot", "D-1");  // 400 employees; 30,000 < 50,000
  EXPECT_EQ(a.failed_rules, (std::vector<std::string>{"employees >= 1000", "deal_amount >= 50000"}));

  // D-5: expansion; P-4 pays 2,000 EUR a month × 1.1 → ARR 26,400 > 0
  a = check("expansion-accelerator", "D-5");
  EXPECT_TRUE(a.eligible);
  EXPECT_DOUBLE_EQ(a.fit, 80);
  a = check("expansion-accelerator", "D-1");
  EXPECT_EQ(a.failed_rules, (std::vector<std::string>{"deal_type == \"expansion\"", "arr > 0"}));

  EXPECT_EQ(desk->Prepare({"design-partner", "D-4", "ana", ""}, "t").status().message(),
            "opportunity D-4 is won, not open: programs take open opportunities only");
  EXPECT_EQ(desk->Prepare({"design-partner", "D-9", "ana", ""}, "t").status().message(),
            "no opportunity 'D-9' in the data");
  EXPECT_EQ(desk->Prepare({"design-partners", "D-1", "ana", ""}, "t").status().message(),
            "unknown program 'design-partners', did you mean 'design-partner'? (programs: design-partner, "
            "enterprise-pilot, expansion-accelerator)");
}

TEST_F(ProgramsTest, DuplicatesAreRefusedAndTheLatestDecisionWins) {
  Loaded l = LoadWs(dir_);
  auto desk = ProgramDesk::Create(l.ws.data.dataset, l.settings, l.as_of, book_);
  ASSERT_TRUE(desk.ok());
  EXPECT_EQ(Apply(*desk, "design-partner", "D-1"), "1");
  EXPECT_EQ(Apply(*desk, "design-partner", "D-1"),
            "error: opportunity D-1 already has a pending application to design-partner (application 1)");
  EXPECT_EQ(Apply(*desk, "enterprise-pilot", "D-1"), "2");  // another program is another application
  EXPECT_EQ(Decide(1, "approve", "2024-05-06T10:00:00Z"), "1");
  EXPECT_EQ(Apply(*desk, "design-partner", "D-1"),
            "error: opportunity D-1 already has an approved application to design-partner (application 1)");
  EXPECT_EQ(Decide(1, "reject", "2024-05-13T10:00:00Z", "budget moved to next year"), "2");
  EXPECT_EQ(Apply(*desk, "design-partner", "D-1"), "3");  // after a rejection a rep may apply again

  auto ledger = LoadProgramLedger(dir_);
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 3u);
  const ProgramApplication& first = (*ledger)[0];
  ASSERT_EQ(first.decisions.size(), 2u);  // both kept
  EXPECT_EQ(first.decisions[0].decision, "approve");
  EXPECT_EQ(first.decisions[1].reason, "budget moved to next year");
  EXPECT_EQ(first.State(), "rejected");
  EXPECT_EQ((*ledger)[1].State(), "pending");
  EXPECT_EQ(first.applicant, "ana");
  EXPECT_EQ(first.note, "strong champion");
  EXPECT_EQ(first.applied_at, "2024-05-02T09:00:00Z");

  Report pending = desk->PendingReport(*ledger);
  ASSERT_EQ(pending.rows.size(), 2u);  // applications 2 and 3
  EXPECT_EQ(std::get<int64_t>(pending.rows[0][0]), 2);
  EXPECT_EQ(std::get<std::string>(pending.rows[0][6]), "not eligible");
  EXPECT_EQ(std::get<int64_t>(pending.rows[1][0]), 3);
  EXPECT_EQ(std::get<std::string>(pending.rows[1][6]), "eligible");

  Report decisions = desk->DecisionsReport(*ledger);
  ASSERT_EQ(decisions.rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(decisions.rows[0][8]), "superseded");
  EXPECT_EQ(std::get<std::string>(decisions.rows[1][8]), "current");
  EXPECT_EQ(decisions.notes[0], "design-partner: 0 approved, 1 rejected (current decisions)");
}

TEST_F(ProgramsTest, DecisionsAreCheckedAndTheCapIsKept) {
  Loaded l = LoadWs(dir_);
  auto desk = ProgramDesk::Create(l.ws.data.dataset, l.settings, l.as_of, book_);
  ASSERT_TRUE(desk.ok());
  ASSERT_EQ(Apply(*desk, "design-partner", "D-1"), "1");
  ASSERT_EQ(Apply(*desk, "design-partner", "D-2"), "2");
  ASSERT_EQ(Apply(*desk, "design-partner", "D-3"), "3");
  EXPECT_EQ(Decide(9, "approve", "t"), "error: no application 9 in " + dir_ + "/workspace.db");
  EXPECT_EQ(Decide(1, "approved", "t"), "error: decision: expected approve or reject, not 'approved'");
  EXPECT_EQ(Decide(1, "approve", "t", "  "), "error: reason: the committee's reason is required");
  EXPECT_EQ(Decide(1, "approve", "2024-05-06T10:00:00Z"), "1");
  EXPECT_EQ(Decide(2, "approve", "2024-05-06T10:00:00Z"), "2");
  // cap = 2: a third approval is refused and nothing is stored
  EXPECT_EQ(Decide(3, "approve", "2024-05-06T10:00:00Z"),
            "error: program design-partner is full: 2 of 2 places are approved");
  // approving an approved application again does not count itself
  EXPECT_EQ(Decide(2, "approve", "2024-05-07T10:00:00Z", "confirmed"), "3");
  EXPECT_EQ(Decide(2, "reject", "2024-05-08T10:00:00Z", "not eligible after all"), "4");
  EXPECT_EQ(Decide(3, "approve", "2024-05-08T10:00:00Z"), "5");
  auto ledger = LoadProgramLedger(dir_);
  ASSERT_TRUE(ledger.ok());
  int decisions = 0;
  for (const auto& a : *ledger) decisions += static_cast<int>(a.decisions.size());
  EXPECT_EQ(decisions, 5);
}

TEST_F(ProgramsTest, SqliteRefusesToChangeOrDeleteStoredRows) {
  Loaded l = LoadWs(dir_);
  auto desk = ProgramDesk::Create(l.ws.data.dataset, l.settings, l.as_of, book_);
  ASSERT_TRUE(desk.ok());
  ASSERT_EQ(Apply(*desk, "design-partner", "D-1"), "1");
  ASSERT_EQ(Decide(1, "approve", "2024-05-06T10:00:00Z"), "1");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/workspace.db").c_str(), &db), SQLITE_OK);
  auto exec = [&](const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    return rc == SQLITE_OK ? std::string("ok") : msg;
  };
  EXPECT_EQ(exec("UPDATE program_applications SET applicant = 'eve'"),
            "program_applications is append-only: applications cannot be changed");
  EXPECT_EQ(exec("DELETE FROM program_applications"),
            "program_applications is append-only: applications cannot be deleted");
  EXPECT_EQ(exec("UPDATE program_decisions SET decision = 'reject'"),
            "program_decisions is append-only: supersede a decision with a new one");
  EXPECT_EQ(exec("DELETE FROM program_decisions WHERE id = 1"),
            "program_decisions is append-only: supersede a decision with a new one");
  EXPECT_EQ(exec("INSERT INTO program_decisions (application_id, decision, reason, decided_by, decided_at) "
                 "VALUES (1, 'approve', '', 'x', 't')"),
            "CHECK constraint failed: length(trim(reason)) > 0");
  sqlite3_close(db);
  auto ledger = LoadProgramLedger(dir_);
  ASSERT_TRUE(ledger.ok());
  EXPECT_EQ((*ledger)[0].applicant, "ana");
  EXPECT_EQ((*ledger)[0].State(), "approved");
}

// Results by hand, tests/fixtures/programs-later (as of 2024-09-30, EUR pinned at 1.1):
//   design-partner: app 1 D-1 approved 2024-05-06, app 2 D-2 rejected. D-1 won 2024-06-15,
//     30,000 USD → won 1, 30,000. Commitment case_study 1 + reference 2 = 3. P-1 events on
//     or after 2024-05-06: case_study 07-01 (1 of 1), references 08-01, 08-15, 09-01 (3,
//     at most 2) → delivered 3 (the reference of 03-01 is before approval).
//   enterprise-pilot: app 3 D-2 pending → 1 application, nothing approved.
//   expansion-accelerator: app 4 D-5 approved 2024-05-13; won 2024-07-01, 12,000 EUR × 1.1
//     = 13,200. Commitment testimonial 1 + review 1 = 2; P-4 testimonial 08-01 (1); the
//     review of 10-15 is after the as-of date → delivered 1.
TEST_F(ProgramsTest, ResultsCountWonRevenueAndAdvocacyOfApprovedApplications) {
  {
    Loaded l = LoadWs(dir_);
    auto desk = ProgramDesk::Create(l.ws.data.dataset, l.settings, l.as_of, book_);
    ASSERT_TRUE(desk.ok());
    ASSERT_EQ(Apply(*desk, "design-partner", "D-1"), "1");
    ASSERT_EQ(Apply(*desk, "design-partner", "D-2"), "2");
    ASSERT_EQ(Apply(*desk, "enterprise-pilot", "D-2"), "3");
    ASSERT_EQ(Apply(*desk, "expansion-accelerator", "D-5"), "4");
    ASSERT_EQ(Decide(1, "approve", "2024-05-06T10:00:00Z"), "1");
    ASSERT_EQ(Decide(2, "reject", "2024-05-06T10:05:00Z", "too large for a design partner"), "2");
    ASSERT_EQ(Decide(4, "approve", "2024-05-13T10:00:00Z"), "3");
  }
  ASSERT_TRUE(ImportDataDirectory(Fixture("programs-later"), dir_).ok());  // the ledger survives
  Loaded l = LoadWs(dir_);
  ASSERT_EQ(FormatDate(l.as_of), "2024-09-30");
  auto desk = ProgramDesk::Create(l.ws.data.dataset, l.settings, l.as_of, book_);
  ASSERT_TRUE(desk.ok());
  auto ledger = LoadProgramLedger(dir_);
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 4u);
  auto results = desk->ResultsReport(*ledger);
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_EQ(results->rows.size(), 3u);
  struct Expected {
    std::string program;
    int64_t applications, pending, approved, rejected;
    Cell cap;
    int64_t won;
    double won_arr;
    int64_t committed, delivered;
  };
  const std::vector<Expected> expected = {
      {"design-partner", 2, 0, 1, 1, Cell(int64_t{2}), 1, 30000, 3, 3},
      {"enterprise-pilot", 1, 1, 0, 0, Cell(), 0, 0, 0, 0},
      {"expansion-accelerator", 1, 0, 1, 0, Cell(), 1, 13200, 2, 1},
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& row = results->rows[i];
    const Expected& e = expected[i];
    EXPECT_EQ(std::get<std::string>(row[0]), e.program);
    EXPECT_EQ(std::get<int64_t>(row[1]), e.applications) << e.program;
    EXPECT_EQ(std::get<int64_t>(row[2]), e.pending) << e.program;
    EXPECT_EQ(std::get<int64_t>(row[3]), e.approved) << e.program;
    EXPECT_EQ(std::get<int64_t>(row[4]), e.rejected) << e.program;
    EXPECT_EQ(row[5], e.cap) << e.program;
    EXPECT_EQ(std::get<int64_t>(row[6]), e.won) << e.program;
    EXPECT_NEAR(std::get<double>(row[7]), e.won_arr, 1e-9) << e.program;
    EXPECT_EQ(std::get<int64_t>(row[8]), e.committed) << e.program;
    EXPECT_EQ(std::get<int64_t>(row[9]), e.delivered) << e.program;
  }
}

TEST(ProgramClockTest, FlywheelNowIsCheckedAndUsed) {
  ::setenv("FLYWHEEL_NOW", "2024-05-02T09:00:00Z", 1);
  EXPECT_EQ(*ProgramClockNow(), "2024-05-02T09:00:00Z");
  ::setenv("FLYWHEEL_NOW", "2024-05-02 09:00", 1);
  EXPECT_EQ(ProgramClockNow().status().message(),
            "FLYWHEEL_NOW: '2024-05-02 09:00' is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
  ::unsetenv("FLYWHEEL_NOW");
  auto now = ProgramClockNow();
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->size(), 20u);
  EXPECT_EQ((*now)[10], 'T');
}

}  // namespace
}  // namespace flywheel
