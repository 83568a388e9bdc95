#include "catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

namespace parmetrics::generator::detail {

namespace {

enum Set : std::uint16_t {
  commune_set = 0,
  one_stop_set = 1,
  environment_set = 2,
  land_set = 3,
  bench_commune_set = 0,
  bench_district_set = 1,
  bench_province_set = 2,
};

struct ProcedureDef {
  std::string_view code;
  std::string_view name;
  std::string_view field;
  double amount;
  StatutoryTime::Unit unit;
  OnlineLevel online;
  bool fee;
  bool citizen;
  std::uint16_t set;
  std::uint32_t popularity;
};

constexpr auto H = StatutoryTime::Unit::working_hours;
constexpr auto D = StatutoryTime::Unit::working_days;
constexpr auto CD = StatutoryTime::Unit::calendar_days;
constexpr auto none = OnlineLevel::none;
constexpr auto partial = OnlineLevel::partial;
constexpr auto full = OnlineLevel::full;

// Procedures of a district and its communes in 2023. Names and fields follow the national
// procedure database; statutory times are the usual ones ("trong ngày" as 4 or 8 working hours).
// The codes have the shape of MaTTHC but are not claimed to be the official ones.
constexpr std::string_view kHoTich = "Hộ tịch";
constexpr std::string_view kChungThuc = "Chứng thực";
constexpr std::string_view kDatDai = "Đất đai";
constexpr std::string_view kBaoTro = "Bảo trợ xã hội";
constexpr std::string_view kNguoiCoCong = "Người có công";
constexpr std::string_view kKhieuNai = "Giải quyết khiếu nại";
constexpr std::string_view kHoKinhDoanh = "Thành lập và hoạt động của hộ kinh doanh";
constexpr std::string_view kLuuThong = "Lưu thông hàng hóa trong nước";
constexpr std::string_view kXayDung = "Hoạt động xây dựng";
constexpr std::string_view kBaoDam = "Đăng ký biện pháp bảo đảm";

constexpr ProcedureDef kSampleProcedures[] = {
    // Commune level (xã, thị trấn).
    {"1.001193", "Đăng ký khai sinh", kHoTich, 8, H, full, false, true, commune_set, 120},
    {"1.000894", "Đăng ký kết hôn", kHoTich, 8, H, full, false, true, commune_set, 28},
    {"1.000656", "Đăng ký khai tử", kHoTich, 8, H, full, false, true, commune_set, 36},
    {"1.004884", "Cấp bản sao trích lục hộ tịch", kHoTich, 8, H, full, true, true, commune_set, 55},
    {"1.004746", "Cấp Giấy xác nhận tình trạng hôn nhân", kHoTich, 3, D, full, true, true,
     commune_set, 34},
    {"1.004859", "Thay đổi, cải chính, bổ sung thông tin hộ tịch", kHoTich, 3, D, full, true, true,
     commune_set, 14},
    {"1.001022", "Đăng ký lại khai sinh", kHoTich, 5, D, partial, true, true, commune_set, 6},
    {"1.001695", "Đăng ký nhận cha, mẹ, con", kHoTich, 3, D, partial, true, true, commune_set, 4},
    {"1.004837", "Đăng ký giám hộ", kHoTich, 3, D, partial, false, true, commune_set, 2},
    {"2.000908",
     "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt "
     "Nam cấp hoặc chứng nhận",
     kChungThuc, 4, H, partial, true, true, commune_set, 170},
    {"2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", kChungThuc, 4, H, partial, true,
     true, commune_set, 38},
    {"2.001035",
     "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
     kChungThuc, 2, D, none, true, true, commune_set, 32},
    {"2.001019", "Chứng thực di chúc", kChungThuc, 2, D, none, true, true, commune_set, 3},
    {"1.003554", "Hòa giải tranh chấp đất đai", kDatDai, 45, CD, none, false, true, commune_set, 3},
    {"1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng", kBaoTro, 15, D,
     partial, false, true, commune_set, 10},
    {"1.001758", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", kBaoTro, 5, D, partial,
     false, true, commune_set, 5},
    {"1.004945",
     "Xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp có mức sống trung bình", kBaoTro,
     10, D, partial, false, true, commune_set, 4},
    {"1.010831",
     "Giải quyết chế độ mai táng phí, trợ cấp một lần khi người có công với cách mạng từ trần",
     kNguoiCoCong, 12, D, partial, false, true, commune_set, 3},
    {"2.002134", "Giải quyết khiếu nại lần đầu tại cấp xã", kKhieuNai, 30, CD, none, false, true,
     commune_set, 1},
    // District level, received at the one-stop department (Bộ phận Một cửa).
    {"1.001766", "Đăng ký khai sinh có yếu tố nước ngoài", kHoTich, 3, D, full, true, true,
     one_stop_set, 2},
    {"1.000893", "Đăng ký kết hôn có yếu tố nước ngoài", kHoTich, 15, D, partial, true, true,
     one_stop_set, 2},
    {"2.000748", "Thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc", kHoTich, 3, D, full,
     true, true, one_stop_set, 6},
    {"2.000992",
     "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của nước "
     "ngoài cấp hoặc chứng nhận",
     kChungThuc, 4, H, partial, true, true, one_stop_set, 8},
    {"2.001009", "Chứng thực chữ ký người dịch", kChungThuc, 4, H, partial, true, true,
     one_stop_set, 3},
    {"2.000720", "Đăng ký thành lập hộ kinh doanh", kHoKinhDoanh, 3, D, full, true, true,
     one_stop_set, 40},
    {"2.000575", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", kHoKinhDoanh, 3, D, full, true,
     true, one_stop_set, 15},
    {"2.000583",
     "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh "
     "doanh",
     kHoKinhDoanh, 3, D, full, false, true, one_stop_set, 6},
    {"2.000588", "Chấm dứt hoạt động hộ kinh doanh", kHoKinhDoanh, 3, D, full, false, true,
     one_stop_set, 6},
    {"2.000633", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá", kLuuThong, 15, D, partial, true, false,
     one_stop_set, 4},
    {"2.001240", "Cấp Giấy phép bán lẻ rượu", kLuuThong, 10, D, partial, true, false, one_stop_set,
     3},
    {"1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", kXayDung, 15, D, full, true,
     true, one_stop_set, 25},
    {"1.010000", "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với nhà ở riêng lẻ", kXayDung, 15, D,
     full, true, true, one_stop_set, 4},
    {"1.010003", "Gia hạn giấy phép xây dựng", kXayDung, 5, D, full, true, true, one_stop_set, 2},
    {"1.001739", "Thực hiện trợ cấp xã hội hàng tháng khi đối tượng thay đổi nơi cư trú", kBaoTro,
     10, D, partial, false, true, one_stop_set, 3},
    {"1.010817", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", kNguoiCoCong, 12, D, partial, false,
     true, one_stop_set, 3},
    {"1.004831", "Chuyển trường đối với học sinh trung học cơ sở", "Giáo dục và Đào tạo", 3, D,
     full, false, true, one_stop_set, 8},
    {"1.001029", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Văn hóa", 5, D, partial,
     true, false, one_stop_set, 1},
    {"2.002135", "Giải quyết khiếu nại lần đầu tại cấp huyện", kKhieuNai, 30, CD, none, false, true,
     one_stop_set, 2},
    // Phòng Tài nguyên và Môi trường.
    {"1.004227",
     "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia "
     "đình, cá nhân",
     kDatDai, 15, D, partial, true, true, environment_set, 10},
    {"1.004138", "Xác nhận đăng ký kế hoạch bảo vệ môi trường", "Môi trường", 10, D, partial, false,
     false, environment_set, 3},
    {"1.004222", "Giao đất, cho thuê đất cho hộ gia đình, cá nhân", kDatDai, 20, D, none, true,
     true, environment_set, 2},
    // Chi nhánh Văn phòng đăng ký đất đai.
    {"1.004203",
     "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, "
     "tặng cho, thừa kế",
     kDatDai, 10, D, partial, true, true, land_set, 60},
    {"1.003010",
     "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với "
     "đất",
     kDatDai, 7, D, partial, true, true, land_set, 15},
    {"1.001980", "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất", kDatDai, 10, D, partial,
     true, true, land_set, 5},
    {"1.004199", "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", kBaoDam, 8, H,
     partial, true, true, land_set, 40},
    {"2.000906", "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", kBaoDam, 8, H,
     partial, true, true, land_set, 25},
    {"1.002962", "Tách thửa hoặc hợp thửa đất", kDatDai, 15, D, partial, true, true, land_set, 12},
    {"1.003003", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu", kDatDai,
     30, D, partial, true, true, land_set, 10},
    {"1.001991", "Đính chính Giấy chứng nhận đã cấp", kDatDai, 10, D, partial, false, true,
     land_set, 4},
    {"1.004269", "Cung cấp thông tin, dữ liệu đất đai", kDatDai, 3, D, full, true, true, land_set,
     6},
};

// Provincial procedures for the benchmark's root unit (codes are made up there).
constexpr ProcedureDef kProvinceTemplates[] = {
    {"", "Đăng ký thành lập doanh nghiệp tư nhân", "Thành lập và hoạt động doanh nghiệp", 3, D,
     full, true, false, bench_province_set, 60},
    {"", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "Thành lập và hoạt động doanh nghiệp", 3,
     D, full, true, false, bench_province_set, 50},
    {"", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "Lý lịch tư pháp", 10, D, full, true,
     true, bench_province_set, 80},
    {"", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Đường bộ", 5, D, full, true, true,
     bench_province_set, 90},
    {"", "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", "Đường bộ", 5, D, full, true, false,
     bench_province_set, 15},
    {"", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "Việc làm",
     5, D, full, true, false, bench_province_set, 10},
    {"", "Cấp mới chứng chỉ hành nghề khám bệnh, chữa bệnh", "Khám bệnh, chữa bệnh", 20, D, partial,
     true, true, bench_province_set, 12},
    {"", "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II", kXayDung, 20,
     D, full, true, false, bench_province_set, 8},
    {"", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm", 20, D,
     partial, true, false, bench_province_set, 10},
    {"", "Cấp giấy phép môi trường", "Môi trường", 30, D, partial, true, false, bench_province_set,
     4},
    {"", "Cấp Giấy chứng nhận đăng ký đầu tư", "Đầu tư tại Việt Nam", 15, D, partial, false, false,
     bench_province_set, 5},
    {"", "Đăng ký hoạt động của Văn phòng công chứng", "Công chứng", 10, D, partial, true, false,
     bench_province_set, 2},
    {"", "Giải quyết khiếu nại lần đầu tại cấp tỉnh", kKhieuNai, 30, CD, none, false, true,
     bench_province_set, 3},
    {"", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Văn bằng, chứng chỉ", 8, H, full, true, true,
     bench_province_set, 20},
    {"", "Cấp Giấy chứng nhận quyền sử dụng đất cho tổ chức", kDatDai, 30, D, partial, true, false,
     bench_province_set, 6},
};

StatutoryTime duration_of(const ProcedureDef& p) {
  switch (p.unit) {
    case StatutoryTime::Unit::working_hours:
      return StatutoryTime::working_hours(p.amount);
    case StatutoryTime::Unit::working_days:
      return StatutoryTime::working_days(p.amount);
    case StatutoryTime::Unit::calendar_days:
      return StatutoryTime::calendar_days(static_cast<int>(p.amount));
  }
  return StatutoryTime::working_days(p.amount);
}

Procedure procedure_of(const ProcedureDef& p, std::string code, std::string name) {
  Procedure out;
  out.code = std::move(code);
  out.name = std::move(name);
  out.field = std::string(p.field);
  out.duration = duration_of(p);
  out.online = p.online;
  out.fee = p.fee;
  out.citizen = p.citizen;
  return out;
}

// Tables per set from the procedures' popularity.
std::vector<ProcedureSet> build_sets(const std::vector<std::uint16_t>& set_of,
                                     const std::vector<std::uint32_t>& popularity,
                                     const std::vector<Procedure>& procedures, std::size_t sets) {
  std::vector<ProcedureSet> out(sets);
  for (std::size_t s = 0; s < sets; ++s) {
    std::vector<std::uint32_t> all_w, online_w, ids;
    for (std::uint32_t i = 0; i < procedures.size(); ++i) {
      if (set_of[i] != s) continue;
      ids.push_back(i);
      all_w.push_back(popularity[i]);
      online_w.push_back(procedures[i].online == OnlineLevel::none ? 0 : popularity[i]);
    }
    out[s].all = WeightedTable(all_w, ids);
    out[s].online = WeightedTable(online_w, ids);
  }
  return out;
}

Unit make_unit(std::string code, std::string name, std::string level, std::string parent) {
  Unit u;
  u.code = std::move(code);
  u.name = std::move(name);
  u.level = std::move(level);
  u.parent = std::move(parent);
  return u;
}

}  // namespace

// The reform, as the sample follows it (docs/reform-2025.md; data/reform/hiep-duc.csv): xã Hiệp
// Hòa and xã Hiệp Thuận merged into xã Quế Tân on 2025-01-01 (NQ 1241/NQ-UBTVQH15); on
// 2025-07-01 the district was abolished and its communes merged into three communes of Đà Nẵng
// (NQ 1659/NQ-UBTVQH15, Điều 1 khoản 84–86), Quảng Nam into Đà Nẵng. The new units' one-stop
// codes are invented (H15 is Đà Nẵng's likely prefix, unverified); their GSO codes are CV
// 1027/CTK-CSCL's, each a predecessor's.
namespace reform {
constexpr DayNumber kQueTan = days_from_civil(2025, 1, 1);
constexpr DayNumber kTwoLevels = days_from_civil(2025, 7, 1);
constexpr std::size_t kQueTanBlock = 24;     // January 2025, counted from January 2023
constexpr std::size_t kTwoLevelsBlock = 30;  // July 2025
const std::string kDaNang = "000.00.00.H15";
struct NewCommune {
  std::string_view code, name, gso;
  std::uint32_t weight;  // its predecessors' weights, with the district offices' share
};
// Predecessors (khoản 84–86): Hiệp Đức ← TT Tân Bình, Quế Tân, Quế Lưu (110 + 52 + 56 + 46 of
// the commune weights); Việt An ← Thăng Phước, Bình Sơn, Quế Thọ, Bình Lâm (56 + 50 + 70 + 62);
// Phước Trà ← Sông Trà, Phước Gia, Phước Trà (58 + 42 + 48). The offices' 350 are shared in
// proportion: 264, 238, 148 of 650 → 406, 366, 228 of 1000.
constexpr NewCommune kNewCommunes[] = {
    {"000.00.71.H15", "Ủy ban nhân dân xã Hiệp Đức", "20779", 406},
    {"000.00.72.H15", "Ủy ban nhân dân xã Việt An", "20767", 366},
    {"000.00.73.H15", "Ủy ban nhân dân xã Phước Trà", "20770", 228},
};
}  // namespace reform

namespace {

// The 11 commune-level units of 2023 (thị trấn Tân Bình = former thị trấn Tân An + xã Quế
// Bình, 2020). Weights roughly follow their size; they are not official figures. GSO codes from
// the statistics office's list (daohoangson/dvhcvn, v20210201…v20250301).
struct CommuneDef {
  std::string_view name;
  std::uint32_t weight;
  bool online;  // Hiệp Thuận and Quế Lưu had no online dossier all year (the report)
  bool postal;  // the 4 of 11 communes in their postal apprenticeship by August
  std::string_view gso;
  int successor;  // index into reform::kNewCommunes, or -1: Quế Tân (2025-01-01)
};
constexpr CommuneDef kCommunes[] = {
    {"thị trấn Tân Bình", 110, true, true, "20779", 0},
    {"xã Bình Lâm", 62, true, true, "20767", 1},
    {"xã Bình Sơn", 50, true, false, "20788", 1},
    {"xã Hiệp Hòa", 52, true, false, "20758", -1},
    {"xã Hiệp Thuận", 56, false, false, "20761", -1},
    {"xã Phước Gia", 42, true, false, "20776", 2},
    {"xã Phước Trà", 48, true, false, "20773", 2},
    {"xã Quế Lưu", 46, false, false, "20782", 0},
    {"xã Quế Thọ", 70, true, true, "20764", 1},
    {"xã Sông Trà", 58, true, false, "20770", 2},
    {"xã Thăng Phước", 56, true, true, "20785", 1},
};

std::vector<std::string> new_commune_codes() {
  std::vector<std::string> out;
  for (const reform::NewCommune& n : reform::kNewCommunes) out.emplace_back(n.code);
  return out;
}

// The units after 2024: Quế Tân, Đà Nẵng and its three new communes.
void add_reform_units(Catalogue& c) {
  Unit que_tan = make_unit("000.32.30.H55", "Ủy ban nhân dân xã Quế Tân", "commune",
                           c.units[sample_unit::district].code);
  que_tan.valid_from = reform::kQueTan;
  que_tan.valid_to = reform::kTwoLevels - 1;
  que_tan.gso_code = "20758";
  que_tan.successors = {std::string(reform::kNewCommunes[0].code)};
  c.units.push_back(std::move(que_tan));
  c.traits.push_back({.weight = 108,
                      .online_weight = 2,
                      .late_weight = 1,
                      .postal_from_month = 1,
                      .procedure_set = commune_set});
  Unit da_nang = make_unit(reform::kDaNang, "Ủy ban nhân dân thành phố Đà Nẵng", "province", "");
  da_nang.valid_from = reform::kTwoLevels;
  da_nang.gso_code = "48";
  c.units.push_back(std::move(da_nang));
  c.traits.push_back({});
  for (const reform::NewCommune& n : reform::kNewCommunes) {
    Unit u = make_unit(std::string(n.code), std::string(n.name), "commune", reform::kDaNang);
    u.valid_from = reform::kTwoLevels;
    u.gso_code = std::string(n.gso);
    c.units.push_back(std::move(u));
    c.traits.push_back({.weight = n.weight,
                        .online_weight = 4,
                        .late_weight = 2,
                        .postal_ppm = 120'000,
                        .postal_from_month = 1,
                        .procedure_set = kMergedSet});
  }
}

// The sample's eras, each with the units that receive dossiers and the communes the offices'
// dossiers name.
void add_eras(Catalogue& c) {
  const auto table = [&](const std::vector<std::uint32_t>& ids) {
    std::vector<std::uint32_t> weights;
    for (const std::uint32_t id : ids) weights.push_back(c.traits[id].weight);
    return WeightedTable(weights, ids);
  };
  std::vector<std::uint32_t> offices{sample_unit::one_stop, sample_unit::environment,
                                     sample_unit::land};
  std::vector<std::uint32_t> communes, communes_2025;
  for (std::uint32_t k = 0; k < std::size(kCommunes); ++k) {
    communes.push_back(sample_unit::first_commune + k);
    if (kCommunes[k].successor >= 0) communes_2025.push_back(sample_unit::first_commune + k);
  }
  communes_2025.push_back(sample_unit::que_tan);
  std::vector<std::uint32_t> all = offices, all_2025 = offices;
  all.insert(all.begin(), {sample_unit::province, sample_unit::district});
  all.insert(all.end(), communes.begin(), communes.end());
  all_2025.insert(all_2025.end(), communes_2025.begin(), communes_2025.end());
  std::vector<std::uint32_t> new_communes;
  for (std::uint32_t k = 0; k < std::size(reform::kNewCommunes); ++k) {
    new_communes.push_back(sample_unit::first_new_commune + k);
  }
  c.eras.push_back({0, c.unit_table, table(communes)});
  c.eras.push_back({reform::kQueTanBlock, table(all_2025), table(communes_2025)});
  c.eras.push_back({reform::kTwoLevelsBlock, table(new_communes), {}});
  // The kinds of dossiers the new communes receive, as the district's units shared them.
  const std::uint32_t sets[] = {commune_set, one_stop_set, environment_set, land_set};
  const std::uint32_t shares[] = {650, 200, 20, 130};
  c.merged_kinds = WeightedTable(shares, sets);
}

// The 2023 units' ends and successors.
void end_2023_units(Catalogue& c) {
  Unit& province = c.units[sample_unit::province];
  province.valid_to = reform::kTwoLevels - 1;
  province.gso_code = "49";
  province.successors = {reform::kDaNang};
  Unit& district = c.units[sample_unit::district];
  district.valid_to = reform::kTwoLevels - 1;
  district.gso_code = "512";
  // The district's offices: their history goes to the commune each dossier names as its own.
  for (const std::uint32_t o :
       {sample_unit::one_stop, sample_unit::environment, sample_unit::land}) {
    c.units[o].valid_to = reform::kTwoLevels - 1;
    c.units[o].successors = new_commune_codes();
    c.units[o].succession = SuccessionRule::commune;
  }
  for (std::size_t k = 0; k < std::size(kCommunes); ++k) {
    Unit& u = c.units[sample_unit::first_commune + k];
    const CommuneDef& d = kCommunes[k];
    u.gso_code = std::string(d.gso);
    u.valid_to = d.successor < 0 ? reform::kQueTan - 1 : reform::kTwoLevels - 1;
    u.successors = {d.successor < 0 ? std::string("000.32.30.H55")
                                    : std::string(reform::kNewCommunes[d.successor].code)};
  }
}

}  // namespace

Catalogue sample_catalogue() {
  Catalogue c;
  const std::string province = "000.00.00.H55";
  const std::string district = "000.00.30.H55";
  c.units.push_back(make_unit(province, "Ủy ban nhân dân tỉnh Quảng Nam", "province", ""));
  c.traits.push_back({});
  c.units.push_back(make_unit(district, "Ủy ban nhân dân huyện Hiệp Đức", "district", province));
  c.traits.push_back({});
  // The one-stop department: postal staff took reception over entirely (QĐ 2114/QĐ-UBND of
  // 12/8/2022), so it receives by post all year.
  c.units.push_back(
      make_unit("000.01.30.H55", "Bộ phận Một cửa huyện Hiệp Đức", "department", district));
  c.traits.push_back({.weight = 200,
                      .online_weight = 4,
                      .late_weight = 2,
                      .postal_ppm = 300'000,
                      .postal_from_month = 1,
                      .procedure_set = one_stop_set});
  c.units.push_back(make_unit("000.02.30.H55", "Phòng Tài nguyên và Môi trường huyện Hiệp Đức",
                              "department", district));
  c.traits.push_back(
      {.weight = 20, .online_weight = 2, .late_weight = 3, .procedure_set = environment_set});
  // Really a branch of the province's land-registration office; placed under the district so
  // that the district's roll-up holds it, as the district report counts it.
  c.units.push_back(make_unit("000.03.30.H55", "Chi nhánh Văn phòng đăng ký đất đai huyện Hiệp Đức",
                              "branch", district));
  c.traits.push_back(
      {.weight = 130, .online_weight = 1, .late_weight = 4, .procedure_set = land_set});
  int number = 21;
  for (const CommuneDef& d : kCommunes) {
    c.units.push_back(make_unit(fmt::format("000.{:02}.30.H55", number++),
                                fmt::format("Ủy ban nhân dân {}", d.name), "commune", district));
    c.traits.push_back({.weight = d.weight,
                        .online_weight = d.online ? 4u : 0u,
                        .late_weight = 1,
                        .postal_ppm = d.postal ? 120'000u : 0u,
                        .postal_from_month = 6,
                        .procedure_set = commune_set});
  }

  std::vector<std::uint16_t> set_of;
  std::vector<std::uint32_t> popularity;
  for (const ProcedureDef& p : kSampleProcedures) {
    c.procedures.push_back(procedure_of(p, std::string(p.code), std::string(p.name)));
    set_of.push_back(p.set);
    popularity.push_back(p.popularity);
  }
  c.sets = build_sets(set_of, popularity, c.procedures, 4);

  // The units of 2023 by weight, as the sample has always drawn them.
  std::vector<std::uint32_t> weights, ids;
  for (std::uint32_t i = 0; i < c.units.size(); ++i) {
    weights.push_back(c.traits[i].weight);
    ids.push_back(i);
  }
  c.unit_table = WeightedTable(weights, ids);
  end_2023_units(c);
  add_reform_units(c);
  add_eras(c);
  return c;
}

namespace {

constexpr std::string_view kSyllables[] = {
    "An",  "Bình",  "Phú",  "Hòa", "Thạnh", "Tân", "Phước", "Quế",  "Hiệp", "Sơn",  "Trà",
    "Lâm", "Thăng", "Đông", "Tây", "Nam",   "Bắc", "Trung", "Lộc",  "Thọ",  "Hưng", "Long",
    "Mỹ",  "Điện",  "Duy",  "Đại", "Tiên",  "Hà",  "Thanh", "Xuân", "Vinh", "Cẩm",
};
constexpr std::size_t kSyllableCount = std::size(kSyllables);

std::string place_name(std::size_t i) {
  const std::size_t a = i % kSyllableCount;
  std::size_t b = (i / kSyllableCount + 7 * a + 3) % kSyllableCount;
  if (b == a) b = (b + 1) % kSyllableCount;
  return fmt::format("{} {}", kSyllables[a], kSyllables[b]);
}

// Expands templates to `count` procedures: the templates first, then numbered variants (real
// catalogues hold many near-identical procedures: per case, per level, per applicant).
void expand(Catalogue& c, std::vector<std::uint16_t>& set_of, std::vector<std::uint32_t>& pop,
            const std::vector<const ProcedureDef*>& templates, std::size_t count,
            std::uint16_t set) {
  for (std::size_t k = 0; k < count; ++k) {
    const ProcedureDef& t = *templates[k % templates.size()];
    const std::size_t variant = k / templates.size();
    const std::size_t index = c.procedures.size();
    std::string name =
        variant == 0 ? std::string(t.name) : fmt::format("{} (biến thể {})", t.name, variant + 1);
    c.procedures.push_back(
        procedure_of(t, fmt::format("{}.{:06}", 1 + index % 2, 100001 + index), std::move(name)));
    set_of.push_back(set);
    pop.push_back(
        static_cast<std::uint32_t>(std::max<std::size_t>(1, t.popularity * 4 / (variant + 4))));
  }
}

}  // namespace

Catalogue bench_catalogue(std::uint32_t units, std::uint64_t seed) {
  if (units == 0) throw std::invalid_argument("the benchmark needs at least one unit");
  Catalogue c;
  Rng rng(stream_key(seed, 0xca7a));
  const std::string province = "000.00.00.H99";
  c.units.push_back(make_unit(province, "Ủy ban nhân dân tỉnh An Hòa (mô phỏng)", "province", ""));
  c.traits.push_back({.weight = 4000,
                      .online_ppm = 650'000,
                      .late_ppm = 60'000,
                      .postal_ppm = 30'000,
                      .procedure_set = bench_province_set});
  const std::uint32_t rest = units - 1;
  const std::uint32_t districts = rest == 0 ? 0 : std::max<std::uint32_t>(1, (rest + 6) / 13);
  const std::uint32_t communes = rest - districts;
  std::vector<std::string> district_codes;
  for (std::uint32_t k = 0; k < districts; ++k) {
    district_codes.push_back(fmt::format("000.00.{:02}.H99", k + 1));
    c.units.push_back(make_unit(district_codes.back(),
                                fmt::format("Ủy ban nhân dân huyện {}", place_name(k)), "district",
                                province));
    c.traits.push_back({.weight = static_cast<std::uint32_t>(1000 * rng.between(50, 150) / 100),
                        .online_ppm = static_cast<std::uint32_t>(rng.between(350'000, 750'000)),
                        .late_ppm = static_cast<std::uint32_t>(rng.between(15'000, 160'000)),
                        .postal_ppm = 60'000,
                        .procedure_set = bench_district_set});
  }
  for (std::uint32_t j = 0; j < communes; ++j) {
    const std::uint32_t k = j % districts;
    const std::uint32_t within = j / districts + 1;
    c.units.push_back(make_unit(fmt::format("000.{:02}.{:02}.H99", within, k + 1),
                                fmt::format("Ủy ban nhân dân xã {}", place_name(districts + j)),
                                "commune", district_codes[k]));
    // A few communes file nothing online, as in the district report.
    const bool offline = rng.chance(20'000);
    c.traits.push_back(
        {.weight = static_cast<std::uint32_t>(200 * rng.between(50, 150) / 100),
         .online_ppm = offline ? 0u : static_cast<std::uint32_t>(rng.between(150'000, 850'000)),
         .late_ppm = static_cast<std::uint32_t>(rng.between(15'000, 160'000)),
         .postal_ppm = rng.chance(350'000) ? 40'000u : 0u,
         .procedure_set = bench_commune_set});
  }

  std::vector<const ProcedureDef*> commune_templates, district_templates, province_templates;
  for (const ProcedureDef& p : kSampleProcedures) {
    (p.set == commune_set ? commune_templates : district_templates).push_back(&p);
  }
  for (const ProcedureDef& p : kProvinceTemplates) province_templates.push_back(&p);
  std::vector<std::uint16_t> set_of;
  std::vector<std::uint32_t> popularity;
  expand(c, set_of, popularity, commune_templates, 70, bench_commune_set);
  expand(c, set_of, popularity, district_templates, 70, bench_district_set);
  expand(c, set_of, popularity, province_templates, 60, bench_province_set);
  c.sets = build_sets(set_of, popularity, c.procedures, 3);
  return c;
}

}  // namespace parmetrics::generator::detail
