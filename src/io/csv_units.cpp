// units.csv: the unit registry (docs/formats.md). Small files: one thread. A unit may take
// several rows, one per stretch of its life with its own name, parent and GSO code, following
// each other day after day. Parents and successors may refer to units later in the file, so
// references are checked once all records are read; a unit whose parent or successor is unknown,
// rejected, or part of a loop is rejected itself (each of its rows), and the registry only ever
// receives units that resolve.

#include <fmt/format.h>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/detail/string_id_index.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_import.hpp>

#include <algorithm>
#include <optional>
#include <unordered_map>

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
  kGsoCode,
  kSuccessorRule,
  kColumns
};

constexpr ColumnSpec kSpecs[kColumns] = {
    {"code", true},        {"name", true},
    {"level", true},       {"parent", false},
    {"valid_from", false}, {"valid_to", false},
    {"successor", false},  {"aliases", false},
    {"gso_code", false},   {"successor_rule", false},
};

// One record: a stretch of a unit's life (the whole of it, for a unit on one row).
struct Row {
  Unit unit;  // the row's fields; history empty
  std::uint64_t line = 0;
  bool has_rule = false;  // successor_rule given
  bool rejected = false;
};

// A unit: its rows, in date order once grouped, the last one giving the successors.
struct Candidate {
  Unit unit;
  std::vector<std::size_t> rows;  // indices into the rows
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

// Successors: codes separated by ';' (a split has several), each optionally with its share
// ("CODE:0.6"); shares are given for all or none. nullopt when the field is fine.
std::optional<Reason> parse_successors(std::string_view field, Unit& unit) {
  if (field.empty()) return std::nullopt;
  if (!is_valid_utf8(field)) return Reason::invalid_utf8;
  std::size_t with_share = 0;
  for (std::size_t from = 0;;) {
    const std::size_t semi = field.find(';', from);
    std::string_view s = field.substr(from, semi - from);
    if (s.empty()) return Reason::empty_successor;
    if (const std::size_t colon = s.rfind(':'); colon != std::string_view::npos) {
      const auto share = parse_share(s.substr(colon + 1));
      if (!share) return Reason::bad_share;
      unit.successor_shares.push_back(*share);
      ++with_share;
      s = s.substr(0, colon);
      if (s.empty()) return Reason::empty_successor;
    }
    unit.successors.push_back(to_nfc(s));
    if (semi == std::string_view::npos) break;
    from = semi + 1;
  }
  if (with_share == 0) return std::nullopt;
  std::uint32_t sum = 0;
  for (const std::uint32_t v : unit.successor_shares) sum += v;
  if (with_share != unit.successors.size() || sum != kShareWhole) return Reason::bad_share;
  return std::nullopt;
}

// Aliases: other names, separated by ';'; empty ones (";;", a trailing ';') are skipped.
void parse_aliases(std::string_view aliases, std::vector<std::string>& out) {
  for (std::size_t from = 0; from <= aliases.size();) {
    const std::size_t semi = std::min(aliases.find(';', from), aliases.size());
    std::string_view a = aliases.substr(from, semi - from);
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
    while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
    if (!a.empty() && std::find(out.begin(), out.end(), to_nfc(a)) == out.end()) {
      out.push_back(to_nfc(a));
    }
    from = semi + 1;
  }
}

// One record into a row, or a rejection.
void parse_row(const Header& header, const CsvRecord& record, ChunkRejections& rejections,
               std::vector<Row>& out) {
  if (!check_record(record, header, 0, rejections)) return;
  const auto field = [&](Col c) -> std::string_view {
    const std::uint16_t i = header.index[c];
    return i == kNoColumn ? std::string_view() : record.fields[i];
  };
  const auto reject = [&](Col c, Reason why, std::string_view value) {
    rejections.add(record.line, 0, why, c, value);
  };
  for (const Col c : {kCode, kName, kLevel, kParent}) {
    const std::string_view v = field(c);
    if (v.empty() && c != kParent) return reject(c, Reason::missing_value, v);
    if (!is_valid_utf8(v)) return reject(c, Reason::invalid_utf8, v);
  }
  Row u;
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
  if (const auto why = parse_successors(field(kSuccessor), u.unit)) {
    return reject(kSuccessor, *why, field(kSuccessor));
  }
  const std::string_view rule = field(kSuccessorRule);
  if (rule == "commune") {
    u.unit.succession = SuccessionRule::commune;
  } else if (!rule.empty() && rule != "shares") {
    return reject(kSuccessorRule, Reason::bad_successor_rule, rule);
  }
  u.has_rule = !rule.empty();
  const std::string_view gso = field(kGsoCode);
  if (gso.size() > 5 || gso.find_first_not_of("0123456789") != std::string_view::npos) {
    return reject(kGsoCode, Reason::bad_gso_code, gso);
  }
  u.unit.gso_code = std::string(gso);
  const std::string_view aliases = field(kAliases);
  if (!is_valid_utf8(aliases)) return reject(kAliases, Reason::invalid_utf8, aliases);
  parse_aliases(aliases, u.unit.aliases);
  // Codes in NFC, as every importer compares them (docs/formats.md).
  u.unit.code = to_nfc(field(kCode));
  u.unit.name = to_nfc(field(kName));
  u.unit.level = std::string(field(kLevel));
  u.unit.parent = to_nfc(field(kParent));
  out.push_back(std::move(u));
}

// Rejects row i (each rejection in the file's order later).
void reject_row(std::vector<Row>& rows, std::size_t i, Reason why, Col c, std::string_view value,
                std::vector<PendingRejection>& kept) {
  rows[i].rejected = true;
  PendingRejection r;
  r.line = rows[i].line;
  r.reason = why;
  r.column = c;
  r.value = printable(value);
  kept.push_back(std::move(r));
}

// The rows of one code: a row overlapping an earlier one (in file order) is a duplicate; then, in
// date order, a row after a gap, of another level than the unit's first row, or a row with
// successors that is not the last, is rejected, until the rows left follow each other.
std::vector<std::size_t> unit_rows(std::vector<Row>& rows, std::vector<std::size_t> group,
                                   std::vector<PendingRejection>& kept) {
  std::vector<std::size_t> ok;
  for (const std::size_t i : group) {
    const Unit& u = rows[i].unit;
    const bool overlaps = std::any_of(ok.begin(), ok.end(), [&](std::size_t j) {
      return rows[j].unit.valid_from <= u.valid_to && u.valid_from <= rows[j].unit.valid_to;
    });
    if (overlaps) {
      reject_row(rows, i, Reason::duplicate_unit, kCode, u.code, kept);
    } else if (!ok.empty() && u.level != rows[ok.front()].unit.level) {
      reject_row(rows, i, Reason::version_level, kLevel, u.level, kept);
    } else {
      ok.push_back(i);
    }
  }
  std::stable_sort(ok.begin(), ok.end(), [&](std::size_t a, std::size_t b) {
    return rows[a].unit.valid_from < rows[b].unit.valid_from;
  });
  for (std::size_t k = 1; k < ok.size();) {
    const Unit& prev = rows[ok[k - 1]].unit;
    const Unit& u = rows[ok[k]].unit;
    if (u.valid_from != prev.valid_to + 1) {
      reject_row(rows, ok[k], Reason::version_overlap, kValidFrom, format_iso_date(u.valid_from),
                 kept);
      ok.erase(ok.begin() + static_cast<std::ptrdiff_t>(k));
    } else if (!prev.successors.empty() || rows[ok[k - 1]].has_rule) {
      reject_row(rows, ok[k - 1], Reason::successor_not_last, kSuccessor,
                 prev.successors.empty() ? "" : prev.successors.front(), kept);
      ok.erase(ok.begin() + static_cast<std::ptrdiff_t>(k - 1));
      k = std::max<std::size_t>(k - 1, 1);
    } else {
      ++k;
    }
  }
  return ok;
}

// The unit of a group's rows (in date order): the last row's fields, the earlier rows as its
// history, its life from the first row's start to the last row's end.
Unit merged_unit(const std::vector<Row>& rows, const std::vector<std::size_t>& ok) {
  Unit u = rows[ok.back()].unit;
  u.valid_from = rows[ok.front()].unit.valid_from;
  for (std::size_t k = 0; k + 1 < ok.size(); ++k) {
    const Unit& r = rows[ok[k]].unit;
    u.history.push_back({r.valid_from, r.valid_to, r.name, r.parent, r.gso_code});
    for (const std::string& a : r.aliases) {
      if (std::find(u.aliases.begin(), u.aliases.end(), a) == u.aliases.end()) {
        u.aliases.push_back(a);
      }
    }
  }
  return u;
}

// Groups the rows by code into units; rows whose code the registry already holds are
// duplicates.
std::vector<Candidate> group_rows(std::vector<Row>& rows, const UnitRegistry& units,
                                  std::vector<PendingRejection>& kept) {
  std::unordered_map<std::string_view, std::size_t> group_of;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (units.find(rows[i].unit.code)) {
      reject_row(rows, i, Reason::duplicate_unit, kCode, rows[i].unit.code, kept);
      continue;
    }
    const auto [it, added] = group_of.try_emplace(rows[i].unit.code, groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  std::vector<Candidate> out;
  for (std::vector<std::size_t>& g : groups) {
    std::vector<std::size_t> ok = unit_rows(rows, std::move(g), kept);
    if (ok.empty()) continue;
    out.push_back({merged_unit(rows, ok), std::move(ok), false});
  }
  return out;
}

// The references between candidates: parent and successor edges, and their reverse.
struct References {
  std::unordered_map<std::string_view, std::uint32_t> by_code;
  Graph parent_of, successors_of, children, predecessors;

  References(const std::vector<Candidate>& candidates, const std::vector<Row>& rows) {
    const auto n = static_cast<std::uint32_t>(candidates.size());
    for (std::uint32_t i = 0; i < n; ++i) by_code.emplace(candidates[i].unit.code, i);
    parent_of.resize(n);
    successors_of.resize(n);
    children.resize(n);
    predecessors.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      for (const std::size_t r : candidates[i].rows) {
        const std::string& parent = rows[r].unit.parent;
        if (const auto p = find(parent); p && !parent.empty()) {
          parent_of[i].push_back(*p);
          children[*p].push_back(i);
        }
      }
      for (const std::string& s : candidates[i].unit.successors) {
        if (const auto p = find(s)) {
          successors_of[i].push_back(*p);
          predecessors[*p].push_back(i);
        }
      }
    }
  }
  std::optional<std::uint32_t> find(std::string_view code) const {
    const auto it = by_code.find(code);
    return it == by_code.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
  }
};

// Rejects the candidates whose parents or successors are unknown, loop, or are rejected
// themselves, each of their rows once.
void check_references(std::vector<Candidate>& candidates, std::vector<Row>& rows,
                      const UnitRegistry& units, std::vector<PendingRejection>& kept) {
  const References refs(candidates, rows);
  const auto known = [&](const std::string& code) { return refs.find(code) || units.find(code); };
  const auto reject = [&](std::uint32_t i, Reason why, Col c, std::string_view value) {
    candidates[i].rejected = true;
    for (const std::size_t r : candidates[i].rows) reject_row(rows, r, why, c, value, kept);
  };
  const std::vector<bool> parent_loop = on_cycle(refs.parent_of);
  const std::vector<bool> successor_loop = on_cycle(refs.successors_of);
  std::vector<std::uint32_t> work;  // rejected candidates whose dependents are to be rejected
  for (std::uint32_t i = 0; i < candidates.size(); ++i) {
    const Unit& u = candidates[i].unit;
    const auto unknown_parent = std::find_if(
        candidates[i].rows.begin(), candidates[i].rows.end(),
        [&](std::size_t r) { return !rows[r].unit.parent.empty() && !known(rows[r].unit.parent); });
    const auto unknown_successor = std::find_if(u.successors.begin(), u.successors.end(),
                                                [&](const std::string& s) { return !known(s); });
    if (parent_loop[i]) {
      reject(i, Reason::parent_cycle, kParent, u.parent);
    } else if (successor_loop[i]) {
      reject(i, Reason::successor_cycle, kSuccessor,
             u.successors.empty() ? std::string() : u.successors.front());
    } else if (unknown_parent != candidates[i].rows.end()) {
      reject(i, Reason::unknown_parent, kParent, rows[*unknown_parent].unit.parent);
    } else if (unknown_successor != u.successors.end()) {
      reject(i, Reason::unknown_successor, kSuccessor, *unknown_successor);
    }
    if (candidates[i].rejected) work.push_back(i);
  }
  while (!work.empty()) {
    const std::uint32_t gone = work.back();
    work.pop_back();
    const std::string code = candidates[gone].unit.code;
    for (const std::uint32_t child : refs.children[gone]) {
      if (candidates[child].rejected) continue;
      reject(child, Reason::rejected_parent, kParent, code);
      work.push_back(child);
    }
    for (const std::uint32_t pred : refs.predecessors[gone]) {
      if (candidates[pred].rejected) continue;
      reject(pred, Reason::rejected_successor, kSuccessor, code);
      work.push_back(pred);
    }
  }
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
    std::vector<Row> parsed;  // lines relative to the chunk
    void clear() noexcept {
      rejections.clear();
      parsed.clear();
      newlines = bytes = 0;
    }
  };
  std::vector<Row> rows;
  std::vector<PendingRejection> kept;
  std::array<std::uint64_t, kReasonCount> rest{};
  run_chunks<Out>(
      text, header, 1, options.chunk_bytes,
      [&](Out& out, const CsvRecord& record) {
        parse_row(header, record, out.rejections, out.parsed);
      },
      [&](Out& out, std::uint64_t first_line) {
        for (Row& r : out.parsed) {
          r.line += first_line;
          rows.push_back(std::move(r));
        }
        for (PendingRejection r : out.rejections.kept) {
          r.add_first_line(first_line);
          kept.push_back(std::move(r));
        }
        const auto beyond = counts_beyond_kept(out.rejections);
        for (std::size_t i = 0; i < kReasonCount; ++i) rest[i] += beyond[i];
      });

  std::vector<Candidate> candidates = group_rows(rows, units, kept);
  check_references(candidates, rows, units, kept);
  std::uint64_t loaded = 0;
  for (Candidate& c : candidates) {
    if (c.rejected) continue;
    loaded += c.rows.size();
    units.add(std::move(c.unit));
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
