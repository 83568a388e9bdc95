// Units layers (docs/formats.md, "Units layers"): the dvhcvn/20250701 mapping's two shapes on a
// fixture of our own (fictional units written by hand in that shape, not taken from the data
// set), a CSV of links, their application to a registry by GSO code, and the sample district's
// mapping (data/reform/hiep-duc.csv) checked against the resolutions' text and the sample.

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/units_layer.hpp>

#include "calendar/test_support.hpp"

namespace {

using namespace parmetrics;
using test::day;

// A new province 91 (from old 91 and 92) with three new communes: 30001 ← 30001 + 30004 (a
// merger that keeps 30001's code), 30010 ← part of 30007 + 31002, 30013 ← the rest of 30007 (a
// split: "partial"), and a special zone 30016 ← the island district 915.
constexpr std::string_view kMerges = R"({
  "data": [
    {"level1_id": "91", "name": "Tỉnh Thử Nghiệm",
     "merges": [{"old_id": "91", "name": "Tỉnh Thử Nghiệm", "type": "full"},
                {"old_id": "92", "name": "Tỉnh Ví Dụ", "type": "full"}],
     "level2s": [
       {"level2_id": "30001", "name": "Xã Một",
        "merges": [{"old_id": "30001", "name": "Xã Một", "type": "full"},
                   {"old_id": "30004", "name": "Xã Bốn", "type": "full"}]},
       {"level2_id": "30010", "name": "Phường Mười",
        "merges": [{"old_id": "30007", "name": "Xã Bảy", "type": "partial"},
                   {"old_id": "31002", "name": "Xã Hai Ví Dụ", "type": "full"}]},
       {"level2_id": "30013", "name": "Xã Mười Ba",
        "merges": [{"old_id": "30007", "name": "Xã Bảy", "type": "partial"}]},
       {"level2_id": "30016", "name": "Đặc khu Đảo",
        "merges": [{"old_id": "915", "name": "Huyện Đảo", "type": "full"}]}]}
  ],
  "stats": {"level1_count": 1, "level2_count": 4}
})";

// The same pairs old → new, as splits.json gives them (old provinces, their communes in
// level3s, the island district in level2s).
constexpr std::string_view kSplits = R"({
  "data": [
    {"level1_id": "91", "name": "Tỉnh Thử Nghiệm",
     "splits": [{"new_id": "91", "name": "Tỉnh Thử Nghiệm"}],
     "level2s": [{"level2_id": "915", "name": "Huyện Đảo",
                  "splits": [{"new_id": "30016", "name": "Đặc khu Đảo"}]}],
     "level3s": [
       {"level3_id": "30001", "name": "Xã Một", "splits": [{"new_id": "30001", "name": "Xã Một"}]},
       {"level3_id": "30004", "name": "Xã Bốn", "splits": [{"new_id": "30001", "name": "Xã Một"}]},
       {"level3_id": "30007", "name": "Xã Bảy",
        "splits": [{"new_id": "30010", "name": "Phường Mười"},
                   {"new_id": "30013", "name": "Xã Mười Ba"}]}]},
    {"level1_id": "92", "name": "Tỉnh Ví Dụ",
     "splits": [{"new_id": "91", "name": "Tỉnh Thử Nghiệm"}],
     "level3s": [{"level3_id": "31002", "name": "Xã Hai Ví Dụ",
                  "splits": [{"new_id": "30010", "name": "Phường Mười"}]}]}
  ],
  "stats": {"level1_count": 2, "level2_count": 1, "level3_count": 4}
})";

// The old registry: one-stop codes, each unit with its GSO code, open validity.
constexpr std::string_view kOldUnits =
    "code,name,level,parent,valid_from,valid_to,gso_code\n"
    "T91,Ủy ban nhân dân tỉnh Thử Nghiệm,province,,,,91\n"
    "T92,Ủy ban nhân dân tỉnh Ví Dụ,province,,,,92\n"
    "H1,Huyện Một,district,T91,,,901\n"
    "X1,Xã Một,commune,H1,,,30001\n"
    "X4,Xã Bốn,commune,H1,,,30004\n"
    "X7,Xã Bảy,commune,H1,,,30007\n"
    "Y2,Xã Hai Ví Dụ,commune,T92,,,31002\n";

using Pair = std::tuple<std::string, std::string, DayNumber>;

std::set<Pair> pairs(const ReformMapping& m) {
  std::set<Pair> out;
  for (const ReformLink& l : m.links) out.emplace(l.old_code, l.new_code, l.effective);
  return out;
}

UnitRegistry registry(std::string_view csv) {
  UnitRegistry units;
  ImportReport report;
  import_units_csv(csv, "units.csv", units, report);
  BOOST_REQUIRE(report.rejections().empty());
  return units;
}

UnitId id(const UnitRegistry& units, std::string_view code) {
  const auto u = units.find(code);
  BOOST_REQUIRE_MESSAGE(u, "no unit " << code);
  return *u;
}

// "location field: reason" of the DataError `read` throws.
template <class Read>
std::string error_of(const Read& read) {
  try {
    read();
  } catch (const DataError& e) {
    return e.location() + " " + e.field() + ": " + e.reason();
  }
  return "no error";
}

std::string data_file(std::string_view name) {
  return std::string(PARMETRICS_DATA_DIR) + "/" + std::string(name);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(units_layer)

BOOST_AUTO_TEST_CASE(both_dvhcvn_shapes_give_the_same_links) {
  const ReformMapping merges = read_dvhcvn_mapping(kMerges, "merges.json");
  const ReformMapping splits = read_dvhcvn_mapping(kSplits, "splits.json");
  // Provinces 91 → 91, 92 → 91; communes 30001 → 30001, 30004 → 30001, 30007 → 30010,
  // 31002 → 30010, 30007 → 30013; the island district 915 → 30016: 8 links.
  const DayNumber d = day(2025, 7, 1);
  const std::set<Pair> expected = {
      {"91", "91", d},       {"92", "91", d},       {"30001", "30001", d}, {"30004", "30001", d},
      {"30007", "30010", d}, {"31002", "30010", d}, {"30007", "30013", d}, {"915", "30016", d}};
  BOOST_TEST(merges.links.size() == 8u);
  BOOST_TEST(splits.links.size() == 8u);
  BOOST_TEST((pairs(merges) == expected));
  BOOST_TEST((pairs(splits) == expected));
  // Levels and parents: provinces have none; communes are under their new province.
  for (const ReformMapping* m : {&merges, &splits}) {
    for (const ReformLink& l : m->links) {
      if (l.new_code.size() == 2) {
        BOOST_TEST(l.new_level == "province");
        BOOST_TEST(l.new_parent.empty());
      } else {
        BOOST_TEST(l.new_level == "commune");
        BOOST_TEST(l.new_parent == "91");
      }
      BOOST_TEST(l.share == 0u);  // the data set gives no shares
    }
  }
  BOOST_TEST(merges.links[3].new_name == "Xã Một");
  BOOST_TEST(merges.links[3].old_name == "Xã Bốn");
}

BOOST_AUTO_TEST_CASE(malformed_dvhcvn_files_are_data_errors_naming_the_record) {
  const auto reason = [](std::string_view json) {
    return error_of([&] { read_dvhcvn_mapping(json, "m.json"); });
  };
  BOOST_TEST(reason(R"([1, 2])") == " : not a JSON object with a data array");
  BOOST_TEST(reason(R"({"stats": {}})") == "the document data: missing");
  BOOST_TEST(reason(R"({"data": [{"level1_id": "91", "name": "x"}]})") ==
             "data[0] : neither merges (merges.json) nor splits (splits.json)");
  BOOST_TEST(reason(R"({"data": [{"level1_id": 91, "name": "x", "merges": []}]})") ==
             "data[0] level1_id: not a string: the number 91");
  BOOST_TEST(reason(R"({"data": [{"level1_id": "91", "name": "x", "merges": [{"old_id": "9a",
             "name": "y", "type": "full"}]}]})") ==
             "data[0].merges[0] old_id: '9a' is not a GSO code (1 to 5 digits)");
  BOOST_CHECK_THROW(read_dvhcvn_mapping("{", "m.json"), DataError);
}

BOOST_AUTO_TEST_CASE(a_layer_ends_continues_and_adds_units_by_gso_code) {
  UnitRegistry units = registry(kOldUnits);
  const LayerReport r = apply_reform_mapping(read_dvhcvn_mapping(kMerges, "merges.json"), units);
  // 8 links. The island district 915 is not in the registry: 1 link without its old unit, and its
  // special zone is not added. T91 and X1 hold 91 and 30001 on both sides of the day: they go
  // on (2). T92, X4, X7 and Y2 end on 2025-06-30 (4). 30010 and 30013, which no unit holds, are
  // added under T91 (2).
  BOOST_TEST(r.links == 8u);
  BOOST_TEST(r.old_missing == 1u);
  BOOST_TEST(r.continued == 2u);
  BOOST_TEST(r.ended == 4u);
  BOOST_TEST(r.created == 2u);
  BOOST_TEST(units.size() == 9u);
  BOOST_TEST(!units.find("30016").has_value());
  const DayNumber before = day(2025, 6, 30), after = day(2025, 7, 1);
  const UnitId t91 = id(units, "T91"), x1 = id(units, "X1");
  using Shares = std::vector<UnitShare>;
  // A merger: X4's history goes to X1 from 2025-07-01; X1 moves from the district to the
  // province that day (a dated parent) and keeps its name (the layer's new name is its own).
  BOOST_TEST(units[id(units, "X4")].valid_to == before);
  BOOST_TEST((units.carriers(id(units, "X4"), after) == Shares{{x1, 10000}}));
  BOOST_TEST(*units.parent_on(x1, before) == id(units, "H1"));
  BOOST_TEST(*units.parent_on(x1, after) == t91);
  BOOST_TEST(units.name_on(x1, after) == "Xã Một");
  // A split: X7 shared equally between the two new communes, by the dossier's commune first.
  const Unit& x7 = units[id(units, "X7")];
  BOOST_TEST((x7.succession == SuccessionRule::commune));
  BOOST_TEST((units.carriers(id(units, "X7"), after) ==
              Shares{{id(units, "30010"), 5000}, {id(units, "30013"), 5000}}));
  BOOST_TEST(units[id(units, "30010")].name == "Phường Mười");
  BOOST_TEST(*units.parent(id(units, "30010")) == t91);
  BOOST_TEST(units[id(units, "30010")].valid_from == after);
  BOOST_TEST((units.carriers(id(units, "Y2"), after) == Shares{{id(units, "30010"), 10000}}));
  // The provinces: 92 into 91; T91 goes on under its own name (the layer does not rename it).
  BOOST_TEST((units.carriers(id(units, "T92"), after) == Shares{{t91, 10000}}));
  BOOST_TEST(units.name_on(t91, after) == "Ủy ban nhân dân tỉnh Thử Nghiệm");
  BOOST_TEST(r.notes.empty());
  // The other shape gives the same registry's successors.
  UnitRegistry again = registry(kOldUnits);
  apply_reform_mapping(read_dvhcvn_mapping(kSplits, "splits.json"), again);
  for (const char* code : {"T92", "X4", "X7", "Y2"}) {
    BOOST_TEST(again[id(again, code)].successors == units[id(units, code)].successors,
               boost::test_tools::per_element());
  }
  // Laid twice, nothing more changes: the ended units keep their successors.
  const LayerReport twice = apply_reform_mapping(read_dvhcvn_mapping(kMerges, "m.json"), units);
  BOOST_TEST(twice.created == 0u);
  BOOST_TEST(units.size() == 9u);
}

BOOST_AUTO_TEST_CASE(a_csv_of_links_with_shares) {
  const ReformMapping m = read_reform_csv(
      "old_gso_code,new_gso_code,new_level,new_parent_gso_code,effective,share\n"
      "30007,30010,commune,91,2025-07-01,0.7\n"
      "30007,30013,commune,91,2025-07-01,0.3\n",
      "links.csv");
  UnitRegistry units = registry(kOldUnits);
  apply_reform_mapping(m, units);
  // New units added with their codes as names (the file gives none), under the province 91.
  BOOST_TEST((units.carriers(id(units, "X7"), day(2025, 7, 1)) ==
              std::vector<UnitShare>{{id(units, "30010"), 7000}, {id(units, "30013"), 3000}}));
  BOOST_TEST(units[id(units, "30013")].name == "30013");
  // A unit going on under a new name keeps its own when the registry names it otherwise than
  // the layer's old name, and the layer says so.
  UnitRegistry renamed = registry(kOldUnits);
  const LayerReport r = apply_reform_mapping(
      read_reform_csv("old_gso_code,old_name,new_gso_code,new_name,new_level,effective\n"
                      "30001,Xã Một Cũ,30001,Xã Một Mới,commune,2025-07-01\n",
                      "rename.csv"),
      renamed);
  BOOST_TEST(renamed.name_on(id(renamed, "X1"), day(2025, 7, 1)) == "Xã Một");
  BOOST_REQUIRE_EQUAL(r.notes.size(), 1u);
  BOOST_TEST(r.notes[0].starts_with("1 unit(s) going on from 2025-07-01 kept their names"));
  const auto reason = [](std::string_view csv) {
    return error_of([&] { read_reform_csv(csv, "l.csv"); });
  };
  BOOST_TEST(reason("old_gso_code,new_gso_code,new_level\n1,2,commune\n") ==
             "line 1 effective: missing column in the header");
  BOOST_TEST(reason("old_gso_code,new_gso_code,new_level,effective\n1,2,commune,2025-13-01\n") ==
             "line 2 effective: '2025-13-01' is not a date YYYY-MM-DD");
  BOOST_TEST(reason("old_gso_code,new_gso_code,new_level,effective,share\n1,2,commune,2025-07-01,"
                    "1.5\n") == "line 2 share: '1.5' is not a share 0..1 (at most 4 decimals)");
}

BOOST_AUTO_TEST_CASE(the_sample_district_s_mapping_is_the_resolutions) {
  // NQ 1241/NQ-UBTVQH15 (24/10/2024): "thành lập xã Quế Tân trên cơ sở nhập xã Hiệp Thuận và xã
  // Hiệp Hòa", from 2025-01-01; Quế Tân keeps Hiệp Hòa's code 20758 (the statistics office's
  // list of 01/03/2025). NQ 1659/NQ-UBTVQH15 (16/6/2025), Điều 1, from 2025-07-01:
  //   khoản 84: "thị trấn Tân Bình (20779), xã Quế Tân (20758) và xã Quế Lưu (20782) thành xã mới
  //             có tên gọi là xã Hiệp Đức" (20779, CV 1027/CTK-CSCL);
  //   khoản 85: "các xã Thăng Phước (20785), Bình Sơn (20788), Quế Thọ (20764) và Bình Lâm
  //             (20767) thành xã mới có tên gọi là xã Việt An" (20767);
  //   khoản 86: "các xã Sông Trà (20770), Phước Gia (20776) và Phước Trà (20773) thành xã mới có
  //             tên gọi là xã Phước Trà" (20770).
  // And the province: Quảng Nam (49) into Đà Nẵng (48), whose communes these are (khoản 93).
  const DayNumber jan = day(2025, 1, 1), jul = day(2025, 7, 1);
  const std::set<Pair> expected = {
      {"20758", "20758", jan}, {"20761", "20758", jan},                           // NQ 1241
      {"20779", "20779", jul}, {"20758", "20779", jul}, {"20782", "20779", jul},  // khoản 84
      {"20785", "20767", jul}, {"20788", "20767", jul}, {"20764", "20767", jul},
      {"20767", "20767", jul},                                                    // khoản 85
      {"20770", "20770", jul}, {"20776", "20770", jul}, {"20773", "20770", jul},  // khoản 86
      {"49", "48", jul}};
  const ReformMapping m = read_units_layer(data_file("reform/hiep-duc.csv"));
  BOOST_TEST(m.links.size() == expected.size());
  BOOST_TEST((pairs(m) == expected));
  for (const ReformLink& l : m.links) {
    if (l.new_code == "20779") BOOST_TEST(l.new_name == "Xã Hiệp Đức");
    if (l.new_code == "20767") BOOST_TEST(l.new_name == "Xã Việt An");
    if (l.new_code == "20770") BOOST_TEST(l.new_name == "Xã Phước Trà");
    if (l.effective == jul && l.new_level == "commune") BOOST_TEST(l.new_parent == "48");
    if (l.effective == jan) BOOST_TEST(l.new_parent == "512");  // still huyện Hiệp Đức's
    BOOST_TEST(!l.source.empty());
  }
}

BOOST_AUTO_TEST_CASE(the_sample_s_units_follow_the_mapping) {
  // Every link of the mapping holds in data/sample/units.csv: the unit holding the old code the
  // day before hands its whole history to the unit holding the new code from that day.
  UnitRegistry units;
  ImportReport report;
  import_units_csv(std::filesystem::path(data_file("sample/units.csv")), units, report);
  BOOST_REQUIRE(report.rejections().empty());
  const ReformMapping m = read_units_layer(data_file("reform/hiep-duc.csv"));
  for (const ReformLink& l : m.links) {
    BOOST_TEST_CONTEXT(l.old_code << " → " << l.new_code) {
      const auto old = units.find_gso(l.old_code, l.effective - 1);
      const auto now = units.find_gso(l.new_code, l.effective);
      BOOST_TEST_REQUIRE(old.has_value());
      BOOST_TEST_REQUIRE(now.has_value());
      BOOST_TEST(units[*old].valid_to == l.effective - 1);
      BOOST_TEST((units.carriers(*old, l.effective) == std::vector<UnitShare>{{*now, 10000}}));
    }
  }
  // Laid over the sample, the mapping finds everything in place.
  const LayerReport again = apply_reform_mapping(m, units);
  BOOST_TEST(again.created == 0u);
  BOOST_TEST(again.old_missing == 0u);
  BOOST_TEST(again.notes.empty());
}

BOOST_AUTO_TEST_CASE(the_mapping_over_a_registry_of_2023) {
  // The district as a deployment of 2023 would hold it: GSO codes, no end, no successor. The
  // mapping continues the units whose codes the new ones keep and ends the others.
  UnitRegistry units = registry(
      "code,name,level,parent,gso_code\n"
      "QN,Tỉnh Quảng Nam,province,,49\n"
      "HD,Huyện Hiệp Đức,district,QN,512\n"
      "TB,Thị trấn Tân Bình,commune,HD,20779\n"
      "BL,Xã Bình Lâm,commune,HD,20767\n"
      "BS,Xã Bình Sơn,commune,HD,20788\n"
      "HH,Xã Hiệp Hòa,commune,HD,20758\n"
      "HT,Xã Hiệp Thuận,commune,HD,20761\n"
      "PG,Xã Phước Gia,commune,HD,20776\n"
      "PT,Xã Phước Trà,commune,HD,20773\n"
      "QL,Xã Quế Lưu,commune,HD,20782\n"
      "QT,Xã Quế Thọ,commune,HD,20764\n"
      "ST,Xã Sông Trà,commune,HD,20770\n"
      "TP,Xã Thăng Phước,commune,HD,20785\n");
  const LayerReport r =
      apply_reform_mapping(read_units_layer(data_file("reform/hiep-duc.csv")), units);
  // 2025-01-01: HH goes on as Quế Tân (1), HT ends (1). 2025-07-01: TB, BL, ST go on as Hiệp
  // Đức, Việt An, Phước Trà (3); QN, HH (Quế Tân then), QL, BS, QT, TP, PG and PT end (8); Đà
  // Nẵng (48), which no unit holds, is added (1).
  BOOST_TEST(r.links == 13u);
  BOOST_TEST(r.continued == 4u);
  BOOST_TEST(r.ended == 9u);
  BOOST_TEST(r.created == 1u);
  BOOST_TEST(r.old_missing == 0u);
  BOOST_TEST(r.notes.empty());  // the registry names its communes as the resolutions do
  const UnitId tb = id(units, "TB"), da_nang = id(units, "48");
  const DayNumber d2026 = day(2026, 1, 1);
  BOOST_TEST(units.name_on(id(units, "HH"), day(2025, 3, 1)) == "Xã Quế Tân");
  BOOST_TEST(units.name_on(tb, d2026) == "Xã Hiệp Đức");
  BOOST_TEST(*units.parent_on(tb, d2026) == da_nang);
  BOOST_TEST(*units.parent_on(tb, day(2025, 6, 30)) == id(units, "HD"));
  // Hiệp Thuận's history: to Quế Tân (HH) in 2025, to xã Hiệp Đức (TB) from 2025-07-01.
  using Shares = std::vector<UnitShare>;
  BOOST_TEST(
      (units.carriers(id(units, "HT"), day(2025, 3, 1)) == Shares{{id(units, "HH"), 10000}}));
  BOOST_TEST((units.carriers(id(units, "HT"), d2026) == Shares{{tb, 10000}}));
  BOOST_TEST((units.carriers(id(units, "PT"), d2026) == Shares{{id(units, "ST"), 10000}}));
  BOOST_TEST((units.carriers(id(units, "QN"), d2026) == Shares{{da_nang, 10000}}));
  // The district is in no link: the layer leaves it as it is (docs/reform-2025.md).
  BOOST_TEST(units[id(units, "HD")].valid_to == kLastSupportedDay);
}

BOOST_AUTO_TEST_SUITE_END()
