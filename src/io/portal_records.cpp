// The record-only half of the portal JSON import (portal_records.hpp): framing a stretch of the
// input, then for each record pass 1 (its fields as text) and pass 2 (the mapping as far as the
// record alone allows). The checks keep one pass's order; portal_import.cpp puts its own (unit,
// procedure, duplicates) between them by the Stage a record stopped at.

#include "io/portal_records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include <parmetrics/model/dossier_store.hpp>

#include "io/csv_common.hpp"
#include "io/text_checks.hpp"

namespace parmetrics::detail::portal {

namespace od = simdjson::ondemand;

namespace {

std::string why(Reason r) {
  return std::string(reason_text(r));
}

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

}  // namespace

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

namespace {

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
  if (!parse_small_uint(s.text, v) || v > 1) return Flag::bad;
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

}  // namespace

std::string Path::str() const {
  if (list.empty()) return std::string(name);
  return name.empty() ? fmt::format("{}[{}]", list, index)
                      : fmt::format("{}[{}].{}", list, index, name);
}

std::string clip(std::string_view s) {
  return printable(s);
}

void Chunk::clear() noexcept {
  records.clear();
  problems.clear();
  notes.clear();
  supplements.clear();
  unknown.clear();
  text.clear();
  end = 0;
  framed = 0;
  closed = false;
  stop = {};
}

void ChunkMapper::Record::clear() noexcept {
  for (Scalar& s : scalar) s = {};
  seen = 0;
  any_digitised = any_reused = any_from_store = fee_due = e_result = false;
  supplements.clear();
}

// ---- framing

void ChunkMapper::start(Chunk& out) {
  out_ = &out;
  unknown_index_.clear();
}

void ChunkMapper::lines(Chunk& out, std::size_t from, std::size_t stop) {
  start(out);
  std::size_t pos = from;
  std::uint64_t n = 0;
  while (pos < stop) {
    const void* nl = std::memchr(data_ + pos, '\n', size_ - pos);
    const std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data_) : size_;
    std::size_t b = pos;
    while (b < end && is_json_space(data_[b])) ++b;
    ++n;
    if (b < end) line(b, end, n);
    pos = end + 1;
  }
  out.end = std::min(pos, size_);
  out.framed = n;
}

// simdjson reads the line itself; the scanner only explains a line that cannot be a record.
void ChunkMapper::line(std::size_t b, std::size_t end, std::uint64_t where) {
  while (is_json_space(data_[end - 1])) --end;  // the line holds a non-space byte at b
  if (data_[b] != '{' || data_[end - 1] == '}') {
    record(b, end, where);
    return;
  }
  begin_record(end, where);
  const ValueExtent x = scan_value(data_, b, end);
  if (x.error) {
    fail_record(Stage::framing, {"", clip(std::string_view(data_ + b, end - b)),
                                 fmt::format("malformed JSON: {}", x.error)});
    return;
  }
  std::size_t after = x.end;
  while (is_json_space(data_[after])) ++after;
  fail_record(Stage::framing,
              {"", clip(std::string_view(data_ + after, end - after)), kTrailingContent});
}

void ChunkMapper::elements(Chunk& out, std::size_t from, std::size_t stop) {
  start(out);
  std::size_t i = from;
  std::uint64_t index = 0;
  while (i < stop && frame_element(i, index)) {
  }
  if (out.stop.kind == FramingStop::none) out.end = i;
  out.framed = index;
}

// The element at data_[i] (not a space): framed, mapped, and `i` moved to the next one's start.
// False when the array ends there or cannot be read further.
bool ChunkMapper::frame_element(std::size_t& i, std::uint64_t& index) {
  if (data_[i] == ',' || data_[i] == ']') return stop(FramingStop::expected_record, i);
  const ValueExtent x = scan_value(data_, i, size_);
  if (x.error) {
    // The element's extent is unknown, so nothing after it can be trusted: it is rejected (the
    // report stays whole) and the import stops.
    begin_record(size_, ++index);
    fail_record(Stage::framing, {"", clip(std::string_view(data_ + i, size_ - i)),
                                 fmt::format("malformed JSON: {}", x.error)});
    return stop(FramingStop::broken_element, x.end, index, x.error);
  }
  record(i, x.end, ++index);
  i = x.end;
  while (i < size_ && is_json_space(data_[i])) ++i;
  if (i >= size_) return stop(FramingStop::not_closed, i);
  if (data_[i] == ',') {
    for (++i; i < size_ && is_json_space(data_[i]);) ++i;
    return true;
  }
  if (data_[i] == ']') {
    out_->closed = true;
    ++i;
    return false;
  }
  return stop(FramingStop::expected_separator, i, index);
}

bool ChunkMapper::stop(FramingStop::Kind kind, std::size_t offset, std::uint64_t record,
                       const char* error) {
  out_->stop = {kind, offset, record, error};
  return false;
}

// ---- one record

Mapped& ChunkMapper::begin_record(std::size_t e, std::uint64_t where) {
  row_ = &out_->records.emplace_back();
  row_->where = where;
  row_->end = e;
  row_->notes_begin = row_->notes_end = static_cast<std::uint32_t>(out_->notes.size());
  return *row_;
}

void ChunkMapper::fail_record(Stage stage, Problem problem) {
  row_->failed = stage;
  row_->problem = static_cast<std::uint32_t>(out_->problems.size());
  out_->problems.push_back(std::move(problem));
  row_->notes_end = static_cast<std::uint32_t>(out_->notes.size());
}

void ChunkMapper::record(std::size_t b, std::size_t e, std::uint64_t where) {
  begin_record(e, where);
  rec_.clear();
  note_stage_ = Stage::parse;
  const Stage stage = collect(b, e) ? map() : Stage::parse;
  if (stage != Stage::ok) {
    fail_record(stage, std::move(problem_));
    problem_ = {};
    return;
  }
  row_->notes_end = static_cast<std::uint32_t>(out_->notes.size());
}

bool ChunkMapper::fail(const Path& path, std::string_view value, std::string reason) {
  problem_ = {path.str(), clip(value), std::move(reason)};
  return false;
}
bool ChunkMapper::fail(Field f, std::string_view value, std::string reason) {
  return fail(Path{{}, 0, kFieldName[f]}, value, std::move(reason));
}
bool ChunkMapper::malformed(const Path& path, simdjson::error_code error, std::string_view text) {
  return fail(path, text, fmt::format("malformed JSON: {}", simdjson::error_message(error)));
}

// ---- pass 1: the record's fields as text (no allocation: views into the parser and the input)

bool ChunkMapper::parse_document(std::size_t b, std::size_t e, od::document& doc,
                                 std::string_view& raw) {
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
  raw = std::string_view(doc_begin, length);
  if (auto err = parser_.iterate(doc_begin, length, readable).get(doc)) {
    return malformed({}, err, raw);
  }
  return true;
}

bool ChunkMapper::collect(std::size_t b, std::size_t e) {
  od::document doc;
  std::string_view raw;
  if (!parse_document(b, e, doc, raw)) return false;
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
    if (!read_member(field, key)) return false;
  }
  // Another value after the record on its line ("{...} {...}"): simdjson stops at the first.
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == simdjson::SUCCESS) {
    return fail(Path{}, std::string_view(rest, static_cast<std::size_t>(raw.end() - rest)),
                kTrailingContent);
  }
  return true;
}

bool ChunkMapper::read_member(od::field& field, std::string_view key) {
  const Field id = field_of(key);
  if (id >= kIgnored) {
    if (id == kUnknown) note_unknown(key, row_->where);
    return true;
  }
  const std::uint32_t bit = 1u << id;
  if (rec_.seen & bit) return fail(id, "", "field given twice");
  rec_.seen |= bit;
  if (id < kScalarCount) {
    return read_scalar(field.value(), rec_.scalar[id], Path{{}, 0, kFieldName[id]});
  }
  return read_list(field.value(), id);
}

bool ChunkMapper::read_scalar(od::value& v, Scalar& out, const Path& path) {
  od::json_type type;
  if (auto err = v.type().get(type)) return malformed(path, err, v.raw_json_token());
  switch (type) {
    case od::json_type::string: {
      // A string without escapes is read in place (most are): get_string() would copy it
      // into the parser's buffer, a second copy of a large field.
      std::string_view token = v.raw_json_token();
      while (token.size() > 1 && is_json_space(token.back())) token.remove_suffix(1);
      if (token.size() >= 2 && token.back() == '"' && token.find('\\') == std::string_view::npos) {
        out = {Scalar::string, trim(token.substr(1, token.size() - 2))};
        return true;
      }
      std::string_view s;
      if (auto err = v.get_string().get(s)) return malformed(path, err, v.raw_json_token());
      out = {Scalar::string, trim(s)};
      return true;
    }
    case od::json_type::number:
      out = {Scalar::number, trim(v.raw_json_token())};
      return true;
    case od::json_type::null: {
      bool is_null = false;
      const std::string_view token = trim(v.raw_json_token());
      if (v.is_null().get(is_null) || !is_null) {
        return malformed(path, simdjson::N_ATOM_ERROR, token);
      }
      out = {Scalar::null, {}};
      return true;
    }
    case od::json_type::boolean: {
      bool b = false;
      const std::string_view token = trim(v.raw_json_token());
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

bool ChunkMapper::read_list(od::value& v, Field list) {
  const Path path{{}, 0, kFieldName[list]};
  od::json_type type;
  if (auto err = v.type().get(type)) return malformed(path, err, v.raw_json_token());
  if (type == od::json_type::null) return true;
  if (type == od::json_type::string) {
    // "" stands for an empty list in some exports; any other text is not a list.
    std::string_view s;
    if (auto err = v.get_string().get(s)) return malformed(path, err, v.raw_json_token());
    if (trim(s).empty()) return true;
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

bool ChunkMapper::read_entry(od::object& object, Field list, std::size_t index) {
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
    if (!read_scalar(field.value(), s, path) || !read_sub(s, sub, key, path, supplement)) {
      return false;
    }
  }
  return true;
}

bool ChunkMapper::read_sub(const Scalar& s, Sub sub, std::string_view key, const Path& path,
                           RawSupplement* supplement) {
  switch (sub) {
    case Sub::DuocSoHoa:
    case Sub::DuocTaiSuDung:
    case Sub::DuocLayTuKhoDMQG: {
      const Flag f = flag_of(s);
      const bool yes = f == Flag::bad ? attachment_flag(sub, key, s.text) : f == Flag::yes;
      bool& target = sub == Sub::DuocSoHoa       ? rec_.any_digitised
                     : sub == Sub::DuocTaiSuDung ? rec_.any_reused
                                                 : rec_.any_from_store;
      target = target || yes;
      return true;
    }
    case Sub::Gia: {
      if (s.missing()) return true;
      const FeeParse fee = s.kind == Scalar::boolean ? FeeParse::bad : parse_fee(s.text);
      if (fee == FeeParse::bad) return fail(path, s.text, "not an amount");
      if (fee == FeeParse::negative) return fail(path, s.text, "negative amount");
      rec_.fee_due = rec_.fee_due || fee == FeeParse::positive;
      return true;
    }
    case Sub::NgayBoSung:
      supplement->requested = s;
      return true;
    case Sub::NgayTiepNhanBoSung:
      supplement->completed = s;
      return true;
    case Sub::NgayHenTraTruoc:
      supplement->before = s;
      return true;
    case Sub::DuongDanTepTinKetQua:
      rec_.e_result = rec_.e_result || (!s.missing() && s.kind != Scalar::boolean);
      return true;
    case Sub::none:
      break;
  }
  return true;
}

// An attachment's flag other than 0/1. TD's sender (SyncLocalDataToDVCQGService.cs) writes
// DuocTaiSuDung "2" for a component reused from another dossier's result ("1": from another
// dossier's component): reused either way. Any other value is not counted, and one
// attachment's flag never costs its dossier: a warning once per field and value.
bool ChunkMapper::attachment_flag(Sub sub, std::string_view key, std::string_view value) {
  unsigned v = 0;
  if (sub == Sub::DuocTaiSuDung && parse_small_uint(value, v) && v == 2) {
    note_value(key, value,
               "counted as reused (TD writes 2 for a component reused from another dossier's "
               "result)");
    return true;
  }
  note_value(key, value, "not 0 or 1: the attachment's flag is not counted");
  return false;
}

void ChunkMapper::note_value(std::string_view field, std::string_view value,
                             std::string_view meaning) {
  out_->notes.push_back({note_stage_, std::string(field), std::string(value), meaning});
}

// Counted here by chunk, in the order first seen; the import adds the chunks up in order.
void ChunkMapper::note_unknown(std::string_view key, std::uint64_t where) {
  const auto [it, added] = unknown_index_.try_emplace(std::string(key), out_->unknown.size());
  if (added) out_->unknown.push_back({it->first, where, 0});
  ++out_->unknown[it->second].records;
}

// ---- pass 2: the mapping, as far as the record alone allows

Stage ChunkMapper::map() {
  if (!map_codes()) return Stage::codes;
  if (!code_of(kMaTTHC, row_->procedure_code)) return Stage::procedure_code;
  row_->procedure_code = keep(row_->procedure_code);
  note_stage_ = Stage::fields;
  if (!map_times() || !map_channel_and_level() || !map_flags() || !map_supplements() ||
      !map_appointment()) {
    return Stage::fields;
  }
  const Scalar* s = rec_.scalar;
  row_->procedure_name = keep(s[kTenTTHC].text);
  row_->field_name = keep(s[kTenLinhVuc].missing() ? s[kMaLinhVuc].text : s[kTenLinhVuc].text);
  row_->received_text = keep(s[kNgayTiepNhan].text);
  return Stage::ok;
}

bool ChunkMapper::map_codes() {
  std::string_view code, unit_code;
  if (!code_of(kMaHoSo, code)) return false;
  if (code.empty()) return fail(kMaHoSo, "", why(Reason::missing_value));
  if (!code_of(kDonViXuLy, unit_code)) return false;
  if (unit_code.empty()) return fail(kDonViXuLy, "", why(Reason::missing_value));
  row_->code = keep(code);
  row_->code_hash = DossierStore::code_hash(row_->code);
  row_->unit_code = keep(unit_code);
  return true;
}

bool ChunkMapper::map_times() {
  const Scalar* s = rec_.scalar;
  std::optional<MinuteStamp> received;
  if (!instant(s[kNgayTiepNhan], Path{{}, 0, "NgayTiepNhan"}, received)) return false;
  if (!received) return fail(kNgayTiepNhan, "", why(Reason::missing_value));
  row_->received = *received;
  unsigned status = 0;
  if (const Scalar& st = s[kTrangThaiHoSo]; !st.missing()) {
    if (st.kind == Scalar::boolean || !parse_small_uint(st.text, status) || status < 1 ||
        status > 10) {
      return fail(kTrangThaiHoSo, st.text, "not a status code (1-10)");
    }
  }
  std::optional<MinuteStamp> finished_at, refused_at;
  return instant(s[kNgayKetThucXuLy], Path{{}, 0, "NgayKetThucXuLy"}, finished_at) &&
         instant(s[kNgayTra], Path{{}, 0, "NgayTra"}, row_->returned) &&
         instant(s[kNgayTuChoi], Path{{}, 0, "NgayTuChoi"}, refused_at) &&
         end_of(status, finished_at, row_->returned, refused_at);
}

bool ChunkMapper::map_channel_and_level() {
  if (const Scalar& ch = rec_.scalar[kKenhThucHien]; !ch.missing()) {
    unsigned v = 0;
    if (ch.kind == Scalar::boolean || !parse_small_uint(ch.text, v) || v < 1 || v > 3) {
      return fail(kKenhThucHien, ch.text, "not a channel code (1 direct, 2 online, 3 postal)");
    }
    row_->channel = v == 1 ? Channel::direct : v == 2 ? Channel::online : Channel::postal;
  }
  // MucDo (TD's field: 2 information only, 3 partly online, 4 fully online) tells the
  // procedure's online level; a value that is none of these says nothing and loses nothing.
  if (const Scalar& m = rec_.scalar[kMucDo]; !m.missing()) {
    unsigned v = 0;
    if (m.kind != Scalar::boolean && parse_small_uint(m.text, v) && v >= 1 && v <= 4) {
      row_->online_level = v == 4   ? OnlineLevel::full
                           : v == 3 ? OnlineLevel::partial
                                    : OnlineLevel::none;
      row_->online_text = keep(m.text);
    } else {
      note_value(kFieldName[kMucDo], m.text,
                 "not an online level (2 information only, 3 partly online, 4 fully online): "
                 "ignored");
    }
  }
  return true;
}

bool ChunkMapper::map_flags() {
  const Scalar* s = rec_.scalar;
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
  if (!map_payment(flags)) return false;
  if (rec_.fee_due) flags |= dossier_flag::fee_due;
  if (rec_.e_result) flags |= dossier_flag::e_result;
  if (rec_.any_reused) flags |= dossier_flag::reused;
  if (rec_.any_from_store) flags |= dossier_flag::from_store;
  row_->flags = flags;
  // The order of the times, before the supplements are read.
  if (row_->ended && *row_->ended < row_->received) {
    return fail(end_field_, s[end_field_].text, why(Reason::end_before_receipt));
  }
  if (row_->returned && *row_->returned < row_->received) {
    return fail(kNgayTra, s[kNgayTra].text, why(Reason::returned_before_receipt));
  }
  return true;
}

bool ChunkMapper::map_payment(std::uint8_t& flags) {
  const Scalar& paid = rec_.scalar[kDuocThanhToanTrucTuyen];
  if (paid.missing()) return true;
  unsigned v = 0;
  if (paid.kind == Scalar::boolean) {
    v = paid.text == "true" ? 1 : 0;
  } else if (!parse_small_uint(paid.text, v)) {
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
  return true;
}

// Supplements, and the earliest of them (its NgayHenTraTruoc is the appointment).
bool ChunkMapper::map_supplements() {
  row_->supplements_begin = static_cast<std::uint32_t>(out_->supplements.size());
  earliest_ = nullptr;
  MinuteStamp earliest_at = 0;
  const MinuteStamp received = row_->received;
  const std::optional<MinuteStamp>& ended = row_->ended;
  for (const RawSupplement& raw : rec_.supplements) {
    const Path at{kFieldName[kDanhSachHoSoBoSung], raw.index, "NgayBoSung"};
    const Path completed_at{kFieldName[kDanhSachHoSoBoSung], raw.index, "NgayTiepNhanBoSung"};
    std::optional<MinuteStamp> requested, completed;
    if (!instant(raw.requested, at, requested) ||
        !instant(raw.completed, completed_at, completed)) {
      return false;
    }
    if (!requested) return fail(at, "", why(Reason::missing_value));
    if (*requested < received)
      return fail(at, raw.requested.text, why(Reason::event_before_receipt));
    if (ended && *requested > *ended) {
      return fail(at, raw.requested.text, why(Reason::supplement_after_end));
    }
    if (completed && *completed < *requested) {
      return fail(completed_at, raw.completed.text, why(Reason::completed_before_requested));
    }
    if (completed && ended && *completed > *ended) {
      return fail(completed_at, raw.completed.text, why(Reason::completion_after_end));
    }
    if (!earliest_ || *requested < earliest_at) {
      earliest_ = &raw;
      earliest_at = *requested;
    }
    out_->supplements.push_back(SupplementRequest{*requested, completed});
  }
  row_->supplements_end = static_cast<std::uint32_t>(out_->supplements.size());
  return true;
}

// The appointment as given; when there is none, the import computes it from the procedure.
bool ChunkMapper::map_appointment() {
  const Scalar& given = rec_.scalar[kNgayHenTra];
  Path path{{}, 0, "NgayHenTra"};
  std::string_view text = given.text;
  if (!deadline(given, path, row_->appointment)) return false;
  if (earliest_ && !earliest_->before.missing()) {
    // The appointment before any supplement: the engine moves it by the pauses itself, and a
    // NgayHenTra already moved by the portal would count them twice.
    const Path before{kFieldName[kDanhSachHoSoBoSung], earliest_->index, "NgayHenTraTruoc"};
    std::optional<MinuteStamp> t;
    if (!deadline(earliest_->before, before, t)) return false;
    if (t) {
      row_->appointment = t;
      path = before;
      text = earliest_->before.text;
    }
  }
  if (row_->appointment && *row_->appointment < row_->received) {
    return fail(path, text, why(Reason::appointment_before_receipt));
  }
  return true;
}

/// An instant (received, ended, ...): a time of day is required.
bool ChunkMapper::instant(const Scalar& s, const Path& path, std::optional<MinuteStamp>& out) {
  return time_of(s, path, false, out);
}
/// A deadline (NgayHenTra): a date alone means the end of that day, 23:59.
bool ChunkMapper::deadline(const Scalar& s, const Path& path, std::optional<MinuteStamp>& out) {
  return time_of(s, path, true, out);
}

bool ChunkMapper::time_of(const Scalar& s, const Path& path, bool is_deadline,
                          std::optional<MinuteStamp>& out) {
  out.reset();
  if (s.missing()) return true;
  MinuteStamp t = 0;
  switch (s.kind == Scalar::boolean ? TimeParse::bad_format : parse_portal_time(s.text, t)) {
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

bool ChunkMapper::code_of(Field f, std::string_view& out) {
  const Scalar& s = rec_.scalar[f];
  if (s.kind == Scalar::boolean) return fail(f, s.text, "not a code");
  // Escapes can put control characters (even NUL) in a string; no code has them.
  if (std::any_of(s.text.begin(), s.text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    return fail(f, s.text, "control character in a code");
  }
  // Codes compare in NFC (docs/formats.md); the copy lives until the next record (keep() copies
  // what the import needs).
  out = s.text;
  if (!is_ascii(out)) {
    std::deque<std::string>& owned = nfc_codes_[f == kMaHoSo ? 0 : f == kDonViXuLy ? 1 : 2];
    owned.clear();
    out = nfc_view(out, owned);
  }
  return true;
}

// A view the import reads after this record: the input's bytes as they are, a copy of what only
// the parser's buffers, the padded tail or the NFC copies hold.
std::string_view ChunkMapper::keep(std::string_view s) {
  if (s.empty() || (s.data() >= data_ && s.data() + s.size() <= data_ + size_)) return s;
  char* copy = out_->text.allocate(s.size());
  std::memcpy(copy, s.data(), s.size());
  return {copy, s.size()};
}

// The end by status (docs/formats.md has the table). Sets end_kind, ended, end_field_.
bool ChunkMapper::end_of(unsigned status, const std::optional<MinuteStamp>& finished_at,
                         const std::optional<MinuteStamp>& returned_at,
                         const std::optional<MinuteStamp>& refused_at) {
  const auto set = [&](EndKind kind, const std::optional<MinuteStamp>& t, Field f) {
    row_->end_kind = kind;
    row_->ended = t;
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
    case 6:
      return no_end(status, finished_at, returned_at, refused_at);
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

// A status that is not an end (1, 2, 4, 5, 6) with an end date is refused.
bool ChunkMapper::no_end(unsigned status, const std::optional<MinuteStamp>& finished_at,
                         const std::optional<MinuteStamp>& returned_at,
                         const std::optional<MinuteStamp>& refused_at) {
  for (const Field f : {kNgayKetThucXuLy, kNgayTra, kNgayTuChoi}) {
    const bool set_here = f == kNgayKetThucXuLy ? finished_at.has_value()
                          : f == kNgayTra       ? returned_at.has_value()
                                                : refused_at.has_value();
    if (set_here) {
      return fail(
          f, rec_.scalar[f].text,
          fmt::format("an end date, but TrangThaiHoSo is {} ({})", status, status_name(status)));
    }
  }
  return true;
}

}  // namespace parmetrics::detail::portal
