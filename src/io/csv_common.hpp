#pragma once
// What the four CSV importers share: reasons of rejection, the header and its columns, the
// per-chunk results, and the driver that parses chunks on several threads and hands them to the
// (single-threaded) loader in file order.

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/model/procedure.hpp>

#include "io/chunk_ring.hpp"
#include "io/csv_tokenizer.hpp"

namespace parmetrics::detail {

/// Why a record is rejected. The text (reason_text) is fixed: reports count rejections by it.
enum class Reason : std::uint8_t {
  // record structure
  unterminated_quote,
  text_after_quote,
  stray_quote,
  quote_over_lines,
  wrong_field_count,
  // values
  missing_value,
  invalid_utf8,
  bad_time,
  bad_date,
  time_out_of_range,
  date_out_of_range,
  bad_flag,
  bad_channel,
  bad_end_kind,
  bad_feedback,
  bad_event_kind,
  bad_online_level,
  bad_duration,
  bad_duration_kind,
  fractional_calendar_days,
  empty_successor,
  bad_share,
  bad_successor_rule,
  bad_gso_code,
  // references and duplicates
  unknown_unit,
  ambiguous_unit_name,
  unknown_procedure,
  unknown_dossier,
  duplicate_dossier,
  duplicate_unit,
  duplicate_procedure,
  unknown_parent,
  unknown_successor,
  rejected_parent,
  rejected_successor,
  parent_cycle,
  successor_cycle,
  // consistency
  version_overlap,
  version_level,
  successor_not_last,
  valid_to_before_valid_from,
  end_before_receipt,
  returned_before_receipt,
  appointment_before_receipt,
  appointment_required,
  appointment_beyond_calendar,
  event_before_receipt,
  supplement_after_end,
  completion_after_end,
  apology_after_end,
  completed_before_requested,
  no_open_request,
  new_appointment_not_apology,
  public_not_apology,
  new_appointment_before_apology,
  // native JSON records (import_dossiers_json): the texts the portal importer gives
  malformed_json,
  not_a_json_object,
  not_a_single_value,
  count_
};
inline constexpr std::size_t kReasonCount = static_cast<std::size_t>(Reason::count_);

std::string_view reason_text(Reason r) noexcept;

/// Why a record whose structure is broken is rejected (status != ok).
Reason structure_reason(RecordStatus status) noexcept;

/// A column of a format: its name and whether the header must have it.
struct ColumnSpec {
  std::string_view name;
  bool required;
};

inline constexpr std::uint16_t kNoColumn = 0xFFFF;

/// The header row: where the data starts, and for each of the format's columns its index in the
/// records (or kNoColumn).
struct Header {
  std::size_t data_begin = 0;        ///< offset of the first byte after the header row
  std::uint64_t line = 0;            ///< 1-based line of the header
  std::uint64_t data_line = 0;       ///< 1-based line at data_begin
  std::size_t field_count = 0;       ///< columns in the header
  std::vector<std::uint16_t> index;  ///< by the format's column number
};

/// Reads the header (after a UTF-8 BOM and empty lines): throws DataError naming `origin` when
/// there is none, it is malformed, a column appears twice, or a required column is missing.
/// Unknown columns are reported once each, as warnings.
Header read_header(std::string_view text, std::string_view origin,
                   std::span<const ColumnSpec> columns, ImportReport& report);

/// The text without a leading UTF-8 BOM.
std::string_view skip_bom(std::string_view text) noexcept;

/// A rejection waiting for its chunk's first line to be known.
struct PendingRejection {
  std::uint64_t line = 0;      ///< line feeds before the record, relative to the chunk's start
  std::uint64_t position = 0;  ///< rows the chunk had produced before it
  Reason reason{};
  std::uint16_t column = kNoColumn;  ///< the format's column number, or kNoColumn (the record)
  std::string value;                 ///< printable
  /// When set, the value is this time, formatted only if the rejection is kept in full (so that
  /// millions of rejections found after parsing cost no strings).
  std::optional<MinuteStamp> time;
  /// For a record cut back to its first line (a quoted field ran over lines into an invalid
  /// record): the last line tried, relative like `line`; 0 otherwise.
  std::uint64_t tried_to_line = 0;

  /// Makes the lines absolute, for importers that keep rejections past their chunk.
  void add_first_line(std::uint64_t first_line) noexcept {
    line += first_line;
    if (tried_to_line != 0) tried_to_line += first_line;
  }
};

/// Rejections of one chunk: the first kKeptDetails in full, all of them counted by reason.
struct ChunkRejections {
  std::vector<PendingRejection> kept;
  std::array<std::uint64_t, kReasonCount> counts{};
  std::uint64_t total = 0;

  void add(std::uint64_t line, std::uint64_t position, Reason reason, std::uint16_t column,
           std::string_view value, std::uint64_t tried_to_line = 0);
  void clear() noexcept {
    kept.clear();
    counts.fill(0);
    total = 0;
  }
};

/// Resolves a chunk's pending rejections into a report: the line made absolute, the column
/// named. Kept details go in order; the rest are counted.
class RejectionSink {
 public:
  /// `record_numbers`: lines are the numbers of JSON records (Rejection::record_number).
  RejectionSink(std::string_view origin, std::span<const ColumnSpec> columns, ImportReport& report,
                bool record_numbers = false)
      : origin_(origin), columns_(columns), report_(report), record_numbers_(record_numbers) {}

  void reject(const PendingRejection& r, std::uint64_t first_line);
  void reject(std::uint64_t line, Reason reason, std::uint16_t column, std::string_view value);
  /// The counts of a chunk's rejections beyond the details already passed through reject().
  void count_rest(const ChunkRejections& chunk);
  void count_rest(const std::array<std::uint64_t, kReasonCount>& rest);

  std::uint64_t rejected() const noexcept { return rejected_; }
  /// The first rejection of this import, for strict mode's message.
  const std::optional<Rejection>& first() const noexcept { return first_; }

 private:
  std::string_view origin_;
  std::span<const ColumnSpec> columns_;
  ImportReport& report_;
  bool record_numbers_ = false;
  std::uint64_t rejected_ = 0;
  std::optional<Rejection> first_;
};

/// Strict mode: throws DataError when this import rejected anything.
void finish_strict(const ImportOptions& options, std::string_view origin, const RejectionSink& sink,
                   std::string_view hint = {});
/// The hint of the import's first rejection (rejections()[first_kept]), when it was kept: what
/// strict mode's error says after the reason.
std::string_view first_hint(const ImportReport& report, std::size_t first_kept) noexcept;

unsigned thread_count(const ImportOptions& options) noexcept;

/// A share of a unit's history: "0.6", "0.3333", "1" (at most 4 decimals, at most 1) in parts
/// of kShareWhole; nullopt otherwise.
std::optional<std::uint32_t> parse_share(std::string_view v);

// --- loaded records that miss a fact ------------------------------------------------------------

/// What a loaded record may miss (docs/formats.md, "Reject only what cannot be placed").
enum class LoadNote : std::uint8_t {
  no_appointment,
  end_unknown,
  unknown_procedure,
  unknown_commune,
  count_
};
inline constexpr std::size_t kLoadNoteCount = static_cast<std::size_t>(LoadNote::count_);

/// Counts loaded records by what they miss, keeping the first of each kind for one warning per
/// file: "file:12: record 'D7': not judged: no appointment (3 records; the first here)".
class LoadNotes {
 public:
  /// `where` is a line, or a record number when `record_number`; `value` names the record.
  void add(LoadNote note, std::uint64_t where, std::string_view value, bool record_number = false);
  /// Adds the counts and one warning per kind to `report`.
  void finish(std::string_view origin, ImportReport& report) const;

 private:
  struct Kind {
    std::uint64_t count = 0, where = 0;
    bool record_number = false;
    std::string value;
  };
  std::array<Kind, kLoadNoteCount> kinds_{};
};

// --- field values -------------------------------------------------------------------------------

/// 0/1 flags: empty means absent (false).
inline std::optional<bool> parse_flag(std::string_view v) noexcept {
  if (v.empty()) return false;
  if (v.size() == 1 && (v[0] == '0' || v[0] == '1')) return v[0] == '1';
  return std::nullopt;
}

/// A time as parse_iso_datetime reads it ("YYYY-MM-DDTHH:MM[:SS]" or with a space; seconds
/// dropped), checked to be inside 1900..2199; sets `why` when it is not. Inline: four times per
/// dossier on the import's hot path.
inline std::optional<MinuteStamp> parse_time(std::string_view v, Reason& why) noexcept {
  why = Reason::bad_time;
  const std::size_t n = v.size();
  if ((n != 16 && n != 19) || v[4] != '-' || v[7] != '-' || (v[10] != 'T' && v[10] != ' ') ||
      v[13] != ':' || (n == 19 && v[16] != ':')) {
    return std::nullopt;
  }
  const auto digit = [&](std::size_t i) { return static_cast<unsigned>(v[i]) - '0'; };
  static constexpr std::size_t kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  for (std::size_t k = 0; k < (n == 19 ? 14u : 12u); ++k) {
    if (digit(kDigits[k]) > 9) return std::nullopt;
  }
  const int year = static_cast<int>(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3));
  const unsigned month = digit(5) * 10 + digit(6), day = digit(8) * 10 + digit(9);
  const unsigned hour = digit(11) * 10 + digit(12), minute = digit(14) * 10 + digit(15);
  const unsigned second = n == 19 ? digit(17) * 10 + digit(18) : 0;
  if (!is_valid_civil(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  if (year < 1900 || year > 2199) {
    why = Reason::time_out_of_range;
    return std::nullopt;
  }
  return to_minutes(days_from_civil(year, month, day), static_cast<int>(hour * 60 + minute));
}

/// Text → dense id; read-only after building, so that threads share it.
///
/// It owns a copy of the codes: it is built from a registry that the loading thread goes on
/// growing (registering unknown codes) while parsing threads read the index, and growing a
/// registry moves its strings, so views into it would dangle.
class CodeIndex {
 public:
  void build(const std::vector<std::string_view>& codes);
  std::optional<std::uint32_t> find(std::string_view code) const noexcept;

 private:
  std::string_view code(std::uint32_t id) const noexcept {
    return std::string_view(text_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }

  std::string text_;                  // the codes, end to end
  std::vector<std::size_t> offsets_;  // code id starts at offsets_[id], ends at offsets_[id + 1]
  std::vector<std::uint32_t> slots_;  // id + 1, 0 = empty
};

// --- the driver ---------------------------------------------------------------------------------

inline constexpr std::size_t kDefaultChunkBytes = std::size_t{2} << 20;

/// Parses text[header.data_begin, end) in chunks of about `chunk_bytes`: `parse(out, record)` on
/// `threads` threads (each `out` an Out, reset with clear() before reuse), then
/// `load(out, first_line)` on the calling thread, chunk by chunk in file order, where first_line
/// is the absolute line of the chunk's start. Out must have `std::uint64_t newlines, bytes`
/// (set here).
///
/// With several threads, chunk starts are guessed first (quote parity, see csv_tokenizer.hpp);
/// a chunk is loaded only once the previous one has ended exactly at its start, else it is
/// parsed again here from where the previous one ended. So the records, their order and their
/// lines are those of one pass, whatever the split.
template <class Out, class Parse, class Load>
void run_chunks(std::string_view text, const Header& header, unsigned threads,
                std::size_t chunk_bytes, Parse&& parse, Load&& load) {
  const std::size_t size = text.size();
  const std::size_t begin = header.data_begin;
  if (chunk_bytes == 0) chunk_bytes = kDefaultChunkBytes;
  const std::size_t chunks = begin >= size ? 0 : (size - begin + chunk_bytes - 1) / chunk_bytes;

  // Parses the records that start in [from, stop); returns where the last one ended.
  auto parse_range = [&](Out& out, std::size_t from, std::size_t stop) {
    Arena* arena = nullptr;
    if constexpr (requires { out.arena; }) arena = &out.arena;
    CsvTokenizer tok(text, from, arena, header.field_count);
    CsvRecord record;
    while (tok.next(stop, record)) parse(out, record);
    out.newlines = tok.newlines();
    out.bytes = tok.pos() - from;
    return tok.pos();
  };

  if (threads <= 1 || chunks <= 1) {
    Out out;
    std::uint64_t line = header.data_line;
    for (std::size_t pos = begin; pos < size;) {
      out.clear();
      pos = parse_range(out, pos, std::min(size, pos + chunk_bytes));
      load(out, line);
      line += out.newlines;
    }
    return;
  }

  // Chunk starts, found by whoever takes the chunk rather than in a pass of their own over the
  // file (issue 13): the taker of chunk i counts the quotes of its nominal chunk, waits for chunk
  // i's start and the quote parity before it (published by the taker of chunk i - 1, a count of
  // 2 MiB earlier), and publishes chunk i + 1's before it parses its own. So each chunk's bytes
  // are read twice in a row, the second time from cache.
  std::vector<std::size_t> starts(chunks + 1);
  std::vector<std::uint8_t> parity(chunks + 1);  // of the quotes in [begin, nominal start)
  std::unique_ptr<std::atomic<bool>[]> known(new std::atomic<bool>[chunks + 1]);
  for (std::size_t i = 0; i <= chunks; ++i) known[i].store(false, std::memory_order_relaxed);
  starts[0] = begin;
  parity[0] = 0;
  known[0].store(true, std::memory_order_release);
  // Publishes starts[i + 1] for the taker of chunk i; false when the import stops meanwhile.
  auto find_next_start = [&](std::size_t i, const std::atomic<bool>& stopping) {
    const std::size_t from = begin + i * chunk_bytes;
    const std::uint64_t q = count_quotes(text.substr(from, std::min(chunk_bytes, size - from)));
    while (!known[i].load(std::memory_order_acquire)) {
      if (stopping.load(std::memory_order_relaxed)) return false;
      std::this_thread::yield();
    }
    parity[i + 1] = static_cast<std::uint8_t>(parity[i] ^ (q & 1));
    starts[i + 1] = i + 1 == chunks
                        ? size
                        : std::max(starts[i], next_boundary(text, begin + (i + 1) * chunk_bytes,
                                                            parity[i + 1] != 0, chunk_bytes));
    known[i + 1].store(true, std::memory_order_release);
    return true;
  };

  // Pass 2: threads parse chunks into a ring of slots; this thread checks and loads them.
  struct Slot {
    Out out;
    std::size_t end = 0;
  };
  std::uint64_t line = header.data_line;
  std::size_t expected = begin;  // where the previous chunk really ended
  run_chunk_ring<Slot>(
      chunks, threads,
      [&](unsigned, std::size_t i, Slot& slot, const std::atomic<bool>& stopping) {
        if (!find_next_start(i, stopping)) return false;
        slot.out.clear();
        slot.end = parse_range(slot.out, starts[i], starts[i + 1]);
        return true;
      },
      [&](std::size_t i, Slot& slot) {
        if (starts[i] != expected) {
          // A wrong guess (unbalanced quotes before it, or a chunk swallowed by a long record).
          slot.out.clear();
          slot.end = parse_range(slot.out, expected, std::max(expected, starts[i + 1]));
        }
        load(slot.out, line);
        line += slot.out.newlines;
        expected = slot.end;
        return false;
      });
}

/// Rejects records whose structure is broken or whose field count differs from the header's.
/// Returns true when the record can be parsed field by field.
bool check_record(const CsvRecord& record, const Header& header, std::uint64_t position,
                  ChunkRejections& rejections);

/// Rows of one chunk with their rejections.
template <class Row>
struct RowsOut {
  std::vector<Row> rows;
  ChunkRejections rejections;
  Arena arena;  // unescaped fields the rows refer to
  std::uint64_t newlines = 0, bytes = 0;
  void clear() noexcept {
    arena.clear();
    rows.clear();
    rejections.clear();
    newlines = bytes = 0;
  }
};

/// For importers that find rejections after parsing (references, pairs): rejections with
/// absolute lines, sorted by line, the first kKeptDetails passed in full and the rest counted,
/// together with `rest` (counts not among any kept list).
void emit_in_line_order(RejectionSink& sink, std::vector<PendingRejection>& kept,
                        std::array<std::uint64_t, kReasonCount> rest);

/// Counts of a chunk's rejections that are not among its kept details.
std::array<std::uint64_t, kReasonCount> counts_beyond_kept(const ChunkRejections& chunk);

}  // namespace parmetrics::detail
