// parmetrics._parmetrics, the native part of the Python module: a context holding one data set,
// and the C API's calls on it (src/capi/capi.hpp, "The calls"), with the library's errors raised
// as Python exceptions of their own kind. Options go in as JSON text and results come out as JSON
// or text, exactly as through the C API: python/parmetrics/__init__.py turns keyword arguments
// into the one and the other into dicts, rows and DataFrames. Nothing is computed here.

#include <pybind11/pybind11.h>

#include <charconv>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <parmetrics/error.hpp>
#include <parmetrics/version.hpp>

#include "capi/capi.hpp"

namespace py = pybind11;
namespace capi = parmetrics::capi;

namespace {

// The exception classes, made once when the module is imported and kept for the process's life
// (a strong reference never released: they must outlive every translator call).
struct Exceptions {
  PyObject* error = nullptr;
  PyObject* data = nullptr;
  PyObject* argument = nullptr;
  PyObject* range = nullptr;
  PyObject* misuse = nullptr;
  PyObject* usage = nullptr;
};
Exceptions exceptions;

PyObject* make_exception(py::module_& m, const char* name, const char* doc, py::tuple bases) {
  const std::string qualified = std::string("parmetrics.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;
}

/// The number after the first `word` in a location ("line 12", "byte 1 (line 1, column 2)");
/// None when there is none.
py::object number_after(std::string_view location, std::string_view word) {
  const auto at = location.find(word);
  if (at == std::string_view::npos) return py::none();
  const char* first = location.data() + at + word.size();
  unsigned long long n = 0;
  const auto [end, error] = std::from_chars(first, location.data() + location.size(), n);
  if (error != std::errc() || end == first) return py::none();
  return py::int_(n);
}

/// Raises `type(message)` with the given attributes set on the instance.
void raise(PyObject* type, const char* message, const py::dict& attributes) {
  py::object instance = py::reinterpret_borrow<py::object>(type)(message);
  for (const auto& [name, value] : attributes) py::setattr(instance, name, value);
  PyErr_SetObject(type, instance.ptr());
}

void raise_data(const parmetrics::DataError& e, py::object summary) {
  py::dict a;
  a["file"] = e.origin();
  a["location"] = e.location();
  a["line"] = number_after(e.location(), "line ");
  a["record"] = number_after(e.location(), "record ");
  a["field"] = e.field();
  a["reason"] = e.reason();
  a["summary"] = std::move(summary);
  raise(exceptions.data, e.what(), a);
}

template <class E>
void raise_where(PyObject* type, const E& e) {
  py::dict a;
  a["where"] = e.where();
  a["reason"] = e.reason();
  raise(type, e.what(), a);
}

/// The library's exceptions as Python's: the most derived C++ type first.
void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const capi::UsageError& e) {
    // Options the call cannot take; a calendar layer after dossiers is the API out of order.
    py::dict a;
    a["where"] = "";
    a["reason"] = e.what();
    raise(e.status() == PM_USAGE_ORDER ? exceptions.misuse : exceptions.usage, e.what(), a);
  } catch (const capi::StatusError& e) {
    raise_data(e, py::module_::import("json").attr("loads")(e.summary()));
  } catch (const parmetrics::DataError& e) {
    raise_data(e, py::none());
  } catch (const parmetrics::RangeError& e) {
    raise_where(exceptions.range, e);
  } catch (const parmetrics::ArgumentError& e) {
    raise_where(exceptions.argument, e);
  } catch (const parmetrics::MisuseError& e) {
    raise_where(exceptions.misuse, e);
  } catch (const parmetrics::Error& e) {
    raise(exceptions.error, e.what(), py::dict());
  }
}

capi::LoadKind load_kind(const std::string& kind) {
  if (kind == "units") return capi::LoadKind::units;
  if (kind == "procedures") return capi::LoadKind::procedures;
  if (kind == "dossiers") return capi::LoadKind::dossiers;
  if (kind == "portal") return capi::LoadKind::portal;
  if (kind == "events") return capi::LoadKind::events;
  return capi::facts_kind(kind.c_str());
}

/// One data set. Its calls run one at a time (a pm_context is not thread-safe), with the GIL
/// released while they import or compute, so that other Python threads go on meanwhile.
class Context {
 public:
  explicit Context(const std::string& options_json)
      : context_(capi::make_context(options_json.c_str(), "Context")) {}

  std::string load_file(const std::string& kind, const std::string& path,
                        const std::string& options_json) {
    return locked([&](pm_context& c) {
      const capi::Source source = capi::file(path.c_str());
      if (kind == "calendar") return capi::load_calendar(c, source);
      return capi::load(c, load_kind(kind), source, options_json.c_str());
    });
  }

  std::string load_text(const std::string& kind, const py::bytes& data, const std::string& origin,
                        const std::string& options_json) {
    // The bytes stay alive while the GIL is released: `data` holds a reference to them.
    char* bytes = nullptr;
    Py_ssize_t size = 0;
    if (PyBytes_AsStringAndSize(data.ptr(), &bytes, &size) != 0) throw py::error_already_set();
    return locked([&](pm_context& c) {
      const capi::Source source =
          capi::buffer(bytes, static_cast<std::size_t>(size), origin.c_str());
      if (kind == "calendar") return capi::load_calendar(c, source);
      return capi::load(c, load_kind(kind), source, options_json.c_str());
    });
  }

  std::string result(const std::string& what, const std::string& options_json) {
    return locked([&](pm_context& c) {
      const char* options = options_json.c_str();
      if (what == "report") return capi::report(c, options, what);
      if (what == "form") return capi::form(c, options, what);
      if (what == "dossiers") return capi::dossiers(c, options, what);
      if (what == "index766") return capi::index766(c, options, what);
      if (what == "score") return capi::score(c, options, what);
      throw capi::UsageError(PM_USAGE_OPTIONS, "no result named '" + what + "'");
    });
  }

 private:
  template <class Body>
  std::string locked(Body&& body) {
    py::gil_scoped_release released;
    const std::lock_guard lock(mutex_);
    return body(*context_);
  }

  std::unique_ptr<pm_context> context_;
  std::mutex mutex_;
};

// The exception classes: each with its base (Exception for Error) and, for the wrong values,
// ValueError too, so that `except ValueError` catches them as Python code expects.
struct ExceptionKind {
  PyObject** slot;
  const char* name;
  PyObject** base;
  bool value_error;
  const char* doc;
};
const ExceptionKind kExceptionKinds[] = {
    {&exceptions.error, "Error", nullptr, false,
     "Every error of parmetrics; alone, an internal error (a bug: please report it)."},
    {&exceptions.data, "DataError", &exceptions.error, false,
     "Bad input data. Attributes: file, location ('line 12', 'record 3'), line and record (int "
     "or None), field, reason; summary, the import's summary (dict) when a strict load failed on "
     "a rejected record, else None."},
    {&exceptions.argument, "ArgumentError", &exceptions.error, true,
     "A value the library cannot take (a period that ends before it starts). Attributes: where, "
     "reason."},
    {&exceptions.range, "RangeError", &exceptions.argument, false,
     "A date or time outside 1900-01-01..2199-12-31, or a size beyond what is stored. "
     "Attributes: where, reason."},
    {&exceptions.misuse, "MisuseError", &exceptions.error, false,
     "The API used out of order (a calendar layer after dossiers). Attributes: where, reason."},
    {&exceptions.usage, "UsageError", &exceptions.error, true,
     "Options a call cannot take: an unknown option (named in the message), a value of the "
     "wrong type or outside its choices, a unit or form the data lack. Attribute: reason."},
};

void add_exceptions(py::module_& m) {
  for (const ExceptionKind& kind : kExceptionKinds) {  // a base before the classes under it
    py::list bases;
    bases.append(py::handle(kind.base != nullptr ? *kind.base : PyExc_Exception));
    if (kind.value_error) bases.append(py::handle(PyExc_ValueError));
    *kind.slot = make_exception(m, kind.name, kind.doc, py::tuple(bases));
  }
  // Local: the translation concerns this module's calls only, not other pybind11 modules'.
  py::register_local_exception_translator(&translate);
}

}  // namespace

PYBIND11_MODULE(_parmetrics, m) {
  m.doc() =
      "The native part of parmetrics: a context and the C API's calls, options and results as "
      "JSON text. Use the package parmetrics, which wraps it.";
  add_exceptions(m);
  m.def("version", &parmetrics::version, "The library's version, '0.1.0'.");
  py::class_<Context>(m, "Context", "One data set: units, procedures, calendar layers, dossiers.")
      .def(py::init<const std::string&>(), py::arg("options_json"),
           "A new, empty context; options as JSON: {\"threads\": N}.")
      .def("load_file", &Context::load_file, py::arg("kind"), py::arg("path"),
           py::arg("options_json"),
           "Loads a file of `kind` (units, procedures, dossiers, portal, events, calendar, "
           "unit_procedures, feedback, communes); returns the import's summary as JSON text.")
      .def("load_text", &Context::load_text, py::arg("kind"), py::arg("data"), py::arg("origin"),
           py::arg("options_json"),
           "Loads bytes of `kind`, named `origin` in messages; returns the summary as JSON text.")
      .def("result", &Context::result, py::arg("what"), py::arg("options_json"),
           "report, form, dossiers, index766 or score, with options as JSON; returns JSON or the "
           "text "
           "of the format asked for.");
}
