#pragma once
// Errors of the library. Every failure is an exception derived from parmetrics::Error (never an
// abort or a silent default); data errors say where (file, line or record, field) and why.

#include <stdexcept>
#include <string>

#include <parmetrics/export.hpp>

namespace parmetrics {

class PARMETRICS_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad input data: a file, a record, a field and what was wrong with it.
class PARMETRICS_API DataError : public Error {
 public:
  DataError(std::string origin, std::string location, std::string field, std::string reason);

  const std::string& origin() const noexcept { return origin_; }      ///< file or data-set name
  const std::string& location() const noexcept { return location_; }  ///< "line 12", "record 3"
  const std::string& field() const noexcept { return field_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string origin_, location_, field_, reason_;
};

}  // namespace parmetrics
