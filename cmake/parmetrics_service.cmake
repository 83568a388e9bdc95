# The HTTP/JSON service (`parmetrics serve`, docs/service.md): src/service/, a static library the
# CLI links. cpp-httplib is Debian's libcpp-httplib-dev (a compiled library with its pkg-config
# file; scripts/setup installs it). The service answers through the C API's calls (src/capi/), so
# that it speaks the same JSON: their objects are compiled once for both, or here when the C API
# itself is off (the tsan preset).
pkg_check_modules(cpp_httplib IMPORTED_TARGET cpp-httplib)
if(NOT cpp_httplib_FOUND)
  message(FATAL_ERROR "parmetrics serve needs cpp-httplib (Debian libcpp-httplib-dev; scripts/setup "
                      "installs it), or configure with -DPARMETRICS_BUILD_TOOLS=OFF")
endif()

if(NOT TARGET parmetrics_c_objects)
  file(GLOB _pm_capi_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/capi/*.cpp)
  add_library(parmetrics_c_objects OBJECT ${_pm_capi_sources})
  target_compile_features(parmetrics_c_objects PUBLIC cxx_std_20)
  target_include_directories(parmetrics_c_objects PUBLIC ${PROJECT_SOURCE_DIR}/include
                                                         ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(parmetrics_c_objects
    PUBLIC parmetrics fmt::fmt nlohmann_json::nlohmann_json
    PRIVATE parmetrics_warnings)
  target_compile_definitions(parmetrics_c_objects PRIVATE PM_BUILDING_LIBRARY)
endif()

file(GLOB _pm_service_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/service/*.cpp)
add_library(parmetrics_service STATIC ${_pm_service_sources})
target_include_directories(parmetrics_service PUBLIC ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(parmetrics_service
  PUBLIC parmetrics fmt::fmt nlohmann_json::nlohmann_json
  PRIVATE parmetrics_c_objects PkgConfig::cpp_httplib parmetrics_warnings)
