// module1/src/graph.cpp
#include "minitorch/graph.h"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>

#include "minitorch/plot.h"

extern char** environ;

namespace minitorch {

namespace detail {

std::string dot_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string DotNames::shown(const std::string& name) {
  if (name.size() <= 15) return name;
  const auto [it, inserted] = long_names_.try_emplace(name, static_cast<int>(long_names_.size()));
  return "v" + std::to_string(it->second);
}

}  // namespace detail

bool render_dot_to_svg(const std::string& dot_path, const std::string& svg_path, std::string& message) {
  std::vector<std::string> args = {"dot", "-Tsvg", dot_path, "-o", svg_path};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  // posix_spawnp searches PATH and runs dot directly: no shell, no quoting.
  const int spawn_error = posix_spawnp(&pid, "dot", nullptr, nullptr, argv.data(), environ);
  if (spawn_error != 0) {
    message = "Graphviz's `dot` could not be run (" + std::string(std::strerror(spawn_error)) +
              "): install Graphviz to get " + svg_path +
              " (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz), or paste " + dot_path +
              " into an online Graphviz viewer.";
    return false;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      message = "waiting for `dot` failed: " + std::string(std::strerror(errno));
      return false;
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    message = "`dot -Tsvg " + dot_path + " -o " + svg_path + "` failed" +
              (WIFEXITED(status) ? " with exit status " + std::to_string(WEXITSTATUS(status)) : std::string()) +
              (WEXITSTATUS(status) == 127 ? " (is Graphviz installed? sudo apt-get install graphviz)" : "");
    return false;
  }
  message = "wrote " + svg_path;
  return true;
}

GraphFiles write_graph(const std::string& dot, const std::string& prefix) {
  GraphFiles files{prefix + ".dot", prefix + ".svg", ""};
  plot::write_file(files.dot_path, dot);
  if (!render_dot_to_svg(files.dot_path, files.svg_path, files.message)) files.svg_path.clear();
  return files;
}

}  // namespace minitorch
