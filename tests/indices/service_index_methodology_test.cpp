// The service index's methodology as data: the shipped file, and every kind of malformed
// methodology rejected with the file, the JSON path, the field and the reason.

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>

using namespace parmetrics;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The shipped methodology with one piece of text replaced (which must occur exactly once).
std::string edited(std::string_view from, std::string_view to) {
  std::string text(qd766_portal_methodology_json());
  const auto at = text.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, "no " << from);
  BOOST_REQUIRE_MESSAGE(text.find(from, at + 1) == std::string::npos, "twice: " << from);
  text.replace(at, from.size(), to);
  return text;
}

struct Failure {
  std::string origin, location, field, reason, what;
};

Failure failure(const std::string& text) {
  try {
    parse_service_index_methodology(text, "prov.json");
  } catch (const DataError& e) {
    return {e.origin(), e.location(), e.field(), e.reason(), e.what()};
  }
  BOOST_FAIL("accepted a malformed methodology");
  return {};
}

void expect(const std::string& text, std::string_view location, std::string_view field,
            std::string_view reason) {
  const Failure f = failure(text);
  BOOST_TEST(f.origin == "prov.json");
  BOOST_TEST(f.location == location);
  BOOST_TEST(f.field == field);
  BOOST_TEST(f.reason == reason);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service_index_methodology)

BOOST_AUTO_TEST_CASE(builtin_equals_data_file) {
  const std::string file = read_file(PARMETRICS_DATA_DIR "/methodologies/qd766-portal-2025.json");
  BOOST_TEST(!file.empty());
  BOOST_TEST((file == qd766_portal_methodology_json()));
  const auto loaded =
      load_service_index_methodology(PARMETRICS_DATA_DIR "/methodologies/qd766-portal-2025.json");
  BOOST_TEST(loaded.item_count() == 21u);
  BOOST_TEST(loaded.name == qd766_portal_methodology().name);
}

BOOST_AUTO_TEST_CASE(a_province_version_loads) {
  // A province drops the certified-copy item (2 points) from digitisation: 20 + the rest 78 = 98,
  // and adds grade bands.
  std::string text = edited(R"("max": 22,)", R"("max": 20,)");
  const std::string item = R"(,
        {
          "code": "ELECTRONIC_CERTIFIED_COPY",)";
  const auto at = text.find(item);
  BOOST_REQUIRE(at != std::string::npos);
  const auto end = text.find('}', at);
  text.erase(at, end + 1 - at);
  const auto total = text.find(R"("total": 100,)");
  text.replace(total, 13, R"("total": 98,)");
  const auto grades = text.find(R"("grades": [])");
  text.replace(grades, 12, R"("grades": [{"name": "Tốt", "min": 80}, {"name": "Khá", "min": 0}])");
  const auto m = parse_service_index_methodology(text, "prov.json");
  BOOST_TEST(m.item_count() == 20u);
  BOOST_TEST(m.total == 98.0);
  BOOST_TEST(m.grades.size() == 2u);
  BOOST_TEST(m.grades[0].name == "Tốt");
}

BOOST_AUTO_TEST_CASE(optional_maxima_are_derived) {
  // Without "total" and a group's "max", both are the sums below them: the total of the six
  // groups, 18 + 20 + 12 + 10 + 18 + 22 = 100; transparency's items 6 + 4 + 2 + 6 = 18.
  std::string text = edited(R"(  "total": 100,
)",
                            "");
  const std::string group = R"("name": "Công khai, minh bạch",
      "max": 18,)";
  const auto at = text.find(group);
  BOOST_REQUIRE(at != std::string::npos);
  text.replace(at, group.size(), R"("name": "Công khai, minh bạch",)");
  const auto m = parse_service_index_methodology(text, "prov.json");
  BOOST_TEST(m.total == 100.0);
  BOOST_REQUIRE(m.groups.front().code == "transparency");
  BOOST_TEST(m.groups.front().max == 18.0);
}

BOOST_AUTO_TEST_CASE(syntax_errors_name_line_and_column) {
  // Line 3 starts "format_version" with no comma after line 2: the parser stops in line 3.
  const Failure f = failure("{\n  \"format\": \"parmetrics-index766-methodology\"\n  \"x\": 1}");
  BOOST_TEST(f.origin == "prov.json");
  BOOST_TEST(f.location.rfind("line 3, column ", 0) == 0u);
  BOOST_TEST(f.reason.rfind("not valid JSON", 0) == 0u);
  const Failure g = failure("");
  BOOST_TEST(g.location == "line 1, column 1");
}

BOOST_AUTO_TEST_CASE(document_level_errors) {
  expect("[]", "$", "", "the document must be a JSON object, got an array");
  expect(edited(R"("format": "parmetrics-index766-methodology")", R"("format": "other")"), "$",
         "format", R"(expected "parmetrics-index766-methodology")");
  expect(edited(R"("format_version": 1)", R"("format_version": 2)"), "$", "format_version",
         "expected 1, got the number 2");
  expect(edited(R"("version": "2025",)", ""), "$", "version", "is missing");
  expect(edited(R"("decimals": 2,)", R"("decimals": 7,)"), "$", "decimals",
         "7 is not between 0 and 6");
  expect(edited(R"("decimals": 2,)", R"("decimals": 2, "rounding": "half_even",)"), "$", "rounding",
         R"("half_even" is not supported (only half_away_from_zero))");
  expect(edited(R"("decimals": 2,)", R"("decimal": 2,)"), "$", "decimal",
         "unknown key (expected one of: format, format_version, name, version, source, note, "
         "decimals, rounding, totals, total, groups, grades)");
  expect(edited(R"("totals": "rounded_items",)", R"("totals": "rounded",)"), "$", "totals",
         R"("rounded" is not unrounded or rounded_items)");
  expect(edited(R"("total": 100,)", R"("total": 99,)"), "$", "total",
         "99 is not the sum of the groups' maxima (100)");
  expect(edited(R"("total": 100,)", R"("total": "100",)"), "$", "total",
         R"(expected a number, got the string "100")");
}

BOOST_AUTO_TEST_CASE(group_errors) {
  expect(edited(R"("name": "Công khai, minh bạch",
      "max": 18,)",
                R"("name": "Công khai, minh bạch",
      "max": 20,)"),
         "$.groups[0]", "max", "20 is not the sum of the items' maxima (18)");
  expect(edited(R"("code": "progress",)", R"("code": "transparency",)"), "$.groups[1]", "code",
         R"(duplicate group code "transparency")");
  expect(edited(R"("code": "progress",)", R"("code": "pro gress",)"), "$.groups[1]", "code",
         R"("pro gress" is not a code (letters, digits, '_' and '-', not empty))");
  expect(edited(R"("name": "Tiến độ, kết quả giải quyết",)", ""), "$.groups[1]", "name",
         "is missing");
  std::string text(qd766_portal_methodology_json());
  const auto groups = text.find(R"("groups": [)");
  const auto grades = text.find(R"(  "grades")");
  text.replace(groups, grades - groups, "\"groups\": [],\n");
  expect(text, "$", "groups", "must list at least one group");
}

BOOST_AUTO_TEST_CASE(item_errors) {
  // ONLINE_PROCEDURES is the first item of the third group: $.groups[2].items[0].
  const std::string op = "$.groups[2].items[0]";
  expect(edited(R"("threshold": 0.8
        },
        {
          "code": "ONLINE_SERVICES_WITH_DOSSIER",)",
                R"("treshold": 0.8
        },
        {
          "code": "ONLINE_SERVICES_WITH_DOSSIER",)"),
         op, "treshold",
         "unknown key (expected one of: code, name, description, numerator, denominator, note, "
         "max, rule, threshold, zero_denominator)");
  expect(edited(R"("max": 20,
          "rule")",
                R"("max": "20",
          "rule")"),
         "$.groups[1].items[0]", "max", R"(expected a number, got the string "20")");
  expect(edited(R"("max": 20,
          "rule")",
                R"("max": 0,
          "rule")"),
         "$.groups[1].items[0]", "max", "0 is not in (0, 1000]");
  expect(edited(R"("max": 20,
          "rule": "linear")",
                R"("max": 20,
          "rule": "log")"),
         "$.groups[1].items[0]", "rule", R"("log" is not a rule (linear or capped))");
  expect(edited(R"("max": 20,
          "rule": "linear")",
                R"("max": 20,
          "rule": "capped")"),
         "$.groups[1].items[0]", "threshold", "is missing (a capped item needs one)");
  expect(edited(R"("max": 20,
          "rule": "linear")",
                R"("max": 20,
          "rule": "linear", "threshold": 0.5)"),
         "$.groups[1].items[0]", "threshold",
         "only capped items have a threshold (this one is linear)");
  expect(edited(R"("threshold": 0.5)", R"("threshold": 50)"), "$.groups[2].items[2]", "threshold",
         "50 is not a ratio in (0, 1] (write 80 % as 0.8)");
  expect(edited(R"("threshold": 0.5)", R"("threshold": 0)"), "$.groups[2].items[2]", "threshold",
         "0 is not a ratio in (0, 1] (write 80 % as 0.8)");
  expect(edited(R"("threshold": 0.9)", R"("threshold": 0.1234567)"), "$.groups[4].items[2]",
         "threshold", "0.1234567 has more than 6 decimals or is too large");
  expect(edited(R"("max": 20,
          "rule")",
                R"("max": 20.0000001,
          "rule")"),
         "$.groups[1].items[0]", "max", "20.0000001 has more than 6 decimals or is too large");
  expect(edited(R"("rule": "linear",
          "zero_denominator": "full"
        },
        {
          "code": "DOSSIER_RECEIVING_SATISFACTION",)",
                R"("rule": "linear",
          "zero_denominator": "half"
        },
        {
          "code": "DOSSIER_RECEIVING_SATISFACTION",)"),
         "$.groups[4].items[1]", "zero_denominator", R"("half" is not zero or full)");
  expect(edited(R"("code": "PUBLIC_CONTENT_FULL",)", R"("code": "PUBLISH_ON_TIME",)"),
         "$.groups[0].items[2]", "code", R"(duplicate item code "PUBLISH_ON_TIME")");
  expect(edited(R"("code": "PUBLIC_CONTENT_FULL",)", R"("code": "progress",)"), "$", "groups",
         R"("progress" is both a group and an item)");
  expect(edited(R"("code": "PUBLIC_CONTENT_FULL",)", R"("code": "",)"), "$.groups[0].items[2]",
         "code", "must not be empty");
  expect(edited(R"("name": "Tỷ lệ hồ sơ trực tuyến",)", ""), "$.groups[2].items[2]", "name",
         "is missing");
  std::string text(qd766_portal_methodology_json());
  const auto at = text.find(R"("items": [
        {
          "code": "PROGRESS_ON_TIME")");
  const auto end = text.find(']', at);
  text.replace(at, end + 1 - at, R"("items": [1])");
  expect(text, "$.groups[1].items[0]", "", "expected an object, got the number 1");
}

BOOST_AUTO_TEST_CASE(grade_errors) {
  expect(edited(R"("grades": [])",
                R"("grades": [{"name": "A", "min": 80}, {"name": "B", "min": 90}])"),
         "$.grades[1]", "min",
         "90 is not below the previous grade's minimum 80 (list grades from the best down)");
  expect(edited(R"("grades": [])", R"("grades": [{"name": "A", "min": 120}])"), "$.grades[0]",
         "min", "120 is not between 0 and the total 100");
  expect(
      edited(R"("grades": [])", R"("grades": [{"name": "A", "min": 90}, {"name": "A", "min": 0}])"),
      "$.grades[1]", "name", R"(duplicate grade "A")");
  expect(edited(R"("grades": [])", R"("grades": [{"min": 90}])"), "$.grades[0]", "name",
         "is missing");
  expect(edited(R"("grades": [])", R"("grades": {})"), "$", "grades",
         "expected an array, got an object");
}

BOOST_AUTO_TEST_CASE(whole_message_and_files) {
  const Failure f = failure(edited(R"("threshold": 0.5)", R"("threshold": 50)"));
  BOOST_TEST(f.what ==
             "prov.json:$.groups[2].items[2]: field 'threshold': 50 is not a ratio in (0, 1] "
             "(write 80 % as 0.8)");
  try {
    load_service_index_methodology("/nonexistent/m.json");
    BOOST_FAIL("loaded a missing file");
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == "/nonexistent/m.json");
    BOOST_TEST(e.reason() == "cannot open the file: No such file or directory");
  }
}

BOOST_AUTO_TEST_CASE(methodologies_built_in_code_are_checked) {
  ServiceIndexMethodology m = qd766_portal_methodology();
  m.groups[2].items[0].threshold = 1.5;
  try {
    validate_service_index_methodology(m, "mine");
    BOOST_FAIL("accepted threshold 1.5");
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == "mine");
    BOOST_TEST(e.location() == "$.groups[2].items[0]");
    BOOST_TEST(e.field() == "threshold");
  }
  m = qd766_portal_methodology();
  m.groups[0].items[0].threshold = 0.5;  // on a linear item
  BOOST_CHECK_THROW(validate_service_index_methodology(m), DataError);
}

BOOST_AUTO_TEST_SUITE_END()
