# The C API: include/parmetrics/c/parmetrics.h over the C++ library, as the shared library
# libparmetrics_c (target parmetrics_c, alias parmetrics::c; find_package(parmetrics COMPONENTS
# c)). Its ABI is stable and versioned on its own: only the pm_ functions are exported (hidden
# visibility and the version script cmake/parmetrics_c.map), and its soname changes only if that
# ABI is ever broken (docs/c-api.md). The C++ library is linked in, so it is built position
# independent.
enable_language(C)

# The C API's own version: the soname's number, and the minor number added to when functions are
# (the version script gets a node for each).
set(PARMETRICS_C_SOVERSION 1)
set(PARMETRICS_C_VERSION 1.1.0)

set_target_properties(parmetrics PROPERTIES POSITION_INDEPENDENT_CODE ON)

# The calls compiled once, as objects: the shared library wraps them in the pm_ functions, and the
# Python module (python/) calls the same ones (src/capi/capi.hpp, "The calls").
file(GLOB PARMETRICS_C_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/capi/*.cpp)
add_library(parmetrics_c_objects OBJECT ${PARMETRICS_C_SOURCES})
target_compile_features(parmetrics_c_objects PUBLIC cxx_std_20)
target_include_directories(parmetrics_c_objects
  PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>)
target_link_libraries(parmetrics_c_objects
  PUBLIC parmetrics fmt::fmt $<BUILD_INTERFACE:nlohmann_json::nlohmann_json>
  PRIVATE $<BUILD_INTERFACE:parmetrics_warnings>)
target_compile_definitions(parmetrics_c_objects PRIVATE PM_BUILDING_LIBRARY)
set_target_properties(parmetrics_c_objects PROPERTIES
  POSITION_INDEPENDENT_CODE ON
  CXX_VISIBILITY_PRESET hidden
  VISIBILITY_INLINES_HIDDEN ON)

add_library(parmetrics_c SHARED $<TARGET_OBJECTS:parmetrics_c_objects>
                                ${PROJECT_SOURCE_DIR}/include/parmetrics/c/parmetrics.h)
add_library(parmetrics::c ALIAS parmetrics_c)
target_compile_features(parmetrics_c PRIVATE cxx_std_20)
target_include_directories(parmetrics_c
  PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(parmetrics_c PRIVATE parmetrics fmt::fmt)
set_target_properties(parmetrics_c PROPERTIES
  EXPORT_NAME c
  VERSION ${PARMETRICS_C_VERSION}
  SOVERSION ${PARMETRICS_C_SOVERSION}
  CXX_VISIBILITY_PRESET hidden
  VISIBILITY_INLINES_HIDDEN ON)
if(NOT APPLE AND NOT WIN32)
  set(_pm_c_map ${PROJECT_SOURCE_DIR}/cmake/parmetrics_c.map)
  # --no-undefined: a C++ function the wrappers call but a shared libparmetrics does not export
  # fails here, not in the caller's program.
  target_link_options(parmetrics_c PRIVATE "LINKER:--version-script=${_pm_c_map}"
                                           "LINKER:--no-undefined")
  set_property(TARGET parmetrics_c APPEND PROPERTY LINK_DEPENDS ${_pm_c_map})
endif()
