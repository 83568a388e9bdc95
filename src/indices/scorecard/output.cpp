#include <parmetrics/indices/scorecard/output.hpp>
#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/text/messages.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "indices/scorecard/output_html.hpp"
#include "text/say.hpp"

namespace parmetrics::scorecard {

namespace {

std::string index_text(const UnitResult& u, Language l = Language::en) {
  return u.index ? u.index->to_string(l) : "n/a";
}

std::string rank_text(const UnitResult& u) {
  return u.rank ? std::to_string(*u.rank) : "n/a";
}

std::string part_index(const Part& p, Language l = Language::en) {
  return p.index ? p.index->to_string(l) : "n/a";
}

std::string fraction_text(const Shown& points, const Shown& max, Language l = Language::en) {
  return fmt::format("{}/{}", points.to_string(l), max.to_string(l));
}

std::string source_text(const UnitResult& u, std::string_view source, Language l) {
  const Part& p = part(u, "source", source);
  return fraction_text(p.points_shown, p.max_shown, l);
}

std::string label(std::string_view key, Language l) {
  return std::string(message(key, l));
}

/// " (unsure)" after the name of a criterion the methodology has not confirmed.
std::string unsure_mark(const CriterionResult& c, Language l) {
  return c.unsure ? fmt::format(" {}", message("scorecard.unsure", l)) : std::string();
}

std::string column(std::string_view key, Language l) {
  return label(fmt::format("scorecard.column.{}", key), l);
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

std::string score_text(const CriterionResult& c, Language l) {
  switch (c.outcome) {
    case Outcome::scored:
      return fraction_text(c.points_shown, c.max_shown, l);
    case Outcome::not_applicable:
      return "n/a";
    case Outcome::informational:
      return label("scorecard.not_scored", l);
    case Outcome::no_score:
      return fmt::format("–/{}", c.max_shown.to_string(l));
  }
  return "?";
}

void tree(const CriterionResult& c, int depth, std::string& s, Language l) {
  const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
  s += fmt::format("  {}{} {}  {}", indent, c.id, score_text(c, l), c.explanation);
  if (!c.note.empty()) s += fmt::format(" — {}", c.note);
  s += fmt::format("  [{}]{}\n", c.name, unsure_mark(c, l));
  for (const CriterionResult& child : c.children) tree(child, depth + 1, s, l);
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

std::string ranking_par(const UnitResult& u, Language l) {
  return fmt::format("{:>4}  {:<16} {:>7}  {:>15}  {:>13}  {:>13}  {}\n", rank_text(u), u.unit.code,
                     index_text(u, l), fraction_text(u.points_shown, u.max_shown, l),
                     source_text(u, "self", l), source_text(u, "survey", l), u.unit.name);
}

std::string ranking_scorecard(const UnitResult& u, Language l) {
  std::string s = fmt::format("{:>4}  {:<16} {:>7}  {:>17}  {:<12}", rank_text(u), u.unit.code,
                              index_text(u, l), fraction_text(u.points_shown, u.max_shown, l),
                              u.grade.empty() ? "–" : u.grade);
  for (const Part* p : pillars(u)) {
    s += fmt::format("  {:>7}", part_index(*p, l));
  }
  return s + fmt::format("  {}\n", u.unit.name);
}

std::string ranking_header(const Methodology& m, Report report, const std::string& level,
                           Language l) {
  const std::string name =
      level.empty() ? label("scorecard.unknown_level", l) : detail::level_name(level, l);
  const std::string line = detail::say("scorecard.level", l, fmt::arg("level", name));
  if (report == Report::par) {
    return fmt::format("\n{}\n{:>4}  {:<16} {:>7}  {:>15}  {:>13}  {:>13}  {}\n", line,
                       column("rank", l), column("unit", l), column("index", l),
                       column("points", l), column("self", l), column("survey", l),
                       column("name", l));
  }
  std::string s =
      fmt::format("\n{}\n{:>4}  {:<16} {:>7}  {:>17}  {:<12}", line, column("rank", l),
                  column("unit", l), column("index", l), column("points", l), column("grade", l));
  for (std::size_t i = 0; i < pillar_names(m).size(); ++i)
    s += fmt::format("  {:>7}", fmt::format("P{}", i + 1));
  return s + fmt::format("  {}\n", column("name", l));
}

std::string title(const Results& r, Report report, Language l) {
  return detail::say(report == Report::par ? "scorecard.par_title" : "scorecard.title", l,
                     fmt::arg("name", r.methodology), fmt::arg("version", r.version));
}

std::string unit_line(const UnitResult& u, Report report, Language l) {
  std::string s = detail::say("scorecard.unit_line", l, fmt::arg("code", u.unit.code),
                              fmt::arg("name", u.unit.name), fmt::arg("index", index_text(u, l)),
                              fmt::arg("points", fraction_text(u.points_shown, u.max_shown, l)));
  if (u.rank) {
    s += detail::say("scorecard.rank", l, fmt::arg("rank", *u.rank), fmt::arg("ranked", u.ranked));
  }
  if (report == Report::scorecard && !u.grade.empty()) {
    s += detail::say("scorecard.grade", l, fmt::arg("grade", u.grade));
  }
  return s;
}

std::string table(const Methodology& m, const Results& r, Report report, Language l) {
  std::string s = title(r, report, l) + "\n";
  if (r.example) s += label("scorecard.example", l) + "\n";
  if (report == Report::scorecard) {
    const auto names = pillar_names(m);
    for (std::size_t i = 0; i < names.size(); ++i) {
      s += detail::say("scorecard.pillar", l, fmt::arg("n", i + 1), fmt::arg("pillar", names[i])) +
           "\n";
    }
  }
  std::string level = "\x01";
  for (const UnitResult& u : r.units) {
    if (u.unit.level != level) {
      level = u.unit.level;
      s += ranking_header(m, report, level, l);
    }
    s += report == Report::par ? ranking_par(u, l) : ranking_scorecard(u, l);
  }
  for (const UnitResult& u : r.units) {
    s += fmt::format("\n{}\n", unit_line(u, report, l));
    for (const CriterionResult& f : u.criteria) tree(f, 0, s, l);
    if (report == Report::par || u.losses.empty()) continue;
    s += fmt::format("  {}\n", label("scorecard.losses", l));
    for (const Loss& loss : u.losses)
      s += fmt::format("  {:>9}  {}  {}\n", loss.lost.to_string(l), loss.id, loss.name);
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

void markdown_leaves(const CriterionResult& c, std::string& s, Language l) {
  if (c.children.empty()) {
    s += fmt::format("| {} | {}{} | {} | {} |\n", markdown_cell(c.id), markdown_cell(c.name),
                     unsure_mark(c, l), score_text(c, l), markdown_cell(c.explanation));
  }
  for (const CriterionResult& child : c.children) markdown_leaves(child, s, l);
}

std::string markdown(const Methodology& m, const Results& r, Language l) {
  std::string s;
  if (l == Language::en) {
    s = fmt::format("# {} (version {})\n", markdown_cell(r.methodology), r.version);
    if (r.example) s += "\n*An example methodology: adapt it before grading for real.*\n";
  } else {
    s = fmt::format("# {}\n", markdown_cell(title(r, Report::scorecard, l)));
    if (r.example) s += fmt::format("\n*{}*\n", label("scorecard.example", l));
  }
  const auto names = pillar_names(m);
  if (l == Language::en) {
    s += "\n| level | rank | unit | name | index | points | grade |";
  } else {
    s += fmt::format("\n| {} | {} | {} | {} | {} | {} | {} |", label("group.level", l),
                     column("rank", l), column("unit", l), column("name", l), column("index", l),
                     column("points", l), column("grade", l));
  }
  for (const std::string& p : names) s += fmt::format(" {} |", markdown_cell(p));
  s += "\n|---|---:|---|---|---:|---:|---|";
  for (std::size_t i = 0; i < names.size(); ++i) s += "---:|";
  s += '\n';
  for (const UnitResult& u : r.units) {
    s += fmt::format("| {} | {} | {} | {} | {} | {} | {} |",
                     markdown_cell(detail::level_name(u.unit.level, l)), rank_text(u),
                     markdown_cell(u.unit.code), markdown_cell(u.unit.name), index_text(u, l),
                     fraction_text(u.points_shown, u.max_shown, l),
                     u.grade.empty() ? "–" : markdown_cell(u.grade));
    for (const Part* p : pillars(u)) s += fmt::format(" {} |", part_index(*p, l));
    s += '\n';
  }
  const std::string head =
      l == Language::en ? "| criterion | name | points | how |"
                        : fmt::format("| {} | {} | {} | {} |", label("html.column.criterion", l),
                                      column("name", l), label("html.column.points", l),
                                      label("html.column.how", l));
  for (const UnitResult& u : r.units) {
    s += fmt::format("\n## {} {}\n\n{}\n|---|---|---:|---|\n", markdown_cell(u.unit.code),
                     markdown_cell(u.unit.name), head);
    for (const CriterionResult& f : u.criteria) markdown_leaves(f, s, l);
  }
  return s;
}

}  // namespace

std::string format_results(const Methodology& m, const Results& results, Format format,
                           Report report, Language language) {
  switch (format) {
    case Format::csv:
      return report == Report::par ? csv_par(m, results) : csv_scorecard(m, results);
    case Format::json:
      return results_json(results, report);
    case Format::markdown:
      return markdown(m, results, language);
    case Format::html:
      return detail::scorecard_html(m, results, report, language);
    case Format::table:
      break;
  }
  return table(m, results, report, language);
}

}  // namespace parmetrics::scorecard
