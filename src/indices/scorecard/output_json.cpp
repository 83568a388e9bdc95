// Scorecard results as JSON. The PAR INDEX report's keys (docs/par-index.md) are the base; what
// only scorecard files can produce (tags, choices, count steps, relative bests, informational
// criteria) appears only where it occurs, and the scorecard report adds grades, sub-indices and
// losses.

#include <nlohmann/json.hpp>

#include <parmetrics/indices/scorecard/output.hpp>

namespace parmetrics::scorecard {

namespace {

using ojson = nlohmann::ordered_json;

ojson shown_or_null(const std::optional<Shown>& s) {
  return s ? ojson(s->to_double()) : ojson(nullptr);
}

ojson rule_json(const Rule& rule) {
  ojson j;
  j["kind"] = std::string(to_string(rule.kind));
  if (rule.kind == RuleKind::manual) return j;
  j["metric"] = rule.metric;
  if (rule.kind == RuleKind::full_at || rule.kind == RuleKind::capped) {
    j["threshold"] = rule.threshold_percent;
  }
  if (rule.kind == RuleKind::steps) {
    ojson steps = ojson::array();
    for (const Step& s : rule.steps) steps.push_back({s.at_least_percent, s.points});
    j["steps"] = steps;
  }
  if (rule.kind == RuleKind::count_steps) {
    ojson steps = ojson::array();
    for (const CountStep& s : rule.count_steps) steps.push_back({s.at_least_count, s.points});
    j["steps"] = steps;
  }
  if (rule.kind == RuleKind::choice) {
    ojson choices = ojson::object();
    for (const auto& [answer, points] : rule.choices) choices[answer] = points;
    j["choices"] = choices;
  }
  j["when_empty"] = std::string(to_string(rule.when_empty));
  return j;
}

ojson input_json(const CriterionResult& c) {
  ojson in;
  if (c.input->kind == MetricKind::choice) {
    in["answer"] = c.input_given ? ojson(c.input->answer) : ojson(nullptr);
  } else {
    in["numerator"] = c.input->numerator;
    in["denominator"] = c.input->denominator;
    if (c.input->kind == MetricKind::count) {
      in["percent"] = c.input_given ? ojson(c.input->numerator) : ojson(nullptr);
    } else {
      in["percent"] = shown_or_null(c.input_percent);
    }
  }
  in["given"] = c.input_given;
  if (c.best) {
    in["best"] = *c.best;
    in["best_unit"] = c.best_unit;
  }
  return in;
}

ojson criterion_json(const CriterionResult& c) {
  ojson j;
  j["id"] = c.id;
  j["name"] = c.name;
  j["source"] = std::string(to_string(c.source));
  for (const Tag& t : c.tags) {
    if (!j.contains("tags")) j["tags"] = ojson::object();
    j["tags"][t.key] = t.value;  // the last value of a key: the JSON keeps one per key
  }
  if (c.unsure) j["unsure"] = true;
  if (c.outcome == Outcome::informational) j["informational"] = true;
  if (c.outcome == Outcome::no_score) j["scored"] = false;
  j["applicable"] = c.applicable;
  j["points"] = c.points;
  j["max"] = c.max;
  if (c.rule) j["rule"] = rule_json(*c.rule);
  if (c.input) j["input"] = input_json(c);
  if (c.rule && c.rule->kind == RuleKind::manual) {
    j["appraised"] = c.appraised;
    j["note"] = c.note;
  }
  j["explanation"] = c.explanation;
  if (!c.children.empty()) {
    ojson children = ojson::array();
    for (const CriterionResult& child : c.children) children.push_back(criterion_json(child));
    j["children"] = children;
  }
  return j;
}

// The self-assessment or survey part, as the PAR report shows it.
ojson source_part(const UnitResult& u, std::string_view source) {
  const Part& p = part(u, "source", source);
  return {{"points", p.points}, {"max", p.max}};
}

ojson scorecard_extras(const UnitResult& u) {
  ojson j;
  j["grade"] = u.grade.empty() ? ojson(nullptr) : ojson(u.grade);
  j["complete"] = u.complete;
  ojson parts = ojson::array();
  for (const Part& p : u.parts) {
    parts.push_back({{"tag", p.tag.key},
                     {"value", p.tag.value},
                     {"index", shown_or_null(p.index)},
                     {"points", p.points},
                     {"max", p.max}});
  }
  j["parts"] = parts;
  ojson losses = ojson::array();
  for (const Loss& l : u.losses) {
    losses.push_back({{"id", l.id}, {"name", l.name}, {"lost", l.lost.to_double()}});
  }
  j["losses"] = losses;
  return j;
}

}  // namespace

std::string results_json(const Results& r, Report report) {
  ojson doc;
  doc["methodology"] = {{"name", r.methodology}, {"version", r.version}, {"example", r.example}};
  ojson units = ojson::array();
  for (const UnitResult& u : r.units) {
    ojson j;
    j["unit"] = u.unit.code;
    j["name"] = u.unit.name;
    j["level"] = u.unit.level;
    j["index"] = shown_or_null(u.index);
    j["points"] = u.points;
    j["max"] = u.max;
    j["rank"] = u.rank ? ojson(*u.rank) : ojson(nullptr);
    j["ranked"] = u.ranked;
    if (report == Report::par) {
      j["self"] = source_part(u, "self");
      j["survey"] = source_part(u, "survey");
    } else {
      j.update(scorecard_extras(u));
    }
    ojson fields = ojson::array();
    for (const CriterionResult& f : u.criteria) fields.push_back(criterion_json(f));
    j["fields"] = fields;
    units.push_back(j);
  }
  doc["units"] = units;
  doc["warnings"] = r.warnings;
  return doc.dump(2) + "\n";
}

}  // namespace parmetrics::scorecard
