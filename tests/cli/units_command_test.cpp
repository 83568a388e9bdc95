// parmetrics units, and parmetrics report across the 2025 reform, on the bundled sample
// (data/sample/units.csv: the district of 2023, xã Quế Tân from 2025-01-01, Đà Nẵng and three
// communes from 2025-07-01). Expected values come from the resolutions (NQ 1241, NQ 1659 khoản
// 84–86, as data/reform/README.md quotes them) and from the sample's CSV rows read here.

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_run.hpp"

using namespace parmetrics::test::cli;

namespace {

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// The column `name` of a CSV's rows, by their first field.
std::map<std::string, std::string> column(const std::string& csv, const std::string& name) {
  const auto rows = lines(csv);
  const auto header = fields(rows.at(0));
  const auto at =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  BOOST_REQUIRE_MESSAGE(at < header.size(), "no column " << name);
  std::map<std::string, std::string> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto f = fields(rows[i]);
    out[f.at(0)] = f.at(at);
  }
  return out;
}

const std::string kSample = std::string(PARMETRICS_DATA_DIR) + "/sample/";

// The commune of 2025-07-01 that carries each 2023 commune, by its one-stop code (the sample's,
// docs/sample-data.md) and by its GSO code (the offices' dossiers name theirs), from NQ 1659
// khoản 84 (Hiệp Đức: Tân Bình, Quế Tân = Hiệp Hòa + Hiệp Thuận by NQ 1241, Quế Lưu), 85 (Việt
// An: Thăng Phước, Bình Sơn, Quế Thọ, Bình Lâm) and 86 (Phước Trà: Sông Trà, Phước Gia, Phước
// Trà). The new communes' codes are the sample's (invented).
const std::string kHiepDuc = "000.00.71.H15", kVietAn = "000.00.72.H15",
                  kPhuocTra = "000.00.73.H15";
const std::map<std::string, std::string> kNewCommuneOf = {
    {"000.21.30.H55", kHiepDuc},  {"20779", kHiepDuc},   // thị trấn Tân Bình
    {"000.24.30.H55", kHiepDuc},  {"20758", kHiepDuc},   // xã Hiệp Hòa
    {"000.25.30.H55", kHiepDuc},  {"20761", kHiepDuc},   // xã Hiệp Thuận
    {"000.28.30.H55", kHiepDuc},  {"20782", kHiepDuc},   // xã Quế Lưu
    {"000.31.30.H55", kVietAn},   {"20785", kVietAn},    // xã Thăng Phước
    {"000.23.30.H55", kVietAn},   {"20788", kVietAn},    // xã Bình Sơn
    {"000.29.30.H55", kVietAn},   {"20764", kVietAn},    // xã Quế Thọ
    {"000.22.30.H55", kVietAn},   {"20767", kVietAn},    // xã Bình Lâm
    {"000.30.30.H55", kPhuocTra}, {"20770", kPhuocTra},  // xã Sông Trà
    {"000.26.30.H55", kPhuocTra}, {"20776", kPhuocTra},  // xã Phước Gia
    {"000.27.30.H55", kPhuocTra}, {"20773", kPhuocTra},  // xã Phước Trà
};

}  // namespace

BOOST_AUTO_TEST_SUITE(units_command)

BOOST_AUTO_TEST_CASE(the_hierarchy_in_force_on_a_day) {
  // 2023-08-31: the 16 units of 2023 (province, district, 3 offices, 11 communes).
  const Result r = run({"units", "--as-of", "2023-08-31", "--format", "csv"});
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.err.find("no --units given: the bundled sample's") != std::string::npos);
  const auto rows = lines(r.out);
  BOOST_TEST(rows.at(0) == "code,name,level,parent,gso_code,valid_from,valid_to,depth");
  BOOST_TEST(rows.size() == 1u + 16u);
  BOOST_TEST(rows.at(1) ==
             "000.00.00.H55,Ủy ban nhân dân tỉnh Quảng Nam,province,,49,,2025-06-30,0");
  BOOST_TEST(column(r.out, "depth").at("000.24.30.H55") == "2");
  // 2025-03-01: Hiệp Hòa and Hiệp Thuận gone, Quế Tân in: 15. 2026-01-01: Đà Nẵng and 3.
  BOOST_TEST(lines(run({"units", "--as-of", "2025-03-01", "--format", "csv"}).out).size() ==
             1u + 15u);
  const Result now = run({"units", "--as-of", "2026-01-01", "--format", "csv"});
  BOOST_TEST(lines(now.out).size() == 1u + 4u);
  const auto parent = column(now.out, "parent");
  for (const std::string& c : {kHiepDuc, kVietAn, kPhuocTra}) {
    BOOST_TEST(parent.at(c) == "000.00.00.H15");
  }
  // The GSO codes of CV 1027/CTK-CSCL, each a predecessor's.
  const auto gso = column(now.out, "gso_code");
  BOOST_TEST(gso.at(kHiepDuc) == "20779");
  BOOST_TEST(gso.at(kVietAn) == "20767");
  BOOST_TEST(gso.at(kPhuocTra) == "20770");
}

BOOST_AUTO_TEST_CASE(tables_in_vietnamese_and_english_and_json) {
  const Result vi = run({"units", "--as-of", "2026-01-01"});
  BOOST_TEST(vi.code == 0);
  BOOST_TEST(vi.out.find("Hệ thống đơn vị tại ngày 01/01/2026: 4 đơn vị") != std::string::npos);
  BOOST_TEST(vi.out.find("  000.00.71.H15") != std::string::npos);  // under the province
  BOOST_TEST(vi.out.find("Mã ĐVHC") != std::string::npos);
  const Result en = run({"units", "--as-of", "2026-01-01", "--lang", "en"});
  BOOST_TEST(en.out.find("Units in force on 2026-01-01: 4") != std::string::npos);
  BOOST_TEST(en.out.find("2025-07-01 –") != std::string::npos);
  const Result json = run({"units", "--as-of", "2026-01-01", "--format", "json"});
  BOOST_TEST(
      json.out.starts_with("{\"as_of\":\"2026-01-01\",\"units\":[{\"code\":\"000.00.00.H15\""));
  BOOST_TEST(json.out.find("\"gso_code\":\"20779\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_chain_of_successors_and_who_carries_a_history) {
  // Hiệp Thuận → Quế Tân (NQ 1241, 2025-01-01) → xã Hiệp Đức (NQ 1659 khoản 84, 2025-07-01).
  const Result csv = run(
      {"units", "--successors-of", "000.25.30.H55", "--as-of", "2026-01-01", "--format", "csv"});
  BOOST_TEST(csv.code == 0, csv.err);
  const auto rows = lines(csv.out);
  BOOST_TEST(rows.at(0) ==
             "code,name,level,gso_code,valid_from,valid_to,successor,successor_rule,carries");
  BOOST_REQUIRE_EQUAL(rows.size(), 4u);
  BOOST_TEST(rows[1] ==
             "000.25.30.H55,Ủy ban nhân dân xã Hiệp Thuận,commune,20761,,2024-12-31,"
             "000.32.30.H55:1,shares,");
  BOOST_TEST(
      rows[2].starts_with("000.32.30.H55,Ủy ban nhân dân xã Quế Tân,commune,20758,"
                          "2025-01-01,2025-06-30,000.00.71.H15:1,"));
  BOOST_TEST(rows[3].starts_with("000.00.71.H15,Ủy ban nhân dân xã Hiệp Đức,commune,20779,"));
  BOOST_TEST(rows[3].ends_with(",1"));  // the whole history on 2026-01-01
  // In Quế Tân's days the history was Quế Tân's.
  const Result mid = run(
      {"units", "--successors-of", "000.25.30.H55", "--as-of", "2025-03-01", "--format", "csv"});
  BOOST_TEST(column(mid.out, "carries").at("000.32.30.H55") == "1");
  // The table says it in words.
  const Result vi = run({"units", "--successors-of", "000.25.30.H55", "--as-of", "2026-01-01"});
  BOOST_TEST(vi.out.find("Các đơn vị kế thừa 000.25.30.H55 (Ủy ban nhân dân xã Hiệp Thuận)") !=
             std::string::npos);
  BOOST_TEST(vi.out.find("Tại ngày 01/01/2026, lịch sử của đơn vị thuộc về: Ủy ban nhân dân xã "
                         "Hiệp Đức (000.00.71.H15) 100,00\u00A0%") != std::string::npos,
             vi.out);
  // The one-stop department: three successors, equal shares (10000 / 3: 3334 to the first), by
  // the commune each dossier names.
  const Result office = run(
      {"units", "--successors-of", "000.01.30.H55", "--as-of", "2026-01-01", "--format", "json"});
  BOOST_TEST(office.out.find("\"successors\":[{\"code\":\"000.00.71.H15\",\"share\":0.3334},"
                             "{\"code\":\"000.00.72.H15\",\"share\":0.3333},{\"code\":\"000.00."
                             "73.H15\",\"share\":0.3333}],\"successor_rule\":\"commune\"") !=
                 std::string::npos,
             office.out);
  // Before it existed (2023), xã Hiệp Đức carried nothing of Hiệp Thuận.
  const Result early = run({"units", "--successors-of", "000.00.71.H15", "--as-of", "2023-08-31"});
  BOOST_TEST(early.out.find("Tại ngày 31/08/2023, không đơn vị nào kế thừa lịch sử của đơn vị") !=
             std::string::npos);
  BOOST_TEST(run({"units", "--successors-of", "NOPE"}).code == 2);
}

BOOST_AUTO_TEST_CASE(a_layer_over_the_sample_changes_nothing) {
  const std::string layer = std::string(PARMETRICS_DATA_DIR) + "/reform/hiep-duc.csv";
  const Result plain = run({"units", "--as-of", "2026-01-01", "--format", "csv"});
  const Result with =
      run({"units", "--as-of", "2026-01-01", "--format", "csv", "--units-layer", layer});
  BOOST_TEST(with.code == 0, with.err);
  BOOST_TEST(with.out == plain.out);
  BOOST_TEST(with.err.find("hiep-duc.csv: 13 links:") != std::string::npos, with.err);
  BOOST_TEST(with.err.find("0 added, 0 links with no unit of their old code") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_2023_report_as_of_2026_under_the_new_communes) {
  // Each dossier of January–August 2023, counted from dossiers.csv: a commune's under its new
  // commune; an office's under the new commune of the commune it names (GSO code).
  std::ifstream in(kSample + "dossiers.csv");
  std::string line;
  std::getline(in, line);
  const auto header = fields(line);
  const auto col = [&](const std::string& n) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), n) - header.begin());
  };
  std::map<std::string, int> expected;
  int all = 0;
  while (std::getline(in, line)) {
    const auto f = fields(line);
    if (f[col("received_at")] >= "2023-09") continue;
    const std::string& commune = f[col("commune")];
    ++expected[kNewCommuneOf.at(commune.empty() ? f[col("unit")] : commune)];
    ++all;
  }
  BOOST_TEST(all == 3600);
  const Result r = run({"report", "--hierarchy-as-of", "2026-01-01", "--format", "csv"});
  BOOST_TEST(r.code == 0, r.err);
  const auto in_scope = column(r.out, "in_scope");
  BOOST_TEST(in_scope.size() == 5u);  // Đà Nẵng, its three communes, the total
  BOOST_TEST(in_scope.at("000.00.00.H15") == "3600");
  BOOST_TEST(in_scope.at("total") == "3600");
  for (const std::string& c : {kHiepDuc, kVietAn, kPhuocTra}) {
    BOOST_TEST(in_scope.at(c) == std::to_string(expected[c]), c);
  }
  // --successors-as-of, the option's earlier name, says the same; two different days do not.
  const Result alias = run({"report", "--successors-as-of", "2026-01-01", "--format", "csv"});
  BOOST_TEST(alias.out == r.out);
  BOOST_TEST(
      run({"report", "--successors-as-of", "2026-01-01", "--hierarchy-as-of", "2025-01-01"}).code ==
      2);
  // The default view is unchanged: the district of 2023 and its 11 communes.
  const auto as_it_was = column(run({"report", "--format", "csv"}).out, "in_scope");
  BOOST_TEST(as_it_was.at("000.00.30.H55") == "3600");
  BOOST_TEST(as_it_was.count(kHiepDuc) == 0u);
}

BOOST_AUTO_TEST_CASE(periods_compared_across_the_reform) {
  // 2026 Q1 against 2024 Q1, both under the hierarchy of 2026-01-01: the three new communes hold
  // 2024's dossiers too. The total's earlier late rate is the 2024 report's own, whatever the view.
  const Result r = run({"report", "--hierarchy-as-of", "2026-01-01", "--from", "2026-01-01", "--to",
                        "2026-03-31", "--compare-to", "2024-01-01..2024-03-31", "--format", "csv"});
  BOOST_TEST(r.code == 0, r.err);
  const auto then = column(r.out, "late_rate_then");
  BOOST_TEST(then.size() == 5u);
  for (const std::string& c : {kHiepDuc, kVietAn, kPhuocTra}) {
    BOOST_TEST(then.at(c) != "n/a", c);
    BOOST_TEST(!then.at(c).empty(), c);
  }
  const auto in_2024 =
      column(run({"report", "--from", "2024-01-01", "--to", "2024-03-31", "--format", "csv"}).out,
             "late_rate");
  BOOST_TEST(then.at("total") == in_2024.at("total"));
}

BOOST_AUTO_TEST_SUITE_END()
