#include "io/csv_common.hpp"

#include <fmt/format.h>

#include <functional>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/model/unit.hpp>

#include "io/text_checks.hpp"

namespace parmetrics::detail {

std::string_view reason_text(Reason r) noexcept {
  switch (r) {
    case Reason::unterminated_quote:
      return describe(RecordStatus::unterminated_quote);
    case Reason::text_after_quote:
      return describe(RecordStatus::text_after_quote);
    case Reason::stray_quote:
      return describe(RecordStatus::stray_quote);
    case Reason::quote_over_lines:
      return describe(RecordStatus::quote_over_lines);
    case Reason::wrong_field_count:
      return "wrong number of fields";
    case Reason::missing_value:
      return "required value missing";
    case Reason::invalid_utf8:
      return "invalid UTF-8";
    case Reason::bad_time:
      return "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])";
    case Reason::bad_date:
      return "bad date (expected YYYY-MM-DD)";
    case Reason::time_out_of_range:
      return "time outside 1900-01-01..2199-12-31";
    case Reason::date_out_of_range:
      return "date outside 1900-01-01..2199-12-31";
    case Reason::bad_flag:
      return "bad flag (expected 0 or 1)";
    case Reason::bad_channel:
      return "bad channel (expected direct, online or postal)";
    case Reason::bad_end_kind:
      return "bad end kind (expected finished, returned, refused, stopped or withdrawn)";
    case Reason::bad_feedback:
      return "bad feedback (expected none, complaint or dislike)";
    case Reason::bad_event_kind:
      return "bad event kind (expected supplement_requested, supplement_completed or apology)";
    case Reason::bad_online_level:
      return "bad online level (expected none, partial or full)";
    case Reason::bad_duration:
      return "bad duration (expected a number such as 15 or 0.5)";
    case Reason::bad_duration_kind:
      return "bad duration kind (expected h, d or cd)";
    case Reason::fractional_calendar_days:
      return "calendar days must be a whole number";
    case Reason::empty_successor:
      return "empty code in the successor list";
    case Reason::bad_share:
      return "bad share (expected CODE:SHARE, a decimal 0..1 with at most 4 decimals, for every "
             "successor or none, the shares summing to 1)";
    case Reason::bad_successor_rule:
      return "bad successor rule (expected shares or commune)";
    case Reason::bad_gso_code:
      return "bad GSO code (expected 1 to 5 digits)";
    case Reason::unknown_unit:
      return "unknown unit";
    case Reason::ambiguous_unit_name:
      return "unknown unit: a name several units share (give the code)";
    case Reason::unknown_procedure:
      return "unknown procedure";
    case Reason::unknown_dossier:
      return "unknown dossier";
    case Reason::duplicate_dossier:
      return "duplicate dossier code";
    case Reason::duplicate_unit:
      return "duplicate unit code";
    case Reason::duplicate_procedure:
      return "duplicate procedure code";
    case Reason::unknown_parent:
      return "unknown parent unit";
    case Reason::unknown_successor:
      return "unknown successor unit";
    case Reason::rejected_parent:
      return "parent unit rejected";
    case Reason::rejected_successor:
      return "successor unit rejected";
    case Reason::parent_cycle:
      return "the parent chain loops";
    case Reason::successor_cycle:
      return "the successor chain loops";
    case Reason::valid_to_before_valid_from:
      return "valid_to before valid_from";
    case Reason::version_overlap:
      return "the rows of one unit must follow each other, day after day, without overlap";
    case Reason::version_level:
      return "the level differs from the unit's other rows";
    case Reason::successor_not_last:
      return "successors belong on the unit's last row";
    case Reason::end_before_receipt:
      return "end before receipt";
    case Reason::returned_before_receipt:
      return "returned before receipt";
    case Reason::appointment_before_receipt:
      return "appointment before receipt";
    case Reason::appointment_required:
      return "appointment missing and the procedure's statutory time unknown";
    case Reason::appointment_beyond_calendar:
      return "computed appointment beyond the calendar (2199-12-31)";
    case Reason::event_before_receipt:
      return "event before receipt";
    case Reason::supplement_after_end:
      return "supplement requested after the end";
    case Reason::completion_after_end:
      return "supplement completed after the end";
    case Reason::apology_after_end:
      return "apology after the end";
    case Reason::completed_before_requested:
      return "supplement completed before requested";
    case Reason::no_open_request:
      return "no open supplement request";
    case Reason::new_appointment_not_apology:
      return "only apologies carry new_appointment_at";
    case Reason::public_not_apology:
      return "only apologies can be public";
    case Reason::new_appointment_before_apology:
      return "new appointment before the apology";
    case Reason::malformed_json:
      return "malformed JSON";
    case Reason::not_a_json_object:
      return "not a JSON object";
    case Reason::not_a_single_value:
      return "expected a single value, not a list or an object";
    case Reason::count_:
      break;
  }
  return "rejected";
}

Reason structure_reason(RecordStatus status) noexcept {
  switch (status) {
    case RecordStatus::unterminated_quote:
      return Reason::unterminated_quote;
    case RecordStatus::text_after_quote:
      return Reason::text_after_quote;
    case RecordStatus::stray_quote:
      return Reason::stray_quote;
    case RecordStatus::quote_over_lines:
    case RecordStatus::ok:
      break;
  }
  return Reason::quote_over_lines;
}

std::string_view skip_bom(std::string_view text) noexcept {
  return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

Header read_header(std::string_view text, std::string_view origin,
                   std::span<const ColumnSpec> columns, ImportReport& report) {
  CsvTokenizer tok(text, 0);
  CsvRecord record;
  if (!tok.next(text.size(), record)) {
    throw DataError(std::string(origin), "line 1", "", "no header row (the file is empty)");
  }
  Header h;
  h.line = record.line + 1;
  const std::string where = fmt::format("line {}", h.line);
  if (record.status != RecordStatus::ok) {
    throw DataError(
        std::string(origin), where, "",
        fmt::format("malformed header: {}", reason_text(structure_reason(record.status))));
  }
  if (record.fields.size() >= kNoColumn) {
    throw DataError(std::string(origin), where, "", "too many columns");
  }
  // A lone CR ends lines in files from old Mac editors: the whole file reads as one line.
  if (const auto cr = record.raw.find('\r'); cr != std::string_view::npos) {
    throw DataError(std::string(origin), where, "",
                    "the header holds a carriage return (CR) that ends no line: lines seem to end "
                    "in a lone CR (old Mac line endings), which CSV does not allow; convert them "
                    "to LF or CRLF");
  }
  h.data_begin = tok.pos();
  h.data_line = 1 + tok.newlines();
  h.field_count = record.fields.size();
  h.index.assign(columns.size(), kNoColumn);
  std::vector<std::string_view> unknown;
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const std::string_view name = record.fields[i];
    const auto it = std::find_if(columns.begin(), columns.end(),
                                 [&](const ColumnSpec& c) { return c.name == name; });
    if (it == columns.end()) {
      if (std::find(unknown.begin(), unknown.end(), name) == unknown.end()) {
        unknown.push_back(name);
        report.warn(
            fmt::format("{}:{}: unknown column '{}' ignored", origin, h.line, printable(name)));
      }
      continue;
    }
    auto& slot = h.index[static_cast<std::size_t>(it - columns.begin())];
    if (slot != kNoColumn) {
      throw DataError(std::string(origin), where, std::string(name), "column appears twice");
    }
    slot = static_cast<std::uint16_t>(i);
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].required && h.index[c] == kNoColumn) {
      throw DataError(std::string(origin), where, std::string(columns[c].name),
                      "required column missing");
    }
  }
  return h;
}

void ChunkRejections::add(std::uint64_t line, std::uint64_t position, Reason reason,
                          std::uint16_t column, std::string_view value,
                          std::uint64_t tried_to_line) {
  ++counts[static_cast<std::size_t>(reason)];
  ++total;
  if (kept.size() < ImportReport::kKeptDetails) {
    kept.push_back({line, position, reason, column, printable(value), std::nullopt, tried_to_line});
  }
}

void RejectionSink::reject(const PendingRejection& r, std::uint64_t first_line) {
  Rejection out{std::string(origin_), first_line + r.line,
                r.column == kNoColumn ? std::string() : std::string(columns_[r.column].name),
                r.time ? format_iso_datetime(*r.time) : r.value,
                std::string(reason_text(r.reason))};
  if (r.tried_to_line != 0) out.last_line = first_line + r.tried_to_line;
  out.record_number = record_numbers_;
  if (!first_) first_ = out;
  ++rejected_;
  report_.reject(std::move(out));
}

void RejectionSink::reject(std::uint64_t line, Reason reason, std::uint16_t column,
                           std::string_view value) {
  reject(PendingRejection{0, 0, reason, column, printable(value), std::nullopt, 0}, line);
}

std::array<std::uint64_t, kReasonCount> counts_beyond_kept(const ChunkRejections& chunk) {
  std::array<std::uint64_t, kReasonCount> rest = chunk.counts;
  for (const PendingRejection& r : chunk.kept) --rest[static_cast<std::size_t>(r.reason)];
  return rest;
}

void RejectionSink::count_rest(const ChunkRejections& chunk) {
  count_rest(counts_beyond_kept(chunk));
}

void RejectionSink::count_rest(const std::array<std::uint64_t, kReasonCount>& rest) {
  for (std::size_t i = 0; i < kReasonCount; ++i) {
    if (rest[i] == 0) continue;
    report_.count_rejections(std::string(reason_text(static_cast<Reason>(i))), rest[i]);
    rejected_ += rest[i];
  }
}

void finish_strict(const ImportOptions& options, std::string_view origin, const RejectionSink& sink,
                   std::string_view hint) {
  if (!options.strict || sink.rejected() == 0) return;
  const Rejection& r = *sink.first();
  throw DataError(std::string(origin), fmt::format("line {}", r.line), r.field,
                  fmt::format("{} (value '{}'){}{}; strict mode: {} record(s) rejected", r.reason,
                              r.value, hint.empty() ? "" : "; ", hint, sink.rejected()));
}

std::string_view first_hint(const ImportReport& report, std::size_t first_kept) noexcept {
  return first_kept < report.rejections().size()
             ? std::string_view(report.rejections()[first_kept].hint)
             : std::string_view();
}

namespace {
std::string_view load_note_text(LoadNote n) noexcept {
  switch (n) {
    case LoadNote::no_appointment:
      return "not judged: no appointment";
    case LoadNote::end_unknown:
      return "not judged: ended, time unknown";
    case LoadNote::unknown_procedure:
      return "procedure unknown";
    case LoadNote::unknown_commune:
      return "commune unknown (left out of attribution by commune)";
    case LoadNote::count_:
      break;
  }
  return "";
}
}  // namespace

void LoadNotes::add(LoadNote note, std::uint64_t where, std::string_view value,
                    bool record_number) {
  Kind& k = kinds_[static_cast<std::size_t>(note)];
  if (k.count++ == 0) {
    k.where = where;
    k.record_number = record_number;
    k.value = printable(value);
  }
}

void LoadNotes::finish(std::string_view origin, ImportReport& report) const {
  for (std::size_t i = 0; i < kLoadNoteCount; ++i) {
    const Kind& k = kinds_[i];
    if (k.count == 0) continue;
    const std::string_view what = load_note_text(static_cast<LoadNote>(i));
    report.note_loaded(std::string(what), k.count);
    report.warn(
        fmt::format("{}:{}{}: {} '{}': {}, loaded and counted ({} record{}; the first here)",
                    origin, k.record_number ? "record " : "", k.where,
                    i == static_cast<std::size_t>(LoadNote::unknown_procedure) ? "procedure"
                    : i == static_cast<std::size_t>(LoadNote::unknown_commune) ? "commune"
                                                                               : "record",
                    k.value, what, k.count, k.count == 1 ? "" : "s"));
  }
}

std::optional<std::uint32_t> parse_share(std::string_view v) {
  const std::size_t dot = v.find('.');
  const std::string_view whole = v.substr(0, dot);
  const std::string_view part = dot == std::string_view::npos ? "" : v.substr(dot + 1);
  const auto digits = [](std::string_view s) {
    return s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (whole.size() != 1 || !digits(whole) || part.size() > 4 || !digits(part) ||
      (dot != std::string_view::npos && part.empty())) {
    return std::nullopt;
  }
  std::uint32_t value = static_cast<std::uint32_t>(whole[0] - '0') * kShareWhole;
  std::uint32_t scale = kShareWhole / 10;
  for (const char c : part) {
    value += static_cast<std::uint32_t>(c - '0') * scale;
    scale /= 10;
  }
  if (value > kShareWhole) return std::nullopt;
  return value;
}

unsigned thread_count(const ImportOptions& options) noexcept {
  const unsigned n = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  return std::clamp(n, 1u, 256u);
}

void CodeIndex::build(const std::vector<std::string_view>& codes) {
  std::size_t bytes = 0;
  for (const std::string_view c : codes) bytes += c.size();
  text_.clear();
  text_.reserve(bytes);
  offsets_.clear();
  offsets_.reserve(codes.size() + 1);
  offsets_.push_back(0);
  for (const std::string_view c : codes) {
    text_.append(c);
    offsets_.push_back(text_.size());
  }
  std::size_t size = 16;
  while (size < 2 * codes.size()) size *= 2;
  slots_.assign(size, 0);
  const std::size_t mask = size - 1;
  for (std::uint32_t id = 0; id < codes.size(); ++id) {
    std::size_t slot = std::hash<std::string_view>{}(codes[id]) & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = id + 1;
  }
}

std::optional<std::uint32_t> CodeIndex::find(std::string_view code) const noexcept {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = std::hash<std::string_view>{}(code)&mask;; slot = (slot + 1) & mask) {
    const std::uint32_t s = slots_[slot];
    if (s == 0) return std::nullopt;
    if (this->code(s - 1) == code) return s - 1;
  }
}

void emit_in_line_order(RejectionSink& sink, std::vector<PendingRejection>& kept,
                        std::array<std::uint64_t, kReasonCount> rest) {
  std::stable_sort(
      kept.begin(), kept.end(),
      [](const PendingRejection& a, const PendingRejection& b) { return a.line < b.line; });
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i < ImportReport::kKeptDetails) {
      sink.reject(kept[i], 0);
    } else {
      ++rest[static_cast<std::size_t>(kept[i].reason)];
    }
  }
  sink.count_rest(rest);
}

bool check_record(const CsvRecord& record, const Header& header, std::uint64_t position,
                  ChunkRejections& rejections) {
  if (record.status == RecordStatus::ok) {
    if (record.fields.size() == header.field_count) return true;
    rejections.add(record.line, position, Reason::wrong_field_count, kNoColumn, record.raw);
    return false;
  }
  rejections.add(record.line, position, structure_reason(record.status), kNoColumn, record.raw,
                 record.tried_to_line);
  return false;
}

}  // namespace parmetrics::detail
