// Directive targets: the file, the periods, and met / not met against numbers and against the
// parent's and the province's values, worked out by hand from the counts.

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/indices/target.hpp>
#include <parmetrics/indices/target_check.hpp>

namespace {

using namespace parmetrics;

// Province P → district D → land office L (branch) and communes C1, C2, C3; C3 ceased to exist
// on 2023-06-30 (merged).
Unit unit(const char* code, const char* name, const char* level, const char* parent) {
  Unit u;
  u.code = code;
  u.name = name;
  u.level = level;
  u.parent = parent;
  return u;
}

UnitRegistry registry() {
  UnitRegistry r;
  r.add(unit("P", "Tỉnh", "province", ""));
  r.add(unit("D", "Huyện", "district", "P"));
  r.add(unit("L", "Chi nhánh VPĐKĐĐ", "branch", "D"));
  r.add(unit("C1", "Xã 1", "commune", "D"));
  r.add(unit("C2", "Xã 2", "commune", "D"));
  Unit c3 = unit("C3", "Xã 3", "commune", "D");
  c3.valid_to = days_from_civil(2023, 6, 30);
  r.add(c3);
  r.resolve();
  return r;
}

MetricTable table(bool with_province = true, bool with_total = true) {
  MetricTable t;
  t.declare("online_rate", MetricKind::rate, "dossiers");
  t.declare("online", MetricKind::count, "dossiers");
  t.declare("apology_rate", MetricKind::rate, "dossiers");
  if (with_province) t.set("P", "online_rate", 577, 1000);      // 57.70%
  if (with_total) t.set(kTotalUnit, "online_rate", 600, 1000);  // 60.00%
  t.set("D", "online_rate", 40, 80);                            // 50.00%
  t.set("L", "online_rate", 30, 100);                           // 30.00%
  t.set("C1", "online_rate", 60, 100);                          // 60.00%
  t.set("C2", "online_rate", 40, 80);                           // 50.00%
  t.set("C3", "online_rate", 0, 20);                            // 0.00%
  t.set("C1", "online", 60);
  t.set("C2", "online", 40);
  t.set("C3", "online", 0);
  t.set("C1", "apology_rate", 0, 0);  // no late dossier
  t.set("C2", "apology_rate", 2, 4);
  return t;
}

const char* const kTargets =
    "id,unit,level,metric,comparison,value,period,when_empty,text\n"
    "land,L,,online_rate,>=,province,2023-09,,không thấp hơn mặt bằng chung của tỉnh\n"
    "land-parent,L,,online_rate,≥,parent,,,\n"
    "communes-parent,,commune,online_rate,>=,parent,2023,,\n"
    "communes-online,,commune,online,>=,1,2023-Q3,,mọi xã phải có hồ sơ trực tuyến\n"
    "apology,,commune,apology_rate,=,100,2023,met,xin lỗi mọi hồ sơ trễ hạn\n"
    "exact,C1,,online_rate,<=,60,,,\n"
    "above,C2,,online_rate,>,parent,,,\n";

struct Run {
  std::vector<TargetCheck> checks;
  std::vector<std::string> periods;  // labels the metrics were asked for ("" = the run's)
};

Run run(const std::string& text, const UnitRegistry* units, const MetricTable& t) {
  const TargetList list = TargetList::parse_csv(text, "targets.csv");
  Run r;
  r.checks =
      check_targets(list, units, [&](const std::optional<TargetPeriod>& p) -> const MetricTable& {
        r.periods.push_back(p ? p->label : "");
        return t;
      });
  return r;
}

const TargetCheck& find(const Run& r, std::size_t target, const std::string& unit) {
  for (const TargetCheck& c : r.checks) {
    if (c.target == target && c.unit == unit) return c;
  }
  BOOST_FAIL("no check of target " << target << " for " << unit);
  return r.checks.front();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(targets)

BOOST_AUTO_TEST_CASE(periods) {
  const auto p = [](const char* text) { return TargetPeriod::parse(text); };
  BOOST_TEST(p("2023")->from == days_from_civil(2023, 1, 1));
  BOOST_TEST(p("2023")->to == days_from_civil(2023, 12, 31));
  BOOST_TEST(p("2023-09")->from == days_from_civil(2023, 9, 1));
  BOOST_TEST(p("2023-09")->to == days_from_civil(2023, 9, 30));
  BOOST_TEST(p("2024-02")->to == days_from_civil(2024, 2, 29));  // leap year
  BOOST_TEST(p("2023-Q3")->from == days_from_civil(2023, 7, 1));
  BOOST_TEST(p("2023-Q3")->to == days_from_civil(2023, 9, 30));
  BOOST_TEST(p("2023-Q4")->to == days_from_civil(2023, 12, 31));
  BOOST_TEST(p("2023-08-15..2023-09-14")->from == days_from_civil(2023, 8, 15));
  BOOST_TEST(p("2023-08-15..2023-09-14")->to == days_from_civil(2023, 9, 14));
  BOOST_TEST(p("2023-08-31")->from == p("2023-08-31")->to);
  BOOST_TEST(p("2023-09")->label == "2023-09");
  for (const char* bad : {"", "23", "2023-13", "2023-Q5", "2023-Q0", "2023-9", "2023/09",
                          "2023-09-10..2023-09-01", "1899", "2200-01", "2023-02-30"}) {
    BOOST_TEST(!p(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(against_numbers_parents_and_the_province) {
  const UnitRegistry units = registry();
  const MetricTable t = table();
  const Run r = run(kTargets, &units, t);

  // 0 land: L 30/100 = 30% against the province P (the ancestor of level "province") 577/1000 =
  // 57.70%: 30 < 57.7, not met.
  const TargetCheck& land = find(r, 0, "L");
  BOOST_TEST(to_string(land.status) == "not_met");
  BOOST_TEST(land.reference_unit == "P");
  BOOST_TEST(land.reference->numerator == 577.0);
  BOOST_TEST(land.unit_name == "Chi nhánh VPĐKĐĐ");
  BOOST_TEST(land.explanation ==
             "online_rate 30.00% (30/100) < province P 57.70% (577/1000) (target >= province)");
  // 1 land-parent: against D 40/80 = 50%: not met.
  BOOST_TEST(to_string(find(r, 1, "L").status) == "not_met");
  BOOST_TEST(find(r, 1, "L").reference_unit == "D");
  // 2 communes-parent over 2023: C1, C2 and C3 (C3 existed until June). C1 60% ≥ 50% met;
  // C2 40/80 = 50% equals the parent's 40/80 (40·80 = 40·80): ≥ holds, met; C3 0% not met.
  BOOST_TEST(to_string(find(r, 2, "C1").status) == "met");
  BOOST_TEST(to_string(find(r, 2, "C2").status) == "met");
  BOOST_TEST(to_string(find(r, 2, "C3").status) == "not_met");
  // 3 communes-online over 2023-Q3: C3 no longer exists; C1 has 60 online dossiers, C2 40.
  BOOST_TEST(to_string(find(r, 3, "C1").status) == "met");
  BOOST_TEST(to_string(find(r, 3, "C2").status) == "met");
  BOOST_TEST(find(r, 3, "C1").explanation == "online 60 > 1 (target >= 1)");
  // 4 apology = 100%, when_empty met: C1 had no late dossier (0/0) → met; C2 2/4 = 50% ≠ 100%
  // → not met; C3 has no value at all → read as 0/0 → met.
  BOOST_TEST(to_string(find(r, 4, "C1").status) == "met");
  BOOST_TEST(find(r, 4, "C1").explanation ==
             "apology_rate n/a (0/0): no event → when_empty met (target = 100%)");
  BOOST_TEST(to_string(find(r, 4, "C2").status) == "not_met");
  BOOST_TEST(to_string(find(r, 4, "C3").status) == "met");
  BOOST_TEST(!find(r, 4, "C3").actual_given);
  // 5 exact: C1 60/100 ≤ 60%: 100·60·1 = 6000 = 60·100, equal, met.
  BOOST_TEST(to_string(find(r, 5, "C1").status) == "met");
  // 6 above: C2 50% > parent 50%? equal, not met.
  BOOST_TEST(to_string(find(r, 6, "C2").status) == "not_met");
  BOOST_TEST(find(r, 6, "C2").explanation ==
             "online_rate 50.00% (40/80) = parent D 50.00% (40/80) (target > parent)");
  // 2 + 3 + 2 + 3 + 1 + 1 (unit targets once, level targets once per unit): 12 checks, and the
  // metrics of each target's period were asked for.
  BOOST_TEST(r.checks.size() == 12u);
  BOOST_TEST(r.periods ==
             (std::vector<std::string>{"2023-09", "", "2023", "2023-Q3", "2023", "", ""}));
}

BOOST_AUTO_TEST_CASE(comparisons_are_exact_on_the_counts) {
  const UnitRegistry units = registry();
  MetricTable t;
  t.declare("r", MetricKind::rate, "test");
  t.set("C1", "r", 1, 3);  // 33.333…%
  const Run r =
      run("id,unit,metric,comparison,value\n"
          "a,C1,r,>=,33.33\n"   // 100 > 99.99: met
          "b,C1,r,=,33.33\n"    // not equal
          "c,C1,r,<,33.34\n"    // 100 < 100.02: met
          "d,C1,r,<=,33.333\n"  // 100 > 99.999: not met
          ,
          &units, t);
  BOOST_TEST(to_string(find(r, 0, "C1").status) == "met");
  BOOST_TEST(to_string(find(r, 1, "C1").status) == "not_met");
  BOOST_TEST(to_string(find(r, 2, "C1").status) == "met");
  BOOST_TEST(to_string(find(r, 3, "C1").status) == "not_met");
  // A decimal written in the file equals the rate it stands for: 577/1000 = 57.7%.
  t.set("C2", "r", 577, 1000);
  BOOST_TEST(
      to_string(run("unit,metric,comparison,value\nC2,r,=,57.7\n", &units, t).checks[0].status) ==
      "met");
}

BOOST_AUTO_TEST_CASE(the_province_falls_back_to_the_total) {
  const UnitRegistry units = registry();
  const std::string text = "unit,metric,comparison,value\nL,online_rate,>=,province\n";
  // No value for P: the total, 600/1000 = 60%.
  const Run total = run(text, &units, table(false, true));
  BOOST_TEST(total.checks[0].reference_unit == "*");
  BOOST_TEST(to_string(total.checks[0].status) == "not_met");
  BOOST_TEST(total.checks[0].explanation ==
             "online_rate 30.00% (30/100) < province (total) 60.00% (600/1000) (target >= "
             "province)");
  // Neither: nothing to compare with.
  const Run none = run(text, &units, table(false, false));
  BOOST_TEST(to_string(none.checks[0].status) == "n/a");
  BOOST_TEST(none.checks[0].explanation ==
             "online_rate 30.00% (30/100): no province value to compare with");
  // Without a unit list the province is the total.
  const Run alone = run(text, nullptr, table(true, true));
  BOOST_TEST(alone.checks[0].reference_unit == "*");
}

BOOST_AUTO_TEST_CASE(empty_references_and_parents) {
  const UnitRegistry units = registry();
  MetricTable t;
  t.declare("apology_rate", MetricKind::rate, "dossiers");
  t.set("C1", "apology_rate", 1, 2);
  // D has no late dossier: its rate is empty, so there is nothing to compare C1 with. P has no
  // parent at all.
  const Run r =
      run("unit,level,metric,comparison,value\nC1,,apology_rate,>=,parent\nP,,apology_rate,>=,"
          "parent\n,*,apology_rate,<=,100\n",
          &units, t);
  BOOST_TEST(to_string(r.checks[0].status) == "n/a");
  BOOST_TEST(r.checks[0].explanation ==
             "apology_rate 50.00% (1/2): parent D has no event (0/0), nothing to compare with");
  BOOST_TEST(to_string(r.checks[1].status) == "n/a");
  BOOST_TEST(r.checks[1].explanation == "apology_rate n/a (0/0): no parent value to compare with");
  // Level "*": every unit of the registry (6), in registry order; only C1 has a value; the others
  // are 0/0 with the default when_empty n/a.
  BOOST_REQUIRE_EQUAL(r.checks.size(), 8u);
  BOOST_TEST(r.checks[2].unit == "P");
  BOOST_TEST(r.checks[5].unit == "C1");
  BOOST_TEST(to_string(r.checks[5].status) == "met");
  BOOST_TEST(to_string(r.checks[2].status) == "n/a");
}

BOOST_AUTO_TEST_CASE(mistakes_are_reported_with_the_line) {
  const UnitRegistry units = registry();
  const MetricTable t = table();
  const auto error = [&](const std::string& text, const UnitRegistry* u) {
    try {
      run(text, u, t);
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string h = "id,unit,level,metric,comparison,value,period\n";
  BOOST_TEST(error(h + "x,L,,onlin_rate,>=,50,\n", &units) ==
             "targets.csv:2: field 'metric': unknown metric 'onlin_rate' (known: "
             "apology_rate, online, online_rate)");
  BOOST_TEST(error(h + "x,Z,,online_rate,>=,50,\n", &units) ==
             "targets.csv:2: field 'unit': unknown unit 'Z'");
  BOOST_TEST(error(h + "x,,ward,online_rate,>=,50,\n", &units) ==
             "targets.csv:2: field 'level': no unit has the level 'ward'");
  BOOST_TEST(error(h + "x,,commune,online_rate,>=,50,\n", nullptr) ==
             "targets.csv:2: field 'level': a level target needs the list of units");
  BOOST_TEST(error(h + "x,L,,online_rate,>=,parent,\n", nullptr) ==
             "targets.csv:2: field 'value': a comparison with the parent needs the list of "
             "units");
  BOOST_TEST(error(h + "x,Z,,online_rate,>=,50,\n", nullptr) ==
             "targets.csv:2: field 'unit': unknown unit 'Z': no value for it and no unit "
             "list to check it against");
  // The file itself.
  BOOST_TEST(error(h + "x,L,commune,online_rate,>=,50,\n", &units) ==
             "targets.csv:2: field 'level': give either a unit or a level, not both nor "
             "neither");
  BOOST_TEST(error(h + "x,,,online_rate,>=,50,\n", &units) ==
             "targets.csv:2: field 'unit': give either a unit or a level, not both nor "
             "neither");
  BOOST_TEST(error(h + "x,L,,online_rate,=>,50,\n", &units) ==
             "targets.csv:2: field 'comparison': '=>' is not >=, <=, =, > or < (≥ and ≤ "
             "also accepted)");
  BOOST_TEST(error(h + "x,L,,online_rate,>=,average,\n", &units) ==
             "targets.csv:2: field 'value': 'average' is not a number, parent or province");
  BOOST_TEST(error(h + "x,L,,online_rate,>=,50,September\n", &units) ==
             "targets.csv:2: field 'period': 'September' is not YYYY, YYYY-MM, YYYY-Qn, "
             "YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (1900–2199)");
  BOOST_TEST(
      error("id,unit,metric,comparison,value,when_empty\nx,L,online_rate,>=,1,maybe\n", &units) ==
      "targets.csv:2: field 'when_empty': 'maybe' is not met, not_met or n/a");
  BOOST_TEST(error("id,metric,comparison,value\nx,online_rate,>=,1\n", &units) ==
             "targets.csv:1: field 'unit': missing column: give unit or level (or both)");
  BOOST_TEST(error("unit,metric,comparison,value,owner\nL,online_rate,>=,1,me\n", &units) ==
             "targets.csv:1: field 'owner': unknown column (expected id, unit, level, "
             "metric, comparison, value, period, when_empty, text)");
}

BOOST_AUTO_TEST_CASE(json_lists_both_values) {
  const UnitRegistry units = registry();
  const MetricTable t = table();
  const TargetList list = TargetList::parse_csv(
      "id,unit,metric,comparison,value,text\nland,L,online_rate,>=,province,\"tỷ lệ \"\"trực "
      "tuyến\"\"\"\n",
      "targets.csv");
  const auto checks = check_targets(
      list, &units, [&](const std::optional<TargetPeriod>&) -> const MetricTable& { return t; });
  const std::string json = to_json(list, checks, "2023-01-01..2023-08-31");
  for (const char* part : {R"("target": "land")", R"("period": "2023-01-01..2023-08-31")",
                           R"("status": "not_met")", R"("value": 30.0)", R"("value": 57.7)",
                           R"("unit": "P")", R"("text": "tỷ lệ \"trực tuyến\"")"}) {
    BOOST_TEST(json.find(part) != std::string::npos, part);
  }
}

BOOST_AUTO_TEST_SUITE_END()
