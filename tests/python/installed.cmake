# ctest driver: installs the Python package alone (`cmake --install --component python`) under a
# scratch prefix, then imports it from there with PYTHONPATH, as docs/python.md tells, and runs a
# report of the sample: it must be the installed copy, and say the sample's 3600 dossiers of
# January-August 2023 (data/sample/README.md).
#   cmake -DBUILD_DIR=… -DPYTHON=python3 -DPREFIX=… -DPACKAGE_DIR=lib/python3/dist-packages
#         -DSAMPLE=data/sample -P installed.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${PREFIX})
execute_process(
  COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} --component python
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${_rc}):\n${_out}\n${_err}")
endif()
if(IS_ABSOLUTE ${PACKAGE_DIR})
  message(FATAL_ERROR "PARMETRICS_PYTHON_INSTALL_DIR is absolute (${PACKAGE_DIR}): not under a prefix")
endif()
set(_script [=[
import os, sys
import parmetrics
where = os.path.realpath(parmetrics.__file__)
assert where.startswith(os.path.realpath(sys.argv[1])), where
ctx = parmetrics.Context()
for name in ("units", "procedures", "dossiers", "events"):
    getattr(ctx, "load_" + name)(os.path.join(sys.argv[2], name + ".csv"))
total = ctx.report(from_="2023-01-01", to="2023-08-31")[-1]
print("installed", parmetrics.version(), where, total["group"], total["received"])
]=])
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${PREFIX}/${PACKAGE_DIR}
          ${PYTHON} -c "${_script}" ${PREFIX} ${SAMPLE}
  WORKING_DIRECTORY ${PREFIX}
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0 OR NOT _out MATCHES " total 3600\n")
  message(FATAL_ERROR "the installed package (${_rc}):\n${_out}\n${_err}")
endif()
message(STATUS "${_out}")
