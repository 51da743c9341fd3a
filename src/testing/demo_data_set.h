// LoadDemoDataSet: a demo data set (demo/demo_generator.h) of a given size, written to a
// temporary folder, loaded through the real loader, and the folder removed again — the data
// the oracle tests recompute with SQL. Header-only; the test binaries that use it link the
// demo and ingest modules.
#ifndef FLYWHEEL_TESTING_DEMO_DATA_SET_H_
#define FLYWHEEL_TESTING_DEMO_DATA_SET_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "demo/demo_generator.h"
#include "ingest/dataset_loader.h"

namespace flywheel {

// Null (and a test failure) when generating or loading fails; *as_of gets the data set's
// as-of date (the generator's end).
inline std::unique_ptr<Dataset> LoadDemoDataSet(const std::string& name, int64_t accounts, Day* as_of) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("flywheel_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  DemoOptions options;
  options.accounts = accounts;
  Status written = WriteDemoDataSet(dir.string(), options);
  auto loaded = written.ok() ? LoadDataDirectory(dir.string()) : Result<LoadedDataset>(written);
  fs::remove_all(dir);
  if (!loaded.ok()) {
    ADD_FAILURE() << loaded.status().message();
    return nullptr;
  }
  *as_of = options.end;
  return std::make_unique<Dataset>(std::move(loaded->dataset));
}

}  // namespace flywheel

#endif  // FLYWHEEL_TESTING_DEMO_DATA_SET_H_
