// The portal's sync records (primer §9) through import_portal_json, rule by rule (docs/formats.md,
// "Portal JSON"). Every expected value is worked out by hand from the rule in the comment above
// it. Times are local; 2023-03-06 is a Monday and the weeks of 6 and 13 March 2023 have no
// holiday, so a working day is 07:00-11:30 and 13:30-17:00 (480 minutes).

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/io/portal_import.hpp>

#include "calendar/test_support.hpp"
#include "io/portal_text.hpp"
#include "io/unit_names.hpp"

using namespace parmetrics;
using parmetrics::test::at;

namespace parmetrics {
// Found by argument-dependent lookup when a check fails; internal to this file.
static std::ostream& boost_test_print_type(std::ostream& os, Channel c) {
  return os << to_string(c);
}
static std::ostream& boost_test_print_type(std::ostream& os, EndKind k) {
  return os << (k == EndKind::none ? "none" : to_string(k));
}
static std::ostream& boost_test_print_type(std::ostream& os, Feedback f) {
  return os << to_string(f);
}
}  // namespace parmetrics

namespace {

// Two units and three procedures: 1.001 takes 3 working days, 1.002 4 working hours, 1.003 has
// no statutory time (default duration).
struct Portal {
  UnitRegistry units;
  ProcedureCatalog procedures;
  WorkingCalendar calendar;
  DossierStore store;
  ImportReport report;

  Portal() {
    units.add(Unit{"H55.01",
                   "UBND huyện",
                   "district",
                   "",
                   kFirstSupportedDay,
                   kLastSupportedDay,
                   {},
                   {},
                   {},
                   {},
                   {},
                   {}});
    units.add(Unit{"H55.02",
                   "UBND xã An Bình",
                   "commune",
                   "H55.01",
                   kFirstSupportedDay,
                   kLastSupportedDay,
                   {},
                   {},
                   {},
                   {},
                   {},
                   {}});
    units.resolve();
    Procedure p1;
    p1.code = "1.001";
    p1.name = "Cấp giấy phép xây dựng";
    p1.field = "Xây dựng";
    p1.duration = StatutoryTime::working_days(3);
    procedures.add(p1);
    Procedure p2;
    p2.code = "1.002";
    p2.name = "Chứng thực bản sao";
    p2.field = "Chứng thực";
    p2.duration = StatutoryTime::working_hours(4);
    procedures.add(p2);
    Procedure p3;
    p3.code = "1.003";
    p3.name = "Thủ tục không có thời hạn";
    procedures.add(p3);
  }

  void run(std::string_view json, const ImportOptions& options = {}) {
    import_portal_json(json, "portal.json", units, procedures, calendar, store, report, options);
  }

  Dossier row(std::string_view code) const {
    const auto i = store.find(code);
    BOOST_TEST_REQUIRE(i.has_value(), "dossier " << code << " not loaded");
    return store.row(*i);
  }

  /// The only rejection, checked field by field.
  void rejected_once(std::uint64_t line, std::string_view field, std::string_view value,
                     std::string_view reason) const {
    BOOST_TEST_REQUIRE(report.rejections().size() == 1u);
    const Rejection& r = report.rejections().front();
    BOOST_TEST(r.file == "portal.json");
    BOOST_TEST(r.line == line);
    BOOST_TEST(r.field == field);
    BOOST_TEST(r.value == value);
    BOOST_TEST(r.reason == reason);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(portal_import)

BOOST_AUTO_TEST_CASE(full_record_maps_every_field) {
  Portal p;
  p.run(R"json([
  {
    "MaHoSo": "H55.02-230306-0001",
    "MaTTHC": "1.001",
    "TenTTHC": "Cấp giấy phép xây dựng",
    "MaLinhVuc": "XD",
    "TenLinhVuc": "Xây dựng",
    "KenhThucHien": 2,
    "ChuHoSo": "Nguyễn Văn An",
    "LoaiDoiTuong": 1,
    "NgayNopHoSo": "20230305210000",
    "NgayTiepNhan": "20230306081500",
    "NgayHenTra": "20230309170000",
    "TrangThaiHoSo": 10,
    "NgayKetThucXuLy": "20230308101500",
    "NgayTra": "20230309090000",
    "NgayTuChoi": "",
    "DonViXuLy": "H55.02",
    "HoSoCoThanhPhanSoHoa": 1,
    "TaiKhoanDuocXacThucVoiVNeID": 1,
    "DuocThanhToanTrucTuyen": 1,
    "TaiLieuNop": [
      {"MaThanhPhanHoSo": "TP1", "DuocSoHoa": 1, "DuocTaiSuDung": 1, "DuocLayTuKhoDMQG": 0},
      {"MaThanhPhanHoSo": "TP2", "DuocSoHoa": 0, "DuocTaiSuDung": 0, "DuocLayTuKhoDMQG": 1}
    ],
    "DanhSachLePhi": [{"MaPhiLePhi": "LP1", "Gia": 50000}],
    "DanhSachHoSoBoSung": [
      {"NgayBoSung": "20230306140000", "NgayTiepNhanBoSung": "20230307090000",
       "TrangThaiBoSung": 2, "NgayHenTraMoi": "20230310100000"}
    ],
    "DanhSachGiayToKetQua": [{"MaGiayToKetQua": "KQ1", "DuongDanTepTinKetQua": "https://dvc/kq1.pdf"}]
  }
])json");
  BOOST_TEST(p.report.loaded_count() == 1u);
  BOOST_TEST(p.report.rejected_count() == 0u);
  const Dossier d = p.row("H55.02-230306-0001");
  BOOST_TEST(*d.procedure == 0u);            // 1.001 was added first
  BOOST_TEST(d.unit == 1u);                  // H55.02 second
  BOOST_TEST(d.channel == Channel::online);  // KenhThucHien 2
  BOOST_TEST(d.received == at(2023, 3, 6, 8, 15));
  BOOST_TEST(*d.appointment == at(2023, 3, 9, 17, 0));  // as recorded (no NgayHenTraTruoc)
  // Status 10 (result returned) with NgayKetThucXuLy: finished > returned, so it ended as
  // finished when processing ended; NgayTra is the return.
  BOOST_TEST(d.end_kind == EndKind::finished);
  BOOST_TEST(*d.ended == at(2023, 3, 8, 10, 15));
  BOOST_TEST(*d.returned == at(2023, 3, 9, 9, 0));
  // All eight flags: digitised, VNeID, paid online (1 = portal), fee (Gia > 0), reused (TP1),
  // from the data store (TP2), e-result (a file path), synced (pulled from the portal).
  BOOST_TEST(d.flags == 0xFF);
  BOOST_TEST_REQUIRE(d.supplements.size() == 1u);
  BOOST_TEST(d.supplements[0].requested == at(2023, 3, 6, 14, 0));
  BOOST_TEST(*d.supplements[0].completed == at(2023, 3, 7, 9, 0));
  BOOST_TEST(d.apologies.empty());
  BOOST_TEST(d.feedback == Feedback::none);
  // The appointment was recorded, not computed.
  BOOST_TEST(!dossier_status::appointment_computed(p.store.status()[0]));
}

BOOST_AUTO_TEST_CASE(minimal_record_takes_the_defaults) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"M1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"})json");
  const Dossier d = p.row("M1");
  BOOST_TEST(!d.procedure.has_value());
  BOOST_TEST(d.unit == 0u);
  BOOST_TEST(d.channel == Channel::direct);  // KenhThucHien missing = direct
  BOOST_TEST(d.end_kind == EndKind::none);   // no status, no end date: pending
  BOOST_TEST(!d.ended.has_value());
  BOOST_TEST(!d.returned.has_value());
  BOOST_TEST(d.flags == dossier_flag::synced);  // only "synced": the record came from the portal
  BOOST_TEST(d.supplements.empty());
}

BOOST_AUTO_TEST_CASE(channel_codes_as_numbers_or_strings) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"C1","KenhThucHien":1,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"C2","KenhThucHien":"2","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"C3","KenhThucHien":3,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"C4","KenhThucHien":null,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"C5","KenhThucHien":"","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"C6","KenhThucHien":4,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"C7","KenhThucHien":"online","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"C8","KenhThucHien":2.0,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  BOOST_TEST(p.row("C1").channel == Channel::direct);
  BOOST_TEST(p.row("C2").channel == Channel::online);
  BOOST_TEST(p.row("C3").channel == Channel::postal);
  // null and "" are "missing", and missing = direct.
  BOOST_TEST(p.row("C4").channel == Channel::direct);
  BOOST_TEST(p.row("C5").channel == Channel::direct);
  // 4 is no channel; "online" is not the portal's code; 2.0 is not an integer code.
  BOOST_TEST(p.report.loaded_count() == 5u);
  BOOST_TEST_REQUIRE(p.report.rejections().size() == 3u);
  const std::string reason = "not a channel code (1 direct, 2 online, 3 postal)";
  BOOST_TEST(p.report.rejections()[0].line == 6u);
  BOOST_TEST(p.report.rejections()[0].field == "KenhThucHien");
  BOOST_TEST(p.report.rejections()[0].value == "4");
  BOOST_TEST(p.report.rejections()[0].reason == reason);
  BOOST_TEST(p.report.rejections()[1].value == "online");
  BOOST_TEST(p.report.rejections()[2].value == "2.0");
  BOOST_TEST(p.report.rejections_by_reason().at(reason) == 3u);
}

BOOST_AUTO_TEST_CASE(each_status_gives_its_end) {
  Portal p;
  // Common part: received Mon 2023-03-06 08:15, appointment Fri 10 March 17:00, unit H55.01.
  // K = NgayKetThucXuLy 2023-03-08 10:00, T = NgayTra 2023-03-09 09:00, C = NgayTuChoi
  // 2023-03-07 15:00.
  p.run(
      R"json({"MaHoSo":"S1","TrangThaiHoSo":1,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S2","TrangThaiHoSo":2,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S3","TrangThaiHoSo":3,"NgayTuChoi":"20230307150000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S4","TrangThaiHoSo":"4","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S5","TrangThaiHoSo":5,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S6","TrangThaiHoSo":6,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S7","TrangThaiHoSo":7,"NgayKetThucXuLy":"20230308100000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S7C","TrangThaiHoSo":7,"NgayTuChoi":"20230307150000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S8","TrangThaiHoSo":8,"NgayTuChoi":"20230307150000","NgayKetThucXuLy":"20230308100000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S8K","TrangThaiHoSo":8,"NgayKetThucXuLy":"20230308100000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S9","TrangThaiHoSo":9,"NgayKetThucXuLy":"20230308100000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S9T","TrangThaiHoSo":9,"NgayTra":"20230309090000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S10","TrangThaiHoSo":10,"NgayKetThucXuLy":"20230308100000","NgayTra":"20230309090000","NgayTuChoi":"20230307150000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"S10T","TrangThaiHoSo":10,"NgayTra":"20230309090000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"N-K","NgayKetThucXuLy":"20230308100000","NgayTra":"20230309090000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"N-T","NgayTra":"20230309090000","NgayTuChoi":"20230307150000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"N-C","NgayTuChoi":"20230307150000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"N-0","TrangThaiHoSo":null,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  BOOST_TEST(p.report.rejected_count() == 0u);
  BOOST_TEST(p.report.loaded_count() == 18u);
  const MinuteStamp K = at(2023, 3, 8, 10, 0), T = at(2023, 3, 9, 9, 0), C = at(2023, 3, 7, 15, 0);
  // 1 registered, 2 received, 4 processing, 5 supplement requested, 6 financial obligation: not
  // ended.
  for (const char* code : {"S1", "S2", "S4", "S5", "S6"}) {
    BOOST_TEST(p.row(code).end_kind == EndKind::none, code);
    BOOST_TEST(!p.row(code).ended.has_value(), code);
  }
  // 3 not received: refused, at NgayTuChoi.
  BOOST_TEST(p.row("S3").end_kind == EndKind::refused);
  BOOST_TEST(*p.row("S3").ended == C);
  // 7 withdrawn: at NgayKetThucXuLy, else NgayTuChoi.
  BOOST_TEST(p.row("S7").end_kind == EndKind::withdrawn);
  BOOST_TEST(*p.row("S7").ended == K);
  BOOST_TEST(p.row("S7C").end_kind == EndKind::withdrawn);
  BOOST_TEST(*p.row("S7C").ended == C);
  // 8 stopped: at NgayTuChoi (preferred over NgayKetThucXuLy), else NgayKetThucXuLy.
  BOOST_TEST(p.row("S8").end_kind == EndKind::stopped);
  BOOST_TEST(*p.row("S8").ended == C);
  BOOST_TEST(p.row("S8K").end_kind == EndKind::stopped);
  BOOST_TEST(*p.row("S8K").ended == K);
  // 9 finished: at NgayKetThucXuLy; without it, the next date by priority, NgayTra (returned).
  BOOST_TEST(p.row("S9").end_kind == EndKind::finished);
  BOOST_TEST(*p.row("S9").ended == K);
  BOOST_TEST(p.row("S9T").end_kind == EndKind::returned);
  BOOST_TEST(*p.row("S9T").ended == T);
  BOOST_TEST(*p.row("S9T").returned == T);
  // 10 result returned: finished > returned > refused, so K wins over T and C.
  BOOST_TEST(p.row("S10").end_kind == EndKind::finished);
  BOOST_TEST(*p.row("S10").ended == K);
  BOOST_TEST(*p.row("S10").returned == T);
  BOOST_TEST(p.row("S10T").end_kind == EndKind::returned);
  BOOST_TEST(*p.row("S10T").ended == T);
  // No status: the dates by the same priority.
  BOOST_TEST(p.row("N-K").end_kind == EndKind::finished);
  BOOST_TEST(*p.row("N-K").ended == K);
  BOOST_TEST(p.row("N-T").end_kind == EndKind::returned);
  BOOST_TEST(*p.row("N-T").ended == T);
  BOOST_TEST(p.row("N-C").end_kind == EndKind::refused);
  BOOST_TEST(*p.row("N-C").ended == C);
  BOOST_TEST(p.row("N-0").end_kind == EndKind::none);
}

BOOST_AUTO_TEST_CASE(status_and_dates_that_contradict_are_rejected) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"X4","TrangThaiHoSo":4,"NgayKetThucXuLy":"20230308100000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"X11","TrangThaiHoSo":11,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"X0","TrangThaiHoSo":"0","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  BOOST_TEST(p.report.loaded_count() == 0u);
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 3u);
  // Processing (4) with an end date: which one is right is unknown.
  BOOST_TEST(r[0].field == "NgayKetThucXuLy");
  BOOST_TEST(r[0].value == "20230308100000");
  BOOST_TEST(r[0].reason == "an end date, but TrangThaiHoSo is 4 (processing)");
  // Codes run 1..10.
  BOOST_TEST(r[1].field == "TrangThaiHoSo");
  BOOST_TEST(r[1].value == "11");
  BOOST_TEST(r[1].reason == "not a status code (1-10)");
  BOOST_TEST(r[2].value == "0");
}

// A terminal status without the date that times it: ended, time unknown, loaded and not judged
// (issue 12: Hà Giang's system sends "10" with no dates). A date of another kind does not time the
// end: a refusal date does not say when a dossier finished (X9), nor a return when it was
// withdrawn (X7).
BOOST_AUTO_TEST_CASE(codes_compare_in_nfc) {
  // Issue 12: codes are NFC-normalised on input. MaHoSo and DonViXuLy with A + U+0303 (a
  // combining tilde) are the codes with the precomposed Ã.
  Portal p;
  p.units.add(Unit{"X\xC3\x83",
                   "Xã Ã",
                   "commune",
                   "H55.01",
                   kFirstSupportedDay,
                   kLastSupportedDay,
                   {},
                   {},
                   {},
                   {},
                   {},
                   {}});
  p.units.resolve();
  p.run(
      R"json({"MaHoSo":"HS-XA\u0303","DonViXuLy":"XA\u0303","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"HS-X\u00c3","DonViXuLy":"X\u00c3","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  BOOST_TEST(p.report.loaded_count() == 1u);
  BOOST_TEST_REQUIRE(p.report.rejections().size() == 1u);
  BOOST_TEST(p.report.rejections()[0].reason == "duplicate dossier code");
  BOOST_TEST(p.units[p.row("HS-X\xC3\x83").unit].code == "X\xC3\x83");
}

BOOST_AUTO_TEST_CASE(a_terminal_status_without_its_date_ends_at_an_unknown_time) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"X9","TrangThaiHoSo":9,"NgayTuChoi":"20230307150000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"X7","TrangThaiHoSo":"7","NgayTra":"20230309090000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"X8","TrangThaiHoSo":8,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"X3","TrangThaiHoSo":3,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500"}
{"MaHoSo":"X10","TrangThaiHoSo":"10","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  BOOST_TEST(p.report.rejected_count() == 0u);
  BOOST_TEST_REQUIRE(p.report.loaded_count() == 5u);
  const std::pair<const char*, EndKind> want[] = {{"X9", EndKind::finished},
                                                  {"X7", EndKind::withdrawn},
                                                  {"X8", EndKind::stopped},
                                                  {"X3", EndKind::refused},
                                                  {"X10", EndKind::returned}};
  for (const auto& [code, kind] : want) {
    BOOST_TEST_CONTEXT(code) {
      const Dossier d = p.row(code);
      BOOST_TEST(to_string(d.end_kind) == to_string(kind));
      BOOST_TEST(!d.ended);
      const auto i = *p.store.find(code);
      BOOST_TEST(p.store.ended()[i] == kEndUnknown);
    }
  }
  // X3 has neither an appointment nor a procedure: counted once, as ended at an unknown time.
  const auto& notes = p.report.loaded_notes();
  BOOST_TEST_REQUIRE(notes.count("not judged: ended, time unknown") == 1u);
  BOOST_TEST(notes.at("not judged: ended, time unknown") == 5u);
  BOOST_TEST(notes.count("not judged: no appointment") == 0u);
}

BOOST_AUTO_TEST_CASE(date_forms) {
  Portal p;
  // D1: seconds dropped (08:15:59 → 08:15). D2: yyyyMMddHHmm. D3: ISO with seconds. D4: a JSON
  // number of 14 digits. D5: NgayHenTra as a date alone = the end of that day, 23:59.
  // D6: all zeros is the exports' "no date": NgayKetThucXuLy absent, so not ended.
  p.run(
      R"json({"MaHoSo":"D1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081559","NgayHenTra":"20230310170000"}
{"MaHoSo":"D2","DonViXuLy":"H55.01","NgayTiepNhan":"202303060815","NgayHenTra":"202303101700"}
{"MaHoSo":"D3","DonViXuLy":"H55.01","NgayTiepNhan":"2023-03-06T08:15:30","NgayHenTra":"2023-03-10 17:00"}
{"MaHoSo":"D4","DonViXuLy":"H55.01","NgayTiepNhan":20230306081500,"NgayHenTra":20230310170000}
{"MaHoSo":"D5","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310"}
{"MaHoSo":"D6","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000","NgayKetThucXuLy":"00000000000000"}
)json");
  BOOST_TEST(p.report.rejected_count() == 0u);
  for (const char* code : {"D1", "D2", "D3", "D4"}) {
    BOOST_TEST(p.row(code).received == at(2023, 3, 6, 8, 15), code);
    BOOST_TEST(*p.row(code).appointment == at(2023, 3, 10, 17, 0), code);
  }
  BOOST_TEST(*p.row("D5").appointment == at(2023, 3, 10, 23, 59));
  BOOST_TEST(!p.row("D6").ended.has_value());
}

BOOST_AUTO_TEST_CASE(iso_times_with_fractions_and_offsets) {
  // Issue 12. Each receipt is 2023-03-06 08:15 in Vietnam (UTC+7): with a fraction (.NET's
  // "o" format writes seven digits), with +07:00, as 01:15 UTC ('Z'), as 03:15 at +02:00, and
  // as 20:15 the day before at -05:00 (+0500 and +05 forms too). The appointments are C#'s
  // DateTime default and MySQL's zero date: "no date", so computed from the procedure
  // (1.001: 3 working days → Thursday 9 March 08:15).
  Portal p;
  p.run(
      R"json({"MaHoSo":"I1","MaTTHC":"1.001","DonViXuLy":"H55.01","NgayTiepNhan":"2023-03-06T08:15:42.1234567","NgayHenTra":"0001-01-01T00:00:00"}
{"MaHoSo":"I2","MaTTHC":"1.001","DonViXuLy":"H55.01","NgayTiepNhan":"2023-03-06T08:15:00+07:00","NgayHenTra":"0000-00-00 00:00:00"}
{"MaHoSo":"I3","MaTTHC":"1.001","DonViXuLy":"H55.01","NgayTiepNhan":"2023-03-06T01:15:00Z","NgayHenTra":"0001-01-01T00:00:00.0000000"}
{"MaHoSo":"I4","MaTTHC":"1.001","DonViXuLy":"H55.01","NgayTiepNhan":"2023-03-06T03:15+02:00"}
{"MaHoSo":"I5","MaTTHC":"1.001","DonViXuLy":"H55.01","NgayTiepNhan":"2023-03-05T20:15:00-0500"}
{"MaHoSo":"I6","MaTTHC":"1.001","DonViXuLy":"H55.01","NgayTiepNhan":"2023-03-05T20:15-05"}
{"MaHoSo":"I7","MaTTHC":"1.001","DonViXuLy":"H55.01","NgayTiepNhan":"2023-02-30T08:15:00"}
{"MaHoSo":"I8","MaTTHC":"1.001","DonViXuLy":"H55.01","NgayTiepNhan":"2023-03-06T08:15:00+7"}
)json");
  for (const char* code : {"I1", "I2", "I3", "I4", "I5", "I6"}) {
    BOOST_TEST(p.row(code).received == at(2023, 3, 6, 8, 15), code);
    BOOST_TEST(*p.row(code).appointment == at(2023, 3, 9, 8, 15), code);
  }
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 2u);
  // 30 February has the right shape: no such date, not a bad format.
  BOOST_TEST(r[0].value == "2023-02-30T08:15:00");
  BOOST_TEST(r[0].reason.find("no such date") != std::string::npos);
  // "+7" is no offset ISO 8601 knows.
  BOOST_TEST(r[1].reason.find("not a date") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_sync_request_body_as_opencps_posts_it) {
  // OpenCPS, DVCQGIntegrationActionImpl.syncData (VietOpenCPS/opencps-v2,
  // modules/backend-dossiermgt/backend-dossiermgt-service/.../DVCQGIntegrationActionImpl.java):
  // body.put("session", …); body.put("madonvi", …); body.put("isUpdating", "False");
  // body.put("service", "DongBoHoSoMC"); body.put("data", [records]). Pretty-printed here.
  Portal p;
  p.run(R"json({
  "session": "abc",
  "madonvi": "000.00.01.H22",
  "isUpdating": "False",
  "service": "DongBoHoSoMC",
  "data": [
    {"MaHoSo":"E1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
    {"MaHoSo":"E2","DonViXuLy":"H55.01","NgayTiepNhan":"x"},
    {"MaHoSo":"E3","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
  ]
}
)json");
  BOOST_TEST(p.report.read() == 3u);
  BOOST_TEST(p.report.loaded_count() == 2u);
  BOOST_TEST_REQUIRE(p.report.rejections().size() == 1u);
  BOOST_TEST(p.report.rejections()[0].to_string().starts_with("portal.json:record 2: "));
  BOOST_TEST(p.report.warnings().empty());
  // "data" first, and another service: read all the same, with a warning.
  Portal q;
  q.run(
      R"json({"data":[{"MaHoSo":"E4","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}],"service":"DongBoTTHC","isUpdating":true})json");
  BOOST_TEST(q.report.loaded_count() == 1u);
  BOOST_TEST_REQUIRE(q.report.warnings().size() == 1u);
  BOOST_TEST(q.report.warnings()[0].find("'DongBoTTHC', not DongBoHoSoMC") != std::string::npos);
  // A body cut short stops with the place, as an array does.
  Portal t;
  BOOST_CHECK_THROW(t.run(R"json({"service":"DongBoHoSoMC","data":[{"MaHoSo":"E5"}] "x")json"),
                    DataError);
}

BOOST_AUTO_TEST_CASE(donvixuly_by_code_name_alias_or_the_dossier_code) {
  // Issue 12: OpenCPS (dossier.getGovAgencyName()), TD (g.GroupName) and a Hà Giang system
  // (Organizations.FName) all put the unit's name in DonViXuLy. Names match NFC-normalised, case-
  // and space-insensitively: N2 writes "xã" and "Bình" decomposed (a + U+0303, i + U+0300), in
  // capitals, with spaces doubled. N3 gives an alias; N4 nothing known, but its MaHoSo has the
  // national form {unit code}-{yyMMdd}-{n}. N5: a name two units share, and a code without the
  // form: rejected, saying why.
  UnitRegistry units;
  units.add(Unit{.code = "H55.01",
                 .name = "UBND huyện Hiệp Đức",
                 .level = "district",
                 .parent = "",
                 .successors = {},
                 .aliases = {},
                 .gso_code = {},
                 .successor_shares = {},
                 .succession = {},
                 .history = {}});
  units.add(Unit{.code = "H55.02",
                 .name = "UBND xã An Bình",
                 .level = "commune",
                 .parent = "H55.01",
                 .successors = {},
                 .aliases = {"Xã An Bình", "An Binh"},
                 .gso_code = {},
                 .successor_shares = {},
                 .succession = {},
                 .history = {}});
  units.add(Unit{.code = "H55.03",
                 .name = "UBND xã Quế Thọ",
                 .level = "commune",
                 .parent = "H55.01",
                 .successors = {},
                 .aliases = {},
                 .gso_code = {},
                 .successor_shares = {},
                 .succession = {},
                 .history = {}});
  units.add(Unit{.code = "H55.04",
                 .name = "UBND xã Quế Thọ",
                 .level = "commune",
                 .parent = "H55.01",
                 .successors = {},
                 .aliases = {},
                 .gso_code = {},
                 .successor_shares = {},
                 .succession = {},
                 .history = {}});
  units.resolve();
  ProcedureCatalog procedures;
  WorkingCalendar calendar;
  DossierStore store;
  ImportReport report;
  const std::string tail = R"(,"NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"})";
  const std::string json =
      R"({"MaHoSo":"N1","DonViXuLy":"UBND xã An Bình")" + tail + "\n" +
      "{\"MaHoSo\":\"N2\",\"DonViXuLy\":\"UBND  XA\xCC\x83  AN BI\xCC\x80NH \"" + tail + "\n" +
      R"({"MaHoSo":"N3","DonViXuLy":"an binh")" + tail + "\n" +
      R"({"MaHoSo":"H55.03-230306-0001","DonViXuLy":"Một phòng không ai biết")" + tail + "\n" +
      R"({"MaHoSo":"N5","DonViXuLy":"UBND xã Quế Thọ")" + tail + "\n" +
      R"({"MaHoSo":"N6","DonViXuLy":"Xã Không Có")" + tail + "\n";
  import_portal_json(json, "portal.json", units, procedures, calendar, store, report);
  const auto unit_of = [&](std::string_view code) -> std::string {
    const auto d = store.find(code);
    return d ? units[store.unit()[*d]].code : "(not loaded)";
  };
  BOOST_TEST(unit_of("N1") == "H55.02");
  BOOST_TEST(unit_of("N2") == "H55.02");
  BOOST_TEST(unit_of("N3") == "H55.02");
  BOOST_TEST(unit_of("H55.03-230306-0001") == "H55.03");
  BOOST_TEST(units.size() == 4u);  // nothing registered
  const auto& r = report.rejections();
  for (const Rejection& x : r) BOOST_TEST_MESSAGE(x.to_string());
  BOOST_TEST_REQUIRE(r.size() == 2u);
  BOOST_TEST(r[0].line == 5u);
  BOOST_TEST(r[0].reason == "unknown unit: a name several units share (give the code)");
  BOOST_TEST(r[1].line == 6u);
  BOOST_TEST(r[1].reason == "unknown unit");
  // Each way of matching is said once per value.
  const auto said = [&](std::string_view text) {
    return std::any_of(report.warnings().begin(), report.warnings().end(),
                       [&](const std::string& w) { return w.find(text) != std::string::npos; });
  };
  BOOST_TEST(said("portal.json:1: field 'DonViXuLy' = 'UBND xã An Bình': the name of unit H55.02"));
  BOOST_TEST(said("'an binh': the alias of unit H55.02"));
  BOOST_TEST(said("the unit found by the prefix of MaHoSo (H55.03)"));
}

BOOST_AUTO_TEST_CASE(unit_code_prefix_takes_only_the_national_form) {
  using parmetrics::detail::unit_code_prefix;
  BOOST_TEST(unit_code_prefix("000.00.30.H55-230831-0001") == "000.00.30.H55");
  BOOST_TEST(unit_code_prefix("H22.12-201005-0007") == "H22.12");  // OpenCPS
  BOOST_TEST(unit_code_prefix("TS10-2023-000123").empty());        // a school system's: no yyMMdd
  BOOST_TEST(unit_code_prefix("D17").empty());
  BOOST_TEST(unit_code_prefix("-230831-1").empty());
}

BOOST_AUTO_TEST_CASE(bad_dates_are_rejected_with_the_reason) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"B1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306","NgayHenTra":"20230310170000"}
{"MaHoSo":"B2","DonViXuLy":"H55.01","NgayTiepNhan":"20230230081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"B3","DonViXuLy":"H55.01","NgayTiepNhan":"20230306241500","NgayHenTra":"20230310170000"}
{"MaHoSo":"B4","DonViXuLy":"H55.01","NgayTiepNhan":"18991231081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"B5","DonViXuLy":"H55.01","NgayTiepNhan":"06/03/2023 08:15","NgayHenTra":"20230310170000"}
{"MaHoSo":"B6","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000","NgayKetThucXuLy":"2023030810"}
{"MaHoSo":"B7","DonViXuLy":"H55.01","NgayTiepNhan":true,"NgayHenTra":"20230310170000"}
{"MaHoSo":"B8","DonViXuLy":"H55.01","NgayTiepNhan":"","NgayHenTra":"20230310170000"}
)json");
  BOOST_TEST(p.report.loaded_count() == 0u);
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 8u);
  // An instant given as a date alone: 00:00 or the office's opening? Unknown, so rejected.
  BOOST_TEST(r[0].field == "NgayTiepNhan");
  BOOST_TEST(r[0].value == "20230306");
  BOOST_TEST(r[0].reason == "a date without a time of day");
  // 30 February; 24:15.
  BOOST_TEST(r[1].reason == "no such date or time");
  BOOST_TEST(r[2].reason == "no such date or time");
  // 1899 is before the calendar's first day.
  BOOST_TEST(r[3].reason == "time outside 1900-01-01..2199-12-31");
  // dd/MM/yyyy could be MM/dd: not accepted. 10 digits is no form.
  BOOST_TEST(r[4].reason == "not a date (yyyyMMddHHmmss)");
  BOOST_TEST(r[5].field == "NgayKetThucXuLy");
  BOOST_TEST(r[5].reason == "not a date (yyyyMMddHHmmss)");
  BOOST_TEST(r[6].value == "true");
  BOOST_TEST(r[6].reason == "not a date (yyyyMMddHHmmss)");
  // "" is missing, and the receipt is required.
  BOOST_TEST(r[7].field == "NgayTiepNhan");
  BOOST_TEST(r[7].reason == "required value missing");
}

BOOST_AUTO_TEST_CASE(flags_accept_numbers_strings_and_booleans) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"F1","HoSoCoThanhPhanSoHoa":"1","TaiKhoanDuocXacThucVoiVNeID":true,"DuocThanhToanTrucTuyen":"2","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"F2","HoSoCoThanhPhanSoHoa":0,"TaiKhoanDuocXacThucVoiVNeID":"0","DuocThanhToanTrucTuyen":0,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"F3","HoSoCoThanhPhanSoHoa":null,"TaiKhoanDuocXacThucVoiVNeID":"","DuocThanhToanTrucTuyen":3,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"F4","HoSoCoThanhPhanSoHoa":2,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"F5","TaiKhoanDuocXacThucVoiVNeID":"yes","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"F6","DuocThanhToanTrucTuyen":"co","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  using namespace dossier_flag;
  // F1: "1" digitised, true VNeID, "2" paid through the provincial gateway.
  BOOST_TEST(p.row("F1").flags == (synced | digitised | vneid | paid_online));
  // F2: zeros as numbers and strings.
  BOOST_TEST(p.row("F2").flags == synced);
  // F3: null and "" are 0; payment code 3 is "else: not paid online".
  BOOST_TEST(p.row("F3").flags == synced);
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 3u);
  BOOST_TEST(r[0].field == "HoSoCoThanhPhanSoHoa");
  BOOST_TEST(r[0].value == "2");
  BOOST_TEST(r[0].reason == "bad flag (expected 0 or 1)");
  BOOST_TEST(r[1].field == "TaiKhoanDuocXacThucVoiVNeID");
  BOOST_TEST(r[1].value == "yes");
  BOOST_TEST(r[2].field == "DuocThanhToanTrucTuyen");
  BOOST_TEST(r[2].value == "co");
}

BOOST_AUTO_TEST_CASE(documents_fees_and_results_set_flags) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"L1","HoSoCoThanhPhanSoHoa":0,"TaiLieuNop":[{"DuocSoHoa":0},{"DuocSoHoa":"1","DuocTaiSuDung":0,"DuocLayTuKhoDMQG":true}],"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"L2","TaiLieuNop":[],"DanhSachLePhi":[{"MaPhiLePhi":"P","Gia":0}],"DanhSachGiayToKetQua":[{"MaGiayToKetQua":"KQ","DuongDanTepTinKetQua":""}],"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"L3","TaiLieuNop":null,"DanhSachLePhi":[{"Gia":null},{"Gia":"50.000"}],"DanhSachGiayToKetQua":[{"MaGiayToKetQua":"KQ"},{"DuongDanTepTinKetQua":"/files/kq.pdf"}],"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"L4","TaiLieuNop":[{"DuocTaiSuDung":1}],"DanhSachLePhi":"","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"L5","DanhSachLePhi":[{"Gia":-5000}],"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"L6","DanhSachLePhi":[{"Gia":"mien phi"}],"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"L7","TaiLieuNop":[{"DuocSoHoa":5}],"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"L8","TaiLieuNop":{"DuocSoHoa":1},"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"L9","TaiLieuNop":[1],"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  using namespace dossier_flag;
  // L1: the dossier flag says 0 but a component was digitised ("1"): any digitised component
  // counts. One from the data store (true); none reused (0).
  BOOST_TEST(p.row("L1").flags == (synced | digitised | from_store));
  // L2: empty document list, a fee of 0 (no fee due), a result without a file: nothing.
  BOOST_TEST(p.row("L2").flags == synced);
  // L3: a fee "50.000" > 0 (whatever the separator); a result entry with a file path.
  BOOST_TEST(p.row("L3").flags == (synced | fee_due | e_result));
  // L4: a reused component; "" for a list is an empty list.
  BOOST_TEST(p.row("L4").flags == (synced | reused));
  // L7: an attachment's flag 5 is no flag: not counted, and the dossier is kept (issue 12: one
  // attachment's flag never costs its dossier), with a warning.
  BOOST_TEST(p.row("L7").flags == synced);
  BOOST_TEST(p.report.warnings().size() == 1u);
  BOOST_TEST(p.report.warnings()[0] ==
             "portal.json:7: field 'DuocSoHoa' = '5': not 0 or 1: the attachment's flag is not "
             "counted (first seen here; said once per value)");
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 4u);
  BOOST_TEST(r[0].line == 5u);
  BOOST_TEST(r[0].field == "DanhSachLePhi[1].Gia");
  BOOST_TEST(r[0].value == "-5000");
  BOOST_TEST(r[0].reason == "negative amount");
  BOOST_TEST(r[1].field == "DanhSachLePhi[1].Gia");
  BOOST_TEST(r[1].reason == "not an amount");
  BOOST_TEST(r[2].field == "TaiLieuNop");
  BOOST_TEST(r[2].reason == "expected a list");
  BOOST_TEST(r[3].field == "TaiLieuNop[1]");
  BOOST_TEST(r[3].value == "1");
  BOOST_TEST(r[3].reason == "expected an object");
}

BOOST_AUTO_TEST_CASE(supplements_and_the_appointment_before_them) {
  Portal p;
  // Received Mon 6 March 08:15. Two requests written out of order; the earliest (Mon 14:00)
  // carries NgayHenTraTruoc = Thu 9 March 17:00, the appointment before any pause, while
  // NgayHenTra (Fri 10 March 17:00) is the one the portal moved: the first is kept, so that the
  // engine's own pause shift does not count the pause twice. The second request is still open.
  p.run(
      R"json([{"MaHoSo":"P1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000",
  "DanhSachHoSoBoSung":[
    {"NgayBoSung":"20230308100000","TrangThaiBoSung":1,"NgayHenTraTruoc":"20230310170000"},
    {"NgayBoSung":"20230306140000","NgayTiepNhanBoSung":"20230307090000","TrangThaiBoSung":2,
     "NgayHenTraTruoc":"20230309170000","NgayHenTraMoi":"20230310170000"}]}])json");
  BOOST_TEST(p.report.rejected_count() == 0u);
  const Dossier d = p.row("P1");
  BOOST_TEST(*d.appointment == at(2023, 3, 9, 17, 0));
  BOOST_TEST_REQUIRE(d.supplements.size() == 2u);
  // The store keeps events by time.
  BOOST_TEST(d.supplements[0].requested == at(2023, 3, 6, 14, 0));
  BOOST_TEST(*d.supplements[0].completed == at(2023, 3, 7, 9, 0));
  BOOST_TEST(d.supplements[1].requested == at(2023, 3, 8, 10, 0));
  BOOST_TEST(!d.supplements[1].completed.has_value());
}

BOOST_AUTO_TEST_CASE(inconsistent_supplements_are_rejected) {
  Portal p;
  // Received Mon 6 March 08:15; S4 and S5 ended (status 9) Wed 8 March 10:00.
  p.run(
      R"json({"MaHoSo":"S1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000","DanhSachHoSoBoSung":[{"NgayBoSung":"20230307090000","NgayTiepNhanBoSung":"20230306150000"}]}
{"MaHoSo":"S2","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000","DanhSachHoSoBoSung":[{"NgayTiepNhanBoSung":"20230307150000"}]}
{"MaHoSo":"S3","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000","DanhSachHoSoBoSung":[{"NgayBoSung":"20230306080000"}]}
{"MaHoSo":"S4","TrangThaiHoSo":9,"NgayKetThucXuLy":"20230308100000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000","DanhSachHoSoBoSung":[null,{"NgayBoSung":"20230309080000"}]}
{"MaHoSo":"S5","TrangThaiHoSo":9,"NgayKetThucXuLy":"20230308100000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000","DanhSachHoSoBoSung":[{"NgayBoSung":"20230307090000","NgayTiepNhanBoSung":"20230308150000"}]}
)json");
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 5u);
  BOOST_TEST(r[0].field == "DanhSachHoSoBoSung[1].NgayTiepNhanBoSung");
  BOOST_TEST(r[0].value == "20230306150000");
  BOOST_TEST(r[0].reason == "supplement completed before requested");
  BOOST_TEST(r[1].field == "DanhSachHoSoBoSung[1].NgayBoSung");
  BOOST_TEST(r[1].reason == "required value missing");
  // 08:00 is before the receipt at 08:15.
  BOOST_TEST(r[2].reason == "event before receipt");
  // The null entry counts in the numbering; Thu 9 March is after the end on Wed 8 March.
  BOOST_TEST(r[3].field == "DanhSachHoSoBoSung[2].NgayBoSung");
  BOOST_TEST(r[3].reason == "supplement requested after the end");
  // S5: completed Wed 15:00, after the end at Wed 10:00.
  BOOST_TEST(r[4].field == "DanhSachHoSoBoSung[1].NgayTiepNhanBoSung");
  BOOST_TEST(r[4].reason == "supplement completed after the end");
}

BOOST_AUTO_TEST_CASE(missing_appointment_is_computed_from_the_procedure) {
  Portal p;
  // A1: 1.001 takes 3 working days: Mon 6 March 08:15 + 3 × 480 working minutes = Thu 9 March
  // 08:15 (each working day from 08:15 to the next day's 08:15 is exactly 480 minutes).
  // A2: 1.002 takes 4 working hours: from 08:15, 195 minutes to 11:30, then 45 minutes from
  // 13:30 → 14:15.
  // A3: 1.003 has no statutory time, A4 no procedure: nothing to compute from, so loaded
  // without an appointment, counted as not judged (issue 12: reject only what cannot be placed).
  p.run(R"json({"MaHoSo":"A1","MaTTHC":"1.001","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500"}
{"MaHoSo":"A2","MaTTHC":"1.002","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":null}
{"MaHoSo":"A3","MaTTHC":"1.003","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500"}
{"MaHoSo":"A4","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":""}
)json");
  BOOST_TEST(*p.row("A1").appointment == at(2023, 3, 9, 8, 15));
  BOOST_TEST(*p.row("A2").appointment == at(2023, 3, 6, 14, 15));
  BOOST_TEST(dossier_status::appointment_computed(p.store.status()[*p.store.find("A1")]));
  BOOST_TEST(p.report.rejections().empty());
  BOOST_TEST(!p.row("A3").appointment.has_value());
  BOOST_TEST(!p.row("A4").appointment.has_value());
  BOOST_TEST(p.report.loaded_notes().at("not judged: no appointment") == 2u);
  BOOST_TEST_REQUIRE(p.report.warnings().size() == 1u);
  BOOST_TEST(p.report.warnings()[0] ==
             "portal.json:3: record 'A3': not judged: no appointment, loaded and counted (2 "
             "records; the first here)");
}

BOOST_AUTO_TEST_CASE(times_before_receipt_are_rejected) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"R1","TrangThaiHoSo":9,"NgayKetThucXuLy":"20230306080000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"R2","TrangThaiHoSo":10,"NgayKetThucXuLy":"20230308100000","NgayTra":"20230305100000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"R3","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230305"}
)json");
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 3u);
  BOOST_TEST(r[0].field == "NgayKetThucXuLy");
  BOOST_TEST(r[0].reason == "end before receipt");
  BOOST_TEST(r[1].field == "NgayTra");
  BOOST_TEST(r[1].reason == "returned before receipt");
  // 5 March 23:59 is still before 6 March 08:15.
  BOOST_TEST(r[2].field == "NgayHenTra");
  BOOST_TEST(r[2].reason == "appointment before receipt");
}

BOOST_AUTO_TEST_CASE(unknown_unit_and_procedure_without_registration) {
  Portal p;
  p.run(
      R"json([{"MaHoSo":"U1","DonViXuLy":"H99.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
{"MaHoSo":"U2","MaTTHC":"9.999","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
{"MaHoSo":"U3","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}])json");
  // U2's procedure is unknown: kept, procedure unknown (it still counts as received).
  BOOST_TEST(p.report.loaded_count() == 1u);
  BOOST_TEST(!p.row("U2").procedure.has_value());
  BOOST_TEST(p.report.loaded_notes().at("procedure unknown") == 1u);
  BOOST_TEST(p.report.warnings().at(0) ==
             "portal.json:record 2: procedure '9.999': procedure unknown, loaded and counted (1 "
             "record; the first here)");
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 2u);
  BOOST_TEST(r[0].line == 1u);  // an array: the record's number
  BOOST_TEST(r[0].field == "DonViXuLy");
  BOOST_TEST(r[0].value == "H99.01");
  BOOST_TEST(r[0].reason == "unknown unit");
  // "h99.01" is 2 edits from H55.01 (within a third of 6 characters), 3 from H55.02.
  BOOST_TEST(r[0].hint == "nearest known units: H55.01 (UBND huyện)");
  BOOST_TEST(r[1].line == 3u);
  BOOST_TEST(r[1].field == "DonViXuLy");
  BOOST_TEST(r[1].reason == "required value missing");
  BOOST_TEST(p.units.size() == 2u);
  BOOST_TEST(p.procedures.size() == 3u);
}

BOOST_AUTO_TEST_CASE(unknown_unit_and_procedure_with_registration) {
  Portal p;
  ImportOptions options;
  options.register_unknown = true;
  p.run(
      R"json({"MaHoSo":"U1","MaTTHC":"2.001","TenTTHC":"Đăng ký khai sinh","MaLinhVuc":"HT","TenLinhVuc":"Hộ tịch","DonViXuLy":"H99.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"U2","MaTTHC":"2.002","MaLinhVuc":"HT","DonViXuLy":"H99.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"U3","MaTTHC":"2.001","DonViXuLy":"H99.02","NgayTiepNhan":"20230306081500"}
)json",
      options);
  // U1 registers unit H99.01 (named by its code, level "unknown") and procedure 2.001 (name
  // TenTTHC, field TenLinhVuc). U2 reuses the unit and registers 2.002, whose field falls back to
  // MaLinhVuc and name to its code. U3 has no appointment and 2.001 no statutory time: loaded,
  // not judged, and its unit H99.02 registered.
  BOOST_TEST(p.report.loaded_count() == 3u);
  BOOST_TEST(p.report.loaded_notes().at("not judged: no appointment") == 1u);
  BOOST_TEST(p.units.size() == 4u);
  const auto unit = p.units.find("H99.01");
  BOOST_TEST_REQUIRE(unit.has_value());
  BOOST_TEST(p.units[*unit].name == "H99.01");
  BOOST_TEST(p.units.level_name(p.units.level(*unit)) == "unknown");
  BOOST_TEST(!p.units.parent(*unit).has_value());  // resolved: queries work
  BOOST_TEST(p.units.find("H99.02").has_value());
  BOOST_TEST(p.procedures.size() == 5u);
  const auto p1 = p.procedures.find("2.001");
  BOOST_TEST_REQUIRE(p1.has_value());
  BOOST_TEST(p.procedures[*p1].name == "Đăng ký khai sinh");
  BOOST_TEST(p.procedures[*p1].field == "Hộ tịch");
  const auto p2 = p.procedures.find("2.002");
  BOOST_TEST_REQUIRE(p2.has_value());
  BOOST_TEST(p.procedures[*p2].name == "2.002");
  BOOST_TEST(p.procedures[*p2].field == "HT");
  BOOST_TEST(p.row("U1").unit == *unit);
  BOOST_TEST(*p.row("U1").procedure == *p1);
  BOOST_TEST(p.row("U2").unit == *unit);
  BOOST_TEST(!p.row("U3").appointment.has_value());
  BOOST_TEST(p.report.rejections().empty());
}

BOOST_AUTO_TEST_CASE(duplicate_codes_are_rejected) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"H55.01-230306-0001","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"H55.01-230306-0001","KenhThucHien":2,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  // The first stays as it was (direct); the second is rejected.
  BOOST_TEST(p.store.size() == 1u);
  BOOST_TEST(p.row("H55.01-230306-0001").channel == Channel::direct);
  p.rejected_once(2, "MaHoSo", "H55.01-230306-0001", "duplicate dossier code");
  // A second import meets the code in the store.
  p.run(
      R"json([{"MaHoSo":"H55.01-230306-0001","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}])json");
  BOOST_TEST(p.report.rejected_count() == 2u);
  BOOST_TEST(p.report.rejections()[1].line == 1u);
  BOOST_TEST(p.report.rejections()[1].reason == "duplicate dossier code");
}

BOOST_AUTO_TEST_CASE(codes_may_be_numbers) {
  Portal p;
  ImportOptions options;
  options.register_unknown = true;
  p.run(
      R"json({"MaHoSo":123456,"DonViXuLy":"H55.01","MaTTHC":1.001,"NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":true,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"Z\u0000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json",
      options);
  // A number is kept as written: MaHoSo "123456", and MaTTHC 1.001 is the known procedure
  // "1.001" (id 0), not the float 1.001.
  BOOST_TEST(*p.row("123456").procedure == 0u);
  BOOST_TEST(p.procedures.size() == 3u);
  BOOST_TEST_REQUIRE(p.report.rejections().size() == 2u);
  BOOST_TEST(p.report.rejections()[0].line == 2u);
  BOOST_TEST(p.report.rejections()[0].value == "true");
  BOOST_TEST(p.report.rejections()[0].reason == "not a code");
  // "\u0000" decodes to a NUL byte, shown escaped.
  BOOST_TEST(p.report.rejections()[1].value == "Z\\x00");
  BOOST_TEST(p.report.rejections()[1].reason == "control character in a code");
}

BOOST_AUTO_TEST_CASE(json_lines_and_array_load_the_same) {
  const char* lines =
      R"json({"MaHoSo":"J1","KenhThucHien":2,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000","TrangThaiHoSo":9,"NgayKetThucXuLy":"20230308100000"}
{"MaHoSo":"J2","KenhThucHien":3,"DonViXuLy":"H55.02","NgayTiepNhan":"20230307100000","MaTTHC":"1.001","DanhSachHoSoBoSung":[{"NgayBoSung":"20230307140000"}]}
)json";
  const char* array = R"json(  [
    {"MaHoSo": "J1", "KenhThucHien": 2, "DonViXuLy": "H55.01", "NgayTiepNhan": "20230306081500",
     "NgayHenTra": "20230310170000", "TrangThaiHoSo": 9, "NgayKetThucXuLy": "20230308100000"},
    {"MaHoSo": "J2", "KenhThucHien": 3, "DonViXuLy": "H55.02", "NgayTiepNhan": "20230307100000",
     "MaTTHC": "1.001", "DanhSachHoSoBoSung": [{"NgayBoSung": "20230307140000"}]}
  ]
)json";
  Portal a, b;
  a.run(lines);
  b.run(array);
  BOOST_TEST(a.report.loaded_count() == 2u);
  BOOST_TEST(b.report.loaded_count() == 2u);
  for (const char* code : {"J1", "J2"}) {
    const Dossier x = a.row(code), y = b.row(code);
    BOOST_TEST(x.unit == y.unit);
    BOOST_TEST(x.channel == y.channel);
    BOOST_TEST(x.received == y.received);
    BOOST_CHECK(x.appointment == y.appointment);
    BOOST_CHECK(x.ended == y.ended);
    BOOST_TEST(x.end_kind == y.end_kind);
    BOOST_TEST(x.flags == y.flags);
    BOOST_TEST(x.supplements.size() == y.supplements.size());
  }
  // J2: received Tue 7 March 10:00 + 3 working days = Fri 10 March 10:00 (computed).
  BOOST_TEST(*b.row("J2").appointment == at(2023, 3, 10, 10, 0));
  BOOST_TEST(b.row("J2").channel == Channel::postal);
}

BOOST_AUTO_TEST_CASE(a_bad_line_in_json_lines_is_rejected_and_the_rest_loaded) {
  Portal p;
  // Line 1 fine; line 2 blank (skipped, still counted); line 3 lacks a closing quote; line 4
  // fine with CRLF; line 5 has a missing comma; line 6 is an array, not a record; line 7 has
  // text after the record; line 8 fine, and no final newline.
  p.run(
      "{\"MaHoSo\":\"G1\",\"DonViXuLy\":\"H55.01\",\"NgayTiepNhan\":\"20230306081500\","
      "\"NgayHenTra\":\"20230310170000\"}\n"
      "   \n"
      "{\"MaHoSo\":\"G2,\"DonViXuLy\":\"H55.01\"}\n"
      "{\"MaHoSo\":\"G3\",\"DonViXuLy\":\"H55.01\",\"NgayTiepNhan\":\"20230306081500\","
      "\"NgayHenTra\":\"20230310170000\"}\r\n"
      "{\"MaHoSo\":\"G4\" \"DonViXuLy\":\"H55.01\"}\n"
      "[1,2]\n"
      "{\"MaHoSo\":\"G5\",\"DonViXuLy\":\"H55.01\",\"NgayTiepNhan\":\"20230306081500\","
      "\"NgayHenTra\":\"20230310170000\"} x\n"
      "{\"MaHoSo\":\"G6\",\"DonViXuLy\":\"H55.01\",\"NgayTiepNhan\":\"20230306081500\","
      "\"NgayHenTra\":\"20230310170000\"}");
  BOOST_TEST(p.report.read() == 7u);
  BOOST_TEST(p.report.loaded_count() == 3u);
  BOOST_TEST(p.report.rejected_count() == 4u);
  BOOST_TEST(p.report.reconciles());
  BOOST_TEST(p.store.find("G1").has_value());
  BOOST_TEST(p.store.find("G3").has_value());
  BOOST_TEST(p.store.find("G6").has_value());
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 4u);
  BOOST_TEST(r[0].line == 3u);
  BOOST_TEST(r[0].field == "");
  BOOST_TEST(r[0].reason.starts_with("malformed JSON"));
  BOOST_TEST(r[1].line == 5u);
  BOOST_TEST(r[1].reason.starts_with("malformed JSON"));
  BOOST_TEST(r[2].line == 6u);
  BOOST_TEST(r[2].value == "[1,2]");
  BOOST_TEST(r[2].reason == "not a JSON object");
  BOOST_TEST(r[3].line == 7u);
  BOOST_TEST(r[3].value == "x");
  BOOST_TEST(r[3].reason == "malformed JSON: content after the record on its line");
}

BOOST_AUTO_TEST_CASE(one_record_per_line) {
  Portal p;
  // Line 1 holds two records: which one is meant is unknown, so the line is rejected (the value
  // shown is what follows the first). Line 2 is a record cut short.
  p.run(
      R"json({"MaHoSo":"Y1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"} {"MaHoSo":"Y2"}
{"MaHoSo":"Y3","DonViXuLy":"H55.01"
)json");
  BOOST_TEST(p.report.loaded_count() == 0u);
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 2u);
  BOOST_TEST(r[0].line == 1u);
  BOOST_TEST(r[0].value == R"({"MaHoSo":"Y2"})");
  BOOST_TEST(r[0].reason == "malformed JSON: content after the record on its line");
  BOOST_TEST(r[1].line == 2u);
  BOOST_TEST(r[1].reason == "malformed JSON: the record's '{' is not closed");
}

BOOST_AUTO_TEST_CASE(a_broken_record_inside_an_array_is_rejected_alone) {
  Portal p;
  // Record 2 lacks a colon, but its braces still delimit it: rejected, records 1 and 3 loaded.
  p.run(R"json([
{"MaHoSo":"K1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
{"MaHoSo" "K2","DonViXuLy":"H55.01"},
{"MaHoSo":"K3","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
"K4"
])json");
  BOOST_TEST(p.report.loaded_count() == 2u);
  BOOST_TEST(p.report.rejected_count() == 2u);
  BOOST_TEST(p.report.rejections()[0].line == 2u);
  BOOST_TEST(p.report.rejections()[0].reason.starts_with("malformed JSON"));
  BOOST_TEST(p.report.rejections()[1].line == 4u);
  BOOST_TEST(p.report.rejections()[1].reason == "not a JSON object");
}

BOOST_AUTO_TEST_CASE(strings_with_brackets_quotes_and_escapes_delimit_correctly) {
  Portal p;
  // Brackets and escaped quotes inside strings are text, not structure; \u escapes are decoded;
  // a record spanning lines inside an array is fine.
  p.run(R"json([
  {"MaHoSo":"E\"1","TenTTHC":"Cấp {mới} [lần 2], \\ \"x\"","DonViXuLy":"H55\u002E01",
   "NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
  {"MaHoSo":"E2]}","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
])json");
  BOOST_TEST(p.report.loaded_count() == 2u);
  BOOST_TEST(p.store.find("E\"1").has_value());
  BOOST_TEST(p.row("E\"1").unit == 0u);  // "H55\u002E01" is "H55.01"
  BOOST_TEST(p.store.find("E2]}").has_value());
}

BOOST_AUTO_TEST_CASE(an_array_that_cannot_be_delimited_stops_the_import) {
  {
    // Truncated after record 1: record 1 is loaded, record 2's '{' never closes (it starts at
    // byte 102 = 1 '[' + 1 newline + 98 bytes of record 1 + ',' + newline, line 3 column 1).
    Portal p;
    const std::string rec1 =
        R"({"MaHoSo":"T1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"})";
    BOOST_TEST_REQUIRE(rec1.size() == 98u);
    const std::string text = "[\n" + rec1 + ",\n" + R"({"MaHoSo":"T2",)";
    try {
      p.run(text);
      BOOST_FAIL("no DataError");
    } catch (const DataError& e) {
      BOOST_TEST(e.origin() == "portal.json");
      BOOST_TEST(e.location() == "byte 102 (line 3, column 1)");
      BOOST_TEST(e.reason() ==
                 "record 2: the record's '{' is not closed; 2 records read, the rest of the file "
                 "was not");
    }
    // What was read stays: record 1 loaded, record 2 rejected; the report reconciles.
    BOOST_TEST(p.report.loaded_count() == 1u);
    BOOST_TEST(p.report.rejected_count() == 1u);
    BOOST_TEST(p.report.reconciles());
    BOOST_TEST(p.store.find("T1").has_value());
  }
  {
    // A missing comma between records: after record 1 (98 bytes from byte 1) comes '{' at
    // byte 99 on line 1, its 100th column.
    Portal p;
    const std::string rec =
        R"({"MaHoSo":"T1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"})";
    try {
      p.run("[" + rec + rec + "]");
      BOOST_FAIL("no DataError");
    } catch (const DataError& e) {
      BOOST_TEST(e.location() == "byte 99 (line 1, column 100)");
      BOOST_TEST(
          e.reason() ==
          "expected ',' or ']' after record 1; 1 records read, the rest of the file was not");
    }
    BOOST_TEST(p.report.loaded_count() == 1u);
  }
  {
    // Junk after the closing bracket.
    Portal p;
    BOOST_CHECK_THROW(p.run("[] x"), DataError);
    // A trailing comma.
    BOOST_CHECK_THROW(p.run(R"([{"MaHoSo":"E"},])"), DataError);
    // Neither '[' nor '{' first.
    BOOST_CHECK_THROW(p.run("MaHoSo,DonViXuLy\n"), DataError);
  }
  {
    // A bracket closed by the other kind: the record's extent is unknown. The ']' is at byte 12.
    Portal p;
    try {
      p.run(R"([{"MaHoSo":[}])");
      BOOST_FAIL("no DataError");
    } catch (const DataError& e) {
      BOOST_TEST(e.location() == "byte 12 (line 1, column 13)");
      BOOST_TEST(e.reason() ==
                 "record 1: '}' closes a '['; 1 records read, the rest of the file was not");
    }
  }
}

BOOST_AUTO_TEST_CASE(bom_blank_and_empty_inputs) {
  Portal p;
  p.run("");
  p.run(" \n\r\n\t");
  p.run("[]");
  p.run("\xEF\xBB\xBF[ ]\n");
  BOOST_TEST(p.report.read() == 0u);
  p.run(
      "\xEF\xBB\xBF"
      R"({"MaHoSo":"BOM","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"})");
  BOOST_TEST(p.report.loaded_count() == 1u);
}

BOOST_AUTO_TEST_CASE(field_given_twice_and_list_where_a_value_belongs) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"W1","DonViXuLy":"H55.01","DonViXuLy":"H55.02","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":["W2"],"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 2u);
  // Which of the two units is right is unknown.
  BOOST_TEST(r[0].field == "DonViXuLy");
  BOOST_TEST(r[0].reason == "field given twice");
  BOOST_TEST(r[1].field == "MaHoSo");
  BOOST_TEST(r[1].reason == "expected a single value, not a list or an object");
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_warned_about_once) {
  Portal p;
  p.run(
      R"json({"MaHoSo":"W1","SoDienThoai":"0900000000","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"W2","SoDienThoai":"0900000001","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json");
  BOOST_TEST(p.report.loaded_count() == 2u);
  BOOST_TEST_REQUIRE(p.report.warnings().size() == 1u);
  // Once per file and name, with how many records carried it (issue 12).
  BOOST_TEST(p.report.warnings()[0] ==
             "portal.json:1: field 'SoDienThoai' is not read by the portal importer; ignored (2 "
             "records; the first here)");
}

BOOST_AUTO_TEST_CASE(reconciliation_over_a_mixed_file) {
  Portal p;
  // 10 records: 6 good, 4 bad (unknown unit, bad date, bad JSON, duplicate).
  p.run(
      R"json({"MaHoSo":"R1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"R2","DonViXuLy":"H55.02","NgayTiepNhan":"20230306091500","NgayHenTra":"20230310170000"}
{"MaHoSo":"R3","DonViXuLy":"H00.00","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"R4","DonViXuLy":"H55.01","NgayTiepNhan":"2023-13-06 08:15","NgayHenTra":"20230310170000"}
{"MaHoSo":"R5","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"R6",
{"MaHoSo":"R7","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"R1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"R8","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"R9","MaTTHC":"1.002","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500"}
)json");
  BOOST_TEST(p.report.read() == 10u);
  BOOST_TEST(p.report.loaded_count() == 6u);
  BOOST_TEST(p.report.rejected_count() == 4u);
  BOOST_TEST(p.report.reconciles());
  BOOST_TEST(p.store.size() == 6u);
  BOOST_TEST(p.report.rejections_by_reason().at("unknown unit") == 1u);
  BOOST_TEST(p.report.rejections_by_reason().at("no such date or time") == 1u);
  BOOST_TEST(p.report.rejections_by_reason().at("duplicate dossier code") == 1u);
}

BOOST_AUTO_TEST_CASE(strict_throws_after_reading_everything) {
  Portal p;
  ImportOptions strict;
  strict.strict = true;
  const char* text =
      R"json({"MaHoSo":"Q1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"Q2","DonViXuLy":"H77.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
{"MaHoSo":"Q3","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}
)json";
  try {
    p.run(text, strict);
    BOOST_FAIL("no DataError");
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == "portal.json");
    BOOST_TEST(e.location() == "line 2");
    BOOST_TEST(e.field() == "DonViXuLy");
    // H77.01 is 2 edits from H55.01 (within a third of 6 characters), 3 from H55.02.
    BOOST_TEST(e.reason() ==
               "unknown unit; nearest known units: H55.01 (UBND huyện) (strict: 1 of 3 records "
               "rejected)");
  }
  // Everything was read first: the report is complete.
  BOOST_TEST(p.report.read() == 3u);
  BOOST_TEST(p.report.loaded_count() == 2u);
  // A clean file passes in strict mode.
  Portal clean;
  clean.run(
      R"json([{"MaHoSo":"Q1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}])json",
      strict);
  BOOST_TEST(clean.report.loaded_count() == 1u);
}

BOOST_AUTO_TEST_CASE(file_variant) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "parmetrics-portal-test";
  fs::create_directories(dir);
  const std::string record =
      R"({"MaHoSo":"FILE1","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"})";
  // simdjson reads up to 64 bytes past a record: in the first file the record ends 1 byte before
  // the end (so it is copied first), in the second 3,900-odd newlines follow it.
  for (const std::size_t size : {record.size() + 1, std::size_t{4096}}) {
    const fs::path file = dir / fmt::format("records-{}.jsonl", size);
    {
      std::ofstream out(file, std::ios::binary);
      out << record << std::string(size - record.size(), '\n');
    }
    BOOST_TEST_REQUIRE(fs::file_size(file) == size);
    Portal p;
    import_portal_json(file, p.units, p.procedures, p.calendar, p.store, p.report);
    BOOST_TEST(p.report.loaded_count() == 1u);
    BOOST_TEST(p.row("FILE1").received == at(2023, 3, 6, 8, 15));
  }
  Portal p;
  BOOST_CHECK_THROW(import_portal_json(dir / "missing.json", p.units, p.procedures, p.calendar,
                                       p.store, p.report),
                    DataError);
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(rejections_name_the_json_lines_line_and_the_array_record) {
  Portal p;
  // Same bad record as line 3 of JSON Lines (after a blank line) and as record 2 of an array
  // spread over many lines.
  p.run(
      "\n{\"MaHoSo\":\"V1\",\"DonViXuLy\":\"H55.01\",\"NgayTiepNhan\":\"20230306081500\","
      "\"NgayHenTra\":\"20230310170000\"}\n"
      "{\"MaHoSo\":\"V2\",\"DonViXuLy\":\"H55.01\",\"NgayTiepNhan\":\"x\"}\n");
  p.run(
      "[\n{\"MaHoSo\":\"V3\",\"DonViXuLy\":\"H55.01\",\"NgayTiepNhan\":\"20230306081500\","
      "\n\"NgayHenTra\":\"20230310170000\"},\n\n"
      "{\"MaHoSo\":\"V4\",\"DonViXuLy\":\"H55.01\",\"NgayTiepNhan\":\"x\"}]");
  const auto& r = p.report.rejections();
  BOOST_TEST_REQUIRE(r.size() == 2u);
  BOOST_TEST(r[0].line == 3u);
  BOOST_TEST(r[1].line == 2u);
  // A record of an array is named as such: "file:record N:" (issue 12), a line as "file:N:".
  BOOST_TEST(r[0].to_string() ==
             "portal.json:3: field 'NgayTiepNhan' = 'x': not a date (yyyyMMddHHmmss)");
  BOOST_TEST(r[1].to_string() ==
             "portal.json:record 2: field 'NgayTiepNhan' = 'x': not a date (yyyyMMddHHmmss)");
}

// The array scanner works on 64-byte blocks with bit masks; a plain byte-by-byte scanner says
// the same about where each value ends. Values of random strings (quotes, backslashes, brackets,
// multi-byte text) and nesting, cut at every length so that blocks end everywhere.
BOOST_AUTO_TEST_CASE(block_scanner_agrees_with_a_byte_scanner) {
  const auto reference = [](const std::string& s) -> std::pair<std::size_t, bool> {
    std::string open;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (escaped) {
        escaped = false;
      } else if (in_string) {
        escaped = c == '\\';
        in_string = c != '"';
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        open += c;
      } else if (c == '}' || c == ']') {
        if (open.back() != (c == '}' ? '{' : '[')) return {i, false};
        open.pop_back();
        if (open.empty()) return {i + 1, true};
      }
    }
    return {0, false};
  };
  std::uint64_t state = 2023;
  const auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>(state >> 33);
  };
  const char* pieces[] = {"\\\"", "\\\\", "[", "]", "{", "}", " ", "ờ", "a", "\\u00e1", ",", ":"};
  std::size_t checked = 0, mismatches = 0;
  std::string first_mismatch;
  for (int round = 0; round < 400; ++round) {
    // A record: nested objects and lists with string values full of special bytes.
    std::string s = "{";
    int depth = 1;
    const int length = 5 + static_cast<int>(next() % 60);
    for (int k = 0; k < length; ++k) {
      switch (next() % 5) {
        case 0:
          s += "\"k\":[";
          ++depth;
          break;
        case 1:
          if (depth > 1) {
            s += "]";
            --depth;
          }
          break;
        default: {
          s += "\"";
          const int n = static_cast<int>(next() % 40);
          for (int j = 0; j < n; ++j) s += pieces[next() % std::size(pieces)];
          s += "\",";
        }
      }
    }
    while (depth-- > 1) s += "]";
    s += "}";
    for (std::size_t cut = 1; cut <= s.size(); ++cut) {
      const std::string v = s.substr(0, cut);
      const auto [end, ok] = reference(v);
      const auto x = detail::portal::scan_value(v.data(), 0, v.size());
      if ((x.error == nullptr) != ok || (ok && x.end != end)) {
        if (first_mismatch.empty()) first_mismatch = v;
        ++mismatches;
      }
      ++checked;
    }
  }
  BOOST_TEST(mismatches == 0u, "first mismatch: " << first_mismatch);
  BOOST_TEST(checked > 10000u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(portal_online_level)

BOOST_AUTO_TEST_CASE(mucdo_sets_the_level_of_procedures_the_records_register) {
  Portal p;
  ImportOptions options;
  options.register_unknown_procedures = true;
  // TD's MucDo: 2 information only, 3 partly online, 4 fully online. 2.001 is seen at 3 then 4:
  // offered fully online (the highest its records give); 2.002 only at 2: not online. 1.001 is
  // the catalogue's (no online level): kept, the disagreement said once. "9" is no level.
  p.run(
      R"json([{"MaHoSo":"M1","MaTTHC":"2.001","MucDo":"3","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
{"MaHoSo":"M2","MaTTHC":"2.001","MucDo":4,"DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
{"MaHoSo":"M3","MaTTHC":"2.002","MucDo":"2","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
{"MaHoSo":"M4","MaTTHC":"1.001","MucDo":"4","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"},
{"MaHoSo":"M5","MaTTHC":"2.002","MucDo":"9","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}])json",
      options);
  BOOST_TEST(p.report.loaded_count() == 5u);
  BOOST_TEST(p.report.rejections().empty());
  BOOST_TEST((p.procedures[*p.procedures.find("2.001")].online == OnlineLevel::full));
  BOOST_TEST((p.procedures[*p.procedures.find("2.002")].online == OnlineLevel::none));
  BOOST_TEST((p.procedures[*p.procedures.find("1.001")].online == OnlineLevel::none));
  const auto& w = p.report.warnings();
  const auto said = [&](std::string_view text) {
    return std::any_of(w.begin(), w.end(),
                       [&](const std::string& s) { return s.find(text) != std::string::npos; });
  };
  BOOST_TEST(
      said("field 'MucDo' = '4': differs from the catalogue's online_level for procedure "
           "1.001"));
  BOOST_TEST(said("field 'MucDo' = '9': not an online level"));
}

BOOST_AUTO_TEST_SUITE_END()
