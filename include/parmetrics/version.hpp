#pragma once
// The single source of the project version: CMakeLists.txt reads it from here.
//
// Thread-safety: constants; safe from any thread.

#include <parmetrics/export.hpp>

#define PARMETRICS_VERSION_MAJOR 0
#define PARMETRICS_VERSION_MINOR 1
#define PARMETRICS_VERSION_PATCH 0
#define PARMETRICS_VERSION \
  (PARMETRICS_VERSION_MAJOR * 10000 + PARMETRICS_VERSION_MINOR * 100 + PARMETRICS_VERSION_PATCH)

namespace parmetrics {

/// Version of the headers the caller was compiled with, as "major.minor.patch".
inline constexpr const char* kVersionString = "0.1.0";

/// Version of the library that is linked in; differs from kVersionString only when a program
/// was built against other headers than the library it runs with.
PARMETRICS_API const char* version() noexcept;

}  // namespace parmetrics
