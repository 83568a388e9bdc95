# ctest driver: configure and build a project that adds parmetrics with add_subdirectory; run it.
file(REMOVE_RECURSE ${WORK_DIR})

function(run_step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    string(REPLACE ";" " " _cmd "${ARGN}")
    message(FATAL_ERROR "step failed (${_rc}): ${_cmd}")
  endif()
endfunction()

run_step(${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${WORK_DIR} -G ${GENERATOR}
         -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DPARMETRICS_SOURCE_DIR=${PARMETRICS_SOURCE_DIR})
run_step(${CMAKE_COMMAND} --build ${WORK_DIR})
run_step(${WORK_DIR}/parmetrics-consumer)
