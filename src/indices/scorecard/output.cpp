#include <parmetrics/indices/scorecard/output.hpp>
#include <parmetrics/io/csv_field.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace parmetrics::scorecard {

namespace {

std::string index_text(const UnitResult& u) {
  return u.index ? u.index->to_string() : "n/a";
}

std::string rank_text(const UnitResult& u) {
  return u.rank ? std::to_string(*u.rank) : "n/a";
}

std::string part_index(const Part& p) {
  return p.index ? p.index->to_string() : "n/a";
}

std::string fraction_text(const Shown& points, const Shown& max) {
  return fmt::format("{}/{}", points.to_string(), max.to_string());
}

std::string source_text(const UnitResult& u, std::string_view source) {
  const Part& p = part(u, "source", source);
  return fraction_text(p.points_shown, p.max_shown);
}

std::vector<const Part*> pillars(const UnitResult& u) {
  std::vector<const Part*> out;
  for (const Part& p : u.parts) {
    if (p.tag.key == "pillar") out.push_back(&p);
  }
  return out;
}

std::vector<std::string> pillar_names(const Methodology& m) {
  std::vector<std::string> out;
  for (const Tag& t : m.tag_values()) {
    if (t.key == "pillar") out.push_back(t.value);
  }
  return out;
}

std::string score_text(const CriterionResult& c) {
  switch (c.outcome) {
    case Outcome::scored:
      return fraction_text(c.points_shown, c.max_shown);
    case Outcome::not_applicable:
      return "n/a";
    case Outcome::informational:
      return "not scored";
    case Outcome::no_score:
      return fmt::format("–/{}", c.max_shown.to_string());
  }
  return "?";
}

void tree(const CriterionResult& c, int depth, std::string& s) {
  const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
  s += fmt::format("  {}{} {}  {}", indent, c.id, score_text(c), c.explanation);
  if (!c.note.empty()) s += fmt::format(" — {}", c.note);
  s += fmt::format("  [{}]{}\n", c.name, c.unsure ? " (unsure)" : "");
  for (const CriterionResult& child : c.children) tree(child, depth + 1, s);
}

std::string csv_par(const Methodology& m, const Results& r) {
  std::string s =
      "unit,index,points,max,rank,name,level,self_points,self_max,survey_points,survey_max";
  for (const Criterion& f : m.criteria) {
    s += fmt::format(",{},{}", csv_field(f.id), csv_field(f.id + "_max"));
  }
  s += '\n';
  for (const UnitResult& u : r.units) {
    const Part& self = part(u, "source", "self");
    const Part& survey = part(u, "source", "survey");
    s += fmt::format("{},{},{},{},{},{},{},{},{},{},{}", csv_field(u.unit.code), index_text(u),
                     u.points_shown.to_string(), u.max_shown.to_string(), rank_text(u),
                     csv_field(u.unit.name), csv_field(u.unit.level), self.points_shown.to_string(),
                     self.max_shown.to_string(), survey.points_shown.to_string(),
                     survey.max_shown.to_string());
    for (const CriterionResult& f : u.criteria) {
      s += f.applicable ? fmt::format(",{},{}", f.points_shown.to_string(), f.max_shown.to_string())
                        : ",n/a,n/a";
    }
    s += '\n';
  }
  return s;
}

std::string csv_scorecard(const Methodology& m, const Results& r) {
  std::string s = "unit,index,points,max,rank,grade";
  for (const std::string& p : pillar_names(m)) s += fmt::format(",{}", csv_field(p));
  s += ",name,level";
  for (const Criterion& f : m.criteria) {
    s += fmt::format(",{},{}", csv_field(f.id), csv_field(f.id + "_max"));
  }
  s += '\n';
  for (const UnitResult& u : r.units) {
    s += fmt::format("{},{},{},{},{},{}", csv_field(u.unit.code), index_text(u),
                     u.points_shown.to_string(), u.max_shown.to_string(), rank_text(u),
                     csv_field(u.grade));
    for (const Part* p : pillars(u)) s += fmt::format(",{}", part_index(*p));
    s += fmt::format(",{},{}", csv_field(u.unit.name), csv_field(u.unit.level));
    for (const CriterionResult& f : u.criteria) {
      s += f.outcome == Outcome::scored
               ? fmt::format(",{},{}", f.points_shown.to_string(), f.max_shown.to_string())
               : ",n/a,n/a";
    }
    s += '\n';
  }
  return s;
}

std::string ranking_par(const UnitResult& u) {
  return fmt::format("{:>4}  {:<16} {:>7}  {:>15}  {:>13}  {:>13}  {}\n", rank_text(u), u.unit.code,
                     index_text(u), fraction_text(u.points_shown, u.max_shown),
                     source_text(u, "self"), source_text(u, "survey"), u.unit.name);
}

std::string ranking_scorecard(const UnitResult& u) {
  std::string s =
      fmt::format("{:>4}  {:<16} {:>7}  {:>17}  {:<12}", rank_text(u), u.unit.code, index_text(u),
                  fraction_text(u.points_shown, u.max_shown), u.grade.empty() ? "–" : u.grade);
  for (const Part* p : pillars(u)) {
    s += fmt::format("  {:>7}", part_index(*p));
  }
  return s + fmt::format("  {}\n", u.unit.name);
}

std::string ranking_header(const Methodology& m, Report report, const std::string& level) {
  const std::string name = level.empty() ? "(unknown)" : level;
  if (report == Report::par) {
    return fmt::format("\nlevel {}\n{:>4}  {:<16} {:>7}  {:>15}  {:>13}  {:>13}  {}\n", name,
                       "rank", "unit", "index", "points/max", "self", "survey", "name");
  }
  std::string s = fmt::format("\nlevel {}\n{:>4}  {:<16} {:>7}  {:>17}  {:<12}", name, "rank",
                              "unit", "index", "points/max", "grade");
  for (std::size_t i = 0; i < pillar_names(m).size(); ++i)
    s += fmt::format("  {:>7}", fmt::format("P{}", i + 1));
  return s + "  name\n";
}

std::string table(const Methodology& m, const Results& r, Report report) {
  std::string s =
      fmt::format("{}: {} (version {})\n", report == Report::par ? "PAR INDEX" : "Scorecard",
                  r.methodology, r.version);
  if (r.example) s += "(an example methodology: adapt it before grading for real)\n";
  if (report == Report::scorecard) {
    const auto names = pillar_names(m);
    for (std::size_t i = 0; i < names.size(); ++i)
      s += fmt::format("P{}: pillar {}\n", i + 1, names[i]);
  }
  std::string level = "\x01";
  for (const UnitResult& u : r.units) {
    if (u.unit.level != level) {
      level = u.unit.level;
      s += ranking_header(m, report, level);
    }
    s += report == Report::par ? ranking_par(u) : ranking_scorecard(u);
  }
  for (const UnitResult& u : r.units) {
    s += fmt::format("\n{} {}: index {}, {} points", u.unit.code, u.unit.name, index_text(u),
                     fraction_text(u.points_shown, u.max_shown));
    if (u.rank) s += fmt::format(", rank {} of {}", *u.rank, u.ranked);
    if (report == Report::scorecard && !u.grade.empty()) s += fmt::format(", grade {}", u.grade);
    s += '\n';
    for (const CriterionResult& f : u.criteria) tree(f, 0, s);
    if (report == Report::par || u.losses.empty()) continue;
    s += "  points lost, largest first:\n";
    for (const Loss& l : u.losses)
      s += fmt::format("  {:>9}  {}  {}\n", l.lost.to_string(), l.id, l.name);
  }
  return s;
}

std::string markdown_cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

void markdown_leaves(const CriterionResult& c, std::string& s) {
  if (c.children.empty()) {
    s += fmt::format("| {} | {}{} | {} | {} |\n", markdown_cell(c.id), markdown_cell(c.name),
                     c.unsure ? " (unsure)" : "", score_text(c), markdown_cell(c.explanation));
  }
  for (const CriterionResult& child : c.children) markdown_leaves(child, s);
}

std::string markdown(const Methodology& m, const Results& r) {
  std::string s = fmt::format("# {} (version {})\n", markdown_cell(r.methodology), r.version);
  if (r.example) s += "\n*An example methodology: adapt it before grading for real.*\n";
  const auto names = pillar_names(m);
  s += "\n| level | rank | unit | name | index | points | grade |";
  for (const std::string& p : names) s += fmt::format(" {} |", markdown_cell(p));
  s += "\n|---|---:|---|---|---:|---:|---|";
  for (std::size_t i = 0; i < names.size(); ++i) s += "---:|";
  s += '\n';
  for (const UnitResult& u : r.units) {
    s += fmt::format("| {} | {} | {} | {} | {} | {} | {} |", markdown_cell(u.unit.level),
                     rank_text(u), markdown_cell(u.unit.code), markdown_cell(u.unit.name),
                     index_text(u), fraction_text(u.points_shown, u.max_shown),
                     u.grade.empty() ? "–" : markdown_cell(u.grade));
    for (const Part* p : pillars(u)) s += fmt::format(" {} |", part_index(*p));
    s += '\n';
  }
  for (const UnitResult& u : r.units) {
    s += fmt::format("\n## {} {}\n\n| criterion | name | points | how |\n|---|---|---:|---|\n",
                     markdown_cell(u.unit.code), markdown_cell(u.unit.name));
    for (const CriterionResult& f : u.criteria) markdown_leaves(f, s);
  }
  return s;
}

}  // namespace

std::string format_results(const Methodology& m, const Results& results, Format format,
                           Report report) {
  switch (format) {
    case Format::csv:
      return report == Report::par ? csv_par(m, results) : csv_scorecard(m, results);
    case Format::json:
      return results_json(results, report);
    case Format::markdown:
      return markdown(m, results);
    case Format::table:
      break;
  }
  return table(m, results, report);
}

}  // namespace parmetrics::scorecard
