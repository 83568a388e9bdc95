#include <parmetrics/error.hpp>

namespace parmetrics {

namespace {

std::string describe(const std::string& origin, const std::string& location,
                     const std::string& field, const std::string& reason) {
  std::string s = origin;
  if (!location.empty()) s += (s.empty() ? "" : ":") + location;
  if (!field.empty()) s += (s.empty() ? "" : ": ") + std::string("field '") + field + "'";
  if (!s.empty()) s += ": ";
  return s + reason;
}

}  // namespace

DataError::DataError(std::string origin, std::string location, std::string field,
                     std::string reason)
    : Error(describe(origin, location, field, reason)),
      origin_(std::move(origin)),
      location_(std::move(location)),
      field_(std::move(field)),
      reason_(std::move(reason)) {}

}  // namespace parmetrics
