#include "server/api_server.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "base/strings.h"
#include "output/report_writer.h"
#include "programs/program_store.h"
#include "reports/drilldown.h"
#include "reports/report_registry.h"
#include "server/content_encoding.h"
#include "server/query_string.h"
#include "web_assets/embedded_assets.h"

namespace flywheel {

bool ConstantTimeEquals(std::string_view given, std::string_view expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) {
    diff |= static_cast<unsigned char>(given[i]) ^
            static_cast<unsigned char>(expected.empty() ? 0 : expected[i % expected.size()]);
  }
  return diff == 0 && !expected.empty();
}

bool LooksLikeTraversal(std::string_view target) {
  std::string lower = ToLower(target);
  return lower.find("..") != std::string::npos || lower.find("%2e") != std::string::npos ||
         lower.find("%2f") != std::string::npos || lower.find("%5c") != std::string::npos ||
         lower.find('\\') != std::string::npos;
}

std::string_view BearerToken(std::string_view authorization) {
  authorization = Trim(authorization);
  size_t space = authorization.find(' ');
  if (space == std::string_view::npos || ToLower(authorization.substr(0, space)) != "bearer") return {};
  return Trim(authorization.substr(space + 1));
}

namespace {

// On every answer (docs/API.md). The dashboard loads only its own script and style sheet and
// asks only its own server; ECharts and the pages set style attributes, hence 'unsafe-inline'
// for styles (never for scripts); chart images are exported as data: URLs.
const std::vector<std::pair<std::string, std::string>> kSecurityHeaders = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
     "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
};

HttpResponse Json(int status, std::string body) {
  HttpResponse res;
  res.status = status;
  res.content_type = "application/json";
  res.body = std::move(body);
  res.compressible = true;
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

HttpResponse Error(int status, std::string_view message) {
  HttpResponse res = JsonErrorResponse(status, message);
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

int HttpStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kUsage:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kBadData:
      return 422;  // the request is fine; the data cannot answer it
    default:
      return 503;
  }
}

int WriteStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kUsage:
    case StatusCode::kBadData:
      return 400;
    default:
      return 503;
  }
}

// "/api/drilldown/revenue" split at '/' after the prefix: {"drilldown", "revenue"}.
std::vector<std::string_view> PathParts(std::string_view path, std::string_view prefix) {
  std::vector<std::string_view> parts;
  path.remove_prefix(prefix.size());
  while (!path.empty()) {
    size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return parts;
}

bool IsName(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 §13.1.2).
bool MatchesEtag(std::string_view if_none_match, std::string_view etag) {
  auto opaque = [](std::string_view tag) {
    tag = Trim(tag);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
  };
  while (!if_none_match.empty()) {
    size_t comma = if_none_match.find(',');
    std::string_view tag = Trim(if_none_match.substr(0, comma));
    if (tag == "*" || (!tag.empty() && opaque(tag) == opaque(etag))) return true;
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
  }
  return false;
}

}  // namespace

using Clock = std::chrono::steady_clock;

struct ApiServer::Impl : HttpHandler {
  // Written once by Publish() before `ready` is set (release); read by the handlers only
  // after they have seen `ready` (acquire).
  std::shared_ptr<const Input> input;
  std::atomic<bool> ready{false};
  Clock::time_point started = Clock::now();
  ServerOptions options;
  RateLimiter limiter;
  const bool reads_need_token;
  std::unique_ptr<HttpServer> http;
  int port = 0;

  explicit Impl(ServerOptions o)
      : options(std::move(o)), limiter(options.rate_limit), reads_need_token(!IsLoopbackHost(options.host)) {
    HttpServerOptions h;
    h.host = options.host;
    h.port = options.port;
    h.limits = options.limits;
    h.limits.max_body_bytes = options.max_body_bytes;
    h.headers = kSecurityHeaders;
    h.stop_on_signals = options.stop_on_signals;
    http = std::make_unique<HttpServer>(std::move(h), this);
  }

  // The Host header names this server: its loopback names with its port, its own address,
  // or a name of --allow-host.
  bool HostAllowed(std::string_view host) const {
    std::string h = ToLower(Trim(host));
    std::string name = h, port_text;
    size_t colon = h.rfind(':');
    if (colon != std::string::npos && h.find(']', colon) == std::string::npos) {
      name = h.substr(0, colon);
      port_text = h.substr(colon + 1);
    }
    const std::string my_port = std::to_string(port);
    const bool same_port = port_text == my_port || (port_text.empty() && port == 80);
    if (same_port && (name == "127.0.0.1" || name == "localhost" || name == "[::1]")) return true;
    std::string bound = ToLower(options.host);
    if (bound.find(':') != std::string::npos && bound.front() != '[') bound = "[" + bound + "]";
    if (same_port && name == bound) return true;
    for (const std::string& allowed : options.allowed_hosts) {
      std::string a = ToLower(allowed);
      if (a == h || a == name) return true;
    }
    return false;
  }

  std::optional<HttpResponse> Triage(const HttpRequest& req) override {
    if (!req.HasHeader("Host")) {
      if (req.version >= 11) return Error(400, "the request has no Host header");
    } else if (!HostAllowed(req.Header("Host"))) {
      return Error(421,
                   fmt::format("this server does not answer for the host '{}' (start it with --allow-host "
                               "NAME to answer for another name)",
                               req.Header("Host")));
    }
    // On loopback every client has the same address: each connection is a client there.
    std::string client =
        req.remote_loopback ? fmt::format("{}:{}", req.remote_address, req.remote_port) : req.remote_address;
    if (!limiter.Allow(client)) {
      HttpResponse res = Error(429, "too many requests; slow down");
      res.headers.emplace_back("Retry-After", "1");
      return res;
    }
    if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
      HttpResponse res = Error(405, fmt::format("method {} is not allowed (GET, HEAD or POST)", req.method));
      res.headers.emplace_back("Allow", "GET, HEAD, POST");
      return res;
    }
    if (LooksLikeTraversal(req.target)) return Error(400, "bad path");
    if (!req.path.starts_with("/api/")) {
      if (req.method == "POST") return Error(404, fmt::format("no such path: {}", req.path));
      return Static(req);
    }
    if (reads_need_token && req.method != "POST" &&
        !ConstantTimeEquals(BearerToken(req.Header("Authorization")), options.token)) {
      HttpResponse res =
          Error(401, "this server needs 'Authorization: Bearer <token>' with the token of --token-file");
      res.headers.emplace_back("WWW-Authenticate", "Bearer");
      return res;
    }
    if (!ready.load(std::memory_order_acquire)) return Loading();
    if (req.path == "/api/health" && req.method != "POST") return Health();
    return std::nullopt;  // reports, drill-downs, programs: on a worker thread
  }

  // Every /api/ answer while the data loads: 503 with how long the load has taken so far.
  HttpResponse Loading() const {
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    nlohmann::json body = {{"status", "loading"},
                           {"error", "the data is still loading; try again in a moment"},
                           {"loading_seconds", std::round(seconds * 10) / 10}};
    HttpResponse res = Json(503, body.dump() + "\n");
    res.headers.emplace_back("Retry-After", "1");
    return res;
  }

  HttpResponse Work(const HttpRequest& req) override {
    std::vector<std::string_view> parts = PathParts(req.path, "/api/");
    if (req.method == "POST") {
      if (parts.size() == 3 && parts[0] == "programs" && parts[2] == "applications")
        return Apply(req, parts[1]);
      if (parts.size() == 3 && parts[0] == "applications" && parts[2] == "decisions")
        return Decide(req, parts[1]);
      return Error(404, fmt::format("no such path: {}", req.path));
    }
    if (parts.size() == 1 && parts[0] == "programs") return Programs(req);
    if (parts.size() == 2 && parts[0] == "drilldown" && IsName(parts[1]))
      return Drill(req, std::string(parts[1]));
    if (parts.size() == 2 && (parts[0] == "segments" || parts[0] == "market") && IsName(parts[1])) {
      return Report(req, fmt::format("{}/{}", parts[0], parts[1]));
    }
    if (parts.size() == 1 && IsName(parts[0])) return Report(req, std::string(parts[0]));
    return Error(404, fmt::format("no such path: {}", req.path));
  }

  // Parses the query for `spec`: names checked, format only json, work sizes capped.
  Result<ReportParams> Params(const HttpRequest& req, const ReportSpec& spec,
                              const std::vector<std::string>& extra) {
    auto params = ParseQueryString(req.query);
    if (!params.ok()) return params.status();
    FLYWHEEL_RETURN_IF_ERROR(CheckParamNames(spec, *params, extra));
    if (params->Has("format") && params->Get("format") != "json") {
      return Status::Usage(
          fmt::format("format: the API answers in json only, not '{}'", params->Get("format")));
    }
    struct Cap {
      const char* name;
      int64_t max;
    };
    for (const Cap& cap : {Cap{"draws", kMaxApiDraws}, Cap{"periods", kMaxApiForecastPeriods}}) {
      if (!params->Has(cap.name)) continue;
      const std::string text = params->Get(cap.name);
      char* end = nullptr;
      double v = std::strtod(text.c_str(), &end);
      if (end == text.c_str() + text.size() && !text.empty() && v > static_cast<double>(cap.max)) {
        return Status::Usage(
            fmt::format("{}: {} is above the server's limit of {} (docs/API.md)", cap.name, text, cap.max));
      }
    }
    params->Set("format", "json");
    return params;
  }

  HttpResponse Report(const HttpRequest& req, const std::string& name) {
    auto spec = FindReport(name);
    if (!spec.ok()) return Error(404, spec.status().message());
    auto params = Params(req, *spec.value(), {});
    if (!params.ok()) return Error(HttpStatus(params.status()), params.status().message());
    auto options = spec.value()->parse(params.value());
    if (!options.ok()) return Error(HttpStatus(options.status()), options.status().message());
    auto report = spec.value()->run(*input, options.value());
    if (!report.ok()) return Error(HttpStatus(report.status()), report.status().message());
    return Json(200, RenderJson(report.value()));
  }

  HttpResponse Drill(const HttpRequest& req, const std::string& name) {
    auto spec = FindReport(name);
    if (!spec.ok()) return Error(404, spec.status().message());
    auto params = Params(req, *spec.value(), {"cell"});
    if (!params.ok()) return Error(HttpStatus(params.status()), params.status().message());
    auto report = Drilldown(name, *input, params.value());  // parses the report's options once
    if (!report.ok()) return Error(HttpStatus(report.status()), report.status().message());
    return Json(200, RenderJson(report.value()));
  }

  HttpResponse Health() {
    // The attributes a segment may be cut by: the standard ones, then the data set's attr_*.
    nlohmann::json attributes = {"segment", "industry", "country", "region", "source"};
    for (const std::string& name : input->dataset.accounts.attribute_names) attributes.push_back(name);
    nlohmann::json body = {{"status", "ok"},
                           {"as_of", FormatDate(input->as_of)},
                           {"accounts", input->dataset.accounts.size()},
                           {"segment_attributes", attributes}};
    return Json(200, body.dump() + "\n");
  }

  // Writes: authorization first (nothing is read or stored without it), then the body,
  // then the workspace and the programs. Returns the body's fields (text values only,
  // every one of `fields` present, no others), or the error answer.
  Result<std::map<std::string, std::string>> WriteBody(const HttpRequest& req, HttpResponse* error,
                                                       const std::vector<std::string>& fields,
                                                       const std::vector<std::string>& optional_fields) {
    auto fail = [error](HttpResponse res) -> Result<std::map<std::string, std::string>> {
      *error = std::move(res);
      return Status::Usage("refused");
    };
    if (!ConstantTimeEquals(BearerToken(req.Header("Authorization")), options.token)) {
      HttpResponse res =
          Error(401, "writes need 'Authorization: Bearer <token>' with the token of --token-file");
      res.headers.emplace_back("WWW-Authenticate", "Bearer");
      return fail(std::move(res));
    }
    auto body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object())
      return fail(Error(400, "the request body is not a JSON object"));
    std::string expected;
    for (const auto& f : fields) expected += (expected.empty() ? "" : ", ") + f;
    for (const auto& f : optional_fields) expected += ", " + f;
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : body.items()) {
      bool known = std::find(fields.begin(), fields.end(), key) != fields.end() ||
                   std::find(optional_fields.begin(), optional_fields.end(), key) != optional_fields.end();
      if (!known) return fail(Error(400, fmt::format("unknown field \"{}\" (expected {})", key, expected)));
      if (!value.is_string() && !value.is_null()) {
        return fail(Error(400, fmt::format("field \"{}\" must be a text", key)));
      }
      if (value.is_string()) out[key] = value.get<std::string>();
    }
    for (const auto& f : fields) {
      if (Trim(out[f]).empty())
        return fail(Error(400, fmt::format("missing field \"{}\" (expected {})", f, expected)));
    }
    if (input->workspace_dir.empty()) {
      return fail(Error(400,
                        "writes need a workspace: start flywheel serve with --workspace WS (made by flywheel "
                        "import) instead of --data"));
    }
    if (!options.programs)
      return fail(Error(404, "no sales programs: start flywheel serve with --programs FILE"));
    return out;
  }

  HttpResponse Apply(const HttpRequest& req, std::string_view program) {
    HttpResponse error;
    auto body = WriteBody(req, &error, {"opportunity_id", "applicant"}, {"note"});
    if (!body.ok()) return error;
    auto name = PercentDecode(program);
    if (!name.ok()) return Error(400, name.status().message());
    auto now = options.now();
    if (!now.ok()) return Error(503, now.status().message());
    ApplicationRequest request{*name, (*body)["opportunity_id"], (*body)["applicant"], (*body)["note"]};
    auto app = options.programs->Prepare(request, *now);
    if (!app.ok()) return Error(WriteStatus(app.status()), app.status().message());
    auto id = StoreApplication(input->workspace_dir, *app);
    if (!id.ok()) return Error(WriteStatus(id.status()), id.status().message());
    app->id = *id;
    return Json(201, ApplicationJson(*app));
  }

  HttpResponse Decide(const HttpRequest& req, std::string_view id_text) {
    HttpResponse error;
    auto body = WriteBody(req, &error, {"decision", "reason", "decided_by"}, {});
    if (!body.ok()) return error;
    ProgramDecision d;
    bool numeric = !id_text.empty() && id_text.size() <= 15 &&
                   std::all_of(id_text.begin(), id_text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!numeric) return Error(400, fmt::format("application id '{}' is not a number", id_text));
    d.application_id = std::stoll(std::string(id_text));
    d.decision = (*body)["decision"];
    d.reason = (*body)["reason"];
    d.decided_by = (*body)["decided_by"];
    auto now = options.now();
    if (!now.ok()) return Error(503, now.status().message());
    d.decided_at = *now;
    auto id = StoreDecision(input->workspace_dir, options.programs->book(), d);
    if (!id.ok()) return Error(WriteStatus(id.status()), id.status().message());
    d.id = *id;
    auto ledger = LoadProgramLedger(input->workspace_dir);
    if (!ledger.ok()) return Error(503, ledger.status().message());
    std::string state;
    for (const auto& a : *ledger) {
      if (a.id == d.application_id) state = a.State();
    }
    return Json(201, DecisionJson(d, state));
  }

  // GET /api/programs: the definitions; ?view=pending|decisions|results: that report.
  HttpResponse Programs(const HttpRequest& req) {
    auto params = ParseQueryString(req.query);
    if (!params.ok()) return Error(400, params.status().message());
    for (const auto& [name, value] : params->values()) {
      if (name == "view") continue;
      if (name == "format" && value == "json") continue;
      return Error(400, fmt::format("unknown parameter '{}' for programs (expected view)", name));
    }
    if (!options.programs) return Error(404, "no sales programs: start flywheel serve with --programs FILE");
    if (!params->Has("view"))
      return Json(200, RenderJson(ProgramDefinitionsReport(options.programs->book())));
    const std::string view = params->Get("view");
    if (view != "pending" && view != "decisions" && view != "results") {
      return Error(400,
                   fmt::format("view: unknown view '{}' (expected pending, decisions or results)", view));
    }
    if (input->workspace_dir.empty()) {
      return Error(400, "program reports need a workspace: start flywheel serve with --workspace WS");
    }
    auto ledger = LoadProgramLedger(input->workspace_dir);
    if (!ledger.ok()) return Error(WriteStatus(ledger.status()), ledger.status().message());
    auto report = options.programs->View(view, *ledger);
    if (!report.ok()) return Error(WriteStatus(report.status()), report.status().message());
    return Json(200, RenderJson(*report));
  }

  // The embedded dashboard: the best compressed form the client accepts, revalidated by
  // entity tag (index.html) or cached for good (hashed names under /assets/).
  HttpResponse Static(const HttpRequest& req) {
    std::string_view path = req.path == "/" ? std::string_view("/index.html") : std::string_view(req.path);
    const EmbeddedAsset* asset = FindEmbeddedAsset(path);
    if (asset == nullptr) return Error(404, fmt::format("no such path: {}", req.path));
    HttpResponse res;
    res.headers.emplace_back("ETag", std::string(asset->etag));
    res.headers.emplace_back("Cache-Control",
                             asset->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (!asset->gzip.empty() || !asset->brotli.empty()) res.headers.emplace_back("Vary", "Accept-Encoding");
    if (MatchesEtag(req.Header("If-None-Match"), asset->etag)) {
      res.status = 304;
      return res;
    }
    res.content_type = std::string(asset->content_type);
    AcceptedCodings accepted = ParseAcceptEncoding(req.Header("Accept-Encoding"));
    if (accepted.brotli && !asset->brotli.empty()) {
      res.body = std::string(asset->brotli);
      res.content_encoding = "br";
    } else if (accepted.gzip && !asset->gzip.empty()) {
      res.body = std::string(asset->gzip);
      res.content_encoding = "gzip";
    } else {
      res.body = std::string(asset->body);
    }
    return res;
  }
};

ApiServer::ApiServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

ApiServer::ApiServer(std::shared_ptr<const Input> input, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  std::shared_ptr<const ProgramDesk> programs = impl_->options.programs;
  Publish(std::move(input), std::move(programs));
}

void ApiServer::Publish(std::shared_ptr<const Input> input, std::shared_ptr<const ProgramDesk> programs) {
  impl_->input = std::move(input);
  impl_->options.programs = std::move(programs);
  impl_->ready.store(true, std::memory_order_release);
}

ApiServer::~ApiServer() { Stop(); }

Result<int> ApiServer::Bind() {
  if (impl_->reads_need_token && impl_->options.token.empty()) {
    return Status::Usage(
        fmt::format("--host {} is not a loopback address: serving beyond this machine needs "
                    "--token-file (every API request then needs the token)",
                    impl_->options.host));
  }
  auto port = impl_->http->Bind();
  if (port.ok()) impl_->port = *port;
  return port;
}

void ApiServer::Serve() { impl_->http->Serve(); }

void ApiServer::Stop() {
  if (impl_) impl_->http->Stop();
}

}  // namespace flywheel
