// A national-size units layer (docs/reform-2025.md): a synthetic mapping in the dvhcvn merges.json
// shape as large as the real one (63 old provinces into 34, 10,000 old communes into 3,334 new,
// every 20th split between two), read, then laid over a registry of those 10,000 communes with
// their GSO codes. Time per run, and the resident memory the registry and mapping add
// (docs/performance.md, "Units layers").

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <unistd.h>
#include <fstream>
#include <string>

#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/units_layer.hpp>

namespace {

using namespace parmetrics;

constexpr int kOldProvinces = 63;
constexpr int kNewProvinces = 34;
constexpr int kOldCommunes = 10'000;

std::string gso(int commune) {
  return fmt::format("{:05}", 10000 + commune);
}

int new_province_of(int old_province) {
  return old_province * kNewProvinces / kOldProvinces;
}

int old_province_of(int commune) {
  return commune * kOldProvinces / kOldCommunes;
}

// Old communes in threes merge into the first one's code (which goes on as the new commune); the
// second of every 20th group is also split with the next group's new commune.
std::string merges_json() {
  std::string s = "{\"data\": [";
  for (int p = 0; p < kNewProvinces; ++p) {
    s += fmt::format("{}{{\"level1_id\": \"{:02}\", \"name\": \"Tỉnh {}\", \"merges\": [",
                     p == 0 ? "" : ",", p + 1, p + 1);
    bool first = true;
    for (int o = 0; o < kOldProvinces; ++o) {
      if (new_province_of(o) != p) continue;
      s += fmt::format("{}{{\"old_id\": \"{:02}\", \"name\": \"Tỉnh cũ {}\", \"type\": \"full\"}}",
                       first ? "" : ",", o + 1, o + 1);
      first = false;
    }
    s += "], \"level2s\": [";
    first = true;
    for (int c = 0; c < kOldCommunes; c += 3) {
      if (new_province_of(old_province_of(c)) != p) continue;
      s += fmt::format("{}{{\"level2_id\": \"{}\", \"name\": \"Xã mới {}\", \"merges\": [",
                       first ? "" : ",", gso(c), c);
      first = false;
      for (int k = c; k < std::min(c + 3, kOldCommunes); ++k) {
        s += fmt::format("{}{{\"old_id\": \"{}\", \"name\": \"Xã {}\", \"type\": \"full\"}}",
                         k == c ? "" : ",", gso(k), k);
      }
      if (c >= 3 && (c - 3) % 20 == 0) {
        s += fmt::format(",{{\"old_id\": \"{}\", \"name\": \"Xã {}\", \"type\": \"partial\"}}",
                         gso(c - 2), c - 2);
      }
      s += "]}";
    }
    s += "]}";
  }
  return s + "]}";
}

std::string units_csv() {
  std::string s = "code,name,level,parent,gso_code\n";
  for (int o = 0; o < kOldProvinces; ++o) {
    s += fmt::format("P{:02},Tỉnh cũ {},province,,{:02}\n", o + 1, o + 1, o + 1);
  }
  for (int c = 0; c < kOldCommunes; ++c) {
    s += fmt::format("C{},Xã {},commune,P{:02},{}\n", c, c, old_province_of(c) + 1, gso(c));
  }
  return s;
}

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

void BM_ReadNationalLayer(benchmark::State& state) {
  const std::string json = merges_json();
  std::size_t links = 0;
  for (auto _ : state) {
    const ReformMapping m = read_dvhcvn_mapping(json, "merges.json");
    links = m.links.size();
    benchmark::DoNotOptimize(links);
  }
  state.counters["links"] = static_cast<double>(links);
  state.counters["MB"] = static_cast<double>(json.size()) / 1e6;
}
BENCHMARK(BM_ReadNationalLayer)->Unit(benchmark::kMillisecond);

void BM_ApplyNationalLayer(benchmark::State& state) {
  const std::string json = merges_json(), csv = units_csv();
  const ReformMapping m = read_dvhcvn_mapping(json, "merges.json");
  LayerReport r;
  std::size_t added = 0;
  for (auto _ : state) {
    state.PauseTiming();
    UnitRegistry units;
    ImportReport imported;
    import_units_csv(csv, "units.csv", units, imported);
    const std::size_t before = resident_bytes();
    state.ResumeTiming();
    r = apply_reform_mapping(m, units);
    state.PauseTiming();
    added = resident_bytes() - std::min(before, resident_bytes());
    state.ResumeTiming();
  }
  state.counters["links"] = static_cast<double>(r.links);
  state.counters["ended"] = static_cast<double>(r.ended);
  state.counters["continued"] = static_cast<double>(r.continued);
  state.counters["created"] = static_cast<double>(r.created);
  state.counters["rss_added_MB"] = static_cast<double>(added) / 1e6;
}
BENCHMARK(BM_ApplyNationalLayer)->Unit(benchmark::kMillisecond);

// Everything a command does with --units-layer, from the files' text to a resolved registry, with
// the resident memory it leaves (the registry and the mapping).
void BM_LoadRegistryWithNationalLayer(benchmark::State& state) {
  const std::string json = merges_json(), csv = units_csv();
  std::size_t added = 0, units_after = 0;
  for (auto _ : state) {
    const std::size_t before = resident_bytes();
    UnitRegistry units;
    ImportReport imported;
    import_units_csv(csv, "units.csv", units, imported);
    apply_reform_mapping(read_dvhcvn_mapping(json, "merges.json"), units);
    units_after = units.size();
    added = resident_bytes() - std::min(before, resident_bytes());
    benchmark::DoNotOptimize(units_after);
  }
  state.counters["units"] = static_cast<double>(units_after);
  state.counters["rss_added_MB"] = static_cast<double>(added) / 1e6;
}
BENCHMARK(BM_LoadRegistryWithNationalLayer)->Unit(benchmark::kMillisecond);

}  // namespace
