// dossiers.csv: one dossier per record (docs/formats.md). Records are parsed and checked on
// several threads into compact rows; the rows are appended to the store on the calling thread,
// in file order, which is where duplicates are found and unknown codes registered.
//
// Native JSON records (import_dossiers_json) are objects keyed by the same column names: each is
// turned into the record a CSV line would give and goes through the same parser and loader, so
// both formats have one set of field checks, one set of reasons.

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_import.hpp>

#include "detail/json_document.hpp"
#include "io/csv_common.hpp"
#include "io/mapped_file.hpp"
#include "io/portal_text.hpp"
#include "io/text_checks.hpp"
#include "io/unit_names.hpp"

namespace parmetrics {

namespace {

using namespace detail;

enum Col : std::uint16_t {
  kCode,
  kProcedure,
  kUnit,
  kChannel,
  kReceived,
  kAppointment,
  kEnded,
  kEndKind,
  kReturned,
  kDigitised,  // the eight flags, in dossier_flag bit order
  kEResult,
  kReused,
  kFromStore,
  kVneid,
  kFeeDue,
  kPaidOnline,
  kSynced,
  kFeedback,
  kCommune,
  kColumns
};

constexpr ColumnSpec kSpecs[kColumns] = {
    {"code", true},         {"procedure", false},      {"unit", true},      {"channel", true},
    {"received_at", true},  {"appointment_at", false}, {"ended_at", false}, {"end_kind", false},
    {"returned_at", false}, {"digitised", false},      {"e_result", false}, {"reused", false},
    {"from_store", false},  {"vneid", false},          {"fee_due", false},  {"paid_online", false},
    {"synced", false},      {"feedback", false},       {"commune", false},
};

// A unit or procedure id, or (with this bit) an index into the chunk's unknown codes.
constexpr std::uint32_t kPending = 0x80000000u;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

struct Row {
  std::string_view code;
  std::size_t code_hash = 0;  // DossierStore::code_hash(code), computed on the parsing thread
  std::uint64_t line = 0;     // relative to the chunk
  std::uint32_t unit = 0;
  std::uint32_t procedure = kNoProcedure;
  StoredTime received = kNoTime, appointment = kNoTime, ended = kNoTime, returned = kNoTime;
  std::uint8_t flags = 0;
  Channel channel = Channel::direct;
  EndKind end_kind = EndKind::none;
  Feedback feedback = Feedback::none;
  bool end_kind_defaulted = false;
  std::uint8_t notes = 0;              // bits by LoadNote: loaded, with a fact missing
  std::string_view unknown_procedure;  // the code, when it is not in the catalogue
  std::uint32_t commune = kNoCommune;
  std::string_view unknown_commune;  // the commune field, when no unit has it
};

// Units by GSO code over the days each holds it (Unit::gso_code and its history), for the
// `commune` column: a GSO code names a unit on a day only (codes are reused).
class GsoIndex {
 public:
  void build(const UnitRegistry& units) {
    for (UnitId id = 0; id < units.size(); ++id) {
      // The unit's own code outside its history's stretches, each stretch's within it.
      const Unit& u = units[id];
      std::vector<const UnitVersion*> history;
      for (const UnitVersion& v : u.history) history.push_back(&v);
      std::sort(history.begin(), history.end(),
                [](const UnitVersion* a, const UnitVersion* b) { return a->from < b->from; });
      DayNumber cursor = u.valid_from;
      for (const UnitVersion* v : history) {
        add(u.gso_code, cursor, v->from - 1, id);
        add(v->gso_code.empty() ? u.gso_code : v->gso_code, v->from, v->to, id);
        cursor = std::max(cursor, v->to + 1);
      }
      add(u.gso_code, cursor, u.valid_to, id);
    }
  }
  std::optional<UnitId> find(std::string_view code, DayNumber day) const {
    const auto it = spans_.find(code);
    if (it == spans_.end()) return std::nullopt;
    for (const Span& s : it->second) {
      if (s.from <= day && day <= s.to) return s.unit;
    }
    return std::nullopt;
  }

 private:
  struct Span {
    DayNumber from, to;
    UnitId unit;
  };
  void add(const std::string& code, DayNumber from, DayNumber to, UnitId unit) {
    if (!code.empty() && from <= to) spans_[code].push_back({from, to, unit});
  }
  std::unordered_map<std::string, std::vector<Span>, StringHash, std::equal_to<>> spans_;
};

constexpr std::uint8_t note_bit(LoadNote n) noexcept {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(n));
}

struct Out : RowsOut<Row> {
  std::vector<std::string_view> unknown;  // codes of units and procedures to register
  std::deque<std::string> nfc;            // codes normalised to NFC, for rows' views
  // Units given by name or alias, not code: (line, the text, how) to warn once per value.
  struct ByName {
    std::uint64_t line;
    std::string_view given;
    UnitId unit;
    bool alias;
  };
  std::vector<ByName> by_name;
  void clear() noexcept {
    RowsOut<Row>::clear();
    unknown.clear();
    nfc.clear();
    by_name.clear();
  }
};

struct ProcedureInfo {
  StatutoryTime duration;
  bool timed = false;
};

std::optional<Channel> parse_channel(std::string_view v) noexcept {
  if (v == "direct") return Channel::direct;
  if (v == "online") return Channel::online;
  if (v == "postal") return Channel::postal;
  return std::nullopt;
}

std::optional<Feedback> parse_feedback(std::string_view v) noexcept {
  if (v.empty() || v == "none") return Feedback::none;
  if (v == "complaint") return Feedback::complaint;
  if (v == "dislike") return Feedback::dislike;
  return std::nullopt;
}

// Whether the appointment of a dossier received on `day` might fall after the calendar's last
// day. Generous: a working day is taken to be at least one working hour and to come at least
// once in three calendar days, plus a year of slack.
bool may_leave_calendar(DayNumber day, StatutoryTime t) noexcept {
  const double amount = t.amount();
  if (amount > 1e6) return true;
  const double days = t.unit() == StatutoryTime::Unit::calendar_days ? amount : 3 * amount;
  return static_cast<double>(day) + days + 366 > static_cast<double>(kLastSupportedDay);
}

class DossierParser {
 public:
  DossierParser(const Header& header, const CodeIndex& units, const UnitNames& unit_names,
                const GsoIndex& gso_codes, const CodeIndex& procedure_codes,
                const std::vector<ProcedureInfo>& procedures, const WorkingCalendar& calendar,
                const ImportOptions& options)
      : header_(header),
        units_(units),
        unit_names_(unit_names),
        gso_codes_(gso_codes),
        procedure_codes_(procedure_codes),
        procedures_(procedures),
        calendar_(calendar),
        register_units_(options.register_unknown),
        register_procedures_(options.register_unknown || options.register_unknown_procedures) {}

  // Inlined into the chunk loop: outlined, it costs about 15 % of the import (measured with
  // bench/csv_import_bench.cpp); the rare paths are out of line instead.
  [[gnu::always_inline]] void operator()(Out& out, const CsvRecord& record) const {
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

    row.code = field(kCode);
    if (row.code.empty()) return reject(kCode, Reason::missing_value, row.code);
    if (!is_valid_utf8(row.code)) return reject(kCode, Reason::invalid_utf8, row.code);
    if (!is_ascii(row.code)) [[unlikely]]
      row.code = nfc_view(row.code, out.nfc);
    row.code_hash = DossierStore::code_hash(row.code);

    std::string_view unit = field(kUnit);
    if (unit.empty()) return reject(kUnit, Reason::missing_value, unit);
    auto unit_id = units_.find(unit);
    bool ambiguous = false;
    if (!unit_id) [[unlikely]]
      unit_id = find_unit_otherwise(out, record.line, unit, ambiguous);
    if (ambiguous) return reject(kUnit, Reason::ambiguous_unit_name, unit);
    if (const auto id = unit_id) {
      row.unit = *id;
    } else if (!register_units_) {
      return reject(kUnit, Reason::unknown_unit, unit);
    } else if (!is_valid_utf8(unit)) {
      return reject(kUnit, Reason::invalid_utf8, unit);
    } else {
      row.unit = kPending | static_cast<std::uint32_t>(out.unknown.size());
      out.unknown.push_back(unit);
    }

    std::string_view procedure = field(kProcedure);
    const ProcedureInfo* info = nullptr;
    if (!procedure.empty()) {
      auto procedure_id = procedure_codes_.find(procedure);
      if (!procedure_id && !is_ascii(procedure)) [[unlikely]] {
        procedure_id = find_in_nfc(procedure_codes_, out, procedure);
      }
      if (const auto id = procedure_id) {
        row.procedure = *id;
        info = &procedures_[*id];
      } else if (!register_procedures_) {
        // Kept, procedure unknown: it still counts as received, by channel, digitised...
        row.notes |= note_bit(LoadNote::unknown_procedure);
        row.unknown_procedure = procedure;
      } else if (!is_valid_utf8(procedure)) {
        return reject(kProcedure, Reason::invalid_utf8, procedure);
      } else {
        row.procedure = kPending | static_cast<std::uint32_t>(out.unknown.size());
        out.unknown.push_back(procedure);
      }
    }

    const std::string_view channel = field(kChannel);
    if (channel.empty()) return reject(kChannel, Reason::missing_value, channel);
    const auto ch = parse_channel(channel);
    if (!ch) return reject(kChannel, Reason::bad_channel, channel);
    row.channel = *ch;

    Reason why{};
    const std::string_view received_text = field(kReceived);
    if (received_text.empty()) return reject(kReceived, Reason::missing_value, received_text);
    const auto received = parse_time(received_text, why);
    if (!received) return reject(kReceived, why, received_text);
    row.received = static_cast<StoredTime>(*received);

    // Optional times: empty means absent.
    const auto optional_time = [&](Col c, StoredTime& out_time) {
      const std::string_view v = field(c);
      if (v.empty()) return true;
      const auto t = parse_time(v, why);
      if (!t) {
        reject(c, why, v);
        return false;
      }
      out_time = static_cast<StoredTime>(*t);
      return true;
    };
    if (!optional_time(kAppointment, row.appointment) || !optional_time(kEnded, row.ended) ||
        !optional_time(kReturned, row.returned)) {
      return;
    }

    const std::string_view end_kind = field(kEndKind);
    if (!end_kind.empty()) {
      const auto k = parse_end_kind(end_kind);
      if (!k) return reject(kEndKind, Reason::bad_end_kind, end_kind);
      row.end_kind = *k;
    }

    for (int c = kDigitised; c <= kSynced; ++c) {
      const std::string_view v = field(static_cast<Col>(c));
      const auto flag = parse_flag(v);
      if (!flag) return reject(static_cast<Col>(c), Reason::bad_flag, v);
      if (*flag) row.flags |= static_cast<std::uint8_t>(1u << (c - kDigitised));
    }

    const std::string_view feedback = field(kFeedback);
    const auto fb = parse_feedback(feedback);
    if (!fb) return reject(kFeedback, Reason::bad_feedback, feedback);
    row.feedback = *fb;

    if (const std::string_view commune = field(kCommune); !commune.empty()) [[unlikely]] {
      read_commune(row, commune);
    }

    // Consistency.
    // Ended at a time not recorded: loaded, counted, not judged (the store marks it kEndUnknown).
    const bool end_unknown = row.end_kind != EndKind::none && row.ended == kNoTime;
    if (end_unknown) row.notes |= note_bit(LoadNote::end_unknown);
    if (row.ended != kNoTime && row.end_kind == EndKind::none) {
      row.end_kind = EndKind::finished;
      row.end_kind_defaulted = true;
    }
    if (row.ended != kNoTime && row.ended < row.received) {
      return reject(kEnded, Reason::end_before_receipt, field(kEnded));
    }
    if (row.returned != kNoTime && row.returned < row.received) {
      return reject(kReturned, Reason::returned_before_receipt, field(kReturned));
    }
    if (row.appointment != kNoTime && row.appointment < row.received) {
      return reject(kAppointment, Reason::appointment_before_receipt, field(kAppointment));
    }
    if (row.appointment == kNoTime) {
      // Computed after loading (DossierStore::compute_missing_appointments marks it computed);
      // here only whether it can be.
      if (info == nullptr || !info->timed) {
        // Nothing to judge timeliness against: loaded, counted, not judged (once: an unknown end
        // already says so).
        if (!end_unknown) row.notes |= note_bit(LoadNote::no_appointment);
      } else if (may_leave_calendar(day_of(*received), info->duration)) {
        bool beyond = false;
        try {
          beyond = day_of(calendar_.appointment(*received, info->duration)) > kLastSupportedDay;
        } catch (const RangeError&) {
          beyond = true;
        }
        if (beyond) return reject(kReceived, Reason::appointment_beyond_calendar, received_text);
      }
    }
    out.rows.push_back(row);
  }

 private:
  const Header& header_;
  // A code not found as given: found in NFC (the registries hold NFC, csv_units.cpp), leaving
  // `code` normalised. Out of line: the usual code is ASCII and found.
  [[gnu::noinline]] static std::optional<std::uint32_t> find_in_nfc(const CodeIndex& index,
                                                                    Out& out,
                                                                    std::string_view& code) {
    if (!is_valid_utf8(code)) return std::nullopt;
    code = nfc_view(code, out.nfc);
    return index.find(code);
  }

  // A unit not found by its code as given: by its code in NFC, else by name, else by alias, as
  // the portal importer finds DonViXuLy (docs/formats.md). `ambiguous`: a name several units
  // share, when units are not registered.
  [[gnu::noinline]] std::optional<std::uint32_t> find_unit_otherwise(Out& out, std::uint64_t line,
                                                                     std::string_view& unit,
                                                                     bool& ambiguous) const {
    if (!is_ascii(unit)) {
      if (const auto id = find_in_nfc(units_, out, unit)) return id;
    }
    if (!is_valid_utf8(unit)) return std::nullopt;
    const UnitNames::Found f = unit_names_.find(unit);
    if (f.match == UnitNames::Match::ambiguous) ambiguous = !register_units_;
    if (f.match != UnitNames::Match::name && f.match != UnitNames::Match::alias) {
      return std::nullopt;
    }
    out.by_name.push_back({line, unit, f.unit, f.match == UnitNames::Match::alias});
    return f.unit;
  }

  // The commune the record names: a unit code, else a GSO code on the day of receipt; a value
  // that names neither is noted and left out.
  [[gnu::noinline]] void read_commune(Row& row, std::string_view commune) const {
    if (const auto id = units_.find(commune)) {
      row.commune = *id;
    } else if (const auto by_gso = gso_codes_.find(commune, day_of(row.received))) {
      row.commune = *by_gso;
    } else {
      row.notes |= note_bit(LoadNote::unknown_commune);
      row.unknown_commune = commune;
    }
  }

  const CodeIndex& units_;
  const UnitNames& unit_names_;
  const GsoIndex& gso_codes_;
  const CodeIndex& procedure_codes_;
  const std::vector<ProcedureInfo>& procedures_;
  const WorkingCalendar& calendar_;
  bool register_units_, register_procedures_;
};

/// Where the records come from: dossiers.csv's lines, or native JSON records.
struct DossierSource {
  const Header& header;    ///< the columns' places in a record
  std::size_t data_bytes;  ///< bytes of records, to size the store from the first chunk's density
  bool record_numbers;     ///< a record's `line` is its number (a JSON record), not a line
};

/// The dossiers of `source`, checked field by field by DossierParser and appended in order:
/// `drive(parser, load)` calls parser(out, record) for each record and load(out, first_line)
/// for each batch of them, in order (run_chunks does both for CSV).
template <class Drive>
void load_dossiers(const DossierSource& source, std::string_view origin, UnitRegistry& units,
                   ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                   DossierStore& store, ImportReport& report, const ImportOptions& options,
                   Drive&& drive) {
  const Header& header = source.header;
  const bool numbers = source.record_numbers;
  // Lookups that the parsing threads share, over the registries as they are now; codes the
  // registries do not hold yet are registered on this thread.
  std::vector<std::string_view> unit_codes, procedure_codes;
  unit_codes.reserve(units.size());
  for (UnitId id = 0; id < units.size(); ++id) unit_codes.push_back(units[id].code);
  std::vector<ProcedureInfo> infos;
  procedure_codes.reserve(procedures.size());
  infos.reserve(procedures.size());
  for (ProcedureId id = 0; id < procedures.size(); ++id) {
    const Procedure& p = procedures[id];
    procedure_codes.push_back(p.code);
    infos.push_back({p.duration, p.has_statutory_time()});
  }
  CodeIndex unit_index, procedure_index;
  unit_index.build(unit_codes);
  procedure_index.build(procedure_codes);

  UnitNames unit_names;
  unit_names.build(units);
  GsoIndex gso_codes;
  if (header.index[kCommune] != kNoColumn) gso_codes.build(units);
  std::unordered_set<std::string> said_by_name;
  const DossierParser parser(header, unit_index, unit_names, gso_codes, procedure_index, infos,
                             calendar, options);
  RejectionSink sink(origin, kSpecs, report, numbers);
  const std::size_t kept_before = report.rejections().size();
  LoadNotes notes;
  Dossier d;
  bool registered_units = false;
  std::uint64_t defaulted_end_kinds = 0;
  bool reserved = false;
  bool look_up_first = false;
  std::uint64_t duplicates = 0;
  constexpr std::uint64_t kDuplicatesBeforeLookup = 64;
  const std::size_t data_bytes = source.data_bytes;

  const auto resolve_unit = [&](std::string_view code) {
    if (const auto id = units.find(code)) return *id;
    registered_units = true;
    return units.add(Unit{.code = std::string(code),
                          .name = std::string(code),
                          .level = "unknown",
                          .parent = "",
                          .successors = {},
                          .aliases = {},
                          .gso_code = {},
                          .successor_shares = {},
                          .succession = {},
                          .history = {}});
  };
  const auto resolve_procedure = [&](std::string_view code) {
    if (const auto id = procedures.find(code)) return *id;
    Procedure p;
    p.code = std::string(code);
    return procedures.add(std::move(p));
  };

  const auto load = [&](Out& out, std::uint64_t first_line) {
    if (!reserved && out.bytes > 0) {
      // Size the columns once from the first chunk's density (2% over), rather than doubling.
      const double per_byte = static_cast<double>(out.rows.size()) / static_cast<double>(out.bytes);
      store.reserve(store.size() +
                    static_cast<std::size_t>(per_byte * static_cast<double>(data_bytes) * 1.02) +
                    16);
      reserved = true;
    }
    for (const Out::ByName& b : out.by_name) {
      if (!said_by_name.emplace(b.given).second) continue;
      report.warn(fmt::format(
          "{}:{}{}: field 'unit' = '{}': the {} of unit {}: matched by it (first seen here; said "
          "once per value)",
          origin, numbers ? "record " : "", first_line + b.line, b.given,
          b.alias ? "alias" : "name", units[b.unit].code));
    }
    const auto& kept = out.rejections.kept;
    std::size_t k = 0;
    std::uint64_t loaded = 0;
    // The duplicate check probes a table far larger than the caches: ask for the slot of a
    // dossier a few rows ahead, so that its cache miss overlaps this row's work.
    constexpr std::size_t kPrefetchAhead = 8;
    for (std::size_t r = 0; r < out.rows.size(); ++r) {
      for (; k < kept.size() && kept[k].position == r; ++k) sink.reject(kept[k], first_line);
      if (r + kPrefetchAhead < out.rows.size()) {
        store.prefetch_code(out.rows[r + kPrefetchAhead].code_hash);
      }
      const Row& row = out.rows[r];
      const bool registers = (row.unit & kPending) != 0 ||
                             (row.procedure != kNoProcedure && (row.procedure & kPending) != 0);
      // append() rejects a duplicate code itself (ArgumentError): looking the code up
      // first would cost a second probe per dossier. Look up first only before registering
      // units or procedures for the record, and once duplicates turn out to be common.
      if ((look_up_first || registers) && store.find(row.code, row.code_hash)) {
        sink.reject(first_line + row.line, Reason::duplicate_dossier, kCode, row.code);
        continue;
      }
      d.unit =
          (row.unit & kPending) != 0 ? resolve_unit(out.unknown[row.unit & ~kPending]) : row.unit;
      if (row.procedure == kNoProcedure) {
        d.procedure.reset();
      } else {
        d.procedure = (row.procedure & kPending) != 0
                          ? resolve_procedure(out.unknown[row.procedure & ~kPending])
                          : row.procedure;
      }
      d.commune.reset();
      if (row.commune != kNoCommune) d.commune = row.commune;
      d.channel = row.channel;
      d.received = row.received;
      d.appointment = from_stored_time(row.appointment);
      d.ended = from_stored_time(row.ended);
      d.end_kind = row.end_kind;
      d.returned = from_stored_time(row.returned);
      d.flags = row.flags;
      d.feedback = row.feedback;
      try {
        store.append(d, row.code, row.code_hash);
      } catch (const ArgumentError&) {
        if (!store.find(row.code, row.code_hash)) throw;
        sink.reject(first_line + row.line, Reason::duplicate_dossier, kCode, row.code);
        look_up_first = ++duplicates > kDuplicatesBeforeLookup;
        continue;
      }
      ++loaded;
      defaulted_end_kinds += row.end_kind_defaulted ? 1 : 0;
      if (row.notes != 0) {
        if ((row.notes & note_bit(LoadNote::unknown_procedure)) != 0) {
          notes.add(LoadNote::unknown_procedure, first_line + row.line, row.unknown_procedure,
                    numbers);
        }
        if ((row.notes & note_bit(LoadNote::no_appointment)) != 0) {
          notes.add(LoadNote::no_appointment, first_line + row.line, row.code, numbers);
        }
        if ((row.notes & note_bit(LoadNote::end_unknown)) != 0) {
          notes.add(LoadNote::end_unknown, first_line + row.line, row.code, numbers);
        }
        if ((row.notes & note_bit(LoadNote::unknown_commune)) != 0) {
          notes.add(LoadNote::unknown_commune, first_line + row.line, row.unknown_commune, numbers);
        }
      }
    }
    for (; k < kept.size(); ++k) sink.reject(kept[k], first_line);
    sink.count_rest(out.rejections);
    report.loaded(loaded);
  };

  drive(parser, load);

  if (registered_units) units.resolve();
  try {
    store.compute_missing_appointments(procedures, calendar);
  } catch (const RangeError& e) {
    throw DataError(std::string(origin), "", "appointment_at", e.reason());
  }
  notes.finish(origin, report);
  hint_unknown_units(units, origin, "unit", kept_before, report);
  if (defaulted_end_kinds > 0) {
    report.warn(fmt::format("{}: {} dossier(s) with ended_at but no end_kind taken as finished",
                            origin, defaulted_end_kinds));
  }
  finish_strict(options, origin, sink, first_hint(report, kept_before));
}

}  // namespace

void import_dossiers_csv(std::string_view text, std::string_view origin, UnitRegistry& units,
                         ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                         DossierStore& store, ImportReport& report, const ImportOptions& options) {
  text = skip_bom(text);
  const Header header = read_header(text, origin, kSpecs, report);
  load_dossiers({header, text.size() - header.data_begin, false}, origin, units, procedures,
                calendar, store, report, options, [&](const auto& parser, const auto& load) {
                  run_chunks<Out>(text, header, thread_count(options), options.chunk_bytes, parser,
                                  load);
                });
}

namespace {

/// A native JSON body's records, in order: the elements of a top-level array or of the "data"
/// member's array (the portal importer's framing: a sync request body), else JSON Lines (one
/// object a line, blank lines skipped). An array that is not valid JSON throws DataError naming
/// `origin`; a line of JSON Lines that is not is a record that stays discarded.
struct JsonRecords {
  bool lines = false;  ///< JSON Lines: a record's number is its line
  std::vector<std::pair<std::uint64_t, nlohmann::json>> records;  ///< (number, value)
  std::vector<std::string_view> raw;  ///< JSON Lines: each record's line, for its rejection
};

JsonRecords read_json_records(std::string_view text, std::string_view origin) {
  using detail::portal::is_json_space;
  text = skip_bom(text);
  JsonRecords out;
  std::size_t i = 0;
  while (i < text.size() && is_json_space(text[i])) ++i;
  if (i == text.size()) return out;
  bool whole = text[i] == '[';
  if (text[i] == '{') {
    const detail::portal::MemberWalk head =
        detail::portal::walk_members(text.data(), i + 1, text.size(), "data");
    whole = head.stopped != head.npos && text[head.stopped] == '[';
  }
  if (whole) {
    nlohmann::json document = detail::parse_json_document(text, origin);
    nlohmann::json& list = document.is_object() ? document["data"] : document;
    std::uint64_t n = 0;
    for (nlohmann::json& record : list) out.records.emplace_back(++n, std::move(record));
    return out;
  }
  if (text[i] != '{') {
    throw DataError(std::string(origin), "", "",
                    fmt::format("neither a JSON array ('[') nor JSON Lines ('{{'): the first "
                                "character is '{}'",
                                printable(text.substr(i, 1))));
  }
  out.lines = true;
  std::uint64_t line = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view record = detail::portal::trim(text.substr(pos, end - pos));
    ++line;
    pos = end + 1;
    if (record.empty()) continue;
    nlohmann::json value(nlohmann::json::value_t::discarded);
    try {
      value = detail::parse_json_document(record, origin);
    } catch (const DataError&) {
      // Left discarded: the record is rejected as malformed JSON, the rest read.
    }
    out.records.emplace_back(line, std::move(value));
    out.raw.push_back(record);
  }
  return out;
}

/// The column of a key, or kColumns.
std::size_t column_of(std::string_view key) noexcept {
  std::size_t c = 0;
  while (c < kColumns && kSpecs[c].name != key) ++c;
  return c;
}

/// The field text a JSON value stands for, as dossiers.csv would hold it: a string as it is, a
/// number or true/false as written in JSON, null as empty (absent). nullopt for a list or an
/// object.
std::optional<std::string_view> field_text(const nlohmann::json& v, std::deque<std::string>& kept) {
  if (v.is_string()) return std::string_view(v.get_ref<const std::string&>());
  if (v.is_null()) return std::string_view();
  if (v.is_structured()) return std::nullopt;
  return std::string_view(kept.emplace_back(v.dump()));
}

}  // namespace

void import_dossiers_json(std::string_view text, std::string_view origin, UnitRegistry& units,
                          ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                          DossierStore& store, ImportReport& report, const ImportOptions& options) {
  const JsonRecords body = read_json_records(text, origin);
  Header header;
  header.field_count = kColumns;
  for (std::uint16_t c = 0; c < kColumns; ++c) header.index.push_back(c);
  // Keys that are no column: said once each at the end, as dossiers.csv's header says them.
  struct Unknown {
    std::uint64_t first = 0, records = 0;
  };
  std::map<std::string, Unknown, std::less<>> unknown;
  store.reserve(store.size() + body.records.size());
  load_dossiers(
      {header, 0, !body.lines}, origin, units, procedures, calendar, store, report, options,
      [&](const DossierParser& parser, const auto& load) {
        Out out;
        std::deque<std::string> texts;  // fields written as JSON numbers, for the rows' views
        std::array<std::string_view, kColumns> fields;
        for (std::size_t r = 0; r < body.records.size(); ++r) {
          // Not a structured binding: clang 14 (the fuzz preset) cannot capture one in a lambda.
          const auto number = body.records[r].first;
          const auto& value = body.records[r].second;
          const auto reject = [&](Reason why, std::uint16_t column, std::string_view v) {
            out.rejections.add(number, out.rows.size(), why, column, v);
          };
          if (value.is_discarded()) {
            reject(Reason::malformed_json, kNoColumn, body.raw[r]);
            continue;
          }
          if (!value.is_object()) {
            reject(Reason::not_a_json_object, kNoColumn, value.dump());
            continue;
          }
          fields.fill(std::string_view());
          bool rejected = false;
          for (const auto& [key, v] : value.items()) {
            const std::size_t c = column_of(key);
            if (c == kColumns) {
              Unknown& u = unknown[key];
              if (u.records++ == 0) u.first = number;
              continue;
            }
            const auto f = field_text(v, texts);
            if (!f) {
              reject(Reason::not_a_single_value, static_cast<std::uint16_t>(c), v.dump());
              rejected = true;
              break;
            }
            fields[c] = *f;
          }
          if (rejected) continue;
          CsvRecord record;
          record.fields = fields;
          record.line = number;
          parser(out, record);
        }
        load(out, 0);
      });
  for (const auto& [key, u] : unknown) {
    report.warn(fmt::format("{}:{}{}: unknown field '{}' ignored ({} record{}; the first here)",
                            origin, body.lines ? "" : "record ", u.first, printable(key), u.records,
                            u.records == 1 ? "" : "s"));
  }
}

void import_dossiers_csv(const std::filesystem::path& file, UnitRegistry& units,
                         ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                         DossierStore& store, ImportReport& report, const ImportOptions& options) {
  const MappedFile mapped(file);
  import_dossiers_csv(mapped.text(), file.string(), units, procedures, calendar, store, report,
                      options);
}

}  // namespace parmetrics
