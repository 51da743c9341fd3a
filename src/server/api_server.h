// ApiServer: the HTTP API of `flywheel serve` (docs/API.md): every report of the registry
// as GET /api/<report>, drill-downs, health, and the embedded dashboard, on the transport of
// server/http_server.h.
//
// The data is loaded once by the caller and shared read-only by the worker threads; every
// request recomputes its report from it. The server may listen before the data is loaded
// (Publish): until then the API answers 503 "loading" and the dashboard waits. Handlers never throw out:
// exceptions become a JSON error, and bad input is answered 400/404/413/429, never 500.
//
// Security defaults: binds 127.0.0.1 unless told otherwise; answers only requests whose Host
// is this server's loopback name or one allowed by name (421 otherwise: no DNS rebinding);
// writes (POST) need "Authorization: Bearer <token>" (compared in constant time), and on an
// address beyond loopback every /api/ request does; every answer carries a strict
// Content-Security-Policy, nosniff, DENY framing and no referrer; static files come only from
// the embedded asset table; each client has a token bucket; work-size parameters are capped.
// Writes store sales-program applications and decisions in the --workspace database
// (docs/PROGRAMS.md); a server over --data answers them 400.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "programs/program_desk.h"
#include "reports/report_input.h"
#include "server/http_server.h"
#include "server/rate_limiter.h"

namespace flywheel {

struct ServerOptions {
  std::string host = "127.0.0.1";  // default: loopback only
  int port = 8080;                 // 0: the system picks a free port
  // Bearer token for writes, and for every /api/ request when `host` is not a loopback
  // address; "": every write is refused (401), and a host beyond loopback cannot be bound.
  std::string token;
  // Host header names answered besides 127.0.0.1, localhost and [::1] (with the port) and
  // `host` itself: "name" allows it with any port, "name:port" with that port only.
  std::vector<std::string> allowed_hosts;
  size_t max_body_bytes = 64 * 1024;  // larger request bodies get 413
  RateLimit rate_limit;               // per client; per_second 0 turns it off
  HttpLimits limits;                  // connections, timeouts, sizes (max_body_bytes wins)
  bool stop_on_signals = false;       // SIGINT and SIGTERM make Serve() return
  // Sales programs (--programs) over the same data; null: none defined (program paths 404).
  // Shared because the handler threads read it; it borrows the Input's data set.
  std::shared_ptr<const ProgramDesk> programs;
  // The time stored with applications and decisions; default $FLYWHEEL_NOW or the clock.
  std::function<Result<std::string>()> now = ProgramClockNow;
};

class ApiServer {
 public:
  // `input` is shared by the handler threads (and may outlive the server), hence shared_ptr.
  ApiServer(std::shared_ptr<const Input> input, ServerOptions options);
  // A server whose data is still loading: it binds and answers at once — the dashboard's
  // files, and every /api/ path with 503 {"status": "loading"} and Retry-After — until
  // Publish() hands it the data. `flywheel serve` listens this way before it loads.
  explicit ApiServer(ServerOptions options);
  // Makes the server answer from `input` (and `programs`, which may be null: no sales
  // programs); safe from another thread while Serve() runs. Call it once.
  void Publish(std::shared_ptr<const Input> input, std::shared_ptr<const ProgramDesk> programs);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the listening socket; returns the port (the chosen one for port 0), kIo "cannot
  // listen on HOST:PORT: REASON", or kUsage when `host` is beyond loopback without a token.
  Result<int> Bind();
  // Answers requests until Stop(). REQUIRES: Bind() succeeded.
  void Serve();
  // Makes Serve() return; safe from another thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True when `given` equals `expected`, in time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view given, std::string_view expected);

// True when a request target could name a path outside the asset table: "..", "%2e",
// "%2f", "%5c" or a backslash, in any case.
bool LooksLikeTraversal(std::string_view target);

// The token of an Authorization header of the Bearer scheme (its name in any case, RFC 9110
// §11.1), or "" for any other header.
std::string_view BearerToken(std::string_view authorization);

// Caps on the parameters that set how much work one request makes (docs/API.md): above
// them the API answers 400. The CLI has its own, wider ranges.
inline constexpr int64_t kMaxApiDraws = 100000;
inline constexpr int64_t kMaxApiForecastPeriods = 1200;

}  // namespace flywheel
