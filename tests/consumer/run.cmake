# ctest driver: install the build into a scratch prefix, build the consumer against it, run it.
file(REMOVE_RECURSE ${WORK_DIR})
set(_prefix ${WORK_DIR}/prefix)

function(run_step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    string(REPLACE ";" " " _cmd "${ARGN}")
    message(FATAL_ERROR "step failed (${_rc}): ${_cmd}")
  endif()
endfunction()

run_step(${CMAKE_COMMAND} --install ${PARMETRICS_BINARY_DIR} --prefix ${_prefix})
run_step(${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
         -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_PREFIX_PATH=${_prefix}
         -DPARMETRICS_README=${README} -DPARMETRICS_C_API=${C_API})
run_step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run_step(${WORK_DIR}/build/parmetrics-consumer)

if(C_API)
  set(_data ${_prefix}/share/parmetrics)
  run_step(${WORK_DIR}/build/parmetrics-c-consumer ${_data})
  # The same program built by hand with pkg-config (parmetrics-c.pc finds its prefix from where
  # it lies, so the scratch prefix works as /usr/local would).
  file(GLOB_RECURSE _pc ${_prefix}/*/parmetrics-c.pc)
  get_filename_component(_pc_dir "${_pc}" DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} ${_pc_dir})
  execute_process(COMMAND ${PKG_CONFIG} --cflags --libs parmetrics-c
                  OUTPUT_VARIABLE _flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0 OR _flags STREQUAL "")
    message(FATAL_ERROR "pkg-config parmetrics-c failed (${_rc}) in ${_pc_dir}")
  endif()
  separate_arguments(_flags UNIX_COMMAND "${_flags}")
  # Run where it was built: an rpath to each -L directory.
  set(_rpaths ${_flags})
  list(FILTER _rpaths INCLUDE REGEX "^-L")
  list(TRANSFORM _rpaths REPLACE "^-L" "-Wl,-rpath,")
  run_step(${C_COMPILER} -std=c99 -Wall -Wextra -Wpedantic -Werror
           ${CONSUMER_SOURCE_DIR}/c_consumer.c -o ${WORK_DIR}/c-consumer-pkg-config ${_flags}
           ${_rpaths})
  run_step(${WORK_DIR}/c-consumer-pkg-config ${_data})
endif()
run_step(${WORK_DIR}/build/parmetrics-integrator-test)
