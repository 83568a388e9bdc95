// dossiers.csv import: MB/s and dossiers/s on 1 and 2 threads, and the store's bytes per
// dossier, over a deterministic in-memory file of 1 M dossiers in 1000 units (codes such as
// "000.00.30.H55-230831-0001", every column filled as real exports do).

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/io/csv_import.hpp>

namespace {

using namespace parmetrics;

constexpr int kUnits = 1000;
constexpr int kProcedures = 200;
constexpr int kDossiers = 1'000'000;

std::string unit_code(int i) {
  return fmt::format("000.{:02}.{:02}.H55", i / 100, i % 100);
}

struct Data {
  UnitRegistry units;
  ProcedureCatalog procedures;
  std::string csv;
};

// A small linear congruential generator: the same file on every machine.
struct Lcg {
  std::uint64_t state;
  std::uint32_t next(std::uint32_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>((state >> 33) % bound);
  }
};

std::string datetime(MinuteStamp t) {
  // "YYYY-MM-DDTHH:MM:SS", as exports write it.
  return format_iso_datetime(t) + ":00";
}

const Data& data() {
  static const Data d = [] {
    Data out;
    for (int i = 0; i < kUnits; ++i) {
      out.units.add(Unit{.code = unit_code(i),
                         .name = fmt::format("Ủy ban nhân dân xã số {}", i),
                         .level = "commune",
                         .parent = "",
                         .successors = {},
                         .aliases = {},
                         .gso_code = {},
                         .successor_shares = {},
                         .succession = {},
                         .history = {}});
    }
    out.units.resolve();
    for (int i = 0; i < kProcedures; ++i) {
      out.procedures.add(Procedure{.code = fmt::format("1.{:06}", i),
                                   .name = fmt::format("Thủ tục {}", i),
                                   .field = "Hộ tịch",
                                   .duration = StatutoryTime::working_days(1 + i % 15)});
    }
    out.csv =
        "code,procedure,unit,channel,received_at,appointment_at,ended_at,end_kind,returned_at,"
        "digitised,e_result,reused,from_store,vneid,fee_due,paid_online,synced,feedback\n";
    out.csv.reserve(std::size_t{200} * kDossiers);
    Lcg rng{2023};
    // Dossiers in receipt order over January–August 2023 (about 4 per unit and day), each unit's
    // daily counter in its code.
    const DayNumber first = days_from_civil(2023, 1, 2);
    constexpr int kDays = 240;
    std::vector<int> counter(kUnits, 0);
    int last_day = -1;
    for (int n = 0; n < kDossiers; ++n) {
      const int day_index = static_cast<int>(static_cast<long long>(n) * kDays / kDossiers);
      if (day_index != last_day) {
        std::fill(counter.begin(), counter.end(), 0);
        last_day = day_index;
      }
      const int unit = static_cast<int>(rng.next(kUnits));
      const DayNumber day = first + day_index;
      const CivilDate c = civil_from_days(day);
      const MinuteStamp received = to_minutes(day, 7 * 60 + static_cast<int>(rng.next(600)));
      const MinuteStamp appointment = received + 1440 * (1 + rng.next(10));
      const bool ended = rng.next(10) != 0;
      const MinuteStamp end = received + 60 * (1 + rng.next(300));
      const char* kinds[] = {"finished", "finished", "finished",
                             "returned", "refused",  "withdrawn"};
      const char* channels[] = {"online", "direct", "postal", "online"};
      fmt::format_to(
          std::back_inserter(out.csv),
          "{}-{:02}{:02}{:02}-{:04},1.{:06},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},"
          "{}\n",
          unit_code(unit), c.year % 100, c.month, c.day, ++counter[unit], rng.next(kProcedures),
          unit_code(unit), channels[rng.next(4)], datetime(received),
          rng.next(10) == 0 ? std::string() : datetime(appointment),
          ended ? datetime(end) : std::string(), ended ? kinds[rng.next(6)] : "",
          ended && rng.next(5) != 0 ? datetime(end + 120) : std::string(), rng.next(2), rng.next(2),
          rng.next(2), rng.next(2), rng.next(2), rng.next(2), rng.next(2), rng.next(2),
          rng.next(8) == 0 ? "complaint" : "none");
    }
    return out;
  }();
  return d;
}

void BM_import_dossiers_csv(benchmark::State& state) {
  const Data& d = data();
  const WorkingCalendar calendar;
  ImportOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  std::size_t bytes_per_dossier = 0;
  for (auto _ : state) {
    state.PauseTiming();
    UnitRegistry units = d.units;
    ProcedureCatalog procedures = d.procedures;
    auto store = std::make_unique<DossierStore>();
    ImportReport report;
    state.ResumeTiming();
    import_dossiers_csv(d.csv, "bench.csv", units, procedures, calendar, *store, report, options);
    state.PauseTiming();
    if (report.loaded_count() != static_cast<std::uint64_t>(kDossiers)) {
      state.SkipWithError("not every dossier loaded");
    }
    bytes_per_dossier = store->memory_bytes() / store->size();
    store.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * d.csv.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kDossiers);
  state.counters["store_bytes_per_dossier"] = static_cast<double>(bytes_per_dossier);
  state.counters["csv_bytes_per_dossier"] =
      static_cast<double>(d.csv.size()) / static_cast<double>(kDossiers);
}
BENCHMARK(BM_import_dossiers_csv)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
