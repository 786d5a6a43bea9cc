// module3/cudasim/src/watchdog.cpp
#include "watchdog.h"

#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>

#include "cudasim/settings.h"
#include "diagnostics.h"

namespace cudasim::detail {

namespace {

/// What the watchdog sees of the running launch.
struct Progress {
  std::atomic<std::uint64_t> ticks{0};
  std::atomic<bool> active{false};
  std::atomic<bool> thread_started{false};
  std::atomic<const char*> kernel{nullptr};
  std::atomic<std::size_t> kernel_size{0};
  std::atomic<unsigned> block[3]{};
  std::atomic<unsigned> block_dim[3]{};
  std::atomic<unsigned> thread{0};
};

constinit Progress progress;

constexpr auto relaxed = std::memory_order_relaxed;

/// Reads an (x,y,z) triple of atomics.
uint3 load(const std::atomic<unsigned> (&v)[3]) { return {v[0].load(relaxed), v[1].load(relaxed), v[2].load(relaxed)}; }

/// Writes an (x,y,z) triple of atomics.
void store(std::atomic<unsigned> (&v)[3], uint3 value) {
  v[0].store(value.x, relaxed);
  v[1].store(value.y, relaxed);
  v[2].store(value.z, relaxed);
}

/// Prints where the launch is stuck and ends the process with code 124.
[[noreturn]] void report_hang(double timeout) {
  const std::string kernel(progress.kernel.load(relaxed), progress.kernel_size.load(relaxed));
  const uint3 block = load(progress.block);
  const uint3 thread = thread_coordinates(progress.thread.load(relaxed), load(progress.block_dim));
  std::fprintf(stderr,
               "cudasim: watchdog: kernel %s made no progress for %g s: block %s, thread %s is running and has "
               "neither returned nor reached __syncthreads(). The simulator runs the threads of a block one at a "
               "time, each until its next __syncthreads(): a thread that waits for another thread (a spin loop on a "
               "flag or a lock) never lets it run, and on a GPU such code is not guaranteed to finish either. "
               "Exiting with code 124 (CUDASIM_WATCHDOG=SECONDS changes the timeout, 0 disables it).\n",
               kernel.c_str(), timeout, coordinates(block).c_str(), coordinates(thread).c_str());
  std::fflush(stderr);
  _exit(124);
}

/// How long the watchdog sleeps between two looks at the counter.
std::chrono::duration<double> poll_interval(double timeout) {
  return std::chrono::duration<double>(std::clamp(timeout / 20, 0.005, 0.1));
}

/// The watchdog thread: ends the process if an active launch's counter stands
/// still for the timeout.
void watch() {
  using clock = std::chrono::steady_clock;
  std::uint64_t last_ticks = 0;
  clock::time_point last_change = clock::now();
  for (;;) {
    const double timeout = watchdog_seconds();
    std::this_thread::sleep_for(poll_interval(timeout > 0 ? timeout : 1.0));
    const std::uint64_t ticks = progress.ticks.load(relaxed);
    const clock::time_point now = clock::now();
    if (!progress.active.load(relaxed) || timeout <= 0 || ticks != last_ticks) {
      last_ticks = ticks;
      last_change = now;
      continue;
    }
    if (std::chrono::duration<double>(now - last_change).count() >= timeout) report_hang(timeout);
  }
}

/// In a forked child (a death test) the watchdog thread is gone: start another.
void forget_watchdog_thread() { progress.thread_started.store(false, relaxed); }

/// Ticks the counter (one writer: the launching thread).
void tick() { progress.ticks.store(progress.ticks.load(relaxed) + 1, relaxed); }

}  // namespace

WatchedLaunch::WatchedLaunch(const LaunchInfo& info, double timeout_seconds) {
  progress.kernel.store(info.kernel.data(), relaxed);
  progress.kernel_size.store(info.kernel.size(), relaxed);
  store(progress.block_dim, info.block);
  tick();
  progress.active.store(true, relaxed);
  if (timeout_seconds > 0 && !progress.thread_started.exchange(true)) {
    static const bool registered = pthread_atfork(nullptr, nullptr, forget_watchdog_thread) == 0;
    static_cast<void>(registered);
    std::thread(watch).detach();
  }
}

WatchedLaunch::~WatchedLaunch() {
  tick();
  progress.active.store(false, relaxed);
}

void WatchedLaunch::enter_block(uint3 block) {
  store(progress.block, block);
  tick();
}

void WatchedLaunch::enter_thread(unsigned linear) {
  progress.thread.store(linear, relaxed);
  tick();
}

}  // namespace cudasim::detail
