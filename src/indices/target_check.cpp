#include <parmetrics/indices/target_check.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include <parmetrics/error.hpp>

#include "indices/csv_table.hpp"
#include "indices/scorecard/exact.hpp"

namespace parmetrics {

namespace {

std::string num(double x) {
  return fmt::format("{}", x);
}

// "30.00% (12/40)" for a rate, "3" for a count, "n/a (0/0)" for an empty rate.
std::string show(const MetricValue& v) {
  if (v.kind == MetricKind::count) return num(v.numerator);
  if (v.empty()) return "n/a (0/0)";
  return fmt::format("{}% ({}/{})", shown_value(v), num(v.numerator), num(v.denominator));
}

using detail::Fraction;

// A number of the data or the targets file, exactly: 57.7 is 577/10, so that 577/1000 equals
// 57.7 %.
Fraction exact(double x, std::string_view what) {
  if (const auto f = detail::exact_fraction(x)) return *f;
  throw DataError("", std::string(what), "", fmt::format("{} cannot be compared exactly", num(x)));
}

// The compared quantity: a rate's percent (100·n/d) or a count.
Fraction fraction(const MetricValue& v) {
  if (v.kind == MetricKind::count) return exact(v.numerator, "a count");
  const Fraction n = exact(v.numerator, "a numerator"), d = exact(v.denominator, "a denominator");
  return detail::reduced({n.num * d.den * 100, n.den * d.num});
}

int compare(Fraction a, Fraction b) {
  if (const auto c = detail::checked_compare(a, b)) return *c;
  const double x = detail::to_double(a), y = detail::to_double(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool holds(TargetComparison c, int sign) {
  switch (c) {
    case TargetComparison::at_least:
      return sign >= 0;
    case TargetComparison::at_most:
      return sign <= 0;
    case TargetComparison::equal:
      return sign == 0;
    case TargetComparison::above:
      return sign > 0;
    case TargetComparison::below:
      return sign < 0;
  }
  return false;
}

bool overlaps(const Unit& u, const std::optional<TargetPeriod>& period) {
  return !period || (u.valid_from <= period->to && u.valid_to >= period->from);
}

class Checker {
 public:
  Checker(const TargetList& list, const UnitRegistry* units, const TargetMetrics& metrics)
      : list_(list), units_(units), metrics_(metrics) {}

  void run(std::vector<TargetCheck>& out) {
    for (std::size_t i = 0; i < list_.targets().size(); ++i) {
      const Target& t = list_.targets()[i];
      const MetricTable& table = metrics_(t.period);
      check_metric(t, table);
      for (const std::string& unit : units_of(t, table)) out.push_back(check(i, t, unit, table));
    }
  }

 private:
  const TargetList& list_;
  const UnitRegistry* units_;
  const TargetMetrics& metrics_;

  [[noreturn]] void fail(const Target& t, std::string_view field, std::string reason) const {
    throw DataError(list_.origin(), fmt::format("line {}", t.line), std::string(field),
                    std::move(reason));
  }

  void check_metric(const Target& t, const MetricTable& table) const {
    if (table.kind(t.metric) == MetricKind::choice) {
      fail(t, "metric",
           fmt::format("'{}' is a choice (an answer such as who receives dossiers): a target "
                       "compares rates and counts",
                       t.metric));
    }
    if (table.declared(t.metric)) return;
    std::string known;
    for (const std::string& m : table.metrics()) known += (known.empty() ? "" : ", ") + m;
    fail(t, "metric",
         fmt::format("unknown metric '{}' (known: {})", t.metric, known.empty() ? "none" : known));
  }

  std::vector<std::string> units_of(const Target& t, const MetricTable& table) const {
    if (!t.unit.empty()) {
      if (units_) {
        if (!units_->find(t.unit)) fail(t, "unit", fmt::format("unknown unit '{}'", t.unit));
      } else if (t.unit != kTotalUnit && !has_any(table, t.unit)) {
        fail(t, "unit",
             fmt::format("unknown unit '{}': no value for it and no unit list to check it "
                         "against",
                         t.unit));
      }
      return {t.unit};
    }
    if (!units_) fail(t, "level", "a level target needs the list of units");
    std::vector<std::string> codes;
    bool level_known = false;
    for (UnitId id = 0; id < units_->size(); ++id) {
      const Unit& u = (*units_)[id];
      if (t.level != "*" && u.level != t.level) continue;
      level_known = true;
      if (overlaps(u, t.period)) codes.push_back(u.code);
    }
    if (!level_known) fail(t, "level", fmt::format("no unit has the level '{}'", t.level));
    return codes;
  }

  static bool has_any(const MetricTable& table, const std::string& unit) {
    const auto units = table.units();
    return std::binary_search(units.begin(), units.end(), unit);
  }

  // The parent's or province's code and value; nullopt code when there is none.
  std::optional<std::string> reference_unit(const Target& t, const std::string& unit,
                                            const MetricTable& table) const {
    if (t.reference == TargetReference::parent) {
      if (!units_) fail(t, "value", "a comparison with the parent needs the list of units");
      const auto parent = units_->parent(*units_->find(unit));
      if (!parent) return std::nullopt;
      return (*units_)[*parent].code;
    }
    if (units_ && unit != kTotalUnit) {
      for (const UnitId a : units_->ancestors_and_self(*units_->find(unit))) {
        const Unit& u = (*units_)[a];
        if (u.level == "province" && table.has(u.code, t.metric)) return u.code;
      }
    }
    if (table.has(kTotalUnit, t.metric)) return std::string(kTotalUnit);
    return std::nullopt;
  }

  TargetCheck check(std::size_t index, const Target& t, const std::string& unit,
                    const MetricTable& table) const {
    TargetCheck c;
    c.target = index;
    c.unit = unit;
    if (units_) {
      if (const auto id = units_->find(unit)) c.unit_name = (*units_)[*id].name;
    }
    c.actual = *table.get(unit, t.metric);
    c.actual_given = table.has(unit, t.metric);
    const std::string lhs = fmt::format("{} {}", t.metric, show(c.actual));
    const std::string cmp(to_string(t.comparison));

    Fraction rhs = exact(t.value, "the target's value");
    std::string rhs_text = num(t.value) + (c.actual.kind == MetricKind::rate ? "%" : "");
    if (t.reference == TargetReference::number) {
      c.reference = MetricValue{t.value, 0, MetricKind::count, {}};
    } else {
      const auto ref = reference_unit(t, unit, table);
      if (!ref) {
        c.status = TargetStatus::not_applicable;
        c.explanation = fmt::format("{}: no {} value to compare with", lhs,
                                    t.reference == TargetReference::parent ? "parent" : "province");
        return c;
      }
      c.reference_unit = *ref;
      c.reference = *table.get(*ref, t.metric);
      const std::string who = t.reference == TargetReference::parent
                                  ? fmt::format("parent {}", *ref)
                                  : (*ref == kTotalUnit ? std::string("province (total)")
                                                        : fmt::format("province {}", *ref));
      rhs_text = fmt::format("{} {}", who, show(*c.reference));
      if (c.reference->empty()) {
        c.status = TargetStatus::not_applicable;
        c.explanation = fmt::format("{}: {} has no event (0/0), nothing to compare with", lhs, who);
        return c;
      }
      rhs = fraction(*c.reference);
    }
    if (c.actual.empty()) {
      c.status = t.when_empty;
      c.explanation = fmt::format("{}: no event → when_empty {} (target {} {})", lhs,
                                  to_string(t.when_empty), cmp, rhs_text);
      return c;
    }
    const int sign = compare(fraction(c.actual), rhs);
    c.status = holds(t.comparison, sign) ? TargetStatus::met : TargetStatus::not_met;
    const char* op = sign < 0 ? "<" : sign > 0 ? ">" : "=";
    c.explanation = fmt::format(
        "{} {} {} (target {} {})", lhs, op, rhs_text, cmp,
        t.reference == TargetReference::number ? rhs_text : std::string(to_string(t.reference)));
    return c;
  }
};

}  // namespace

std::vector<TargetCheck> check_targets(const TargetList& targets, const UnitRegistry* units,
                                       const TargetMetrics& metrics) {
  std::vector<TargetCheck> out;
  Checker(targets, units, metrics).run(out);
  return out;
}

std::string to_json(const TargetList& targets, const std::vector<TargetCheck>& checks,
                    std::string_view run_period) {
  using ojson = nlohmann::ordered_json;
  ojson list = ojson::array();
  for (const TargetCheck& c : checks) {
    const Target& t = targets.targets().at(c.target);
    ojson j;
    j["target"] = t.id;
    j["unit"] = c.unit;
    j["name"] = c.unit_name;
    if (t.period) {
      j["period"] = t.period->label;
    } else if (!run_period.empty()) {
      j["period"] = std::string(run_period);
    } else {
      j["period"] = nullptr;
    }
    j["metric"] = t.metric;
    j["kind"] = std::string(to_string(c.actual.kind));
    ojson actual;
    actual["numerator"] = c.actual.numerator;
    if (c.actual.kind == MetricKind::rate) actual["denominator"] = c.actual.denominator;
    if (const auto v = c.actual.value()) {
      actual["value"] = *rounded_value(c.actual);
    } else {
      actual["value"] = nullptr;
    }
    actual["given"] = c.actual_given;
    j["actual"] = actual;
    j["comparison"] = std::string(to_string(t.comparison));
    ojson ref;
    ref["kind"] = std::string(to_string(t.reference));
    if (t.reference == TargetReference::number) {
      ref["value"] = t.value;
    } else {
      ref["unit"] = c.reference_unit.empty() ? ojson(nullptr) : ojson(c.reference_unit);
      if (c.reference) {
        ref["numerator"] = c.reference->numerator;
        if (c.reference->kind == MetricKind::rate) ref["denominator"] = c.reference->denominator;
        const auto v = c.reference->value();
        ref["value"] = v ? ojson(*rounded_value(*c.reference)) : ojson(nullptr);
      } else {
        ref["value"] = nullptr;
      }
    }
    j["reference"] = ref;
    j["status"] = std::string(to_string(c.status));
    j["explanation"] = c.explanation;
    j["text"] = t.text;
    list.push_back(j);
  }
  ojson doc;
  doc["targets"] = targets.origin();
  doc["checks"] = list;
  return doc.dump(2) + "\n";
}

}  // namespace parmetrics
