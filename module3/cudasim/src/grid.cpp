// module3/cudasim/src/grid.cpp
//
// cudasim::launch's checks and the grid runner (see cudasim/detail/grid.h).
#include "cudasim/detail/grid.h"

#include <cstdint>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "allocations.h"
#include "block.h"
#include "cudasim/builtins.h"
#include "cudasim/kernel_error.h"
#include "cudasim/limits.h"
#include "diagnostics.h"
#include "traffic_counter.h"

namespace cudasim::detail {

namespace {

/// Serialises launches: `__shared__` arrays are plain statics.
std::mutex& launch_mutex() {
  static std::mutex* mutex = new std::mutex;  // never destroyed: launches may run during exit
  return *mutex;
}

/// Why CUDA would reject the dimensions, or "" if it would not.
std::string configuration_problem(dim3 grid, dim3 block) {
  const std::uint64_t threads = std::uint64_t{block.x} * block.y * block.z;
  if (grid.x == 0 || grid.y == 0 || grid.z == 0 || block.x == 0 || block.y == 0 || block.z == 0) {
    return "a dimension is 0";
  }
  const std::string most_threads = std::to_string(max_threads_per_block);
  if (threads > max_threads_per_block)
    return std::to_string(threads) + " threads per block (at most " + most_threads + ")";
  if (block.x > max_threads_per_block || block.y > max_threads_per_block) {
    return "block.x and block.y are at most " + most_threads;
  }
  if (block.z > max_block_z) return "block.z is at most " + std::to_string(max_block_z);
  if (grid.x > max_grid_x) return "grid.x is at most 2^31 - 1";
  if (grid.y > max_grid_yz || grid.z > max_grid_yz)
    return "grid.y and grid.z are at most " + std::to_string(max_grid_yz);
  return "";
}

/// The device buffers of the arguments of the launch being checked on this
/// OS thread (check_configuration starts it, check_device_pointer fills it,
/// run_grid counts their traffic).
thread_local std::vector<ArgumentBuffer> argument_buffers;

/// Makes `counter` this OS thread's active counter for its lifetime.
class ActiveCounter {
 public:
  explicit ActiveCounter(TrafficCounter& counter) { active_counter = &counter; }
  ~ActiveCounter() { active_counter = nullptr; }
  ActiveCounter(const ActiveCounter&) = delete;
  ActiveCounter& operator=(const ActiveCounter&) = delete;
};

/// "0x7f12...".
std::string address_text(const volatile void* pointer) {
  std::ostringstream text;
  text << const_cast<const void*>(pointer);
  return text.str();
}

/// Calls run(block) for every block of `grid` in the schedule's order.
template <class Run>
void for_each_block(dim3 grid, Order order, std::mt19937_64& random, Run run) {
  const unsigned long long count = static_cast<unsigned long long>(grid.x) * grid.y * grid.z;
  if (order == Order::forward) {
    for (unsigned long long b = 0; b < count; ++b) run(block_coordinates(b, grid));
  } else if (order == Order::reverse) {
    for (unsigned long long b = count; b-- > 0;) run(block_coordinates(b, grid));
  } else {
    std::vector<unsigned long long> blocks(count);
    for (unsigned long long b = 0; b < count; ++b) blocks[b] = b;
    std::shuffle(blocks.begin(), blocks.end(), random);
    for (const unsigned long long b : blocks) run(block_coordinates(b, grid));
  }
}

}  // namespace

void check_configuration(const LaunchInfo& info) {
  argument_buffers.clear();
  const std::string problem = configuration_problem(info.grid, info.block);
  if (problem.empty()) return;
  throw KernelError(KernelError::Kind::invalid_configuration,
                    "cudasim: kernel " + std::string(info.kernel) + ": invalid launch configuration grid " +
                        coordinates(info.grid) + ", block " + coordinates(info.block) + ": " + problem +
                        " (cudaErrorInvalidConfiguration: invalid configuration argument)");
}

void check_device_pointer(const LaunchInfo& info, std::size_t argument, const volatile void* pointer, bool in_struct) {
  if (pointer == nullptr) return;
  if (const auto allocation = find_allocation(pointer)) {
    argument_buffers.push_back({static_cast<unsigned>(argument), allocation->begin, allocation->size});
    return;
  }
  throw KernelError(KernelError::Kind::host_pointer,
                    "cudasim: kernel " + std::string(info.kernel) + ": argument " + std::to_string(argument) +
                        " (counting from 0) " + (in_struct ? "holds" : "is") + " the host pointer " +
                        address_text(pointer) +
                        ", which is not in device memory from cudaMalloc. A kernel can only read device memory: "
                        "cudaMalloc a buffer, cudaMemcpy the data into it, and pass that pointer.");
}

void run_grid(const LaunchInfo& info, ThreadTask task) {
  if (running_worker != nullptr) {
    throw KernelError(KernelError::Kind::launch_failure,
                      "cudasim: kernel " + std::string(info.kernel) +
                          " launched from inside a kernel: the simulator does not support dynamic parallelism");
  }
  const Schedule schedule = current_schedule();
  const ExitedPolicy exited = exited_policy();
  const double timeout = watchdog_seconds();
  const std::scoped_lock lock(launch_mutex());
  std::mt19937_64 random(schedule.seed);
  WatchedLaunch watch(info, timeout);
  TrafficCounter traffic(info, schedule, argument_buffers);
  argument_buffers.clear();
  LaunchState launch{.info = info,
                     .task = task,
                     .order = schedule.order,
                     .exited = exited,
                     .workers = worker_pool(info.block.x * info.block.y * info.block.z),
                     .random = random,
                     .watch = watch,
                     .traffic = traffic};
  builtins.grid_dim = info.grid;
  builtins.block_dim = info.block;
  {
    const ActiveCounter active(traffic);
    for_each_block(info.grid, schedule.order, random, [&](uint3 block) { run_block(launch, block); });
  }
  publish(traffic.finish());
}

}  // namespace cudasim::detail
