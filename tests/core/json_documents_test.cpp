// Every JSON loader keeps the error contract whatever the text (issue 11): a number beyond a
// double, nesting deep enough to exhaust a recursive reader, or a huge value of the wrong type
// gives a DataError naming the file, the place and the reason — not a nlohmann exception, not a
// crash, and not a message that dumps the document.

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <functional>
#include <string>
#include <vector>

#include <parmetrics/calendar/calendar_data.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/indices/par_methodology.hpp>
#include <parmetrics/indices/service_index_counts.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>

using namespace parmetrics;

namespace {

struct Loader {
  std::string name;
  std::function<void(const std::string&)> parse;
};

// One entry per JSON document the library reads.
std::vector<Loader> loaders() {
  return {
      {"calendar", [](const std::string& t) { (void)CalendarData::parse(t, "f.json"); }},
      {"index766 methodology",
       [](const std::string& t) { (void)parse_service_index_methodology(t, "f.json"); }},
      {"index766 counts",
       [](const std::string& t) {
         (void)parse_service_index_counts(t, "f.json", qd766_portal_methodology());
       }},
      {"PAR methodology", [](const std::string& t) { (void)ParMethodology::parse(t, "f.json"); }},
  };
}

// The DataError a loader throws on `text`; fails the test on anything else.
DataError error_of(const Loader& loader, const std::string& text) {
  try {
    loader.parse(text);
  } catch (const DataError& e) {
    return e;
  } catch (const std::exception& e) {
    BOOST_ERROR(loader.name << ": a foreign exception: " << e.what());
    return DataError("", "", "", "");
  }
  BOOST_ERROR(loader.name << ": no error");
  return DataError("", "", "", "");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_documents)

BOOST_AUTO_TEST_CASE(a_number_beyond_a_double_is_a_data_error_with_its_line) {
  // 1e400 > DBL_MAX ≈ 1.8e308: nlohmann reports it as out_of_range 406, not parse_error.
  for (const Loader& l : loaders()) {
    for (const std::string text : {"{\n\"name\": 1e400}", "{\n\"name\": -1e999}"}) {
      const DataError e = error_of(l, text);
      BOOST_TEST_CONTEXT(l.name << " " << text) {
        BOOST_TEST(e.origin() == "f.json");
        BOOST_TEST(e.location().starts_with("line 2, column "));
        BOOST_TEST(e.reason().starts_with("not valid JSON: number overflow parsing '"));
        BOOST_TEST(std::string(e.what()).find("json.exception") == std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(nesting_beyond_the_bound_is_named_where_it_goes_too_deep) {
  // Line 2 is `"x": ` then brackets: the first '[' (column 6) is level 2, so level 129, one past
  // the bound of 128, is the 128th '[', at column 6 + 127 = 133.
  for (const std::size_t depth : {std::size_t{200}, std::size_t{100'000}}) {
    const std::string text = "{\n\"x\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
    for (const Loader& l : loaders()) {
      const DataError e = error_of(l, text);
      BOOST_TEST_CONTEXT(l.name << " depth " << depth) {
        BOOST_TEST(e.location() == "line 2, column 133");
        BOOST_TEST(
            e.reason() ==
            "not valid JSON: nested too deeply (more than 128 levels of arrays and objects)");
      }
    }
  }
  // Brackets inside strings do not count.
  const std::string in_string = "{\"name\": \"" + std::string(1000, '[') + "\"}";
  for (const Loader& l : loaders()) {
    BOOST_TEST(error_of(l, in_string).reason().find("nested") == std::string::npos, l.name);
  }
}

BOOST_AUTO_TEST_CASE(a_deep_par_criteria_tree_within_the_bound_still_loads) {
  // The document is level 1 and its criteria array 2; criterion k is an object at level 2k + 1
  // (an object in an array per level), so the leaf c60 is at 121 and its rule at 122 ≤ 128.
  std::string tree = R"({"id": "c60", "name": "leaf", "max": 1, "rule": {"kind": "manual"}})";
  for (int level = 59; level >= 1; --level) {
    tree = fmt::format(R"({{"id": "c{}", "name": "n", "children": [{}]}})", level, tree);
  }
  const std::string doc = R"({"name": "deep", "version": "1", "criteria": [)" + tree + "]}";
  const ParMethodology m = ParMethodology::parse(doc, "deep.json");
  BOOST_TEST(m.max() == 1.0);
}

BOOST_AUTO_TEST_CASE(a_huge_value_of_the_wrong_type_is_cut_in_the_message) {
  const std::string long_string = "\"" + std::string(100'000, 'a') + "\"";
  // The calendar's format_version must be an integer; the PAR name a string.
  const DataError calendar = error_of(
      loaders()[0], R"({"format": "parmetrics-calendar", "format_version": )" + long_string + "}");
  BOOST_TEST(calendar.reason().starts_with("expected 1, got the string \"aaaa"));
  BOOST_TEST(calendar.reason().size() < 100u);
  const DataError par = error_of(loaders()[3], R"({"name": "t", "version": "1", "criteria": [
      {"id": "1", "name": "a", "max": )" + long_string +
                                                   R"(, "rule": {"kind": "manual"}}]})");
  BOOST_TEST(par.reason().find("the string \"aaaa") != std::string::npos);
  BOOST_TEST(par.reason().size() < 100u);
  // An object where a string belongs is named, not printed.
  const DataError object = error_of(loaders()[0], R"({"format": {"a": [1, 2, 3]}})");
  BOOST_TEST(object.reason() == "expected a string, got an object");
}

BOOST_AUTO_TEST_SUITE_END()
