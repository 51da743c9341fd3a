// `flywheel serve`: listens, loads the data once and answers the HTTP API (docs/API.md)
// until interrupted.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include "base/file_text.h"
#include "base/strings.h"
#include "cli/input.h"
#include "market/beachhead_model.h"
#include "market/scoring_model.h"
#include "programs/program_desk.h"
#include "server/allocator_tuning.h"
#include "server/api_server.h"

namespace flywheel {
namespace {

// --rate-limit and --burst: finite; the rate 0 (off) or positive, then a burst of at least 1.
Status CheckRateLimit(double rate, double burst) {
  if (!std::isfinite(rate) || rate < 0) {
    return Status::Usage(
        fmt::format("--rate-limit: {} is not a number of requests per second (0 turns the limit off)", rate));
  }
  if (rate > 0 && (!std::isfinite(burst) || burst < 1)) {
    return Status::Usage(fmt::format("--burst: {} is not a number of requests (at least 1)", burst));
  }
  return Status::Ok();
}

// What `flywheel serve` was asked for.
struct ServeOptions {
  InputOptions input;
  ServerOptions server;
  std::string token_file;
  std::string programs_path;
  struct {
    std::string segments, beachhead;
  } input_files;
  double rate = 20, burst = 40;
  size_t max_body = 64 * 1024;
};

// The data of the serve command (--data or --workspace), the derived MRR series most requests
// start from, and the sales programs over that data, handed to `server`; then the "serving"
// line. A failure (bad data, a bad programs file) is returned for the command to report.
Status LoadAndPublish(const ServeOptions& o, int port, ApiServer* server) {
  auto input = LoadInput(o.input);
  if (!input.ok()) return input.status();
  PrintWarnings(input->warnings);
  input->segments_file = o.input_files.segments;
  input->beachhead_file = o.input_files.beachhead;
  // The MRR series of the default date, which most requests start from, is computed before the
  // server answers (part of its start, like the load). A failure here (a missing fx rate) is
  // left for the requests to report.
  if (input->dataset.Has(Table::kSubscriptions))
    (void)input->derived->Mrr(input->dataset, input->settings, input->as_of);
  auto shared = std::make_shared<const Input>(std::move(*input));
  std::shared_ptr<const ProgramDesk> programs;
  if (!o.programs_path.empty()) {
    auto book = LoadProgramsFile(o.programs_path, ProgramRuleLists(shared->settings));
    if (!book.ok()) return book.status();
    auto desk = ProgramDesk::Create(shared->dataset, shared->settings, shared->as_of, std::move(*book),
                                    shared->snapshot);
    if (!desk.ok()) return desk.status();
    programs = std::make_shared<const ProgramDesk>(std::move(*desk));
  }
  // From here on, memory is allocated by requests: keep what one frees for the next
  // (server/allocator_tuning.h).
  KeepFreedMemoryForRequests();
  server->Publish(shared, std::move(programs));
  fmt::print("flywheel: serving http://{}:{}/ (as of {}, {} accounts{})\n", o.server.host, port,
             FormatDate(shared->as_of), shared->dataset.accounts.size(),
             shared->workspace_dir.empty() ? "" : fmt::format(", snapshot {}", shared->snapshot));
  std::fflush(stdout);
  return Status::Ok();
}

}  // namespace

std::function<Status()> SetupServe(CLI::App* app) {
  auto o = std::make_shared<ServeOptions>();
  AddInputOptions(app, &o->input);
  app->add_option("--host", o->server.host, "Address to listen on")->capture_default_str();
  app->add_option("--port", o->server.port, "Port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app->add_option("--allow-host", o->server.allowed_hosts,
                  "Another Host name to answer for (repeatable; NAME or NAME:PORT), e.g. behind a proxy");
  app->add_option(
      "--token-file", o->token_file,
      "File holding the bearer token writes need (default: writes refused); needed beyond loopback");
  app->add_option("--programs", o->programs_path,
                  "Sales programs TOML: GET /api/programs and the program writes (need --workspace)");
  app->add_option("--segments", o->input_files.segments,
                  "Segment scoring TOML for /api/segments (see docs/MARKET.md)");
  app->add_option("--beachhead", o->input_files.beachhead,
                  "Beachhead TOML for /api/market/beachhead (see docs/MARKET.md)");
  app->add_option("--rate-limit", o->rate, "Requests per second per client; 0 turns the limit off")
      ->capture_default_str();
  app->add_option("--burst", o->burst, "Requests a client may make at once")->capture_default_str();
  app->add_option("--max-body", o->max_body, "Largest request body in bytes")->capture_default_str();
  return [o]() -> Status {
    if (!o->token_file.empty()) {
      auto text = ReadFileText(o->token_file, fmt::format("--token-file: cannot read {}", o->token_file));
      if (!text.ok()) return text.status();
      o->server.token = std::string(Trim(text.value()));
      if (o->server.token.size() < 16)
        return Status::Usage("--token-file: the token must have at least 16 characters");
    }
    if (!IsLoopbackHost(o->server.host) && o->server.token.empty()) {
      return Status::Usage(
          fmt::format("--host {} is not a loopback address: serving beyond this machine needs "
                      "--token-file (every API request then needs the token)",
                      o->server.host));
    }
    FLYWHEEL_RETURN_IF_ERROR(CheckRateLimit(o->rate, o->burst));
    o->server.rate_limit = RateLimit{o->rate, o->burst};
    o->server.max_body_bytes = o->max_body;
    o->server.stop_on_signals = true;
    // The market files are read on each request; a bad one is reported now, before listening.
    if (!o->input_files.segments.empty())
      FLYWHEEL_RETURN_IF_ERROR(LoadScoringModel(o->input_files.segments).status());
    if (!o->input_files.beachhead.empty()) {
      FLYWHEEL_RETURN_IF_ERROR(LoadBeachheadModel(o->input_files.beachhead).status());
    }
    // Listen first, then load: the dashboard opens at once and shows that the data is loading
    // (the API answers 503 "loading" until then); scripts wait for the "serving" line.
    ApiServer server(o->server);
    auto port = server.Bind();
    if (!port.ok()) return port.status();
    fmt::print(stderr, "flywheel: listening on http://{}:{}/, loading the data\n", o->server.host, *port);
    std::fflush(stderr);
    Status loaded = Status::Ok();
    std::atomic<bool> load_ended = false;
    std::thread loader([&] {
      loaded = LoadAndPublish(*o, *port, &server);
      load_ended.store(true, std::memory_order_release);
      if (!loaded.ok()) server.Stop();
    });
    server.Serve();
    if (!load_ended.load(std::memory_order_acquire)) {
      // Interrupted while the data still loads: the load only reads, so nothing is left
      // half-written; end now instead of waiting for it (a large CSV folder takes seconds,
      // a named pipe without a writer forever) and print no "serving" line.
      fmt::print(stderr, "flywheel: stopped before the data was loaded\n");
      std::fflush(stderr);
      std::fflush(stdout);
      std::_Exit(0);
    }
    loader.join();
    return loaded;
  };
}

}  // namespace flywheel
