// HttpServer: the HTTP/1.1 transport of `flywheel serve`, on Boost.Beast and Boost.Asio.
//
// Connections are handled asynchronously by one network thread, so a connection costs a
// socket and a buffer, not a thread: slow or idle clients cannot take the server's threads.
// Every phase has a deadline (a request header, a body, an answer's write), connections are
// bounded in all and per client address, header and body sizes are bounded, and requests are
// answered one after another on their connection (pipelining). Work that takes time (reports)
// runs on a separate pool of worker threads with a bounded queue; the network thread meanwhile
// goes on answering cheap requests (health, static files, refusals). Range requests are not
// supported: every answer is the whole resource (RFC 9110 §14.2 lets a server ignore Range).
//
// Thread-safety: Bind() and Serve() from one thread; Stop() from any thread. The handler's
// Triage() runs on the network thread, Work() on worker threads, concurrently.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace flywheel {

struct HttpRequest {
  std::string method;  // "GET", "HEAD", "POST", ...
  std::string target;  // as sent: "/api/revenue?period=quarter"
  std::string path;    // the target before '?', undecoded
  std::string query;   // after '?', undecoded; "" when none
  int version = 11;    // 10 or 11
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;  // "127.0.0.1", "::1"
  uint16_t remote_port = 0;
  bool remote_loopback = false;

  // The first header named `name` (case-insensitive), or "" when there is none.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;  // "" for none (304, 204)
  std::string body;
  std::string content_encoding;  // set when `body` is already compressed ("gzip", "br")
  std::vector<std::pair<std::string, std::string>> headers;
  bool compressible = false;  // the server may compress `body` for the client (JSON)
  bool close = false;         // close the connection after this answer
};

// {"error": message} with `status`; every error answer of the API has this shape.
HttpResponse JsonErrorResponse(int status, std::string_view message);

// Answers requests. Both functions must not throw (an exception becomes a 503 answer).
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // On the network thread, for every request: the answer when it can be given at once
  // (refusals, health, static files: cheap work only), or nullopt to have Work() answer.
  virtual std::optional<HttpResponse> Triage(const HttpRequest& request) = 0;
  // On a worker thread: the answer to a request Triage() passed on.
  virtual HttpResponse Work(const HttpRequest& request) = 0;
};

// Limits of the transport; each has its default where it is declared (docs/API.md).
struct HttpLimits {
  size_t max_header_bytes = 8 * 1024;   // request line and headers; larger: 431
  size_t max_body_bytes = 64 * 1024;    // larger: 413
  int max_connections = 256;            // open at once; more: 503 and closed
  int max_connections_per_client = 32;  // open at once from one address; more: 503 and closed
  int max_queued_work = 64;             // requests in or waiting for Work(); more: 503
  int worker_threads = 0;               // Work() threads; 0: the machine's hardware threads (>= 2)
  // A complete request header must arrive within this time of the connection's start or of
  // its previous answer (so it is also the keep-alive idle time).
  std::chrono::milliseconds header_timeout{15000};
  std::chrono::milliseconds body_timeout{30000};   // a request body, from the end of its header
  std::chrono::milliseconds write_timeout{60000};  // an answer, from its first byte
  size_t compress_min_bytes = 1024;                // smaller compressible answers go uncompressed
};

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: the system picks a free port
  HttpLimits limits;
  // Added to every answer, the transport's own error answers included.
  std::vector<std::pair<std::string, std::string>> headers;
  bool stop_on_signals = false;  // SIGINT and SIGTERM make Serve() return
};

class HttpServer {
 public:
  // `handler` must outlive the server.
  HttpServer(HttpServerOptions options, HttpHandler* handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket and, with stop_on_signals, catches SIGINT and SIGTERM from then
  // on; returns the port (the chosen one for port 0), or kIo
  // "cannot listen on HOST:PORT: REASON".
  Result<int> Bind();
  // Answers requests until Stop() (or a signal, with stop_on_signals). REQUIRES: Bind() ok.
  void Serve();
  // Makes Serve() return; safe from any thread, before or during Serve().
  void Stop();

  struct Impl;  // the listener, connections and workers (http_server.cc)

 private:
  std::unique_ptr<Impl> impl_;
};

// True for 127.0.0.0/8, ::1, ::ffff:127.x.x.x and "localhost".
bool IsLoopbackHost(std::string_view host);

}  // namespace flywheel
