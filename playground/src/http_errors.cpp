// playground/src/http_errors.cpp
#include "http_errors.h"

#include <iostream>

namespace playground {

nlohmann::json not_implemented_json(const minitorch::NotImplemented& e) {
  return {{"error", "needs task " + e.task() + ": not implemented yet"}, {"task", e.task()}, {"detail", e.what()}};
}

void send_json(httplib::Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

Handler guarded(Handler handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    try {
      handler(req, res);
    } catch (const HttpError& e) {
      send_json(res, {{"error", e.what()}}, e.status());
    } catch (const minitorch::NotImplemented& e) {
      send_json(res, not_implemented_json(e), 501);
    } catch (const minitorch::Error& e) {
      send_json(res, {{"error", e.what()}}, 400);
    } catch (const nlohmann::json::exception& e) {
      send_json(res, {{"error", std::string("bad JSON request: ") + e.what()}}, 400);
    } catch (const std::exception& e) {
      std::cerr << "playground: " << req.method << " " << req.path << ": internal error: " << e.what() << "\n";
      send_json(res, {{"error", std::string("internal error: ") + e.what()}}, 500);
    }
  };
}

void try_part(nlohmann::json& body, const std::string& key, const std::function<nlohmann::json()>& part) {
  try {
    body[key] = part();
  } catch (const minitorch::NotImplemented& e) {
    body[key] = nullptr;
    body[key + "_error"] = not_implemented_json(e);
  }
}

}  // namespace playground
