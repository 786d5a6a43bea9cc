// module3/cudasim/src/traffic.cpp
//
// cudasim/traffic.h: the recorder, and where finished launches go.
#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <string>

#include "cudasim/profile.h"
#include "cudasim/traffic.h"
#include "diagnostics.h"
#include "profile_table.h"
#include "traffic_counter.h"

namespace cudasim {

namespace {

/// The recorder's launches while one is alive, and their lock.
struct Sink {
  std::mutex mutex;
  std::vector<LaunchTraffic>* launches = nullptr;
};

Sink& sink() {
  static Sink* instance = new Sink;  // never destroyed: launches may run during exit
  return *instance;
}

}  // namespace

const BufferTraffic* LaunchTraffic::argument(unsigned position) const {
  for (const BufferTraffic& buffer : buffers) {
    if (std::find(buffer.arguments.begin(), buffer.arguments.end(), position) != buffer.arguments.end()) return &buffer;
  }
  return nullptr;
}

std::uint64_t LaunchTraffic::minimum_accesses() const {
  std::uint64_t cells = 0;
  for (const BufferTraffic& buffer : buffers) cells += buffer.cells_loaded + buffer.cells_stored;
  return cells;
}

bool counting_available() {
#if defined(CUDASIM_COUNTING)
  return true;
#else
  return false;
#endif
}

TrafficRecorder::TrafficRecorder() {
  Sink& s = sink();
  const std::scoped_lock lock(s.mutex);
  if (s.launches != nullptr) throw std::logic_error("cudasim::TrafficRecorder: another recorder is alive");
  s.launches = &launches_;
}

TrafficRecorder::~TrafficRecorder() {
  Sink& s = sink();
  const std::scoped_lock lock(s.mutex);
  s.launches = nullptr;
}

std::vector<LaunchTraffic> TrafficRecorder::of(std::string_view kernel) const {
  std::vector<LaunchTraffic> found;
  for (const LaunchTraffic& launch : launches_) {
    if (detail::unqualified(launch.kernel).starts_with(kernel)) found.push_back(launch);
  }
  return found;
}

const LaunchTraffic& TrafficRecorder::only(std::string_view kernel) const {
  const LaunchTraffic* found = nullptr;
  std::size_t count = 0;
  for (const LaunchTraffic& launch : launches_) {
    if (!detail::unqualified(launch.kernel).starts_with(kernel)) continue;
    found = &launch;
    ++count;
  }
  if (count != 1) {
    throw std::logic_error("cudasim::TrafficRecorder: " + std::to_string(count) + " launches of " +
                           std::string(kernel) + ", one expected");
  }
  return *found;
}

namespace detail {

bool traffic_wanted() {
  if (profile_enabled()) return true;
  Sink& s = sink();
  const std::scoped_lock lock(s.mutex);
  return s.launches != nullptr;
}

void publish(LaunchTraffic traffic) {
  if (profile_enabled()) add_to_profile(traffic);
  Sink& s = sink();
  const std::scoped_lock lock(s.mutex);
  if (s.launches != nullptr) s.launches->push_back(std::move(traffic));
}

}  // namespace detail

std::string grouped(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

}  // namespace cudasim
