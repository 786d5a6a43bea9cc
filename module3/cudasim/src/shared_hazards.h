// module3/cudasim/src/shared_hazards.h
//
// The shared-memory race check. Between two barriers the threads of a block
// run in no fixed order (on a GPU; the simulator picks one), so an access to
// a `__shared__` cell is a hazard when another thread of the block
//   - wrote the cell in the same barrier interval (a read or a write after its write), or
//   - read the cell in the same interval (a write after its read).
// Accesses by one thread, accesses in different intervals and atomics are fine.
//
// A cell is the 4 bytes an access starts at (so two ints of an int array are
// two cells, and a double is known by its first half), in one flat table per
// static-storage range, stamped with the interval it was last touched in (a
// number that grows over the whole OS thread): nothing is cleared between
// intervals, blocks or launches. Every shared access of a kernel comes here,
// so the common case (a cell already seen in this interval) is inline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "static_storage.h"

namespace cudasim::detail {

/// What an access collided with: another thread's write or read in this interval.
struct SharedHazard {
  bool found = false;
  unsigned other = 0;        ///< the other thread (linear index in the block)
  bool other_wrote = false;  ///< its access was a write (else a read)
};

class SharedHazards {
 public:
  /// A new barrier interval (or block) starts: every cell is forgotten.
  void next_interval() { epoch_ = ++last_epoch(); }

  /// Records an access at `address` (inside `range`) by `thread`; the hazard
  /// it makes, if any.
  SharedHazard access(const StaticStorage& range, std::uintptr_t address, unsigned thread, bool store) {
    if (table_ == nullptr || table_->begin != range.begin) {
      if (!find_table(range)) return {};
    }
    Cell& cell = table_->cells[(address - table_->begin) / kCellBytes];
    const auto me = static_cast<std::uint16_t>(thread + 1);
    if (cell.epoch != epoch_) {
      cell = Cell{epoch_, static_cast<std::uint16_t>(store ? me : 0), static_cast<std::uint16_t>(store ? 0 : me), 0};
      return {};
    }
    if (cell.writer == me || (!store && (cell.reader == me || cell.other_reader == me) && cell.writer == 0)) return {};
    return access_seen(cell, me, store);
  }

 private:
  static constexpr std::size_t kCellBytes = 4;

  struct Cell {
    std::uint32_t epoch = 0;
    std::uint16_t writer = 0;  ///< thread + 1 (threads of a block: at most 1024), 0: none in this interval
    std::uint16_t reader = 0;  ///< two distinct readers (thread + 1), 0: none
    std::uint16_t other_reader = 0;
  };
  struct Table {
    std::uintptr_t begin = 0;
    std::vector<Cell> cells;
  };

  static std::uint32_t& last_epoch();  ///< per OS thread: stamps are not reused for 2^32 intervals
  static std::vector<Table>& tables();
  bool find_table(const StaticStorage& range);
  static SharedHazard access_seen(Cell& cell, std::uint16_t me, bool store);

  std::uint32_t epoch_ = ++last_epoch();
  Table* table_ = nullptr;  ///< the last table used
};

}  // namespace cudasim::detail
