// units.csv: the unit registry (docs/formats.md). Small files: one thread. Parents and
// successors may refer to units later in the file, so references are checked once all records
// are read; a unit whose parent or successor is unknown, rejected, or part of a loop is rejected
// itself, and the registry only ever receives units that resolve.

#include <fmt/format.h>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/detail/string_id_index.hpp>
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
  kLevel,
  kParent,
  kValidFrom,
  kValidTo,
  kSuccessor,
  kAliases,
  kColumns
};

constexpr ColumnSpec kSpecs[kColumns] = {
    {"code", true},        {"name", true},      {"level", true},      {"parent", false},
    {"valid_from", false}, {"valid_to", false}, {"successor", false}, {"aliases", false},
};

struct Candidate {
  Unit unit;
  std::uint64_t line = 0;  // absolute
  bool rejected = false;
};

using Graph = std::vector<std::vector<std::uint32_t>>;

// Nodes in a strongly connected component of more than one node, or with an edge to
// themselves (Tarjan's algorithm, iterative so that long chains do not exhaust the stack).
std::vector<bool> on_cycle(const Graph& adjacent) {
  const std::size_t n = adjacent.size();
  constexpr std::uint32_t kUnvisited = 0xFFFFFFFFu;
  std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0);
  std::vector<bool> on_stack(n, false), cycle(n, false);
  std::vector<std::uint32_t> stack, members;
  std::vector<std::pair<std::uint32_t, std::size_t>> calls;
  std::uint32_t counter = 0;
  const auto visit = [&](std::uint32_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    calls.emplace_back(v, 0);
  };
  for (std::uint32_t s = 0; s < n; ++s) {
    if (index[s] != kUnvisited) continue;
    visit(s);
    while (!calls.empty()) {
      const std::uint32_t v = calls.back().first;
      std::size_t& next = calls.back().second;
      if (next < adjacent[v].size()) {
        const std::uint32_t w = adjacent[v][next++];
        if (index[w] == kUnvisited) {
          visit(w);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      calls.pop_back();
      if (low[v] == index[v]) {
        members.clear();
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          members.push_back(w);
        } while (w != v);
        const bool self = std::find(adjacent[v].begin(), adjacent[v].end(), v) != adjacent[v].end();
        if (members.size() > 1 || self) {
          for (const std::uint32_t m : members) cycle[m] = true;
        }
      }
      if (!calls.empty()) {
        const std::uint32_t parent = calls.back().first;
        low[parent] = std::min(low[parent], low[v]);
      }
    }
  }
  return cycle;
}

}  // namespace

void import_units_csv(std::string_view text, std::string_view origin, UnitRegistry& units,
                      ImportReport& report, const ImportOptions& options) {
  text = skip_bom(text);
  const Header header = read_header(text, origin, kSpecs, report);
  RejectionSink sink(origin, kSpecs, report);

  struct Out {
    ChunkRejections rejections;
    std::uint64_t newlines = 0, bytes = 0;
    std::vector<Candidate> parsed;  // lines relative to the chunk
    void clear() noexcept {
      rejections.clear();
      parsed.clear();
      newlines = bytes = 0;
    }
  };
  std::vector<Candidate> candidates;
  // Candidates by code: ids 0.. are `candidates`, then the chunk being parsed (`parsed`, set
  // while a chunk is parsed). The index holds no copy of the codes.
  detail::StringIdIndex by_code;
  const std::vector<Candidate>* parsed = nullptr;
  const auto code_of = [&](std::uint32_t id) -> const std::string& {
    return id < candidates.size() ? candidates[id].unit.code
                                  : (*parsed)[id - candidates.size()].unit.code;
  };
  std::vector<PendingRejection> kept;
  std::array<std::uint64_t, kReasonCount> rest{};

  const auto parse = [&](Out& out, const CsvRecord& record) {
    if (!check_record(record, header, 0, out.rejections)) return;
    const auto field = [&](Col c) -> std::string_view {
      const std::uint16_t i = header.index[c];
      return i == kNoColumn ? std::string_view() : record.fields[i];
    };
    const auto reject = [&](Col c, Reason why, std::string_view value) {
      out.rejections.add(record.line, 0, why, c, value);
    };
    for (const Col c : {kCode, kName, kLevel, kParent}) {
      const std::string_view v = field(c);
      if (v.empty() && c != kParent) return reject(c, Reason::missing_value, v);
      if (!is_valid_utf8(v)) return reject(c, Reason::invalid_utf8, v);
    }
    Candidate u;
    u.line = record.line;
    for (const Col c : {kValidFrom, kValidTo}) {
      const std::string_view v = field(c);
      if (v.empty()) continue;
      const auto day = parse_iso_date(v);
      if (!day) return reject(c, Reason::bad_date, v);
      if (*day < kFirstSupportedDay || *day > kLastSupportedDay) {
        return reject(c, Reason::date_out_of_range, v);
      }
      (c == kValidFrom ? u.unit.valid_from : u.unit.valid_to) = *day;
    }
    if (u.unit.valid_to < u.unit.valid_from) {
      return reject(kValidTo, Reason::valid_to_before_valid_from, field(kValidTo));
    }
    // Successors: codes separated by ';' (a split has several).
    const std::string_view successors = field(kSuccessor);
    if (!successors.empty()) {
      if (!is_valid_utf8(successors)) return reject(kSuccessor, Reason::invalid_utf8, successors);
      std::size_t from = 0;
      for (;;) {
        const std::size_t semi = successors.find(';', from);
        const std::string_view s = successors.substr(from, semi - from);
        if (s.empty()) return reject(kSuccessor, Reason::empty_successor, successors);
        u.unit.successors.push_back(to_nfc(s));
        if (semi == std::string_view::npos) break;
        from = semi + 1;
      }
    }
    // Aliases: other names, separated by ';'; empty ones (";;", a trailing ';') are skipped.
    const std::string_view aliases = field(kAliases);
    if (!aliases.empty()) {
      if (!is_valid_utf8(aliases)) return reject(kAliases, Reason::invalid_utf8, aliases);
      for (std::size_t from = 0; from <= aliases.size();) {
        const std::size_t semi = std::min(aliases.find(';', from), aliases.size());
        std::string_view a = aliases.substr(from, semi - from);
        while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
        while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
        if (!a.empty()) u.unit.aliases.push_back(to_nfc(a));
        from = semi + 1;
      }
    }
    // Codes in NFC, as every importer compares them (docs/formats.md).
    std::string code = to_nfc(field(kCode));
    parsed = &out.parsed;
    if (units.find(code) || by_code.find(code, code_of)) {
      return reject(kCode, Reason::duplicate_unit, field(kCode));
    }
    u.unit.code = std::move(code);
    u.unit.name = to_nfc(field(kName));
    u.unit.level = std::string(field(kLevel));
    u.unit.parent = to_nfc(field(kParent));
    by_code.insert(static_cast<std::uint32_t>(candidates.size() + out.parsed.size()), u.unit.code);
    out.parsed.push_back(std::move(u));
  };
  run_chunks<Out>(text, header, 1, options.chunk_bytes, parse,
                  [&](Out& out, std::uint64_t first_line) {
                    for (Candidate& c : out.parsed) {
                      c.line += first_line;
                      candidates.push_back(std::move(c));
                    }
                    for (PendingRejection r : out.rejections.kept) {
                      r.add_first_line(first_line);
                      kept.push_back(std::move(r));
                    }
                    const auto beyond = counts_beyond_kept(out.rejections);
                    for (std::size_t i = 0; i < kReasonCount; ++i) rest[i] += beyond[i];
                  });

  // References between the candidates: edges to candidates, and which parents and successors
  // point to neither a candidate nor a unit already registered.
  const auto n = static_cast<std::uint32_t>(candidates.size());
  Graph parent_of(n), successors_of(n), children(n), predecessors(n);
  const auto reject_candidate = [&](std::uint32_t i, Reason why, Col c, std::string_view value) {
    candidates[i].rejected = true;
    PendingRejection r;
    r.line = candidates[i].line;
    r.reason = why;
    r.column = c;
    r.value = printable(value);
    kept.push_back(std::move(r));
  };
  std::vector<std::uint32_t> work;  // rejected candidates whose dependents are to be rejected
  for (std::uint32_t i = 0; i < n; ++i) {
    const Unit& u = candidates[i].unit;
    if (!u.parent.empty()) {
      if (const auto p = by_code.find(u.parent, code_of)) {
        parent_of[i].push_back(*p);
        children[*p].push_back(i);
      }
    }
    for (const std::string& s : u.successors) {
      if (const auto p = by_code.find(s, code_of)) {
        successors_of[i].push_back(*p);
        predecessors[*p].push_back(i);
      }
    }
  }
  const std::vector<bool> parent_loop = on_cycle(parent_of);
  const std::vector<bool> successor_loop = on_cycle(successors_of);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Unit& u = candidates[i].unit;
    if (parent_loop[i]) {
      reject_candidate(i, Reason::parent_cycle, kParent, u.parent);
    } else if (successor_loop[i]) {
      reject_candidate(i, Reason::successor_cycle, kSuccessor,
                       u.successors.empty() ? std::string() : u.successors.front());
    } else if (!u.parent.empty() && parent_of[i].empty() && !units.find(u.parent)) {
      reject_candidate(i, Reason::unknown_parent, kParent, u.parent);
    } else {
      for (std::size_t k = 0; k < u.successors.size(); ++k) {
        const std::string& s = u.successors[k];
        if (!by_code.find(s, code_of) && !units.find(s)) {
          reject_candidate(i, Reason::unknown_successor, kSuccessor, s);
          break;
        }
      }
    }
    if (candidates[i].rejected) work.push_back(i);
  }
  while (!work.empty()) {
    const std::uint32_t gone = work.back();
    work.pop_back();
    const std::string& code = candidates[gone].unit.code;
    for (const std::uint32_t child : children[gone]) {
      if (candidates[child].rejected) continue;
      reject_candidate(child, Reason::rejected_parent, kParent, code);
      work.push_back(child);
    }
    for (const std::uint32_t pred : predecessors[gone]) {
      if (candidates[pred].rejected) continue;
      reject_candidate(pred, Reason::rejected_successor, kSuccessor, code);
      work.push_back(pred);
    }
  }

  std::uint64_t loaded = 0;
  for (Candidate& c : candidates) {
    if (c.rejected) continue;
    units.add(std::move(c.unit));
    ++loaded;
  }
  emit_in_line_order(sink, kept, rest);
  report.loaded(loaded);
  try {
    units.resolve();
  } catch (const DataError& e) {
    throw DataError(std::string(origin), e.location(), e.field(), e.reason());
  }
  finish_strict(options, origin, sink);
}

void import_units_csv(const std::filesystem::path& file, UnitRegistry& units, ImportReport& report,
                      const ImportOptions& options) {
  const MappedFile mapped(file);
  import_units_csv(mapped.text(), file.string(), units, report, options);
}

}  // namespace parmetrics
