#pragma once
// The half of the portal JSON import (docs/formats.md, "Portal JSON") that needs nothing but the
// record: records framed in a stretch of the input (lines of JSON Lines, elements of an array),
// parsed with simdjson's On-Demand API and mapped field by field (codes, dates, status, flags,
// supplements) into a Chunk, on any thread. What needs the import's state (units and procedures
// matched and registered, the store's duplicate check, warnings said once per value) is left to
// portal_import.cpp, which applies the chunks in input order: the result never depends on the
// split.

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/procedure.hpp>

#include "io/csv_tokenizer.hpp"
#include "io/portal_text.hpp"

namespace parmetrics::detail::portal {

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
inline constexpr std::size_t kScalarCount = kTaiLieuNop;

inline constexpr std::string_view kFieldName[] = {
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

inline constexpr const char* kTrailingContent =
    "malformed JSON: content after the record on its line";

/// Why a record is rejected: the Rejection's field, value and reason.
struct Problem {
  std::string field, value, reason;
};

/// How far the record-only part got before rejecting a record. The import's own steps (the unit
/// after the codes, the procedure after MaTTHC) come in between, so the serial part rejects a
/// record at the same step, with the same reason, as a single pass would.
enum class Stage : std::uint8_t {
  framing,         ///< not a record: a line that cannot hold one, an element of unknown extent
  parse,           ///< the JSON, or a field's shape (before any look-up)
  codes,           ///< MaHoSo or DonViXuLy (before the unit is looked up)
  procedure_code,  ///< MaTTHC (after the unit, before the procedure)
  fields,          ///< the other fields (after the procedure)
  ok,
};

/// A warning said once per field and value (the import's note_value), kept for the serial part,
/// which says it when it reaches `stage` of its record: so the first record to show a value is
/// the one named, whatever thread mapped it.
struct DeferredNote {
  Stage stage = Stage::parse;
  std::string field, value;
  std::string_view meaning;  // a literal
};

/// A field the importer does not read, within one chunk: where first seen (relative), in how
/// many records.
struct UnknownField {
  std::string name;
  std::uint64_t where = 0, records = 0;
};

/// One record, mapped as far as the record alone allows. Views are into the input or the
/// chunk's arena.
struct Mapped {
  std::uint64_t where = 0;  ///< line or element number, from 1 at the chunk's start
  std::size_t end = 0;      ///< offset after the record in the input
  Stage failed = Stage::ok;
  std::uint32_t problem = 0;                                 ///< into Chunk::problems, when failed
  std::uint32_t notes_begin = 0, notes_end = 0;              ///< into Chunk::notes
  std::uint32_t supplements_begin = 0, supplements_end = 0;  ///< into Chunk::supplements
  std::string_view code, unit_code, procedure_code;
  std::string_view procedure_name, field_name;  ///< for a procedure registered from it
  std::string_view online_text, received_text;  ///< MucDo and NgayTiepNhan, for messages
  std::size_t code_hash = 0;
  std::optional<OnlineLevel> online_level;
  Channel channel = Channel::direct;
  EndKind end_kind = EndKind::none;
  std::uint8_t flags = 0;
  MinuteStamp received = 0;
  std::optional<MinuteStamp> appointment, ended, returned;
};

/// Why framing stopped before the end of its stretch: the rest of an array cannot be read.
struct FramingStop {
  enum Kind : std::uint8_t {
    none,
    not_closed,
    expected_record,
    broken_element,
    expected_separator
  };
  Kind kind = none;
  std::size_t offset = 0;
  std::uint64_t record = 0;  ///< relative, as Mapped::where
  const char* error = nullptr;
};

/// What the record-only part made of one stretch of the input.
struct Chunk {
  std::vector<Mapped> records;
  std::vector<Problem> problems;
  std::vector<DeferredNote> notes;
  std::vector<SupplementRequest> supplements;
  std::vector<UnknownField> unknown;  // in the order first seen
  Arena text;                         // values the parser held in its own buffers, copied
  std::size_t end = 0;                // where the next record starts (or after the array)
  std::uint64_t framed = 0;           // lines (JSON Lines) or elements (array) framed
  bool closed = false;                // the array's ']' was met
  FramingStop stop;
  void clear() noexcept;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

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
  std::string str() const;
};

/// Values in rejections as the CSV importers show them: control bytes and invalid UTF-8 escaped,
/// long ones cut with their size.
std::string clip(std::string_view s);

/// Fields of the lists' entries that the mapping reads (defined with the mapper).
enum class Sub : std::uint8_t;

/// Frames and maps the records of stretches of one input; one per thread (it owns a parser).
class ChunkMapper {
 public:
  /// data[0, size) is the input; nothing after it needs to be readable.
  ChunkMapper(const char* data, std::size_t size) : data_(data), size_(size) {}
  /// The lines of JSON Lines that start in [from, stop); `from` starts a line.
  void lines(Chunk& out, std::size_t from, std::size_t stop);
  /// The elements of an array that start in [from, stop); `from` starts one (or is the end).
  void elements(Chunk& out, std::size_t from, std::size_t stop);

 private:
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
    void clear() noexcept;
  };

  const char* data_;
  std::size_t size_;
  Chunk* out_ = nullptr;
  simdjson::ondemand::parser parser_;
  std::string tail_;  // a record too near the end to lend simdjson its padding, copied
  Record rec_;
  Mapped* row_ = nullptr;
  StringMap<std::size_t> unknown_index_;     // into out_->unknown
  std::deque<std::string> nfc_codes_[3];     // MaHoSo, DonViXuLy, MaTTHC, when not NFC
  Field end_field_ = kNgayKetThucXuLy;       // the field that gave the end (end_of)
  const RawSupplement* earliest_ = nullptr;  // the earliest supplement request (map_supplements)
  Stage note_stage_ = Stage::parse;          // of the notes said now
  Problem problem_;                          // why the record is being rejected

  void start(Chunk& out);
  bool frame_element(std::size_t& i, std::uint64_t& index);
  bool stop(FramingStop::Kind kind, std::size_t offset, std::uint64_t record = 0,
            const char* error = nullptr);
  void line(std::size_t b, std::size_t end, std::uint64_t where);
  void record(std::size_t b, std::size_t e, std::uint64_t where);
  Mapped& begin_record(std::size_t e, std::uint64_t where);
  void fail_record(Stage stage, Problem problem);

  bool fail(const Path& path, std::string_view value, std::string reason);
  bool fail(Field f, std::string_view value, std::string reason);
  bool malformed(const Path& path, simdjson::error_code error, std::string_view text);

  // Pass 1: the record's fields as text.
  bool collect(std::size_t b, std::size_t e);
  bool parse_document(std::size_t b, std::size_t e, simdjson::ondemand::document& doc,
                      std::string_view& raw);
  bool read_member(simdjson::ondemand::field& field, std::string_view key);
  bool read_scalar(simdjson::ondemand::value& v, Scalar& out, const Path& path);
  bool read_list(simdjson::ondemand::value& v, Field list);
  bool read_entry(simdjson::ondemand::object& object, Field list, std::size_t index);
  bool read_sub(const Scalar& s, Sub sub, std::string_view key, const Path& path,
                RawSupplement* supplement);
  bool attachment_flag(Sub sub, std::string_view key, std::string_view value);
  void note_value(std::string_view field, std::string_view value, std::string_view meaning);
  void note_unknown(std::string_view key, std::uint64_t where);

  // Pass 2: the mapping, as far as the record alone allows.
  Stage map();
  bool map_codes();
  bool map_times();
  bool map_channel_and_level();
  bool map_flags();
  bool map_payment(std::uint8_t& flags);
  bool map_supplements();
  bool map_appointment();
  bool instant(const Scalar& s, const Path& path, std::optional<MinuteStamp>& out);
  bool deadline(const Scalar& s, const Path& path, std::optional<MinuteStamp>& out);
  bool time_of(const Scalar& s, const Path& path, bool is_deadline,
               std::optional<MinuteStamp>& out);
  bool code_of(Field f, std::string_view& out);
  bool end_of(unsigned status, const std::optional<MinuteStamp>& finished_at,
              const std::optional<MinuteStamp>& returned_at,
              const std::optional<MinuteStamp>& refused_at);
  bool no_end(unsigned status, const std::optional<MinuteStamp>& finished_at,
              const std::optional<MinuteStamp>& returned_at,
              const std::optional<MinuteStamp>& refused_at);
  std::string_view keep(std::string_view s);
};

}  // namespace parmetrics::detail::portal
