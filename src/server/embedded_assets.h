// The static files the server answers for paths outside /api/: the dashboard, compiled
// into the binary. The definition of EmbeddedAssets() is generated at build time:
// cmake/EmbedAssets.cmake from the built dashboard (web/), or, when the dashboard is not
// built, src/server/CMakeLists.txt writes a single index.html saying so.
//
// Serving only from this table means no request path ever reaches the file system.
#pragma once

#include <span>
#include <string_view>

namespace flywheel {

struct EmbeddedAsset {
  std::string_view path;          // "/index.html", "/assets/app.js"
  std::string_view content_type;  // "text/html; charset=utf-8"
  std::string_view body;
};

// Immutable, static storage; safe to read from any thread.
std::span<const EmbeddedAsset> EmbeddedAssets();

}  // namespace flywheel
