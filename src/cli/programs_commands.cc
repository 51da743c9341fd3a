// `flywheel programs list|apply|decide|report`: sales programs (customers.md "Sales
// programs", docs/PROGRAMS.md). Applications and decisions are stored in the workspace.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/input.h"
#include "programs/program_desk.h"
#include "programs/program_store.h"
#include "programs/sales_program.h"

namespace flywheel {

namespace {

struct ProgramsOptions {
  InputOptions input;
  std::string programs_path;
  std::string format = "table";
};

void AddProgramsOptions(CLI::App* app, ProgramsOptions* o) {
  AddInputOptions(app, &o->input);
  app->add_option("--programs", o->programs_path, "Programs TOML (see examples/programs.toml)")->required();
  AddFormatOption(app, &o->format);
}

struct LoadedPrograms {
  Input in;
  ProgramBook book;
};

// Loads the data set, settings and programs file. `needs_workspace` names the command
// that stores something, so that --data alone gets a clear message.
Result<LoadedPrograms> LoadPrograms(const ProgramsOptions& o, const char* needs_workspace) {
  if (needs_workspace != nullptr && o.input.workspace_dir.empty()) {
    return Status::Usage(
        fmt::format("programs {} stores its record in a workspace: give --workspace WS (made by "
                    "flywheel import)",
                    needs_workspace));
  }
  auto in = LoadInput(o.input);
  if (!in.ok()) return in.status();
  PrintWarnings(in->warnings);
  auto book = LoadProgramsFile(o.programs_path, ProgramRuleLists(in->settings));
  if (!book.ok()) return book.status();
  return LoadedPrograms{std::move(in).value(), std::move(book).value()};
}

// apply and decide print one human line (table) or the API's JSON object (json).
Status CheckRecordFormat(const std::string& format, const char* command) {
  if (format == "table" || format == "json") return Status::Ok();
  return Status::Usage(fmt::format("--format: programs {} prints table or json, not '{}'", command, format));
}

std::string FitText(double fit) { return std::isnan(fit) ? "no ICP rules" : FormatNumber(fit, 1); }

std::function<Status()> SetupList(CLI::App* app) {
  auto o = std::make_shared<ProgramsOptions>();
  AddProgramsOptions(app, o.get());
  return [o]() -> Status {
    auto format = ParseFormat(o->format);
    if (!format.ok()) return format.status();
    auto loaded = LoadPrograms(*o, nullptr);
    if (!loaded.ok()) return loaded.status();
    return PrintReport(ProgramDefinitionsReport(loaded->book), o->format);
  };
}

std::function<Status()> SetupApply(CLI::App* app) {
  auto o = std::make_shared<ProgramsOptions>();
  auto request = std::make_shared<ApplicationRequest>();
  AddProgramsOptions(app, o.get());
  app->add_option("--program", request->program, "Program id")->required();
  app->add_option("--opportunity", request->opportunity_id, "Open opportunity id")->required();
  app->add_option("--by", request->applicant, "Who applies (the sales rep)")->required();
  app->add_option("--note", request->note, "Why this deal should get the program");
  return [o, request]() -> Status {
    FLYWHEEL_RETURN_IF_ERROR(CheckRecordFormat(o->format, "apply"));
    auto now = ProgramClockNow();
    if (!now.ok()) return now.status();
    auto loaded = LoadPrograms(*o, "apply");
    if (!loaded.ok()) return loaded.status();
    auto desk = ProgramDesk::Create(loaded->in.dataset, loaded->in.settings, loaded->in.as_of, loaded->book,
                                    loaded->in.snapshot);
    if (!desk.ok()) return desk.status();
    auto app = desk->Prepare(*request, *now);
    if (!app.ok()) return app.status();
    auto id = StoreApplication(o->input.workspace_dir, *app);
    if (!id.ok()) return id.status();
    app->id = *id;
    if (o->format == "json") {
      fmt::print("{}", ApplicationJson(*app));
      return Status::Ok();
    }
    fmt::print("application {}: {} for opportunity {} (account {}) by {} at {}\n", app->id, app->program,
               app->opportunity_id, app->account_id, app->applicant, app->applied_at);
    std::string failed;
    for (const auto& f : app->failed_rules) failed += (failed.empty() ? "" : "; ") + f;
    fmt::print("pre-check: {}{} · fit {} (as of {})\n", app->eligible ? "eligible" : "not eligible",
               failed.empty() ? "" : " (failed: " + failed + ")", FitText(app->fit), app->checked_as_of);
    return Status::Ok();
  };
}

std::function<Status()> SetupDecide(CLI::App* app) {
  auto o = std::make_shared<ProgramsOptions>();
  auto d = std::make_shared<ProgramDecision>();
  AddProgramsOptions(app, o.get());
  app->add_option("--application", d->application_id, "Application id")->required();
  app->add_option("--decision", d->decision, "approve or reject")->required();
  app->add_option("--reason", d->reason, "The committee's reason")->required();
  app->add_option("--by", d->decided_by, "Who decided")->required();
  return [o, d]() -> Status {
    FLYWHEEL_RETURN_IF_ERROR(CheckRecordFormat(o->format, "decide"));
    auto now = ProgramClockNow();
    if (!now.ok()) return now.status();
    auto loaded = LoadPrograms(*o, "decide");
    if (!loaded.ok()) return loaded.status();
    ProgramDecision decision = *d;
    decision.decided_at = *now;
    auto id = StoreDecision(o->input.workspace_dir, loaded->book, decision);
    if (!id.ok()) return id.status();
    decision.id = *id;
    auto ledger = LoadProgramLedger(o->input.workspace_dir);
    if (!ledger.ok()) return ledger.status();
    const ProgramApplication* app = nullptr;
    for (const auto& a : *ledger) {
      if (a.id == decision.application_id) app = &a;
    }
    const std::string state = app ? app->State() : "";
    if (o->format == "json") {
      fmt::print("{}", DecisionJson(decision, state));
      return Status::Ok();
    }
    fmt::print("decision {} on application {}: {} by {} at {}: {}\n", decision.id, decision.application_id,
               decision.decision, decision.decided_by, decision.decided_at, decision.reason);
    if (app && app->decisions.size() > 1) {
      const ProgramDecision& before = app->decisions[app->decisions.size() - 2];
      fmt::print("supersedes decision {} ({} by {} at {}); both are kept\n", before.id, before.decision,
                 before.decided_by, before.decided_at);
    }
    fmt::print("application {} is now {}\n", decision.application_id, state);
    return Status::Ok();
  };
}

std::function<Status()> SetupProgramsReport(CLI::App* app) {
  auto o = std::make_shared<ProgramsOptions>();
  auto view = std::make_shared<std::string>("pending");
  AddProgramsOptions(app, o.get());
  app->add_option("--view", *view, "pending, decisions or results")->capture_default_str();
  return [o, view]() -> Status {
    auto format = ParseFormat(o->format);
    if (!format.ok()) return format.status();
    if (*view != "pending" && *view != "decisions" && *view != "results") {
      return Status::Usage(
          fmt::format("--view: unknown view '{}' (expected pending, decisions or results)", *view));
    }
    auto loaded = LoadPrograms(*o, "report");
    if (!loaded.ok()) return loaded.status();
    auto desk = ProgramDesk::Create(loaded->in.dataset, loaded->in.settings, loaded->in.as_of, loaded->book,
                                    loaded->in.snapshot);
    if (!desk.ok()) return desk.status();
    auto ledger = LoadProgramLedger(o->input.workspace_dir);
    if (!ledger.ok()) return ledger.status();
    auto report = desk->View(*view, *ledger);
    if (!report.ok()) return report.status();
    return PrintReport(*report, o->format);
  };
}

}  // namespace

std::function<Status()> SetupPrograms(CLI::App* app) {
  app->require_subcommand(1);
  std::vector<std::pair<CLI::App*, std::function<Status()>>> subs;
  auto add = [&](const char* name, const char* help,
                 std::function<std::function<Status()>(CLI::App*)> setup) {
    CLI::App* sub = app->add_subcommand(name, help);
    subs.emplace_back(sub, setup(sub));
  };
  add("list", "The programs of --programs: eligibility, benefits, advocacy commitment, cap", SetupList);
  add("apply", "Apply for a program with an open opportunity (stored in the workspace with its pre-check)",
      SetupApply);
  add("decide", "Approve or reject an application with a reason (a later decision supersedes, both kept)",
      SetupDecide);
  add("report", "Pending applications, decisions or results per program (--view)", SetupProgramsReport);
  return [subs]() -> Status {
    for (const auto& [sub, action] : subs) {
      if (sub->parsed()) return action();
    }
    return Status::Usage("programs: expected list, apply, decide or report");
  };
}

}  // namespace flywheel
