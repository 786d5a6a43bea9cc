// playground/src/main.cpp
//
// The MiniTorch playground: a local web app (the C++ counterpart of the
// course's Streamlit app) that shows the library at work, page by page for
// Modules 0..N.
//
//   playground [N] [--port P] [--host H] [--web-dir DIR] [--pretend-missing 1.4,2.1]
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app.h"
#include "minitorch/cli_options.h"
#include "server.h"

namespace {

namespace cli = minitorch::cli;

cli::Parser make_parser() {
  cli::Parser parser("playground",
                     "Serves the MiniTorch playground, a local web app with the pages of Modules 0..N "
                     "(N: --module or the first argument).");
  parser
      .add({"module", "N", "show the pages of modules 0..N", std::to_string(playground::built_module()), cli::Kind::Int,
            0})
      .add({"port", "P", "the port to listen on (0: any free port)", "8080", cli::Kind::Int, 0})
      .add(
          {"host", "H", "the address to listen on (loopback unless you say otherwise)", "127.0.0.1", cli::Kind::String})
      .add({"web-dir", "DIR", "the page's files", PLAYGROUND_WEB_DIR, cli::Kind::String})
      .add({"pretend-missing", "TASKS", "testing: answer as if these tasks' stubs threw NotImplemented (e.g. 1.4,2.1)",
            "", cli::Kind::List});
  return parser;
}

}  // namespace

int main(int argc, char** argv) {
  // `playground 2 --port 0` is `playground --module 2 --port 0`: a word that is
  // not an option's value is the module (every option but --help takes a value).
  std::vector<std::string> words = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    const bool option = word.rfind("--", 0) == 0;
    if (!option && word != "-h") words.push_back("--module");
    words.push_back(word);
    if (option && word != "--help" && word.find('=') == std::string::npos && i + 1 < argc) words.push_back(argv[++i]);
  }
  std::vector<const char*> args;
  for (const std::string& w : words) args.push_back(w.c_str());

  const cli::Parser parser = make_parser();
  return cli::run_main(static_cast<int>(args.size()), args.data(), parser, [](const cli::Args& a) {
    playground::App app;
    app.options.module = a.get_int("module");
    if (app.options.module > 4) {
      throw cli::UsageError("the modules are 0..4, asked for " + std::to_string(app.options.module));
    }
    if (app.options.module > playground::built_module()) {
      throw cli::UsageError("this build has modules 0.." + std::to_string(playground::built_module()) +
                            " (configure with -DMINITORCH_MODULE=" + std::to_string(app.options.module) +
                            "), asked for " + std::to_string(app.options.module));
    }
    app.options.port = a.get_int("port");
    if (app.options.port > 65535) throw cli::UsageError("--port must be 0..65535");
    app.options.host = a.get_string("host");
    app.options.web_dir = a.get_string("web-dir");
    for (const std::string& task : a.get_list("pretend-missing")) app.options.pretend_missing.insert(task);
    std::string error;
    const bool served = playground::serve(
        app,
        [&](const std::string& url) {
          std::cout << "MiniTorch playground (modules 0.." << app.options.module << "): " << url << std::endl;
          if (app.options.host != "127.0.0.1" && app.options.host != "localhost" && app.options.host != "::1") {
            std::cout << "note: listening on " << app.options.host << ", not only on this machine" << std::endl;
          }
          std::cout << "Open it in a browser; Ctrl-C stops the server." << std::endl;
        },
        error);
    if (!served) {
      std::cerr << "playground: " << error << "\n";
      return 1;
    }
    return 0;
  });
}
