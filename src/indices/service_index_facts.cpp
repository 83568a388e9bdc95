#include <parmetrics/indices/service_index_facts.hpp>

#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>

#include "indices/service_index_csv.hpp"
#include "io/mapped_file.hpp"

namespace parmetrics {

namespace {

using detail::FactColumn;
using detail::FactsCsv;

constexpr std::string_view kMissing = "required value missing";
constexpr std::string_view kBadFlag = "bad flag (expected 0 or 1)";
constexpr std::string_view kBadUtf8 = "invalid UTF-8";
constexpr std::string_view kUnknownUnit = "unknown unit";

std::string read_file(const std::filesystem::path& file) {
  return detail::read_file_text(file);
}

// Codes are kept verbatim, so they must be valid UTF-8 (overlong forms and surrogates are not).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    for (int k = 1; k <= n; ++k) {
      if (i + static_cast<std::size_t>(k) >= s.size()) return false;
      const auto d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((d & 0xC0u) != 0x80u) return false;
      cp = cp << 6 | (d & 0x3Fu);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += static_cast<std::size_t>(n) + 1;
  }
  return true;
}

// "" → fallback; "0"/"1" → the flag; else nullopt.
std::optional<bool> flag(std::string_view v, bool fallback) {
  if (v.empty()) return fallback;
  if (v == "0") return false;
  if (v == "1") return true;
  return std::nullopt;
}

std::optional<OnlineLevel> online_level(std::string_view v) {
  if (v == "none") return OnlineLevel::none;
  if (v == "partial") return OnlineLevel::partial;
  if (v == "full") return OnlineLevel::full;
  return std::nullopt;
}

// Finds a unit by code, registering it when allowed; nullopt after a rejection.
class UnitLookup {
 public:
  UnitLookup(UnitRegistry& units, const ImportOptions& options)
      : units_(units), register_(options.register_unknown) {}
  ~UnitLookup() = default;

  std::optional<UnitId> find(FactsCsv& csv, std::size_t column) {
    const std::string_view code = csv.field(column);
    if (code.empty()) {
      csv.reject(column, kMissing);
      return std::nullopt;
    }
    if (!valid_utf8(code)) {
      csv.reject(column, kBadUtf8);
      return std::nullopt;
    }
    if (auto id = units_.find(code)) return id;
    if (!register_) {
      csv.reject(column, kUnknownUnit);
      return std::nullopt;
    }
    Unit u;
    u.code = std::string(code);
    u.name = u.code;
    u.level = "unknown";
    registered_ = true;
    return units_.add(std::move(u));
  }

  void finish() {
    if (registered_) units_.resolve();
  }

 private:
  UnitRegistry& units_;
  bool register_;
  bool registered_ = false;
};

// Strict mode: after the whole file, fail on the first rejection of this import.
void finish_strict(const ImportOptions& options, std::string_view origin,
                   const ImportReport& report, std::uint64_t rejected_before,
                   std::size_t details_before) {
  const std::uint64_t rejected = report.rejected_count() - rejected_before;
  if (!options.strict || rejected == 0) return;
  std::string first = "see the import report";
  std::string location, field;
  if (report.rejections().size() > details_before) {
    const Rejection& r = report.rejections()[details_before];
    first = r.to_string();
    location = fmt::format("line {}", r.line);
    field = r.field;
  }
  throw DataError(std::string(origin), location, field,
                  fmt::format("{} record(s) rejected (strict); first: {}", rejected, first));
}

enum UpCol : std::size_t {
  kUnit,
  kProcedure,
  kOnline,
  kFee,
  kCitizen,
  kPublished,
  kPublishedOnTime,
  kFullContent,
  kUpdated,
  kUpdatedOnTime,
  kOnlinePayment,
  kFeeSynced,
  kUpColumns
};

constexpr FactColumn kUpSpecs[kUpColumns] = {
    {"unit", true},
    {"procedure", true},
    {"online_level", false},
    {"fee", false},
    {"citizen", false},
    {"published", false},
    {"published_on_time", false},
    {"full_content", false},
    {"updated", false},
    {"updated_on_time", false},
    {"online_payment", false},
    {"fee_synced", false},
};

}  // namespace

void import_unit_procedures_csv(std::string_view text, std::string_view origin, UnitRegistry& units,
                                ProcedureCatalog& procedures, ServiceIndexFacts& facts,
                                ImportReport& report, const ImportOptions& options) {
  const std::uint64_t rejected_before = report.rejected_count();
  const std::size_t details_before = report.rejections().size();
  FactsCsv csv(text, origin, kUpSpecs, report);
  UnitLookup lookup(units, options);
  std::set<std::pair<UnitId, ProcedureId>> seen;
  for (const auto& f : facts.unit_procedures) seen.emplace(f.unit, f.procedure);
  while (csv.next()) {
    // Values first (column order, first failure wins), then references, then consistency.
    const std::string_view code = csv.field(kProcedure);
    if (code.empty()) {
      csv.reject(kProcedure, kMissing);
      continue;
    }
    if (!valid_utf8(code)) {
      csv.reject(kProcedure, kBadUtf8);
      continue;
    }
    std::optional<OnlineLevel> online;
    if (!csv.field(kOnline).empty()) {
      online = online_level(csv.field(kOnline));
      if (!online) {
        csv.reject(kOnline, "bad online level (expected none, partial or full)");
        continue;
      }
    }
    bool bad = false;
    std::optional<bool> flags[kUpColumns];
    for (std::size_t c = kFee; c < kUpColumns; ++c) {
      if (csv.field(c).empty()) continue;
      flags[c] = flag(csv.field(c), false);
      if (!flags[c]) {
        csv.reject(c, kBadFlag);
        bad = true;
        break;
      }
    }
    if (bad) continue;
    const auto value = [&](std::size_t c) { return flags[c].value_or(false); };
    const auto unit = lookup.find(csv, kUnit);
    if (!unit) continue;
    std::optional<ProcedureId> procedure = procedures.find(code);
    if (!procedure && !(online && flags[kFee] && flags[kCitizen])) {
      csv.reject(kProcedure,
                 "unknown procedure (not in procedures.csv; give online_level, fee and citizen to "
                 "register it)");
      continue;
    }
    if (value(kPublishedOnTime) && !value(kPublished)) {
      csv.reject(kPublishedOnTime, "published_on_time without published");
      continue;
    }
    if (value(kFullContent) && !value(kPublished)) {
      csv.reject(kFullContent, "full_content without published");
      continue;
    }
    if (value(kUpdatedOnTime) && !value(kUpdated)) {
      csv.reject(kUpdatedOnTime, "updated_on_time without updated");
      continue;
    }
    if (!procedure) {
      // Registered like the dossier importer's unknown procedures: no name, no statutory time.
      Procedure p;
      p.code = std::string(code);
      p.online = *online;
      p.fee = *flags[kFee];
      p.citizen = *flags[kCitizen];
      procedure = procedures.add(std::move(p));
    }
    if (!seen.emplace(*unit, *procedure).second) {
      csv.reject_record("duplicate unit and procedure");
      continue;
    }
    const Procedure& p = procedures[*procedure];
    UnitProcedureFacts f;
    f.unit = *unit;
    f.procedure = *procedure;
    f.online = online.value_or(p.online);
    f.fee = flags[kFee].value_or(p.fee);
    f.citizen = flags[kCitizen].value_or(p.citizen);
    f.published = value(kPublished);
    f.published_on_time = value(kPublishedOnTime);
    f.full_content = value(kFullContent);
    f.updated = value(kUpdated);
    f.updated_on_time = value(kUpdatedOnTime);
    f.online_payment = value(kOnlinePayment);
    f.fee_synced = value(kFeeSynced);
    facts.unit_procedures.push_back(f);
    report.loaded();
  }
  lookup.finish();
  finish_strict(options, origin, report, rejected_before, details_before);
}

void import_unit_procedures_csv(const std::filesystem::path& file, UnitRegistry& units,
                                ProcedureCatalog& procedures, ServiceIndexFacts& facts,
                                ImportReport& report, const ImportOptions& options) {
  const std::string text = read_file(file);
  import_unit_procedures_csv(text, file.string(), units, procedures, facts, report, options);
}

void import_feedback_csv(std::string_view text, std::string_view origin, UnitRegistry& units,
                         ServiceIndexFacts& facts, ImportReport& report,
                         const ImportOptions& options) {
  enum Col : std::size_t { kUnitCol, kReceived, kOnTime, kUnsatisfied, kCode, kColumns };
  static constexpr FactColumn kSpecs[kColumns] = {{"unit", true},
                                                  {"received", true},
                                                  {"handled_on_time", true},
                                                  {"unsatisfied", true},
                                                  {"code", false}};
  const std::uint64_t rejected_before = report.rejected_count();
  const std::size_t details_before = report.rejections().size();
  FactsCsv csv(text, origin, kSpecs, report);
  UnitLookup lookup(units, options);
  while (csv.next()) {
    const std::string_view received = csv.field(kReceived);
    if (received.empty()) {
      csv.reject(kReceived, kMissing);
      continue;
    }
    // A date, or a time of which the date counts.
    std::optional<DayNumber> day = parse_iso_date(received);
    if (!day) {
      if (const auto t = parse_iso_datetime(received)) day = day_of(*t);
    }
    if (!day) {
      csv.reject(kReceived, "bad date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])");
      continue;
    }
    const auto on_time = flag(csv.field(kOnTime), false);
    if (!on_time) {
      csv.reject(kOnTime, kBadFlag);
      continue;
    }
    const auto unsatisfied = flag(csv.field(kUnsatisfied), false);
    if (!unsatisfied) {
      csv.reject(kUnsatisfied, kBadFlag);
      continue;
    }
    const auto unit = lookup.find(csv, kUnitCol);
    if (!unit) continue;
    facts.feedback.push_back({*unit, *day, *on_time, *unsatisfied});
    report.loaded();
  }
  lookup.finish();
  finish_strict(options, origin, report, rejected_before, details_before);
}

void import_feedback_csv(const std::filesystem::path& file, UnitRegistry& units,
                         ServiceIndexFacts& facts, ImportReport& report,
                         const ImportOptions& options) {
  const std::string text = read_file(file);
  import_feedback_csv(text, file.string(), units, facts, report, options);
}

void import_communes_csv(std::string_view text, std::string_view origin, UnitRegistry& units,
                         ServiceIndexFacts& facts, ImportReport& report,
                         const ImportOptions& options) {
  enum Col : std::size_t { kUnitCol, kCopy, kColumns };
  static constexpr FactColumn kSpecs[kColumns] = {{"unit", true}, {"e_certified_copy", true}};
  const std::uint64_t rejected_before = report.rejected_count();
  const std::size_t details_before = report.rejections().size();
  FactsCsv csv(text, origin, kSpecs, report);
  UnitLookup lookup(units, options);
  std::set<UnitId> seen;
  for (const auto& c : facts.communes) seen.insert(c.unit);
  while (csv.next()) {
    const auto copy = flag(csv.field(kCopy), false);
    if (!copy) {
      csv.reject(kCopy, kBadFlag);
      continue;
    }
    const auto unit = lookup.find(csv, kUnitCol);
    if (!unit) continue;
    if (!seen.insert(*unit).second) {
      csv.reject(kUnitCol, "duplicate commune");
      continue;
    }
    facts.communes.push_back({*unit, *copy});
    report.loaded();
  }
  lookup.finish();
  finish_strict(options, origin, report, rejected_before, details_before);
}

void import_communes_csv(const std::filesystem::path& file, UnitRegistry& units,
                         ServiceIndexFacts& facts, ImportReport& report,
                         const ImportOptions& options) {
  const std::string text = read_file(file);
  import_communes_csv(text, file.string(), units, facts, report, options);
}

}  // namespace parmetrics
