// The subcommands of the flywheel executable, as one table (name, help, setup), so that
// --help and dispatch come from one list.
#pragma once

#include <functional>
#include <vector>

#include "base/status.h"

namespace CLI {
class App;
}

namespace flywheel {

// Registers the command's options on `app` and returns the action to run when the
// command was chosen. The action owns its option values (capture them in the closure).
using CommandSetup = std::function<std::function<Status()>(CLI::App* app)>;

struct Command {
  const char* name;
  const char* help;
  CommandSetup setup;
};

const std::vector<Command>& Commands();

}  // namespace flywheel
