// Item counts given directly as JSON: what is accepted and every kind of rejection.

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/service_index_counts.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>

using namespace parmetrics;

namespace {

std::string json_string(std::string_view code) {
  std::string q(1, '"');
  q += code;
  q += '"';
  return q;
}

// A document with one unit; `items` replaces the first item entries; the rest are [0, 0].
std::string document(const std::string& unit_extra, const std::string& first_items) {
  std::string items = first_items;
  for (const auto& g : qd766_portal_methodology().groups) {
    for (const auto& i : g.items) {
      if (first_items.find(json_string(i.code)) != std::string::npos) continue;
      if (!items.empty()) items += ", ";
      items += json_string(i.code);
      items += ": [0, 0]";
    }
  }
  std::string doc = R"({"source": "test", "units": [{"unit": "X1", "name": "Xã Một")";
  doc += unit_extra;
  doc += R"(, "items": {)";
  doc += items;
  doc += "}}]}";
  return doc;
}

DataError failure(const std::string& text) {
  try {
    parse_service_index_counts(text, "c.json", qd766_portal_methodology());
  } catch (const DataError& e) {
    return e;
  }
  BOOST_FAIL("accepted bad counts");
  return DataError("", "", "", "");
}

void expect(const std::string& text, std::string_view location, std::string_view field,
            std::string_view reason) {
  const DataError e = failure(text);
  BOOST_TEST(e.origin() == "c.json");
  BOOST_TEST(e.location() == location);
  BOOST_TEST(e.field() == field);
  BOOST_TEST(e.reason() == reason);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service_index_counts)

BOOST_AUTO_TEST_CASE(a_document_loads) {
  const auto doc = parse_service_index_counts(
      document(R"(, "level": "commune", "published": {"total": 12, "progress": 0})",
               R"("PROGRESS_ON_TIME": [45, 60])"),
      "c.json", qd766_portal_methodology());
  BOOST_TEST(doc.source == "test");
  BOOST_TEST_REQUIRE(doc.units.size() == 1u);
  const UnitCounts& u = doc.units[0];
  BOOST_TEST(u.unit == "X1");
  BOOST_TEST(u.name == "Xã Một");
  BOOST_TEST(u.level == "commune");
  BOOST_TEST(u.items.size() == 21u);
  BOOST_TEST((u.items.at("PROGRESS_ON_TIME") == ItemCounts{45, 60}));
  BOOST_TEST_REQUIRE(doc.published.size() == 1u);
  BOOST_TEST(doc.published[0].scores.at("total") == 12.0);
}

BOOST_AUTO_TEST_CASE(rejections) {
  const std::string items = "$.units[0].items";
  expect(document("", R"("PROGRESS_ON_TIME": [61, 60])"), items, "PROGRESS_ON_TIME",
         "numerator 61 is larger than the denominator 60");
  expect(document("", R"("PROGRESS_ON_TIME": [-1, 60])"), items, "PROGRESS_ON_TIME",
         "-1 is negative");
  expect(document("", R"("PROGRESS_ON_TIME": [1.5, 60])"), items, "PROGRESS_ON_TIME",
         "1.5 is not a whole number");
  expect(document("", R"("PROGRESS_ON_TIME": ["1", 60])"), items, "PROGRESS_ON_TIME",
         R"(expected a whole number, got the string "1")");
  expect(document("", R"("PROGRESS_ON_TIME": [1, 60, 3])"), items, "PROGRESS_ON_TIME",
         "expected [numerator, denominator], got an array");
  expect(document("", R"("PROGRESS_ON_TIME": 0.75)"), items, "PROGRESS_ON_TIME",
         "expected [numerator, denominator], got the number 0.75");
  expect(document("", R"("PROGRESS_ON_TIME": [1, 1000000000001])"), items, "PROGRESS_ON_TIME",
         "1000000000001 is more than the limit 1000000000000");
  expect(
      document("", R"("PROGRES_ON_TIME": [1, 2])"), items, "PROGRES_ON_TIME",
      R"(is not an item of the methodology "QĐ 766/QĐ-TTg service index, national portal profile")");
  expect(document(R"(, "lvl": "x")", ""), "$.units[0]", "lvl",
         "unknown key (expected one of: unit, name, level, items, published, note, source)");
  expect(document(R"(, "published": {"totl": 1})", ""), "$.units[0].published", "totl",
         R"(is neither "total" nor a group or item of the methodology)");
  expect(R"({"units": {}})", "$", "units", "expected an array, got an object");
  expect(R"({"unit": []})", "$", "unit",
         "unknown key (expected one of: units, source, retrieved, period, note, methodology)");
  expect(R"({})", "$", "units", "is missing");
  expect(R"({"units": [{"name": "A", "items": {}}]})", "$.units[0]", "unit", "is missing");
  expect(R"({"units": [{"unit": "A", "items": []}]})", "$.units[0]", "items",
         "expected an object, got an array");
  std::string twice = document("", "");
  const auto units_end = twice.rfind(']');
  const auto first = twice.find('{', twice.find('['));
  twice.insert(units_end, ", " + twice.substr(first, units_end - first));
  expect(twice, "$.units[1]", "unit", R"(duplicate unit code "X1")");
  const DataError syntax = failure("{\"units\": [\n}");
  BOOST_TEST(syntax.location().rfind("line 2, column ", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
