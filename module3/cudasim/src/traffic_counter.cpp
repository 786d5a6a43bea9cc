// module3/cudasim/src/traffic_counter.cpp
#include "traffic_counter.h"

#include <algorithm>
#include <utility>

#include "allocations.h"
#include "cudasim/builtins.h"
#include "cudasim/kernel_error.h"
#include "diagnostics.h"
#include "static_storage.h"
#include "static_symbols.h"

namespace cudasim::detail {

namespace {

constexpr std::uintptr_t kSegmentBytes = 128;
constexpr unsigned kWarp = 32;

/// "loads"/"stores" of `count` cells.
std::uint64_t cells_of(std::size_t size) { return size < 8 ? 1 : size / 8; }

}  // namespace

TrafficCounter::TrafficCounter(const LaunchInfo& info, const Schedule& schedule,
                               std::span<const ArgumentBuffer> arguments)
    : info_(info) {
  traffic_.kernel = std::string(info.kernel);
  traffic_.schedule = schedule;
  traffic_.grid = info.grid;
  traffic_.block = info.block;
  const bool cells = traffic_wanted();
  for (const ArgumentBuffer& argument : arguments) {
    auto same =
        std::find_if(buffers_.begin(), buffers_.end(), [&](const Buffer& b) { return b.begin == argument.begin; });
    if (same != buffers_.end()) {
      traffic_.buffers[same->index].arguments.push_back(argument.position);
      continue;
    }
    BufferTraffic t;
    t.arguments.push_back(argument.position);
    t.bytes = argument.bytes;
    traffic_.buffers.push_back(t);
    Buffer b{argument.begin, argument.bytes, traffic_.buffers.size() - 1, {}, {}, {}};
    if (cells) {
      b.loads.assign(cells_of(argument.bytes), 0);
      b.stores.assign(cells_of(argument.bytes), 0);
      b.writer.assign(cells_of(argument.bytes), 0);
    }
    buffers_.push_back(std::move(b));
  }
}

void TrafficCounter::begin_block(uint3 block, unsigned threads) {
  block_ = block;
  block_linear_ =
      block.x + static_cast<std::uint64_t>(info_.grid.x) * (block.y + std::uint64_t{info_.grid.y} * block.z);
  interval_ = 0;
  hazards_.next_interval();
  last_barrier_ = BarrierSite{};
  thread_loads_.assign(threads, 0);
  ordinals_.assign(threads, 0);
  const unsigned warps = (threads + kWarp - 1) / kWarp;
  if (warps_.size() != warps) warps_.assign(warps, {});
  warp_used_.assign(warps, 0);
}

void TrafficCounter::end_interval(bool barrier, const BarrierSite* site) {
  for (std::size_t w = 0; w < warps_.size(); ++w) {
    for (unsigned k = 0; k < warp_used_[w]; ++k) {
      WarpSlot& slot = warps_[w][k];
      if (slot.count == 0) continue;
      ++traffic_.warp_accesses;
      traffic_.segments += slot.count;
      slot.count = 0;
    }
    warp_used_[w] = 0;
  }
  std::fill(ordinals_.begin(), ordinals_.end(), 0u);
  if (barrier) {
    ++traffic_.barriers;
    ++interval_;
    hazards_.next_interval();
    if (site != nullptr) last_barrier_ = *site;
  }
}

void TrafficCounter::end_block() {
  std::uint64_t block_loads = 0;
  for (const std::uint32_t loads : thread_loads_) {
    block_loads += loads;
    traffic_.max_thread_loads = std::max<std::uint64_t>(traffic_.max_thread_loads, loads);
  }
  traffic_.max_block_loads = std::max(traffic_.max_block_loads, block_loads);
}

void TrafficCounter::access_elsewhere(std::uintptr_t address, std::size_t size, bool store) {
  for (Buffer& buffer : buffers_) {
    if (address + size <= buffer.begin - kGuardBytes || address >= buffer.begin + buffer.bytes + kGuardBytes) continue;
    const unsigned thread = current_thread();
    if (address < buffer.begin || address + size > buffer.begin + buffer.bytes) {
      out_of_bounds(buffer, address, store, thread);
    } else {
      count_global(buffer, address, size, store, thread);
    }
    return;
  }
  // Static storage (the `__shared__` arrays) or not: the last range found to
  // be either is remembered (a kernel alternates between its shared arrays
  // and thread-local builtins such as blockDim).
  if (address - known_other_.begin < known_other_.end - known_other_.begin) return;
  const StaticStorage found = classify_static_storage(address);
  (found.is_static ? known_static_ : known_other_) = found;
  if (!found.is_static) return;
  ++(store ? traffic_.shared_stores : traffic_.shared_loads);
  if (race_.empty() && atomic_depth == 0) check_shared(address, size, store);
}

void TrafficCounter::shared_race(std::uintptr_t address, std::size_t size, bool store, unsigned thread,
                                 const SharedHazard& hazard) {
  const StaticObject array = static_object_at(address);
  const std::string cell = array.name.empty()
                               ? "a __shared__ array"
                               : "the __shared__ array " + array.name + " at [" +
                                     std::to_string((address - array.begin) / std::max<std::size_t>(size, 1)) + "]";
  const std::string other = "thread " + coordinates(thread_coordinates(hazard.other, info_.block));
  const std::string since = last_barrier_.file == nullptr ? "since the kernel began"
                                                          : "since the __syncthreads() at " + site_text(last_barrier_);
  race_ = block_prefix(info_, block_) + "thread " + coordinates(thread_coordinates(thread, info_.block)) + " " +
          (store ? "writes " : "reads ") + cell + ", which " + other + (hazard.other_wrote ? " wrote " : " read ") +
          since + ": no __syncthreads() between them? (Between two barriers the threads of a block run in any order.)";
}

void TrafficCounter::count_global(Buffer& buffer, std::uintptr_t address, std::size_t size, bool store,
                                  unsigned thread) {
  const std::uint64_t cells = cells_of(size);
  BufferTraffic& t = traffic_.buffers[buffer.index];
  if (store) {
    t.stores += cells;
    traffic_.stores += cells;
    traffic_.store_bytes += size;
  } else {
    t.loads += cells;
    traffic_.loads += cells;
    traffic_.load_bytes += size;
    if (thread < thread_loads_.size()) thread_loads_[thread] += static_cast<std::uint32_t>(cells);
  }
  std::vector<std::uint32_t>& per_cell = store ? buffer.stores : buffer.loads;
  if (!per_cell.empty()) {
    const std::size_t first = (address - buffer.begin) / 8;
    for (std::size_t c = first; c < first + cells && c < per_cell.size(); ++c) {
      ++per_cell[c];
      if (store) record_writer(buffer, c, thread);
    }
  }
  record_warp_access(thread, address);
}

void TrafficCounter::record_writer(Buffer& buffer, std::size_t cell, unsigned thread) {
  const std::uint64_t writer = 1 + (block_linear_ << 32 | thread);
  const std::uint64_t earlier = std::exchange(buffer.writer[cell], writer);
  BufferTraffic& t = traffic_.buffers[buffer.index];
  if (earlier == 0 || t.repeated) return;
  t.repeated = true;
  t.repeated_cell = cell;
  t.first_block = block_coordinates((earlier - 1) >> 32, info_.grid);
  t.first_thread = thread_coordinates(static_cast<unsigned>((earlier - 1) & 0xffffffffu), info_.block);
  t.second_block = block_;
  t.second_thread = thread_coordinates(thread, info_.block);
}

void TrafficCounter::record_warp_access(unsigned thread, std::uintptr_t address) {
  if (thread >= ordinals_.size()) return;
  const unsigned warp = thread / kWarp;
  const unsigned k = ordinals_[thread]++;
  std::vector<WarpSlot>& slots = warps_[warp];
  if (k >= slots.size()) slots.resize(k + 1);
  warp_used_[warp] = std::max(warp_used_[warp], k + 1);
  WarpSlot& slot = slots[k];
  const std::uint64_t segment = address / kSegmentBytes;
  for (unsigned i = 0; i < slot.count; ++i) {
    if (slot.segments[i] == segment) return;
  }
  if (slot.count < kWarp) slot.segments[slot.count++] = segment;
}

void TrafficCounter::out_of_bounds(const Buffer& buffer, std::uintptr_t address, bool store, unsigned thread) {
  if (!error_.empty()) return;
  const long long offset = static_cast<long long>(address) - static_cast<long long>(buffer.begin);
  const long long index = offset >= 0 ? offset / 8 : -((-offset + 7) / 8);
  const BufferTraffic& t = traffic_.buffers[buffer.index];
  std::string arguments;
  for (const unsigned position : t.arguments)
    arguments += (arguments.empty() ? "" : " and ") + std::to_string(position);
  const std::size_t cells = buffer.bytes / 8;
  error_ = block_prefix(info_, block_) + "thread " + coordinates(thread_coordinates(thread, info_.block)) + " " +
           (store ? "stores to" : "loads from") + " index " + std::to_string(index) +
           " of the device buffer of argument " + arguments + " (counting from 0; " + std::to_string(cells) +
           " doubles from cudaMalloc, valid indices 0.." + std::to_string(cells == 0 ? 0 : cells - 1) +
           "): out of bounds. Guard every access of a thread with the size (`if (i < size)`, not `i <= size`) and "
           "check the index arithmetic.";
}

void TrafficCounter::throw_if_failed() const {
  if (!error_.empty()) throw KernelError(KernelError::Kind::out_of_bounds, error_);
  if (!race_.empty()) throw KernelError(KernelError::Kind::shared_race, race_);
}

LaunchTraffic TrafficCounter::finish() {
  for (const Buffer& buffer : buffers_) {
    BufferTraffic& t = traffic_.buffers[buffer.index];
    for (const std::uint32_t n : buffer.loads) {
      t.cells_loaded += n > 0;
      t.max_cell_loads = std::max<std::uint64_t>(t.max_cell_loads, n);
    }
    for (const std::uint32_t n : buffer.stores) {
      t.cells_stored += n > 0;
      t.max_cell_stores = std::max<std::uint64_t>(t.max_cell_stores, n);
    }
  }
  return std::move(traffic_);
}

}  // namespace cudasim::detail
