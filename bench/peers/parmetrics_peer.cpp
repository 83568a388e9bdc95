// parmetrics' side of the peer comparison (bench/peers/run): a long-lived process that loads a
// generated data set with the native CSV importers once and then answers timing commands, so that
// the harness can interleave parmetrics and each peer run by run (A/B pairs) on warm data.
//
// `parmetrics-peer generate --out DIR [--dossiers N] [--units N] [--seed N]` writes the peers' data
// set instead: the benchmark profile of the project's generator with every appointment recorded
// and SQL timestamps (generator::write_peer_csv), since SQL engines have no working calendar.
//
// Protocol: one command per line on stdin, one JSON object per line on stdout (messages go to
// stderr). Times are measured here with a steady clock around the work alone.
//
//   load THREADS                 import units.csv, procedures.csv, dossiers.csv, events.csv
//   plain ASOF THREADS [OUT]     the plain per-unit aggregate over the store's columns
//   bare ASOF [OUT]              the same aggregate as a bare loop over plain arrays, one thread
//   full ASOF THREADS [OUT]      the metrics engine's report by unit (full evaluation)
//   appointments N               WorkingCalendar::appointment over N dossiers, one thread
//   memory                       store bytes and peak RSS
//   quit
//
// The plain aggregate, per unit, over the dossiers received at or before ASOF:
//   dossiers = count(*), online = count(channel = online),
//   late     = count(appointment recorded and coalesce(ended, ASOF) > appointment).
// OUT, when given, receives the rows as CSV (unit,dossiers,online,late), sorted by unit code,
// units without a dossier left out, for the harness to compare engines.

#include <fmt/format.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <emmintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "generator.hpp"

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/model/dossier_store.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace {

using namespace parmetrics;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string json_string(std::string_view s) {
  std::string out(1, '"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

std::uint64_t current_rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

struct UnitCounts {
  std::uint32_t dossiers = 0;
  std::uint32_t online = 0;
  std::uint32_t late = 0;
  std::uint32_t pad = 0;  // 16 bytes: one counter block never straddles two cache lines
};

/// Everything loaded, replaced as a whole by each `load`.
struct Data {
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  // The bare loop's own copy of the columns it reads, as plain arrays: the appointment is kNoTime
  // where the data had none (computed ones are parmetrics' addition, not the peers' data).
  std::vector<std::uint32_t> bare_unit;
  std::vector<std::int32_t> bare_received, bare_appointment, bare_ended;
  std::vector<std::uint8_t> bare_online;
};

class Driver {
 public:
  explicit Driver(std::filesystem::path dir) : dir_(std::move(dir)) {}

  std::string load(unsigned threads) {
    data_.reset();  // free the previous store first, so that peak RSS is one store's
    auto data = std::make_unique<Data>();
    ImportOptions options;
    options.threads = threads;
    ImportReport units_report, procedures_report, dossiers_report, events_report;

    const auto start = Clock::now();
    import_units_csv(dir_ / "units.csv", data->units, units_report, options);
    import_procedures_csv(dir_ / "procedures.csv", data->procedures, procedures_report, options);
    const double registries_ms = ms_since(start);
    const auto dossiers_start = Clock::now();
    import_dossiers_csv(dir_ / "dossiers.csv", data->units, data->procedures, calendar_,
                        data->store, dossiers_report, options);
    const double dossiers_ms = ms_since(dossiers_start);
    double events_ms = 0;
    if (std::filesystem::exists(dir_ / "events.csv")) {
      const auto events_start = Clock::now();
      import_events_csv(dir_ / "events.csv", data->store, events_report, options);
      events_ms = ms_since(events_start);
    }
    const double total_ms = ms_since(start);

    const DossierStore& s = data->store;
    const std::size_t n = s.size();
    StoredTime first = std::numeric_limits<StoredTime>::max();
    StoredTime last = std::numeric_limits<StoredTime>::min();
    std::size_t computed = 0;
    for (std::size_t i = 0; i < n; ++i) {
      first = std::min(first, s.received()[i]);
      last = std::max(last, s.received()[i]);
      computed += dossier_status::appointment_computed(s.status()[i]) ? 1 : 0;
    }
    data->bare_unit.assign(s.unit().begin(), s.unit().end());
    data->bare_received.assign(s.received().begin(), s.received().end());
    data->bare_ended.assign(s.ended().begin(), s.ended().end());
    data->bare_appointment.resize(n);
    data->bare_online.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t st = s.status()[i];
      data->bare_appointment[i] =
          dossier_status::appointment_computed(st) ? kNoTime : s.appointment()[i];
      data->bare_online[i] = dossier_status::channel(st) == Channel::online ? 1 : 0;
    }

    std::error_code ec;
    const auto csv_bytes = std::filesystem::file_size(dir_ / "dossiers.csv", ec);
    const bool reconciles = units_report.reconciles() && procedures_report.reconciles() &&
                            dossiers_report.reconciles() && events_report.reconciles();
    std::string out = fmt::format(
        "{{\"dossiers\":{},\"dossiers_read\":{},\"dossiers_rejected\":{},\"events_loaded\":{},"
        "\"events_rejected\":{},\"units\":{},\"procedures\":{},\"reconciles\":{},"
        "\"registries_ms\":{:.3f},\"dossiers_ms\":{:.3f},\"events_ms\":{:.3f},\"total_ms\":{:.3f},"
        "\"csv_bytes\":{},\"computed_appointments\":{},\"received_min\":{},\"received_max\":{},"
        "\"threads\":{}",
        n, dossiers_report.read(), dossiers_report.rejected_count(), events_report.loaded_count(),
        events_report.rejected_count(), data->units.size(), data->procedures.size(), reconciles,
        registries_ms, dossiers_ms, events_ms, total_ms, ec ? 0 : csv_bytes, computed,
        json_string(n ? format_iso_datetime(first) : ""),
        json_string(n ? format_iso_datetime(last) : ""), threads);
    if (!dossiers_report.rejections().empty()) {
      out += fmt::format(",\"first_rejection\":{}",
                         json_string(dossiers_report.rejections().front().to_string()));
    }
    if (!events_report.rejections().empty()) {
      out += fmt::format(",\"first_event_rejection\":{}",
                         json_string(events_report.rejections().front().to_string()));
    }
    data_ = std::move(data);
    return fmt::format("{},{}}}", out, memory_fields());
  }

  std::string plain(MinuteStamp as_of, unsigned threads, const std::string& out_file) {
    const Data& d = need_data();
    const DossierStore& s = d.store;
    const std::size_t n = s.size();
    const std::size_t unit_count = d.units.size();
    threads = std::max(1u, threads);
    std::vector<std::vector<UnitCounts>> partial(threads);
    const auto start = Clock::now();
    auto work = [&](unsigned t) {
      std::vector<UnitCounts> acc(unit_count);
      const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
      const UnitId* unit = s.unit().data();
      const StoredTime* received = s.received().data();
      const StoredTime* appointment = s.appointment().data();
      const StoredTime* ended = s.ended().data();
      const std::uint8_t* status = s.status().data();
      const auto t32 = static_cast<StoredTime>(as_of);
      for (std::size_t i = begin; i < end; ++i) {
        // Branch-free: every dossier does the same work, so nothing is mispredicted.
        const std::uint32_t in = received[i] <= t32;
        const std::uint8_t st = status[i];
        const StoredTime end_instant = ended[i] == kNoTime ? t32 : ended[i];
        const std::uint32_t recorded = appointment[i] != kNoTime && (st >> 7) == 0;
        UnitCounts& c = acc[unit[i]];
        c.dossiers += in;
        c.online += in & ((st & 3u) == static_cast<unsigned>(Channel::online));
        c.late += in & recorded & (end_instant > appointment[i]);
      }
      partial[t] = std::move(acc);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (std::thread& th : pool) th.join();
    std::vector<UnitCounts>& total = partial[0];
    for (unsigned t = 1; t < threads; ++t) {
      for (std::size_t u = 0; u < unit_count; ++u) {
        total[u].dossiers += partial[t][u].dossiers;
        total[u].online += partial[t][u].online;
        total[u].late += partial[t][u].late;
      }
    }
    const double ms = ms_since(start);
    const std::size_t rows = write_rows(total, out_file);
    return fmt::format("{{\"ms\":{:.3f},\"rows\":{},\"threads\":{}}}", ms, rows, threads);
  }

  std::string bare(MinuteStamp as_of, const std::string& out_file) {
    const Data& d = need_data();
    const std::size_t n = d.bare_unit.size();
    const auto start = Clock::now();
    std::vector<UnitCounts> acc(d.units.size());
    const auto t32 = static_cast<std::int32_t>(as_of);
    for (std::size_t i = 0; i < n; ++i) {
      if (d.bare_received[i] > t32) continue;
      UnitCounts& c = acc[d.bare_unit[i]];
      ++c.dossiers;
      c.online += d.bare_online[i];
      const std::int32_t end = d.bare_ended[i] == kNoTime ? t32 : d.bare_ended[i];
      c.late += d.bare_appointment[i] != kNoTime && end > d.bare_appointment[i];
    }
    const double ms = ms_since(start);
    const std::size_t rows = write_rows(acc, out_file);
    return fmt::format("{{\"ms\":{:.3f},\"rows\":{},\"threads\":1}}", ms, rows);
  }

  std::string full(MinuteStamp as_of, unsigned threads, const std::string& out_file) {
    const Data& d = need_data();
    const DossierStore& s = d.store;
    StoredTime first = std::numeric_limits<StoredTime>::max();
    for (StoredTime r : s.received()) first = std::min(first, r);
    ReportOptions options;
    // The period starts at the first receipt and ends on the as-of day: in scope are then exactly
    // the dossiers received at or before as-of, the plain aggregate's set.
    options.period = ReportPeriod::of(day_of(s.empty() ? as_of : first), day_of(as_of), as_of);
    options.by = GroupBy::unit;
    options.roll_up = false;  // each unit's own dossiers, as the peers' GROUP BY unit
    options.threads = threads;
    const auto start = Clock::now();
    const Report report = compute_report(s, d.units, d.procedures, calendar_, options);
    const double ms = ms_since(start);
    std::uint64_t late = 0, overdue = 0, in_scope = 0, apologies_missing = 0;
    std::size_t rows = 0;
    std::ofstream out;
    if (!out_file.empty()) {
      out.open(out_file);
      out << "unit,in_scope,received,online,late,overdue\n";
    }
    std::vector<const ReportRow*> sorted;
    for (const ReportRow& row : report.rows) {
      if (row.counts.in_scope > 0) sorted.push_back(&row);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const ReportRow* a, const ReportRow* b) { return a->key < b->key; });
    for (const ReportRow* row : sorted) {
      const MetricCounts& c = row->counts;
      if (out.is_open()) {
        out << fmt::format("{},{},{},{},{},{}\n", row->key, c.in_scope, c.received, c.online,
                           c.late, c.overdue);
      }
      ++rows;
    }
    late = report.total.counts.late;
    overdue = report.total.counts.overdue;
    in_scope = report.total.counts.in_scope;
    apologies_missing = report.total.counts.apology_missing;
    return fmt::format(
        "{{\"ms\":{:.3f},\"rows\":{},\"threads\":{},\"in_scope\":{},\"late\":{},\"overdue\":{},"
        "\"apology_missing\":{}}}",
        ms, rows, threads, in_scope, late, overdue, apologies_missing);
  }

  std::string appointments(std::size_t count) {
    const Data& d = need_data();
    const DossierStore& s = d.store;
    std::vector<MinuteStamp> received;
    std::vector<StatutoryTime> durations;
    received.reserve(count);
    durations.reserve(count);
    for (std::size_t i = 0; i < s.size() && received.size() < count; ++i) {
      if (s.procedure()[i] == kNoProcedure) continue;
      received.push_back(s.received()[i]);
      durations.push_back(d.procedures[s.procedure()[i]].duration);
    }
    // Repeat the data set when asked for more appointments than it has.
    for (std::size_t i = 0; !received.empty() && received.size() < count; ++i) {
      received.push_back(received[i]);
      durations.push_back(durations[i]);
    }
    const std::size_t n = received.size();
    MinuteStamp checksum = 0;
    // Wall time and this thread's CPU time: on a shared machine the wall clock also counts the
    // time other processes held the core, the CPU time only ours.
    const double cpu_start = thread_cpu_ms();
    const auto start = Clock::now();
    for (std::size_t i = 0; i < n; ++i)
      checksum += calendar_.appointment(received[i], durations[i]);
    const double ms = ms_since(start);
    const double cpu_ms = thread_cpu_ms() - cpu_start;
    auto rate = [n](double t) { return t > 0 ? static_cast<double>(n) / (t / 1000.0) : 0.0; };
    return fmt::format(
        "{{\"count\":{},\"ms\":{:.3f},\"cpu_ms\":{:.3f},\"per_second\":{:.0f},"
        "\"per_cpu_second\":{:.0f},\"checksum\":{}}}",
        n, ms, cpu_ms, rate(ms), rate(cpu_ms), checksum);
  }

  std::string memory() const { return fmt::format("{{{}}}", memory_fields()); }

 private:
  const Data& need_data() const {
    if (!data_) throw std::invalid_argument("nothing loaded: send `load` first");
    return *data_;
  }

  std::string memory_fields() const {
    const std::size_t n = data_ ? data_->store.size() : 0;
    const std::size_t evaluated = data_ ? data_->store.evaluated_bytes() : 0;
    const std::size_t all = data_ ? data_->store.memory_bytes() : 0;
    return fmt::format(
        "\"evaluated_bytes\":{},\"memory_bytes\":{},\"evaluated_bytes_per_dossier\":{:.2f},"
        "\"memory_bytes_per_dossier\":{:.2f},\"peak_rss\":{},\"rss\":{}",
        evaluated, all, n ? static_cast<double>(evaluated) / static_cast<double>(n) : 0.0,
        n ? static_cast<double>(all) / static_cast<double>(n) : 0.0, peak_rss_bytes(),
        current_rss_bytes());
  }

  std::size_t write_rows(const std::vector<UnitCounts>& counts, const std::string& out_file) const {
    std::vector<std::size_t> present;
    for (std::size_t u = 0; u < counts.size(); ++u) {
      if (counts[u].dossiers > 0) present.push_back(u);
    }
    if (out_file.empty()) return present.size();
    const UnitRegistry& units = data_->units;
    std::sort(present.begin(), present.end(), [&](std::size_t a, std::size_t b) {
      return units[static_cast<UnitId>(a)].code < units[static_cast<UnitId>(b)].code;
    });
    std::ofstream out(out_file);
    out << "unit,dossiers,online,late\n";
    for (std::size_t u : present) {
      out << fmt::format("{},{},{},{}\n", units[static_cast<UnitId>(u)].code, counts[u].dossiers,
                         counts[u].online, counts[u].late);
    }
    if (!out) throw std::runtime_error("cannot write " + out_file);
    return present.size();
  }

  std::filesystem::path dir_;
  WorkingCalendar calendar_;
  std::unique_ptr<Data> data_;
};

MinuteStamp parse_as_of(const std::string& text) {
  const auto t = parse_iso_datetime(text);
  if (!t) throw std::invalid_argument("bad as-of instant '" + text + "' (YYYY-MM-DDTHH:MM)");
  return *t;
}

unsigned parse_threads(const std::string& text) {
  const unsigned long v = std::stoul(text);
  if (v > 256) throw std::invalid_argument("bad thread count " + text);
  return v == 0 ? std::max(1u, std::thread::hardware_concurrency()) : static_cast<unsigned>(v);
}

std::uint64_t parse_count(std::string_view flag, const std::string& text) {
  std::size_t used = 0;
  const unsigned long long v = std::stoull(text, &used);
  if (used != text.size())
    throw std::invalid_argument(fmt::format("{}: not a count: {}", flag, text));
  return v;
}

int generate(int argc, char** argv) {
  generator::Options options;
  options.profile = generator::Profile::bench;
  std::filesystem::path out;
  for (int i = 2; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(fmt::format("{} needs a value", flag));
    const std::string value = argv[++i];
    if (flag == "--out") {
      out = value;
    } else if (flag == "--dossiers") {
      options.dossiers = parse_count(flag, value);
    } else if (flag == "--units") {
      options.units = static_cast<std::uint32_t>(parse_count(flag, value));
    } else if (flag == "--seed") {
      options.seed = parse_count(flag, value);
    } else {
      throw std::invalid_argument(fmt::format("unknown option {}", flag));
    }
  }
  if (out.empty()) throw std::invalid_argument("--out is required");
  const auto start = Clock::now();
  const generator::Written w = generator::write_peer_csv(options, out);
  std::cout << fmt::format(
                   "{{\"ms\":{:.3f},\"dossiers\":{},\"events\":{},\"units\":{},\"procedures\":{},"
                   "\"dossiers_bytes\":{},\"seed\":{}}}",
                   ms_since(start), w.dossiers.records, w.events.records, w.units.records,
                   w.procedures.records, w.dossiers.bytes, options.seed)
            << std::endl;
  return 0;
}

// `recode --in FILE --out FILE`: dossiers.csv with every code replaced by "D{n}" (n from 0, in
// file order), for the end-to-end row with codes not of the usual form (issue 13: real exports
// carry such codes, and the store keeps them verbatim). The codes are the first column and the
// generator writes them unquoted.
int recode(int argc, char** argv) {
  std::filesystem::path in, out;
  for (int i = 2; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(fmt::format("{} needs a value", flag));
    const std::string value = argv[++i];
    if (flag == "--in") {
      in = value;
    } else if (flag == "--out") {
      out = value;
    } else {
      throw std::invalid_argument(fmt::format("unknown option {}", flag));
    }
  }
  if (in.empty() || out.empty()) throw std::invalid_argument("--in and --out are required");
  std::ifstream src(in, std::ios::binary);
  if (!src) throw std::runtime_error(fmt::format("cannot read {}", in.string()));
  std::ofstream dst(out, std::ios::binary);
  std::string line, buffer;
  std::getline(src, line);
  buffer = line + "\n";
  std::uint64_t n = 0;
  while (std::getline(src, line)) {
    const std::size_t comma = line.find(',');
    if (comma == std::string::npos) throw std::runtime_error("a record without a comma");
    fmt::format_to(std::back_inserter(buffer), "D{}{}\n", n++,
                   std::string_view(line).substr(comma));
    if (buffer.size() > (std::size_t{1} << 22)) {
      dst.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  dst.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  if (!dst.flush()) throw std::runtime_error(fmt::format("cannot write {}", out.string()));
  std::cout << fmt::format("{{\"dossiers\":{}}}", n) << std::endl;
  return 0;
}

// `limits --in FILE`: what this machine allows on the file's bytes, in memory (issue 13): the
// rate of a streaming read (a sum of 64-bit words) and of a bare parse (counting commas and line
// feeds, 16 bytes at a time), on 1 thread and on all cores, best of 3. An importer that checks
// every field cannot beat the bare parse; nothing beats the streaming read.
int limits(int argc, char** argv) {
  if (argc != 4 || std::string_view(argv[2]) != "--in")
    throw std::invalid_argument("usage: limits --in FILE");
  std::ifstream src(argv[3], std::ios::binary);
  if (!src) throw std::runtime_error(fmt::format("cannot read {}", argv[3]));
  std::vector<char> bytes((std::istreambuf_iterator<char>(src)), std::istreambuf_iterator<char>());
  const std::size_t n = bytes.size() / 64 * 64;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const auto stream = [&](std::size_t b, std::size_t e) {
    std::uint64_t sum = 0;
    for (std::size_t i = b; i < e; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, bytes.data() + i, 8);
      sum += w;
    }
    return sum;
  };
  const auto separators = [&](std::size_t b, std::size_t e) {
    std::uint64_t count = 0;
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n');
    for (std::size_t i = b; i < e;) {
      __m128i acc = _mm_setzero_si128();
      for (int k = 0; k < 255 && i < e; ++k, i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + i));
        acc = _mm_sub_epi8(acc, _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)));
      }
      const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
      count += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
               static_cast<std::uint64_t>(_mm_extract_epi16(sums, 4));
    }
    return count;
  };
  volatile std::uint64_t sink = 0;
  const auto rate = [&](auto&& fn, unsigned threads) {
    double best = 0;
    for (int r = 0; r < 3; ++r) {
      std::vector<std::uint64_t> out(threads);
      const auto start = Clock::now();
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t) {
        const std::size_t b = n / 64 * t / threads * 64, e = n / 64 * (t + 1) / threads * 64;
        pool.emplace_back([&, t, b, e] { out[t] = fn(b, e); });
      }
      for (auto& th : pool) th.join();
      const double s = ms_since(start) / 1000;
      for (std::uint64_t v : out) sink = sink + v;
      best = std::max(best, static_cast<double>(n) / s / 1e6);
    }
    return best;
  };
  std::cout << fmt::format(
                   "{{\"bytes\":{},\"cores\":{},\"stream_mbps_1\":{:.0f},\"stream_mbps_n\":{:.0f},"
                   "\"separators_mbps_1\":{:.0f},\"separators_mbps_n\":{:.0f}}}",
                   n, cores, rate(stream, 1), rate(stream, cores), rate(separators, 1),
                   rate(separators, cores))
            << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The one-shot subcommands; without one, the stdin protocol below.
  using Subcommand = int (*)(int, char**);
  constexpr std::pair<std::string_view, Subcommand> kSubcommands[] = {
      {"generate", generate}, {"recode", recode}, {"limits", limits}};
  for (const auto& [name, run] : kSubcommands) {
    if (argc < 2 || std::string_view(argv[1]) != name) continue;
    try {
      return run(argc, argv);
    } catch (const std::exception& e) {
      std::cerr << "parmetrics-peer " << name << ": " << e.what() << "\n";
      return 1;
    }
  }
  if (argc != 2) {
    std::cerr << "usage: parmetrics-peer DATA_DIR  (commands on stdin; see bench/peers/run)\n"
                 "       parmetrics-peer generate --out DIR [--dossiers N] [--units N] [--seed N]\n"
                 "       parmetrics-peer recode --in DOSSIERS_CSV --out DOSSIERS_CSV\n"
                 "       parmetrics-peer limits --in FILE\n";
    return 2;
  }
  Driver driver(argv[1]);
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    if (words.empty()) continue;
    const std::string& cmd = words[0];
    auto arg = [&](std::size_t i) { return i < words.size() ? words[i] : std::string(); };
    std::string answer;
    try {
      if (cmd == "quit") break;
      if (cmd == "load") {
        answer = driver.load(parse_threads(arg(1).empty() ? "0" : arg(1)));
      } else if (cmd == "plain") {
        answer = driver.plain(parse_as_of(arg(1)), parse_threads(arg(2)), arg(3));
      } else if (cmd == "bare") {
        answer = driver.bare(parse_as_of(arg(1)), arg(2));
      } else if (cmd == "full") {
        answer = driver.full(parse_as_of(arg(1)), parse_threads(arg(2)), arg(3));
      } else if (cmd == "appointments") {
        answer = driver.appointments(std::stoull(arg(1)));
      } else if (cmd == "memory") {
        answer = driver.memory();
      } else {
        answer = fmt::format("{{\"error\":{}}}", json_string("unknown command " + cmd));
      }
    } catch (const std::exception& e) {
      answer = fmt::format("{{\"error\":{}}}", json_string(e.what()));
    }
    std::cout << answer << std::endl;
  }
  return 0;
}
