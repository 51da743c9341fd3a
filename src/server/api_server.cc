#include "server/api_server.h"

#include <fmt/core.h>
#include <httplib.h>

#include <algorithm>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "base/strings.h"
#include "output/report_writer.h"
#include "programs/program_store.h"
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

  // Writes: authorization first (nothing is read or stored without it), then the body,
  // then the workspace and the programs. Returns the body's fields (text values only,
  // every one of `fields` present, no others), or nullopt after answering the error.
  std::optional<std::map<std::string, std::string>> WriteBody(const httplib::Request& req, httplib::Response& res,
                                                               const std::vector<std::string>& fields,
                                                               const std::vector<std::string>& optional_fields) {
    std::string auth = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    std::string_view given = auth.size() > kBearer.size() && auth.starts_with(kBearer)
                                 ? std::string_view(auth).substr(kBearer.size())
                                 : std::string_view();
    if (!ConstantTimeEquals(given, options.token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      SendError(res, 401, "writes need 'Authorization: Bearer <token>' with the token of --token-file");
      return std::nullopt;
    }
    auto body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) {
      SendError(res, 400, "the request body is not a JSON object");
      return std::nullopt;
    }
    std::string expected;
    for (const auto& f : fields) expected += (expected.empty() ? "" : ", ") + f;
    for (const auto& f : optional_fields) expected += ", " + f;
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : body.items()) {
      bool known = std::find(fields.begin(), fields.end(), key) != fields.end() ||
                   std::find(optional_fields.begin(), optional_fields.end(), key) != optional_fields.end();
      if (!known) {
        SendError(res, 400, fmt::format("unknown field \"{}\" (expected {})", key, expected));
        return std::nullopt;
      }
      if (!value.is_string() && !value.is_null()) {
        SendError(res, 400, fmt::format("field \"{}\" must be a text", key));
        return std::nullopt;
      }
      if (value.is_string()) out[key] = value.get<std::string>();
    }
    for (const auto& f : fields) {
      if (Trim(out[f]).empty()) {
        SendError(res, 400, fmt::format("missing field \"{}\" (expected {})", f, expected));
        return std::nullopt;
      }
    }
    if (input->workspace_dir.empty()) {
      SendError(res, 400, "writes need a workspace: start flywheel serve with --workspace WS (made by flywheel "
                          "import) instead of --data");
      return std::nullopt;
    }
    if (!options.programs) {
      SendError(res, 404, "no sales programs: start flywheel serve with --programs FILE");
      return std::nullopt;
    }
    return out;
  }

  static int WriteStatus(const Status& s) {
    switch (s.code()) {
      case StatusCode::kNotFound: return 404;
      case StatusCode::kUsage:
      case StatusCode::kBadData: return 400;
      default: return 503;
    }
  }

  void Apply(const httplib::Request& req, httplib::Response& res) {
    auto body = WriteBody(req, res, {"opportunity_id", "applicant"}, {"note"});
    if (!body) return;
    auto now = options.now();
    if (!now.ok()) return SendError(res, 503, now.status().message());
    ApplicationRequest request{req.matches[1], (*body)["opportunity_id"], (*body)["applicant"], (*body)["note"]};
    auto app = options.programs->Prepare(request, *now);
    if (!app.ok()) return SendError(res, WriteStatus(app.status()), app.status().message());
    auto id = StoreApplication(input->workspace_dir, *app);
    if (!id.ok()) return SendError(res, WriteStatus(id.status()), id.status().message());
    app->id = *id;
    SendJson(res, 201, ApplicationJson(*app));
  }

  void Decide(const httplib::Request& req, httplib::Response& res) {
    auto body = WriteBody(req, res, {"decision", "reason", "decided_by"}, {});
    if (!body) return;
    const std::string id_text = req.matches[1];
    ProgramDecision d;
    bool numeric = !id_text.empty() && id_text.size() <= 15 &&
                   std::all_of(id_text.begin(), id_text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!numeric) return SendError(res, 400, fmt::format("application id '{}' is not a number", id_text));
    d.application_id = std::stoll(id_text);
    d.decision = (*body)["decision"];
    d.reason = (*body)["reason"];
    d.decided_by = (*body)["decided_by"];
    auto now = options.now();
    if (!now.ok()) return SendError(res, 503, now.status().message());
    d.decided_at = *now;
    auto id = StoreDecision(input->workspace_dir, options.programs->book(), d);
    if (!id.ok()) return SendError(res, WriteStatus(id.status()), id.status().message());
    d.id = *id;
    auto ledger = LoadProgramLedger(input->workspace_dir);
    if (!ledger.ok()) return SendError(res, 503, ledger.status().message());
    std::string state;
    for (const auto& a : *ledger) {
      if (a.id == d.application_id) state = a.State();
    }
    SendJson(res, 201, DecisionJson(d, state));
  }

  // GET /api/programs: the definitions; ?view=pending|decisions|results: that report.
  void Programs(const httplib::Request& req, httplib::Response& res) {
    auto params = ParseQueryString(QueryOf(req));
    if (!params.ok()) return SendError(res, 400, params.status().message());
    for (const auto& [name, value] : params->values()) {
      if (name == "view") continue;
      if (name == "format" && value == "json") continue;
      return SendError(res, 400, fmt::format("unknown parameter '{}' for programs (expected view)", name));
    }
    if (!options.programs) return SendError(res, 404, "no sales programs: start flywheel serve with --programs FILE");
    if (!params->Has("view")) return SendJson(res, 200, RenderJson(ProgramDefinitionsReport(options.programs->book())));
    const std::string view = params->Get("view");
    if (view != "pending" && view != "decisions" && view != "results") {
      return SendError(res, 400, fmt::format("view: unknown view '{}' (expected pending, decisions or results)", view));
    }
    if (input->workspace_dir.empty()) {
      return SendError(res, 400, "program reports need a workspace: start flywheel serve with --workspace WS");
    }
    auto ledger = LoadProgramLedger(input->workspace_dir);
    if (!ledger.ok()) return SendError(res, WriteStatus(ledger.status()), ledger.status().message());
    auto report = options.programs->View(view, *ledger);
    if (!report.ok()) return SendError(res, WriteStatus(report.status()), report.status().message());
    SendJson(res, 200, RenderJson(*report));
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
    http.Get("/api/programs", Guard([this](const auto& q, auto& r) { Programs(q, r); }));
    http.Get(R"(/api/drilldown/([a-z0-9_-]+))", Guard([this](const auto& q, auto& r) { Drill(q, r); }));
    http.Get(R"(/api/([a-z0-9_-]+))", Guard([this](const auto& q, auto& r) { Report(q, r); }));
    // The market reports are named like the CLI's subcommands: segments/sensitivity, market/fit.
    http.Get(R"(/api/((?:segments|market)/[a-z0-9_-]+))", Guard([this](const auto& q, auto& r) { Report(q, r); }));
    http.Get(R"(/api/.*)", Guard([](const auto& q, auto& r) { SendError(r, 404, fmt::format("no such path: {}", q.path)); }));
    http.Post(R"(/api/programs/([^/]+)/applications)", Guard([this](const auto& q, auto& r) { Apply(q, r); }));
    http.Post(R"(/api/applications/([^/]+)/decisions)", Guard([this](const auto& q, auto& r) { Decide(q, r); }));
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
