// The sales-program endpoints (docs/API.md "Writes", docs/PROGRAMS.md) against the real
// server on a loopback port over a real workspace (tests/fixtures/programs).
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "programs/program_store.h"
#include "server/api_server.h"
#include "workspace/workspace.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

const char* kToken = "program-token-0123456789";
const char* kNow = "2024-05-06T10:00:00Z";

std::string SourceDir() {
  const char* dir = std::getenv("FLYWHEEL_SOURCE_DIR");
  return dir ? dir : FLYWHEEL_TEST_SOURCE_DIR;
}

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

class ProgramApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = (fs::temp_directory_path() / ("flywheel_program_api_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name()))
              .string();
    fs::remove_all(ws_);
    ASSERT_TRUE(ImportDataDirectory(SourceDir() + "/tests/fixtures/programs", ws_).ok());
    InputOptions io;
    io.workspace_dir = ws_;
    auto in = LoadInput(io);
    ASSERT_TRUE(in.ok()) << in.status().message();
    input_ = std::make_shared<const Input>(std::move(*in));
    auto book = LoadProgramsFile(programs_, ProgramRuleLists(input_->settings));
    ASSERT_TRUE(book.ok()) << book.status().message();
    auto desk = ProgramDesk::Create(input_->dataset, input_->settings, input_->as_of, *book);
    ASSERT_TRUE(desk.ok()) << desk.status().message();
    ServerOptions options;
    options.port = 0;
    options.token = kToken;
    options.rate_limit = {0, 0};
    options.programs = std::make_shared<const ProgramDesk>(std::move(*desk));
    options.now = [] { return Result<std::string>(std::string(kNow)); };
    server_ = std::make_unique<ApiServer>(input_, options);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { server_->Serve(); });
  }
  void TearDown() override {
    if (server_) {
      server_->Stop();
      thread_.join();
    }
    fs::remove_all(ws_);
  }

  httplib::Client Client() const { return httplib::Client("127.0.0.1", port_); }
  httplib::Headers Auth() const { return {{"Authorization", std::string("Bearer ") + kToken}}; }

  // (status, body) of a POST with the right token.
  std::pair<int, nlohmann::json> Post(const std::string& path, const std::string& body) {
    auto r = Client().Post(path, Auth(), body, "application/json");
    if (!r) return {0, nullptr};
    return {r->status, nlohmann::json::parse(r->body, nullptr, false)};
  }
  std::pair<int, std::string> PostError(const std::string& path, const std::string& body) {
    auto [status, json] = Post(path, body);
    return {status,
            json.is_object() && json.contains("error") ? json["error"].get<std::string>() : json.dump()};
  }
  size_t StoredApplications() {
    auto ledger = LoadProgramLedger(ws_);
    EXPECT_TRUE(ledger.ok());
    return ledger.ok() ? ledger->size() : 0;
  }

  std::string ws_;
  std::string programs_ = SourceDir() + "/examples/programs.toml";
  std::shared_ptr<const Input> input_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};

using E = std::pair<int, std::string>;

TEST_F(ProgramApiTest, WritesWithoutTheRightTokenAre401AndStoreNothing) {
  const std::string body = R"({"opportunity_id":"D-1","applicant":"ana"})";
  auto c = Client();
  auto r = c.Post("/api/programs/design-partner/applications", body, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer");
  r = c.Post("/api/programs/design-partner/applications",
             {{"Authorization", "Bearer program-token-0123456780"}}, body, "application/json");
  EXPECT_EQ(r->status, 401);
  r = c.Post("/api/programs/design-partner/applications", {{"Authorization", kToken}}, body,
             "application/json");
  EXPECT_EQ(r->status, 401);
  r = c.Post("/api/applications/1/decisions", R"({"decision":"approve","reason":"x","decided_by":"y"})",
             "application/json");
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(StoredApplications(), 0u);
}

TEST_F(ProgramApiTest, BadBodiesAre400WithExactMessages) {
  const std::string apply = "/api/programs/design-partner/applications";
  EXPECT_EQ(PostError(apply, "{not json"), (E{400, "the request body is not a JSON object"}));
  EXPECT_EQ(PostError(apply, "[1]"), (E{400, "the request body is not a JSON object"}));
  EXPECT_EQ(PostError(apply, "{}"),
            (E{400, "missing field \"opportunity_id\" (expected opportunity_id, applicant, note)"}));
  EXPECT_EQ(PostError(apply, R"({"opportunity_id":"D-1"})"),
            (E{400, "missing field \"applicant\" (expected opportunity_id, applicant, note)"}));
  EXPECT_EQ(PostError(apply, R"({"opportunity_id":"D-1","applicant":"ana","amount":"5"})"),
            (E{400, "unknown field \"amount\" (expected opportunity_id, applicant, note)"}));
  EXPECT_EQ(PostError(apply, R"({"opportunity_id":1,"applicant":"ana"})"),
            (E{400, "field \"opportunity_id\" must be a text"}));
  EXPECT_EQ(PostError(apply, R"({"opportunity_id":"D-4","applicant":"ana"})"),
            (E{400, "opportunity D-4 is won, not open: programs take open opportunities only"}));
  EXPECT_EQ(
      PostError("/api/applications/abc/decisions", R"({"decision":"approve","reason":"x","decided_by":"y"})"),
      (E{400, "application id 'abc' is not a number"}));
  EXPECT_EQ(PostError("/api/applications/1/decisions", R"({"decision":"approve","decided_by":"y"})"),
            (E{400, "missing field \"reason\" (expected decision, reason, decided_by)"}));
  EXPECT_EQ(
      PostError("/api/applications/1/decisions", R"({"decision":"approve","reason":"  ","decided_by":"y"})"),
      (E{400, "missing field \"reason\" (expected decision, reason, decided_by)"}));
  EXPECT_EQ(StoredApplications(), 0u);
  ASSERT_EQ(Post(apply, R"({"opportunity_id":"D-1","applicant":"ana"})").first, 201);
  EXPECT_EQ(
      PostError("/api/applications/1/decisions", R"({"decision":"maybe","reason":"x","decided_by":"y"})"),
      (E{400, "decision: expected approve or reject, not 'maybe'"}));
  EXPECT_EQ(PostError(apply, R"({"opportunity_id":"D-1","applicant":"ben"})"),
            (E{400, "opportunity D-1 already has a pending application to design-partner (application 1)"}));
  EXPECT_EQ(StoredApplications(), 1u);
}

TEST_F(ProgramApiTest, UnknownProgramsOpportunitiesAndApplicationsAre404) {
  EXPECT_EQ(PostError("/api/programs/design-partners/applications",
                      R"({"opportunity_id":"D-1","applicant":"ana"})"),
            (E{404,
               "unknown program 'design-partners', did you mean 'design-partner'? (programs: design-partner, "
               "enterprise-pilot, expansion-accelerator)"}));
  EXPECT_EQ(
      PostError("/api/programs/design-partner/applications", R"({"opportunity_id":"D-9","applicant":"ana"})"),
      (E{404, "no opportunity 'D-9' in the data"}));
  EXPECT_EQ(
      PostError("/api/applications/7/decisions", R"({"decision":"approve","reason":"x","decided_by":"y"})"),
      (E{404, "no application 7 in " + ws_ + "/workspace.db"}));
  auto r = Client().Get("/api/programs?view=pendng");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"],
            "view: unknown view 'pendng' (expected pending, decisions or results)");
  r = Client().Get("/api/programs?program=x");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"],
            "unknown parameter 'program' for programs (expected view)");
}

// D-1 (P-1: 400 employees, Banking, 20M revenue, C-level champion): eligible, fit 100 by
// the default ICP rules (40 + 20 + 20 + 20), as worked in src/programs/programs_test.cc.
TEST_F(ProgramApiTest, ApproveThenSupersedeWithRejectKeepsBothAndTheLatestCounts) {
  auto [status, app] = Post("/api/programs/design-partner/applications",
                            R"({"opportunity_id":"D-1","applicant":"ana","note":"CFO is our champion"})");
  ASSERT_EQ(status, 201) << app.dump();
  EXPECT_EQ(app["application_id"], 1);
  EXPECT_EQ(app["account_id"], "P-1");
  EXPECT_EQ(app["precheck"], "eligible");
  EXPECT_EQ(app["failed_rules"], nlohmann::json::array());
  EXPECT_EQ(app["fit"], 100.0);
  EXPECT_EQ(app["applied_at"], kNow);
  EXPECT_EQ(app["state"], "pending");

  auto pending = nlohmann::json::parse(Client().Get("/api/programs?view=pending")->body);
  ASSERT_EQ(pending["rows"].size(), 1u);
  EXPECT_EQ(pending["rows"][0]["opportunity_id"], "D-1");

  auto [s1, d1] = Post("/api/applications/1/decisions",
                       R"({"decision":"approve","reason":"ideal","decided_by":"committee"})");
  ASSERT_EQ(s1, 201) << d1.dump();
  EXPECT_EQ(d1["decision_id"], 1);
  EXPECT_EQ(d1["state"], "approved");
  auto [s2, d2] = Post("/api/applications/1/decisions",
                       R"({"decision":"reject","reason":"budget cut","decided_by":"committee"})");
  ASSERT_EQ(s2, 201) << d2.dump();
  EXPECT_EQ(d2["decision_id"], 2);
  EXPECT_EQ(d2["state"], "rejected");

  auto decisions = nlohmann::json::parse(Client().Get("/api/programs?view=decisions")->body);
  ASSERT_EQ(decisions["rows"].size(), 2u);
  EXPECT_EQ(decisions["rows"][0]["decision"], "approve");
  EXPECT_EQ(decisions["rows"][0]["state"], "superseded");
  EXPECT_EQ(decisions["rows"][1]["decision"], "reject");
  EXPECT_EQ(decisions["rows"][1]["state"], "current");
  EXPECT_EQ(nlohmann::json::parse(Client().Get("/api/programs?view=pending")->body)["rows"].size(), 0u);

  // The same JSON as the CLI prints for the same workspace and programs.
  const char* bin = std::getenv("FLYWHEEL_BINARY");
  const std::string cli = std::string(bin ? bin : "flywheel") + " programs report --workspace " + ws_ +
                          " --programs " + programs_ + " --format json --view ";
  for (const char* view : {"pending", "decisions", "results"}) {
    auto r = Client().Get(std::string("/api/programs?view=") + view);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->body, RunCommand(cli + view + " 2>/dev/null")) << view;
  }
  auto r = Client().Get("/api/programs");
  EXPECT_EQ(r->body, RunCommand(std::string(bin ? bin : "flywheel") + " programs list --workspace " + ws_ +
                                " --programs " + programs_ + " --format json 2>/dev/null"));
}

// A server over --data (no workspace) refuses authorized writes with a clear 400.
TEST(ProgramApiDataOnlyTest, WritesNeedAWorkspace) {
  InputOptions io;
  io.data_dir = SourceDir() + "/tests/fixtures/programs";
  auto in = LoadInput(io);
  ASSERT_TRUE(in.ok());
  ServerOptions options;
  options.port = 0;
  options.token = kToken;
  ApiServer server(std::make_shared<const Input>(std::move(*in)), options);
  auto port = server.Bind();
  ASSERT_TRUE(port.ok());
  std::thread t([&] { server.Serve(); });
  httplib::Client c("127.0.0.1", *port);
  auto r = c.Post("/api/programs/design-partner/applications",
                  {{"Authorization", std::string("Bearer ") + kToken}},
                  R"({"opportunity_id":"D-1","applicant":"ana"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"],
            "writes need a workspace: start flywheel serve with --workspace WS (made by flywheel import) "
            "instead of "
            "--data");
  r = c.Get("/api/programs");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"],
            "no sales programs: start flywheel serve with --programs FILE");
  server.Stop();
  t.join();
}

}  // namespace
}  // namespace flywheel
