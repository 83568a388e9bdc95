// Adversarial shapes at scale (issue 11): each importer on the inputs that break naive parsers —
// one huge field, a million tiny records, a 10⁵-deep parent chain, 10⁵-deep JSON. Prints, per
// shape, the input size, the wall time, the time per record or per MB, and the import's peak
// memory beyond the input as a multiple of the input (target ≤ 2: docs/performance.md).
//
// Each shape runs in a child process, so that its peak resident memory (getrusage ru_maxrss,
// the high-water mark) is its own: the child builds the input in memory, reads its resident size,
// imports, and reports (peak − resident before the import) / input size. This is a benchmark,
// not a test: it prints figures and asserts nothing about time.
//
//   parmetrics-adversarial [--scale F] [SHAPE...]   (F scales the sizes: 0.1 for a quick look)

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/indices/par_methodology.hpp>
#include <parmetrics/indices/sipas_questionnaire.hpp>
#include <parmetrics/indices/sipas_responses.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/portal_import.hpp>

namespace {

using namespace parmetrics;

struct Outcome {
  std::uint64_t records = 0;  // read
  std::uint64_t loaded = 0;
  std::string note;  // e.g. the error of a rejected document
};

struct Shape {
  std::string name;
  std::string what;
  std::function<std::string(double scale)> input;
  std::function<Outcome(std::string_view text)> import;
};

UnitRegistry one_unit() {
  UnitRegistry units;
  units.add(Unit{.code = "H55.01",
                 .name = "UBND xã",
                 .level = "commune",
                 .parent = "",
                 .successors = {},
                 .aliases = {},
                 .gso_code = {},
                 .successor_shares = {},
                 .succession = {},
                 .history = {}});
  units.resolve();
  return units;
}

ProcedureCatalog one_procedure() {
  ProcedureCatalog p;
  p.add(Procedure{.code = "1.001",
                  .name = "Khai sinh",
                  .field = "Hộ tịch",
                  .duration = StatutoryTime::working_days(3)});
  return p;
}

const WorkingCalendar& calendar() {
  static const WorkingCalendar c;
  return c;
}

std::size_t scaled(double base, double scale) {
  return static_cast<std::size_t>(base * scale);
}

Outcome dossiers(std::string_view text) {
  UnitRegistry units = one_unit();
  ProcedureCatalog procedures = one_procedure();
  DossierStore store;
  ImportReport report;
  ImportOptions o;
  o.register_unknown = true;
  import_dossiers_csv(text, "d.csv", units, procedures, calendar(), store, report, o);
  return {report.read(), report.loaded_count(), ""};
}

Outcome units_csv(std::string_view text) {
  UnitRegistry units;
  ImportReport report;
  import_units_csv(text, "u.csv", units, report);
  return {report.read(), report.loaded_count(), ""};
}

Outcome portal(std::string_view text) {
  UnitRegistry units = one_unit();
  ProcedureCatalog procedures = one_procedure();
  DossierStore store;
  ImportReport report;
  import_portal_json(text, "p.jsonl", units, procedures, calendar(), store, report);
  return {report.read(), report.loaded_count(), ""};
}

Outcome sipas(std::string_view text) {
  SipasQuestionnaire q;
  q.add(SipasItem{.id = "A1", .element = "A", .text = "Câu hỏi"});
  const SipasResponses r = SipasResponses::parse_csv(text, "r.csv", q);
  return {r.report().read, r.report().loaded, ""};
}

Outcome par_document(std::string_view text) {
  try {
    (void)ParMethodology::parse(text, "m.json");
    return {1, 1, "loaded"};
  } catch (const DataError& e) {
    return {1, 0, e.reason()};
  }
}

const std::string kDossierHeader = "code,unit,procedure,channel,received_at,appointment_at\n";

// One portal record whose last field (after `last`) is a string of n copies of c.
std::string portal_record_ending_in(std::string_view last, std::size_t n, char c) {
  std::string t = R"({"MaTTHC":"1.001","DonViXuLy":"H55.01",)"
                  R"("NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000",)";
  t.reserve(n + 200);
  t += last;
  t += ":\"";
  t.append(n, c);
  t += "\"}\n";
  return t;
}

std::vector<Shape> shapes() {
  return {
      {"dossiers-huge-field", "dossiers.csv, one record whose code is 200 MB (quoted, with \"\")",
       [](double s) {
         const std::size_t n = scaled(200e6, s);
         std::string t = kDossierHeader + "\"";
         t.reserve(n + 200);
         for (std::size_t i = 0; i < n / 100; ++i) t += std::string(98, 'x') + "\"\"";
         t += "\",H55.01,1.001,direct,2023-08-14T08:00,2023-08-15T08:00\n";
         return t;
       },
       dossiers},
      {"dossiers-tiny-records", "dossiers.csv, 10⁶ shortest records, each a new unit",
       [](double s) {
         std::string t = kDossierHeader;
         const std::size_t n = scaled(1e6, s);
         for (std::size_t i = 0; i < n; ++i) {
           t += fmt::format("{},U{},,direct,2023-08-14T08:00,2023-08-15T08:00\n", i, i % 1000);
         }
         return t;
       },
       dossiers},
      {"units-huge-field", "units.csv, one unit whose code is 200 MB",
       [](double s) {
         const std::size_t n = scaled(200e6, s);
         std::string t = "code,name,level,parent\n";
         t.reserve(n + 100);
         t.append(n, 'c');
         t += ",UBND xã,commune,\n";
         return t;
       },
       units_csv},
      {"units-deep-chain", "units.csv, a 10⁵-deep parent chain, leaf first",
       [](double s) {
         const std::size_t n = scaled(1e5, s);
         std::string t = "code,name,level,parent\n";
         for (std::size_t i = n; i-- > 0;) {
           t += fmt::format("U{},u,x,{}\n", i, i == 0 ? std::string() : fmt::format("U{}", i - 1));
         }
         return t;
       },
       units_csv},
      {"portal-huge-field", "portal JSON lines, one record whose TenTTHC is 200 MB",
       [](double s) {
         return portal_record_ending_in(R"("MaHoSo":"A","TenTTHC")", scaled(200e6, s), 't');
       },
       portal},
      {"portal-huge-code", "portal JSON lines, one record whose MaHoSo is 200 MB",
       [](double s) { return portal_record_ending_in(R"("MaHoSo")", scaled(200e6, s), 'm'); },
       portal},
      {"portal-tiny-records", "portal JSON lines, 10⁶ records",
       [](double s) {
         std::string t;
         const std::size_t n = scaled(1e6, s);
         for (std::size_t i = 0; i < n; ++i) {
           t += fmt::format(
               R"({{"MaHoSo":"{}","DonViXuLy":"H55.01","NgayTiepNhan":"20230306081500","NgayHenTra":"20230310170000"}})",
               i);
           t += '\n';
         }
         return t;
       },
       portal},
      {"sipas-huge-field", "SIPAS responses, one record whose respondent is 200 MB",
       [](double s) {
         const std::size_t n = scaled(200e6, s);
         std::string t = "respondent,unit,item,answer\n";
         t.reserve(n + 100);
         t.append(n, 'r');
         t += ",U,A1,4\n";
         return t;
       },
       sipas},
      {"sipas-tiny-records", "SIPAS responses, 10⁶ records",
       [](double s) {
         std::string t = "respondent,unit,item,answer\n";
         const std::size_t n = scaled(1e6, s);
         for (std::size_t i = 0; i < n; ++i) t += fmt::format("P{},U{},A1,{}\n", i, i % 100, i % 6);
         return t;
       },
       sipas},
      {"json-deep", "PAR methodology nested 10⁵ deep through children",
       [](double s) {
         const std::size_t n = scaled(1e5, s);
         std::string t = R"({"name":"t","version":"1","criteria":[)";
         for (std::size_t i = 0; i < n; ++i) t += R"({"id":"c","name":"n","children":[)";
         t += R"({"id":"x","name":"n","max":1,"rule":{"kind":"manual"}})";
         for (std::size_t i = 0; i < n; ++i) t += "]}";
         t += "]}";
         return t;
       },
       par_document},
  };
}

std::size_t resident_bytes() {
  long pages = 0, resident = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<std::size_t>(resident) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

struct Result {
  double seconds = 0;
  std::size_t input = 0;
  std::size_t extra = 0;  // peak resident beyond the resident size before the import
  std::uint64_t records = 0, loaded = 0;
  char note[160] = {};
  bool failed = false;
};

Result run_in_child(const Shape& shape, double scale) {
  int pipe_fd[2];
  if (pipe(pipe_fd) != 0) std::exit(1);
  const pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fd[0]);
    Result r;
    {
      const std::string text = shape.input(scale);
      r.input = text.size();
      const std::size_t before = resident_bytes();
      const auto start = std::chrono::steady_clock::now();
      try {
        const Outcome o = shape.import(text);
        r.records = o.records;
        r.loaded = o.loaded;
        std::snprintf(r.note, sizeof r.note, "%s", o.note.c_str());
      } catch (const std::exception& e) {
        r.failed = true;
        std::snprintf(r.note, sizeof r.note, "%s", e.what());
      }
      r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      const std::size_t peak = static_cast<std::size_t>(usage.ru_maxrss) * 1024;
      r.extra = peak > before ? peak - before : 0;
    }
    if (write(pipe_fd[1], &r, sizeof r) != static_cast<ssize_t>(sizeof r)) _exit(1);
    _exit(0);
  }
  close(pipe_fd[1]);
  Result r;
  const bool got = read(pipe_fd[0], &r, sizeof r) == static_cast<ssize_t>(sizeof r);
  close(pipe_fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    r = Result{};
    r.failed = true;
    std::snprintf(r.note, sizeof r.note, "the child died (status %d)", status);
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  double scale = 1.0;
  std::vector<std::string> only;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--scale" && i + 1 < argc) {
      scale = std::strtod(argv[++i], nullptr);
    } else if (a == "-h" || a == "--help") {
      fmt::print("usage: parmetrics-adversarial [--scale F] [SHAPE...]\n");
      return 0;
    } else {
      only.emplace_back(a);
    }
  }
  fmt::print("{:<22} {:>9} {:>8} {:>9} {:>12} {:>9} {:>10} {:>8}  {}\n", "shape", "input MB",
             "seconds", "records", "time", "extra MB", "B/record", "x input", "notes");
  bool failed = false;
  for (const Shape& s : shapes()) {
    if (!only.empty() && std::find(only.begin(), only.end(), s.name) == only.end()) continue;
    const Result r = run_in_child(s, scale);
    failed = failed || r.failed;
    const double mb = static_cast<double>(r.input) / 1e6;
    const double extra = static_cast<double>(r.extra);
    const double records = static_cast<double>(std::max<std::uint64_t>(r.records, 1));
    const std::string time =
        r.records > 1 ? fmt::format("{:.0f} ns/rec", r.seconds * 1e9 / records)
                      : fmt::format("{:.1f} ms/MB", r.seconds * 1e3 / std::max(mb, 1e-9));
    fmt::print("{:<22} {:>9.1f} {:>8.3f} {:>9} {:>12} {:>9.1f} {:>10.0f} {:>8.2f}  {}{}\n", s.name,
               mb, r.seconds, r.records, time, extra / 1e6, extra / records,
               extra / static_cast<double>(std::max<std::size_t>(r.input, 1)),
               r.failed ? "FAILED: " : "", r.note[0] ? r.note : s.what.c_str());
  }
  return failed ? 1 : 0;
}
