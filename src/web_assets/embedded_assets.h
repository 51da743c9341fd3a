// The static files the server answers for paths outside /api/ and `flywheel report --html`
// inlines: the dashboard, compiled into the binary. EmbeddedAssets() is generated at build
// time: cmake/EmbedAssets.cmake from the built dashboard (web/), or, when the dashboard is not
// built, src/web_assets/CMakeLists.txt writes a single index.html saying so.
//
// Each file comes with its gzip and brotli forms, compressed once when the dashboard is
// built (web/compress.mjs), and an entity tag of its contents. Files under /assets/ carry a
// hash of their contents in their names (vite), so they never change under one name.
//
// Serving only from this table means no request path ever reaches the file system.
#pragma once

#include <span>
#include <string_view>

namespace flywheel {

struct EmbeddedAsset {
  std::string_view path;          // "/index.html", "/assets/app-3f2a1c9d.js"
  std::string_view content_type;  // "text/html; charset=utf-8"
  std::string_view body;          // the file itself
  std::string_view gzip;          // its gzip form; empty when compression does not pay
  std::string_view brotli;        // its brotli form; empty when compression does not pay
  std::string_view etag;          // W/"<first 20 hex digits of the SHA-256 of body>"
  bool immutable = false;         // the name holds a hash of the contents (cache forever)
};

// Immutable, static storage; safe to read from any thread.
std::span<const EmbeddedAsset> EmbeddedAssets();

// The asset at `path` ("/index.html"), or null.
const EmbeddedAsset* FindEmbeddedAsset(std::string_view path);

// The dashboard's script and style sheet (whatever their hashed names), or null when the
// dashboard is not built into this binary.
const EmbeddedAsset* DashboardScript();
const EmbeddedAsset* DashboardStyle();

}  // namespace flywheel
