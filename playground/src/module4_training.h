// playground/src/module4_training.h
//
// The training sessions of Module 4's pages (module4_routes.cpp), for
// training_routes.cpp's POST /api/train: the checked request and the job.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app.h"
#include "training_sessions.h"

namespace playground {

struct Module4Plan {
  nlohmann::json setup;  // what the page shows and the stream's max_epochs ("epochs")
  double rate = 0.0;
  int epochs = 0;
  TrainingSessions::Job job;
};

/// The plan for model "mnist" or "words" (400 for bad fields; DataError, a
/// 400 naming the package, when the data is missing); nullopt for any other model.
std::optional<Module4Plan> module4_training(const std::string& model, const nlohmann::json& body);

}  // namespace playground
