# ctest driver: the example programs of docs/c-api.md, extracted from the page as written, built
# and run on the bundled sample. Each prints the report by month after appending one portal record
# to the sample, so the total is the sample's dossiers (the records of dossiers.csv, one a line)
# plus that one.
#   cmake -DDOC=docs/c-api.md -DLANGUAGES=c,python -DWORK_DIR=… -DDATA_DIR=data
#         -DINCLUDE_DIR=include -DLIBRARY=libparmetrics_c.so.1.1.0 -DC_COMPILER=cc -DPYTHON=python3
#         [-DJAVAC=javac -DJAVA=java -DJNA_JAR=jna.jar] [-DMCS=mcs -DMONO=mono]
#         -P doc_examples.cmake
cmake_minimum_required(VERSION 3.25)
string(REPLACE "," ";" LANGUAGES "${LANGUAGES}")
if(NOT LANGUAGES MATCHES "^((c|python|java|csharp);?)+$")
  message(FATAL_ERROR "LANGUAGES: '${LANGUAGES}' is not a list of c, python, java, csharp")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(READ ${DOC} _doc)
get_filename_component(_libdir ${LIBRARY} DIRECTORY)
set(_sample ${DATA_DIR}/sample)
file(STRINGS ${_sample}/dossiers.csv _lines)
list(LENGTH _lines _total)  # the header and the records: the records plus one

function(run_step expected)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE _rc
                  OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  string(REPLACE ";" " " _cmd "${ARGN}")
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "step failed (${_rc}): ${_cmd}\n${_out}\n${_err}")
  endif()
  string(FIND "${_out}" "${expected}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "${_cmd}: the output lacks '${expected}':\n${_out}")
  endif()
  message(STATUS "${_cmd}: ok")
endfunction()

# The one block of `language` in the page.
function(extract language out_var)
  string(REGEX MATCHALL "```${language}\n" _opening "${_doc}")
  list(LENGTH _opening _n)
  if(NOT _n EQUAL 1)
    message(FATAL_ERROR "${DOC}: ${_n} blocks of ${language}, expected one")
  endif()
  string(FIND "${_doc}" "```${language}\n" _start)
  string(LENGTH "```${language}\n" _fence)
  math(EXPR _start "${_start} + ${_fence}")
  string(SUBSTRING "${_doc}" ${_start} -1 _rest)
  string(FIND "${_rest}" "\n```" _end)
  math(EXPR _end "${_end} + 1")
  string(SUBSTRING "${_rest}" 0 ${_end} _code)
  set(${out_var} "${_code}" PARENT_SCOPE)
endfunction()

if("c" IN_LIST LANGUAGES)
  extract(c _code)
  file(WRITE ${WORK_DIR}/example.c "${_code}")
  run_step("" ${C_COMPILER} -std=c99 -Wall -Wextra -Wpedantic -Werror -I${INCLUDE_DIR}
           ${WORK_DIR}/example.c -o ${WORK_DIR}/example -L${_libdir} -lparmetrics_c
           -Wl,-rpath,${_libdir})
  run_step("\ntotal,${_total},${_total}," ${WORK_DIR}/example ${_sample})
endif()

if("python" IN_LIST LANGUAGES)
  extract(python _code)
  file(WRITE ${WORK_DIR}/sample_report.py "${_code}")
  run_step("\ntotal ${_total} " ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${_libdir}
           ${PYTHON} ${WORK_DIR}/sample_report.py ${_sample})
endif()

if("java" IN_LIST LANGUAGES)
  extract(java _code)
  if(NOT _code MATCHES "public class ([A-Za-z0-9_]+)")
    message(FATAL_ERROR "the Java example has no public class")
  endif()
  set(_class ${CMAKE_MATCH_1})
  file(WRITE ${WORK_DIR}/${_class}.java "${_code}")
  run_step("" ${JAVAC} -cp ${JNA_JAR} -d ${WORK_DIR} ${WORK_DIR}/${_class}.java)
  run_step("\ntotal,${_total},${_total}," ${JAVA} -cp ${JNA_JAR}:${WORK_DIR} -Djna.library.path=${_libdir}
           ${_class} ${_sample})
endif()

# C# through P/Invoke, compiled by Mono's C# compiler (C# 7: the page's example keeps to it, so
# that it builds there and in a .NET project alike) and run on Mono's runtime.
if("csharp" IN_LIST LANGUAGES)
  extract(csharp _code)
  file(WRITE ${WORK_DIR}/SampleReport.cs "${_code}")
  run_step("" ${MCS} -warnaserror+ -out:${WORK_DIR}/SampleReport.exe ${WORK_DIR}/SampleReport.cs)
  run_step("\ntotal,${_total},${_total}," ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${_libdir}
           ${MONO} ${WORK_DIR}/SampleReport.exe ${_sample})
endif()
