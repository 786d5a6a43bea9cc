// module0/src/errors.cpp
#include "minitorch/errors.h"

namespace minitorch {

namespace {
std::string not_implemented_message(const std::string& task, const std::source_location& where) {
  return "Task " + task + " not implemented: " + where.function_name() + " (" + where.file_name() + ":" +
         std::to_string(where.line()) + "). Replace the MT_TODO line with your solution.";
}
}  // namespace

NotImplemented::NotImplemented(const std::string& task, const std::source_location& where)
    : Error(not_implemented_message(task, where)), task_(task) {}

namespace detail {
void throw_not_implemented(const char* task, std::source_location where) { throw NotImplemented(task, where); }
}  // namespace detail

}  // namespace minitorch
