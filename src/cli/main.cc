// flywheel: the command-line entry point. Parses flags and dispatches to the command
// table; every computation lives in the libraries.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <map>

#include "cli/command.h"
#include "ingest/text_encoding.h"

int main(int argc, char** argv) {
  using flywheel::Status;
  CLI::App app{"Flywheel: go-to-market analytics for B2B SaaS, on your own machine."};
  app.name("flywheel");
  app.require_subcommand(1);
  app.get_formatter()->column_width(34);

  std::map<CLI::App*, std::function<Status()>> actions;
  for (const auto& command : flywheel::Commands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    actions[sub] = command.setup(sub);
  }

  // Arguments end up in reports (segment names, labels), which are UTF-8 text.
  for (int i = 1; i < argc; ++i) {
    if (flywheel::FindInvalidUtf8(argv[i])) {
      fmt::print(stderr, "flywheel: error: argument {} is not valid UTF-8: {}\n", i,
                 flywheel::ValidUtf8Copy(argv[i]));
      return 2;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    app.exit(e);
    return 2;
  }

  try {
    for (auto& [sub, action] : actions) {
      if (!sub->parsed()) continue;
      Status status = action();
      if (!status.ok()) {
        std::fflush(stdout);
        // One "flywheel: error: " line per problem, so that each reads (and greps) alone.
        const std::string& message = status.message();
        for (size_t start = 0; start <= message.size();) {
          size_t end = message.find('\n', start);
          if (end == std::string::npos) end = message.size();
          fmt::print(stderr, "flywheel: error: {}\n", std::string_view(message).substr(start, end - start));
          start = end + 1;
        }
      }
      return status.ExitCode();
    }
  } catch (const std::exception& e) {
    std::fflush(stdout);
    fmt::print(stderr, "flywheel: internal error: {}\n", e.what());
    return 3;
  }
  return 2;
}
