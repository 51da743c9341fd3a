#include "server/api_server.h"

#include <fmt/core.h>
#include <httplib.h>

#include <exception>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "output/report_writer.h"
#include "reports/drilldown.h"
#include "reports/report_registry.h"
#include "server/embedded_assets.h"
#include "server/query_string.h"

namespace flywheel {

bool ConstantTimeEquals(std::string_view given, std::string_view expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) {
    diff |= static_cast<unsigned char>(given[i]) ^ static_cast<unsigned char>(expected.empty() ? 0 : expected[i % expected.size()]);
  }
  return diff == 0 && !expected.empty();
}

bool LooksLikeTraversal(std::string_view target) {
  std::string lower = ToLower(target);
  return lower.find("..") != std::string::npos || lower.find("%2e") != std::string::npos ||
         lower.find("%2f") != std::string::npos || lower.find("%5c") != std::string::npos ||
         lower.find('\\') != std::string::npos;
}

namespace {

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

int HttpStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kUsage: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kBadData: return 422;  // the request is fine; the data cannot answer it
    default: return 503;
  }
}

// The query string of the request target, undecoded.
std::string_view QueryOf(const httplib::Request& req) {
  std::string_view target = req.target;
  size_t q = target.find('?');
  return q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
}

}  // namespace

struct ApiServer::Impl {
  std::shared_ptr<const Input> input;
  ServerOptions options;
  RateLimiter limiter;
  httplib::Server http;
  int port = 0;

  Impl(std::shared_ptr<const Input> in, ServerOptions o)
      : input(std::move(in)), options(std::move(o)), limiter(options.rate_limit) {}

  // Wraps a handler so that no exception leaves it.
  template <typename F>
  httplib::Server::Handler Guard(F f) {
    return [f](const httplib::Request& req, httplib::Response& res) {
      try {
        f(req, res);
      } catch (const std::exception& e) {
        SendError(res, 503, std::string("internal error: ") + e.what());
      } catch (...) {
        SendError(res, 503, "internal error");
      }
    };
  }

  // Parses the query for `spec`: names checked, format only json.
  Result<ReportParams> Params(const httplib::Request& req, const ReportSpec& spec, const std::vector<std::string>& extra) {
    auto params = ParseQueryString(QueryOf(req));
    if (!params.ok()) return params.status();
    FLYWHEEL_RETURN_IF_ERROR(CheckParamNames(spec, *params, extra));
    if (params->Has("format") && params->Get("format") != "json") {
      return Status::Usage(fmt::format("format: the API answers in json only, not '{}'", params->Get("format")));
    }
    params->Set("format", "json");
    return params;
  }

  void Report(const httplib::Request& req, httplib::Response& res) {
    std::string name = req.matches[1];
    auto spec = FindReport(name);
    if (!spec.ok()) return SendError(res, 404, spec.status().message());
    auto params = Params(req, **spec, {});
    if (!params.ok()) return SendError(res, HttpStatus(params.status()), params.status().message());
    auto report = (*spec)->run(*input, *params);
    if (!report.ok()) return SendError(res, HttpStatus(report.status()), report.status().message());
    SendJson(res, 200, RenderJson(*report));
  }

  void Drill(const httplib::Request& req, httplib::Response& res) {
    std::string name = req.matches[1];
    auto spec = FindReport(name);
    if (!spec.ok()) return SendError(res, 404, spec.status().message());
    auto params = Params(req, **spec, {"cell"});
    if (!params.ok()) return SendError(res, HttpStatus(params.status()), params.status().message());
    auto report = Drilldown(name, *input, *params);
    if (!report.ok()) return SendError(res, HttpStatus(report.status()), report.status().message());
    SendJson(res, 200, RenderJson(*report));
  }

  void Health(const httplib::Request&, httplib::Response& res) {
    nlohmann::json body = {{"status", "ok"}, {"as_of", FormatDate(input->as_of)},
                           {"accounts", input->dataset.accounts.size()}};
    SendJson(res, 200, body.dump() + "\n");
  }

  // Writes: authorization first (nothing is read or stored without it), then the body.
  void Write(const httplib::Request& req, httplib::Response& res) {
    std::string auth = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    std::string_view given = auth.size() > kBearer.size() && auth.starts_with(kBearer)
                                 ? std::string_view(auth).substr(kBearer.size())
                                 : std::string_view();
    if (!ConstantTimeEquals(given, options.token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      return SendError(res, 401, "writes need 'Authorization: Bearer <token>' with the token of --token-file");
    }
    auto body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) return SendError(res, 400, "the request body is not a JSON object");
    SendError(res, 501, "sales programs are not available yet: applications and decisions cannot be stored");
  }

  void Static(const httplib::Request& req, httplib::Response& res) {
    if (LooksLikeTraversal(req.target) || LooksLikeTraversal(req.path)) {
      return SendError(res, 400, "bad path");
    }
    std::string_view path = req.path == "/" ? std::string_view("/index.html") : std::string_view(req.path);
    for (const EmbeddedAsset& a : EmbeddedAssets()) {
      if (a.path == path) {
        res.status = 200;
        res.set_content(std::string(a.body), std::string(a.content_type).c_str());
        return;
      }
    }
    SendError(res, 404, fmt::format("no such path: {}", req.path));
  }

  void Routes() {
    http.set_payload_max_length(options.max_body_bytes);
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (limiter.Allow(req.remote_addr)) return httplib::Server::HandlerResponse::Unhandled;
      res.set_header("Retry-After", "1");
      SendError(res, 429, "too many requests; slow down");
      return httplib::Server::HandlerResponse::Handled;
    });
    // Answers httplib produces itself (413, 400 for a malformed request) get a JSON body too.
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      if (res.status == 413) return SendError(res, 413, "the request body is too large");
      SendError(res, res.status, res.status == 404 ? "not found" : "bad request");
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      SendError(res, 503, "internal error");
    });
    http.Get("/api/health", Guard([this](const auto& q, auto& r) { Health(q, r); }));
    http.Get(R"(/api/drilldown/([a-z0-9_-]+))", Guard([this](const auto& q, auto& r) { Drill(q, r); }));
    http.Get(R"(/api/([a-z0-9_-]+))", Guard([this](const auto& q, auto& r) { Report(q, r); }));
    http.Get(R"(/api/.*)", Guard([](const auto& q, auto& r) { SendError(r, 404, fmt::format("no such path: {}", q.path)); }));
    http.Post(R"(/api/programs/([^/]+)/applications)", Guard([this](const auto& q, auto& r) { Write(q, r); }));
    http.Post(R"(/api/applications/([^/]+)/decisions)", Guard([this](const auto& q, auto& r) { Write(q, r); }));
    http.Post(R"(/.*)", Guard([](const auto& q, auto& r) { SendError(r, 404, fmt::format("no such path: {}", q.path)); }));
    http.Get(R"(/.*)", Guard([this](const auto& q, auto& r) { Static(q, r); }));
  }
};

ApiServer::ApiServer(std::shared_ptr<const Input> input, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(input), std::move(options))) {
  impl_->Routes();
}

ApiServer::~ApiServer() { Stop(); }

Result<int> ApiServer::Bind() {
  int port = impl_->options.port == 0 ? impl_->http.bind_to_any_port(impl_->options.host)
                                      : (impl_->http.bind_to_port(impl_->options.host, impl_->options.port)
                                             ? impl_->options.port
                                             : -1);
  if (port <= 0) return Status::Io(fmt::format("cannot listen on {}:{}", impl_->options.host, impl_->options.port));
  impl_->port = port;
  return port;
}

void ApiServer::Serve() { impl_->http.listen_after_bind(); }

void ApiServer::Stop() {
  if (impl_) impl_->http.stop();
}

}  // namespace flywheel
