#include "web_assets/embedded_assets.h"

namespace flywheel {
namespace {

// The one file under /assets/ whose name ends in `extension` (vite writes one script and one
// style sheet: web/vite.config.js).
const EmbeddedAsset* FindDashboardFile(std::string_view extension) {
  for (const EmbeddedAsset& asset : EmbeddedAssets()) {
    if (asset.path.starts_with("/assets/") && asset.path.ends_with(extension)) return &asset;
  }
  return nullptr;
}

}  // namespace

const EmbeddedAsset* FindEmbeddedAsset(std::string_view path) {
  for (const EmbeddedAsset& asset : EmbeddedAssets()) {
    if (asset.path == path) return &asset;
  }
  return nullptr;
}

const EmbeddedAsset* DashboardScript() { return FindDashboardFile(".js"); }
const EmbeddedAsset* DashboardStyle() { return FindDashboardFile(".css"); }

}  // namespace flywheel
