// Rates: percentages of merged counts with 2 decimals, exact rounding, "n/a" for a zero
// denominator, and stable names.

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/rates.hpp>

using namespace parmetrics;

BOOST_AUTO_TEST_SUITE(rates)

BOOST_AUTO_TEST_CASE(two_decimals_rounded_half_up) {
  BOOST_TEST(Rate({1, 3}).to_string() == "33.33");  // 33.333…
  BOOST_TEST(Rate({2, 3}).to_string() == "66.67");  // 66.666…
  BOOST_TEST(Rate({1, 8}).to_string() == "12.50");
  BOOST_TEST(Rate({1, 1600}).to_string() == "0.06");  // 0.0625 → 0.06
  BOOST_TEST(Rate({1, 800}).to_string() == "0.13");   // 0.125 → 0.13 (half up, exact in integers)
  BOOST_TEST(Rate({5, 5}).to_string() == "100.00");
  BOOST_TEST(Rate({0, 7}).to_string() == "0.00");
  // The district of the primer: 7.83 % late.
  BOOST_TEST(Rate({783, 10000}).to_string() == "7.83");
  BOOST_TEST(*Rate({1, 3}).hundredths() == 3333);
  BOOST_TEST(*Rate({1, 8}).percent() == 12.5);
  // Huge counts do not overflow.
  BOOST_TEST(Rate({(1ull << 62), (1ull << 63)}).to_string() == "50.00");
}

BOOST_AUTO_TEST_CASE(zero_denominator_is_not_available) {
  const Rate r{0, 0};
  BOOST_TEST(!r.defined());
  BOOST_TEST(r.to_string() == "n/a");
  BOOST_TEST(!r.percent());
  BOOST_TEST(!r.hundredths());
  MetricCounts none;
  for (const RateInfo& info : rate_infos()) {
    BOOST_TEST_CONTEXT(info.name) {
      BOOST_TEST(rate(none, info.id).to_string() == "n/a");
    }
  }
}

BOOST_AUTO_TEST_CASE(exact_comparison) {
  // 1/3 and 3333/10000 both print 33.33, but 1/3 is the larger.
  BOOST_TEST(Rate({3333, 10000}).to_string() == "33.33");
  BOOST_TEST(compare(Rate{1, 3}, Rate{3333, 10000}) == 1);
  BOOST_TEST(compare(Rate{2, 4}, Rate{1, 2}) == 0);
  BOOST_TEST(compare(Rate{0, 4}, Rate{1, 1000}) == -1);
}

BOOST_AUTO_TEST_CASE(definitions) {
  MetricCounts c;
  c.in_scope = 200;
  c.received = 160;
  c.carried_over = 40;
  c.late = 10;
  c.overdue = 6;
  c.early = 100;
  c.on_time = 50;
  c.within_time = 30;
  c.no_appointment = 3;  // with end_unknown, the 4 not judged: 196 judged
  c.end_unknown = 1;
  c.online = 92;
  c.fee_due = 40;
  c.paid_online = 10;
  c.apology_needed = 16;
  c.apology_on_time = 2;
  c.apology_late = 2;
  c.apology_missing = 12;
  // late_rate = (late + overdue) / judged = 16 / 196 = 8.1632… %: the dossiers that could not be
  // judged (no appointment, end time unknown) are in no timeliness rate.
  BOOST_TEST(rate(c, RateId::late_rate).to_string() == "8.16");
  BOOST_TEST((rate(c, RateId::late_rate) == Rate{16, 196}));
  // on_time_rate = (early + on_time + within_time) / judged = 180 / 196 = 91.836… %.
  BOOST_TEST(rate(c, RateId::on_time_rate).to_string() == "91.84");
  BOOST_TEST((rate(c, RateId::early_rate) == Rate{100, 196}));
  BOOST_TEST((rate(c, RateId::overdue_rate) == Rate{6, 196}));
  // carried_over_rate stays over in_scope: 40 / 200.
  BOOST_TEST((rate(c, RateId::carried_over_rate) == Rate{40, 200}));
  // online_rate = online / received = 92 / 160 = 57.5 %.
  BOOST_TEST(rate(c, RateId::online_rate).to_string() == "57.50");
  BOOST_TEST((rate(c, RateId::online_rate) == Rate{92, 160}));
  // paid_online_rate = paid_online / fee_due = 10 / 40.
  BOOST_TEST(rate(c, RateId::paid_online_rate).to_string() == "25.00");
  // apology_on_time_rate = 2 / 16 = 12.5 %; apology_rate = (2 + 2) / 16 = 25 %.
  BOOST_TEST(rate(c, RateId::apology_on_time_rate).to_string() == "12.50");
  BOOST_TEST(rate(c, RateId::apology_rate).to_string() == "25.00");
  BOOST_TEST(rate(c, RateId::apology_missing_rate).to_string() == "75.00");
}

BOOST_AUTO_TEST_CASE(stable_names) {
  // Names are unique, found back, and every denominator is a count column or a sum of them.
  std::set<std::string> names, counts;
  for (const CountField& f : count_fields()) counts.insert(std::string(f.name));
  BOOST_TEST(counts.size() == count_fields().size());
  for (const RateInfo& r : rate_infos()) {
    BOOST_TEST_CONTEXT(r.name) {
      BOOST_TEST(names.insert(std::string(r.name)).second);
      BOOST_TEST((find_rate(r.name) == r.id));
      std::string_view rest = r.denominator;
      for (std::size_t plus; (plus = rest.find(" + ")) != std::string_view::npos;
           rest.remove_prefix(plus + 3))
        BOOST_TEST(counts.count(std::string(rest.substr(0, plus))) == 1u);
      BOOST_TEST(counts.count(std::string(rest)) == 1u);
      BOOST_TEST(r.name.ends_with("_rate"));
    }
  }
  BOOST_TEST(!find_rate("lateness"));
  // The names a later issue refers to.
  for (const char* n : {"late_rate", "online_rate", "on_time_rate", "apology_on_time_rate",
                        "e_result_rate", "digitised_rate", "paid_online_rate", "synced_rate"}) {
    BOOST_TEST_CONTEXT(n) {
      BOOST_TEST(find_rate(n).has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(counts_merge_by_addition) {
  MetricCounts a, b;
  a.in_scope = 3;
  a.late = 1;
  a.on_time = 2;
  a.processing_minutes = 100;
  b.in_scope = 4;
  b.overdue = 2;
  b.within_time = 2;
  b.withdrawn_excluded = 1;
  a += b;
  BOOST_TEST(a.in_scope == 7u);
  BOOST_TEST(a.late == 1u);
  BOOST_TEST(a.overdue == 2u);
  BOOST_TEST(a.processing_minutes == 100u);
  BOOST_TEST(a.withdrawn_excluded == 1u);
  // Rates come from merged counts: (1 + 2) / 7, not the mean of 1/3 and 2/4.
  BOOST_TEST(rate(a, RateId::late_rate).to_string() == "42.86");
}

BOOST_AUTO_TEST_SUITE_END()
