// The report's summary in sentences and the comparison with an earlier period, on a province whose
// every figure is computed here by hand, in both languages.
//
// Units (metrics_support.hpp): P ─ D ─ {C1, C2}, P ─ S (department), N (commune, no dossier).
// March–April 2024, as of 2024-05-01 00:00; appointments recorded.
//   m1 C1 online 03-04 08:00, due 03-06 08:00, ended 03-05 08:00  early; digitised, e-result, VNeID
//   m2 C1 direct 03-04 09:00, due 03-05 09:00, ended 03-06 09:00  late; no apology
//   m3 C2 direct 03-05 08:00, due 03-07 08:00, ended 03-07 07:00  on time; digitised
//   m4 S  direct 03-05 08:00, due 03-06 08:00, ended 03-08        late; apology 03-05: on time
//   a1 C1 online 04-01 08:00, due 04-03 08:00, ended 04-02 08:00  early; VNeID
//   a2 C2 direct 04-02 08:00, due 04-04 08:00, ended 04-04 08:00  on time
//   a3 D  online 04-08 08:00, due 04-10 08:00, pending            overdue; no apology
//   a4 C2 direct 04-25 08:00, due 05-06 08:00, pending            within time
// January–February 2024, as of 2024-03-01 00:00 (the previous period of two whole months):
//   j1 C1 direct 01-08 08:00, due 01-09 08:00, ended 01-10 08:00   late
//   j2 C2 direct 02-05 08:00, due 02-07 08:00, ended 02-06 08:00   early
// Now: received 8 (online 3, direct 5), resolved 6, pending 2; judged 8, late 2 + overdue 1 →
// late rate 3/8 = 37.50 %, online 3/8 = 37.50 %; apologies needed 3 (m2, m4, a3): on time 1,
// missing 2 → 2/3 = 66.67 %; digitised 2/8 = 25.00 %, e-result 1/8 = 12.50 %, VNeID 2/8 = 25.00 %.
// By month: March late 2/4 = 50.00 %, online 1/4 = 25.00 %; April late 1/4 = 25.00 %, online 2/4
// = 50.00 %. Then: late 1/2 = 50.00 %, online 0/2 = 0.00 % → changes −12.50 and +37.50 points.
// Units, subtree online rates: P 3/8 = 37.50, D 3/7 = 42.86, C1 2/3 = 66.67, C2 0/3, S 0/1: C2 and
// S are below P and have no online dossier. Communes by late rate: C2 0/3 = 0.00, C1 1/3 = 33.33.

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/metrics/report_context.hpp>
#include <parmetrics/metrics/report_format.hpp>
#include <parmetrics/metrics/report_summary.hpp>

#include "metrics/metrics_support.hpp"

namespace parmetrics::test {
namespace {

struct Spring {
  Province p = province_units();
  WorkingCalendar calendar;

  void add(std::string code, UnitId u, MinuteStamp r, MinuteStamp due,
           std::optional<MinuteStamp> end, Channel ch, std::uint8_t flags = 0,
           std::vector<Apology> apologies = {}) {
    Dossier d = dossier(std::move(code), u, r, due, end, ch);
    d.flags = flags;
    d.apologies = std::move(apologies);
    p.store.append(d);
  }

  Spring() {
    using namespace dossier_flag;
    add("j1", p.C1, at(2024, 1, 8, 8, 0), at(2024, 1, 9, 8, 0), at(2024, 1, 10, 8, 0),
        Channel::direct);
    add("j2", p.C2, at(2024, 2, 5, 8, 0), at(2024, 2, 7, 8, 0), at(2024, 2, 6, 8, 0),
        Channel::direct);
    add("m1", p.C1, at(2024, 3, 4, 8, 0), at(2024, 3, 6, 8, 0), at(2024, 3, 5, 8, 0),
        Channel::online, digitised | e_result | vneid);
    add("m2", p.C1, at(2024, 3, 4, 9, 0), at(2024, 3, 5, 9, 0), at(2024, 3, 6, 9, 0),
        Channel::direct);
    add("m3", p.C2, at(2024, 3, 5, 8, 0), at(2024, 3, 7, 8, 0), at(2024, 3, 7, 7, 0),
        Channel::direct, digitised);
    add("m4", p.S, at(2024, 3, 5, 8, 0), at(2024, 3, 6, 8, 0), at(2024, 3, 8, 8, 0),
        Channel::direct, 0, {{at(2024, 3, 5, 9, 0), std::nullopt, false}});
    add("a1", p.C1, at(2024, 4, 1, 8, 0), at(2024, 4, 3, 8, 0), at(2024, 4, 2, 8, 0),
        Channel::online, vneid);
    add("a2", p.C2, at(2024, 4, 2, 8, 0), at(2024, 4, 4, 8, 0), at(2024, 4, 4, 8, 0),
        Channel::direct);
    add("a3", p.D, at(2024, 4, 8, 8, 0), at(2024, 4, 10, 8, 0), std::nullopt, Channel::online);
    add("a4", p.C2, at(2024, 4, 25, 8, 0), at(2024, 5, 6, 8, 0), std::nullopt, Channel::direct);
  }

  Report report() const {
    ReportOptions o;
    o.period = ReportPeriod::of(day(2024, 3, 1), day(2024, 4, 30));
    return compute_report(p.store, p.units, p.procedures, calendar, o);
  }
  ReportContext context(const Report& r, bool compared = true) const {
    std::optional<ReportPeriod> earlier;
    if (compared) earlier = earlier_period(r.options.period, CompareTo::previous);
    return compute_report_context(p.store, p.units, p.procedures, calendar, r, earlier, true);
  }
};

using S = std::vector<std::string>;

/// The report of `p` by unit over [from, to] and its context (months; an earlier period if asked).
struct Reported {
  Report report;
  ReportContext context;
};

Reported reported(const Province& p, DayNumber from, DayNumber to, bool compared = false) {
  const WorkingCalendar calendar;
  ReportOptions o;
  o.period = ReportPeriod::of(from, to);
  Reported r{compute_report(p.store, p.units, p.procedures, calendar, o), {}};
  std::optional<ReportPeriod> earlier;
  if (compared) earlier = earlier_period(o.period, CompareTo::previous);
  r.context =
      compute_report_context(p.store, p.units, p.procedures, calendar, r.report, earlier, true);
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_summary)

BOOST_AUTO_TEST_CASE(facts_of_the_spring) {
  const Spring s;
  const Report r = s.report();
  const ReportSummary f = summarize(r, s.context(r));
  BOOST_TEST(f.late.now.numerator == 3u);
  BOOST_TEST(f.late.now.denominator == 8u);
  BOOST_TEST(*f.late.first_month->hundredths() == 5000);
  BOOST_TEST(*f.late.last_month->hundredths() == 2500);
  BOOST_TEST(f.late.first_month_day == day(2024, 3, 1));
  BOOST_TEST(*f.late.then->hundredths() == 5000);
  BOOST_TEST(*f.online.then->hundredths() == 0);
  BOOST_TEST(f.then->from == day(2024, 1, 1));
  BOOST_TEST(f.then->to == day(2024, 2, 29));
  BOOST_TEST_REQUIRE(f.province.has_value());
  BOOST_TEST(f.province->code == "P");
  BOOST_TEST_REQUIRE(f.below_province.size() == 2u);
  BOOST_TEST(f.below_province[0].code == "C2");
  BOOST_TEST(f.below_province[1].code == "S");
  BOOST_TEST(f.rank_level == "commune");
  // Two communes: each is named once, the lower among the lowest, the higher among the highest.
  BOOST_TEST_REQUIRE(f.lowest.size() == 1u);
  BOOST_TEST_REQUIRE(f.highest.size() == 1u);
  BOOST_TEST(f.lowest[0].code == "C2");
  BOOST_TEST(f.highest[0].code == "C1");
}

BOOST_AUTO_TEST_CASE(every_sentence_in_vietnamese) {
  const Spring s;
  const Report r = s.report();
  const S got = summary_sentences(summarize(r, s.context(r)), Language::vi);
  const S want = {
      "Từ ngày 01/03/2024 đến ngày 30/04/2024 tiếp nhận 8 hồ sơ (trực tuyến 3, trực tiếp 5, bưu "
      "chính 0), từ kỳ trước chuyển sang 0; đã giải quyết 6, đang giải quyết 2.",
      "Tỷ lệ hồ sơ trễ hẹn là 37,50\u00a0% (2 hồ sơ giải quyết trễ hạn và 1 hồ sơ đang quá hạn "
      "trên 8 hồ sơ).",
      "Tỷ lệ hồ sơ trễ hẹn giảm từ 50,00\u00a0% (tháng 03/2024) xuống 25,00\u00a0% (tháng "
      "04/2024).",
      "So với kỳ từ ngày 01/01/2024 đến ngày 29/02/2024, tỷ lệ hồ sơ trễ hẹn giảm từ 50,00\u00a0% "
      "xuống 37,50\u00a0% (giảm 12,50 điểm phần trăm).",
      "Tỷ lệ hồ sơ trực tuyến là 37,50\u00a0% (3 trên 8 hồ sơ tiếp nhận).",
      "Tỷ lệ hồ sơ trực tuyến tăng từ 25,00\u00a0% (tháng 03/2024) lên 50,00\u00a0% (tháng "
      "04/2024).",
      "So với kỳ từ ngày 01/01/2024 đến ngày 29/02/2024, tỷ lệ hồ sơ trực tuyến tăng từ "
      "0,00\u00a0% lên 37,50\u00a0% (tăng 37,50 điểm phần trăm).",
      "2 đơn vị có tỷ lệ hồ sơ trực tuyến thấp hơn mức chung của Unit P (37,50\u00a0%): Unit C2 "
      "0,00\u00a0%, Unit S 0,00\u00a0%.",
      "Đơn vị không phát sinh hồ sơ trực tuyến: Unit C2, Unit S.",
      "2/3 hồ sơ trễ hạn, quá hạn chưa có văn bản xin lỗi (66,67\u00a0%); 1 hồ sơ xin lỗi đúng "
      "hạn, 0 hồ sơ xin lỗi muộn.",
      "Số hóa: 25,00\u00a0% hồ sơ có thành phần được số hóa, 12,50\u00a0% có kết quả điện tử, "
      "0,00\u00a0% tái sử dụng dữ liệu số hóa, 0,00\u00a0% lấy dữ liệu từ kho, 25,00\u00a0% xác "
      "thực bằng VNeID.",
      "Tỷ lệ trễ hạn thấp nhất trong các xã: Unit C2 0,00\u00a0%; cao nhất: Unit C1 "
      "33,33\u00a0%."};
  BOOST_TEST(got == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_sentence_in_english) {
  const Spring s;
  const Report r = s.report();
  const S got = summary_sentences(summarize(r, s.context(r)), Language::en);
  const S want = {
      "From 2024-03-01 to 2024-04-30, 8 dossiers were received (3 online, 5 direct, 0 by post) "
      "and 0 carried over; 6 were resolved and 2 are pending.",
      "The late rate is 37.50\u00a0% (2 dossiers resolved late and 1 overdue, of 8).",
      "The late rate fell from 50.00\u00a0% in 2024-03 to 25.00\u00a0% in 2024-04.",
      "Compared with 2024-01-01 to 2024-02-29, the late rate fell from 50.00\u00a0% to "
      "37.50\u00a0% (down 12.50 percentage points).",
      "The online rate is 37.50\u00a0% (3 of 8 dossiers received).",
      "The online rate rose from 25.00\u00a0% in 2024-03 to 50.00\u00a0% in 2024-04.",
      "Compared with 2024-01-01 to 2024-02-29, the online rate rose from 0.00\u00a0% to "
      "37.50\u00a0% (up 37.50 percentage points).",
      "2 units are below the online rate of Unit P (37.50\u00a0%): Unit C2 0.00\u00a0%, Unit S "
      "0.00\u00a0%.",
      "Units with no online dossier: Unit C2, Unit S.",
      "2 of 3 late or overdue dossiers have no apology (66.67\u00a0%); apologised for on time: 1, "
      "late: 0.",
      "Digitisation: 25.00\u00a0% of dossiers had components digitised, 12.50\u00a0% an "
      "electronic result, 0.00\u00a0% reused digitised data, 0.00\u00a0% took data from the data "
      "store, 25.00\u00a0% were VNeID-verified.",
      "Late rate, lowest among communes: Unit C2 0.00\u00a0%; highest: Unit C1 33.33\u00a0%."};
  BOOST_TEST(got == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_comparison_no_trend_no_apology) {
  // One month, nothing late: no trend (one month), no comparison, no apology needed.
  const Spring s;
  ReportOptions o;
  o.period = ReportPeriod::of(day(2024, 2, 1), day(2024, 2, 29));
  const Report r = compute_report(s.p.store, s.p.units, s.p.procedures, s.calendar, o);
  const ReportContext c =
      compute_report_context(s.p.store, s.p.units, s.p.procedures, s.calendar, r, {}, true);
  BOOST_TEST(!c.monthly.has_value());
  const S got = summary_sentences(summarize(r, c), Language::vi);
  BOOST_TEST(std::count(got.begin(), got.end(), "Không có hồ sơ nào phải xin lỗi.") == 1);
  for (const std::string& line : got) {
    BOOST_TEST(line.find("theo tháng") == std::string::npos, line);
    BOOST_TEST(line.find("So với") == std::string::npos, line);
  }
}

BOOST_AUTO_TEST_CASE(earlier_periods) {
  const auto of = [](DayNumber a, DayNumber b) { return ReportPeriod::of(a, b); };
  struct Case {
    DayNumber from, to;
    CompareTo how;
    DayNumber earlier_from, earlier_to;
  };
  const Case cases[] = {
      // Whole months: the same number of months before (a month, a quarter).
      {day(2023, 8, 1), day(2023, 8, 31), CompareTo::previous, day(2023, 7, 1), day(2023, 7, 31)},
      {day(2024, 1, 1), day(2024, 3, 31), CompareTo::previous, day(2023, 10, 1), day(2023, 12, 31)},
      // Any other span: as many days just before.
      {day(2023, 8, 10), day(2023, 8, 19), CompareTo::previous, day(2023, 7, 31), day(2023, 8, 9)},
      // A year earlier: whole months are the same whole months, in both directions of a leap
      // year; other spans the same days, 29 February becoming the 28th.
      {day(2024, 2, 1), day(2024, 2, 29), CompareTo::last_year, day(2023, 2, 1), day(2023, 2, 28)},
      {day(2025, 2, 1), day(2025, 2, 28), CompareTo::last_year, day(2024, 2, 1), day(2024, 2, 29)},
      {day(2024, 2, 10), day(2024, 2, 29), CompareTo::last_year, day(2023, 2, 10),
       day(2023, 2, 28)},
  };
  for (const Case& c : cases) {
    const ReportPeriod e = earlier_period(of(c.from, c.to), c.how);
    BOOST_TEST(e.from == c.earlier_from);
    BOOST_TEST(e.to == c.earlier_to);
    BOOST_TEST(e.as_of == to_minutes(c.earlier_to + 1));  // as of its own end
  }
  const ReportPeriod now = of(day(2023, 8, 1), day(2023, 8, 31));
  BOOST_TEST(parse_compare_to("2023-01-01..2023-01-31", now)->to == day(2023, 1, 31));
  // Outside the calendar's range (from 1900-01-01), as --from and --to would be refused.
  BOOST_TEST(!parse_compare_to("1899-12-01..1899-12-31", now).has_value());
  BOOST_TEST(!parse_compare_to("last-year", of(day(1900, 1, 1), day(1900, 1, 31))).has_value());
  BOOST_TEST(!parse_compare_to("2023-02-01..2023-01-31", now).has_value());
  BOOST_TEST(!parse_compare_to("yesterday", now).has_value());
}

BOOST_AUTO_TEST_CASE(steady_rates_are_said_to_be_unchanged) {
  // C1 only, every dossier direct: January one late (due 01-09, ended 01-10) and one early;
  // March and April the same. Late rate 1/2 = 50,00 % in each month and in January–February;
  // online rate 0/2 = 0,00 % throughout, so no unit is below the province's.
  Province p = province_units();
  const auto pair = [&](int month, int first_day) {
    const auto d = static_cast<unsigned>(first_day);
    const auto m = static_cast<unsigned>(month);
    p.store.append(dossier("late" + std::to_string(month), p.C1, at(2024, m, d, 8, 0),
                           at(2024, m, d + 1, 8, 0), at(2024, m, d + 2, 8, 0), Channel::direct));
    p.store.append(dossier("early" + std::to_string(month), p.C1, at(2024, m, d, 9, 0),
                           at(2024, m, d + 2, 9, 0), at(2024, m, d + 1, 9, 0), Channel::direct));
  };
  pair(1, 8);  // Monday 8 January 2024
  pair(3, 4);  // Monday 4 March
  pair(4, 1);  // Monday 1 April
  const auto [r, c] = reported(p, day(2024, 3, 1), day(2024, 4, 30), true);
  const S vi = summary_sentences(summarize(r, c), Language::vi);
  const S en = summary_sentences(summarize(r, c), Language::en);
  const auto has = [](const S& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  BOOST_TEST(has(vi, "Tỷ lệ hồ sơ trễ hẹn tháng 04/2024 bằng tháng 03/2024: 50,00\u00a0%."));
  BOOST_TEST(has(vi,
                 "So với kỳ từ ngày 01/01/2024 đến ngày 29/02/2024, tỷ lệ hồ sơ trễ hẹn không "
                 "đổi (50,00\u00a0%)."));
  BOOST_TEST(has(vi,
                 "Không đơn vị nào có tỷ lệ hồ sơ trực tuyến thấp hơn mức chung của Unit P "
                 "(0,00\u00a0%)."));
  BOOST_TEST(has(en, "The late rate was 50.00\u00a0% in 2024-04, as in 2024-03."));
  BOOST_TEST(has(en,
                 "Compared with 2024-01-01 to 2024-02-29, the late rate is unchanged "
                 "(50.00\u00a0%)."));
  BOOST_TEST(has(en, "No unit is below the online rate of Unit P (0.00\u00a0%)."));
}

BOOST_AUTO_TEST_CASE(a_period_with_nothing_in_it) {
  // No dossier at all: the scope in zeros, no rate to tell, no unit to rank or to compare.
  const auto [r, c] = reported(province_units(), day(2024, 3, 1), day(2024, 3, 31));
  BOOST_TEST(summary_sentences(summarize(r, c), Language::vi) ==
                 (S{"Từ ngày 01/03/2024 đến ngày 31/03/2024 tiếp nhận 0 hồ sơ (trực tuyến 0, trực "
                    "tiếp 0, bưu chính 0), từ kỳ trước chuyển sang 0; đã giải quyết 0, đang giải "
                    "quyết 0.",
                    "Không có hồ sơ nào đánh giá được tiến độ.",
                    "Không tiếp nhận hồ sơ nào trong kỳ.", "Không có hồ sơ nào phải xin lỗi."}),
             boost::test_tools::per_element());
  const S en = summary_sentences(summarize(r, c), Language::en);
  BOOST_TEST_REQUIRE(en.size() == 4u);
  BOOST_TEST(en[1] == "No dossier could be judged for timeliness.");
  BOOST_TEST(en[2] == "No dossier was received in the period.");
}

BOOST_AUTO_TEST_CASE(changes_in_every_machine_format) {
  const Spring s;
  const Report r = s.report();
  const ReportContext c = s.context(r, true);
  std::ostringstream csv, json;
  write_report(csv, r, ReportFormat::csv, {}, c);
  write_report(json, r, ReportFormat::json, {}, c);
  const std::string header = csv.str().substr(0, csv.str().find('\n'));
  BOOST_TEST(header.find(",late_rate_then,late_rate_change_pp,") != std::string::npos);
  // The total: late 50.00 then, −12.50 points; online 0.00 then, +37.50.
  const std::string total = csv.str().substr(csv.str().find("\ntotal,") + 1);
  BOOST_TEST(total.find(",50.00,-12.50,") != std::string::npos, total);
  BOOST_TEST(total.find(",0.00,37.50,") != std::string::npos, total);
  BOOST_TEST(json.str().find("\"compare_to\": {\n    \"from\": \"2024-01-01\"") !=
             std::string::npos);
  BOOST_TEST(json.str().find("\"late_rate\": -12.5") != std::string::npos);
  // People's formats: the comparison table with then, now and the change.
  std::ostringstream table;
  ReportFormatOptions o;
  o.language = Language::vi;
  write_report(table, r, ReportFormat::table, o, c);
  BOOST_TEST(table.str().find("So sánh với kỳ từ ngày 01/01/2024 đến ngày 29/02/2024") !=
             std::string::npos);
  const std::string t = table.str();
  const std::size_t last = t.find("Tổng cộng", t.find("So sánh"));
  BOOST_TEST_REQUIRE(last != std::string::npos);
  std::istringstream line(t.substr(last, t.find('\n', last) - last));
  S words;
  for (std::string w; line >> w;) words.push_back(w);
  // Late 50,00 → 37,50 (−12,50), online 0,00 → 37,50 (+37,50).
  BOOST_TEST(words == (S{"Tổng", "cộng", "50,00", "37,50", "-12,50", "0,00", "37,50", "+37,50"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report_for_people)

namespace {

std::size_t columns_of(const std::string& line) {
  std::size_t n = 0;
  for (const char c : line) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string written(const Report& r, ReportFormat f, Language l, const ReportContext& c) {
  ReportFormatOptions o;
  o.language = l;
  std::ostringstream out;
  write_report(out, r, f, o, c);
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_table_fits_120_columns_in_both_languages) {
  const Spring s;
  const Report r = s.report();
  const ReportContext c = s.context(r);
  for (const Language l : {Language::vi, Language::en}) {
    for (const std::string& line : lines_of(written(r, ReportFormat::table, l, c))) {
      BOOST_TEST(columns_of(line) <= 120u, line);
    }
  }
  const std::string vi = written(r, ReportFormat::table, Language::vi, c);
  // The labels as officials write them, the name beside the code, numbers with a decimal comma.
  for (const char* label : {"Đơn vị", "Mã", "Trực", "tuyến", "Trước", "Đúng", "Trễ", "Trong", "Quá",
                            "Tỷ lệ", "Chưa", "Tổng cộng", "Tóm tắt"}) {
    BOOST_TEST(vi.find(label) != std::string::npos, label);
  }
  BOOST_TEST(vi.find("Unit C2 (C2)") != std::string::npos);
  BOOST_TEST(vi.find("37,50") != std::string::npos);
  const std::string en = written(r, ReportFormat::table, Language::en, c);
  BOOST_TEST(en.find("Summary") != std::string::npos);
  BOOST_TEST(en.find("Units without an online dossier: Unit C2 (C2), Unit S (S)") !=
             std::string::npos);
  BOOST_TEST(en.find("37.50") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(columns_chosen) {
  const Spring s;
  const Report r = s.report();
  ReportFormatOptions o;
  o.columns = {"received", "digitised_rate"};
  o.summary = false;
  std::ostringstream out;
  write_report(out, r, ReportFormat::markdown, o, {});
  const std::string md = out.str();
  BOOST_TEST(md.find("| Unit | Code | Received | Digitised rate |") != std::string::npos, md);
  BOOST_TEST(md.find("| **Total** |  | **8** | **25.00** |") != std::string::npos, md);
  BOOST_TEST(md.find("Summary") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(html_is_one_file_and_every_chart_has_its_table) {
  const Spring s;
  const Report r = s.report();
  const std::string html = written(r, ReportFormat::html, Language::vi, s.context(r));
  BOOST_TEST(html.starts_with("<!DOCTYPE html>"));
  BOOST_TEST(html.find("<html lang=\"vi\">") != std::string::npos);
  BOOST_TEST(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  // Nothing from elsewhere: no script, no link, no source, no address but the SVG namespace.
  for (const char* banned : {"<script", "<link", " src=", "href=", "url(", "@import"}) {
    BOOST_TEST(html.find(banned) == std::string::npos, banned);
  }
  std::size_t at = 0, addresses = 0;
  while ((at = html.find("://", at)) != std::string::npos) {
    at -= std::min<std::size_t>(at, 4);
    BOOST_TEST(html.compare(at, 26, "http://www.w3.org/2000/svg") == 0, html.substr(at, 40));
    ++addresses;
    at += 8;
  }
  // Five charts (months, late and online rankings, apologies, digitisation), each a figure with
  // an SVG and the table of its figures.
  std::size_t figures = 0;
  at = 0;
  while ((at = html.find("<figure>", at)) != std::string::npos) {
    const std::size_t end = html.find("</figure>", at);
    const std::string figure = html.substr(at, end - at);
    BOOST_TEST(figure.find("<svg") != std::string::npos);
    BOOST_TEST(figure.find("<title>") != std::string::npos);
    BOOST_TEST(figure.find("<table>") != std::string::npos);
    ++figures;
    at = end;
  }
  BOOST_TEST(figures == 5u);
  BOOST_TEST(addresses == figures);
  // The monthly chart's table: March 50,00 and 25,00, April 25,00 and 50,00.
  BOOST_TEST(html.find("<td>03/2024</td><td class=\"n\">50,00</td><td class=\"n\">25,00</td>") !=
             std::string::npos);
  // The summary and the page's size for print.
  BOOST_TEST(html.find("Tỷ lệ hồ sơ trễ hẹn là 37,50") != std::string::npos);
  BOOST_TEST(html.find("size: A4 landscape") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(html_escapes_what_units_are_named) {
  // A unit's name is data: whatever it holds is shown as text, never read as markup.
  Province p;
  Unit province = unit("P", "province", "");
  province.name = "Tỉnh <b>A</b> & \"B\"";
  p.P = p.units.add(province);
  p.C1 = p.units.add(unit("C1", "commune", "P"));
  p.units.resolve();
  Procedure pr;
  pr.code = "PR1";
  pr.name = "Procedure PR1";
  pr.duration = StatutoryTime::working_days(3);
  p.PR1 = p.procedures.add(pr);
  Dossier d = dossier("x", p.C1, at(2024, 3, 4, 8, 0), at(2024, 3, 6, 8, 0), at(2024, 3, 5, 8, 0),
                      Channel::online);
  p.store.append(d);
  const auto [r, c] = reported(p, day(2024, 3, 1), day(2024, 4, 30));
  const std::string html = written(r, ReportFormat::html, Language::vi, c);
  BOOST_TEST(html.find("<b>") == std::string::npos);
  BOOST_TEST(html.find("\"B\"") == std::string::npos);
  BOOST_TEST(html.find("Tỉnh &lt;b&gt;A&lt;/b&gt; &amp; &quot;B&quot;") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test
