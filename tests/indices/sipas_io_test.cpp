// Reading SIPAS questionnaires and responses: the shipped files, RFC 4180 details, and every kind
// of bad record rejected with its file, line, field, value and reason, counts reconciling.

#include <boost/test/unit_test.hpp>

#include <string>

#include <parmetrics/error.hpp>
#include <parmetrics/indices/sipas.hpp>

using namespace parmetrics;

namespace {

const std::string kDataDir = PARMETRICS_DATA_DIR;

SipasQuestionnaire two_items() {
  return SipasQuestionnaire::parse_csv("item,element,text\nA1,A,one\nB1,B,two\n", "q.csv");
}

/// The message of the DataError that `f` throws, or "" when it throws none.
template <class F>
std::string data_error(F f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sipas_io)

BOOST_AUTO_TEST_CASE(default_service_questionnaire) {
  const auto q = SipasQuestionnaire::load_csv(kDataDir + "/sipas/questionnaire-service.csv");
  // The service part of the survey form: 4 access, 4 procedure, 5 civil servant, 3 result and
  // 3 feedback items (docs/sipas.md).
  BOOST_TEST(q.size() == 19U);
  BOOST_REQUIRE(q.elements().size() == 5U);
  const char* codes[] = {"A", "B", "C", "D", "E"};
  const std::size_t counts[] = {4, 4, 5, 3, 3};
  for (std::size_t e = 0; e < 5; ++e) {
    BOOST_TEST(q.elements()[e].code == codes[e]);
    BOOST_TEST(q.elements()[e].items.size() == counts[e]);
    BOOST_TEST(q.elements()[e].name == sipas_default_element_name(codes[e]));
  }
  BOOST_TEST(q.elements()[2].name == "Công chức trực tiếp giải quyết công việc");
  BOOST_TEST(q.items()[*q.find("C1")].text ==
             "Công chức có thái độ giao tiếp lịch sự, tôn trọng đối với người dân.");
}

BOOST_AUTO_TEST_CASE(example_responses_load_cleanly) {
  auto q = SipasQuestionnaire::load_csv(kDataDir + "/sipas/questionnaire-service.csv");
  const auto r = SipasResponses::load_csv(kDataDir + "/sipas/responses-example.csv", std::move(q));
  BOOST_TEST(r.report().rejected == 0U);
  BOOST_TEST(r.report().reconciles());
  // 3 units × 30 respondents × 19 items.
  BOOST_TEST(r.report().read == 1710U);
  BOOST_TEST(r.units().size() == 3U);
  BOOST_TEST(r.respondents().size() == 90U);
}

BOOST_AUTO_TEST_CASE(questionnaire_csv_details) {
  // BOM, CRLF, columns in another order, an extra column, a quoted text with a comma, a quote and
  // a line break, an element_name for a non-standard element, blank lines.
  const std::string text =
      "\xEF\xBB\xBFnote,text,element,item,element_name\r\n"
      "x,\"Có \"\"dấu\"\", phẩy\",A,A1,\r\n"
      "\r\n"
      "y,\"two\r\nlines\",P,P1,Chính sách\r\n"
      "z,three,P,P2,Chính sách\r\n";
  const auto q = SipasQuestionnaire::parse_csv(text, "q.csv");
  BOOST_TEST(q.size() == 3U);
  BOOST_TEST(q.items()[0].text == "Có \"dấu\", phẩy");
  BOOST_TEST(q.items()[1].text == "two\r\nlines");
  BOOST_TEST(q.elements()[0].name == "Tiếp cận dịch vụ hành chính công");
  BOOST_TEST(q.elements()[1].code == "P");
  BOOST_TEST(q.elements()[1].name == "Chính sách");
  BOOST_TEST(q.element_of(2) == 1U);
}

BOOST_AUTO_TEST_CASE(questionnaire_errors_name_file_line_and_field) {
  auto parse = [](std::string text) {
    return data_error([&] { SipasQuestionnaire::parse_csv(text, "q.csv"); });
  };
  BOOST_TEST(parse("") == "q.csv: empty file: expected a header item,element,text");
  BOOST_TEST(parse("item,text\nA1,x\n") ==
             "q.csv:1: field 'element': missing column (the header needs item,element,text)");
  BOOST_TEST(parse("item,element,text\nA1,A,x\nA1,A,y\n") ==
             "q.csv:3: field 'item': duplicate item 'A1' (first at line 2)");
  BOOST_TEST(parse("item,element,text\nA 1,A,x\n") ==
             "q.csv:2: field 'item': 'A 1' is not an item id (letters, digits, '_', '-', "
             "'.')");
  BOOST_TEST(parse("item,element,text\nA1,overall,x\n") ==
             "q.csv:2: field 'element': 'overall' is not an element code (letters, digits, "
             "'_', '-', '.'; not 'overall')");
  BOOST_TEST(parse("item,element,text\nA1,A,\n") == "q.csv:2: field 'text': empty item text");
  BOOST_TEST(parse("item,element,text\nA1,A\n") == "q.csv:2: expected 3 fields, found 2");
  BOOST_TEST(parse("item,element,text\nA1,A,\"x\"y\n") == "q.csv:2: text after a closing quote");
  BOOST_TEST(parse("item,element,text\nA1,A,\"open\n") == "q.csv:2: unterminated quoted field");
  BOOST_TEST(parse("item,element,text\n") == "q.csv: no items");
  BOOST_TEST(parse("item,element,text,element_name\nP1,P,x,One\nP2,P,y,Two\n") ==
             "q.csv:3: field 'element_name': element 'P' is already named 'One'");
  BOOST_TEST(data_error([] { SipasQuestionnaire::load_csv("/nonexistent/q.csv"); }) ==
             "/nonexistent/q.csv: cannot open the file: No such file or directory");
}

BOOST_AUTO_TEST_CASE(every_bad_response_is_rejected_and_counts_reconcile) {
  const std::string text =
      "respondent,unit,item,answer\n"
      "r1,U1,A1,5\n"        // 2 loaded
      "r1,U1,B1,\n"         // 3 loaded, no opinion
      "r2,U1,A1,6\n"        // 4 answer outside 1..5
      "r2,U1,A1,0\n"        // 5 answer outside 1..5
      "r2,U1,A1,x\n"        // 6 answer outside 1..5
      "r2,U1,Z9,4\n"        // 7 unknown item
      "r1,U1,A1,4\n"        // 8 duplicate of line 2
      "r1,U2,B1,4\n"        // 9 second unit for r1
      ",U1,A1,4\n"          // 10 empty respondent
      "r3,,A1,4\n"          // 11 empty unit
      "r3,U1,A1\n"          // 12 wrong number of fields
      "r3,U1,\"A1\"x,4\n"   // 13 malformed
      "r3,U1,A1, 4 \n"      // 14 loaded (blanks trimmed)
      "r4,\"U,2\",B1,1\n";  // 15 loaded, quoted unit with a comma
  const auto r = SipasResponses::parse_csv(text, "resp.csv", two_items());
  const SipasLoadReport& report = r.report();
  BOOST_TEST(report.read == 14U);
  BOOST_TEST(report.loaded == 4U);
  BOOST_TEST(report.no_opinion == 1U);
  BOOST_TEST(report.rejected == 10U);
  BOOST_TEST(report.reconciles());
  BOOST_REQUIRE(report.rejections.size() == 10U);
  const char* expected[] = {
      "resp.csv:4: field 'answer' = '6': answer must be 1 to 5, or empty for no opinion",
      "resp.csv:5: field 'answer' = '0': answer must be 1 to 5, or empty for no opinion",
      "resp.csv:6: field 'answer' = 'x': answer must be 1 to 5, or empty for no opinion",
      "resp.csv:7: field 'item' = 'Z9': unknown item: not in the questionnaire",
      "resp.csv:8: field 'item' = 'A1': second answer of respondent 'r1' to item 'A1' "
      "(line 2)",
      "resp.csv:9: field 'unit' = 'U2': respondent 'r1' already answered about unit 'U1' "
      "(line 2); a respondent (one survey form) answers about one unit",
      "resp.csv:10: field 'respondent' = '': empty respondent id",
      "resp.csv:11: field 'unit' = '': empty unit",
      "resp.csv:12: expected 4 fields, found 3",
      "resp.csv:13: text after a closing quote",
  };
  for (std::size_t i = 0; i < 10; ++i) {
    BOOST_TEST(report.rejections[i].to_string() == expected[i]);
  }
  BOOST_TEST(report.by_reason.at("answer outside 1..5") == 3U);
  BOOST_TEST(report.by_reason.at("duplicate answer (respondent, item)") == 1U);
  BOOST_TEST(r.units().size() == 2U);
  BOOST_TEST(r.units()[1] == "U,2");
  BOOST_TEST(r.answers().size() == 4U);
}

BOOST_AUTO_TEST_CASE(strict_loading_throws_after_reading_everything) {
  const std::string text =
      "respondent,unit,item,answer\n"
      "r1,U1,A1,5\n"
      "r2,U1,A1,7\n"
      "r3,U1,Q,4\n";
  SipasLoadOptions strict;
  strict.strict = true;
  BOOST_TEST(
      data_error([&] { SipasResponses::parse_csv(text, "resp.csv", two_items(), strict); }) ==
      "resp.csv:3: field 'answer': '7': answer must be 1 to 5, or empty for no "
      "opinion (and 1 more rejected records)");
  // Not strict: the same file loads what is valid.
  BOOST_TEST(SipasResponses::parse_csv(text, "resp.csv", two_items()).report().loaded == 1U);
}

BOOST_AUTO_TEST_CASE(response_file_errors) {
  BOOST_TEST(data_error([] { SipasResponses::parse_csv("", "resp.csv", two_items()); }) ==
             "resp.csv: empty file: expected a header respondent,unit,item,answer");
  BOOST_TEST(data_error([] {
               SipasResponses::parse_csv("respondent,unit,answer\n", "resp.csv", two_items());
             }) ==
             "resp.csv:1: field 'item': missing column (the header needs "
             "respondent,unit,item,answer)");
  // A header alone: nothing read, nothing rejected.
  const auto empty = SipasResponses::parse_csv("respondent,unit,item,answer\n", "r", two_items());
  BOOST_TEST(empty.report().read == 0U);
  BOOST_TEST(compute_sipas(empty).groups.size() == 1U);
  BOOST_TEST(!compute_sipas(empty).groups[0].overall.available);
}

BOOST_AUTO_TEST_SUITE_END()
