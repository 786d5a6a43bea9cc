// playground/src/training_sessions.h
//
// Training runs in the background, one thread per session, so that many
// browser tabs can each train their own model while the server answers
// other requests. The thread runs the library's training function (through
// the harness); its callbacks record each epoch and, now and then, the
// decision surface. Streams (server-sent events) read the changes since
// their last read; Stop sets a flag the next epoch's callback reads.
//
//   start(job) ──thread──▶ job(session): session.add_epoch(..), set_surface(..) ... finish()
//   stream:    changes_since(cursor, wait) -> {"state", "epochs": [new ones], "surface"?, "error"?}
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "minitorch/training.h"

namespace playground {

/// What a stream has already sent of a session.
struct StreamCursor {
  std::size_t epochs_sent = 0;
  std::uint64_t surface_version = 0;
  std::uint64_t extra_version = 0;
  bool finished_sent = false;
};

class TrainingSession {
 public:
  enum class State { Running, Done, Stopped, Failed };

  TrainingSession(std::string id, nlohmann::json setup);

  const std::string& id() const { return id_; }
  /// What the client asked for and the dataset's points (the first answer).
  const nlohmann::json& setup() const { return setup_; }

  // ---- the training thread
  void add_epoch(const minitorch::EpochReport& report);
  /// The model's probabilities on the surface grid (row-major, size x size).
  void set_surface(std::vector<double> grid);
  /// Anything else a page draws live (Module 4: feature maps, predictions).
  void set_extra(nlohmann::json extra);
  void finish(State state, nlohmann::json error = nullptr);
  bool stop_requested() const { return stop_.load(); }

  // ---- the server
  void request_stop();
  bool finished() const;
  /// Seconds since it finished (0 while it runs).
  double seconds_since_finished() const;
  /// Everything newer than `cursor` (waiting up to `wait` for something new),
  /// and moves the cursor past it. {"state", "max_epochs", "epochs": [...],
  /// "surface"?: [...], "extra"?: {...}, "error"?: {...}}.
  nlohmann::json changes_since(StreamCursor& cursor, std::chrono::milliseconds wait);
  /// The whole state so far (a fresh cursor).
  nlohmann::json snapshot();

 private:
  static const char* state_name(State state);

  const std::string id_;
  const nlohmann::json setup_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<minitorch::EpochReport> epochs_;
  std::vector<double> surface_;
  std::uint64_t surface_version_ = 0;
  nlohmann::json extra_;
  std::uint64_t extra_version_ = 0;
  State state_ = State::Running;
  nlohmann::json error_;
  std::chrono::steady_clock::time_point finished_at_;
};

/// The sessions of a server: at most kMaxRunning train at once; finished ones
/// are forgotten kKeepSeconds after they end. The destructor stops and joins all.
class TrainingSessions {
 public:
  static constexpr int kMaxRunning = 4;
  static constexpr double kKeepSeconds = 600;

  using Job = std::function<void(TrainingSession&)>;

  TrainingSessions() = default;
  TrainingSessions(const TrainingSessions&) = delete;
  TrainingSessions& operator=(const TrainingSessions&) = delete;
  ~TrainingSessions();

  /// A new session running `job` on its own thread. HttpError 429 when
  /// kMaxRunning sessions are running. An exception of the job ends the
  /// session as Failed with its message (NotImplemented: with its task).
  std::shared_ptr<TrainingSession> start(nlohmann::json setup, Job job);
  /// The session `id`; HttpError 404 when there is none.
  std::shared_ptr<TrainingSession> find(const std::string& id);
  int running();

 private:
  struct Entry {
    std::shared_ptr<TrainingSession> session;
    std::thread thread;
  };
  void forget_old_locked();

  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  std::uint64_t next_id_ = 1;
};

}  // namespace playground
