#pragma once
// Deterministic synthetic data in the native formats (docs/sample-data.md): the bundled sample
// (one district of Quảng Nam, January 2023 – March 2026 through the 2025 reform, whose first
// eight months show the picture of the district report of 31/8/2023) and the benchmark data set
// (N dossiers over a province's units, 2023–2024).
//
// A data set is a pure function of (profile, seed, sizes): the same options give the same rows,
// byte for byte, on every run, machine and thread count. The generator uses its own PRNG and
// integer arithmetic only (no std:: distributions, no floating point in decisions), and streams:
// rows are produced block by block (a month of the sample, a day of the benchmark), so ten
// million dossiers never sit in memory at once.

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics::generator {

enum class Profile : std::uint8_t {
  /// Hiệp Đức district (Quảng Nam) with its offices and 11 communes, January 2023 – March 2026,
  /// through the 2025 reform (three communes of Đà Nẵng from 2025-07-01).
  sample,
  /// N dossiers (default 10 M) over a province → districts → communes tree (default 1000 units),
  /// about 200 procedures, received over 2023–2024.
  bench,
};

/// Whether dossiers.csv carries the appointment (ngày hẹn trả) or leaves it to the importer.
enum class Appointments : std::uint8_t {
  profile,   ///< the profile's choice: recorded in the sample, left empty in the benchmark
  recorded,  ///< always written
  computed,  ///< never written: the importer computes it from the procedure and the calendar
};

inline constexpr std::uint64_t kDefaultSeed = 20230831;  // the day of the district report
/// The period of the district report the sample reproduces (31/8/2023): the CLI's default period
/// on the bundled sample, whose dossiers run on to 2026 (docs/sample-data.md).
inline constexpr DayNumber kSampleReportFrom = days_from_civil(2023, 1, 1);
inline constexpr DayNumber kSampleReportTo = days_from_civil(2023, 8, 31);
/// January–August 2023 hold 3600 (the district report's months), the 31 months after 6060.
inline constexpr std::uint64_t kSampleDossiers = 9660;
inline constexpr std::uint64_t kBenchDossiers = 10'000'000;
inline constexpr std::uint32_t kBenchUnits = 1000;
/// The sample is built a month at a time in memory; beyond this use the benchmark profile.
inline constexpr std::uint64_t kMaxSampleDossiers = 1'000'000;

struct Options {
  Profile profile = Profile::sample;
  std::uint64_t seed = kDefaultSeed;
  std::optional<std::uint64_t> dossiers;  ///< default: kSampleDossiers or kBenchDossiers
  std::optional<std::uint32_t> units;     ///< benchmark only (the sample is one district)
  Appointments appointments = Appointments::profile;
};

/// A supplement request (yêu cầu bổ sung); `completed` empty while the applicant has not
/// answered by the data set's horizon.
struct GeneratedSupplement {
  MinuteStamp requested = 0;
  std::optional<MinuteStamp> completed;
};

/// An apology (văn bản xin lỗi và hẹn lại ngày trả kết quả).
struct GeneratedApology {
  MinuteStamp issued = 0;
  MinuteStamp new_appointment = 0;
  bool is_public = false;
};

/// One dossier as generated. Indices refer to DataSet::units() and DataSet::procedures().
struct GeneratedDossier {
  std::uint32_t unit = 0;
  std::uint32_t procedure = 0;
  /// The commune the record names as the dossier's own (an index into DataSet::units()), for
  /// the sample district's offices until 2025-06-30; kNoCommune otherwise.
  std::uint32_t commune = kNoCommune;
  std::uint32_t counter = 1;  ///< daily counter of the unit (1..9999), the code's last part
  Channel channel = Channel::direct;
  MinuteStamp received = 0;
  /// Always known to the generator: the calendar's appointment for the receipt and the
  /// procedure's statutory time, before any pause.
  MinuteStamp appointment = 0;
  bool appointment_recorded = true;  ///< whether dossiers.csv / the store carry it
  std::optional<MinuteStamp> ended;  ///< empty: still pending at the horizon
  EndKind end_kind = EndKind::none;
  std::optional<MinuteStamp> returned;
  std::uint8_t flags = 0;  ///< dossier_flag bits
  Feedback feedback = Feedback::none;
  std::uint8_t supplement_count = 0;
  std::array<GeneratedSupplement, 2> supplements{};
  std::optional<GeneratedApology> apology;
  /// What the generator meant, as of the horizon under the default rules (docs/sample-data.md):
  /// the appointment moved by the working time of completed pauses, and late or not. Not
  /// written to any file; for cross-checks of the engine.
  MinuteStamp effective_appointment = 0;
  bool late = false;
};

/// Receives the dossiers of a data set in order.
class DossierSink {
 public:
  virtual ~DossierSink() = default;
  virtual void on_dossier(const GeneratedDossier& dossier) = 0;
};

/// A data set: its units, procedures and the recipe of its dossiers. Building it is cheap (no
/// dossier is made until generate()); it is immutable and safe to share between threads.
class DataSet {
 public:
  /// Throws std::invalid_argument on impossible sizes (no dossier, --units with the sample, more
  /// than 9999 dossiers a day at one unit, which the 4-digit daily counter cannot number).
  explicit DataSet(const Options& options = {});
  ~DataSet();
  DataSet(DataSet&&) noexcept;
  DataSet& operator=(DataSet&&) noexcept;

  const Options& options() const noexcept;
  const std::vector<Unit>& units() const noexcept;
  const std::vector<Procedure>& procedures() const noexcept;
  /// Receipts fall on days first_day()..last_day().
  DayNumber first_day() const noexcept;
  DayNumber last_day() const noexcept;
  /// The instant the data was "exported": nothing later is recorded (ends, returns, events);
  /// dossiers not ended by then are pending. The end of last_day().
  MinuteStamp horizon() const noexcept;
  std::uint64_t dossier_count() const noexcept;
  const WorkingCalendar& calendar() const noexcept;

  /// Dossiers come in independent blocks (a month of the sample, a day of the benchmark):
  /// generate_block(b) depends on nothing but the options and b, so blocks can be made in
  /// parallel and concatenated in order.
  std::size_t block_count() const noexcept;
  void generate_block(std::size_t block, DossierSink& sink) const;
  /// All blocks in order.
  void generate(DossierSink& sink) const;

  /// The dossier's code "{unit code}-{yyMMdd of receipt}-{4-digit counter}".
  std::string code(const GeneratedDossier& dossier) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// How the CSV files are written.
struct CsvOptions {
  /// Times as "YYYY-MM-DD HH:MM:SS" (SQL engines' default literal) instead of "YYYY-MM-DDTHH:MM".
  bool sql_timestamps = false;
  /// Threads that format blocks (0 = all cores); the output does not depend on it.
  unsigned threads = 0;
};

/// What was written: records and bytes per file.
struct WrittenFile {
  std::filesystem::path path;
  std::uint64_t records = 0;
  std::uint64_t bytes = 0;
};
struct Written {
  WrittenFile units, procedures, dossiers, events;
};

/// Writes units.csv, procedures.csv, dossiers.csv and events.csv into `dir` (created when
/// missing). Each file is written beside its final name and renamed when complete, so a failure
/// leaves no truncated file. Throws parmetrics::Error naming the file that could not be written.
Written write_csv(const DataSet& data, const std::filesystem::path& dir,
                  const CsvOptions& options = {});

/// The data of the SQL peers (issue 7): the same dossiers with the appointment always written
/// and times as SQL timestamps, so that late ⇔ coalesce(ended_at, as-of) > appointment_at.
Written write_peer_csv(const Options& options, const std::filesystem::path& dir,
                       unsigned threads = 0);

/// Fills a registry, a catalogue and a store directly (benchmarks without CSV). The containers
/// should be empty. When the data set does not record appointments and `compute_missing` is
/// set, they are computed afterwards with DossierStore::compute_missing_appointments().
void fill(const DataSet& data, UnitRegistry& units, ProcedureCatalog& procedures,
          DossierStore& store, bool compute_missing = true);

/// The profile's name ("sample", "bench"), and back; nullopt for an unknown name.
std::string_view to_string(Profile profile) noexcept;
std::optional<Profile> parse_profile(std::string_view name) noexcept;

}  // namespace parmetrics::generator
