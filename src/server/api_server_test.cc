// The HTTP API against the real server on a loopback port 0, with real requests.
#include "server/api_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "server/query_string.h"

namespace flywheel {
namespace {

std::string SourceDir() {
  const char* dir = std::getenv("FLYWHEEL_SOURCE_DIR");
  return dir ? dir : FLYWHEEL_TEST_SOURCE_DIR;
}

std::string Playbook() { return SourceDir() + "/tests/fixtures/mrr-playbook"; }

const char* kToken = "s3cret-token-0123456789";

// A server over the playbook data, on its own port, for the life of the object.
class RunningServer {
 public:
  explicit RunningServer(RateLimit limit = {0, 0}) {
    InputOptions io;
    io.data_dir = Playbook();
    auto in = LoadInput(io);
    EXPECT_TRUE(in.ok()) << in.status().message();
    ServerOptions options;
    options.port = 0;
    options.token = kToken;
    options.max_body_bytes = 1024;
    options.rate_limit = limit;
    server_ = std::make_unique<ApiServer>(std::make_shared<const Input>(std::move(*in)), options);
    auto port = server_->Bind();
    EXPECT_TRUE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { server_->Serve(); });
  }
  ~RunningServer() {
    server_->Stop();
    thread_.join();
  }
  httplib::Client Client() const { return httplib::Client("127.0.0.1", port_); }

 private:
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};

std::string Cli(const std::string& args) {
  const char* bin = std::getenv("FLYWHEEL_BINARY");
  std::string command = std::string(bin ? bin : "flywheel") + " " + args + " 2>/dev/null";
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

std::string ErrorOf(const httplib::Result& r) { return nlohmann::json::parse(r->body).at("error").get<std::string>(); }

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new RunningServer(); }
  static void TearDownTestSuite() { delete server_; }
  static RunningServer* server_;
};
RunningServer* ApiTest::server_ = nullptr;

TEST_F(ApiTest, Health) {
  auto r = server_->Client().Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["as_of"], nlohmann::json::parse(Cli("revenue --data " + Playbook() + " --format json"))["as_of"]);
  EXPECT_GT(body["accounts"].get<int>(), 0);
}

TEST_F(ApiTest, ReportsEqualTheCliJsonByteForByte) {
  struct Case {
    std::string path, args;
  };
  for (const Case& c : std::vector<Case>{
           {"/api/revenue", "revenue"},
           {"/api/revenue?period=quarter", "revenue --period quarter"},
           {"/api/revenue?period=year&as_of=2019-12-31", "revenue --period year --as-of 2019-12-31"},
           {"/api/cohorts?metric=grr", "cohorts --metric grr"},
           {"/api/cohorts?metric=logo&period=quarter", "cohorts --metric logo --period quarter"},
       }) {
    auto r = server_->Client().Get(c.path);
    ASSERT_TRUE(r) << c.path;
    EXPECT_EQ(r->status, 200) << c.path << " " << r->body;
    std::string cli = Cli(c.args + " --data " + Playbook() + " --format json");
    ASSERT_FALSE(cli.empty()) << "the CLI printed nothing for " << c.args;
    EXPECT_EQ(r->body, cli) << c.path;
  }
}

TEST_F(ApiTest, RevenueDrilldownRowsAddUpToTheNumber) {
  auto report = nlohmann::json::parse(server_->Client().Get("/api/revenue?period=quarter")->body);
  int checked = 0;
  for (const auto& row : report["rows"]) {
    for (const char* movement : {"new", "expansion", "contraction", "churn"}) {
      std::string field = std::string(movement == std::string("churn") ? "churned" : movement) + "_mrr";
      double expected = row[field].get<double>();
      std::string cell = row["period"].get<std::string>() + ":all:" + movement;
      auto r = server_->Client().Get("/api/drilldown/revenue?period=quarter&cell=" + cell);
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << r->body;
      auto drill = nlohmann::json::parse(r->body);
      double sum = 0;
      for (const auto& d : drill["rows"]) sum += d["amount"].get<double>();
      EXPECT_NEAR(sum, expected, 1e-6) << cell;
      EXPECT_NEAR(drill["total"].get<double>(), expected, 1e-6) << cell;
      if (expected > 0) {
        EXPECT_GT(drill["rows"].size(), 0u);
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 5);
}

TEST_F(ApiTest, BadParametersAre400WithTheCliMessage) {
  auto c = server_->Client();
  auto r = c.Get("/api/revenue?period=week");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r), "--period: unknown period 'week' (expected month, quarter or year)");
  r = c.Get("/api/revenue?segmnt=x");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r), "unknown parameter 'segmnt' for revenue, did you mean 'segment'?");
  r = c.Get("/api/cohorts?period=year");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r), "--period: cohorts are by month or quarter, not year");
  r = c.Get("/api/revenue?as_of=2019-13-01");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r), "--as-of: 2019-13-01 is not a date (expected YYYY-MM-DD)");
  r = c.Get("/api/revenue?period=%zz");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r), "bad query string: '%zz' is not a valid escape");
  r = c.Get("/api/drilldown/revenue?cell=2019-10:all:expansoin");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r), "--cell: unknown field 'expansoin', did you mean 'expansion'?");
}

TEST_F(ApiTest, UnknownReportsAndPathsAre404) {
  auto c = server_->Client();
  auto r = c.Get("/api/revenu");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorOf(r), "unknown report 'revenu', did you mean 'revenue'?");
  r = c.Get("/api/a/b/c");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorOf(r), "no such path: /api/a/b/c");
  r = c.Get("/nothing-here.js");
  EXPECT_EQ(r->status, 404);
  r = c.Get("/");
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("<html"), std::string::npos);
  // The bowtie needs leads or a journey, which the playbook has not.
  r = c.Get("/api/bowtie");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorOf(r), "bowtie needs leads.csv or journey.csv");
}

TEST_F(ApiTest, TraversalIsRejected) {
  auto c = server_->Client();
  for (const char* path : {"/../etc/passwd", "/%2e%2e/etc/passwd", "/static/..%2fetc%2fpasswd", "/%2E%2E%2Fx",
                           "/assets/..%5c..%5cx"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_TRUE(r->status == 400 || r->status == 404) << path << " " << r->status;
    EXPECT_EQ(r->body.find("root:"), std::string::npos);
  }
}

TEST_F(ApiTest, WritesNeedTheToken) {
  auto c = server_->Client();
  const std::string body = R"({"opportunity_id":"O-1","applicant":"ann","note":"x"})";
  auto r = c.Post("/api/programs/design-partner/applications", body, "application/json");
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(ErrorOf(r), "writes need 'Authorization: Bearer <token>' with the token of --token-file");
  httplib::Headers wrong = {{"Authorization", "Bearer s3cret-token-0123456780"}};
  r = c.Post("/api/programs/design-partner/applications", wrong, body, "application/json");
  EXPECT_EQ(r->status, 401);
  httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
  r = c.Post("/api/applications/1/decisions", right, "{not json", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r), "the request body is not a JSON object");
  r = c.Post("/api/applications/1/decisions", right, std::string(4096, 'x'), "application/json");
  EXPECT_EQ(r->status, 413);
}

TEST(ApiRateLimitTest, ABurstBeyondTheBucketGets429) {
  RunningServer server(RateLimit{0.001, 3});
  auto c = server.Client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.Get("/api/health")->status, 200);
  auto r = c.Get("/api/health");
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(ErrorOf(r), "too many requests; slow down");
}

TEST(ConstantTimeEqualsTest, ComparesWholeTokens) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abd", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("ab", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abcabc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("", ""));
}

// Seeded random query strings and bodies: the decoders never crash, the server never
// answers 5xx.
TEST_F(ApiTest, FuzzedQueriesAndBodiesNeverGive5xx) {
  std::mt19937 rng(20240601);
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyz_=&%+:0123456789-.XYZ/\\\"{}[]";
  const std::vector<std::string> names = {"period", "segment_by", "segment", "as_of", "metric", "cell", "mode"};
  auto c = server_->Client();
  for (int i = 0; i < 300; ++i) {
    std::string q;
    int len = rng() % 40;
    for (int k = 0; k < len; ++k) {
      if (rng() % 5 == 0) q += names[rng() % names.size()] + "=";
      q += alphabet[rng() % alphabet.size()];
    }
    (void)ParseQueryString(q);
    (void)PercentDecode(q);
    for (const char* report : {"/api/revenue?", "/api/cohorts?", "/api/drilldown/revenue?"}) {
      std::string path = report;
      for (char ch : q) path += (ch == '/' || ch == '\\' || ch == '"' || ch == '{' || ch == '}' || ch == '[' || ch == ']') ? '_' : ch;
      auto r = c.Get(path);
      ASSERT_TRUE(r) << path;
      EXPECT_LT(r->status, 500) << path << " " << r->body;
    }
    httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
    auto r = c.Post("/api/applications/1/decisions", right, q, "application/json");
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->status == 400 || r->status == 501) << q << " " << r->status;
  }
}

}  // namespace
}  // namespace flywheel
