// Reading a whole (small) file into memory: settings, scorecards, mappings, models, tokens.
// The large data files are read by ingest/ (memory-mapped), not by this.
#pragma once

#include <string>

#include "base/status.h"

namespace flywheel {

// The bytes of `path`. A file that cannot be opened is NotFound with `cannot_open` — the
// caller's own words ("scorecard file x.toml does not exist") — or, when that is empty,
// "PATH: cannot open the file (REASON)". A file that opens but cannot be read to its end (a
// folder, an I/O error) is Io: "PATH: cannot read the file (REASON)".
Result<std::string> ReadFileText(const std::string& path, std::string cannot_open = {});

}  // namespace flywheel
