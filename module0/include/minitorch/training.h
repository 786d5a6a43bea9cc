// module0/include/minitorch/training.h
//
// The training harness shared by every module's training: one report per
// epoch, one result, a seeded shuffler of mini-batches, and run_training,
// which drives the epochs of any model. Each module keeps its own model and
// its own epoch (train_scalar, train_tensor, train_fast); the harness times
// the epochs, counts the correct points once after each update, calls back
// after each epoch and stops when the callback says so (the programs log,
// the playground will draw and stop).
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "minitorch/random.h"

namespace minitorch {

/// What one epoch did.
struct EpochReport {
  int epoch = 0;  // 1 .. max_epochs
  int max_epochs = 0;
  double loss = 0.0;     // summed over the points of the epoch
  int correct = 0;       // points the model classifies correctly after the epoch's updates
  int total = 0;         // points in the dataset
  double seconds = 0.0;  // wall time of the epoch's training steps (not of counting `correct`)
};

/// What the callback tells the harness after an epoch.
enum class EpochAction { Continue, Stop };

/// Called after every epoch. Takes any callable on `const EpochReport&` that
/// returns an EpochAction, or returns nothing (then training continues).
class OnEpoch {
 public:
  OnEpoch() = default;
  template <class F>
  requires(!std::same_as<std::remove_cvref_t<F>, OnEpoch> && std::invocable<F&, const EpochReport&>)
      OnEpoch(F f) {  // NOLINT(google-explicit-constructor): a lambda is an OnEpoch
    if constexpr (std::is_void_v<std::invoke_result_t<F&, const EpochReport&>>) {
      fn_ = [f = std::move(f)](const EpochReport& r) mutable {
        f(r);
        return EpochAction::Continue;
      };
    } else {
      fn_ = std::move(f);
    }
  }
  EpochAction operator()(const EpochReport& report) const { return fn_ ? fn_(report) : EpochAction::Continue; }
  explicit operator bool() const { return static_cast<bool>(fn_); }

 private:
  std::function<EpochAction(const EpochReport&)> fn_;
};

/// The whole run.
struct TrainResult {
  std::vector<EpochReport> epochs;  // one per epoch run
  std::vector<double> losses;       // epochs[i].loss, for plots
  int final_correct = 0;            // = epochs.back().correct: the count after the last update
  int total = 0;
  double seconds_per_epoch = 0.0;  // mean over the epochs run
  bool stopped = false;            // the callback stopped it before max_epochs

  int epochs_run() const { return static_cast<int>(epochs.size()); }
  /// The median time per epoch (robust to epochs another program interrupted).
  double median_seconds_per_epoch() const;
};

/// A TrainResult with the trained model.
template <class Model>
struct ModelTrainResult : TrainResult {
  std::shared_ptr<Model> model;
};

/// The indices 0 .. n-1 in a new random order every epoch (Fisher-Yates with
/// a seeded Random, as Python's random.shuffle), cut into batches of
/// `batch_size` (the last one may be smaller). The same seed gives the same
/// orders.
class Batches {
 public:
  Batches(int n, int batch_size, std::uint64_t seed);

  /// Shuffles for the next epoch (the order starts unshuffled).
  void shuffle();
  int count() const;  // batches per epoch
  /// The indices of batch k (0 <= k < count()) in the current order.
  std::span<const int> batch(int k) const;
  const std::vector<int>& order() const { return order_; }

 private:
  std::vector<int> order_;
  int batch_size_;
  Random rng_;
};

/// One epoch of a model's training: its updates, returning the summed loss.
using TrainEpoch = std::function<double(int epoch)>;
/// How many of the `total` points the model classifies correctly now.
using CountCorrect = std::function<int()>;

/// Runs up to max_epochs epochs: times train_epoch, then counts the correct
/// points (untimed), records an EpochReport and calls on_epoch, which may stop
/// the run. final_correct is the count of the last epoch: the one measurement
/// after the last update.
TrainResult run_training(int max_epochs, int total, const TrainEpoch& train_epoch, const CountCorrect& count_correct,
                         const OnEpoch& on_epoch = {});

/// `on_epoch` preceded by `on_model(model, report)` when on_model is set: how
/// a training function shows its model after every epoch (the options'
/// on_model) without the harness knowing the model's type. `model` must
/// outlive the returned callback.
template <class Model>
OnEpoch with_model(const OnEpoch& on_epoch, const std::function<void(const Model&, const EpochReport&)>& on_model,
                   const Model& model) {
  if (!on_model) return on_epoch;
  return [&on_epoch, &on_model, &model](const EpochReport& report) {
    on_model(model, report);
    return on_epoch(report);
  };
}

}  // namespace minitorch
