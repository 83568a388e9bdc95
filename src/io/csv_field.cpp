#include <parmetrics/io/csv_field.hpp>

namespace parmetrics {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted(1, '"');
  quoted.reserve(value.size() + 2);
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace parmetrics
