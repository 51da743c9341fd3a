// The quarantine folder of a workspace: written with the import, all or nothing, and an
// interrupted publication completed (or undone) by the next open. Settings are checked
// before anything is written.
#include "workspace/quarantine_files.h"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "testing/temp_dir.h"
#include "workspace/workspace.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::TempDir;

// Twenty accounts, one with a bad headcount, and a subscription of it: both set aside.
void WriteDirtyData(const TempDir& tmp, const std::string& dir, const std::string& settings) {
  std::string accounts = "account_id,name,employees\n";
  for (int i = 1; i <= 20; ++i)
    accounts += fmt::format("A-{:02},Co {},{}\n", i, i, i == 7 ? "about 50" : "10");
  tmp.Write(dir + "/accounts.csv", accounts);
  tmp.Write(dir + "/subscriptions.csv",
            "subscription_id,account_id,start_date,amount\nS-1,A-01,2024-01-01,100\nS-2,A-07,2024-01-01,70\n"
            "S-3,A-02,2024-01-01,90\n");
  tmp.Write(dir + "/flywheel.toml", settings);
}

void WriteCleanData(const TempDir& tmp, const std::string& dir) {
  tmp.Write(dir + "/accounts.csv", "account_id\nB-1\n");
}

constexpr char kLenient[] = "max_quarantined_share = 0.5\n";

TEST(QuarantineFilesTest, ImportWritesTheRowsSetAside) {
  TempDir tmp;
  WriteDirtyData(tmp, tmp.Sub("data"), kLenient);
  auto summary = ImportDataDirectory(tmp.Sub("data"), tmp.Sub("ws"));
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->quarantine_dir, tmp.Sub("ws") + "/quarantine");
  EXPECT_EQ(ReadText(tmp.Sub("ws/quarantine/accounts.csv")),
            "source,reason,account_id,name,employees\n"
            "accounts.csv:8,employees: about 50 is not a whole number,A-07,Co 7,about 50\n");
  EXPECT_EQ(ReadText(tmp.Sub("ws/quarantine/subscriptions.csv")),
            "source,reason,subscription_id,account_id,start_date,amount\n"
            "subscriptions.csv:3,account_id: account A-07 is quarantined,S-2,A-07,2024-01-01,70\n");
  EXPECT_FALSE(fs::exists(tmp.Sub("ws/.quarantine-new")));
  auto loaded = LoadWorkspace(tmp.Sub("ws"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->data.dataset.accounts.size(), 19u);
  EXPECT_EQ(loaded->data.dataset.subscriptions.size(), 2u);
}

TEST(QuarantineFilesTest, StrictImportSetsNothingAside) {
  TempDir tmp;
  WriteDirtyData(tmp, tmp.Sub("data"), kLenient);
  ImportOptions options;
  options.validation.strict = true;
  auto failed = ImportDataDirectory(tmp.Sub("data"), tmp.Sub("ws"), options);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "accounts.csv:8: employees: about 50 is not a whole number");
  EXPECT_FALSE(fs::exists(tmp.Sub("ws")));
}

TEST(QuarantineFilesTest, AnImportWithoutErrorsRemovesTheFolder) {
  TempDir tmp;
  WriteDirtyData(tmp, tmp.Sub("data"), kLenient);
  ASSERT_TRUE(ImportDataDirectory(tmp.Sub("data"), tmp.Sub("ws")).ok());
  WriteCleanData(tmp, tmp.Sub("clean"));
  auto summary = ImportDataDirectory(tmp.Sub("clean"), tmp.Sub("ws"));
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->quarantine_dir, "");
  EXPECT_FALSE(fs::exists(tmp.Sub("ws/quarantine")));
}

// A write that fails inside the transaction leaves the data and the quarantine folder of the
// previous import as they were.
TEST(QuarantineFilesTest, AFailedImportKeepsThePreviousFolder) {
  TempDir tmp;
  WriteDirtyData(tmp, tmp.Sub("data"), kLenient);
  ASSERT_TRUE(ImportDataDirectory(tmp.Sub("data"), tmp.Sub("ws")).ok());
  const std::string before = ReadText(tmp.Sub("ws/quarantine/accounts.csv"));
  WriteDirtyData(tmp, tmp.Sub("other"), kLenient);
  tmp.Write("other/accounts.csv", ReadText(tmp.Sub("other/accounts.csv")) + "A-21,Co 21,twelve\n");
  for (int64_t fail_at : {0, 5, 20}) {  // 19 accounts and 2 subscriptions are written
    ImportOptions options;
    options.before_write = [fail_at](int64_t n) {
      return n == fail_at ? Status::Io("disk full (injected)") : Status::Ok();
    };
    auto failed = ImportDataDirectory(tmp.Sub("other"), tmp.Sub("ws"), options);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.status().message(), "disk full (injected)");
    EXPECT_EQ(ReadText(tmp.Sub("ws/quarantine/accounts.csv")), before);
    EXPECT_FALSE(fs::exists(tmp.Sub("ws/.quarantine-new")));
  }
}

// Killed after the commit, before the folder was moved into place: the next open of the
// workspace finishes the move, because the staged folder's token is the committed one.
TEST(QuarantineFilesTest, AnImportKilledAfterItsCommitIsCompletedOnTheNextOpen) {
  TempDir tmp;
  WriteDirtyData(tmp, tmp.Sub("data"), kLenient);
  ImportOptions killed;
  killed.publish_quarantine = [] { return false; };
  ASSERT_TRUE(ImportDataDirectory(tmp.Sub("data"), tmp.Sub("ws"), killed).ok());
  EXPECT_FALSE(fs::exists(tmp.Sub("ws/quarantine")));
  EXPECT_TRUE(fs::exists(tmp.Sub("ws/.quarantine-new/accounts.csv")));
  ASSERT_TRUE(LoadWorkspace(tmp.Sub("ws")).ok());
  EXPECT_TRUE(fs::exists(tmp.Sub("ws/quarantine/accounts.csv")));
  EXPECT_FALSE(fs::exists(tmp.Sub("ws/.quarantine-new")));
}

// Killed before the commit: the staged folder's token was never committed. A reader cannot
// tell it from an import under way and leaves it; the next import removes it.
TEST(QuarantineFilesTest, AStagedFolderThatWasNeverCommittedIsRemovedByTheNextImport) {
  TempDir tmp;
  WriteCleanData(tmp, tmp.Sub("clean"));
  ASSERT_TRUE(ImportDataDirectory(tmp.Sub("clean"), tmp.Sub("ws")).ok());
  ASSERT_TRUE(StageQuarantine(tmp.Sub("ws"), {{"accounts", {"account_id"}, {{"x.csv:2", "why", {"Z"}}}}},
                              "never-committed")
                  .ok());
  ASSERT_TRUE(LoadWorkspace(tmp.Sub("ws")).ok());
  EXPECT_TRUE(fs::exists(tmp.Sub("ws/.quarantine-new")));
  EXPECT_FALSE(fs::exists(tmp.Sub("ws/quarantine")));
  ASSERT_TRUE(ImportDataDirectory(tmp.Sub("clean"), tmp.Sub("ws")).ok());
  EXPECT_FALSE(fs::exists(tmp.Sub("ws/.quarantine-new")));
  EXPECT_FALSE(fs::exists(tmp.Sub("ws/quarantine")));
}

// `import` checks flywheel.toml exactly as `check` does: a file that check rejects is not
// stored, and nothing is written.
TEST(QuarantineFilesTest, BadSettingsWriteNothing) {
  TempDir tmp;
  const struct {
    const char* toml;
    std::string message;
  } cases[] = {
      {"base_curency = \"EUR\"\n",
       "/flywheel.toml:1: unknown setting 'base_curency', did you mean 'base_currency'?"},
      {"as_of = 2025-02-30\n", "/flywheel.toml:1: "},
      {"as_of = \"2025-02-30\"\n",
       "/flywheel.toml:1: as_of: expected a date (YYYY-MM-DD), got \"2025-02-30\""},
      {"base_currency = \"XYZ\"\n",
       "/flywheel.toml:1: base_currency: expected an ISO 4217 currency code such as \"USD\", got \"XYZ\""},
  };
  for (const auto& c : cases) {
    WriteDirtyData(tmp, tmp.Sub("data"), c.toml);
    auto failed = ImportDataDirectory(tmp.Sub("data"), tmp.Sub("ws"));
    ASSERT_FALSE(failed.ok()) << c.toml;
    EXPECT_EQ(failed.status().code(), StatusCode::kBadData);
    EXPECT_TRUE(failed.status().message().starts_with(tmp.Sub("data") + c.message))
        << failed.status().message();
    EXPECT_FALSE(fs::exists(tmp.Sub("ws")));
  }
}

}  // namespace
}  // namespace flywheel
