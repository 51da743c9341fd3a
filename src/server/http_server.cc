#include "server/http_server.h"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "base/strings.h"
#include "server/content_encoding.h"

namespace flywheel {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && ToLower(key) == ToLower(name)) return value;
  }
  return {};
}

bool HttpRequest::HasHeader(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& kv) {
    return kv.first.size() == name.size() && ToLower(kv.first) == ToLower(name);
  });
}

HttpResponse JsonErrorResponse(int status, std::string_view message) {
  HttpResponse res;
  res.status = status;
  res.content_type = "application/json";
  res.body = nlohmann::json{{"error", std::string(message)}}.dump(-1, ' ', false,
                                                                  nlohmann::json::error_handler_t::replace) +
             "\n";
  return res;
}

bool IsLoopbackHost(std::string_view host) {
  if (ToLower(host) == "localhost") return true;
  boost::system::error_code ec;
  std::string text(host);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  net::ip::address address = net::ip::make_address(text, ec);
  if (ec) return false;
  if (address.is_loopback()) return true;
  return address.is_v6() && address.to_v6().is_v4_mapped() &&
         net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6()).is_loopback();
}

namespace {

// How long a closing connection waits for its client to stop sending (a request body it did
// not read), so the answer is not lost to a reset.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr size_t kLingerBytes = 1 << 20;

// Compresses a compressible answer in the best coding the client accepts.
void Encode(HttpResponse& res, AcceptedCodings accepted, size_t min_bytes) {
  if (!res.compressible || !res.content_encoding.empty()) return;
  res.headers.emplace_back("Vary", "Accept-Encoding");
  if (res.body.size() < min_bytes) return;
  std::string out;
  ContentCoding coding = ContentCoding::kIdentity;
  if (accepted.brotli) {
    out = BrotliCompress(res.body, kJsonBrotliQuality);
    coding = ContentCoding::kBrotli;
  } else if (accepted.gzip) {
    out = GzipCompress(res.body, kJsonGzipLevel);
    coding = ContentCoding::kGzip;
  }
  if (!out.empty() && out.size() < res.body.size()) {
    res.body = std::move(out);
    res.content_encoding = std::string(ContentCodingName(coding));
  }
}

template <typename F>
auto Guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return JsonErrorResponse(503, std::string("internal error: ") + e.what());
  } catch (...) {
    return JsonErrorResponse(503, "internal error");
  }
}

}  // namespace

// Members are destroyed in reverse order: the worker pool (whose queued work holds
// connections) before the io_context that their sockets belong to, the connection counts
// after both.
struct HttpServer::Impl {
  HttpServerOptions options;
  HttpHandler* handler;
  std::mutex mu;
  int open_connections = 0;                         // guarded by mu
  std::unordered_map<std::string, int> per_client;  // guarded by mu
  std::atomic<int> queued_work{0};
  net::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  net::steady_timer accept_retry{ioc};
  std::optional<net::signal_set> signals;
  std::unique_ptr<net::thread_pool> workers;

  Impl(HttpServerOptions o, HttpHandler* h) : options(std::move(o)), handler(h) {
    int threads = options.limits.worker_threads;
    if (threads <= 0) threads = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    workers = std::make_unique<net::thread_pool>(threads);
  }

  // Counts a new connection from `address`; false when a limit is reached.
  bool Admit(const std::string& address) {
    std::lock_guard<std::mutex> lock(mu);
    int& mine = per_client[address];
    if (open_connections >= options.limits.max_connections ||
        mine >= options.limits.max_connections_per_client) {
      if (mine == 0) per_client.erase(address);
      return false;
    }
    ++mine;
    ++open_connections;
    return true;
  }

  void Release(const std::string& address) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = per_client.find(address);
    if (it != per_client.end() && --it->second == 0) per_client.erase(it);
    --open_connections;
  }

  void Accept();
  void OnAccept(tcp::socket socket);
};

namespace {

// The client's end of a connection.
struct Remote {
  std::string address;  // "127.0.0.1"; an IPv4 address mapped into IPv6 is written as IPv4
  uint16_t port = 0;
  bool loopback = false;
};

Remote RemoteOf(const tcp::socket& socket) {
  Remote out;
  boost::system::error_code ec;
  tcp::endpoint remote = socket.remote_endpoint(ec);
  if (ec) return out;
  net::ip::address address = remote.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
  }
  out.address = address.to_string();
  out.port = remote.port();
  out.loopback = address.is_loopback();
  return out;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `admitted`: counted by Admit() (and released when the connection ends).
  Connection(HttpServer::Impl* server, tcp::socket socket, Remote remote, bool admitted)
      : server_(server), stream_(std::move(socket)), admitted_(admitted), remote_(std::move(remote)) {
    boost::system::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  ~Connection() {
    if (admitted_) server_->Release(remote_.address);
  }

  void Start() { ReadHeader(); }

  // Answers `res` without reading a request, then closes.
  void Refuse(HttpResponse res) {
    res.close = true;
    Send(std::move(res));
  }

 private:
  const HttpLimits& limits() const { return server_->options.limits; }

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits().max_header_bytes));
    parser_->body_limit(limits().max_body_bytes);
    stream_.expires_after(limits().header_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Connection::OnHeader, shared_from_this()));
  }

  // A failed read: an answer where the client can still read one, else the connection ends.
  void OnReadError(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      return Refuse(JsonErrorResponse(
          431, fmt::format("the request header is larger than {} bytes", limits().max_header_bytes)));
    }
    if (ec == http::error::body_limit) {
      return Refuse(JsonErrorResponse(413, "the request body is too large"));
    }
    const beast::error_code parse_error = http::error::bad_target;
    if (ec.category() == parse_error.category() && ec != http::error::end_of_stream &&
        ec != http::error::partial_message) {
      return Refuse(JsonErrorResponse(400, "bad request"));
    }
    // The client closed, went silent past a deadline, or the network failed.
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    auto& header = parser_->get();
    if (beast::iequals(header[http::field::expect], "100-continue") && !parser_->is_done()) {
      // The client waits for this before it sends the body.
      auto interim =
          std::make_shared<http::response<http::empty_body>>(http::status::continue_, header.version());
      stream_.expires_after(limits().write_timeout);
      return http::async_write(stream_, *interim,
                               [self = shared_from_this(), interim](beast::error_code wec, size_t) {
                                 if (wec) return self->OnReadError(wec);
                                 self->ReadBody();
                               });
    }
    if (parser_->is_done()) return Dispatch();
    ReadBody();
  }

  void ReadBody() {
    stream_.expires_after(limits().body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Connection::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t) {
    if (ec) return OnReadError(ec);
    Dispatch();
  }

  HttpRequest TakeRequest() {
    http::request<http::string_body> msg = parser_->release();
    parser_.reset();
    HttpRequest req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    size_t q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query = req.target.substr(q + 1);
    req.version = static_cast<int>(msg.version());
    for (const auto& field : msg)
      req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    req.body = std::move(msg.body());
    req.remote_address = remote_.address;
    req.remote_port = remote_.port;
    req.remote_loopback = remote_.loopback;
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();
    head_ = msg.method() == http::verb::head;
    return req;
  }

  void Dispatch() {
    HttpRequest req = TakeRequest();
    stream_.expires_never();  // the work has no deadline of the network's; the write will
    const AcceptedCodings accepted = ParseAcceptEncoding(req.Header("Accept-Encoding"));
    std::optional<HttpResponse> quick =
        Guarded([&]() -> std::optional<HttpResponse> { return server_->handler->Triage(req); });
    if (quick) {
      Encode(*quick, accepted, limits().compress_min_bytes);
      return Send(std::move(*quick));
    }
    if (server_->queued_work.fetch_add(1) >= limits().max_queued_work) {
      server_->queued_work.fetch_sub(1);
      HttpResponse busy = JsonErrorResponse(503, "the server is busy; try again shortly");
      busy.headers.emplace_back("Retry-After", "1");
      return Send(std::move(busy));
    }
    net::post(*server_->workers, [self = shared_from_this(), req = std::move(req), accepted]() mutable {
      HttpResponse res = Guarded([&] { return self->server_->handler->Work(req); });
      Encode(res, accepted, self->limits().compress_min_bytes);
      // The worker keeps no reference: the connection lives on in the network thread's queue.
      auto executor = self->stream_.get_executor();
      net::post(executor, [self = std::move(self), res = std::move(res)]() mutable {
        self->server_->queued_work.fetch_sub(1);
        self->Send(std::move(res));
      });
    });
  }

  void Send(HttpResponse res) {
    auto msg = std::make_shared<http::response<http::string_body>>();
    msg->version(version_);
    msg->result(static_cast<unsigned>(res.status));
    for (const auto& [name, value] : server_->options.headers) msg->set(name, value);
    for (const auto& [name, value] : res.headers) msg->insert(name, value);
    if (!res.content_type.empty()) msg->set(http::field::content_type, res.content_type);
    if (!res.content_encoding.empty()) msg->set(http::field::content_encoding, res.content_encoding);
    const bool close = res.close || !keep_alive_;
    msg->keep_alive(!close);
    if (head_) {
      msg->content_length(res.body.size());
    } else {
      msg->body() = std::move(res.body);
      msg->prepare_payload();
    }
    response_ = msg;
    // A refused connection gets a short deadline: refusals must not pile up.
    stream_.expires_after(admitted_ ? limits().write_timeout : 2 * kLingerTime);
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&Connection::OnWrite, shared_from_this(), close));
  }

  void OnWrite(bool close, beast::error_code ec, size_t) {
    response_.reset();
    if (ec) return stream_.close();
    if (!close) return ReadHeader();
    // Closing: stop sending, then read (and drop) what the client still sends for a moment,
    // so that the answer reaches it instead of a reset.
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    Linger();
  }

  void Linger() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(16 * 1024),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->lingered_ += n;
                              if (ec || self->lingered_ > kLingerBytes) return self->stream_.close();
                              self->Linger();
                            });
  }

  HttpServer::Impl* server_;
  beast::tcp_stream stream_;
  const bool admitted_;
  const Remote remote_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool head_ = false;
  size_t lingered_ = 0;
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(ioc, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
    if (ec) {
      // Out of descriptors or memory: wait a moment instead of spinning on the error.
      accept_retry.expires_after(std::chrono::milliseconds(50));
      accept_retry.async_wait([this](beast::error_code wec) {
        if (!wec) Accept();
      });
      return;
    }
    OnAccept(std::move(socket));
    Accept();
  });
}

void HttpServer::Impl::OnAccept(tcp::socket socket) {
  Remote remote = RemoteOf(socket);
  if (!Admit(remote.address)) {
    std::make_shared<Connection>(this, std::move(socket), std::move(remote), false)
        ->Refuse(JsonErrorResponse(503, "too many connections; try again shortly"));
    return;
  }
  std::make_shared<Connection>(this, std::move(socket), std::move(remote), true)->Start();
}

HttpServer::HttpServer(HttpServerOptions options, HttpHandler* handler)
    : impl_(std::make_unique<Impl>(std::move(options), handler)) {}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Bind() {
  Impl& s = *impl_;
  const std::string& host = s.options.host;
  const std::string where = fmt::format("{}:{}", host, s.options.port);
  if (s.options.port < 0 || s.options.port > 65535) {
    return Status::Usage(fmt::format("cannot listen on {}: the port must be 0 to 65535", where));
  }
  boost::system::error_code ec;
  std::string literal = host;
  if (literal.size() > 2 && literal.front() == '[' && literal.back() == ']')
    literal = literal.substr(1, literal.size() - 2);
  net::ip::address address =
      net::ip::make_address(ToLower(literal) == "localhost" ? "127.0.0.1" : literal, ec);
  if (ec) {
    tcp::resolver resolver(s.ioc);
    auto results = resolver.resolve(host, "", ec);
    if (ec || results.empty()) return Status::Io(fmt::format("cannot listen on {}: unknown host", where));
    address = results.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(s.options.port));
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec && address.is_v6()) s.acceptor.set_option(net::ip::v6_only(false), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::system::error_code ignored;
    s.acceptor.close(ignored);
    return Status::Io(fmt::format("cannot listen on {}: {}", where, ec.message()));
  }
  // The signals are caught from here on (a signal before Serve() is kept for it), so that an
  // interrupt right after the caller says it listens stops the server, not the process.
  if (s.options.stop_on_signals) s.signals.emplace(s.ioc, SIGINT, SIGTERM);
  return static_cast<int>(s.acceptor.local_endpoint().port());
}

void HttpServer::Serve() {
  Impl& s = *impl_;
  if (s.signals) {
    s.signals->async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.ioc.stop();
    });
  }
  s.Accept();
  s.ioc.run();
}

void HttpServer::Stop() {
  if (impl_) impl_->ioc.stop();
}

}  // namespace flywheel
