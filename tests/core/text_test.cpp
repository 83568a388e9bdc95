// Languages, the message catalogue and numbers as each language writes them.

#include <boost/test/unit_test.hpp>

#include <limits>
#include <string>

#include <parmetrics/error.hpp>
#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/text.hpp>

namespace parmetrics::test {

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(numbers_as_each_language_writes_them) {
  BOOST_TEST(format_count(0, Language::vi) == "0");
  BOOST_TEST(format_count(999, Language::vi) == "999");
  BOOST_TEST(format_count(3600, Language::vi) == "3.600");
  BOOST_TEST(format_count(1234567, Language::en) == "1,234,567");
  BOOST_TEST(format_count(-1234, Language::vi) == "-1.234");
  BOOST_TEST(format_hundredths(2872, Language::vi) == "28,72");
  BOOST_TEST(format_hundredths(2872, Language::en) == "28.72");
  BOOST_TEST(format_hundredths(5, Language::vi) == "0,05");
  BOOST_TEST(format_hundredths(-2089, Language::vi) == "-20,89");
  BOOST_TEST(format_hundredths(123456, Language::vi) == "1.234,56");
  BOOST_TEST(format_hundredths(123456, Language::en) == "1,234.56");
  BOOST_TEST(format_decimal(6189, 2, Language::vi) == "61,89");
  BOOST_TEST(format_decimal(-25, 2, Language::vi) == "-0,25");
  BOOST_TEST(format_decimal(8002, 4, Language::en) == "0.8002");
  BOOST_TEST(format_decimal(1234, 0, Language::vi) == "1.234");
  // The most negative 64-bit value: its magnitude 9223372036854775808 does not fit int64.
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  BOOST_TEST(format_count(kMin, Language::vi) == "-9.223.372.036.854.775.808");
  BOOST_TEST(format_count(kMin, Language::en) == "-9,223,372,036,854,775,808");
  BOOST_TEST(format_decimal(kMin, 2, Language::en) == "-92,233,720,368,547,758.08");
  // 18 decimals at most: 10^19 does not fit 64 bits.
  BOOST_TEST(format_decimal(5, 18, Language::en) == "0.000000000000000005");
  BOOST_CHECK_THROW(format_decimal(5, 19, Language::en), ArgumentError);
  BOOST_CHECK_THROW(format_decimal(5, -1, Language::en), ArgumentError);
  BOOST_TEST(format_day(days_from_civil(2023, 8, 31), Language::vi) == "31/08/2023");
  BOOST_TEST(format_day(days_from_civil(2023, 8, 31), Language::en) == "2023-08-31");
  const MinuteStamp t = to_minutes(days_from_civil(2023, 8, 31), 16 * 60 + 7);
  BOOST_TEST(format_instant(t, Language::vi) == "31/08/2023 16:07");
  BOOST_TEST(format_instant(t, Language::en) == "2023-08-31T16:07");
  BOOST_TEST((parse_language("vi") == Language::vi));
  BOOST_TEST(!parse_language("fr").has_value());
}

BOOST_AUTO_TEST_CASE(every_count_and_rate_has_its_labels) {
  const MessageCatalogue& m = MessageCatalogue::builtin();
  for (const CountField& f : count_fields()) {
    BOOST_TEST(m.contains("count." + std::string(f.name)), f.name);
  }
  for (const RateInfo& r : rate_infos()) {
    BOOST_TEST(m.contains("rate." + std::string(r.name)), r.name);
  }
  BOOST_TEST(m.text("count.within_time", Language::vi) == "Trong hạn");
  BOOST_TEST(m.text("rate.late_rate", Language::vi) == "Tỷ lệ trễ hạn");
  BOOST_TEST(m.text("count.apology_missing", Language::vi) == "Chưa xin lỗi");
  BOOST_TEST(m.text("count.carried_over", Language::vi) == "Từ kỳ trước");
  BOOST_TEST(m.placeholders("summary.online_rate") ==
                 (std::vector<std::string>{"online", "rate", "received"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(messages_filled_by_name) {
  BOOST_TEST(
      message("targets.summary", Language::vi, {{"met", "3"}, {"not_met", "1"}, {"na", "0"}}) ==
      "3 đạt, 1 không đạt, 0 không áp dụng");
  BOOST_TEST(
      message("targets.summary", Language::en, {{"na", "0"}, {"met", "3"}, {"not_met", "1"}}) ==
      "3 met, 1 not met, 0 not applicable");
  BOOST_CHECK_THROW(message("targets.summary", Language::en, {{"met", "3"}}), Error);
}

BOOST_AUTO_TEST_CASE(a_bad_catalogue_says_where) {
  const auto fails = [](const std::string& json, const std::string& where,
                        const std::string& reason) {
    try {
      MessageCatalogue::parse(json, "m.json");
    } catch (const DataError& e) {
      BOOST_TEST(e.origin() == "m.json");
      BOOST_TEST(e.location() == where);
      BOOST_TEST(e.reason() == reason);
      return;
    }
    BOOST_FAIL("no error for " << json);
  };
  const std::string head = R"({"format": "parmetrics-messages", "format_version": 1, )";
  fails(R"({"format": "x", "format_version": 1, "messages": {}})", "$.format",
        "not \"parmetrics-messages\"");
  fails(head + R"("messages": {"a": {"vi": "A"}}})", "$.messages[\"a\"]", "no text in \"en\"");
  fails(head + R"("messages": {"a": {"vi": "{x} A", "en": "{y} A"}}})", "$.messages[\"a\"]",
        "the placeholders of \"en\" differ from those of \"vi\"");
  fails(head + R"("messages": {"a": {"vi": "A", "en": "A", "fr": "A"}}})", "$.messages[\"a\"]",
        "\"fr\" is not vi or en");
  fails(head + R"("messages": []})", "$.messages", "not an object of messages");
  const MessageCatalogue ok =
      MessageCatalogue::parse(head + R"("messages": {"a": {"vi": "{{x}} A", "en": "B"}}})", "m");
  BOOST_TEST(ok.text("a", Language::en) == "B");
  BOOST_CHECK_THROW(ok.text("b", Language::en), Error);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test
