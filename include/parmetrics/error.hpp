#pragma once
// Errors of the library. Every failure is an exception derived from parmetrics::Error (never an
// abort, a silent default or a foreign exception type), and says where and why:
//   Error                the base; also an internal invariant broken (a bug, said as such)
//   ├─ DataError         bad input data: the file, the line or record, the field, the reason
//   ├─ ArgumentError     a function given an argument it cannot take: where (the function), what
//   │   └─ RangeError    a date, time or size outside what the library computes or stores
//   └─ MisuseError       the API used out of order (a closed workbook written, …)
//
// Thread-safety: exceptions are values; nothing here is shared.

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

/// A function given an argument it cannot take: a code already in the store, a period that ends
/// before it starts, "3x" as a statutory time. what() is "where: what".
class PARMETRICS_API ArgumentError : public Error {
 public:
  ArgumentError(std::string where, std::string what);

  const std::string& where() const noexcept { return where_; }  ///< "DossierStore::append"
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string where_, reason_;
};

/// A date or time outside what the library computes (1900-01-01 … 2199-12-31), or a count or a
/// size beyond what it stores.
class PARMETRICS_API RangeError : public ArgumentError {
 public:
  using ArgumentError::ArgumentError;
};

/// The API used out of order: a closed workbook written, a form added to a workbook that streams
/// its rows.
class PARMETRICS_API MisuseError : public Error {
 public:
  MisuseError(std::string where, std::string what);

  const std::string& where() const noexcept { return where_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string where_, reason_;
};

}  // namespace parmetrics
