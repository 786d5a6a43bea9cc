// grader/mutants/mutant_selection.h
//
// Which wrong implementation (mutant) a mutation run uses. The grader sets
// MINITORCH_MUTANT=<name> ("none": the right implementation) for each run of
// a mutation program (grader/gradelib/mutation.py). take_mutant_selection()
// reads it before any test code runs (a constructor of priority 101, ahead of
// every ordinary static initialiser), then removes it from the environment
// and blanks its bytes in the process's initial environment block, so a test
// cannot see it with getenv or in /proc/self/environ. The choice is kept in a
// variable of the calling file that no other file can name.
//
// A test runs in the same process, so this does not isolate anything: it only
// leaves no plain way for a test to tell the right implementation from a
// wrong one other than by calling it (which is the point of a test).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string_view>

extern char** environ;  // NOLINT: POSIX

namespace minitorch::mutation_detail {

inline constexpr const char* kVariable = "MINITORCH_MUTANT";
// Printed (with exit status 86) for a name this program does not know: the
// grader reports it as its own error, never as a caught mutant.
inline constexpr const char* kUnknownMarker = "MINITORCH-MUTATION-ERROR";

/// The index of the selected mutant in `names`, or -1 for the right
/// implementation (variable unset or "none"). Exits with status 86 for an
/// unknown name.
inline int take_mutant_selection(std::span<const std::string_view> names) {
  char value[128] = {0};
  char* found[8] = {nullptr};
  std::size_t count = 0;
  const std::size_t prefix = std::strlen(kVariable);
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, kVariable, prefix) != 0 || (*entry)[prefix] != '=') continue;
    std::strncpy(value, *entry + prefix + 1, sizeof(value) - 1);
    if (count < 8) found[count++] = *entry;
  }
  unsetenv(kVariable);
  // Blank the bytes too: /proc/self/environ shows this memory. (The grader
  // pads every value to one length, so not even the length tells.)
  for (std::size_t i = 0; i < count; ++i) std::memset(found[i], 0, std::strlen(found[i]));
  std::size_t length = std::strlen(value);
  while (length > 0 && value[length - 1] == ' ') value[--length] = '\0';
  const std::string_view chosen(value);
  if (chosen.empty() || chosen == "none") return -1;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == chosen) return static_cast<int>(i);
  }
  std::fprintf(stderr, "%s: unknown mutant '%s'; this program knows:", kUnknownMarker, value);
  for (const std::string_view name : names) std::fprintf(stderr, " %.*s", static_cast<int>(name.size()), name.data());
  std::fprintf(stderr, "\n");
  std::fflush(stderr);
  std::_Exit(86);
}

/// One line on stderr naming the wrong implementation in use (for a person
/// who runs a mutation program by hand).
inline void announce(std::span<const std::string_view> names, int selected) {
  if (selected < 0) return;
  const std::string_view name = names[static_cast<std::size_t>(selected)];
  std::fprintf(stderr, "[mutation] running with the wrong implementation '%.*s' (grader/mutants)\n",
               static_cast<int>(name.size()), name.data());
}

}  // namespace minitorch::mutation_detail
