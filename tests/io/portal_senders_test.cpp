// Portal records in the shapes three real provincial systems serialise their DongBoHoSoMC sync
// (issue 12), written from their public code, each cited. Expected values are read off the records
// by the rules of docs/formats.md, "Portal JSON".

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/io/portal_import.hpp>

#include "calendar/test_support.hpp"

namespace {

using namespace parmetrics;
using test::at;

struct Province {
  UnitRegistry units;
  ProcedureCatalog procedures;
  WorkingCalendar calendar;
  DossierStore store;
  ImportReport report;

  Province() {
    units.add(Unit{.code = "000.00.30.H55",
                   .name = "UBND huyện Hiệp Đức",
                   .level = "district",
                   .parent = "",
                   .successors = {},
                   .aliases = {},
                   .gso_code = {},
                   .successor_shares = {},
                   .succession = {},
                   .history = {}});
    units.add(Unit{.code = "000.25.30.H55",
                   .name = "UBND xã Quế Thọ",
                   .level = "commune",
                   .parent = "000.00.30.H55",
                   .successors = {},
                   .aliases = {},
                   .gso_code = {},
                   .successor_shares = {},
                   .succession = {},
                   .history = {}});
    units.resolve();
    Procedure p;
    p.code = "1.001193";
    p.name = "Đăng ký khai sinh";
    p.field = "Hộ tịch";
    p.duration = StatutoryTime::working_days(1);
    procedures.add(p);
  }
  void run(std::string_view json) {
    import_portal_json(json, "sync.json", units, procedures, calendar, store, report);
  }
  const Dossier row(std::string_view code) const {
    const auto i = store.find(code);
    BOOST_TEST_REQUIRE(i.has_value(), code);
    return store.row(*i);
  }
  bool warned(std::string_view text) const {
    return std::any_of(report.warnings().begin(), report.warnings().end(),
                       [&](const std::string& w) { return w.find(text) != std::string::npos; });
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(portal_senders)

BOOST_AUTO_TEST_CASE(td_dichvucong_every_value_a_string) {
  // TD.DichVuCongApi, SyncLocalDataToDVCQGService.cs (HuanVu201/DichVuCong_KhoaLuan_PASETO,
  // DichVuCongApi/src/Infrastructure/KetNoi/DVC/SyncLocalDataToDVCQG/): a bare array of
  // HoSoDongBoDVC, whose scalars are all C# strings (ISyncLocalDataToDVCQGService.cs); dates
  // DateTime.ToString("yyyyMMddHHmmss"), "" when absent, NgayHenTra null; DonViXuLy is
  // g.GroupName; DuocTaiSuDung "2" for a component reused from another dossier's result;
  // DuocThanhToanTrucTuyen "3" for a fee requested and not paid.
  Province p;
  p.run(R"json([
{"MaHoSo":"000.25.30.H55-230306-0001","MaTTHC":"1.001193","TenTTHC":"Đăng ký khai sinh",
 "MaLinhVuc":"HT","TenLinhVuc":"Hộ tịch","KenhThucHien":"2","ChuHoSo":"Nguyễn Văn A",
 "LoaiDoiTuong":"1","NgayTiepNhan":"20230306081500","NgayHenTra":null,"TrangThaiHoSo":"9",
 "NgayKetThucXuLy":"20230306150000","NgayTra":"","NgayTuChoi":"","DonViXuLy":"UBND xã Quế Thọ",
 "HoSoCoThanhPhanSoHoa":"1","TaiKhoanDuocXacThucVoiVNeID":"0","DuocThanhToanTrucTuyen":"3",
 "TaiLieuNop":[{"TepDinhKemId":"5","TenTepDinhKem":"to-khai.pdf","IsDeleted":"False",
   "MaThanhPhanHoSo":"TP1","DuocSoHoa":"1","DuocTaiSuDung":"2","DuocLayTuKhoDMQG":"0"}],
 "DanhSachLePhi":[{"TenPhiLePhi":"Lệ phí","MaPhiLePhi":"1","HinhThucThu":"1","Gia":"8000",
   "LoaiPhiLePhi":"1"}],
 "DanhSachTepDinhKemKhac":[],"DanhSachHoSoBoSung":[],"DanhSachGiayToKetQua":[]}
])json");
  BOOST_TEST(p.report.rejected_count() == 0u);
  BOOST_TEST(p.report.loaded_count() == 1u);
  const Dossier d = p.row("000.25.30.H55-230306-0001");
  BOOST_TEST(p.units[d.unit].code == "000.25.30.H55");  // by name
  BOOST_TEST(to_string(d.channel) == "online");         // "2"
  BOOST_TEST(d.received == at(2023, 3, 6, 8, 15));
  // NgayHenTra null: computed, 1 working day from Monday 08:15 → Tuesday 08:15.
  BOOST_TEST(*d.appointment == at(2023, 3, 7, 8, 15));
  BOOST_TEST(to_string(d.end_kind) == "finished");  // "9"
  BOOST_TEST(*d.ended == at(2023, 3, 6, 15, 0));
  using namespace dossier_flag;
  // Digitised ("1"), reused ("2": a result reused), a fee due (8000), not paid online ("3").
  BOOST_TEST(d.flags == (synced | digitised | reused | fee_due));
  BOOST_TEST(p.warned("field 'DuocTaiSuDung' = '2': counted as reused"));
  BOOST_TEST(p.warned("field 'DuocThanhToanTrucTuyen' = '3': not paid online"));
  BOOST_TEST(p.warned("'UBND xã Quế Thọ': the name of unit 000.25.30.H55"));
}

BOOST_AUTO_TEST_CASE(ha_giang_restsharp_client) {
  // A Hà Giang system's client (minhnv0311/ServerWeb2, Controllers/OnegateController.cs): a bare
  // array posted with RestSharp; every field a string; NgayTiepNhan
  // (FCreateTime ?? DateTime.Now).ToString("yyyyMMddHHmmss"); NgayHenTra ""; TrangThaiHoSo "2";
  // DonViXuLy the organisation's FName; IsDeleted "False"; no KenhThucHien.
  Province p;
  p.run(
      R"json([{"MaHoSo":"000.25.30.H55-230306-0002","MaTTHC":"1.001193","TenTTHC":"Đăng ký khai sinh",
"MaLinhVuc":"HT","TenLinhVuc":"Hộ tịch","ChuHoSo":"Trần Thị B","LoaiDoiTuong":"1",
"NgayTiepNhan":"20230306091000","NgayHenTra":"","TrangThaiHoSo":"2","HinhThuc":"0",
"DonViXuLy":"UBND XÃ QUẾ THỌ","IsDeleted":"False"}])json");
  BOOST_TEST(p.report.rejected_count() == 0u);
  const Dossier d = p.row("000.25.30.H55-230306-0002");
  BOOST_TEST(p.units[d.unit].code == "000.25.30.H55");  // the name, in capitals
  BOOST_TEST(to_string(d.channel) == "direct");         // no KenhThucHien
  BOOST_TEST(*d.appointment == at(2023, 3, 7, 9, 10));  // "" : computed
  BOOST_TEST(to_string(d.end_kind).empty());            // "2": received, pending
}

BOOST_AUTO_TEST_CASE(ha_giang_restsharp_client_a_returned_dossier_without_its_dates) {
  // The same client's school-admission branch (OnegateController.cs: "Tuyển sinh mầm non",
  // MaTTHC 2.002493) writes TrangThaiHoSo "10" (returned) with NgayHenTra "" and neither
  // NgayKetThucXuLy nor NgayTra. Issue 12: ended, time unknown, loaded and not judged; its
  // procedure is not in the catalogue: kept, procedure unknown.
  Province p;
  p.run(
      R"json([{"MaHoSo":"000.25.30.H55-230306-0004","MaTTHC":"2.002493","TenTTHC":"Tuyển sinh mầm non",
"MaLinhVuc":"G03-GD06","TenLinhVuc":"Giáo dục Mầm non","ChuHoSo":"Phạm Văn D","LoaiDoiTuong":"1",
"NgayTiepNhan":"20230306091500","NgayHenTra":"","TrangThaiHoSo":"10","HinhThuc":"0",
"DonViXuLy":"UBND xã Quế Thọ"}])json");
  BOOST_TEST(p.report.rejected_count() == 0u);
  BOOST_TEST(p.report.loaded_count() == 1u);
  const Dossier d = p.row("000.25.30.H55-230306-0004");
  BOOST_TEST(to_string(d.end_kind) == "returned");
  BOOST_TEST(!d.ended.has_value());
  BOOST_TEST(!d.procedure.has_value());
  BOOST_TEST(p.store.ended()[0] == kEndUnknown);
  BOOST_TEST(p.report.loaded_notes().at("not judged: ended, time unknown") == 1u);
  BOOST_TEST(p.report.loaded_notes().at("procedure unknown") == 1u);
}

BOOST_AUTO_TEST_CASE(opencps_request_body) {
  // OpenCPS v2 (VietOpenCPS/opencps-v2, DVCQGIntegrationActionImpl.java): the body of syncData,
  // {session, madonvi, isUpdating: "True"|"False", service: "DongBoHoSoMC", data}; dates in
  // LUCENE_DATE_FORMAT yyyyMMddHHmmss (Asia/Ho_Chi_Minh), "" when null; DonViXuLy
  // dossier.getGovAgencyName(); TrangThaiHoSo a string (getMappingStatus); no KenhThucHien. Its
  // dossier numbers are its own (here of the national form, so the unit could be found by them).
  Province p;
  p.run(R"json({"session":"t0k3n","madonvi":"000.00.30.H55","isUpdating":"False",
"service":"DongBoHoSoMC","data":[
{"MaHoSo":"000.25.30.H55-230306-0003","MaTTHC":"1.001193","TenTTHC":"Đăng ký khai sinh",
 "ChuHoSo":"Lê Văn C","LoaiDoiTuong":"1","NgayTiepNhan":"20230306100000",
 "NgayHenTra":"20230307100000","NgayTra":"20230307090000","NgayKetThucXuLy":"20230307083000",
 "TrangThaiHoSo":"10","HinhThuc":"0","DonViXuLy":"Ủy ban nhân dân xã Quế Thọ"}]})json");
  BOOST_TEST(p.report.rejected_count() == 0u);
  const Dossier d = p.row("000.25.30.H55-230306-0003");
  // "Ủy ban nhân dân xã Quế Thọ" is no name nor alias here: the dossier code's prefix decides.
  BOOST_TEST(p.units[d.unit].code == "000.25.30.H55");
  BOOST_TEST(p.warned("the unit found by the prefix of MaHoSo (000.25.30.H55)"));
  BOOST_TEST(to_string(d.end_kind) == "finished");  // "10" with NgayKetThucXuLy
  BOOST_TEST(*d.ended == at(2023, 3, 7, 8, 30));
  BOOST_TEST(*d.returned == at(2023, 3, 7, 9, 0));
}

BOOST_AUTO_TEST_SUITE_END()
