// units.csv and procedures.csv (docs/formats.md): Vietnamese text kept verbatim, quoting, every
// field check, references between units (unknown, rejected, looping parents and successors),
// and the catalogue's statutory times. Expected values are read off the inputs by hand.

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <fmt/format.h>

#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_import.hpp>

#include "calendar/test_support.hpp"

namespace {

using namespace parmetrics;
using test::day;

std::vector<std::string> details(const ImportReport& r) {
  std::vector<std::string> out;
  for (const Rejection& x : r.rejections()) out.push_back(x.to_string());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_registry)

BOOST_AUTO_TEST_CASE(units_load_with_vietnamese_names_and_successors) {
  UnitRegistry units;
  ImportReport report;
  import_units_csv(
      "code,name,level,parent,valid_from,valid_to,successor\n"
      "H55,Tỉnh Quảng Nam,province,,,,\n"
      // A district until the 2025 reform, split into two communes (successors in any order,
      // defined later in the file).
      "H55.30,\"Huyện Hiệp Đức, Quảng Nam\",district,H55,1900-01-01,2025-06-30,H55.30.2;H55.30.1\n"
      "H55.30.1,\"Xã \"\"Quế Thọ\"\"\",commune,H55,2025-07-01,,\n"
      "H55.30.2,\"Xã Hiệp Đức\n(mới)\",commune,H55,2025-07-01,2199-12-31,\n",
      "u.csv", units, report);
  BOOST_TEST(report.read() == 4u);
  BOOST_TEST(report.loaded_count() == 4u);
  BOOST_TEST(report.rejections().empty());
  BOOST_TEST_REQUIRE(units.size() == 4u);
  const auto district = units.find("H55.30");
  BOOST_TEST_REQUIRE(district.has_value());
  const Unit& d = units[*district];
  BOOST_TEST(d.name == "Huyện Hiệp Đức, Quảng Nam");
  BOOST_TEST(d.level == "district");
  BOOST_TEST(d.valid_from == day(1900, 1, 1));
  BOOST_TEST(d.valid_to == day(2025, 6, 30));
  BOOST_TEST(d.successors == (std::vector<std::string>{"H55.30.2", "H55.30.1"}),
             boost::test_tools::per_element());
  BOOST_TEST(units[*units.find("H55.30.1")].name == "Xã \"Quế Thọ\"");
  BOOST_TEST(units[*units.find("H55.30.2")].name == "Xã Hiệp Đức\n(mới)");
  BOOST_TEST(units[*units.find("H55.30.1")].valid_from == day(2025, 7, 1));
  // Resolved: parents and successors linked. The first successor carries the history.
  BOOST_TEST(*units.parent(*district) == *units.find("H55"));
  BOOST_TEST(units.successor_as_of(*district, day(2025, 7, 1)) == *units.find("H55.30.2"));
  BOOST_TEST(units.successor_as_of(*district, day(2025, 6, 30)) == *district);
  BOOST_TEST(units.level_name(units.level(*district)) == "district");
}

BOOST_AUTO_TEST_CASE(unit_records_rejected_with_precise_reasons) {
  UnitRegistry units;
  units.add(Unit{.code = "H55",
                 .name = "Tỉnh Quảng Nam",
                 .level = "province",
                 .parent = "",
                 .successors = {},
                 .aliases = {},
                 .gso_code = {},
                 .successor_shares = {},
                 .succession = {},
                 .history = {}});
  units.resolve();
  ImportReport report;
  import_units_csv(
      "code,name,level,parent,valid_from,valid_to,successor\n"  // 1
      "A,Xã A,commune,H55,,,\n"                                 // 2 ok (parent registered before)
      "X1,Bad parent,commune,NOPE,,,\n"                         // 3 unknown parent
      "X2,Child of bad,commune,X1,,,\n"                         // 4 its parent is rejected
      "X3,Grandchild,commune,X2,,,\n"                           // 5 its parent is rejected
      "L1,Loop a,commune,L2,,,\n"                               // 6 loop
      "L2,Loop b,commune,L1,,,\n"                               // 7 loop
      "S1,Own successor,commune,H55,,,S1\n"                     // 8 successor loop
      "B1,Dates,commune,H55,2025-07-01,2025-06-30,\n"           // 9 valid_to before valid_from
      "B2,,commune,H55,,,\n"                                    // 10 name missing
      "B3,First,commune,H55,,,\n"                               // 11 ok
      "B3,Second,commune,H55,,,\n"                              // 12 duplicate
      "H55,Again,province,,,,\n"                                // 13 duplicate of a registered
      "B4,x,commune,H55,2023-02-30,,\n"                         // 14 bad date
      "B5,x,commune,H55,1899-12-31,,\n"                         // 15 date outside
      "B6,x,commune,H55,,,A;;B3\n"                              // 16 empty successor code
      "B7,x,commune,H55,,,A;ZZ\n"                               // 17 unknown successor
      "B8,\xC3\x28,commune,H55,,,\n"                            // 18 invalid UTF-8
      "B9,x,,H55,,,\n"                                          // 19 level missing
      "M1,Merged into S2,commune,H55,,2025-06-30,S2\n"          // 20 successor rejected
      "S2,x,commune,H55,,,S3\n"                                 // 21 successor loop
      "S3,x,commune,H55,,,S2\n"                                 // 22 successor loop
      "B10,x,commune,H55,,2023-01-01\n",                        // 23 6 fields
      "u.csv", units, report);
  const std::vector<std::string> expected = {
      "u.csv:3: field 'parent' = 'NOPE': unknown parent unit",
      "u.csv:4: field 'parent' = 'X1': parent unit rejected",
      "u.csv:5: field 'parent' = 'X2': parent unit rejected",
      "u.csv:6: field 'parent' = 'L2': the parent chain loops",
      "u.csv:7: field 'parent' = 'L1': the parent chain loops",
      "u.csv:8: field 'successor' = 'S1': the successor chain loops",
      "u.csv:9: field 'valid_to' = '2025-06-30': valid_to before valid_from",
      "u.csv:10: field 'name' = '': required value missing",
      "u.csv:12: field 'code' = 'B3': duplicate unit code",
      "u.csv:13: field 'code' = 'H55': duplicate unit code",
      "u.csv:14: field 'valid_from' = '2023-02-30': bad date (expected YYYY-MM-DD)",
      "u.csv:15: field 'valid_from' = '1899-12-31': date outside 1900-01-01..2199-12-31",
      "u.csv:16: field 'successor' = 'A;;B3': empty code in the successor list",
      "u.csv:17: field 'successor' = 'ZZ': unknown successor unit",
      "u.csv:18: field 'name' = '\\xC3(': invalid UTF-8",
      "u.csv:19: field 'level' = '': required value missing",
      "u.csv:20: field 'successor' = 'S2': successor unit rejected",
      "u.csv:21: field 'successor' = 'S3': the successor chain loops",
      "u.csv:22: field 'successor' = 'S2': the successor chain loops",
      "u.csv:23: record 'B10,x,commune,H55,,2023-01-01': wrong number of fields",
  };
  BOOST_TEST(details(report) == expected, boost::test_tools::per_element());
  BOOST_TEST(report.read() == 22u);
  BOOST_TEST(report.loaded_count() == 2u);
  BOOST_TEST(report.reconciles());
  // H55 (before), A and the first B3.
  BOOST_TEST(units.size() == 3u);
  BOOST_TEST(units[*units.find("B3")].name == "First");
  BOOST_TEST(*units.parent(*units.find("A")) == 0u);
}

BOOST_AUTO_TEST_CASE(a_cut_back_record_names_its_absolute_lines_in_any_chunk) {
  // Found by fuzz/units_csv: a record cut back to its first line in a later chunk named the lines
  // tried relative to its chunk. Line 30 opens a quote that never closes; the rejection names
  // lines 30-41 (the file's last line) whatever the chunk size, and the lines after it load.
  std::string csv = "code,name,level,parent\n";
  for (int i = 1; i <= 40; ++i) {
    csv += i == 29 ? std::string("U29,u,x,\"U28\n") : fmt::format("U{},u,x,\n", i);
  }
  for (const std::size_t chunk : {std::size_t{0}, std::size_t{64}}) {
    UnitRegistry units;
    ImportReport report;
    ImportOptions o;
    o.chunk_bytes = chunk;
    import_units_csv(csv, "u.csv", units, report, o);
    BOOST_TEST(report.read() == 40u);
    BOOST_TEST(units.size() == 39u);
    BOOST_TEST_REQUIRE(report.rejections().size() == 1u);
    BOOST_TEST(report.rejections()[0].to_string() ==
               "u.csv:30: record 'U29,u,x,\"U28' (lines 30-41 tried as one record; only line 30 "
               "rejected): unterminated quoted field");
  }
}

BOOST_AUTO_TEST_CASE(names_are_kept_in_nfc) {
  // "xã Quế Thơ" typed with combining marks (a + U+0303, e + U+0302 U+0301, o + U+031B), as
  // some keyboards and exports give it, is stored composed, so that it equals the precomposed
  // text (issue 12); aliases likewise.
  UnitRegistry units;
  ImportReport report;
  import_units_csv(
      "code,name,level,parent,aliases\n"
      "C1,UBND xa\xCC\x83 Que\xCC\x82\xCC\x81 Tho\xCC\x9B,commune,,Xa\xCC\x83 A\n",
      "u.csv", units, report);
  units.resolve();
  BOOST_TEST_REQUIRE(units.size() == 1u);
  BOOST_TEST(units[0].name == "UBND xã Quế Thơ");
  BOOST_TEST_REQUIRE(units[0].aliases.size() == 1u);
  BOOST_TEST(units[0].aliases[0] == "Xã A");
}

BOOST_AUTO_TEST_CASE(units_strict_mode_and_missing_columns) {
  UnitRegistry units;
  ImportReport report;
  ImportOptions strict;
  strict.strict = true;
  BOOST_CHECK_THROW(import_units_csv("code,name,level\nA,x,commune\nB,,commune\n", "u.csv", units,
                                     report, strict),
                    DataError);
  BOOST_TEST(report.read() == 2u);
  try {
    import_units_csv("code,name\nA,x\n", "u.csv", units, report);
    BOOST_FAIL("no exception");
  } catch (const DataError& e) {
    BOOST_TEST(e.field() == "level");
    BOOST_TEST(e.reason() == "required column missing");
  }
}

BOOST_AUTO_TEST_CASE(a_unit_over_several_rows_with_gso_codes_shares_and_rules) {
  // A commune on two rows (its name and parent until the reform, then after); a district office
  // split between two communes by shares, by the dossier's commune first.
  UnitRegistry units;
  ImportReport report;
  import_units_csv(
      "code,name,level,parent,valid_from,valid_to,successor,successor_rule,gso_code\n"
      "P,Thành phố Đà Nẵng,province,,,,,,48\n"
      "D,Huyện Hiệp Đức,district,P,,2025-06-30,,,512\n"
      "C,Xã Hiệp Đức,commune,P,2025-07-01,,,,20779\n"        // after, given first
      "C,Thị trấn Tân Bình,commune,D,,2025-06-30,,,20779\n"  // before
      "O,Bộ phận Một cửa,department,D,,2025-06-30,C:0.6;K:0.4,commune,\n"
      "K,Xã Việt An,commune,P,2025-07-01,,,,20767\n",
      "u.csv", units, report);
  BOOST_TEST(details(report).empty());
  BOOST_TEST(report.read() == 6u);
  BOOST_TEST(report.loaded_count() == 6u);  // rows, not units: 5 units
  BOOST_TEST_REQUIRE(units.size() == 5u);
  const UnitId c = *units.find("C");
  // The unit's own fields are its last row's; the earlier row is its history.
  BOOST_TEST(units[c].name == "Xã Hiệp Đức");
  BOOST_TEST(units[c].valid_from == kFirstSupportedDay);
  BOOST_TEST(units[c].valid_to == kLastSupportedDay);
  BOOST_TEST(units.name_on(c, day(2025, 6, 30)) == "Thị trấn Tân Bình");
  BOOST_TEST(*units.parent_on(c, day(2025, 6, 30)) == *units.find("D"));
  BOOST_TEST(*units.parent_on(c, day(2025, 7, 1)) == *units.find("P"));
  BOOST_TEST(*units.find_gso("20779", day(2025, 6, 30)) == c);
  const Unit& o = units[*units.find("O")];
  BOOST_TEST(o.successors == (std::vector<std::string>{"C", "K"}),
             boost::test_tools::per_element());
  BOOST_TEST(o.successor_shares == (std::vector<std::uint32_t>{6000, 4000}),
             boost::test_tools::per_element());
  BOOST_TEST((o.succession == SuccessionRule::commune));
}

BOOST_AUTO_TEST_CASE(rows_of_a_unit_and_shares_rejected_with_precise_reasons) {
  UnitRegistry units;
  ImportReport report;
  import_units_csv(
      "code,name,level,parent,valid_from,valid_to,successor,successor_rule,gso_code\n"  // 1
      "P,Tỉnh,province,,,,,,\n"                                                         // 2
      "A,a,commune,P,,2024-12-31,,,\n"                                                  // 3
      "A,a later,commune,P,2025-02-01,,,,\n"                                            // 4 gap
      "B,b,commune,P,,2024-12-31,,,\n"                                                  // 5
      "B,b again,district,P,2025-01-01,,,,\n"                                           // 6 level
      "C,c,commune,P,,2024-12-31,P,,\n"            // 7 not last
      "C,c later,commune,P,2025-01-01,,,,\n"       // 8
      "E,e,commune,P,,2025-06-30,P:0.6;A,,\n"      // 9 shares
      "F,f,commune,P,,2025-06-30,P:0.6;A:0.3,,\n"  // 10 sum
      "G,g,commune,P,,2025-06-30,P,majority,\n"    // 11 rule
      "H,h,commune,P,,,,,2077x\n"                  // 12 code
      "I,i,commune,P,,2024-12-31,,,\n"             // 13
      "I,i twice,commune,P,2024-06-01,,,,\n",      // 14 overlap
      "u.csv", units, report);
  const std::vector<std::string> expected = {
      "u.csv:4: field 'valid_from' = '2025-02-01': the rows of one unit must follow each other, "
      "day after day, without overlap",
      "u.csv:6: field 'level' = 'district': the level differs from the unit's other rows",
      "u.csv:7: field 'successor' = 'P': successors belong on the unit's last row",
      "u.csv:9: field 'successor' = 'P:0.6;A': bad share (expected CODE:SHARE, a decimal 0..1 "
      "with at most 4 decimals, for every successor or none, the shares summing to 1)",
      "u.csv:10: field 'successor' = 'P:0.6;A:0.3': bad share (expected CODE:SHARE, a decimal "
      "0..1 with at most 4 decimals, for every successor or none, the shares summing to 1)",
      "u.csv:11: field 'successor_rule' = 'majority': bad successor rule (expected shares or "
      "commune)",
      "u.csv:12: field 'gso_code' = '2077x': bad GSO code (expected 1 to 5 digits)",
      "u.csv:14: field 'code' = 'I': duplicate unit code",
  };
  BOOST_TEST(details(report) == expected, boost::test_tools::per_element());
  // 13 records: 8 rejected; P, and one row each of A, B, C and I, loaded.
  BOOST_TEST(report.read() == 13u);
  BOOST_TEST(report.rejected_count() == 8u);
  BOOST_TEST(report.loaded_count() == 5u);
  BOOST_TEST(units[*units.find("C")].name == "c later");
  BOOST_TEST(units[*units.find("C")].successors.empty());
}

BOOST_AUTO_TEST_CASE(procedures_load_with_their_statutory_times) {
  ProcedureCatalog procedures;
  ImportReport report;
  import_procedures_csv(
      "\xEF\xBB\xBF"
      "code,name,field,duration,duration_kind,online_level,fee,citizen\r\n"
      "1.001,Đăng ký khai sinh,Hộ tịch,3,d,full,0,1\r\n"
      "1.002,\"Chứng thực bản sao từ bản chính, giấy tờ\",Chứng thực,4,h,partial,1,\r\n"
      "1.003,Cấp giấy phép xây dựng,Xây dựng,30,cd,,,0\r\n"
      "1.004,Xác nhận,,0.5,d,none,0,0\r\n",
      "p.csv", procedures, report);
  BOOST_TEST(report.loaded_count() == 4u);
  BOOST_TEST(report.rejections().empty());
  BOOST_TEST_REQUIRE(procedures.size() == 4u);
  const Procedure& a = procedures[0];
  BOOST_TEST(a.code == "1.001");
  BOOST_TEST(a.name == "Đăng ký khai sinh");
  BOOST_TEST(a.field == "Hộ tịch");
  BOOST_TEST((a.duration == StatutoryTime::working_days(3)));
  BOOST_TEST((a.online == OnlineLevel::full));
  BOOST_TEST(!a.fee);
  BOOST_TEST(a.citizen);
  const Procedure& b = procedures[1];
  BOOST_TEST(b.name == "Chứng thực bản sao từ bản chính, giấy tờ");
  BOOST_TEST((b.duration == StatutoryTime::working_hours(4)));
  BOOST_TEST((b.online == OnlineLevel::partial));
  BOOST_TEST(b.fee);
  BOOST_TEST(b.citizen);  // empty: citizen-facing by default
  const Procedure& c = procedures[2];
  BOOST_TEST((c.duration == StatutoryTime::calendar_days(30)));
  BOOST_TEST((c.online == OnlineLevel::none));
  BOOST_TEST(!c.fee);
  BOOST_TEST(!c.citizen);
  BOOST_TEST((procedures[3].duration == StatutoryTime::working_days(0.5)));
  BOOST_TEST(procedures[3].field.empty());
}

BOOST_AUTO_TEST_CASE(procedure_records_rejected_with_precise_reasons) {
  ProcedureCatalog procedures;
  ImportReport report;
  import_procedures_csv(
      "code,name,field,duration,duration_kind,online_level,fee,citizen\n"  // 1
      "1.001,Đăng ký khai sinh,Hộ tịch,3,d,,,\n"                           // 2 ok
      "E1,x,,1.5,cd,,,\n"                                                  // 3
      "E2,x,,abc,d,,,\n"                                                   // 4
      "E3,x,,-1,d,,,\n"                                                    // 5
      "E4,x,,1e3,d,,,\n"                                                   // 6
      "E5,x,,3,w,,,\n"                                                     // 7
      "E6,x,,3,d,online,,\n"                                               // 8
      "E7,x,,3,d,,2,\n"                                                    // 9
      "E8,,,3,d,,,\n"                                                      // 10
      "1.001,dup,,3,d,,,\n"                                                // 11
      "E9,x,,,d,,,\n"                                                      // 12
      "E10,x,,3.,d,,,\n"                                                   // 13
      "E11,x,,1234567,d,,,\n"                                              // 14 > 6 digits
      "E12,x,\xFF,3,d,,,\n"                                                // 15
      "E13,x,,3,,,,\n"                                                     // 16
      "E14,x,,3,d,,,yes\n",                                                // 17
      "p.csv", procedures, report);
  const std::vector<std::string> expected = {
      "p.csv:3: field 'duration' = '1.5': calendar days must be a whole number",
      "p.csv:4: field 'duration' = 'abc': bad duration (expected a number such as 15 or 0.5)",
      "p.csv:5: field 'duration' = '-1': bad duration (expected a number such as 15 or 0.5)",
      "p.csv:6: field 'duration' = '1e3': bad duration (expected a number such as 15 or 0.5)",
      "p.csv:7: field 'duration_kind' = 'w': bad duration kind (expected h, d or cd)",
      "p.csv:8: field 'online_level' = 'online': bad online level (expected none, partial or "
      "full)",
      "p.csv:9: field 'fee' = '2': bad flag (expected 0 or 1)",
      "p.csv:10: field 'name' = '': required value missing",
      "p.csv:11: field 'code' = '1.001': duplicate procedure code",
      "p.csv:12: field 'duration' = '': required value missing",
      "p.csv:13: field 'duration' = '3.': bad duration (expected a number such as 15 or 0.5)",
      "p.csv:14: field 'duration' = '1234567': bad duration (expected a number such as 15 or "
      "0.5)",
      "p.csv:15: field 'field' = '\\xFF': invalid UTF-8",
      "p.csv:16: field 'duration_kind' = '': required value missing",
      "p.csv:17: field 'citizen' = 'yes': bad flag (expected 0 or 1)",
  };
  BOOST_TEST(details(report) == expected, boost::test_tools::per_element());
  BOOST_TEST(report.read() == 16u);
  BOOST_TEST(report.loaded_count() == 1u);
  BOOST_TEST(procedures.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
