# Compile-fail tests, as HowardHinnant/date's *.fail.cpp: the control case (0) of SOURCE must
# compile; each of CASES must not, with a message that matches EXPECT (so that it fails for the
# reason the case shows, not for a broken include path).
#   cmake -DCXX=c++ -DINCLUDE=dir -DSOURCE=file -DCASES="1;2" -DEXPECT=regex -P run.cmake
foreach(case 0 ${CASES})
  execute_process(
    COMMAND ${CXX} -std=c++20 -fsyntax-only -I${INCLUDE} -DPARMETRICS_CASE=${case} ${SOURCE}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(case EQUAL 0)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "the control case of ${SOURCE} does not compile:\n${err}")
    endif()
  elseif(rc EQUAL 0)
    message(FATAL_ERROR "case ${case} of ${SOURCE} compiles, and must not")
  elseif(NOT err MATCHES "${EXPECT}")
    message(FATAL_ERROR "case ${case} of ${SOURCE} fails for another reason:\n${err}")
  else()
    message(STATUS "case ${case}: does not compile, as it must")
  endif()
endforeach()
