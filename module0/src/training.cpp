// module0/src/training.cpp
#include "minitorch/training.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <string>

#include "minitorch/errors.h"

namespace minitorch {

double TrainResult::median_seconds_per_epoch() const {
  if (epochs.empty()) return 0.0;
  std::vector<double> seconds;
  seconds.reserve(epochs.size());
  for (const EpochReport& e : epochs) seconds.push_back(e.seconds);
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

Batches::Batches(int n, int batch_size, std::uint64_t seed) : batch_size_(batch_size), rng_(seed) {
  if (n < 0) throw ValueError("Batches: the number of points must be >= 0, got " + std::to_string(n));
  if (batch_size < 1) throw ValueError("Batches: the batch size must be at least 1, got " + std::to_string(batch_size));
  order_.resize(static_cast<std::size_t>(n));
  std::iota(order_.begin(), order_.end(), 0);
}

void Batches::shuffle() {
  for (std::size_t i = order_.size(); i > 1; --i) {
    std::swap(order_[i - 1], order_[static_cast<std::size_t>(rng_.below(i))]);
  }
}

int Batches::count() const { return (static_cast<int>(order_.size()) + batch_size_ - 1) / batch_size_; }

std::span<const int> Batches::batch(int k) const {
  if (k < 0 || k >= count()) {
    throw IndexingError("Batches: batch " + std::to_string(k) + " of " + std::to_string(count()));
  }
  const std::size_t begin = static_cast<std::size_t>(k) * static_cast<std::size_t>(batch_size_);
  const std::size_t end = std::min(order_.size(), begin + static_cast<std::size_t>(batch_size_));
  return std::span<const int>(order_).subspan(begin, end - begin);
}

TrainResult run_training(int max_epochs, int total, const TrainEpoch& train_epoch, const CountCorrect& count_correct,
                         const OnEpoch& on_epoch) {
  if (max_epochs < 1) throw ValueError("training: max_epochs must be at least 1, got " + std::to_string(max_epochs));
  TrainResult result;
  result.total = total;
  double total_seconds = 0.0;
  for (int epoch = 1; epoch <= max_epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    const double loss = train_epoch(epoch);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    total_seconds += seconds;
    const EpochReport report{epoch, max_epochs, loss, count_correct(), total, seconds};
    result.epochs.push_back(report);
    result.losses.push_back(loss);
    result.final_correct = report.correct;
    if (on_epoch(report) == EpochAction::Stop) {
      result.stopped = epoch < max_epochs;
      break;
    }
  }
  result.seconds_per_epoch = total_seconds / result.epochs_run();
  return result;
}

}  // namespace minitorch
