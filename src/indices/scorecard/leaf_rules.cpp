#include "indices/scorecard/leaf_rules.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <parmetrics/error.hpp>

namespace parmetrics::scorecard::detail {

namespace {

namespace ex = parmetrics::detail;
using ex::Int128;

long double approximate(Fraction f) {
  return static_cast<long double>(f.num) / static_cast<long double>(f.den);
}

// The nearest fraction of denominator 10^18: the fallback when exact products overflow.
Fraction from_approximation(long double x) {
  const long double scaled = x * 1e18L;
  const Int128 num = static_cast<Int128>(scaled + (scaled >= 0 ? 0.5L : -0.5L));
  return ex::reduced({num, ex::pow10_128(18)});
}

std::string num(double x) {
  return fmt::format("{}", x);
}

// Points as shown: "5.40", "-0.25".
std::string pts(Fraction f, int decimals) {
  return ex::format_scaled(ex::round_scaled(f, decimals), decimals);
}

const Fraction kZero{0, 1};
const Fraction kHundred{100, 1};

struct RateInput {
  Fraction numerator, denominator;
  Fraction ratio() const { return div(numerator, denominator); }
};

class Leaf {
 public:
  Leaf(const Criterion& c, const LeafContext& ctx, LeafScore& s)
      : c_(c), ctx_(ctx), s_(s), out_(s.result), d_(ctx.methodology.decimals) {}

  void manual();
  void metric();

 private:
  const Criterion& c_;
  const LeafContext& ctx_;
  LeafScore& s_;
  CriterionResult& out_;
  int d_;

  const Rule& rule() const { return *c_.rule; }
  Fraction max() const { return exact(c_.max, "the max of '" + c_.id + "'"); }
  std::string what(const std::string& side) const {
    return fmt::format("{} of {} for unit '{}'", side, rule().metric, ctx_.unit.code);
  }
  RateInput rate() const {
    return {exact(out_.input->numerator, what("the numerator")),
            exact(out_.input->denominator, what("the denominator"))};
  }
  std::string percent(Fraction ratio) const { return pts(mul(ratio, kHundred), d_); }
  // "on_time_rate 45/50 = 90.00%"
  std::string describe_rate() const {
    return fmt::format("{} {}/{} = {}%", rule().metric, num(out_.input->numerator),
                       num(out_.input->denominator), percent(rate().ratio()));
  }
  std::string describe() const;
  void set(Fraction points, std::string explanation) {
    s_.points = points;
    out_.explanation = std::move(explanation);
  }
  void informational(const std::string& what) {
    out_.outcome = Outcome::informational;
    out_.max = 0;
    out_.explanation = "not scored (max 0): " + what;
  }
  bool empty() const;
  void when_empty();
  void linear();
  void full_at();
  void capped();
  void stepped(Fraction value, const std::string& head, std::string_view unit,
               const std::vector<StepPoints>& steps);
  void choice();
  void relative();
};

std::string Leaf::describe() const {
  const MetricValue& v = *out_.input;
  if (v.kind == MetricKind::choice) {
    return out_.input_given ? fmt::format("{} = '{}'", rule().metric, v.answer)
                            : fmt::format("{}: no value for the unit", rule().metric);
  }
  if (v.kind == MetricKind::count) {
    return out_.input_given ? fmt::format("{} = {}", rule().metric, num(v.numerator))
                            : fmt::format("{}: no value for the unit", rule().metric);
  }
  if (v.denominator == 0) {
    return out_.input_given ? fmt::format("{}: no event (0/0)", rule().metric)
                            : fmt::format("{}: no value for the unit (read as 0/0)", rule().metric);
  }
  return describe_rate();
}

// A rate with no event (0/0), or a count or an answer the unit did not give.
bool Leaf::empty() const {
  const MetricValue& v = *out_.input;
  return v.kind == MetricKind::rate ? v.denominator == 0 : !out_.input_given;
}

void Leaf::when_empty() {
  out_.by_when_empty = true;
  const std::string head = describe();
  switch (rule().when_empty) {
    case WhenEmpty::full:
      set(max(), fmt::format("{} → when_empty full → {}", head, pts(max(), d_)));
      return;
    case WhenEmpty::zero:
      set(kZero, fmt::format("{} → when_empty zero → {}", head, pts(kZero, d_)));
      return;
    case WhenEmpty::not_applicable:
      out_.outcome = Outcome::not_applicable;
      out_.applicable = false;
      out_.max = 0;
      out_.explanation =
          fmt::format("{} → when_empty not_applicable: max {} left out", head, num(c_.max));
      return;
  }
}

void Leaf::linear() {
  const Fraction ratio = std::min(rate().ratio(), Fraction{1, 1},
                                  [](Fraction a, Fraction b) { return compare(a, b) < 0; });
  const Fraction points = mul(max(), ratio);
  set(points, fmt::format("{} → {} × {}% = {}", describe_rate(), num(c_.max), percent(ratio),
                          pts(points, d_)));
}

// A ratio n/d reaches T % when 100·n ≥ T·d: compared on the counts, so 7/7 reaches 100 %.
void Leaf::full_at() {
  const Fraction threshold = exact(rule().threshold_percent, "a threshold");
  const bool reached = compare(mul(rate().ratio(), kHundred), threshold) >= 0;
  const Fraction points = reached ? max() : kZero;
  set(points, fmt::format("{} {} {}% → {}", describe_rate(), reached ? ">=" : "<",
                          num(rule().threshold_percent), pts(points, d_)));
}

void Leaf::capped() {
  const Fraction threshold = div(exact(rule().threshold_percent, "a threshold"), kHundred);
  const Fraction ratio = rate().ratio();
  const Fraction points =
      compare(ratio, threshold) >= 0 ? max() : div(mul(max(), ratio), threshold);
  set(points,
      fmt::format("{} → min({}, {} × {}% / {}%) = {}", describe_rate(), num(c_.max), num(c_.max),
                  percent(ratio), num(rule().threshold_percent), pts(points, d_)));
}

// The points of the highest step `value` reaches; 0 below the first ("%" for a ratio's steps).
void Leaf::stepped(Fraction value, const std::string& head, std::string_view unit,
                   const std::vector<StepPoints>& steps) {
  // The highest threshold reached, whatever order the steps come in (a methodology built in
  // code need not sort them; the JSON reader does).
  const StepPoints* reached = nullptr;
  const StepPoints* lowest = nullptr;
  for (const StepPoints& s : steps) {
    if (lowest == nullptr || s.at_least < lowest->at_least) lowest = &s;
    if (compare(value, exact(s.at_least, "a step")) < 0) continue;
    if (reached == nullptr || s.at_least > reached->at_least) reached = &s;
  }
  if (!reached) {
    set(kZero,
        fmt::format("{} is below the first step (>= {}{}) → {}", head,
                    lowest ? num(lowest->at_least) : std::string("–"), unit, pts(kZero, d_)));
    return;
  }
  const Fraction points = exact(reached->points, "a step's points");
  set(points, fmt::format("{} reaches the step >= {}{} → {}", head, num(reached->at_least), unit,
                          pts(points, d_)));
}

void Leaf::choice() {
  const std::string& answer = out_.input->answer;
  for (const auto& [listed, points] : rule().choices) {
    if (listed != answer) continue;
    const Fraction p = exact(points, "a choice's points");
    set(p, fmt::format("{} → {}", describe(), pts(p, d_)));
    return;
  }
  std::string list;
  for (const auto& choice : rule().choices) list += (list.empty() ? "" : ", ") + choice.first;
  throw DataError(
      std::string(ctx_.metrics.source(rule().metric)), fmt::format("unit '{}'", ctx_.unit.code),
      rule().metric,
      fmt::format("the answer '{}' is not one of the choices of '{}' ({})", answer, c_.id, list));
}

void Leaf::relative() {
  const Fraction value = *relative_value(ctx_.metrics, ctx_.unit.code, rule().metric);
  const auto best = ctx_.bests.find({c_.id, ctx_.unit.level});
  const bool rate_metric = out_.input->kind == MetricKind::rate;
  const auto text = [&](Fraction v) {
    return rate_metric ? percent(v) + "%" : num(ex::to_double(v));
  };
  out_.best = ex::to_double(best->second.value);
  out_.best_unit = best->second.unit;
  if (compare(best->second.value, kZero) <= 0) {
    set(kZero, fmt::format("{}: the best of the level is {} → {}", describe(),
                           text(best->second.value), pts(kZero, d_)));
    return;
  }
  const Fraction points = div(mul(max(), value), best->second.value);
  set(points, fmt::format("{} → {} × {} / best {} ({}) = {}", describe(), num(c_.max), text(value),
                          text(best->second.value), best->second.unit, pts(points, d_)));
}

void Leaf::manual() {
  const Appraisal* a = ctx_.appraisals.find(ctx_.unit.code, c_.id);
  if (c_.informational()) {
    informational(a && a->points ? fmt::format("manual: appraised {}", num(*a->points))
                                 : std::string("manual"));
    return;
  }
  if (!a) {
    ctx_.unscored.push_back(c_.id);
    set(kZero, fmt::format("manual: no score given → {}", pts(kZero, d_)));
    return;
  }
  out_.appraised = true;
  out_.note = a->note;
  if (!a->points) {
    out_.outcome = Outcome::not_applicable;
    out_.applicable = false;
    out_.max = 0;
    out_.explanation = fmt::format("manual: n/a in the scores → max {} left out", num(c_.max));
    return;
  }
  const Fraction points = exact(*a->points, "the appraised points of '" + c_.id + "'");
  set(points, fmt::format("manual: appraised {}", pts(points, d_)));
}

void Leaf::metric() {
  out_.input = ctx_.metrics.get(ctx_.unit.code, rule().metric);
  if (!out_.input) return informational(rule().metric + ": no value");  // undeclared: shown only
  out_.input_given = ctx_.metrics.has(ctx_.unit.code, rule().metric);
  if (out_.input->kind == MetricKind::rate && out_.input->denominator != 0) {
    out_.input_percent = shown(mul(rate().ratio(), kHundred), d_);
  }
  if (c_.informational()) return informational(describe());
  if (!out_.input_given && ctx_.methodology.when_missing == WhenMissing::no_score) {
    out_.outcome = Outcome::no_score;
    out_.explanation = fmt::format("{}: not given → no score", rule().metric);
    return;
  }
  if (empty()) return when_empty();
  switch (rule().kind) {
    case RuleKind::linear:
      return linear();
    case RuleKind::full_at:
      return full_at();
    case RuleKind::capped:
      return capped();
    case RuleKind::steps:
      return stepped(mul(rate().ratio(), kHundred), describe_rate(), "%", step_points(rule()));
    case RuleKind::count_steps:
      return stepped(exact(out_.input->numerator, what("the count")), describe(), "",
                     step_points(rule()));
    case RuleKind::choice:
      return choice();
    case RuleKind::relative:
      return relative();
    case RuleKind::manual:
      break;
  }
}

}  // namespace

Fraction exact(double x, const std::string& what) {
  if (const auto f = ex::exact_fraction(x)) return *f;
  throw DataError(
      "", what, "",
      fmt::format("{} cannot enter exact arithmetic (not finite, or 10^18 or more)", num(x)));
}

Fraction mul(Fraction a, Fraction b) {
  if (const auto r = ex::checked_mul(a, b)) return *r;
  return from_approximation(approximate(a) * approximate(b));
}

Fraction div(Fraction a, Fraction b) {
  if (const auto r = ex::checked_div(a, b)) return *r;
  return from_approximation(approximate(a) / approximate(b));
}

Fraction add(Fraction a, Fraction b) {
  if (const auto r = ex::checked_add(a, b)) return *r;
  return from_approximation(approximate(a) + approximate(b));
}

Fraction sub(Fraction a, Fraction b) {
  return add(a, {-b.num, b.den});
}

int compare(Fraction a, Fraction b) {
  if (const auto c = ex::checked_compare(a, b)) return *c;
  const long double x = approximate(a), y = approximate(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

Shown shown(Fraction f, int decimals) {
  return {ex::round_scaled(f, decimals), decimals};
}

std::optional<Fraction> relative_value(const MetricTable& metrics, const std::string& unit,
                                       const std::string& metric) {
  const auto given = metrics.get(unit, metric);
  if (!given) return std::nullopt;  // an informational leaf may name a metric nobody declares
  const MetricValue v = *given;
  const std::string what = fmt::format("{} of unit '{}'", metric, unit);
  if (v.kind == MetricKind::rate) {
    if (v.denominator == 0) return std::nullopt;
    return div(exact(v.numerator, what), exact(v.denominator, what));
  }
  if (!metrics.has(unit, metric)) return std::nullopt;
  return exact(v.numerator, what);
}

CriterionResult result_of(const Criterion& c) {
  CriterionResult r;
  r.id = c.id;
  r.name = c.name;
  r.source = c.source;
  r.tags = c.tags;
  r.rule = c.rule;
  r.unsure = c.unsure;
  r.max = c.max;
  return r;
}

LeafScore score_leaf(const Criterion& c, const LeafContext& ctx) {
  LeafScore s{result_of(c), {0, 1}};
  Leaf leaf(c, ctx, s);
  if (c.rule->kind == RuleKind::manual) {
    leaf.manual();
  } else {
    leaf.metric();
  }
  return s;
}

}  // namespace parmetrics::scorecard::detail
