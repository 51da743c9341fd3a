// ApiServer: the HTTP API of `flywheel serve` (docs/API.md): every report of the registry
// as GET /api/<report>, drill-downs, health, and the embedded dashboard.
//
// The data is loaded once by the caller and shared read-only by the handler threads;
// every request recomputes its report from it. Handlers never throw out: exceptions become
// a JSON error, and bad input is answered 400/404/413/429, never 500.
//
// Security defaults: binds 127.0.0.1 unless told otherwise; writes (POST) need
// "Authorization: Bearer <token>" (compared in constant time); request bodies are limited;
// static files come only from the embedded asset table; each client has a token bucket.
// Writes store sales-program applications and decisions in the --workspace database
// (docs/PROGRAMS.md); a server over --data answers them 400.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "programs/program_desk.h"
#include "reports/report_input.h"
#include "server/rate_limiter.h"

namespace flywheel {

struct ServerOptions {
  std::string host = "127.0.0.1";      // default: loopback only
  int port = 8080;                     // 0: the system picks a free port
  std::string token;                   // bearer token for writes; "": every write is refused (401)
  size_t max_body_bytes = 64 * 1024;   // larger request bodies get 413
  RateLimit rate_limit;                // per client; per_second 0 turns it off
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
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the listening socket; returns the port (the chosen one for port 0), or kIo
  // "cannot listen on HOST:PORT".
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

}  // namespace flywheel
