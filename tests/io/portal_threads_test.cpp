// The portal importer on several threads (issue 13): the same inputs imported with one thread and
// with two or three, in chunks from one byte (a chunk boundary at every record) to the default,
// give the same registries, the same dossiers in the same order and the same report (rejections
// with their numbers, fields and reasons, warnings, notes), and stop with the same error.

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/io/portal_import.hpp>

#include "io/same_import.hpp"

using namespace parmetrics;
using parmetrics::test::check_same_import;

namespace {

// Two units and three procedures, as in portal_import_test.cpp: 1.001 takes 3 working days,
// 1.002 4 working hours, 1.003 has no statutory time.
struct World {
  UnitRegistry units;
  ProcedureCatalog procedures;
  WorkingCalendar calendar;
  DossierStore store;
  ImportReport report;
  std::string error;  // what() of the DataError that stopped the import, if any

  World() {
    for (const char* code : {"H55.01", "H55.02"}) {
      Unit u;
      u.code = code;
      u.name = u.code == "H55.01" ? "UBND huyện" : "UBND xã An Bình";  // matched by name
      u.level = u.code == "H55.01" ? "district" : "commune";
      units.add(std::move(u));
    }
    units.resolve();
    const std::pair<const char*, int> timed[] = {{"1.001", 0}, {"1.002", 4}, {"1.003", -1}};
    for (const auto& [code, hours] : timed) {
      Procedure p;
      p.code = code;
      p.name = code;
      if (hours == 0) p.duration = StatutoryTime::working_days(3);
      if (hours > 0) p.duration = StatutoryTime::working_hours(hours);
      if (hours >= 0) p.online = OnlineLevel::partial;
      procedures.add(p);
    }
  }

  void run(const std::string& json, ImportOptions options) {
    try {
      import_portal_json(json, "portal.json", units, procedures, calendar, store, report, options);
    } catch (const DataError& e) {
      error = e.what();
    }
  }
};

void check_same(const World& a, const World& b) {
  BOOST_TEST(a.error == b.error);
  BOOST_TEST_REQUIRE(a.units.size() == b.units.size());
  for (UnitId i = 0; i < a.units.size(); ++i) BOOST_TEST(a.units[i].code == b.units[i].code);
  BOOST_TEST_REQUIRE(a.procedures.size() == b.procedures.size());
  for (ProcedureId i = 0; i < a.procedures.size(); ++i) {
    BOOST_TEST(a.procedures[i].code == b.procedures[i].code);
    BOOST_TEST(a.procedures[i].name == b.procedures[i].name);
    BOOST_TEST(a.procedures[i].field == b.procedures[i].field);
    BOOST_TEST((a.procedures[i].online == b.procedures[i].online));
  }
  check_same_import(a.store, a.report, b.store, b.report);
  BOOST_TEST((a.report.loaded_notes() == b.report.loaded_notes()));
}

// Record i: mostly valid, with one of each kind of rejection, note and match by turns, strings
// that look like the array's structure, and now and then a record longer than a small chunk.
std::string record(int i) {
  std::string code = fmt::format("H55.01-230306-{:04}", i);
  std::string unit = "H55.01", procedure = "\"1.001\"", received = "20230306080000";
  std::string appointment = "\"20230309170000\"", status = "4", extra;
  switch (i % 24) {
    case 1:
      status = "10";
      extra = R"(,"NgayKetThucXuLy":"20230308100000","NgayTra":"20230308140000")";
      break;
    case 2:
      code = fmt::format("H55.01-230306-{:04}", i - 2);  // a duplicate
      break;
    case 3:
      unit = fmt::format("X{}", i % 5);  // unknown (registered with register_unknown)
      code = fmt::format("Q-{}", i);     // no unit's code as a prefix either
      break;
    case 4:
      unit = "UBND xã An Bình";  // a unit's name
      break;
    case 5:
      extra = fmt::format(R"(,"MucDo":{},"Email":"a@b.vn")", 7 + i % 2);
      break;
    case 6:
      extra = R"(,"DuocThanhToanTrucTuyen":3,"MucDo":4)";
      break;
    case 7:
      extra = R"(,"TaiLieuNop":[{"DuocTaiSuDung":2},{"DuocSoHoa":5},null])";
      break;
    case 8:
      received = "2023-13-01";
      break;
    case 9:
      extra = R"(,"NgayTra":"20230308140000")";  // an end date while processing
      break;
    case 10:
      procedure = "true";
      if (i % 48 == 34) unit = "X98";  // the unit fails first
      break;
    case 11:
      procedure = fmt::format("\"9.{:03}\"", i % 5);  // unknown, registered or noted
      extra = R"(,"TenTTHC":"Th\u1ee7 t\u1ee5c","TenLinhVuc":"L\u0129nh v\u1ef1c","MucDo":3)";
      break;
    case 12:
      appointment = "null";  // computed from 1.001
      break;
    case 13:
      appointment = "\"\"";
      procedure = "\"1.003\"";  // not judged
      break;
    case 14:
      extra = R"(,"DanhSachHoSoBoSung":[{"NgayBoSung":"20230306100000","NgayTiepNhanBoSung":)"
              R"("20230307090000","NgayHenTraTruoc":"20230309160000"}])";
      break;
    case 15:
      extra = R"(,"TenTTHC":"a},{\"b\":[1,2]}, ] \" [{,","ChuHoSo":"},\n{")";
      break;
    case 16:
      extra = R"(,"MaLinhVuc" "XD")";  // malformed: balanced, so only the record is lost
      break;
    case 17:
      code = fmt::format("H55.01-Ho\xcc\x82\xcc\x80-{:04}", i);  // not NFC
      break;
    case 18:
      code = fmt::format("H55.01-H\xe1\xbb\x93-{:04}", i - 1);  // the same in NFC: a duplicate
      break;
    case 19:
      code = "";
      break;
    case 20:
      extra = fmt::format(R"(,"Field{}":1)", i % 41);  // more unknown fields than are listed
      break;
    case 21:
      extra = fmt::format(R"(,"TenTTHC":"{}")", std::string(300 + i % 7 * 100, 'x'));
      break;
    case 22:
      unit = "H55.0\\u0032";  // an escaped code
      code = fmt::format("H55.02-230306-\\u0030{:04}", i);
      break;
    default:
      break;
  }
  return fmt::format(
      R"({{"MaHoSo":"{}","MaTTHC":{},"DonViXuLy":"{}","NgayTiepNhan":"{}","NgayHenTra":{},)"
      R"("TrangThaiHoSo":{},"KenhThucHien":{}{}}})",
      code, procedure, unit, received, appointment, status, 1 + i % 3, extra);
}

constexpr int kRecords = 720;

std::string json_lines() {
  std::string out = "\xEF\xBB\xBF";
  for (int i = 0; i < kRecords; ++i) {
    out += record(i);
    if (i % 50 == 7) out += R"( {"MaHoSo":"extra"})";  // content after the record
    if (i % 70 == 3) out += "\n   \n[1,2]\r";          // a blank line, not an object
    if (i % 90 == 5) out += "\n{\"MaHoSo\": \"cut";    // a line that cannot be a record
    out += i % 3 == 0 ? "\r\n" : "\n";
  }
  return out;
}

std::string array(bool pretty, int records = kRecords) {
  std::string out = pretty ? "[\n  " : "[";
  for (int i = 0; i < records; ++i) {
    if (i > 0) out += pretty ? ",\n  " : ",";
    out += i % 100 == 99 ? "7" : record(i);  // not an object
  }
  out += pretty ? "\n]\n" : "]";
  return out;
}

// Every split of `json` gives what one thread in one pass gives.
void check_splits(const std::string& json, ImportOptions options = {}) {
  World reference;
  options.threads = 1;
  options.chunk_bytes = std::size_t{1} << 30;
  reference.run(json, options);
  BOOST_TEST(reference.report.reconciles());
  BOOST_TEST(reference.report.rejected_count() > 0u);
  BOOST_TEST(reference.store.size() > 0u);
  BOOST_TEST_MESSAGE(
      "read " << reference.report.read() << ", rejected " << reference.report.rejected_count()
              << ", warnings " << reference.report.warnings().size() << ", units "
              << reference.units.size() << ", procedures " << reference.procedures.size()
              << ", error '" << reference.error << "'");
  for (const std::size_t chunk :
       {std::size_t{1}, std::size_t{13}, std::size_t{250}, std::size_t{4096}, std::size_t{0}}) {
    for (const unsigned threads : {1u, 2u, 3u}) {
      BOOST_TEST_CONTEXT("chunk " << chunk << ", threads " << threads) {
        World w;
        options.threads = threads;
        options.chunk_bytes = chunk;
        w.run(json, options);
        check_same(reference, w);
      }
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(portal_threads)

BOOST_AUTO_TEST_CASE(json_lines_split_anywhere_give_one_pass_result) {
  check_splits(json_lines());
  ImportOptions o;
  o.register_unknown = true;
  check_splits(json_lines(), o);
}

BOOST_AUTO_TEST_CASE(arrays_split_anywhere_give_one_pass_result) {
  check_splits(array(true));
  check_splits(array(false));
  ImportOptions o;
  o.register_unknown_procedures = true;
  check_splits(array(false), o);
  o.register_unknown = true;
  check_splits(array(true), o);
}

BOOST_AUTO_TEST_CASE(request_bodies_split_anywhere_give_one_pass_result) {
  check_splits(R"({"service":"DongBoHoSoMC","isUpdating":false,"data":)" + array(true) +
               R"(,"session":"]}{[\"x"})");
}

BOOST_AUTO_TEST_CASE(an_array_that_cannot_be_read_stops_at_the_same_record) {
  std::string truncated = array(true);
  truncated.resize(truncated.rfind(']'));
  check_splits(truncated);
  std::string cut = array(false);
  cut.resize(cut.size() / 2);
  check_splits(cut);
  // An element whose extent is unknown ('}' closing a '['), and a missing ',' between records.
  std::string broken = array(true, 400);
  broken.resize(broken.rfind('\n', broken.size() - 2));
  check_splits(broken + ",\n" + R"({"MaHoSo":["x"}, {"MaHoSo":"y"}])");
  std::string no_comma = array(false, 500);
  no_comma.insert(no_comma.find(record(300)), record(299) + " ");
  check_splits(no_comma);
}

BOOST_AUTO_TEST_CASE(threads_see_the_result_of_one_pass_with_strict) {
  World one, two;
  ImportOptions o;
  o.strict = true;
  o.threads = 1;
  one.run(json_lines(), o);
  o.threads = 2;
  o.chunk_bytes = 300;
  two.run(json_lines(), o);
  BOOST_TEST(!one.error.empty());
  check_same(one, two);
}

BOOST_AUTO_TEST_SUITE_END()
