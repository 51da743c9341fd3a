#include "workspace/validated_import.h"

#include <fmt/core.h>

#include <filesystem>

#include "base/file_text.h"

namespace flywheel {
namespace fs = std::filesystem;

LoadOptions LoadOptionsFor(const Settings& settings, bool strict) {
  LoadOptions options;
  options.quarantine.enabled = !strict;
  options.quarantine.max_share = settings.max_quarantined_share;
  CurrencyPolicy currencies;
  currencies.base = settings.base_currency;
  for (const auto& [code, rate] : settings.pinned_rates) currencies.pinned.push_back(code);
  options.currencies = std::move(currencies);
  return options;
}

Result<std::optional<SettingsFile>> ReadSettingsFile(const std::string& path, const std::string& dir) {
  fs::path file = path.empty() ? fs::path(dir) / "flywheel.toml" : fs::path(path);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    if (path.empty()) return std::optional<SettingsFile>();
    return Status::NotFound(fmt::format("settings file {} does not exist", path));
  }
  auto text = ReadFileText(file.string());
  if (!text.ok()) return text.status();
  // Messages name the file as `check` does: the path given, or DIR/flywheel.toml.
  auto settings = ParseSettings(text.value(), file.string());
  if (!settings.ok()) return settings.status();
  return std::optional<SettingsFile>(SettingsFile{std::move(text).value(), std::move(*settings)});
}

std::vector<QuarantineFile> QuarantineFilesOf(const LoadedDataset& data) {
  std::vector<QuarantineFile> files;
  for (const QuarantinedTable& table : data.quarantined) {
    QuarantineFile file;
    file.table = std::string(TableName(table.table));
    file.columns = table.header;
    for (const QuarantinedRow& row : table.rows) {
      file.rows.push_back({fmt::format("{}:{}", table.file, row.line), row.reason, row.fields});
    }
    files.push_back(std::move(file));
  }
  return files;
}

Result<ValidatedImport> ValidateDataDirectory(const std::string& data_dir, const ValidationOptions& options) {
  auto settings = ReadSettingsFile(options.settings_path, data_dir);
  if (!settings.ok()) return settings.status();
  const Settings used = *settings ? (*settings)->settings : options.settings.value_or(Settings());
  auto loaded = LoadDataDirectory(data_dir, LoadOptionsFor(used, options.strict));
  if (!loaded.ok()) return loaded.status();
  ValidatedImport out;
  out.quarantine = QuarantineFilesOf(*loaded);
  out.data = std::move(*loaded);
  out.source_dir = data_dir;
  if (*settings) out.settings_toml = std::move((*settings)->text);
  return out;
}

}  // namespace flywheel
