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
         -DPARMETRICS_README=${README})
run_step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run_step(${WORK_DIR}/build/parmetrics-consumer)
