// Hostile clients against the real `flywheel serve` (the built binary, on a loopback port):
// requests an attacker or a careless client would make, each bounded in time. Every read
// here has a deadline, so a server that hangs fails the test instead of stalling it.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "base/strings.h"
#include "server/api_server.h"
#include "server/content_encoding.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string SourceDir() {
  const char* dir = std::getenv("FLYWHEEL_SOURCE_DIR");
  return dir ? dir : FLYWHEEL_TEST_SOURCE_DIR;
}
std::string Binary() {
  const char* bin = std::getenv("FLYWHEEL_BINARY");
  return bin ? bin : "flywheel";
}
std::string Playbook() { return SourceDir() + "/tests/fixtures/mrr-playbook"; }

// What a command printed and how it ended.
struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

// Runs flywheel with `args` to its end (the refusals below exit at once).
Outcome RunFlywheel(const std::vector<std::string>& args) {
  fs::path dir = fs::temp_directory_path() / ("flywheel_hostile_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string command = Binary();
  for (const auto& a : args) command += " '" + a + "'";
  command += " >" + (dir / "out").string() + " 2>" + (dir / "err").string() + " </dev/null";
  Outcome o;
  int status = std::system(command.c_str());
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  o.out = slurp(dir / "out");
  o.err = slurp(dir / "err");
  fs::remove_all(dir);
  return o;
}

// Starts `flywheel serve --port 0 ARGS` with its standard output on the pipe `out` and, when
// `err` is given, its standard error on that one; the parent keeps the read ends.
pid_t SpawnServe(const std::vector<std::string>& args, int out[2], int* err = nullptr) {
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    if (err) dup2(err[1], 2);
    for (int fd : {out[0], out[1]}) close(fd);
    if (err)
      for (int fd : {err[0], err[1]}) close(fd);
    std::vector<std::string> all = {Binary(), "serve", "--port", "0"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  if (err) close(err[1]);
  return pid;
}

// `flywheel serve ARGS --port 0` for the life of the object.
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args) {
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    pid_ = SpawnServe(args, out);
    // The first line names the port: "flywheel: serving http://127.0.0.1:PORT/ (...)".
    std::string line;
    auto deadline = Clock::now() + std::chrono::seconds(60);
    while (line.find('\n') == std::string::npos && Clock::now() < deadline) {
      pollfd p{out[0], POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char buf[256];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, n);
    }
    close(out[0]);
    std::smatch m;
    if (std::regex_search(line, m, std::regex(R"(:(\d+)/ )"))) port_ = std::stoi(m[1]);
    EXPECT_GT(port_, 0) << "the server did not start: " << line;
  }
  ~ServeProcess() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string Host() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// One TCP connection with deadline-bounded reads.
class Connection {
 public:
  explicit Connection(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Connection() {
    if (fd_ >= 0) close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool connected() const { return connected_; }

  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(n);
    }
    return true;
  }

  // The next answer, or nullopt when none is complete within `timeout` or the server
  // closed the connection first. Reads bodies by Content-Length (the server always sends it);
  // `head`: the answer to a HEAD request, which has none.
  std::optional<Response> Read(milliseconds timeout = milliseconds(10000), bool head_request = false) {
    auto deadline = Clock::now() + timeout;
    size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill(deadline)) return std::nullopt;
    }
    Response r;
    std::string head = buffer_.substr(0, header_end);
    size_t line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    if (status_line.size() < 12) return std::nullopt;
    r.status = std::stoi(status_line.substr(9, 3));
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t next = head.find("\r\n", pos);
      if (next == std::string::npos) next = head.size();
      std::string line = head.substr(pos, next - pos);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        r.headers[ToLower(line.substr(0, colon))] = std::string(Trim(line.substr(colon + 1)));
      }
      pos = next + 2;
    }
    size_t length =
        r.headers.count("content-length") && !head_request ? std::stoul(r.headers["content-length"]) : 0;
    buffer_.erase(0, header_end + 4);
    while (buffer_.size() < length) {
      if (!Fill(deadline)) return std::nullopt;
    }
    r.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return r;
  }

  // True when the server closes the connection within `timeout`.
  bool ClosedWithin(milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      int left = static_cast<int>(std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count());
      if (poll(&p, 1, std::max(left, 1)) <= 0) continue;
      char buf[4096];
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
    }
    return false;
  }

 private:
  bool Fill(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) return false;
    char buf[65536];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer_.append(buf, n);
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

std::string Get(const std::string& path, const std::string& host, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "\r\n";
}

// One request on a new connection.
std::optional<Response> Fetch(int port, const std::string& request,
                              milliseconds timeout = milliseconds(10000)) {
  Connection c(port);
  if (!c.connected() || !c.Send(request)) return std::nullopt;
  return c.Read(timeout);
}

std::string ErrorOf(const Response& r) {
  return nlohmann::json::parse(r.body).at("error").get<std::string>();
}

// The dashboard's script, by the name index.html gives it.
std::string ScriptPath(const ServeProcess& s) {
  auto index = Fetch(s.port(), Get("/", s.Host()));
  EXPECT_TRUE(index);
  if (!index) return "";
  std::smatch m;
  EXPECT_TRUE(std::regex_search(index->body, m, std::regex(R"(src="\.?(/assets/[^"]+\.js)\")")));
  return m.empty() ? "" : m[1].str();
}

// Health on a new connection must answer within a second while others misbehave.
void ExpectHealthWithinASecond(const ServeProcess& s) {
  auto start = Clock::now();
  auto r = Fetch(s.port(), Get("/api/health", s.Host()), milliseconds(1000));
  auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
  ASSERT_TRUE(r) << "no answer from /api/health within 1 s";
  EXPECT_EQ(r->status, 200);
  EXPECT_LT(took, 1000);
}

class HostileClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServeProcess(
        {"--data", Playbook(), "--segments", SourceDir() + "/examples/segments.toml", "--rate-limit", "0"});
  }
  static void TearDownTestSuite() { delete server_; }
  static ServeProcess* server_;
};
ServeProcess* HostileClientTest::server_ = nullptr;

// Overlapping ranges once made one small request allocate hundreds of megabytes: the answer
// is now the whole file, once, whatever the Range header asks.
TEST_F(HostileClientTest, ManyRangesGetTheWholeFileOnce) {
  const std::string script = ScriptPath(*server_);
  ASSERT_FALSE(script.empty());
  auto plain = Fetch(server_->port(), Get(script, server_->Host()));
  ASSERT_TRUE(plain);
  const size_t size = plain->body.size();
  for (int ranges : {2, 300, 2600}) {
    std::string spec = "bytes=0-";
    for (int i = 1; i < ranges; ++i) spec += ",0-";
    auto r = Fetch(server_->port(), Get(script, server_->Host(), "Range: " + spec + "\r\n"));
    ASSERT_TRUE(r) << ranges;
    EXPECT_EQ(r->status, 200) << ranges;
    EXPECT_EQ(r->body.size(), size) << ranges;
    EXPECT_EQ(r->headers.count("content-range"), 0u);
  }
}

TEST_F(HostileClientTest, OversizedHeadersAre431) {
  auto r = Fetch(server_->port(),
                 Get("/api/health", server_->Host(), "X-Filler: " + std::string(9000, 'a') + "\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(ErrorOf(*r), "the request header is larger than 8192 bytes");
}

// Clients that send a header one byte at a time hold a socket each, never a thread.
TEST_F(HostileClientTest, SlowHeaderClientsDoNotStarveOthers) {
  std::vector<std::unique_ptr<Connection>> slow;
  for (int i = 0; i < 16; ++i) {
    slow.push_back(std::make_unique<Connection>(server_->port()));
    ASSERT_TRUE(slow.back()->connected());
  }
  const std::string header = Get("/api/health", server_->Host());
  for (size_t byte = 0; byte < 6; ++byte) {
    for (auto& c : slow) c->Send(header.substr(byte, 1));
    ExpectHealthWithinASecond(*server_);
    std::this_thread::sleep_for(milliseconds(200));
  }
}

// The heaviest requests the API allows run on worker threads; health does not wait for them.
TEST_F(HostileClientTest, HeavyRequestsDoNotStarveHealth) {
  std::vector<std::thread> heavy;
  std::atomic<int> answered{0};
  for (int i = 0; i < 8; ++i) {
    heavy.emplace_back([&, i] {
      auto r = Fetch(server_->port(),
                     Get("/api/segments/sensitivity?draws=100000&seed=" + std::to_string(i), server_->Host()),
                     milliseconds(120000));
      if (r && (r->status == 200 || r->status == 503)) ++answered;
    });
  }
  std::this_thread::sleep_for(milliseconds(100));
  for (int i = 0; i < 5; ++i) {
    ExpectHealthWithinASecond(*server_);
    std::this_thread::sleep_for(milliseconds(100));
  }
  for (auto& t : heavy) t.join();
  EXPECT_EQ(answered.load(), 8);
}

TEST_F(HostileClientTest, WorkSizesAboveTheCapsAre400) {
  auto r = Fetch(server_->port(), Get("/api/segments/sensitivity?draws=100001", server_->Host()));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(*r), "draws: 100001 is above the server's limit of 100000 (docs/API.md)");
  r = Fetch(server_->port(), Get("/api/market/forecast?m=1000&periods=1201", server_->Host()));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(*r), "periods: 1201 is above the server's limit of 1200 (docs/API.md)");
}

// DNS rebinding: a page of another site that resolves its name to 127.0.0.1 sends its own
// name as Host.
TEST_F(HostileClientTest, ForeignHostHeadersAre421) {
  for (const std::string& host :
       std::vector<std::string>{"evil.example", "evil.example:" + std::to_string(server_->port()),
                                "127.0.0.1:1", "localhost.evil.example", "127.0.0.1"}) {
    auto r = Fetch(server_->port(), Get("/api/drilldown/customers?cell=ideal", host));
    ASSERT_TRUE(r) << host;
    EXPECT_EQ(r->status, 421) << host;
    EXPECT_EQ(ErrorOf(*r), "this server does not answer for the host '" + host +
                               "' (start it with --allow-host NAME to answer for another name)");
  }
  const std::string port = std::to_string(server_->port());
  for (const std::string& host : std::vector<std::string>{"127.0.0.1:" + port, "localhost:" + port,
                                                          "LocalHost:" + port, "[::1]:" + port}) {
    auto r = Fetch(server_->port(), Get("/api/health", host));
    ASSERT_TRUE(r) << host;
    EXPECT_EQ(r->status, 200) << host;
  }
  auto r = Fetch(server_->port(), "GET /api/health HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(*r), "the request has no Host header");
}

TEST(HostileClientAllowHostTest, AllowedNamesAreAnswered) {
  ServeProcess s(
      {"--data", Playbook(), "--allow-host", "flywheel.example", "--allow-host", "fw.example:8443"});
  for (const char* host : {"flywheel.example", "flywheel.example:443", "fw.example:8443"}) {
    auto r = Fetch(s.port(), Get("/api/health", host));
    ASSERT_TRUE(r) << host;
    EXPECT_EQ(r->status, 200) << host;
  }
  auto r = Fetch(s.port(), Get("/api/health", "fw.example:443"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 421);
}

TEST_F(HostileClientTest, EveryAnswerCarriesTheSecurityHeaders) {
  const std::string script = ScriptPath(*server_);
  for (const std::string& path : std::vector<std::string>{"/", script, "/api/revenue", "/api/health",
                                                          "/api/nothing", "/no-such-file"}) {
    auto r = Fetch(server_->port(), Get(path, server_->Host(), "Accept-Encoding: gzip, br\r\n"));
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->headers["content-security-policy"],
              "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: "
              "blob:; "
              "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
              "frame-ancestors 'none'")
        << path;
    EXPECT_EQ(r->headers["x-content-type-options"], "nosniff") << path;
    EXPECT_EQ(r->headers["x-frame-options"], "DENY") << path;
    EXPECT_EQ(r->headers["referrer-policy"], "no-referrer") << path;
  }
  // The transport's own refusals too.
  auto r = Fetch(server_->port(),
                 Get("/api/health", server_->Host(), "X-Filler: " + std::string(9000, 'a') + "\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->headers["x-frame-options"], "DENY");
}

// Keep-alive requests are as fast as fresh ones: no Nagle delay on the answers.
TEST_F(HostileClientTest, KeepAliveRequestsAnswerWithoutDelay) {
  Connection c(server_->port());
  ASSERT_TRUE(c.connected());
  std::vector<double> ms;
  for (int i = 0; i < 50; ++i) {
    auto start = Clock::now();
    ASSERT_TRUE(c.Send(Get("/api/health", server_->Host())));
    auto r = c.Read();
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::nth_element(ms.begin(), ms.begin() + 25, ms.end());
  EXPECT_LT(ms[25], 10.0) << "median of 50 keep-alive requests";
}

TEST_F(HostileClientTest, AssetsAreCachedAndRevalidated) {
  const std::string script = ScriptPath(*server_);
  auto first = Fetch(server_->port(), Get(script, server_->Host(), "Accept-Encoding: gzip, deflate, br\r\n"));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->headers["content-encoding"], "br");
  EXPECT_EQ(first->headers["cache-control"], "public, max-age=31536000, immutable");
  const std::string etag = first->headers["etag"];
  ASSERT_FALSE(etag.empty());
  auto again = Fetch(server_->port(), Get(script, server_->Host(), "If-None-Match: " + etag + "\r\n"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto gzip = Fetch(server_->port(), Get(script, server_->Host(), "Accept-Encoding: gzip\r\n"));
  ASSERT_TRUE(gzip);
  EXPECT_EQ(gzip->headers["content-encoding"], "gzip");
  auto index = Fetch(server_->port(), Get("/", server_->Host()));
  ASSERT_TRUE(index);
  EXPECT_EQ(index->headers["cache-control"], "no-cache");
  auto index_again =
      Fetch(server_->port(), Get("/", server_->Host(), "If-None-Match: " + index->headers["etag"] + "\r\n"));
  ASSERT_TRUE(index_again);
  EXPECT_EQ(index_again->status, 304);
}

// Requests sent back to back on one connection are answered in order.
TEST_F(HostileClientTest, PipelinedRequestsAreAnsweredInOrder) {
  Connection c(server_->port());
  ASSERT_TRUE(c.Send(Get("/api/health", server_->Host()) + Get("/api/revenue?period=year", server_->Host()) +
                     Get("/nothing-here", server_->Host()) +
                     Get("/api/revenue?period=week", server_->Host())));
  auto a = c.Read(), b = c.Read(), d = c.Read(), e = c.Read();
  ASSERT_TRUE(a && b && d && e);
  EXPECT_EQ(a->status, 200);
  EXPECT_NE(a->body.find("\"status\":\"ok\""), std::string::npos);
  EXPECT_EQ(b->status, 200);
  EXPECT_EQ(nlohmann::json::parse(b->body)["period"], "year");
  EXPECT_EQ(d->status, 404);
  EXPECT_EQ(e->status, 400);
}

// More connections from one address than the limit: the extra ones are refused at once.
TEST_F(HostileClientTest, ConnectionsPerClientAreBounded) {
  std::vector<std::unique_ptr<Connection>> idle;
  for (int i = 0; i < 32; ++i) idle.push_back(std::make_unique<Connection>(server_->port()));
  std::this_thread::sleep_for(milliseconds(200));
  Connection extra(server_->port());
  auto r = extra.Read(milliseconds(2000));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(ErrorOf(*r), "too many connections; try again shortly");
  idle.clear();
  std::this_thread::sleep_for(milliseconds(200));
  ExpectHealthWithinASecond(*server_);
}

TEST(HostileClientStartTest, BadPortsAndLimitsAreUsageErrors) {
  auto o = RunFlywheel({"serve", "--data", Playbook(), "--port", "70000"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_EQ(o.err, "--port: Value 70000 not in range 0 to 65535\nRun with --help for more information.\n");
  o = RunFlywheel({"serve", "--data", Playbook(), "--port", "-1"});
  EXPECT_EQ(o.exit_code, 2);
  o = RunFlywheel({"serve", "--data", Playbook(), "--rate-limit", "nan"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_EQ(
      o.err,
      "flywheel: error: --rate-limit: nan is not a number of requests per second (0 turns the limit off)\n");
  o = RunFlywheel({"serve", "--data", Playbook(), "--burst", "0"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_EQ(o.err, "flywheel: error: --burst: 0 is not a number of requests (at least 1)\n");
  o = RunFlywheel({"serve", "--data", Playbook(), "--host", "0.0.0.0"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_EQ(o.err,
            "flywheel: error: --host 0.0.0.0 is not a loopback address: serving beyond this machine needs "
            "--token-file "
            "(every API request then needs the token)\n");
  EXPECT_EQ(o.out, "");
}

// The server listens before it loads. With accounts.csv a named pipe the load waits until the
// test writes the file: until then the dashboard's files are served and every /api/ path
// answers 503 "loading" with Retry-After; the "serving" line follows the load, and the numbers
// after it.
TEST(HostileClientStartTest, AnswersWhileTheDataLoads) {
  fs::path dir = fs::temp_directory_path() / ("flywheel_loading_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(Playbook() + "/subscriptions.csv", dir / "subscriptions.csv");
  ASSERT_EQ(mkfifo((dir / "accounts.csv").c_str(), 0600), 0);
  int out[2], err[2];
  ASSERT_EQ(pipe(out), 0);
  ASSERT_EQ(pipe(err), 0);
  pid_t pid = SpawnServe({"--data", dir.string()}, out, err);
  // A line from `fd`, within 30 s.
  auto read_line = [](int fd) {
    std::string line;
    auto deadline = Clock::now() + std::chrono::seconds(30);
    char c;
    while (Clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      if (read(fd, &c, 1) != 1 || c == '\n') break;
      line += c;
    }
    return line;
  };
  std::string listening = read_line(err[0]);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      listening, m, std::regex(R"(^flywheel: listening on http://127\.0\.0\.1:(\d+)/, loading the data$)")))
      << listening;
  const int port = std::stoi(m[1]);
  const std::string host = "127.0.0.1:" + std::to_string(port);
  for (const char* path : {"/api/health", "/api/revenue", "/api/drilldown/revenue?cell=2024-01:all:mrr"}) {
    auto r = Fetch(port, Get(path, host));
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 503) << path;
    EXPECT_EQ(r->headers["retry-after"], "1") << path;
    auto body = nlohmann::json::parse(r->body);
    EXPECT_EQ(body.at("status"), "loading") << path;
    EXPECT_EQ(body.at("error"), "the data is still loading; try again in a moment") << path;
  }
  auto index = Fetch(port, Get("/", host));
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  auto foreign = Fetch(port, Get("/api/health", "evil.example"));  // the host check comes first
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 421);
  {
    std::ifstream accounts(Playbook() + "/accounts.csv", std::ios::binary);
    std::ofstream pipe_end(dir / "accounts.csv", std::ios::binary);
    pipe_end << accounts.rdbuf();
  }
  std::string serving = read_line(out[0]);
  EXPECT_TRUE(serving.starts_with("flywheel: serving http://" + host + "/ (as of ")) << serving;
  auto health = Fetch(port, Get("/api/health", host));
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(nlohmann::json::parse(health->body).at("status"), "ok");
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(out[0]);
  close(err[0]);
  fs::remove_all(dir);
}

// Interrupted while the data loads (accounts.csv a named pipe nobody writes), the server ends
// at once, says so, and prints no "serving" line.
TEST(HostileClientStartTest, AnInterruptDuringTheLoadEndsAtOnce) {
  fs::path dir = fs::temp_directory_path() / ("flywheel_interrupted_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(Playbook() + "/subscriptions.csv", dir / "subscriptions.csv");
  ASSERT_EQ(mkfifo((dir / "accounts.csv").c_str(), 0600), 0);
  int out[2], err[2];
  ASSERT_EQ(pipe(out), 0);
  ASSERT_EQ(pipe(err), 0);
  pid_t pid = SpawnServe({"--data", dir.string()}, out, err);
  // Everything `fd` gives until it ends or `until` passes.
  auto read_all = [](int fd, Clock::time_point until) {
    std::string text;
    char buffer[4096];
    while (Clock::now() < until) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      ssize_t n = read(fd, buffer, sizeof buffer);
      if (n <= 0) break;
      text.append(buffer, static_cast<size_t>(n));
      if (text.find('\n') != std::string::npos && text.starts_with("flywheel: listening")) break;
    }
    return text;
  };
  std::string err_text = read_all(err[0], Clock::now() + std::chrono::seconds(30));
  ASSERT_TRUE(err_text.starts_with("flywheel: listening on http://127.0.0.1:")) << err_text;
  kill(pid, SIGINT);
  int status = 0;
  pid_t ended = 0;
  for (auto deadline = Clock::now() + std::chrono::seconds(10); ended == 0 && Clock::now() < deadline;) {
    ended = waitpid(pid, &status, WNOHANG);
    if (ended == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (ended == 0) {  // still waiting on the pipe: fail, and end it
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  EXPECT_EQ(ended, pid) << "the server did not end within 10 s of the interrupt";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  err_text += read_all(err[0], Clock::now() + std::chrono::seconds(2));
  EXPECT_TRUE(err_text.ends_with(", loading the data\nflywheel: stopped before the data was loaded\n"))
      << err_text;
  EXPECT_EQ(read_all(out[0], Clock::now() + std::chrono::seconds(2)), "");
  close(out[0]);
  close(err[0]);
  fs::remove_all(dir);
}

// A data set that cannot be loaded ends the server after it began to listen: the reason, and
// exit code 1.
TEST(HostileClientStartTest, DataThatCannotBeLoadedEndsTheServer) {
  fs::path dir = fs::temp_directory_path() / ("flywheel_no_data_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto o = RunFlywheel({"serve", "--data", dir.string(), "--port", "0"});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_TRUE(o.err.starts_with("flywheel: listening on http://127.0.0.1:")) << o.err;
  EXPECT_NE(o.err.find("\nflywheel: error: "), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
  fs::remove_all(dir);
}

// Beyond loopback every API request needs the token (the dashboard's files do not: they hold
// no data); the scheme's name is case-insensitive.
TEST(HostileClientStartTest, BeyondLoopbackReadsNeedTheToken) {
  fs::path token = fs::temp_directory_path() / ("flywheel_token_" + std::to_string(getpid()));
  std::ofstream(token) << "read-token-0123456789\n";
  ServeProcess s({"--data", Playbook(), "--host", "0.0.0.0", "--token-file", token.string()});
  auto r = Fetch(s.port(), Get("/api/health", s.Host()));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(ErrorOf(*r), "this server needs 'Authorization: Bearer <token>' with the token of --token-file");
  for (const std::string scheme : {"Bearer", "bearer", "BEARER"}) {
    r = Fetch(s.port(),
              Get("/api/health", s.Host(), "Authorization: " + scheme + " read-token-0123456789\r\n"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << scheme;
  }
  r = Fetch(s.port(), Get("/api/health", s.Host(), "Authorization: Bearer wrong-token-0123456789\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = Fetch(s.port(), Get("/", s.Host()));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  fs::remove(token);
}

// The transport's deadlines, with short limits on an in-process server.
class DeadlineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InputOptions io;
    io.data_dir = Playbook();
    auto in = LoadInput(io);
    ASSERT_TRUE(in.ok()) << in.status().message();
    ServerOptions options;
    options.port = 0;
    options.rate_limit = {0, 0};
    options.limits.header_timeout = milliseconds(400);
    options.limits.body_timeout = milliseconds(400);
    server_ = std::make_unique<ApiServer>(std::make_shared<const Input>(std::move(*in)), options);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok());
    port_ = *port;
    host_ = "127.0.0.1:" + std::to_string(port_);
    thread_ = std::thread([this] { server_->Serve(); });
  }
  void TearDown() override {
    server_->Stop();
    thread_.join();
  }
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::string host_;
};

TEST_F(DeadlineTest, AHeaderThatDoesNotArriveInTimeEndsTheConnection) {
  Connection slow(port_);
  ASSERT_TRUE(slow.Send("GET /api/health HTTP/1.1\r\nHo"));
  EXPECT_TRUE(slow.ClosedWithin(milliseconds(3000)));
  Connection idle(port_);  // never sends anything
  EXPECT_TRUE(idle.ClosedWithin(milliseconds(3000)));
  // A keep-alive connection stays open for the next request within the deadline.
  Connection c(port_);
  ASSERT_TRUE(c.Send(Get("/api/health", host_)));
  ASSERT_TRUE(c.Read());
  std::this_thread::sleep_for(milliseconds(100));
  ASSERT_TRUE(c.Send(Get("/api/health", host_)));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(DeadlineTest, ABodyThatDoesNotArriveInTimeEndsTheConnection) {
  Connection c(port_);
  ASSERT_TRUE(c.Send("POST /api/applications/1/decisions HTTP/1.1\r\nHost: " + host_ +
                     "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"dec"));
  EXPECT_TRUE(c.ClosedWithin(milliseconds(3000)));
}

// JSON answers are compressed for clients that accept it, and decompress to the same text.
TEST_F(DeadlineTest, JsonAnswersAreCompressedForClientsThatAcceptIt) {
  auto plain = Fetch(port_, Get("/api/revenue", host_));
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->headers.count("content-encoding"), 0u);
  EXPECT_EQ(plain->headers["vary"], "Accept-Encoding");
  EXPECT_EQ(plain->headers["cache-control"], "no-store");
  auto br = Fetch(port_, Get("/api/revenue", host_, "Accept-Encoding: gzip, br\r\n"));
  ASSERT_TRUE(br);
  EXPECT_EQ(br->headers["content-encoding"], "br");
  EXPECT_EQ(BrotliDecompress(br->body), plain->body);
  auto gz = Fetch(port_, Get("/api/revenue", host_, "Accept-Encoding: gzip\r\n"));
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->headers["content-encoding"], "gzip");
  EXPECT_EQ(GzipDecompress(gz->body), plain->body);
}

TEST_F(DeadlineTest, OtherMethodsAre405AndHeadHasNoBody) {
  auto r = Fetch(port_, "DELETE /api/health HTTP/1.1\r\nHost: " + host_ + "\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->headers["allow"], "GET, HEAD, POST");
  Connection c(port_);
  ASSERT_TRUE(c.Send("HEAD /api/health HTTP/1.1\r\nHost: " + host_ + "\r\n\r\n" + Get("/api/health", host_)));
  auto head = c.Read(milliseconds(2000), /*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  // The HEAD answer announces the GET body's length but sends none: the next answer follows.
  auto get = c.Read(milliseconds(2000));
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(std::stoul(head->headers["content-length"]), get->body.size());
  EXPECT_NE(get->body.find("\"status\":\"ok\""), std::string::npos);
}

}  // namespace
}  // namespace flywheel
