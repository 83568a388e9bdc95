// events.csv: supplement requests and completions, and apologies, of dossiers already in the
// store (docs/formats.md). Records are parsed and checked on several threads; completions are
// then paired with requests per dossier, and all events added to the store at once.

#include <fmt/format.h>

#include <algorithm>

#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_import.hpp>

#include "io/csv_common.hpp"
#include "io/mapped_file.hpp"
#include "io/text_checks.hpp"

namespace parmetrics {

namespace {

using namespace detail;

enum Col : std::uint16_t { kCode, kKind, kAt, kNewAppointment, kPublic, kColumns };

constexpr ColumnSpec kSpecs[kColumns] = {
    {"code", true}, {"kind", true}, {"at", true}, {"new_appointment_at", false}, {"public", false},
};

// In this order at equal times: a request before the completion of the same minute.
enum class Kind : std::uint8_t { requested, completed, apology };

struct Row {
  std::uint64_t line = 0;  // relative to the chunk while parsing, then absolute
  std::uint32_t dossier = 0;
  StoredTime at = kNoTime;
  StoredTime second = kNoTime;  // an apology's new appointment
  Kind kind = Kind::requested;
  bool is_public = false;
};

using Out = RowsOut<Row>;

std::optional<Kind> parse_kind(std::string_view v) noexcept {
  if (v == "supplement_requested") return Kind::requested;
  if (v == "supplement_completed") return Kind::completed;
  if (v == "apology") return Kind::apology;
  return std::nullopt;
}

class EventParser {
 public:
  EventParser(const Header& header, const DossierStore& store) : header_(header), store_(store) {}

  void operator()(Out& out, const CsvRecord& record) const {
    if (!check_record(record, header_, out.rows.size(), out.rejections)) return;
    const auto field = [&](Col c) -> std::string_view {
      const std::uint16_t i = header_.index[c];
      return i == kNoColumn ? std::string_view() : record.fields[i];
    };
    const auto reject = [&](Col c, Reason why, std::string_view value) {
      out.rejections.add(record.line, out.rows.size(), why, c, value);
    };
    Row row;
    row.line = record.line;

    const std::string_view code = field(kCode);
    if (code.empty()) return reject(kCode, Reason::missing_value, code);
    auto dossier = store_.find(code);
    // The store holds codes in NFC (csv_dossiers.cpp): only a miss is normalised.
    if (!dossier && !is_ascii(code) && is_valid_utf8(code)) dossier = store_.find(to_nfc(code));
    if (!dossier) return reject(kCode, Reason::unknown_dossier, code);
    row.dossier = *dossier;

    const std::string_view kind = field(kKind);
    if (kind.empty()) return reject(kKind, Reason::missing_value, kind);
    const auto k = parse_kind(kind);
    if (!k) return reject(kKind, Reason::bad_event_kind, kind);
    row.kind = *k;

    Reason why{};
    const std::string_view at_text = field(kAt);
    if (at_text.empty()) return reject(kAt, Reason::missing_value, at_text);
    const auto at = parse_time(at_text, why);
    if (!at) return reject(kAt, why, at_text);
    row.at = static_cast<StoredTime>(*at);

    const std::string_view new_appointment = field(kNewAppointment);
    if (!new_appointment.empty()) {
      if (row.kind != Kind::apology) {
        return reject(kNewAppointment, Reason::new_appointment_not_apology, new_appointment);
      }
      const auto t = parse_time(new_appointment, why);
      if (!t) return reject(kNewAppointment, why, new_appointment);
      if (*t < *at) {
        return reject(kNewAppointment, Reason::new_appointment_before_apology, new_appointment);
      }
      row.second = static_cast<StoredTime>(*t);
    }

    const std::string_view is_public = field(kPublic);
    const auto flag = parse_flag(is_public);
    if (!flag) return reject(kPublic, Reason::bad_flag, is_public);
    if (*flag && row.kind != Kind::apology) {
      return reject(kPublic, Reason::public_not_apology, is_public);
    }
    row.is_public = *flag;

    if (row.at < store_.received()[row.dossier]) {
      return reject(kAt, Reason::event_before_receipt, at_text);
    }
    const StoredTime ended = store_.ended()[row.dossier];
    // An end whose time is unknown (kEndUnknown) has nothing an event could be after.
    if (ended != kNoTime && ended != kEndUnknown && row.at > ended) {
      const Reason after = row.kind == Kind::requested   ? Reason::supplement_after_end
                           : row.kind == Kind::completed ? Reason::completion_after_end
                                                         : Reason::apology_after_end;
      return reject(kAt, after, at_text);
    }
    out.rows.push_back(row);
  }

 private:
  const Header& header_;
  const DossierStore& store_;
};

}  // namespace

void import_events_csv(std::string_view text, std::string_view origin, DossierStore& store,
                       ImportReport& report, const ImportOptions& options) {
  text = skip_bom(text);
  const Header header = read_header(text, origin, kSpecs, report);
  RejectionSink sink(origin, kSpecs, report);

  // Every record that parses is kept until all are read: a completion may come before its
  // request in the file.
  std::vector<Row> rows;
  std::vector<PendingRejection> kept;
  std::array<std::uint64_t, kReasonCount> rest{};
  const EventParser parser(header, store);
  run_chunks<Out>(text, header, thread_count(options), options.chunk_bytes, parser,
                  [&](Out& out, std::uint64_t first_line) {
                    for (Row row : out.rows) {
                      row.line += first_line;
                      rows.push_back(row);
                    }
                    for (PendingRejection r : out.rejections.kept) {
                      r.add_first_line(first_line);
                      kept.push_back(std::move(r));
                    }
                    const auto beyond = counts_beyond_kept(out.rejections);
                    for (std::size_t i = 0; i < kReasonCount; ++i) rest[i] += beyond[i];
                  });

  // Per dossier by time (requests before completions of the same minute, then file order): a
  // completion closes the latest request still open.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.dossier != b.dossier) return a.dossier < b.dossier;
    if (a.at != b.at) return a.at < b.at;
    return a.kind < b.kind;
  });
  std::vector<DossierEvent> events;
  events.reserve(rows.size());
  std::vector<std::size_t> open;  // indices into events of the dossier's open requests
  std::vector<bool> later;        // per event of the dossier: a request comes later
  std::uint64_t loaded = 0;
  for (std::size_t g = 0; g < rows.size();) {
    std::size_t end = g;
    while (end < rows.size() && rows[end].dossier == rows[g].dossier) ++end;
    open.clear();
    // Whether a request comes later in the group, to tell "completed before requested" from
    // "no request at all".
    bool request_later = false;
    later.assign(end - g, false);
    for (std::size_t i = end; i-- > g;) {
      later[i - g] = request_later;
      request_later = request_later || rows[i].kind == Kind::requested;
    }
    for (std::size_t i = g; i < end; ++i) {
      const Row& row = rows[i];
      switch (row.kind) {
        case Kind::requested:
          open.push_back(events.size());
          events.push_back({row.dossier, {row.at, kNoTime, EventKind::supplement, false}});
          ++loaded;
          break;
        case Kind::completed:
          if (open.empty()) {
            PendingRejection r;
            r.line = row.line;
            r.reason = later[i - g] ? Reason::completed_before_requested : Reason::no_open_request;
            r.column = kAt;
            r.time = row.at;
            kept.push_back(std::move(r));
          } else {
            events[open.back()].event.second = row.at;
            open.pop_back();
            ++loaded;
          }
          break;
        case Kind::apology:
          events.push_back({row.dossier, {row.at, row.second, EventKind::apology, row.is_public}});
          ++loaded;
          break;
      }
    }
    g = end;
  }
  emit_in_line_order(sink, kept, rest);
  report.loaded(loaded);
  store.add_events(events);
  finish_strict(options, origin, sink);
}

std::vector<std::string> events_csv_codes(std::string_view text, std::string_view origin) {
  text = skip_bom(text);
  ImportReport unused;  // the header's warnings are the import's to give
  const Header header = read_header(text, origin, kSpecs, unused);
  std::vector<std::string> codes;
  CsvTokenizer tok(text, header.data_begin, nullptr, header.field_count);
  CsvRecord record;
  while (tok.next(text.size(), record)) {
    if (record.status != RecordStatus::ok || record.fields.size() != header.field_count) continue;
    const std::string_view code = record.fields[header.index[kCode]];
    if (code.empty()) continue;
    codes.emplace_back(code);
    // The store holds codes in NFC, as the importer looks them up.
    if (!is_ascii(code) && is_valid_utf8(code)) codes.push_back(to_nfc(code));
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

void import_events_csv(const std::filesystem::path& file, DossierStore& store, ImportReport& report,
                       const ImportOptions& options) {
  const MappedFile mapped(file);
  import_events_csv(mapped.text(), file.string(), store, report, options);
}

}  // namespace parmetrics
