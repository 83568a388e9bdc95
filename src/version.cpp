#include <parmetrics/version.hpp>

namespace parmetrics {

const char* version() noexcept {
  return kVersionString;
}

}  // namespace parmetrics
