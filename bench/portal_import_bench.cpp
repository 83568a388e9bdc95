// Portal JSON import (import_portal_json) on one thread and on two: bytes and records per second,
// for JSON Lines and for one top-level array, over records generated in memory like real sync
// records (about twenty fields, Vietnamese text, lists of documents, fees, results and, for some,
// supplement requests). Targets: at least 100 MB/s on one thread; 1 GB/s on two (issue 13).

#include <benchmark/benchmark.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/io/portal_import.hpp>

namespace {

using namespace parmetrics;

// Deterministic on every platform (unlike std:: distributions).
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  unsigned below(unsigned n) { return static_cast<unsigned>(next() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }
};

constexpr unsigned kUnits = 24;
constexpr unsigned kProcedures = 32;

std::string unit_code(unsigned u) {
  std::string s = "000.00.";
  s += static_cast<char>('1' + u / 10);
  s += static_cast<char>('0' + u % 10);
  s += ".H55";
  return s;
}

std::string procedure_code(unsigned p) {
  return "1.00" + std::to_string(4200 + p);
}

constexpr std::array<std::string_view, 4> kProcedureNames = {
    "Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
    "Đăng ký khai sinh",
    "Cấp giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
};
constexpr std::array<std::string_view, 4> kFieldNames = {"Đất đai", "Hộ tịch", "Xây dựng",
                                                         "Chứng thực"};
constexpr std::array<std::string_view, 6> kApplicants = {
    "Nguyễn Văn An",  "Trần Thị Bích Ngọc", "Lê Hoàng Phúc",
    "Phạm Minh Châu", "Hoàng Thị Lan",      "Công ty TNHH Thương mại Dịch vụ Hòa Bình"};

void put_uint(std::string& out, std::uint64_t v, int width = 0) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  for (int pad = width - static_cast<int>(end - buf); pad > 0; --pad) out += '0';
  out.append(buf, end);
}

// yyyyMMddHHmmss of a minute stamp.
void put_time(std::string& out, MinuteStamp t) {
  const CivilDate c = civil_from_days(day_of(t));
  const int m = minute_of_day(t);
  out += '"';
  put_uint(out, static_cast<std::uint64_t>(c.year), 4);
  put_uint(out, c.month, 2);
  put_uint(out, c.day, 2);
  put_uint(out, static_cast<std::uint64_t>(m / 60), 2);
  put_uint(out, static_cast<std::uint64_t>(m % 60), 2);
  out += "00\"";
}

void field(std::string& out, std::string_view name) {
  out += '"';
  out += name;
  out += "\":";
}

void text(std::string& out, std::string_view name, std::string_view value) {
  field(out, name);
  out += '"';
  out += value;
  out += "\",";
}

// One record; `i` makes its code unique (50 dossiers per unit and day).
void record(std::string& out, std::uint64_t i, SplitMix& rng) {
  const unsigned unit = static_cast<unsigned>(i % kUnits);
  const std::uint64_t slot = i / kUnits;
  const DayNumber day = days_from_civil(2023, 1, 2) + static_cast<DayNumber>(slot / 50);
  const unsigned counter = static_cast<unsigned>(slot % 50) + 1;
  const unsigned procedure = rng.below(kProcedures);
  const MinuteStamp received = to_minutes(day, 7 * 60 + static_cast<int>(rng.below(9 * 60)));
  const MinuteStamp appointment = received + 3 * kMinutesPerDay + 9 * 60;

  out += '{';
  field(out, "MaHoSo");
  out += '"';
  out += unit_code(unit);
  out += '-';
  const CivilDate c = civil_from_days(day);
  put_uint(out, static_cast<std::uint64_t>(c.year % 100), 2);
  put_uint(out, c.month, 2);
  put_uint(out, c.day, 2);
  out += '-';
  put_uint(out, counter, 4);
  out += "\",";
  text(out, "MaTTHC", procedure_code(procedure));
  text(out, "TenTTHC", kProcedureNames[procedure % 4]);
  text(out, "MaLinhVuc", "G09-DD0" + std::to_string(procedure % 4));
  text(out, "TenLinhVuc", kFieldNames[procedure % 4]);
  field(out, "KenhThucHien");
  put_uint(out, rng.chance(58) ? 2 : rng.chance(90) ? 1 : 3);
  out += ',';
  text(out, "ChuHoSo", kApplicants[rng.below(kApplicants.size())]);
  field(out, "LoaiDoiTuong");
  put_uint(out, 1 + rng.below(2));
  out += ',';
  field(out, "NgayNopHoSo");
  put_time(out, received - 90);
  out += ',';
  field(out, "NgayTiepNhan");
  put_time(out, received);
  out += ',';
  field(out, "NgayHenTra");
  put_time(out, appointment);
  out += ',';
  // 80% ended: finished and returned, sometimes late; the rest still processing.
  const bool ended = rng.chance(80);
  const MinuteStamp end = received + (rng.chance(92) ? 2 : 5) * kMinutesPerDay + 120;
  field(out, "TrangThaiHoSo");
  put_uint(out, ended ? 10 : 4);
  out += ',';
  field(out, "NgayKetThucXuLy");
  if (ended) {
    put_time(out, end);
  } else {
    out += "\"\"";
  }
  out += ',';
  field(out, "NgayTra");
  if (ended) {
    put_time(out, end + kMinutesPerDay);
  } else {
    out += "null";
  }
  out += ',';
  text(out, "NgayTuChoi", "");
  text(out, "DonViXuLy", unit_code(unit));
  field(out, "HoSoCoThanhPhanSoHoa");
  out += rng.chance(70) ? "1," : "0,";
  field(out, "TaiKhoanDuocXacThucVoiVNeID");
  out += rng.chance(40) ? "\"1\"," : "\"0\",";
  field(out, "DuocThanhToanTrucTuyen");
  out += rng.chance(25) ? "1," : "0,";
  field(out, "TaiLieuNop");
  out += '[';
  const unsigned documents = 1 + rng.below(3);
  for (unsigned d = 0; d < documents; ++d) {
    if (d) out += ',';
    out += "{\"MaThanhPhanHoSo\":\"TP0";
    put_uint(out, d + 1);
    out += "\",\"DuocSoHoa\":";
    out += rng.chance(70) ? '1' : '0';
    out += ",\"DuocTaiSuDung\":";
    out += rng.chance(10) ? '1' : '0';
    out += ",\"DuocLayTuKhoDMQG\":";
    out += rng.chance(5) ? '1' : '0';
    out += '}';
  }
  out += "],";
  field(out, "DanhSachLePhi");
  if (rng.chance(30)) {
    out += "[{\"MaPhiLePhi\":\"LP01\",\"Gia\":";
    put_uint(out, 10000 * (1 + rng.below(20)));
    out += "}],";
  } else {
    out += "[],";
  }
  field(out, "DanhSachHoSoBoSung");
  if (rng.chance(8)) {
    out += "[{\"NgayBoSung\":";
    put_time(out, received + 240);
    out += ",\"NgayTiepNhanBoSung\":";
    put_time(out, received + kMinutesPerDay + 60);
    out += ",\"TrangThaiBoSung\":2,\"NgayHenTraTruoc\":";
    put_time(out, appointment);
    out += ",\"NgayHenTraMoi\":";
    put_time(out, appointment + kMinutesPerDay);
    out += "}],";
  } else {
    out += "[],";
  }
  field(out, "DanhSachGiayToKetQua");
  if (ended && rng.chance(60)) {
    out +=
        "[{\"MaGiayToKetQua\":\"KQ01\",\"DuongDanTepTinKetQua\":"
        "\"https://dichvucong.gov.vn/p/home/dvc-tai-lieu/";
    put_uint(out, i, 9);
    out += ".pdf\"}]";
  } else {
    out += "[]";
  }
  out += '}';
}

std::string generate(std::uint64_t n, bool array) {
  SplitMix rng{766};
  std::string out;
  out.reserve(n * 1100);
  if (array) out += "[\n";
  for (std::uint64_t i = 0; i < n; ++i) {
    if (array && i) out += ",\n";
    record(out, i, rng);
    if (!array) out += '\n';
  }
  if (array) out += "\n]\n";
  return out;
}

struct Registries {
  UnitRegistry units;
  ProcedureCatalog procedures;
  Registries() {
    for (unsigned u = 0; u < kUnits; ++u) {
      units.add(Unit{unit_code(u),
                     "UBND",
                     "commune",
                     "",
                     kFirstSupportedDay,
                     kLastSupportedDay,
                     {},
                     {},
                     {},
                     {},
                     {},
                     {}});
    }
    units.resolve();
    for (unsigned p = 0; p < kProcedures; ++p) {
      Procedure proc;
      proc.code = procedure_code(p);
      proc.name = std::string(kProcedureNames[p % 4]);
      proc.field = std::string(kFieldNames[p % 4]);
      proc.duration = StatutoryTime::working_days(3 + p % 10);
      procedures.add(std::move(proc));
    }
  }
};

void run(benchmark::State& state, bool array, unsigned threads) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const std::string input = generate(n, array);
  const WorkingCalendar calendar;
  std::size_t store_bytes = 0;
  ImportOptions options;
  options.threads = threads;
  for (auto _ : state) {
    Registries reg;
    DossierStore store;
    ImportReport report;
    import_portal_json(input, "bench.json", reg.units, reg.procedures, calendar, store, report,
                       options);
    if (report.loaded_count() != n) state.SkipWithError("records were rejected");
    store_bytes = store.memory_bytes();
    state.PauseTiming();  // freeing the store is not the import's cost
    store = DossierStore();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
  state.counters["input_bytes_per_record"] =
      static_cast<double>(input.size()) / static_cast<double>(n);
  state.counters["store_bytes_per_dossier"] =
      static_cast<double>(store_bytes) / static_cast<double>(n);
}

void BM_PortalImport_JsonLines(benchmark::State& state) {
  run(state, false, 1);
}
void BM_PortalImport_Array(benchmark::State& state) {
  run(state, true, 1);
}
void BM_PortalImport_JsonLines_2Threads(benchmark::State& state) {
  run(state, false, 2);
}
void BM_PortalImport_Array_2Threads(benchmark::State& state) {
  run(state, true, 2);
}

BENCHMARK(BM_PortalImport_JsonLines)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PortalImport_Array)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PortalImport_JsonLines_2Threads)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_PortalImport_Array_2Threads)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
