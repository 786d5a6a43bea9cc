// playground/src/server.h
//
// The HTTP server: JSON endpoints under /api (one file per page), the page
// itself (web/: HTML, JS, CSS) from disk, bounded request bodies, and a
// thread pool large enough for several event streams at once.
#pragma once

#include <functional>
#include <string>

#include "app.h"

namespace playground {

/// Serves until the server is stopped; calls `on_listening(url)` once bound.
/// Returns false (with `error`) when the address cannot be bound.
bool serve(App& app, const std::function<void(const std::string&)>& on_listening, std::string& error);

}  // namespace playground
