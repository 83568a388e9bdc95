// pm_context_create, pm_context_destroy.

#include <fmt/format.h>

#include <memory>
#include <string>

#include "capi/capi.hpp"

namespace parmetrics::capi {

std::unique_ptr<pm_context> make_context(const char* options_json, std::string_view caller) {
  Options options(options_json, std::string_view(fmt::format("{} options", caller)));
  auto context = std::make_unique<pm_context>();
  context->threads = static_cast<unsigned>(options.integer("threads", 0, 1024).value_or(0));
  options.done();
  return context;
}

}  // namespace parmetrics::capi

using namespace parmetrics::capi;

extern "C" {

PM_API pm_status pm_context_create(const char* options_json, pm_context** out_context,
                                   char** out_error) {
  if (out_error != nullptr) *out_error = nullptr;
  if (out_context == nullptr) return PM_USAGE_NULL;
  *out_context = nullptr;
  // No context to keep the message in yet: a scratch one does, and out_error carries it.
  pm_context scratch;
  const pm_status status = call(&scratch, [&](pm_context&) {
    *out_context = make_context(options_json, "pm_context_create").release();
  });
  if (status != PM_OK && out_error != nullptr) {
    try {
      give(out_error, scratch.last_error);
    } catch (...) {
      *out_error = nullptr;
    }
  }
  return status;
}

PM_API void pm_context_destroy(pm_context** context) {
  if (context == nullptr) return;
  delete *context;
  *context = nullptr;
}

}  // extern "C"
