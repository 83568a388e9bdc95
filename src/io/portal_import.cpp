// The national portal's dossier records (primer §9) onto the model; rules in docs/formats.md,
// "Portal JSON". Each record is delimited first (a line of JSON Lines, or an element of the
// top-level array found by scan_value), then parsed on its own with simdjson's On-Demand API, so
// that a broken record is rejected without losing the rest of the file.

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/io/portal_import.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <parmetrics/error.hpp>

#include "io/csv_common.hpp"
#include "io/mapped_file.hpp"
#include "io/portal_text.hpp"
#include "io/text_checks.hpp"
#include "io/unit_names.hpp"

namespace parmetrics {

namespace {

namespace od = simdjson::ondemand;
using detail::LoadNote;
using detail::LoadNotes;
using detail::Reason;
using detail::portal::FeeParse;
using detail::portal::is_json_space;
using detail::portal::TimeParse;

// Reasons the CSV importers give too share their text, so that merged reports count them together.
std::string why(Reason r) {
  return std::string(detail::reason_text(r));
}

// ---- the record's fields

// Scalars first (collected as text, then mapped), then the lists, then the fields the model has
// no place for (ChuHoSo, LoaiDoiTuong, NgayNopHoSo: known, not used, not warned about).
enum Field : std::uint8_t {
  kMaHoSo,
  kMaTTHC,
  kTenTTHC,
  kMaLinhVuc,
  kTenLinhVuc,
  kKenhThucHien,
  kNgayTiepNhan,
  kNgayHenTra,
  kTrangThaiHoSo,
  kNgayKetThucXuLy,
  kNgayTra,
  kNgayTuChoi,
  kDonViXuLy,
  kHoSoCoThanhPhanSoHoa,
  kTaiKhoanDuocXacThucVoiVNeID,
  kDuocThanhToanTrucTuyen,
  kMucDo,
  kTaiLieuNop,
  kDanhSachLePhi,
  kDanhSachHoSoBoSung,
  kDanhSachGiayToKetQua,
  kIgnored,
  kUnknown,
};
constexpr std::size_t kScalarCount = kTaiLieuNop;

constexpr std::string_view kFieldName[] = {
    "MaHoSo",
    "MaTTHC",
    "TenTTHC",
    "MaLinhVuc",
    "TenLinhVuc",
    "KenhThucHien",
    "NgayTiepNhan",
    "NgayHenTra",
    "TrangThaiHoSo",
    "NgayKetThucXuLy",
    "NgayTra",
    "NgayTuChoi",
    "DonViXuLy",
    "HoSoCoThanhPhanSoHoa",
    "TaiKhoanDuocXacThucVoiVNeID",
    "DuocThanhToanTrucTuyen",
    "MucDo",
    "TaiLieuNop",
    "DanhSachLePhi",
    "DanhSachHoSoBoSung",
    "DanhSachGiayToKetQua",
};

// By length first: one or two string compares per key.
Field field_of(std::string_view k) noexcept {
  switch (k.size()) {
    case 5:
      if (k == "MucDo") return kMucDo;
      break;
    case 6:
      if (k == "MaHoSo") return kMaHoSo;
      if (k == "MaTTHC") return kMaTTHC;
      break;
    case 7:
      if (k == "NgayTra") return kNgayTra;
      if (k == "TenTTHC") return kTenTTHC;
      if (k == "ChuHoSo") return kIgnored;
      break;
    case 9:
      if (k == "DonViXuLy") return kDonViXuLy;
      if (k == "MaLinhVuc") return kMaLinhVuc;
      break;
    case 10:
      if (k == "NgayHenTra") return kNgayHenTra;
      if (k == "TaiLieuNop") return kTaiLieuNop;
      if (k == "NgayTuChoi") return kNgayTuChoi;
      if (k == "TenLinhVuc") return kTenLinhVuc;
      break;
    case 11:
      if (k == "NgayNopHoSo") return kIgnored;
      break;
    case 12:
      if (k == "NgayTiepNhan") return kNgayTiepNhan;
      if (k == "KenhThucHien") return kKenhThucHien;
      if (k == "LoaiDoiTuong") return kIgnored;
      break;
    case 13:
      if (k == "TrangThaiHoSo") return kTrangThaiHoSo;
      if (k == "DanhSachLePhi") return kDanhSachLePhi;
      break;
    case 15:
      if (k == "NgayKetThucXuLy") return kNgayKetThucXuLy;
      break;
    case 18:
      if (k == "DanhSachHoSoBoSung") return kDanhSachHoSoBoSung;
      break;
    case 20:
      if (k == "HoSoCoThanhPhanSoHoa") return kHoSoCoThanhPhanSoHoa;
      if (k == "DanhSachGiayToKetQua") return kDanhSachGiayToKetQua;
      break;
    case 22:
      if (k == "DuocThanhToanTrucTuyen") return kDuocThanhToanTrucTuyen;
      break;
    case 27:
      if (k == "TaiKhoanDuocXacThucVoiVNeID") return kTaiKhoanDuocXacThucVoiVNeID;
      break;
    default:
      break;
  }
  return kUnknown;
}

// Fields of the lists' entries that the mapping reads; the others (MaThanhPhanHoSo, MaPhiLePhi,
// TrangThaiBoSung, NgayHenTraMoi, MaGiayToKetQua) are skipped unread.
enum class Sub : std::uint8_t {
  none,
  DuocSoHoa,
  DuocTaiSuDung,
  DuocLayTuKhoDMQG,
  Gia,
  NgayBoSung,
  NgayTiepNhanBoSung,
  NgayHenTraTruoc,
  DuongDanTepTinKetQua,
};

Sub sub_field_of(Field list, std::string_view k) noexcept {
  switch (list) {
    case kTaiLieuNop:
      if (k == "DuocSoHoa") return Sub::DuocSoHoa;
      if (k == "DuocTaiSuDung") return Sub::DuocTaiSuDung;
      if (k == "DuocLayTuKhoDMQG") return Sub::DuocLayTuKhoDMQG;
      break;
    case kDanhSachLePhi:
      if (k == "Gia") return Sub::Gia;
      break;
    case kDanhSachHoSoBoSung:
      if (k == "NgayBoSung") return Sub::NgayBoSung;
      if (k == "NgayTiepNhanBoSung") return Sub::NgayTiepNhanBoSung;
      if (k == "NgayHenTraTruoc") return Sub::NgayHenTraTruoc;
      break;
    case kDanhSachGiayToKetQua:
      if (k == "DuongDanTepTinKetQua") return Sub::DuongDanTepTinKetQua;
      break;
    default:
      break;
  }
  return Sub::none;
}

/// A scalar as written: string contents (unescaped, trimmed), a number's or boolean's token, or
/// nothing. Views into the parser's buffers or the input, valid until the next record.
struct Scalar {
  enum Kind : std::uint8_t { absent, null, string, number, boolean };
  Kind kind = absent;
  std::string_view text;
  /// Absent, null and "" all mean "no value" in the exports.
  bool missing() const noexcept { return text.empty(); }
};

/// Where a value sits, for messages: "NgayTiepNhan" or "DanhSachHoSoBoSung[2].NgayBoSung"
/// (entries counted from 1).
struct Path {
  std::string_view list;
  std::size_t index = 0;
  std::string_view name;
  std::string str() const {
    if (list.empty()) return std::string(name);
    return name.empty() ? fmt::format("{}[{}]", list, index)
                        : fmt::format("{}[{}].{}", list, index, name);
  }
};

struct RawSupplement {
  std::size_t index = 0;
  Scalar requested, completed, before;
};

struct Record {
  Scalar scalar[kScalarCount];
  std::uint32_t seen = 0;  // fields met, to refuse one given twice
  bool any_digitised = false, any_reused = false, any_from_store = false;
  bool fee_due = false, e_result = false;
  std::vector<RawSupplement> supplements;  // capacity kept across records

  void clear() noexcept {
    for (Scalar& s : scalar) s = {};
    seen = 0;
    any_digitised = any_reused = any_from_store = fee_due = e_result = false;
    supplements.clear();
  }
};

enum class Flag : std::uint8_t { no, yes, bad };

bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

// 0/1 as a number or a string, true/false, or the strings "True"/"False" (C#'s bool.ToString(),
// as OpenCPS and the .NET senders write IsDeleted); no value is 0.
Flag flag_of(const Scalar& s) noexcept {
  if (s.missing()) return Flag::no;
  if (s.kind == Scalar::boolean) return s.text == "true" ? Flag::yes : Flag::no;
  if (equals_ignoring_case(s.text, "true")) return Flag::yes;
  if (equals_ignoring_case(s.text, "false")) return Flag::no;
  unsigned v = 0;
  if (!detail::portal::parse_small_uint(s.text, v) || v > 1) return Flag::bad;
  return v == 1 ? Flag::yes : Flag::no;
}

std::string_view status_name(unsigned status) noexcept {
  static constexpr std::string_view kNames[] = {"",
                                                "registered",
                                                "received",
                                                "not received",
                                                "processing",
                                                "supplement requested",
                                                "financial obligation",
                                                "withdrawn",
                                                "stopped",
                                                "finished",
                                                "result returned"};
  return status <= 10 ? kNames[status] : "";
}

// Values in rejections as the CSV importers show them: control bytes and invalid UTF-8 escaped,
// long ones cut with their size.
std::string clip(std::string_view s) {
  return detail::printable(s);
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// ---- the importer

class PortalImporter {
 public:
  PortalImporter(std::string_view origin, UnitRegistry& units, ProcedureCatalog& procedures,
                 const WorkingCalendar& calendar, DossierStore& store, ImportReport& report,
                 const ImportOptions& options)
      : origin_(origin),
        units_(units),
        procedures_(procedures),
        calendar_(calendar),
        store_(store),
        report_(report),
        options_(options),
        rejected_before_(report.rejected_count()),
        kept_before_(report.rejections().size()),
        read_before_(report.read()) {}

  /// data[0, size) is the file; nothing after it needs to be readable.
  void run(const char* data, std::size_t size) {
    data_ = data;
    size_ = size;
    std::size_t i = 0;
    if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;  // a BOM
    const std::size_t body = i;
    while (i < size && is_json_space(data[i])) ++i;
    if (i < size) {
      if (data[i] == '[') {
        end_of_input(array(i), "content after the end of the array");
      } else if (const detail::portal::MemberWalk head =
                     data[i] == '{' ? detail::portal::walk_members(data, i + 1, size, "data")
                                    : detail::portal::MemberWalk{};
                 head.stopped != head.npos && data[head.stopped] == '[') {
        request_body(head);
      } else if (data[i] == '{') {
        json_lines(body);
      } else {
        fatal(i, fmt::format("neither a JSON array ('[') nor JSON Lines ('{{'): the first "
                             "character is '{}'",
                             clip(std::string_view(data + i, 1))));
      }
    }
    finish();
  }

 private:
  struct Problem {
    std::string field, value, reason;
  };

  std::string origin_;
  UnitRegistry& units_;
  ProcedureCatalog& procedures_;
  const WorkingCalendar& calendar_;
  DossierStore& store_;
  ImportReport& report_;
  const ImportOptions& options_;
  const std::uint64_t rejected_before_;
  const std::size_t kept_before_;
  const std::uint64_t read_before_;

  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::string tail_;    // a record too near the end to lend simdjson its padding, copied
  bool lines_ = false;  // JSON Lines (locations are lines) or an array (record numbers)

  od::parser parser_;
  Record rec_;
  Dossier row_;
  Problem problem_;
  std::optional<Rejection> first_rejection_;

  struct ProcedureInfo {
    ProcedureId id = 0;
    bool timed = false;
    StatutoryTime duration;
    bool registered = false;  ///< by this import, from the records (not the catalogue)
  };
  StringMap<UnitId> unit_ids_;
  std::deque<std::string> nfc_codes_[3];  // MaHoSo, DonViXuLy, MaTTHC of this record, when not NFC
  StringMap<ProcedureInfo> procedure_info_;
  bool registered_units_ = false, computed_appointments_ = false;
  std::uint64_t records_ = 0;  // of this import, to size the store once
  static constexpr std::size_t kMaxUnknownFieldWarnings = 32;
  static constexpr std::uint64_t kRecordsBeforeReserve = 1000;
  static constexpr const char* kTrailingContent =
      "malformed JSON: content after the record on its line";
  // Fields the importer does not read, with where first seen and in how many records: said once
  // per file and name at the end ("field 'Email' is not read …; ignored (6 records; the first
  // here)"), in the order first seen.
  struct UnknownField {
    std::uint64_t where = 0, records = 0;
    std::size_t order = 0;
  };
  std::unordered_map<std::string, UnknownField, StringHash, std::equal_to<>> unknown_fields_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> noted_values_;
  static constexpr std::size_t kMaxValueWarnings = 32;
  std::uint64_t where_ = 0;       // the record's line or number, for warnings
  detail::UnitNames unit_names_;  // built at the first unit not found by code
  // Values of DonViXuLy that are neither a code nor a name (ambiguous or none), so that the
  // name's key (utf8proc) is computed once per value, not once per record.
  struct NotAName {
    detail::UnitNames::Match match;
    bool noted = false;  // the match by MaHoSo's prefix was said (once per value)
  };
  StringMap<NotAName> not_names_;
  LoadNotes notes_;
  bool names_built_ = false;

  // ---- framing

  void json_lines(std::size_t pos) {
    lines_ = true;
    std::uint64_t line = 1;
    while (pos < size_) {
      const void* nl = std::memchr(data_ + pos, '\n', size_ - pos);
      const std::size_t end =
          nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data_) : size_;
      std::size_t b = pos;
      while (b < end && is_json_space(data_[b])) ++b;
      if (b < end) line_record(b, end, line);
      pos = end + 1;
      ++line;
    }
  }

  // simdjson reads the line itself; the scanner only explains a line that cannot be a record.
  void line_record(std::size_t b, std::size_t end, std::uint64_t line) {
    while (is_json_space(data_[end - 1])) --end;  // the line holds a non-space byte at b
    if (data_[b] == '{' && data_[end - 1] != '}') {
      const detail::portal::ValueExtent x = detail::portal::scan_value(data_, b, end);
      if (x.error) {
        problem_ = {"", clip(std::string_view(data_ + b, end - b)),
                    fmt::format("malformed JSON: {}", x.error)};
      } else {
        std::size_t after = x.end;
        while (is_json_space(data_[after])) ++after;
        problem_ = {"", clip(std::string_view(data_ + after, end - after)), kTrailingContent};
      }
      reject(line);
      return;
    }
    record(b, end, line);
  }

  // A sync request body as OpenCPS posts it (DVCQGIntegrationActionImpl.syncDossier): its
  // records are those of "data", numbered as in an array; "service", "isUpdating", "session" and
  // "madonvi" say how to send them, not what they are.
  void request_body(const detail::portal::MemberWalk& head) {
    const std::size_t after = array(head.stopped);
    const detail::portal::MemberWalk rest =
        detail::portal::walk_members(data_, after, size_, {}, true);
    if (rest.end == rest.npos) {
      fatal(rest.error, "expected ',' or '}' after the records in the request body");
    }
    const std::string_view service = head.service.empty() ? rest.service : head.service;
    if (!service.empty() && service != "DongBoHoSoMC") {
      report_.warn(
          fmt::format("{}: the request body is for the service '{}', not DongBoHoSoMC "
                      "(dossier sync): its records were read as dossiers",
                      origin_, clip(service)));
    }
    end_of_input(rest.end, "content after the end of the request body");
  }

  void end_of_input(std::size_t i, const char* what) {
    while (i < size_ && is_json_space(data_[i])) ++i;
    if (i < size_) fatal(i, what);
  }

  // The records of the array at data_[i] ('['); returns the offset after its ']'.
  std::size_t array(std::size_t i) {
    ++i;  // '['
    std::uint64_t index = 0;
    const auto skip_space = [&] {
      while (i < size_ && is_json_space(data_[i])) ++i;
    };
    skip_space();
    if (i < size_ && data_[i] == ']') {
      ++i;
    } else {
      for (;;) {
        skip_space();
        if (i >= size_) fatal(i, "the array is not closed (is the file truncated?)");
        if (data_[i] == ',' || data_[i] == ']') fatal(i, "expected a record");
        const detail::portal::ValueExtent x = detail::portal::scan_value(data_, i, size_);
        if (x.error) {
          // The element's extent is unknown, so nothing after it can be trusted: it is
          // rejected (the report stays whole) and the import stops.
          ++index;
          problem_ = {"", clip(std::string_view(data_ + i, size_ - i)),
                      fmt::format("malformed JSON: {}", x.error)};
          reject(index);
          fatal(x.end, fmt::format("record {}: {}", index, x.error));
        }
        record(i, x.end, ++index);
        i = x.end;
        skip_space();
        if (i >= size_) fatal(i, "the array is not closed (is the file truncated?)");
        if (data_[i] == ',') {
          ++i;
          continue;
        }
        if (data_[i] == ']') {
          ++i;
          break;
        }
        fatal(i, fmt::format("expected ',' or ']' after record {}", index));
      }
    }
    return i;
  }

  /// A syntax error that leaves the rest of an array unreadable: what was read stays loaded
  /// and reported, and the import stops here.
  [[noreturn]] void fatal(std::size_t offset, const std::string& reason) {
    const std::string_view before(data_, std::min(offset, size_));
    const auto line = std::count(before.begin(), before.end(), '\n') + 1;
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column =
        offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    finish_store();
    throw DataError(origin_, fmt::format("byte {} (line {}, column {})", offset, line, column), "",
                    fmt::format("{}; {} records read, the rest of the file was not", reason,
                                report_.read() - read_before_));
  }

  // Leaves the registries and the store consistent, also when the import stops on an error.
  void finish_store() {
    if (registered_units_) {
      registered_units_ = false;
      units_.resolve();
    }
    if (computed_appointments_) {
      computed_appointments_ = false;
      try {
        store_.compute_missing_appointments(procedures_, calendar_);
      } catch (const RangeError& e) {
        throw DataError(origin_, "", "NgayHenTra", e.reason());
      }
    }
  }

  void finish() {
    finish_store();
    warn_unknown_fields();
    detail::hint_unknown_units(units_, origin_, kFieldName[kDonViXuLy], kept_before_, report_);
    notes_.finish(origin_, report_);
    const std::uint64_t rejected = report_.rejected_count() - rejected_before_;
    if (options_.strict && rejected > 0) {
      const Rejection& r = *first_rejection_;
      const std::string_view hint = detail::first_hint(report_, kept_before_);
      throw DataError(
          origin_, fmt::format("{} {}", lines_ ? "line" : "record", r.line), r.field,
          fmt::format("{}{}{} (strict: {} of {} records rejected)", r.reason,
                      hint.empty() ? "" : "; ", hint, rejected, report_.read() - read_before_));
    }
  }

  // ---- one record

  void record(std::size_t b, std::size_t e, std::uint64_t where) {
    if (++records_ == kRecordsBeforeReserve) {
      // Size the columns once from the density so far (2% over), rather than doubling them.
      const double per_byte = static_cast<double>(records_) / static_cast<double>(e);
      store_.reserve(store_.size() +
                     static_cast<std::size_t>(per_byte * static_cast<double>(size_ - e) * 1.02));
    }
    rec_.clear();
    where_ = where;
    if (collect(b, e, where) && map()) {
      report_.loaded();
      return;
    }
    reject(where);
  }

  void reject(std::uint64_t where) {
    Rejection r{origin_, where, std::move(problem_.field), std::move(problem_.value),
                std::move(problem_.reason)};
    r.record_number = !lines_;
    if (!first_rejection_) first_rejection_ = r;
    report_.reject(std::move(r));
    problem_ = {};
  }

  bool fail(const Path& path, std::string_view value, std::string reason) {
    problem_ = {path.str(), clip(value), std::move(reason)};
    return false;
  }
  bool fail(Field f, std::string_view value, std::string reason) {
    return fail(Path{{}, 0, kFieldName[f]}, value, std::move(reason));
  }
  bool malformed(const Path& path, simdjson::error_code error, std::string_view text) {
    return fail(path, text, fmt::format("malformed JSON: {}", simdjson::error_message(error)));
  }

  // Pass 1: the record's fields as text (no allocation: views into the parser and the input).
  bool collect(std::size_t b, std::size_t e, std::uint64_t where) {
    // simdjson reads up to SIMDJSON_PADDING bytes past a document: the rest of the input when
    // there is that much of it, else a copy.
    const char* doc_begin = data_ + b;
    const std::size_t length = e - b;
    std::size_t readable = size_ - b;
    if (readable < length + simdjson::SIMDJSON_PADDING) {
      tail_.assign(doc_begin, length);
      tail_.resize(length + simdjson::SIMDJSON_PADDING, ' ');
      doc_begin = tail_.data();
      readable = tail_.size();
    }
    const std::string_view raw(doc_begin, length);
    od::document doc;
    if (auto err = parser_.iterate(doc_begin, length, readable).get(doc)) {
      return malformed({}, err, raw);
    }
    od::object object;
    if (auto err = doc.get_object().get(object)) {
      if (err == simdjson::INCORRECT_TYPE) return fail(Path{}, raw, "not a JSON object");
      return malformed({}, err, raw);
    }
    for (auto member : object) {
      od::field field;
      if (auto err = std::move(member).get(field)) return malformed({}, err, raw);
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return malformed({}, err, raw);
      const Field id = field_of(key);
      if (id >= kIgnored) {
        if (id == kUnknown) note_unknown(key, where);
        continue;
      }
      const std::uint32_t bit = 1u << id;
      if (rec_.seen & bit) return fail(id, "", "field given twice");
      rec_.seen |= bit;
      if (id < kScalarCount) {
        if (!read_scalar(field.value(), rec_.scalar[id], Path{{}, 0, kFieldName[id]})) {
          return false;
        }
      } else if (!read_list(field.value(), id)) {
        return false;
      }
    }
    // Another value after the record on its line ("{...} {...}"): simdjson stops at the first.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      return fail(Path{}, std::string_view(rest, static_cast<std::size_t>(raw.end() - rest)),
                  kTrailingContent);
    }
    return true;
  }

  bool read_scalar(od::value& v, Scalar& out, const Path& path) {
    od::json_type type;
    if (auto err = v.type().get(type)) return malformed(path, err, v.raw_json_token());
    switch (type) {
      case od::json_type::string: {
        // A string without escapes is read in place (most are): get_string() would copy it
        // into the parser's buffer, a second copy of a large field.
        std::string_view token = v.raw_json_token();
        while (token.size() > 1 && is_json_space(token.back())) token.remove_suffix(1);
        if (token.size() >= 2 && token.back() == '"' &&
            token.find('\\') == std::string_view::npos) {
          out = {Scalar::string, detail::portal::trim(token.substr(1, token.size() - 2))};
          return true;
        }
        std::string_view s;
        if (auto err = v.get_string().get(s)) return malformed(path, err, v.raw_json_token());
        out = {Scalar::string, detail::portal::trim(s)};
        return true;
      }
      case od::json_type::number:
        out = {Scalar::number, detail::portal::trim(v.raw_json_token())};
        return true;
      case od::json_type::null: {
        bool is_null = false;
        const std::string_view token = detail::portal::trim(v.raw_json_token());
        if (v.is_null().get(is_null) || !is_null) {
          return malformed(path, simdjson::N_ATOM_ERROR, token);
        }
        out = {Scalar::null, {}};
        return true;
      }
      case od::json_type::boolean: {
        bool b = false;
        const std::string_view token = detail::portal::trim(v.raw_json_token());
        if (v.get_bool().get(b) != simdjson::SUCCESS) {
          // "tru" is a bad literal, not a value of another type.
          return malformed(path, token[0] == 't' ? simdjson::T_ATOM_ERROR : simdjson::F_ATOM_ERROR,
                           token);
        }
        out = {Scalar::boolean, b ? std::string_view("true") : std::string_view("false")};
        return true;
      }
      case od::json_type::array:
      case od::json_type::object:
        break;
    }
    return fail(path, type == od::json_type::array ? "[...]" : "{...}",
                "expected a single value, not a list or an object");
  }

  bool read_list(od::value& v, Field list) {
    const Path path{{}, 0, kFieldName[list]};
    od::json_type type;
    if (auto err = v.type().get(type)) return malformed(path, err, v.raw_json_token());
    if (type == od::json_type::null) return true;
    if (type == od::json_type::string) {
      // "" stands for an empty list in some exports; any other text is not a list.
      std::string_view s;
      if (auto err = v.get_string().get(s)) return malformed(path, err, v.raw_json_token());
      if (detail::portal::trim(s).empty()) return true;
      return fail(path, s, "expected a list");
    }
    if (type != od::json_type::array) return fail(path, v.raw_json_token(), "expected a list");
    od::array entries;
    if (auto err = v.get_array().get(entries)) return malformed(path, err, v.raw_json_token());
    std::size_t index = 0;
    for (auto entry : entries) {
      ++index;
      const Path at{kFieldName[list], index, {}};
      od::value item;
      if (auto err = entry.get(item)) return malformed(at, err, {});
      od::json_type item_type;
      if (auto err = item.type().get(item_type)) return malformed(at, err, item.raw_json_token());
      if (item_type == od::json_type::null) continue;
      if (item_type != od::json_type::object) {
        return fail(at, item.raw_json_token(), "expected an object");
      }
      od::object object;
      if (auto err = item.get_object().get(object)) return malformed(at, err, {});
      if (!read_entry(object, list, index)) return false;
    }
    return true;
  }

  bool read_entry(od::object& object, Field list, std::size_t index) {
    RawSupplement* supplement = nullptr;
    if (list == kDanhSachHoSoBoSung) {
      supplement = &rec_.supplements.emplace_back();
      supplement->index = index;
    }
    for (auto member : object) {
      od::field field;
      const Path at{kFieldName[list], index, {}};
      if (auto err = std::move(member).get(field)) return malformed(at, err, {});
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return malformed(at, err, {});
      const Sub sub = sub_field_of(list, key);
      if (sub == Sub::none) continue;
      const Path path{kFieldName[list], index, key};
      Scalar s;
      if (!read_scalar(field.value(), s, path)) return false;
      switch (sub) {
        case Sub::DuocSoHoa:
        case Sub::DuocTaiSuDung:
        case Sub::DuocLayTuKhoDMQG: {
          Flag f = flag_of(s);
          if (f == Flag::bad) f = attachment_flag(sub, key, s.text);
          bool& target = sub == Sub::DuocSoHoa       ? rec_.any_digitised
                         : sub == Sub::DuocTaiSuDung ? rec_.any_reused
                                                     : rec_.any_from_store;
          target = target || f == Flag::yes;
          break;
        }
        case Sub::Gia: {
          if (s.missing()) break;
          const FeeParse fee =
              s.kind == Scalar::boolean ? FeeParse::bad : detail::portal::parse_fee(s.text);
          if (fee == FeeParse::bad) return fail(path, s.text, "not an amount");
          if (fee == FeeParse::negative) return fail(path, s.text, "negative amount");
          rec_.fee_due = rec_.fee_due || fee == FeeParse::positive;
          break;
        }
        case Sub::NgayBoSung:
          supplement->requested = s;
          break;
        case Sub::NgayTiepNhanBoSung:
          supplement->completed = s;
          break;
        case Sub::NgayHenTraTruoc:
          supplement->before = s;
          break;
        case Sub::DuongDanTepTinKetQua:
          rec_.e_result = rec_.e_result || (!s.missing() && s.kind != Scalar::boolean);
          break;
        case Sub::none:
          break;
      }
    }
    return true;
  }

  // An attachment's flag other than 0/1. TD's sender (SyncLocalDataToDVCQGService.cs) writes
  // DuocTaiSuDung "2" for a component reused from another dossier's result ("1": from another
  // dossier's component): reused either way. Any other value is not counted, and one
  // attachment's flag never costs its dossier: a warning once per field and value.
  Flag attachment_flag(Sub sub, std::string_view key, std::string_view value) {
    unsigned v = 0;
    if (sub == Sub::DuocTaiSuDung && detail::portal::parse_small_uint(value, v) && v == 2) {
      note_value(key, value,
                 "counted as reused (TD writes 2 for a component reused from another dossier's "
                 "result)");
      return Flag::yes;
    }
    note_value(key, value, "not 0 or 1: the attachment's flag is not counted");
    return Flag::no;
  }

  /// "file:12" for a line, "file:record 12" for a record of an array.
  std::string location(std::uint64_t where) const {
    return lines_ ? fmt::format("{}:{}", origin_, where)
                  : fmt::format("{}:record {}", origin_, where);
  }

  // A value read with a documented meaning (or ignored): said once per file, field and value.
  void note_value(std::string_view field, std::string_view value, std::string_view meaning) {
    if (noted_values_.size() > kMaxValueWarnings) return;
    std::string key = fmt::format("{}\x1F{}", field, value);
    if (!noted_values_.insert(std::move(key)).second) return;
    if (noted_values_.size() > kMaxValueWarnings) {
      report_.warn(
          fmt::format("{}: more than {} distinct flag or code values noted; the others "
                      "are not listed",
                      origin_, kMaxValueWarnings));
      return;
    }
    report_.warn(fmt::format("{}: field '{}' = '{}': {} (first seen here; said once per value)",
                             location(where_), clip(field), clip(value), meaning));
  }

  void note_unknown(std::string_view key, std::uint64_t where) {
    if (const auto it = unknown_fields_.find(key); it != unknown_fields_.end()) {
      ++it->second.records;
      return;
    }
    if (unknown_fields_.size() > kMaxUnknownFieldWarnings) return;
    unknown_fields_.emplace(std::string(key), UnknownField{where, 1, unknown_fields_.size()});
  }

  void warn_unknown_fields() {
    std::vector<std::pair<const std::string*, const UnknownField*>> fields;
    for (const auto& [name, f] : unknown_fields_) fields.emplace_back(&name, &f);
    std::sort(fields.begin(), fields.end(),
              [](const auto& a, const auto& b) { return a.second->order < b.second->order; });
    for (const auto& [name, f] : fields) {
      if (f->order == kMaxUnknownFieldWarnings) {
        report_.warn(fmt::format("{}: more than {} unknown fields; the others are not listed",
                                 origin_, kMaxUnknownFieldWarnings));
        break;
      }
      report_.warn(fmt::format(
          "{}: field '{}' is not read by the portal importer; ignored ({} record{}; the first "
          "here)",
          location(f->where), clip(*name), f->records, f->records == 1 ? "" : "s"));
    }
  }

  // ---- pass 2: the mapping

  /// An instant (received, ended, ...): a time of day is required.
  bool instant(const Scalar& s, const Path& path, std::optional<MinuteStamp>& out) {
    return time_of(s, path, false, out);
  }
  /// A deadline (NgayHenTra): a date alone means the end of that day, 23:59.
  bool deadline(const Scalar& s, const Path& path, std::optional<MinuteStamp>& out) {
    return time_of(s, path, true, out);
  }

  bool time_of(const Scalar& s, const Path& path, bool is_deadline,
               std::optional<MinuteStamp>& out) {
    out.reset();
    if (s.missing()) return true;
    MinuteStamp t = 0;
    switch (s.kind == Scalar::boolean ? TimeParse::bad_format
                                      : detail::portal::parse_portal_time(s.text, t)) {
      case TimeParse::instant:
        out = t;
        return true;
      case TimeParse::date_only:
        if (!is_deadline) return fail(path, s.text, "a date without a time of day");
        out = t + kMinutesPerDay - 1;
        return true;
      case TimeParse::empty:
        return true;
      case TimeParse::bad_format:
        return fail(path, s.text, "not a date (yyyyMMddHHmmss)");
      case TimeParse::bad_value:
        return fail(path, s.text, "no such date or time");
      case TimeParse::out_of_range:
        return fail(path, s.text, why(Reason::time_out_of_range));
    }
    return fail(path, s.text, "not a date (yyyyMMddHHmmss)");
  }

  bool code_of(Field f, std::string_view& out) {
    const Scalar& s = rec_.scalar[f];
    if (s.kind == Scalar::boolean) return fail(f, s.text, "not a code");
    // Escapes can put control characters (even NUL) in a string; no code has them.
    if (std::any_of(s.text.begin(), s.text.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      return fail(f, s.text, "control character in a code");
    }
    // Codes compare in NFC (docs/formats.md); the copy lives until the next record.
    out = s.text;
    if (!detail::is_ascii(out)) {
      std::deque<std::string>& owned = nfc_codes_[f == kMaHoSo ? 0 : f == kDonViXuLy ? 1 : 2];
      owned.clear();
      out = detail::nfc_view(out, owned);
    }
    return true;
  }

  /// A record's online level: a procedure registered from the records is offered at the highest
  /// level its records give; the catalogue's own level (procedures.csv) is kept, and a record
  /// that disagrees is said once per value.
  void learn_online_level(const ProcedureInfo& info, OnlineLevel level) {
    const Procedure& p = procedures_[info.id];
    if (info.registered) {
      if (level > p.online) procedures_.set_online(info.id, level);
    } else if (level != p.online) {
      note_value(kFieldName[kMucDo], rec_.scalar[kMucDo].text,
                 fmt::format("differs from the catalogue's online_level for procedure {}: the "
                             "catalogue's is kept",
                             p.code));
    }
  }

  const ProcedureInfo* find_procedure(std::string_view code) {
    if (const auto it = procedure_info_.find(code); it != procedure_info_.end()) {
      return &it->second;
    }
    const auto id = procedures_.find(code);
    if (!id) return nullptr;
    const Procedure& p = procedures_[*id];
    return &procedure_info_
                .emplace(std::string(code),
                         ProcedureInfo{*id, p.has_statutory_time(), p.duration, false})
                .first->second;
  }

  // DonViXuLy by code, else by the unit's name or an alias (the senders write names), else by
  // the dossier code's prefix ({unit code}-{yyMMdd}-{n}). A match other than by code is said
  // once per value. `ambiguous` tells a failure on a name several units share.
  std::optional<UnitId> find_unit(std::string_view given, std::string_view dossier_code,
                                  bool& ambiguous) {
    using Match = detail::UnitNames::Match;
    if (const auto it = unit_ids_.find(given); it != unit_ids_.end()) return it->second;
    if (const auto id = units_.find(given)) {
      unit_ids_.emplace(std::string(given), *id);
      return id;
    }
    auto it = not_names_.find(given);
    if (it == not_names_.end()) {
      if (!names_built_) {
        unit_names_.build(units_);
        names_built_ = true;
      }
      const detail::UnitNames::Found f = unit_names_.find(given);
      if (f.match == Match::name || f.match == Match::alias) {
        note_value(kFieldName[kDonViXuLy], given,
                   fmt::format("the {} of unit {}: matched by it",
                               f.match == Match::name ? "name" : "alias", units_[f.unit].code));
        unit_ids_.emplace(std::string(given), f.unit);
        return f.unit;
      }
      it = not_names_.emplace(std::string(given), NotAName{f.match}).first;
    }
    ambiguous = it->second.match == Match::ambiguous;
    if (const std::string_view prefix = detail::unit_code_prefix(dossier_code); !prefix.empty()) {
      if (const auto id = units_.find(prefix)) {
        if (!it->second.noted) {
          it->second.noted = true;
          note_value(kFieldName[kDonViXuLy], given,
                     fmt::format("{}: the unit found by the prefix of MaHoSo ({})",
                                 ambiguous ? "a name several units share"
                                           : "neither a unit's code nor a name",
                                 units_[*id].code));
        }
        return id;
      }
    }
    return std::nullopt;
  }

  bool map() {
    const Scalar* s = rec_.scalar;

    std::string_view code;
    if (!code_of(kMaHoSo, code)) return false;
    if (code.empty()) return fail(kMaHoSo, "", why(Reason::missing_value));
    // The duplicate check probes a table far larger than the caches: ask for the slot now, so
    // that the miss overlaps the rest of the mapping.
    const std::size_t code_hash = DossierStore::code_hash(code);
    store_.prefetch_code(code_hash);

    std::string_view unit_code;
    if (!code_of(kDonViXuLy, unit_code)) return false;
    if (unit_code.empty()) return fail(kDonViXuLy, "", why(Reason::missing_value));
    bool ambiguous = false;
    const std::optional<UnitId> unit = find_unit(unit_code, code, ambiguous);
    if (!unit && !options_.register_unknown) {
      return fail(kDonViXuLy, unit_code,
                  why(ambiguous ? Reason::ambiguous_unit_name : Reason::unknown_unit));
    }

    std::string_view procedure_code;
    if (!code_of(kMaTTHC, procedure_code)) return false;
    bool unknown_procedure = false, no_appointment = false;
    const ProcedureInfo* procedure = nullptr;
    if (!procedure_code.empty()) {
      procedure = find_procedure(procedure_code);
      // Not registered: kept, procedure unknown (it still counts as received, by channel...).
      unknown_procedure =
          !procedure && !options_.register_unknown && !options_.register_unknown_procedures;
    }

    std::optional<MinuteStamp> received;
    if (!instant(s[kNgayTiepNhan], Path{{}, 0, "NgayTiepNhan"}, received)) return false;
    if (!received) return fail(kNgayTiepNhan, "", why(Reason::missing_value));

    unsigned status = 0;
    if (const Scalar& st = s[kTrangThaiHoSo]; !st.missing()) {
      if (st.kind == Scalar::boolean || !detail::portal::parse_small_uint(st.text, status) ||
          status < 1 || status > 10) {
        return fail(kTrangThaiHoSo, st.text, "not a status code (1-10)");
      }
    }
    std::optional<MinuteStamp> finished_at, returned_at, refused_at;
    if (!instant(s[kNgayKetThucXuLy], Path{{}, 0, "NgayKetThucXuLy"}, finished_at) ||
        !instant(s[kNgayTra], Path{{}, 0, "NgayTra"}, returned_at) ||
        !instant(s[kNgayTuChoi], Path{{}, 0, "NgayTuChoi"}, refused_at)) {
      return false;
    }
    if (!end_of(status, finished_at, returned_at, refused_at)) return false;
    const Field end_field = end_field_;

    Channel channel = Channel::direct;
    if (const Scalar& ch = s[kKenhThucHien]; !ch.missing()) {
      unsigned v = 0;
      if (ch.kind == Scalar::boolean || !detail::portal::parse_small_uint(ch.text, v) || v < 1 ||
          v > 3) {
        return fail(kKenhThucHien, ch.text, "not a channel code (1 direct, 2 online, 3 postal)");
      }
      channel = v == 1 ? Channel::direct : v == 2 ? Channel::online : Channel::postal;
    }

    // MucDo (TD's field: 2 information only, 3 partly online, 4 fully online) tells the
    // procedure's online level; a value that is none of these says nothing and loses nothing.
    std::optional<OnlineLevel> online_level;
    if (const Scalar& m = s[kMucDo]; !m.missing()) {
      unsigned v = 0;
      if (m.kind != Scalar::boolean && detail::portal::parse_small_uint(m.text, v) && v >= 1 &&
          v <= 4) {
        online_level = v == 4   ? OnlineLevel::full
                       : v == 3 ? OnlineLevel::partial
                                : OnlineLevel::none;
      } else {
        note_value(kFieldName[kMucDo], m.text,
                   "not an online level (2 information only, 3 partly online, 4 fully online): "
                   "ignored");
      }
    }

    std::uint8_t flags = dossier_flag::synced;
    const Flag digitised = flag_of(s[kHoSoCoThanhPhanSoHoa]);
    if (digitised == Flag::bad) {
      return fail(kHoSoCoThanhPhanSoHoa, s[kHoSoCoThanhPhanSoHoa].text, why(Reason::bad_flag));
    }
    if (digitised == Flag::yes || rec_.any_digitised) flags |= dossier_flag::digitised;
    const Flag vneid = flag_of(s[kTaiKhoanDuocXacThucVoiVNeID]);
    if (vneid == Flag::bad) {
      return fail(kTaiKhoanDuocXacThucVoiVNeID, s[kTaiKhoanDuocXacThucVoiVNeID].text,
                  why(Reason::bad_flag));
    }
    if (vneid == Flag::yes) flags |= dossier_flag::vneid;
    if (const Scalar& paid = s[kDuocThanhToanTrucTuyen]; !paid.missing()) {
      unsigned v = 0;
      if (paid.kind == Scalar::boolean) {
        v = paid.text == "true" ? 1 : 0;
      } else if (!detail::portal::parse_small_uint(paid.text, v)) {
        return fail(kDuocThanhToanTrucTuyen, paid.text,
                    "not a payment code (1 portal, 2 provincial gateway, other numbers: not paid "
                    "online)");
      }
      // The portal's codes: 1 paid on the national portal, 2 through the provincial gateway.
      // TD's sender writes 3 for a fee requested and not paid (its SQL: "1" when the payment
      // request is paid, else "3"): not paid online, as 0 is.
      if (v == 1 || v == 2) flags |= dossier_flag::paid_online;
      if (v == 3) {
        note_value(kFieldName[kDuocThanhToanTrucTuyen], paid.text,
                   "not paid online (TD writes 3 for a fee requested and not paid)");
      } else if (v > 3) {
        note_value(kFieldName[kDuocThanhToanTrucTuyen], paid.text,
                   "no such payment code (0 none, 1 portal, 2 provincial gateway): not paid "
                   "online");
      }
    }
    if (rec_.fee_due) flags |= dossier_flag::fee_due;
    if (rec_.e_result) flags |= dossier_flag::e_result;
    if (rec_.any_reused) flags |= dossier_flag::reused;
    if (rec_.any_from_store) flags |= dossier_flag::from_store;

    if (ended_ && *ended_ < *received) {
      return fail(end_field, s[end_field].text, why(Reason::end_before_receipt));
    }
    if (returned_at && *returned_at < *received) {
      return fail(kNgayTra, s[kNgayTra].text, why(Reason::returned_before_receipt));
    }

    // Supplements, and the appointment before the first of them.
    row_.supplements.clear();
    const RawSupplement* earliest = nullptr;
    MinuteStamp earliest_at = 0;
    for (const RawSupplement& raw : rec_.supplements) {
      const Path at{kFieldName[kDanhSachHoSoBoSung], raw.index, "NgayBoSung"};
      const Path completed_at{kFieldName[kDanhSachHoSoBoSung], raw.index, "NgayTiepNhanBoSung"};
      std::optional<MinuteStamp> requested, completed;
      if (!instant(raw.requested, at, requested) ||
          !instant(raw.completed, completed_at, completed)) {
        return false;
      }
      if (!requested) return fail(at, "", why(Reason::missing_value));
      if (*requested < *received) {
        return fail(at, raw.requested.text, why(Reason::event_before_receipt));
      }
      if (ended_ && *requested > *ended_) {
        return fail(at, raw.requested.text, why(Reason::supplement_after_end));
      }
      if (completed && *completed < *requested) {
        return fail(completed_at, raw.completed.text, why(Reason::completed_before_requested));
      }
      if (completed && ended_ && *completed > *ended_) {
        return fail(completed_at, raw.completed.text, why(Reason::completion_after_end));
      }
      if (!earliest || *requested < earliest_at) {
        earliest = &raw;
        earliest_at = *requested;
      }
      row_.supplements.push_back(SupplementRequest{*requested, completed});
    }

    std::optional<MinuteStamp> appointment;
    Path appointment_path{{}, 0, "NgayHenTra"};
    std::string_view appointment_text = s[kNgayHenTra].text;
    if (!deadline(s[kNgayHenTra], appointment_path, appointment)) return false;
    if (earliest && !earliest->before.missing()) {
      // The appointment before any supplement: the engine moves it by the pauses itself, and a
      // NgayHenTra already moved by the portal would count them twice.
      const Path before{kFieldName[kDanhSachHoSoBoSung], earliest->index, "NgayHenTraTruoc"};
      std::optional<MinuteStamp> t;
      if (!deadline(earliest->before, before, t)) return false;
      if (t) {
        appointment = t;
        appointment_path = before;
        appointment_text = earliest->before.text;
      }
    }
    if (appointment) {
      if (*appointment < *received) {
        return fail(appointment_path, appointment_text, why(Reason::appointment_before_receipt));
      }
    } else if (procedure && procedure->timed) {
      // Computed after loading, as the CSV importer does (DossierStore marks it computed); here
      // only whether it can be.
      bool beyond = false;
      try {
        beyond = day_of(calendar_.appointment(*received, procedure->duration)) > kLastSupportedDay;
      } catch (const RangeError&) {
        beyond = true;
      }
      if (beyond) {
        return fail(kNgayTiepNhan, s[kNgayTiepNhan].text, why(Reason::appointment_beyond_calendar));
      }
      computed_appointments_ = true;
    } else {
      no_appointment = true;  // nothing to judge timeliness against: loaded, not judged
    }

    // Registration last, so that a rejected record registers nothing.
    const bool new_unit = !unit,
               new_procedure = !procedure_code.empty() && !procedure && !unknown_procedure;
    if ((new_unit || new_procedure) && store_.find(code, code_hash)) {
      return fail(kMaHoSo, code, why(Reason::duplicate_dossier));
    }
    UnitId unit_id = unit ? *unit : 0;
    if (new_unit) {
      Unit u;
      u.code = std::string(unit_code);
      u.name = u.code;
      u.level = "unknown";
      unit_id = units_.add(std::move(u));
      unit_ids_.emplace(std::string(unit_code), unit_id);
      registered_units_ = true;
    }
    if (new_procedure) {
      Procedure p;
      p.code = std::string(procedure_code);
      p.name = s[kTenTTHC].missing() ? p.code : std::string(s[kTenTTHC].text);
      p.field = std::string(s[kTenLinhVuc].missing() ? s[kMaLinhVuc].text : s[kTenLinhVuc].text);
      const ProcedureId id = procedures_.add(std::move(p));
      procedure =
          &procedure_info_.emplace(std::string(procedure_code), ProcedureInfo{id, false, {}, true})
               .first->second;
    }
    if (procedure && online_level) learn_online_level(*procedure, *online_level);

    row_.procedure = procedure ? std::optional<ProcedureId>(procedure->id) : std::nullopt;
    row_.unit = unit_id;
    row_.channel = channel;
    row_.received = *received;
    row_.appointment = appointment;
    row_.ended = ended_;
    row_.end_kind = end_kind_;
    row_.returned = returned_at;
    row_.flags = flags;
    row_.feedback = Feedback::none;
    row_.apologies.clear();
    try {
      store_.append(row_, code, code_hash);
    } catch (const ArgumentError&) {
      // append() refuses only a duplicate here: the code is not empty and times are in range.
      if (!store_.find(code, code_hash)) throw;
      return fail(kMaHoSo, code, why(Reason::duplicate_dossier));
    }
    if (unknown_procedure) notes_.add(LoadNote::unknown_procedure, where_, procedure_code, !lines_);
    if (end_kind_ != EndKind::none && !ended_) {
      notes_.add(LoadNote::end_unknown, where_, code, !lines_);
    } else if (no_appointment) {
      notes_.add(LoadNote::no_appointment, where_, code, !lines_);
    }
    return true;
  }

  // The end by status (docs/formats.md has the table). Sets end_kind_, ended_, end_field_.
  EndKind end_kind_ = EndKind::none;
  std::optional<MinuteStamp> ended_;
  Field end_field_ = kNgayKetThucXuLy;

  bool end_of(unsigned status, const std::optional<MinuteStamp>& finished_at,
              const std::optional<MinuteStamp>& returned_at,
              const std::optional<MinuteStamp>& refused_at) {
    end_kind_ = EndKind::none;
    ended_.reset();
    const auto set = [&](EndKind kind, const std::optional<MinuteStamp>& t, Field f) {
      end_kind_ = kind;
      ended_ = t;
      end_field_ = f;
    };
    switch (status) {
      case 0:  // no status: the portal's priority over the dates
        if (finished_at) {
          set(EndKind::finished, finished_at, kNgayKetThucXuLy);
        } else if (returned_at) {
          set(EndKind::returned, returned_at, kNgayTra);
        } else if (refused_at) {
          set(EndKind::refused, refused_at, kNgayTuChoi);
        }
        return true;
      case 1:
      case 2:
      case 4:
      case 5:
      case 6: {
        for (const Field f : {kNgayKetThucXuLy, kNgayTra, kNgayTuChoi}) {
          const bool set_here = f == kNgayKetThucXuLy ? finished_at.has_value()
                                : f == kNgayTra       ? returned_at.has_value()
                                                      : refused_at.has_value();
          if (set_here) {
            return fail(f, rec_.scalar[f].text,
                        fmt::format("an end date, but TrangThaiHoSo is {} ({})", status,
                                    status_name(status)));
          }
        }
        return true;
      }
      case 3:  // not received (refused at intake)
        if (refused_at) {
          set(EndKind::refused, refused_at, kNgayTuChoi);
        } else if (finished_at) {
          set(EndKind::refused, finished_at, kNgayKetThucXuLy);
        } else {
          set(EndKind::refused, std::nullopt, kNgayTuChoi);  // ended, time unknown
        }
        return true;
      case 7:  // withdrawn by the applicant
        if (finished_at) {
          set(EndKind::withdrawn, finished_at, kNgayKetThucXuLy);
        } else if (refused_at) {
          set(EndKind::withdrawn, refused_at, kNgayTuChoi);
        } else {
          set(EndKind::withdrawn, std::nullopt, kNgayKetThucXuLy);  // ended, time unknown
        }
        return true;
      case 8:  // stopped
        if (refused_at) {
          set(EndKind::stopped, refused_at, kNgayTuChoi);
        } else if (finished_at) {
          set(EndKind::stopped, finished_at, kNgayKetThucXuLy);
        } else {
          set(EndKind::stopped, std::nullopt, kNgayTuChoi);  // ended, time unknown
        }
        return true;
      default:  // 9 finished, 10 result returned: finished > returned
        if (finished_at) {
          set(EndKind::finished, finished_at, kNgayKetThucXuLy);
        } else if (returned_at) {
          set(EndKind::returned, returned_at, kNgayTra);
        } else {
          // Hà Giang's system sends "10" with no dates: ended, time unknown (not judged).
          set(status == 9 ? EndKind::finished : EndKind::returned, std::nullopt, kNgayKetThucXuLy);
        }
        return true;
    }
  }
};

}  // namespace

void import_portal_json(std::string_view text, std::string_view origin, UnitRegistry& units,
                        ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                        DossierStore& store, ImportReport& report, const ImportOptions& options) {
  PortalImporter(origin, units, procedures, calendar, store, report, options)
      .run(text.data(), text.size());
}

void import_portal_json(const std::filesystem::path& file, UnitRegistry& units,
                        ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                        DossierStore& store, ImportReport& report, const ImportOptions& options) {
  const detail::MappedFile input(file);
  import_portal_json(input.text(), file.string(), units, procedures, calendar, store, report,
                     options);
}

}  // namespace parmetrics
