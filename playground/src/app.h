// playground/src/app.h
//
// What every page's endpoints share: the options the program started with
// (which modules to show, the tasks to pretend missing) and the training
// sessions. One App per server; handlers get it by reference.
#pragma once

#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include <httplib.h>

#include "training_sessions.h"

namespace playground {

/// The modules this build compiled (CMake's MINITORCH_MODULE; built_module.cpp).
int built_module();

struct AppOptions {
  int module = built_module();               // pages of modules 0..module
  std::string host = "127.0.0.1";            // loopback unless --host says otherwise
  int port = 8080;                           // 0: any free port (printed)
  std::string web_dir = PLAYGROUND_WEB_DIR;  // the page's HTML, JS and CSS
  std::set<std::string> pretend_missing;     // tasks answered as if their stub threw (testing)
};

struct App {
  AppOptions options;
  TrainingSessions sessions;

  /// Throws minitorch::NotImplemented for the first of `tasks` that
  /// --pretend-missing names (a forced stub: how the tests see the pages of a
  /// handout without building one). The real stubs throw by themselves.
  void require_tasks(std::initializer_list<const char*> tasks) const;
  void require_tasks(const std::vector<const char*>& tasks) const;
};

}  // namespace playground
