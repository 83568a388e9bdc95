// procedures.csv: the procedure catalogue (docs/formats.md). Small files: one thread.

#include <charconv>

#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_import.hpp>

#include "io/csv_common.hpp"
#include "io/mapped_file.hpp"
#include "io/text_checks.hpp"

namespace parmetrics {

namespace {

using namespace detail;

enum Col : std::uint16_t {
  kCode,
  kName,
  kField,
  kDuration,
  kDurationKind,
  kOnlineLevel,
  kFee,
  kCitizen,
  kColumns
};

constexpr ColumnSpec kSpecs[kColumns] = {
    {"code", true},          {"name", true},          {"field", false}, {"duration", true},
    {"duration_kind", true}, {"online_level", false}, {"fee", false},   {"citizen", false},
};

// "15", "0.5": digits, an optional fraction; at most 6 digits before the point, so that the
// working minutes of any duration fit comfortably.
std::optional<double> parse_duration(std::string_view v) noexcept {
  std::size_t i = 0;
  while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
  if (i == 0 || i > 6) return std::nullopt;
  if (i < v.size()) {
    if (v[i] != '.' || i + 1 == v.size()) return std::nullopt;
    for (std::size_t j = i + 1; j < v.size(); ++j) {
      if (v[j] < '0' || v[j] > '9') return std::nullopt;
    }
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return value;
}

std::optional<OnlineLevel> parse_online_level(std::string_view v) noexcept {
  if (v.empty() || v == "none") return OnlineLevel::none;
  if (v == "partial") return OnlineLevel::partial;
  if (v == "full") return OnlineLevel::full;
  return std::nullopt;
}

}  // namespace

void import_procedures_csv(std::string_view text, std::string_view origin,
                           ProcedureCatalog& procedures, ImportReport& report,
                           const ImportOptions& options) {
  text = skip_bom(text);
  const Header header = read_header(text, origin, kSpecs, report);
  RejectionSink sink(origin, kSpecs, report);

  // One thread, so the catalogue is filled while parsing (a later duplicate sees the earlier).
  struct Out {
    ChunkRejections rejections;
    std::uint64_t loaded = 0, newlines = 0, bytes = 0;
    void clear() noexcept {
      rejections.clear();
      loaded = newlines = bytes = 0;
    }
  };
  const auto parse = [&](Out& out, const CsvRecord& record) {
    if (!check_record(record, header, 0, out.rejections)) return;
    const auto field = [&](Col c) -> std::string_view {
      const std::uint16_t i = header.index[c];
      return i == kNoColumn ? std::string_view() : record.fields[i];
    };
    const auto reject = [&](Col c, Reason why, std::string_view value) {
      out.rejections.add(record.line, 0, why, c, value);
    };
    Procedure p;
    for (const Col c : {kCode, kName, kField}) {
      const std::string_view v = field(c);
      if (v.empty() && c != kField) return reject(c, Reason::missing_value, v);
      if (!is_valid_utf8(v)) return reject(c, Reason::invalid_utf8, v);
    }
    // Codes in NFC, as every importer compares them (docs/formats.md).
    std::string code = to_nfc(field(kCode));
    if (procedures.find(code)) return reject(kCode, Reason::duplicate_procedure, field(kCode));

    const std::string_view duration = field(kDuration);
    if (duration.empty()) return reject(kDuration, Reason::missing_value, duration);
    const auto amount = parse_duration(duration);
    if (!amount) return reject(kDuration, Reason::bad_duration, duration);
    const std::string_view kind = field(kDurationKind);
    if (kind.empty()) return reject(kDurationKind, Reason::missing_value, kind);
    if (kind == "h") {
      p.duration = StatutoryTime::working_hours(*amount);
    } else if (kind == "d") {
      p.duration = StatutoryTime::working_days(*amount);
    } else if (kind == "cd") {
      if (*amount != static_cast<double>(static_cast<int>(*amount))) {
        return reject(kDuration, Reason::fractional_calendar_days, duration);
      }
      p.duration = StatutoryTime::calendar_days(static_cast<int>(*amount));
    } else {
      return reject(kDurationKind, Reason::bad_duration_kind, kind);
    }

    const std::string_view online = field(kOnlineLevel);
    const auto level = parse_online_level(online);
    if (!level) return reject(kOnlineLevel, Reason::bad_online_level, online);
    p.online = *level;
    const std::string_view fee = field(kFee);
    const auto fee_flag = parse_flag(fee);
    if (!fee_flag) return reject(kFee, Reason::bad_flag, fee);
    p.fee = *fee_flag;
    // Citizen-facing unless said otherwise (as Procedure's default).
    const std::string_view citizen = field(kCitizen);
    const auto citizen_flag = citizen.empty() ? std::optional<bool>(true) : parse_flag(citizen);
    if (!citizen_flag) return reject(kCitizen, Reason::bad_flag, citizen);
    p.citizen = *citizen_flag;

    p.code = std::move(code);
    p.name = to_nfc(field(kName));
    p.field = to_nfc(field(kField));
    procedures.add(std::move(p));
    ++out.loaded;
  };
  run_chunks<Out>(text, header, 1, options.chunk_bytes, parse,
                  [&](Out& out, std::uint64_t first_line) {
                    for (const PendingRejection& r : out.rejections.kept)
                      sink.reject(r, first_line);
                    sink.count_rest(out.rejections);
                    report.loaded(out.loaded);
                  });
  finish_strict(options, origin, sink);
}

void import_procedures_csv(const std::filesystem::path& file, ProcedureCatalog& procedures,
                           ImportReport& report, const ImportOptions& options) {
  const MappedFile mapped(file);
  import_procedures_csv(mapped.text(), file.string(), procedures, report, options);
}

}  // namespace parmetrics
