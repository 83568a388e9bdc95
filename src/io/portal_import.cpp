// The national portal's dossier records (primer §9) onto the model; rules in docs/formats.md,
// "Portal JSON". The input is cut into chunks of whole records (lines of JSON Lines, elements of
// the top-level array); threads frame, parse and map the records of each chunk as far as the
// record alone allows (portal_records.hpp), and this thread applies the chunks in input order:
// units and procedures matched and registered, duplicates refused, warnings said once. So a
// broken record is rejected without losing the rest of the file, and the result is that of one
// pass whatever the threads and chunk sizes.

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/io/portal_import.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <parmetrics/error.hpp>

#include "io/chunk_ring.hpp"
#include "io/csv_common.hpp"
#include "io/mapped_file.hpp"
#include "io/portal_records.hpp"
#include "io/portal_text.hpp"
#include "io/unit_names.hpp"

namespace parmetrics {

namespace {

using detail::LoadNote;
using detail::LoadNotes;
using detail::Reason;
using detail::portal::Chunk;
using detail::portal::ChunkMapper;
using detail::portal::clip;
using detail::portal::Field;
using detail::portal::FramingStop;
using detail::portal::is_json_space;
using detail::portal::kDonViXuLy;
using detail::portal::kFieldName;
using detail::portal::kMaHoSo;
using detail::portal::kMucDo;
using detail::portal::kNgayTiepNhan;
using detail::portal::Mapped;
using detail::portal::Problem;
using detail::portal::Stage;
using detail::portal::StringHash;
using detail::portal::StringMap;

// Reasons the CSV importers give too share their text, so that merged reports count them together.
std::string why(Reason r) {
  return std::string(detail::reason_text(r));
}

// Where chunks start. The taker of chunk i summarizes its nominal stretch (for an array: quotes
// and bracket depth), waits for the structure at the stretch's start (published by the taker of
// chunk i - 1), and publishes where chunk i + 1 starts before it maps its own: so each stretch is
// read twice in a row, the second time from cache (as run_chunks does for the CSV). A start is a
// guess for an array (a string can hold anything); the loader checks each against where the
// previous chunk really ended.
class ChunkStarts {
 public:
  ChunkStarts(const char* data, std::size_t size, std::size_t begin, std::size_t chunk_bytes,
              std::size_t chunks, bool lines)
      : data_(data),
        size_(size),
        begin_(begin),
        chunk_bytes_(chunk_bytes),
        chunks_(chunks),
        lines_(lines),
        starts_(chunks + 1),
        states_(chunks + 1),
        known_(new std::atomic<bool>[chunks + 1]) {
    for (std::size_t i = 0; i <= chunks; ++i) known_[i].store(false, std::memory_order_relaxed);
    starts_[0] = begin;
    known_[0].store(true, std::memory_order_release);
  }

  std::size_t operator[](std::size_t i) const noexcept { return starts_[i]; }

  /// Publishes the start of chunk i + 1; false when `stopping` is set while waiting.
  bool publish_next(std::size_t i, const std::atomic<bool>& stopping) {
    const std::size_t from = nominal(i), to = std::min(size_, nominal(i + 1));
    detail::portal::StretchSummary summary;
    if (!lines_) summary = detail::portal::summarize_stretch(data_, from, to);
    while (!known_[i].load(std::memory_order_acquire)) {
      if (stopping.load(std::memory_order_relaxed)) return false;
      std::this_thread::yield();
    }
    states_[i + 1] = states_[i].after(summary);
    starts_[i + 1] = i + 1 == chunks_ ? size_ : std::max(starts_[i], next_start(to, i + 1));
    known_[i + 1].store(true, std::memory_order_release);
    return true;
  }

 private:
  const char* data_;
  std::size_t size_, begin_, chunk_bytes_, chunks_;
  bool lines_;
  std::vector<std::size_t> starts_;
  std::vector<detail::portal::StructureState> states_;  // at the nominal starts
  std::unique_ptr<std::atomic<bool>[]> known_;

  std::size_t nominal(std::size_t i) const noexcept { return begin_ + i * chunk_bytes_; }

  // The first record after the nominal start p: the next line, or the next element.
  std::size_t next_start(std::size_t p, std::size_t i) const noexcept {
    if (!lines_) return detail::portal::next_element(data_, p, size_, states_[i]);
    const void* nl = std::memchr(data_ + p - 1, '\n', size_ - (p - 1));
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data_) + 1 : size_;
  }
};

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
        lines_ = true;
        chunks(body);
      } else {
        fatal(i, fmt::format("neither a JSON array ('[') nor JSON Lines ('{{'): the first "
                             "character is '{}'",
                             clip(std::string_view(data + i, 1))));
      }
    }
    finish();
  }

 private:
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
  bool lines_ = false;  // JSON Lines (locations are lines) or an array (record numbers)
  std::size_t chunk_bytes_ = 0;

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
  StringMap<ProcedureInfo> procedure_info_;
  bool registered_units_ = false, computed_appointments_ = false;
  std::uint64_t records_ = 0;  // of this import, to size the store once
  static constexpr std::size_t kMaxUnknownFieldWarnings = 32;
  static constexpr std::uint64_t kRecordsBeforeReserve = 1000;
  // The duplicate check probes a table far larger than the caches: the slot of the record this
  // many ahead is asked for before a record is applied, so that the misses overlap.
  static constexpr std::size_t kPrefetchAhead = 8;
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
    while (i < size_ && is_json_space(data_[i])) ++i;
    if (i < size_ && data_[i] == ']') return i + 1;
    const std::size_t end = chunks(i);
    if (end == kNotClosed) fatal(size_, "the array is not closed (is the file truncated?)");
    return end;
  }

  // ---- chunks: framed and mapped on threads, applied here in input order

  static constexpr std::size_t kNotClosed = static_cast<std::size_t>(-1);
  // Smaller than the CSV's: a chunk's mapped records (about a quarter of its bytes) are read
  // back while they are still in the cache.
  static constexpr std::size_t kChunkBytes = std::size_t{256} << 10;

  /// The records of data_[begin, size_): returns where the array closed (after its ']'), or
  /// kNotClosed when the input ended first (always for JSON Lines).
  std::size_t chunks(std::size_t begin) {
    chunk_bytes_ = options_.chunk_bytes != 0 ? options_.chunk_bytes : kChunkBytes;
    const std::size_t n = begin >= size_ ? 0 : (size_ - begin + chunk_bytes_ - 1) / chunk_bytes_;
    const unsigned threads = detail::thread_count(options_);
    if (threads <= 1 || n <= 1) return chunks_here(begin);
    return chunks_on_threads(begin, n, threads);
  }

  void frame(ChunkMapper& mapper, Chunk& c, std::size_t from, std::size_t stop) const {
    c.clear();
    if (lines_) {
      mapper.lines(c, from, stop);
    } else {
      mapper.elements(c, from, stop);
    }
  }

  // One thread: each chunk starts where the previous one ended.
  std::size_t chunks_here(std::size_t pos) {
    ChunkMapper mapper(data_, size_);
    Chunk c;
    std::uint64_t base = 0;  // lines or elements before the chunk
    while (pos < size_) {
      frame(mapper, c, pos, std::min(size_, pos + chunk_bytes_));
      if (apply(c, base)) return c.end;
      base += c.framed;
      pos = c.end;
    }
    return kNotClosed;
  }

  // Several threads: each maps chunks with a mapper of its own (ChunkStarts says where they
  // start); this thread applies them in order, mapping again one whose start was a wrong guess.
  std::size_t chunks_on_threads(std::size_t begin, std::size_t n, unsigned threads) {
    ChunkStarts starts(data_, size_, begin, chunk_bytes_, n, lines_);
    std::vector<std::unique_ptr<ChunkMapper>> mappers(threads);
    for (auto& m : mappers) m = std::make_unique<ChunkMapper>(data_, size_);
    std::uint64_t base = 0;  // lines or elements before the chunk
    std::size_t expected = begin, closed_at = kNotClosed;
    detail::run_chunk_ring<Chunk>(
        n, threads,
        [&](unsigned thread, std::size_t i, Chunk& c, const std::atomic<bool>& stopping) {
          if (!starts.publish_next(i, stopping)) return false;
          frame(*mappers[thread], c, starts[i], starts[i + 1]);
          return true;
        },
        [&](std::size_t i, Chunk& c) {
          if (starts[i] != expected) {
            // A wrong guess (a string that looked like the array's structure, or a chunk
            // swallowed by a long record): mapped again from where the previous one ended.
            frame(*mappers[0], c, expected, std::max(expected, starts[i + 1]));
          }
          if (apply(c, base)) closed_at = c.end;
          base += c.framed;
          expected = c.end;
          return closed_at != kNotClosed;
        });
    return closed_at;
  }

  // ---- applying a chunk

  /// Applies a chunk's records, in order; true when the array closed in it. A framing error
  /// stops the import after the records before it.
  bool apply(const Chunk& c, std::uint64_t base) {
    const std::size_t n = c.records.size();
    for (std::size_t k = 0; k < std::min(n, kPrefetchAhead); ++k) prefetch(c.records[k]);
    for (std::size_t k = 0; k < n; ++k) {
      if (k + kPrefetchAhead < n) prefetch(c.records[k + kPrefetchAhead]);
      apply_record(c, c.records[k], base + c.records[k].where);
    }
    add_unknown_fields(c, base);
    if (c.stop.kind != FramingStop::none) stop_at(c.stop, base);
    return c.closed;
  }

  void prefetch(const Mapped& m) const noexcept {
    if (!m.code.empty()) store_.prefetch_code(m.code_hash);
  }

  [[noreturn]] void stop_at(const FramingStop& s, std::uint64_t base) {
    switch (s.kind) {
      case FramingStop::not_closed:
        fatal(s.offset, "the array is not closed (is the file truncated?)");
      case FramingStop::expected_record:
        fatal(s.offset, "expected a record");
      case FramingStop::broken_element:
        fatal(s.offset, fmt::format("record {}: {}", base + s.record, s.error));
      default:
        fatal(s.offset, fmt::format("expected ',' or ']' after record {}", base + s.record));
    }
  }

  // A chunk's unknown fields, as if met one record at a time: a name already listed counts its
  // records; a new one is listed while there is room (the chunk lists them in the order first
  // seen, so they take the places one pass would give them).
  void add_unknown_fields(const Chunk& c, std::uint64_t base) {
    for (const detail::portal::UnknownField& f : c.unknown) {
      if (const auto it = unknown_fields_.find(f.name); it != unknown_fields_.end()) {
        it->second.records += f.records;
      } else if (unknown_fields_.size() <= kMaxUnknownFieldWarnings) {
        unknown_fields_.emplace(f.name,
                                UnknownField{base + f.where, f.records, unknown_fields_.size()});
      }
    }
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

  void apply_record(const Chunk& c, const Mapped& m, std::uint64_t where) {
    where_ = where;
    if (m.failed != Stage::framing) {
      if (++records_ == kRecordsBeforeReserve) {
        // Size the columns once from the density so far (2% over), rather than doubling them.
        const double per_byte = static_cast<double>(records_) / static_cast<double>(m.end);
        store_.reserve(store_.size() + static_cast<std::size_t>(
                                           per_byte * static_cast<double>(size_ - m.end) * 1.02));
      }
      if (place(c, m)) {
        report_.loaded();
        return;
      }
    } else {
      problem_ = c.problems[m.problem];
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

  bool fail(Field f, std::string_view value, std::string reason) {
    problem_ = {std::string(kFieldName[f]), clip(value), std::move(reason)};
    return false;
  }

  // The record's own rejection, reached at the step where one pass would have made it.
  bool failed(const Chunk& c, const Mapped& m) {
    problem_ = c.problems[m.problem];
    return false;
  }

  // The notes the record's mapping left for `stage`, said now.
  void say_notes(const Chunk& c, const Mapped& m, Stage stage) {
    for (std::uint32_t k = m.notes_begin; k < m.notes_end; ++k) {
      const detail::portal::DeferredNote& n = c.notes[k];
      if (n.stage == stage) note_value(n.field, n.value, n.meaning);
    }
  }

  // The steps that need the import's state, between the record's own: the unit after the codes,
  // the procedure after MaTTHC, then the appointment, the registrations and the store.
  bool place(const Chunk& c, const Mapped& m) {
    say_notes(c, m, Stage::parse);
    if (m.failed <= Stage::codes) return failed(c, m);
    bool ambiguous = false;
    const std::optional<UnitId> unit = find_unit(m.unit_code, m.code, ambiguous);
    if (!unit && !options_.register_unknown) {
      return fail(kDonViXuLy, m.unit_code,
                  why(ambiguous ? Reason::ambiguous_unit_name : Reason::unknown_unit));
    }
    if (m.failed == Stage::procedure_code) return failed(c, m);
    const ProcedureInfo* procedure = nullptr;
    bool unknown_procedure = false;
    if (!m.procedure_code.empty()) {
      procedure = find_procedure(m.procedure_code);
      // Not registered: kept, procedure unknown (it still counts as received, by channel...).
      unknown_procedure =
          !procedure && !options_.register_unknown && !options_.register_unknown_procedures;
    }
    say_notes(c, m, Stage::fields);
    if (m.failed == Stage::fields) return failed(c, m);
    bool no_appointment = false;
    if (!m.appointment && !appointment_computable(m, procedure, no_appointment)) return false;
    if (!append(c, m, unit, procedure, unknown_procedure)) return false;
    say_loaded(m, unknown_procedure, no_appointment);
    return true;
  }

  // No appointment given: computed after loading from a timed procedure, as the CSV importer
  // does (DossierStore marks it computed); here only whether it can be.
  bool appointment_computable(const Mapped& m, const ProcedureInfo* procedure,
                              bool& no_appointment) {
    if (!procedure || !procedure->timed) {
      no_appointment = true;  // nothing to judge timeliness against: loaded, not judged
      return true;
    }
    bool beyond = false;
    try {
      beyond = day_of(calendar_.appointment(m.received, procedure->duration)) > kLastSupportedDay;
    } catch (const RangeError&) {
      beyond = true;
    }
    if (beyond)
      return fail(kNgayTiepNhan, m.received_text, why(Reason::appointment_beyond_calendar));
    computed_appointments_ = true;
    return true;
  }

  // Registration last, so that a rejected record registers nothing; then the store, which
  // refuses a duplicate code.
  bool append(const Chunk& c, const Mapped& m, std::optional<UnitId> unit,
              const ProcedureInfo* procedure, bool unknown_procedure) {
    const bool new_unit = !unit,
               new_procedure = !m.procedure_code.empty() && !procedure && !unknown_procedure;
    if ((new_unit || new_procedure) && store_.find(m.code, m.code_hash)) {
      return fail(kMaHoSo, m.code, why(Reason::duplicate_dossier));
    }
    const UnitId unit_id = new_unit ? register_unit(m.unit_code) : *unit;
    if (new_procedure) procedure = register_procedure(m);
    if (procedure && m.online_level) learn_online_level(*procedure, *m.online_level, m.online_text);
    fill_row(c, m, unit_id, procedure);
    try {
      store_.append(row_, m.code, m.code_hash);
    } catch (const ArgumentError&) {
      // append() refuses only a duplicate here: the code is not empty and times are in range.
      if (!store_.find(m.code, m.code_hash)) throw;
      return fail(kMaHoSo, m.code, why(Reason::duplicate_dossier));
    }
    return true;
  }

  void fill_row(const Chunk& c, const Mapped& m, UnitId unit, const ProcedureInfo* procedure) {
    row_.procedure = procedure ? std::optional<ProcedureId>(procedure->id) : std::nullopt;
    row_.unit = unit;
    row_.channel = m.channel;
    row_.received = m.received;
    row_.appointment = m.appointment;
    row_.ended = m.ended;
    row_.end_kind = m.end_kind;
    row_.returned = m.returned;
    row_.flags = m.flags;
    row_.feedback = Feedback::none;
    row_.apologies.clear();
    row_.supplements.assign(c.supplements.begin() + m.supplements_begin,
                            c.supplements.begin() + m.supplements_end);
  }

  UnitId register_unit(std::string_view code) {
    Unit u;
    u.code = std::string(code);
    u.name = u.code;
    u.level = "unknown";
    const UnitId id = units_.add(std::move(u));
    unit_ids_.emplace(std::string(code), id);
    registered_units_ = true;
    return id;
  }

  const ProcedureInfo* register_procedure(const Mapped& m) {
    Procedure p;
    p.code = std::string(m.procedure_code);
    p.name = m.procedure_name.empty() ? p.code : std::string(m.procedure_name);
    p.field = std::string(m.field_name);
    const ProcedureId id = procedures_.add(std::move(p));
    return &procedure_info_
                .emplace(std::string(m.procedure_code), ProcedureInfo{id, false, {}, true})
                .first->second;
  }

  // What a loaded record misses, counted.
  void say_loaded(const Mapped& m, bool unknown_procedure, bool no_appointment) {
    if (unknown_procedure)
      notes_.add(LoadNote::unknown_procedure, where_, m.procedure_code, !lines_);
    if (m.end_kind != EndKind::none && !m.ended) {
      notes_.add(LoadNote::end_unknown, where_, m.code, !lines_);
    } else if (no_appointment) {
      notes_.add(LoadNote::no_appointment, where_, m.code, !lines_);
    }
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

  /// A record's online level: a procedure registered from the records is offered at the highest
  /// level its records give; the catalogue's own level (procedures.csv) is kept, and a record
  /// that disagrees is said once per value.
  void learn_online_level(const ProcedureInfo& info, OnlineLevel level, std::string_view text) {
    const Procedure& p = procedures_[info.id];
    if (info.registered) {
      if (level > p.online) procedures_.set_online(info.id, level);
    } else if (level != p.online) {
      note_value(kFieldName[kMucDo], text,
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
