#include <parmetrics/error.hpp>

#include <string_view>

namespace parmetrics {

namespace {

std::string describe(const std::string& origin, const std::string& location,
                     const std::string& field, const std::string& reason) {
  std::string s = origin;
  // "file:12:" as compilers and the importers' rejections write it; "file:record 3:" for JSON.
  std::string_view where = location;
  if (where.starts_with("line ") && where.size() > 5 &&
      where.find_first_not_of("0123456789", 5) == std::string_view::npos) {
    where.remove_prefix(5);
  }
  if (!where.empty()) (s += s.empty() ? "" : ":") += where;
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

ArgumentError::ArgumentError(std::string where, std::string what)
    : Error(where.empty() ? what : where + ": " + what),
      where_(std::move(where)),
      reason_(std::move(what)) {}

MisuseError::MisuseError(std::string where, std::string what)
    : Error(where.empty() ? what : where + ": " + what),
      where_(std::move(where)),
      reason_(std::move(what)) {}

}  // namespace parmetrics
