// playground/src/training_sessions.cpp
#include "training_sessions.h"

#include <random>

#include "http_errors.h"
#include "minitorch/errors.h"

namespace playground {

TrainingSession::TrainingSession(std::string id, nlohmann::json setup) : id_(std::move(id)), setup_(std::move(setup)) {}

void TrainingSession::add_epoch(const minitorch::EpochReport& report) {
  {
    std::lock_guard lock(mutex_);
    epochs_.push_back(report);
  }
  changed_.notify_all();
}

void TrainingSession::set_surface(std::vector<double> grid) {
  {
    std::lock_guard lock(mutex_);
    surface_ = std::move(grid);
    ++surface_version_;
  }
  changed_.notify_all();
}

void TrainingSession::set_extra(nlohmann::json extra) {
  {
    std::lock_guard lock(mutex_);
    extra_ = std::move(extra);
    ++extra_version_;
  }
  changed_.notify_all();
}

void TrainingSession::finish(State state, nlohmann::json error) {
  {
    std::lock_guard lock(mutex_);
    state_ = state;
    error_ = std::move(error);
    finished_at_ = std::chrono::steady_clock::now();
  }
  changed_.notify_all();
}

void TrainingSession::request_stop() {
  stop_ = true;
  changed_.notify_all();
}

bool TrainingSession::finished() const {
  std::lock_guard lock(mutex_);
  return state_ != State::Running;
}

double TrainingSession::seconds_since_finished() const {
  std::lock_guard lock(mutex_);
  if (state_ == State::Running) return 0.0;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - finished_at_).count();
}

const char* TrainingSession::state_name(State state) {
  switch (state) {
    case State::Running:
      return "running";
    case State::Done:
      return "done";
    case State::Stopped:
      return "stopped";
    case State::Failed:
      return "failed";
  }
  return "?";
}

nlohmann::json TrainingSession::changes_since(StreamCursor& cursor, std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, wait, [&] {
    return epochs_.size() > cursor.epochs_sent || surface_version_ != cursor.surface_version ||
           extra_version_ != cursor.extra_version || (state_ != State::Running && !cursor.finished_sent);
  });
  nlohmann::json out = {{"state", state_name(state_)}, {"epochs", nlohmann::json::array()}};
  out["max_epochs"] = setup_.value("epochs", 0);
  for (std::size_t i = cursor.epochs_sent; i < epochs_.size(); ++i) {
    const minitorch::EpochReport& r = epochs_[i];
    out["epochs"].push_back(
        {{"epoch", r.epoch}, {"loss", r.loss}, {"correct", r.correct}, {"total", r.total}, {"seconds", r.seconds}});
  }
  cursor.epochs_sent = epochs_.size();
  if (surface_version_ != cursor.surface_version) {
    out["surface"] = surface_;
    cursor.surface_version = surface_version_;
  }
  if (extra_version_ != cursor.extra_version) {
    out["extra"] = extra_;
    cursor.extra_version = extra_version_;
  }
  if (state_ != State::Running) {
    cursor.finished_sent = true;
    if (!error_.is_null()) out["error"] = error_;
  }
  return out;
}

nlohmann::json TrainingSession::snapshot() {
  StreamCursor cursor;
  return changes_since(cursor, std::chrono::milliseconds(0));
}

TrainingSessions::~TrainingSessions() {
  std::lock_guard lock(mutex_);
  for (auto& [id, entry] : entries_) entry.session->request_stop();
  for (auto& [id, entry] : entries_) {
    if (entry.thread.joinable()) entry.thread.join();
  }
}

int TrainingSessions::running() {
  std::lock_guard lock(mutex_);
  int count = 0;
  for (const auto& [id, entry] : entries_) count += entry.session->finished() ? 0 : 1;
  return count;
}

void TrainingSessions::forget_old_locked() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.session->finished() && it->second.session->seconds_since_finished() > kKeepSeconds) {
      if (it->second.thread.joinable()) it->second.thread.join();
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

std::shared_ptr<TrainingSession> TrainingSessions::start(nlohmann::json setup, Job job) {
  std::lock_guard lock(mutex_);
  forget_old_locked();
  int running = 0;
  for (const auto& [id, entry] : entries_) running += entry.session->finished() ? 0 : 1;
  if (running >= kMaxRunning) {
    throw HttpError(429, "the server is training " + std::to_string(running) +
                             " models already (the most at once); stop one or wait until one ends");
  }
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const std::string id = std::to_string(next_id_++) + "-" + std::to_string(rng() % 1000000);
  auto session = std::make_shared<TrainingSession>(id, std::move(setup));
  std::thread thread([session, job = std::move(job)] {
    using State = TrainingSession::State;
    try {
      job(*session);
      session->finish(session->stop_requested() ? State::Stopped : State::Done);
    } catch (const minitorch::NotImplemented& e) {
      session->finish(State::Failed, not_implemented_json(e));
    } catch (const std::exception& e) {
      session->finish(State::Failed, {{"error", e.what()}});
    }
  });
  entries_.emplace(id, Entry{session, std::move(thread)});
  return session;
}

std::shared_ptr<TrainingSession> TrainingSessions::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(id);
  if (it == entries_.end()) throw HttpError(404, "no training session '" + id + "' (it ended long ago, or never was)");
  return it->second.session;
}

}  // namespace playground
