#include <parmetrics/indices/sipas.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "indices/sipas_random.hpp"

namespace parmetrics {

namespace {

constexpr double kLowQuantile = 0.025;
constexpr double kHighQuantile = 0.975;

/// Hyndman & Fan type 7 (linear interpolation between order statistics, R's default) of a sorted
/// sample.
double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double h = static_cast<double>(sorted.size() - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

struct GroupInput {
  std::string name;
  std::vector<std::uint32_t> respondents;  ///< sorted by respondent id
};

/// Element and overall shares from per-item counts: the same rule for the point estimate and for
/// each bootstrap replicate. Returns the number of elements with a value.
std::size_t element_shares(const SipasQuestionnaire& q, const std::uint32_t* valid,
                           const std::uint32_t* satisfied, std::vector<double>& share,
                           std::vector<char>& has, double& overall, bool& overall_has) {
  const auto& elements = q.elements();
  std::size_t used = 0;
  double sum_elements = 0.0;
  for (std::size_t e = 0; e < elements.size(); ++e) {
    double sum = 0.0;
    std::size_t n = 0;
    for (const std::size_t i : elements[e].items) {
      if (valid[i] == 0) continue;
      sum += static_cast<double>(satisfied[i]) / static_cast<double>(valid[i]);
      ++n;
    }
    has[e] = n != 0;
    share[e] = n != 0 ? sum / static_cast<double>(n) : 0.0;
    if (n != 0) {
      sum_elements += share[e];
      ++used;
    }
  }
  overall_has = used != 0;
  overall = used != 0 ? sum_elements / static_cast<double>(used) : 0.0;
  return used;
}

SipasGroupResult compute_group(const SipasResponses& responses, const GroupInput& input,
                               const std::vector<std::vector<std::uint32_t>>& answers_of,
                               const SipasOptions& options, unsigned threads_for_replicates) {
  const SipasQuestionnaire& q = responses.questionnaire();
  const std::size_t n_items = q.size();
  const std::size_t n_elements = q.elements().size();
  const auto& all_answers = responses.answers();

  SipasGroupResult g;
  g.group = input.name;

  // Point estimates, and each respondent's valid answers packed for the bootstrap.
  std::vector<SipasItemResult> items(n_items);
  for (std::size_t i = 0; i < n_items; ++i) items[i].item = i;
  std::vector<std::uint64_t> element_respondents(n_elements, 0);
  std::vector<std::size_t> offsets{0};
  // Each valid answer packed for the bootstrap's inner loop: item × 2 + (satisfied ? 1 : 0).
  std::vector<std::uint32_t> packed;
  std::vector<char> in_element(n_elements);
  for (const std::uint32_t r : input.respondents) {
    std::fill(in_element.begin(), in_element.end(), 0);
    const std::size_t before = packed.size();
    for (const std::uint32_t a : answers_of[r]) {
      const auto& answer = all_answers[a];
      SipasItemResult& item = items[answer.item];
      ++item.respondents;
      if (answer.value == 0) {
        ++item.no_opinion;
        ++g.no_opinion;
        continue;
      }
      ++item.valid_answers;
      ++item.counts[answer.value - 1U];
      if (answer.value >= 4) ++item.satisfied;
      in_element[q.element_of(answer.item)] = 1;
      packed.push_back(answer.item * 2U + (answer.value >= 4 ? 1U : 0U));
    }
    if (packed.size() == before) continue;  // no valid answer: not in the bootstrap
    ++g.respondents;
    offsets.push_back(packed.size());
    for (std::size_t e = 0; e < n_elements; ++e) element_respondents[e] += in_element[e];
  }

  std::vector<std::uint32_t> valid(n_items), satisfied(n_items);
  for (std::size_t i = 0; i < n_items; ++i) {
    SipasItemResult& item = items[i];
    valid[i] = static_cast<std::uint32_t>(item.valid_answers);
    satisfied[i] = static_cast<std::uint32_t>(item.satisfied);
    g.valid_answers += item.valid_answers;
    if (item.valid_answers == 0) continue;
    const double n = static_cast<double>(item.valid_answers);
    double score = 0.0;
    for (std::size_t k = 0; k < 5; ++k) score += 25.0 * static_cast<double>(k * item.counts[k]);
    const ProportionInterval ci = wilson_interval(item.satisfied, item.valid_answers);
    item.estimate = {true, static_cast<double>(item.satisfied) / n, ci.low, ci.high, score / n};
  }

  std::vector<double> share(n_elements);
  std::vector<char> has(n_elements);
  double overall = 0.0;
  bool overall_has = false;
  g.elements_used =
      element_shares(q, valid.data(), satisfied.data(), share, has, overall, overall_has);

  double weighted_sum = 0.0;
  for (std::size_t e = 0; e < n_elements; ++e) {
    SipasElementResult el;
    el.element = e;
    el.code = q.elements()[e].code;
    el.respondents = element_respondents[e];
    double weighted = 0.0;
    for (const std::size_t i : q.elements()[e].items) {
      el.valid_answers += items[i].valid_answers;
      if (items[i].valid_answers != 0) {
        ++el.items_used;
        weighted += items[i].estimate.weighted_score;
      }
      el.items.push_back(items[i]);
    }
    if (has[e]) {
      const double w = weighted / static_cast<double>(el.items_used);
      el.estimate = {true, share[e], share[e], share[e], w};
      weighted_sum += w;
    }
    g.elements.push_back(std::move(el));
  }
  if (overall_has) {
    g.overall = {true, overall, overall, overall,
                 weighted_sum / static_cast<double>(g.elements_used)};
  }

  // Percentile bootstrap over respondents: each replicate draws as many respondents as the group
  // has (with replacement) and recomputes the element and overall shares by the same rule.
  // Replicate b draws from its own stream (group seed, b), so replicates can be shared among
  // threads in any way and still give the same values.
  const std::size_t n_respondents = offsets.size() - 1;
  const std::uint32_t replicates = options.bootstrap_replicates;
  if (replicates == 0 || n_respondents == 0) return g;
  const std::uint64_t group_seed = detail::group_stream_seed(options.seed, input.name);
  constexpr double kUndefined = -1.0;  // shares are >= 0
  // draws[b * (n_elements + 1) + e]: element e's share in replicate b; the last slot is overall.
  const std::size_t stride = n_elements + 1;
  std::vector<double> draws(static_cast<std::size_t>(replicates) * stride, kUndefined);
  auto run_replicates = [&](std::uint32_t first, std::uint32_t last) {
    std::vector<std::uint32_t> b_valid(n_items), b_satisfied(n_items), times(n_respondents);
    std::vector<double> b_share(n_elements);
    std::vector<char> b_has(n_elements);
    for (std::uint32_t b = first; b < last; ++b) {
      detail::SplitMix64 rng(detail::replicate_stream_seed(group_seed, b));
      std::fill(b_valid.begin(), b_valid.end(), 0);
      std::fill(b_satisfied.begin(), b_satisfied.end(), 0);
      // How many times each respondent is drawn, then one pass over the answers in order: the
      // same sums as adding each draw's answers, without jumping around memory.
      std::fill(times.begin(), times.end(), 0);
      for (std::size_t k = 0; k < n_respondents; ++k) ++times[rng.below(n_respondents)];
      for (std::size_t r = 0; r < n_respondents; ++r) {
        const std::uint32_t m = times[r];
        if (m == 0) continue;
        for (std::size_t a = offsets[r]; a < offsets[r + 1]; ++a) {
          b_valid[packed[a] >> 1] += m;
          b_satisfied[packed[a] >> 1] += m * (packed[a] & 1U);
        }
      }
      double b_overall = 0.0;
      bool b_overall_has = false;
      element_shares(q, b_valid.data(), b_satisfied.data(), b_share, b_has, b_overall,
                     b_overall_has);
      double* slot = &draws[static_cast<std::size_t>(b) * stride];
      for (std::size_t e = 0; e < n_elements; ++e) {
        if (b_has[e]) slot[e] = b_share[e];
      }
      if (b_overall_has) slot[n_elements] = b_overall;
    }
  };
  // Threads as asked; when left to us (0), one per ~100k answer additions at most.
  const std::size_t work = std::size_t{replicates} * packed.size();
  const unsigned threads = options.threads != 0 ? std::min(threads_for_replicates, replicates)
                                                : static_cast<unsigned>(std::clamp<std::size_t>(
                                                      work / 100'000, 1, threads_for_replicates));
  if (threads <= 1) {
    run_replicates(0, replicates);
  } else {
    std::vector<std::thread> pool;
    std::exception_ptr failure;
    std::mutex failure_mutex;
    for (unsigned t = 0; t < threads; ++t) {
      const auto first = static_cast<std::uint32_t>(std::uint64_t{replicates} * t / threads);
      const auto last = static_cast<std::uint32_t>(std::uint64_t{replicates} * (t + 1) / threads);
      pool.emplace_back([&, first, last] {
        try {
          run_replicates(first, last);
        } catch (...) {
          const std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
        }
      });
    }
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
  }

  std::vector<std::vector<double>> element_draws(n_elements);
  std::vector<double> overall_draws;
  for (std::uint32_t b = 0; b < replicates; ++b) {
    const double* slot = &draws[static_cast<std::size_t>(b) * stride];
    bool undefined = false;
    for (std::size_t e = 0; e < n_elements; ++e) {
      if (slot[e] != kUndefined) {
        element_draws[e].push_back(slot[e]);
      } else if (has[e]) {
        undefined = true;
      }
    }
    if (slot[n_elements] != kUndefined) overall_draws.push_back(slot[n_elements]);
    g.undefined_replicates += undefined ? 1U : 0U;
  }
  auto set_interval = [](SipasEstimate& est, std::vector<double>& draws) {
    if (!est.available || draws.empty()) return;
    std::sort(draws.begin(), draws.end());
    est.ci_low = quantile_sorted(draws, kLowQuantile);
    est.ci_high = quantile_sorted(draws, kHighQuantile);
  };
  for (std::size_t e = 0; e < n_elements; ++e) {
    set_interval(g.elements[e].estimate, element_draws[e]);
  }
  set_interval(g.overall, overall_draws);
  return g;
}

}  // namespace

const SipasElementResult* SipasGroupResult::find_element(std::string_view code) const noexcept {
  for (const auto& e : elements) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

std::optional<double> SipasGroupResult::metric(std::string_view name) const {
  constexpr std::string_view kPrefix = "sipas.";
  if (!name.starts_with(kPrefix)) return std::nullopt;
  const std::string_view rest = name.substr(kPrefix.size());
  const SipasEstimate* est = nullptr;
  if (rest == "overall") {
    est = &overall;
  } else if (const auto* e = find_element(rest)) {
    est = &e->estimate;
  }
  if (est == nullptr || !est->available) return std::nullopt;
  return est->satisfied_share;
}

const SipasGroupResult* SipasResult::find(std::string_view group) const noexcept {
  for (const auto& g : groups) {
    if (g.group == group) return &g;
  }
  return nullptr;
}

std::map<std::string, std::map<std::string, double>> SipasResult::metrics() const {
  std::map<std::string, std::map<std::string, double>> out;
  for (const auto& g : groups) {
    auto& m = out[g.group];
    if (g.overall.available) m["sipas.overall"] = g.overall.satisfied_share;
    for (const auto& e : g.elements) {
      if (e.estimate.available) m["sipas." + e.code] = e.estimate.satisfied_share;
    }
  }
  return out;
}

SipasResult compute_sipas(const SipasResponses& responses, const SipasOptions& options) {
  const auto& respondents = responses.respondents();
  const auto& answers = responses.answers();

  std::vector<std::vector<std::uint32_t>> answers_of(respondents.size());
  for (std::size_t a = 0; a < answers.size(); ++a) {
    answers_of[answers[a].respondent].push_back(static_cast<std::uint32_t>(a));
  }

  // Respondents are taken in the order of their ids, so that the same answers give the same
  // intervals whatever the order of the records.
  std::vector<std::uint32_t> by_id(respondents.size());
  std::iota(by_id.begin(), by_id.end(), 0U);
  std::sort(by_id.begin(), by_id.end(),
            [&](std::uint32_t a, std::uint32_t b) { return respondents[a] < respondents[b]; });

  std::vector<GroupInput> inputs;
  if (options.by_unit) {
    const auto& units = responses.units();
    std::vector<std::uint32_t> order(units.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return units[a] < units[b]; });
    std::vector<std::size_t> group_of_unit(units.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
      group_of_unit[order[k]] = k;
      inputs.push_back({units[order[k]], {}});
    }
    for (const std::uint32_t r : by_id) {
      inputs[group_of_unit[responses.unit_of(r)]].respondents.push_back(r);
    }
  } else {
    inputs.push_back({"all", by_id});
  }

  SipasResult result;
  result.bootstrap_replicates = options.bootstrap_replicates;
  result.seed = options.seed;
  result.groups.resize(inputs.size());

  // Groups one after the other, the replicates of each shared among the threads.
  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    result.groups[k] = compute_group(responses, inputs[k], answers_of, options, threads);
  }
  return result;
}

}  // namespace parmetrics
