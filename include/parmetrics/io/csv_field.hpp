#pragma once
// Writing CSV the way the importers read it (RFC 4180).
//
// Thread-safety: pure functions; safe from any thread.

#include <string>
#include <string_view>

#include <parmetrics/export.hpp>

namespace parmetrics {

/// A field for a CSV record: as is, or in double quotes with its quotes doubled when it holds a
/// comma, a quote, CR or LF ("Xã A, huyện B" → "\"Xã A, huyện B\"").
PARMETRICS_API std::string csv_field(std::string_view value);

}  // namespace parmetrics
