// The HTTP API against the real server on a loopback port 0, with real requests.
#include "server/api_server.h"

#include <gtest/gtest.h>

#include <httplib.h>
#include <fstream>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "demo/demo_generator.h"
#include "ingest/text_encoding.h"
#include "reports/report_registry.h"
#include "server/query_string.h"

namespace flywheel {
namespace {

std::string SourceDir() {
  const char* dir = std::getenv("FLYWHEEL_SOURCE_DIR");
  return dir ? dir : FLYWHEEL_TEST_SOURCE_DIR;
}

std::string Playbook() { return SourceDir() + "/tests/fixtures/mrr-playbook"; }
std::string Examples() { return SourceDir() + "/examples"; }

const char* kToken = "s3cret-token-0123456789";

// A server over the playbook data, on its own port, for the life of the object.
class RunningServer {
 public:
  // `segments`, `beachhead`: the TOML files of `flywheel serve --segments/--beachhead`.
  explicit RunningServer(RateLimit limit = {0, 0}, const std::string& data_dir = Playbook(),
                         const std::string& segments = "", const std::string& beachhead = "") {
    InputOptions io;
    io.data_dir = data_dir;
    auto in = LoadInput(io);
    EXPECT_TRUE(in.ok()) << in.status().message();
    in->segments_file = segments;
    in->beachhead_file = beachhead;
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

std::string ErrorOf(const httplib::Result& r) {
  return nlohmann::json::parse(r->body).at("error").get<std::string>();
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new RunningServer(); }
  static void TearDownTestSuite() { delete server_; }
  static RunningServer* server_;
};
RunningServer* ApiTest::server_ = nullptr;

// The attr_* columns in the header of DIR/accounts.csv.
size_t AttributeCount(const std::string& dir) {
  std::ifstream in(dir + "/accounts.csv");
  std::string header;
  std::getline(in, header);
  size_t n = 0;
  for (size_t at = header.find("attr_"); at != std::string::npos; at = header.find("attr_", at + 1)) ++n;
  return n;
}

TEST_F(ApiTest, Health) {
  auto r = server_->Client().Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["as_of"],
            nlohmann::json::parse(Cli("revenue --data " + Playbook() + " --format json"))["as_of"]);
  EXPECT_GT(body["accounts"].get<int>(), 0);
  EXPECT_EQ(body["segment_attributes"][0], "segment");
  EXPECT_EQ(body["segment_attributes"].size(), 5u + AttributeCount(Playbook()));
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
           {"/api/cohorts?period=year", "cohorts --period year"},
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
  r = c.Get("/api/cohorts?metric=mrr");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r), "--metric: unknown metric 'mrr' (expected nrr, grr or logo)");
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

// On loopback each connection is a client of its own (every local client has the same
// address): a burst on one connection is refused, another connection is not.
TEST(ApiRateLimitTest, ABurstBeyondTheBucketGets429) {
  RunningServer server(RateLimit{0.001, 3});
  auto c = server.Client();
  c.set_keep_alive(true);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.Get("/api/health")->status, 200);
  auto r = c.Get("/api/health");
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->get_header_value("Retry-After"), "1");
  EXPECT_EQ(ErrorOf(r), "too many requests; slow down");
  auto other = server.Client();
  other.set_keep_alive(true);
  EXPECT_EQ(other.Get("/api/health")->status, 200);
}

TEST(BearerTokenTest, TheSchemeIsCaseInsensitive) {
  EXPECT_EQ(BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(BearerToken("bearer abc"), "abc");
  EXPECT_EQ(BearerToken("BEARER   abc  "), "abc");
  EXPECT_EQ(BearerToken("Basic abc"), "");
  EXPECT_EQ(BearerToken("Bearer"), "");
  EXPECT_EQ(BearerToken("Bearerabc"), "");
  EXPECT_EQ(BearerToken(""), "");
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
  const std::vector<std::string> names = {"period", "segment_by", "segment", "as_of",  "metric",
                                          "cell",   "mode",       "m",       "periods"};
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
    for (const char* report :
         {"/api/revenue?", "/api/cohorts?", "/api/drilldown/revenue?", "/api/drilldown/cohorts?",
          "/api/drilldown/customers?", "/api/drilldown/bowtie?", "/api/drilldown/pipeline?",
          "/api/market/forecast?"}) {
      std::string path = report;
      for (char ch : q)
        path += (ch == '/' || ch == '\\' || ch == '"' || ch == '{' || ch == '}' || ch == '[' || ch == ']')
                    ? '_'
                    : ch;
      auto r = c.Get(path);
      ASSERT_TRUE(r) << path;
      EXPECT_LT(r->status, 500) << path << " " << r->body;
    }
    httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
    auto r = c.Post("/api/applications/1/decisions", right, q, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << q << " " << r->body;
  }
}

// ---- every report of the registry, and the drill-downs, on the demo company ---------------

// A server over a generated demo data set (every table), for the tests below. Ratios are
// compared to 1e-9: JSON carries numbers to 12 significant digits.
class DemoApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(
        (std::filesystem::temp_directory_path() / ("flywheel_api_demo_" + std::to_string(::getpid())))
            .string());
    std::filesystem::remove_all(*dir_);
    DemoOptions options;
    options.accounts = 400;
    options.months = 24;
    ASSERT_TRUE(WriteDemoDataSet(*dir_, options).ok());
    server_ =
        new RunningServer(RateLimit{0, 0}, *dir_, Examples() + "/segments.toml", Examples() + "/market.toml");
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static nlohmann::json Get(const std::string& path) {
    auto r = server_->Client().Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, 200) << path << " " << r->body;
    return r->status == 200 ? nlohmann::json::parse(r->body) : nlohmann::json();
  }
  static std::pair<int, std::string> GetError(const std::string& path) {
    auto r = server_->Client().Get(path);
    if (!r) return {0, ""};
    auto body = nlohmann::json::parse(r->body, nullptr, false);
    return {r->status,
            body.is_object() && body.contains("error") ? body["error"].get<std::string>() : r->body};
  }
  static std::string* dir_;
  static RunningServer* server_;
};
std::string* DemoApiTest::dir_ = nullptr;
RunningServer* DemoApiTest::server_ = nullptr;

TEST_F(DemoApiTest, EveryRegistryReportAnswersAndEqualsTheCliJson) {
  struct Case {
    std::string path, args;
  };
  const std::vector<Case> cases = {
      {"/api/revenue?period=quarter&segment_by=segment", "revenue --period quarter --segment-by segment"},
      {"/api/cohorts?metric=grr&segment_by=segment&segment=Logistics",
       "cohorts --metric grr --segment-by segment --segment Logistics"},
      {"/api/pipeline?period=quarter", "pipeline --period quarter"},
      {"/api/pipeline?segment_by=segment&velocity_opportunities=open",
       "pipeline --segment-by segment --velocity-opportunities open"},
      {"/api/waterfall?from=2025-01-01&to=2025-06-30", "waterfall --from 2025-01-01 --to 2025-06-30"},
      {"/api/bowtie?mode=period&period=quarter", "bowtie --mode period --period quarter"},
      {"/api/bowtie?segment_by=segment", "bowtie --segment-by segment"},
      {"/api/ttv", "ttv"},
      {"/api/efficiency?period=quarter", "efficiency --period quarter"},
      {"/api/efficiency?by_cohort", "efficiency --by-cohort"},
      {"/api/flywheel?segment_by=segment", "flywheel --segment-by segment"},
      {"/api/flywheel?indicators=true", "flywheel --indicators"},
      {"/api/customers", "customers"},
      {"/api/customers?class=good", "customers --class good"},
      {"/api/customers?as_of=2025-06-30", "customers --as-of 2025-06-30"},
      {"/api/prospects", "prospects"},
      {"/api/attention", "attention"},
      {"/api/accounts", "accounts"},
      {"/api/migration", "migration"},
      {"/api/segments", "segments score " + Examples() + "/segments.toml"},
      {"/api/segments/sensitivity?draws=500&seed=3&concentration=50",
       "segments sensitivity " + Examples() + "/segments.toml --draws 500 --seed 3 --concentration 50"},
      {"/api/market/beachhead", "market beachhead " + Examples() + "/market.toml"},
      {"/api/market/beachhead?p=0.02&q=0.4",
       "market beachhead " + Examples() + "/market.toml --p 0.02 --q 0.4"},
      {"/api/market/forecast?m=1198&p=0.03&q=0.38&periods=12&average_arr=15000",
       "market forecast --m 1198 --p 0.03 --q 0.38 --periods 12 --average-arr 15000"},
      {"/api/market/fit?period=quarter", "market fit --period quarter"},
  };
  std::set<std::string> covered;
  for (const Case& c : cases) {
    auto r = server_->Client().Get(c.path);
    ASSERT_TRUE(r) << c.path;
    EXPECT_EQ(r->status, 200) << c.path << " " << r->body;
    const bool from_files = c.path.starts_with("/api/segments") ||
                            c.path.starts_with("/api/market/beachhead") ||
                            c.path.starts_with("/api/market/forecast");
    std::string cli = Cli(c.args + (from_files ? "" : " --data " + *dir_) + " --format json");
    ASSERT_FALSE(cli.empty()) << "the CLI printed nothing for " << c.args;
    EXPECT_EQ(r->body, cli) << c.path;
    covered.insert(
        c.path.substr(5, c.path.find('?') == std::string::npos ? std::string::npos : c.path.find('?') - 5));
  }
  covered.insert("account");  // below, with an account of the data set
  for (const ReportSpec& spec : Reports())
    EXPECT_TRUE(covered.count(spec.name)) << spec.name << " is not compared with the CLI";
  // One account, and its explanation; the account page.
  std::string account = Get("/api/customers")["rows"][0]["account_id"];
  EXPECT_EQ(server_->Client().Get("/api/account?account=" + account)->body,
            Cli("account --account " + account + " --data " + *dir_ + " --format json"));
  EXPECT_EQ(server_->Client().Get("/api/account?account=nobody-here")->status, 404);
  EXPECT_EQ(server_->Client().Get("/api/account")->status, 400);
  EXPECT_EQ(server_->Client().Get("/api/customers?account=" + account + "&explain")->body,
            Cli("customers --account " + account + " --explain --data " + *dir_ + " --format json"));
}

TEST_F(DemoApiTest, MarketParametersAreChecked) {
  EXPECT_EQ(GetError("/api/market/forecast"), (std::pair<int, std::string>{400, "--m is required"}));
  EXPECT_EQ(GetError("/api/market/forecast?m=100&periods=0"),
            (std::pair<int, std::string>{400, "--periods: 0 is out of range (expected 1 to 10000)"}));
  EXPECT_EQ(GetError("/api/market/forecast?m=abc"),
            (std::pair<int, std::string>{400, "--m: 'abc' is not a number"}));
  EXPECT_EQ(GetError("/api/market/forecast?m=-5"),
            (std::pair<int, std::string>{400, "m must be positive (got -5)"}));
  EXPECT_EQ(GetError("/api/segments/sensitivity?draws=0"),
            (std::pair<int, std::string>{400, "--draws: 0 is out of range (expected 1 to 10000000)"}));
  EXPECT_EQ(GetError("/api/market/beachhead?p=x"),
            (std::pair<int, std::string>{400, "--p: 'x' is not a number"}));
  EXPECT_EQ(GetError("/api/market/beachhead?p=-0.1"),
            (std::pair<int, std::string>{400, "p must be positive (got -0.1)"}));
  // A request cannot name a file.
  EXPECT_EQ(GetError("/api/segments?file=/etc/passwd").first, 400);
  EXPECT_EQ(GetError("/api/market/nothing"),
            (std::pair<int, std::string>{404, "unknown report 'market/nothing'"}));
}

TEST_F(ApiTest, MarketReportsWithoutTheirFilesAre404) {
  auto r = server_->Client().Get("/api/segments");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorOf(r), "segments needs a scoring file: start the server with --segments FILE");
  r = server_->Client().Get("/api/market/beachhead");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorOf(r), "market/beachhead needs a beachhead file: start the server with --beachhead FILE");
}

TEST_F(DemoApiTest, CustomersParametersAreCheckedLikeTheCli) {
  EXPECT_EQ(GetError("/api/customers?class=gud"),
            (std::pair<int, std::string>{400, "--class: unknown class 'gud', did you mean 'good'?"}));
  EXPECT_EQ(GetError("/api/customers?explain"),
            (std::pair<int, std::string>{400, "--explain needs --account ID"}));
  EXPECT_EQ(GetError("/api/customers?account=nobody-here").first, 404);
  // A file on the server's machine cannot be named from a request.
  EXPECT_EQ(GetError("/api/customers?scorecard=/etc/passwd"),
            (std::pair<int, std::string>{400, "unknown parameter 'scorecard' for customers"}));
  EXPECT_EQ(GetError("/api/migration?period=quarter").first, 400);
}

TEST_F(DemoApiTest, CohortCellsListTheAccountsBehindTheirValue) {
  for (const char* metric : {"nrr", "grr", "logo"}) {
    auto report = Get(std::string("/api/cohorts?metric=") + metric);
    int checked = 0;
    for (const auto& cohort : report["cohorts"]) {
      const auto& values = cohort["values"];
      for (size_t age : {size_t{0}, size_t{1}, size_t{3}, values.size() - 1}) {
        if (age >= values.size() || values[age].is_null()) continue;
        std::string cell = cohort["cohort"].get<std::string>() + ":" + std::to_string(age);
        auto drill = Get(std::string("/api/drilldown/cohorts?metric=") + metric + "&cell=" + cell);
        ASSERT_TRUE(drill.is_object()) << cell;
        EXPECT_EQ(drill["rows"].size(), cohort["accounts"].get<size_t>()) << metric << " " << cell;
        double num = 0, den = 0, start = 0;
        for (const auto& row : drill["rows"]) {
          num += row["numerator"].get<double>();
          den += row["denominator"].get<double>();
          start += row["start_mrr"].get<double>();
        }
        EXPECT_NEAR(start, cohort["start_mrr"].get<double>(), 1e-6) << cell;
        EXPECT_NEAR(num / den, values[age].get<double>(), 1e-9) << metric << " " << cell;
        EXPECT_NEAR(drill["value"].get<double>(), values[age].get<double>(), 1e-9) << cell;
        ++checked;
      }
    }
    EXPECT_GT(checked, 40) << metric;
    // The weighted average row.
    const auto& avg = report["weighted_average"];
    for (size_t age : {size_t{0}, size_t{6}}) {
      auto drill = Get(std::string("/api/drilldown/cohorts?metric=") + metric +
                       "&cell=average:" + std::to_string(age));
      double num = 0, den = 0;
      for (const auto& row : drill["rows"]) {
        num += row["numerator"].get<double>();
        den += row["denominator"].get<double>();
      }
      EXPECT_NEAR(num / den, avg[age].get<double>(), 1e-9) << metric << " average " << age;
    }
  }
  // One segment of a segmented triangle, named by the filter or in the cell.
  auto seg = Get("/api/cohorts?segment_by=segment&segment=Logistics");
  const auto& cohort = seg["cohorts"][2];
  auto by_filter = Get("/api/drilldown/cohorts?segment_by=segment&segment=Logistics&cell=" +
                       cohort["cohort"].get<std::string>() + ":1");
  EXPECT_EQ(by_filter["rows"].size(), cohort["accounts"].get<size_t>());
  EXPECT_NEAR(by_filter["value"].get<double>(), cohort["values"][1].get<double>(), 1e-9);
  auto by_cell = Get("/api/drilldown/cohorts?segment_by=segment&cell=" + cohort["cohort"].get<std::string>() +
                     ":Logistics:1");
  EXPECT_EQ(by_cell["rows"], by_filter["rows"]);
}

TEST_F(DemoApiTest, BowtieCellsListTheUnitsThatEnteredAndConverted) {
  auto report = Get("/api/bowtie?period=quarter");
  int checked = 0;
  for (const auto& row : report["rows"]) {
    if (row["segment"] != "all" || row["entered"].get<int64_t>() == 0) continue;
    std::string cell = row["period"].get<std::string>() + ":" + row["stage"].get<std::string>() + ":";
    auto entered = Get("/api/drilldown/bowtie?period=quarter&cell=" + cell + "entered");
    EXPECT_EQ(entered["rows"].size(), row["entered"].get<size_t>()) << cell;
    if (row["converted"].is_null()) continue;
    auto converted = Get("/api/drilldown/bowtie?period=quarter&cell=" + cell + "converted");
    EXPECT_EQ(converted["rows"].size(), row["converted"].get<size_t>()) << cell;
    for (const auto& unit : converted["rows"]) EXPECT_EQ(unit["status"], "converted") << cell;
    auto open = Get("/api/drilldown/bowtie?period=quarter&cell=" + cell + "still_open");
    EXPECT_EQ(open["rows"].size(), row["still_open"].get<size_t>()) << cell;
    auto rate = Get("/api/drilldown/bowtie?period=quarter&cell=" + cell + "conversion_rate");
    EXPECT_EQ(rate["rows"].size(), row["entered"].get<size_t>()) << cell;
    EXPECT_NEAR(rate["conversion_rate"].get<double>(), row["conversion_rate"].get<double>(), 1e-9) << cell;
    ++checked;
  }
  EXPECT_GT(checked, 20);
  // Mode period: the entries into the next stage over the entries into this one.
  auto period = Get("/api/bowtie?mode=period&period=quarter");
  int rates = 0;
  for (const auto& row : period["rows"]) {
    if (row["segment"] != "all" || row["conversion_rate"].is_null()) continue;
    std::string cell =
        row["period"].get<std::string>() + ":" + row["stage"].get<std::string>() + ":conversion_rate";
    auto drill = Get("/api/drilldown/bowtie?mode=period&period=quarter&cell=" + cell);
    EXPECT_EQ(drill["denominator"].get<int64_t>(), row["entered"].get<int64_t>()) << cell;
    EXPECT_NEAR(static_cast<double>(drill["rows"].size()) / row["entered"].get<double>(),
                row["conversion_rate"].get<double>(), 1e-9)
        << cell;
    ++rates;
  }
  EXPECT_GT(rates, 10);
}

TEST_F(DemoApiTest, CustomerClassesAndMatrixCellsListTheirAccounts) {
  auto report = Get("/api/customers");
  std::map<std::string, size_t> by_class;
  for (const auto& row : report["rows"]) ++by_class[row["class"].get<std::string>()];
  ASSERT_GE(by_class.size(), 3u);
  for (const auto& [klass, count] : by_class) {
    auto drill = Get("/api/drilldown/customers?cell=" + klass);
    EXPECT_EQ(drill["rows"].size(), count) << klass;
    EXPECT_EQ(drill["accounts"].get<size_t>(), count) << klass;
    for (const auto& row : drill["rows"]) EXPECT_EQ(row["class"], klass);
    // The report's own note counts the class too.
    EXPECT_NE(report["notes"][0].get<std::string>().find(klass + " " + std::to_string(count)),
              std::string::npos)
        << klass;
  }
  size_t matrix_total = 0;
  for (const auto& [key, value] : report["matrix"].items()) {
    auto drill = Get("/api/drilldown/customers?cell=" + key);
    EXPECT_EQ(drill["rows"].size(), value.get<size_t>()) << key;
    matrix_total += drill["rows"].size();
  }
  EXPECT_EQ(matrix_total, report["rows"].size());
}

TEST_F(DemoApiTest, WinRateCellsListTheClosedDeals) {
  auto report = Get("/api/pipeline?period=quarter");
  int checked = 0;
  for (const auto& row : report["rows"]) {
    if (row["segment"] != "all") continue;
    for (const char* type : {"new", "expansion"}) {
      std::string t = type;
      int64_t won = row["won_" + t].get<int64_t>(), lost = row["lost_" + t].get<int64_t>();
      std::string base =
          "/api/drilldown/pipeline?period=quarter&cell=" + row["period"].get<std::string>() + ":";
      auto all = Get(base + "win_rate_" + t);
      size_t won_rows = 0;
      double won_amount = 0, closed_amount = 0;
      for (const auto& deal : all["rows"]) {
        EXPECT_EQ(deal["type"], t);
        bool is_won = deal["status"] == "won";
        won_rows += is_won;
        if (!deal["amount"].is_null()) {
          closed_amount += deal["amount"].get<double>();
          if (is_won) won_amount += deal["amount"].get<double>();
        }
      }
      EXPECT_EQ(all["rows"].size(), static_cast<size_t>(won + lost)) << base << t;
      EXPECT_EQ(won_rows, static_cast<size_t>(won)) << base << t;
      if (won + lost > 0) {
        EXPECT_NEAR(static_cast<double>(won_rows) / all["rows"].size(), row["win_rate_" + t].get<double>(),
                    1e-9);
        if (closed_amount > 0) {
          EXPECT_NEAR(won_amount / closed_amount, row["win_rate_" + t + "_value"].get<double>(), 1e-9);
        }
        ++checked;
      }
      EXPECT_EQ(Get(base + "won_" + t)["rows"].size(), static_cast<size_t>(won));
      EXPECT_EQ(Get(base + "lost_" + t)["rows"].size(), static_cast<size_t>(lost));
    }
  }
  EXPECT_GT(checked, 8);
  // A segment's win rate.
  auto seg = Get("/api/pipeline?segment_by=segment&segment=Logistics&period=year");
  const auto& row = seg["rows"].back();
  auto drill = Get("/api/drilldown/pipeline?segment_by=segment&segment=Logistics&period=year&cell=" +
                   row["period"].get<std::string>() + ":win_rate_new");
  EXPECT_EQ(drill["rows"].size(),
            static_cast<size_t>(row["won_new"].get<int64_t>() + row["lost_new"].get<int64_t>()));
}

TEST_F(DemoApiTest, BadCellsAre400WithAClearMessage) {
  using E = std::pair<int, std::string>;
  EXPECT_EQ(GetError("/api/drilldown/cohorts"), (E{400,
                                                   "--cell is required (COHORT:AGE or COHORT:SEGMENT:AGE, "
                                                   "e.g. 2019-03:2; average:AGE for the weighted average)"}));
  EXPECT_EQ(GetError("/api/drilldown/cohorts?cell=2025-01"),
            (E{400,
               "--cell: '2025-01' is not COHORT:AGE or COHORT:SEGMENT:AGE, e.g. 2019-03:2; average:AGE for "
               "the weighted average"}));
  EXPECT_EQ(GetError("/api/drilldown/cohorts?cell=2025-01:x"),
            (E{400, "--cell: age 'x' is not a whole number of periods"}));
  EXPECT_EQ(GetError("/api/drilldown/cohorts?cell=1999-01:0"),
            (E{400, "--cell: no cohort '1999-01' in the cohorts report"}));
  EXPECT_EQ(GetError("/api/drilldown/cohorts?cell=2025-12:3"),
            (E{400, "--cell: cohort 2025-12 has no age 3 yet"}));
  EXPECT_EQ(GetError("/api/drilldown/cohorts?segment_by=segment&cell=2025-01:1").first, 400);
  EXPECT_EQ(GetError("/api/drilldown/cohorts?metric=nrx&cell=2025-01:1"),
            (E{400, "--metric: unknown metric 'nrx' (expected nrr, grr or logo)"}));
  EXPECT_EQ(
      GetError("/api/drilldown/bowtie?cell=2025-01:selection"),
      (E{400, "--cell: '2025-01:selection' is not PERIOD:STAGE:FIELD, e.g. 2024-03:selection:converted"}));
  EXPECT_EQ(GetError("/api/drilldown/bowtie?cell=2025-01:selektion:entered"),
            (E{400, "--cell: unknown stage 'selektion', did you mean 'selection'?"}));
  EXPECT_EQ(GetError("/api/drilldown/bowtie?cell=2025-01:selection:convertd"),
            (E{400, "--cell: unknown field 'convertd' for mode cohort, did you mean 'converted'?"}));
  EXPECT_EQ(
      GetError("/api/drilldown/bowtie?mode=period&cell=2025-01:selection:converted"),
      (E{400, "--cell: field 'converted' needs mode cohort (mode period has entered and conversion_rate)"}));
  EXPECT_EQ(GetError("/api/drilldown/bowtie?cell=2025-01:advocacy:converted"),
            (E{400, "--cell: advocacy is the last stage; only 'entered' drills down"}));
  EXPECT_EQ(GetError("/api/drilldown/bowtie?cell=1999-01:selection:entered"),
            (E{400, "--cell: no period '1999-01' in the bowtie report"}));
  EXPECT_EQ(GetError("/api/drilldown/customers?cell=idael"),
            (E{400, "--cell: unknown class or fit x health cell 'idael', did you mean 'ideal'?"}));
  EXPECT_EQ(GetError("/api/drilldown/customers?cell=good&account=1"),
            (E{400, "--cell lists accounts; give it without account"}));
  EXPECT_EQ(GetError("/api/drilldown/pipeline?cell=2025-01:acv"),
            (E{400,
               "--cell: unknown field 'acv' (the pipeline drills down from won_new, lost_new, win_rate_new, "
               "win_rate_new_value and the same for expansion, pipeline_generated, opportunities_created_new "
               "and _expansion, qualified_leads, lvr and the "
               "sales and expansion cycle median, mean, p75 and p90)"}));
  EXPECT_EQ(GetError("/api/drilldown/pipeline?cell=2025-01:pipeline_generated").first, 200);
  EXPECT_EQ(GetError("/api/drilldown/pipeline?cell=2025-01:win_rate_nwe"),
            (E{400, "--cell: unknown field 'win_rate_nwe', did you mean 'win_rate_new'?"}));
  EXPECT_EQ(GetError("/api/drilldown/pipeline?cell=1999-01:win_rate_new"),
            (E{400, "--cell: no period '1999-01' in the pipeline report"}));
  EXPECT_EQ(GetError("/api/drilldown/waterfall?cell=x"),
            (E{404,
               "no drill-down for 'waterfall' (available: revenue, flywheel, cohorts, bowtie, customers, "
               "pipeline, ttv, efficiency)"}));
}

// ---- exports in every encoding: no answer fails on their text ----------------------------

std::string Encodings(const std::string& name) { return SourceDir() + "/tests/fixtures/encodings/" + name; }

// The answer of every report of the registry (plain, and by segment), for one data folder.
std::map<std::string, std::pair<int, std::string>> EveryAnswer(const std::string& data_dir) {
  RunningServer server(RateLimit{0, 0}, data_dir);
  std::map<std::string, std::pair<int, std::string>> out;
  for (const ReportSpec& spec : Reports()) {
    for (const std::string query : {"", "?segment_by=segment"}) {
      const std::string path = "/api/" + std::string(spec.name) + query;
      auto r = server.Client().Get(path);
      EXPECT_TRUE(r) << path;
      if (r) out[path] = {r->status, r->body};
    }
  }
  return out;
}

// Windows-1252, UTF-16 and CR-only exports answer exactly as the UTF-8 one: no 5xx, valid
// UTF-8, the same bytes; accented segment names come through as text.
TEST(EncodedExportsApiTest, EveryAnswerIsTheSameInEveryEncoding) {
  const auto utf8 = EveryAnswer(Encodings("utf8"));
  ASSERT_FALSE(utf8.empty());
  EXPECT_NE(utf8.at("/api/revenue?segment_by=segment").second.find("Caf\xC3\xA9 & H\xC3\xB4tellerie"),
            std::string::npos);
  for (const char* encoding : {"windows-1252", "utf16le", "utf16be", "cr"}) {
    const auto answers = EveryAnswer(Encodings(encoding));
    for (const auto& [path, answer] : answers) {
      EXPECT_LT(answer.first, 500) << encoding << " " << path << " " << answer.second;
      EXPECT_FALSE(FindInvalidUtf8(answer.second).has_value()) << encoding << " " << path;
      EXPECT_EQ(answer, utf8.at(path)) << encoding << " " << path;
    }
  }
}

// A row with bytes that are not UTF-8 is set aside at load; nothing of it reaches an answer.
TEST(EncodedExportsApiTest, BytesThatAreNotUtf8NeverReachAnAnswer) {
  for (const auto& [path, answer] : EveryAnswer(Encodings("invalid"))) {
    EXPECT_LT(answer.first, 500) << path << " " << answer.second;
    EXPECT_FALSE(FindInvalidUtf8(answer.second).has_value()) << path;
  }
  RunningServer server(RateLimit{0, 0}, Encodings("utf8"));
  auto bad = server.Client().Get("/api/revenue?segment_by=segment&segment=Caf%E9");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(bad->body, "{\"error\":\"bad query string: a value is not valid UTF-8\"}\n");
  auto good = server.Client().Get("/api/revenue?segment_by=segment&segment=Gro%C3%9Fhandel");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200);
  EXPECT_NE(good->body.find("\"segment\": \"Gro\xC3\x9F"
                            "handel\""),
            std::string::npos)
      << good->body;
}

}  // namespace
}  // namespace flywheel
