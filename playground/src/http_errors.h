// playground/src/http_errors.h
//
// How every JSON endpoint answers a failure. A handler throws; `guarded`
// catches and answers with JSON {"error": message, ...} and a status:
//
//   HttpError(status, msg)        that status (400 bad input, 404, 429 busy, ...)
//   minitorch::NotImplemented     501 {"error": "needs task 1.4: not implemented yet", "task": "1.4", "detail": ...}
//   other minitorch::Error        400 (the library rejected the input: ValueError, ShapeError, ...)
//   nlohmann::json errors         400 (a body that is not JSON, a field of the wrong type)
//   anything else                 500, and the server keeps serving
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "minitorch/errors.h"

namespace playground {

/// A failure with an HTTP status and a message for the page.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

/// A 400 answer: the request's input is wrong (the message says how).
inline HttpError bad_request(const std::string& message) { return HttpError(400, message); }

/// {"error": "needs task X: not implemented yet", "task": X, "detail": what()}.
nlohmann::json not_implemented_json(const minitorch::NotImplemented& e);

/// Writes `body` as the JSON answer with `status`.
void send_json(httplib::Response& res, const nlohmann::json& body, int status = 200);

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

/// `handler` with every exception mapped to a JSON error answer (see above).
Handler guarded(Handler handler);

/// Runs `part` and stores its result under body[key]; when it throws
/// NotImplemented, stores the error under body[key + "_error"] instead, so a
/// page shows what works and names the missing task for the rest.
void try_part(nlohmann::json& body, const std::string& key, const std::function<nlohmann::json()>& part);

}  // namespace playground
