// The two profiles: the sample built a month at a time with exact monthly quotas (so that the
// district report's figures hold whatever the seed), the benchmark streamed a day at a time with
// independent draws.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

#include "catalogue.hpp"
#include "generator.hpp"
#include "synthesis.hpp"

namespace parmetrics::generator {

using detail::Rng;
using detail::stream_key;

namespace {

constexpr int kSampleYear = 2023;
constexpr int kReportMonths = 8;   // January–August 2023: the district report of 31/8/2023
constexpr int kSampleMonths = 39;  // January 2023 – March 2026

// Dossiers per month (Tết in January) for the default; other sizes scale them. The months after
// August 2023 are thinner (about 200, Tết months 150), to keep the files small.
constexpr std::array<std::uint64_t, kReportMonths> kReportWeights = {383, 430, 460, 440,
                                                                     460, 460, 456, 511};
std::uint64_t month_weight(std::size_t block) {
  if (block < kReportMonths) return kReportWeights[block];
  switch (block) {
    case 13:  // February 2024, Tết
    case 37:  // February 2026
      return 150;
    case 24:  // January 2025, Tết
      return 160;
    default:
      return 200;
  }
}
// The district report of 31/8/2023: late dossiers down from 28.72% to 7.83%, online dossiers up
// from 0% to 57.7%, read as the months of January and August (docs/sample-data.md). Basis
// points of each month's received dossiers; the months between follow a smooth path, and the
// months after August 2023 go on to 4.50% late and 75.00% online in March 2026.
constexpr std::array<std::uint64_t, kReportMonths> kLateBp = {2872, 2540, 2160, 1830,
                                                              1510, 1240, 990,  783};
constexpr std::array<std::uint64_t, kReportMonths> kOnlineBp = {0,    350,  980,  1860,
                                                                2790, 3820, 4850, 5770};
std::uint64_t late_bp(std::size_t block) {
  if (block < kReportMonths) return kLateBp[block];
  return 783 - (783 - 450) * (block - kReportMonths + 1) / (kSampleMonths - kReportMonths);
}
std::uint64_t online_bp(std::size_t block) {
  if (block < kReportMonths) return kOnlineBp[block];
  return 5770 + (7500 - 5770) * (block - kReportMonths + 1) / (kSampleMonths - kReportMonths);
}

constexpr std::uint32_t kMaxCounter = 9999;
constexpr std::uint32_t kMaxBenchUnits = 100'000;

detail::Rates sample_rates(int month_index) {
  const auto t = static_cast<std::uint32_t>(month_index);
  detail::Rates r;
  r.supplement = 80'000;
  r.second_supplement = 0;  // one request at most: the sample's late rate is its quota alone
  r.never_completed = 100'000;
  r.withdrawn = 15'000;
  r.refused = 12'000;
  r.stopped = 5'000;
  r.returned_kind = 80'000;
  // "Chưa thực hiện công khai xin lỗi": a few apologies, none public.
  r.apology = 110'000;
  r.apology_on_time = 500'000;
  r.apology_public = 0;
  // "Chưa thực hiện số hóa kết quả ... còn hiệu lực": digitisation stays low, slowly rising.
  r.digitised_online = 850'000;
  // The 2023 months as they were; later months level off.
  r.digitised_direct = std::min<std::uint32_t>(50'000 + 35'000 * t, 700'000);
  r.e_result = std::min<std::uint32_t>(20'000 + 15'000 * t, 600'000);
  r.reused = std::min<std::uint32_t>(10'000 + 10'000 * t, 400'000);
  r.from_store_online = std::min<std::uint32_t>(50'000 + 30'000 * t, 600'000);
  r.vneid_online = std::min<std::uint32_t>(300'000 + 60'000 * t, 950'000);
  r.paid_online = std::min<std::uint32_t>(400'000 + 50'000 * t, 900'000);
  r.fee_exempt = 100'000;
  r.synced = 960'000;
  r.complaint = 3'000;
  r.dislike = 6'000;
  // Mostly a day or a few late, so that few late dossiers run on into the next month.
  r.overrun_day = 550'000;
  r.overrun_week = 350'000;
  r.overrun_fortnight = 100'000;
  r.online_off_hours = 250'000;
  r.after_hours_direct = 20'000;
  return r;
}

detail::Rates bench_rates() {
  detail::Rates r;
  r.supplement = 70'000;
  r.second_supplement = 50'000;
  r.never_completed = 80'000;
  r.withdrawn = 15'000;
  r.refused = 12'000;
  r.stopped = 5'000;
  r.returned_kind = 80'000;
  r.apology = 200'000;
  r.apology_on_time = 500'000;
  r.apology_public = 300'000;
  r.digitised_online = 900'000;
  r.digitised_direct = 300'000;
  r.e_result = 250'000;
  r.reused = 100'000;
  r.from_store_online = 200'000;
  r.vneid_online = 600'000;
  r.paid_online = 600'000;
  r.fee_exempt = 100'000;
  r.synced = 970'000;
  r.complaint = 2'000;
  r.dislike = 4'000;
  r.overrun_day = 400'000;
  r.overrun_week = 350'000;
  r.overrun_fortnight = 200'000;
  r.online_off_hours = 250'000;
  r.after_hours_direct = 20'000;
  return r;
}

// Sort a block by receipt (ties keep their order) and number each unit's dossiers of a day.
void number_by_receipt(std::vector<GeneratedDossier>& batch, std::size_t units) {
  std::stable_sort(
      batch.begin(), batch.end(),
      [](const GeneratedDossier& a, const GeneratedDossier& b) { return a.received < b.received; });
  std::vector<DayNumber> last_day(units, std::numeric_limits<DayNumber>::min());
  std::vector<std::uint32_t> counter(units, 0);
  for (GeneratedDossier& d : batch) {
    const DayNumber day = day_of(d.received);
    if (last_day[d.unit] != day) {
      last_day[d.unit] = day;
      counter[d.unit] = 0;
    }
    d.counter = ++counter[d.unit];
    if (d.counter > kMaxCounter) {
      throw std::invalid_argument(
          "more than 9999 dossiers a day at one unit: the daily counter of a dossier code has 4 "
          "digits");
    }
  }
}

}  // namespace

struct DataSet::Impl {
  Options options;
  WorkingCalendar calendar;
  detail::Catalogue catalogue;
  DayNumber first = 0, last = 0;
  MinuteStamp horizon = 0;
  bool record_appointments = true;
  std::vector<std::uint64_t> block_counts;
  std::uint64_t total = 0;
  std::optional<detail::Shaper> shaper;  // refers to calendar and catalogue above
  // The sample's months of the district report are made as they were when the data ended on
  // 2023-08-31 (so that its figures stay exactly), then lived on to the horizon.
  std::optional<detail::Shaper> report_shaper;
  MinuteStamp report_horizon = 0;

  void sample_block(std::size_t block, DossierSink& sink) const;
  void postal_reception(std::vector<GeneratedDossier>& batch, int month, Rng& rng) const;
  std::vector<GeneratedDossier> sample_receipts(std::size_t block, std::uint64_t n,
                                                const detail::Era& era,
                                                const detail::Shaper& shaper,
                                                const detail::Rates& rates, Rng& rng) const;
  void bench_block(std::size_t block, DossierSink& sink) const;
};

DataSet::DataSet(const Options& options) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.options = options;
  const bool sample = options.profile == Profile::sample;
  m.total = options.dossiers.value_or(sample ? kSampleDossiers : kBenchDossiers);
  if (m.total == 0) throw std::invalid_argument("the number of dossiers must be at least 1");
  m.record_appointments = options.appointments == Appointments::profile
                              ? sample
                              : options.appointments == Appointments::recorded;
  if (sample) {
    if (options.units) {
      throw std::invalid_argument(
          "the number of units applies to the bench profile (the sample is one district)");
    }
    if (m.total > kMaxSampleDossiers) {
      throw std::invalid_argument(
          fmt::format("the sample profile holds at most {} dossiers; use the bench profile",
                      kMaxSampleDossiers));
    }
    m.catalogue = detail::sample_catalogue();
    m.first = days_from_civil(kSampleYear, 1, 1);
    m.last = days_from_civil(2026, 3, 31);
    std::vector<std::uint64_t> weights;
    for (std::size_t b = 0; b < kSampleMonths; ++b) weights.push_back(month_weight(b));
    m.block_counts = detail::apportion(m.total, weights);
    m.report_horizon = to_minutes(days_from_civil(kSampleYear, kReportMonths + 1, 1), 0);
  } else {
    const std::uint32_t units = options.units.value_or(kBenchUnits);
    if (units == 0 || units > kMaxBenchUnits) {
      throw std::invalid_argument(
          fmt::format("the number of units must be between 1 and {}", kMaxBenchUnits));
    }
    m.catalogue = detail::bench_catalogue(units, options.seed);
    m.first = days_from_civil(2023, 1, 1);
    m.last = days_from_civil(2024, 12, 31);
    // Working days carry the load; online dossiers trickle in on days off.
    std::vector<std::uint64_t> weights;
    for (DayNumber d = m.first; d <= m.last; ++d) {
      weights.push_back(m.calendar.is_working_day(d) ? 100 : weekday(d) == 6 ? 6 : 3);
    }
    m.block_counts = detail::apportion(m.total, weights);
    // The busiest unit-day, bounded from above: day count × the largest noisy weight over the
    // smallest noisy total (noise ×0.5..×1.5), plus one for rounding.
    std::uint64_t max_weight = 0, min_total = 0;
    for (const detail::UnitTraits& t : m.catalogue.traits) {
      max_weight = std::max<std::uint64_t>(max_weight, t.weight);
      if (t.online_ppm > 0) min_total += std::uint64_t{t.weight} * 50;
    }
    const std::uint64_t busiest = *std::max_element(m.block_counts.begin(), m.block_counts.end());
    const std::uint64_t bound = detail::scale(busiest, max_weight * 150, min_total) + 1;
    if (bound > kMaxCounter) {
      throw std::invalid_argument(fmt::format(
          "{} dossiers over {} units could give one unit up to {} dossiers a day, but the daily "
          "counter of a dossier code has 4 digits: give more units or fewer dossiers",
          m.total, units, bound));
    }
  }
  m.horizon = to_minutes(m.last + 1, 0);
  m.shaper.emplace(m.calendar, m.horizon, m.catalogue.procedures);
  if (sample) m.report_shaper.emplace(m.calendar, m.report_horizon, m.catalogue.procedures);
}

DataSet::~DataSet() = default;
DataSet::DataSet(DataSet&&) noexcept = default;
DataSet& DataSet::operator=(DataSet&&) noexcept = default;

const Options& DataSet::options() const noexcept {
  return impl_->options;
}
const std::vector<Unit>& DataSet::units() const noexcept {
  return impl_->catalogue.units;
}
const std::vector<Procedure>& DataSet::procedures() const noexcept {
  return impl_->catalogue.procedures;
}
DayNumber DataSet::first_day() const noexcept {
  return impl_->first;
}
DayNumber DataSet::last_day() const noexcept {
  return impl_->last;
}
MinuteStamp DataSet::horizon() const noexcept {
  return impl_->horizon;
}
std::uint64_t DataSet::dossier_count() const noexcept {
  return impl_->total;
}
const WorkingCalendar& DataSet::calendar() const noexcept {
  return impl_->calendar;
}
std::size_t DataSet::block_count() const noexcept {
  return impl_->block_counts.size();
}

void DataSet::generate_block(std::size_t block, DossierSink& sink) const {
  if (block >= block_count()) throw std::out_of_range("generate_block: no such block");
  if (impl_->options.profile == Profile::sample) {
    impl_->sample_block(block, sink);
  } else {
    impl_->bench_block(block, sink);
  }
}

void DataSet::generate(DossierSink& sink) const {
  for (std::size_t b = 0; b < block_count(); ++b) generate_block(b, sink);
}

std::string DataSet::code(const GeneratedDossier& d) const {
  const CivilDate c = civil_from_days(day_of(d.received));
  return fmt::format("{}-{:02}{:02}{:02}-{:04}", impl_->catalogue.units[d.unit].code, c.year % 100,
                     c.month, c.day, d.counter);
}

namespace {

// The sample's era of a month: the units that receive dossiers then.
const detail::Era& era_of(const detail::Catalogue& c, std::size_t block) {
  const detail::Era* e = &c.eras.front();
  for (const detail::Era& x : c.eras) {
    if (x.first_block <= block) e = &x;
  }
  return *e;
}

bool district_office(std::uint32_t unit) {
  namespace su = detail::sample_unit;
  return unit == su::one_stop || unit == su::environment || unit == su::land;
}

}  // namespace

void DataSet::Impl::sample_block(std::size_t block, DossierSink& sink) const {
  const std::uint64_t n = block_counts[block];
  if (n == 0) return;
  // The months of the district report are made with the data ending on 2023-08-31, as they
  // always were, then lived on; later months with the data ending at the horizon.
  const bool report_month = block < kReportMonths;
  const detail::Rates rates = sample_rates(static_cast<int>(block));
  const detail::Shaper& shaper = report_month ? *report_shaper : *this->shaper;
  Rng rng(stream_key(options.seed, 1, block));
  const auto& traits = catalogue.traits;
  const detail::Era& era = era_of(catalogue, block);
  std::vector<GeneratedDossier> batch = sample_receipts(block, n, era, shaper, rates, rng);
  std::vector<detail::Timeline> timelines(n);
  for (std::size_t i = 0; i < n; ++i) timelines[i] = shaper.plan(batch[i], rates, rng);

  // Exactly the month's share late, among the dossiers that can still be late by the horizon;
  // longer procedures and the land office slip more often.
  std::vector<std::uint32_t> weights(n);
  for (std::size_t i = 0; i < n; ++i) {
    const GeneratedDossier& d = batch[i];
    const bool long_one = timelines[i].span >= 3 * 480;
    weights[i] = shaper.can_be_late(d) ? traits[d.unit].late_weight * (long_one ? 2 : 1) : 0;
  }
  const auto late = detail::pick_weighted(weights, (late_bp(block) * n + 5000) / 10000, rng);
  // Streams of their own for what the report months did not have, so that nothing they drew
  // changes: their lives after 2023-08-31, and the communes the offices' dossiers name.
  Rng after(stream_key(options.seed, 4, block));
  Rng communes(stream_key(options.seed, 5, block));
  for (std::size_t i = 0; i < n; ++i) {
    GeneratedDossier& d = batch[i];
    shaper.finish(d, timelines[i], late[i] != 0, rates, rng);
    if (report_month) {
      this->shaper->complete(d, report_horizon, static_cast<std::uint32_t>(late_bp(block) * 100),
                             rates, after);
    }
    d.commune = kNoCommune;
    if (!era.communes.empty() && district_office(d.unit)) d.commune = era.communes.draw(communes);
    sink.on_dossier(d);
  }
}

// A month's dossiers up to their receipt: units and procedures of the era, exactly the month's
// share online, postal reception, receipt times, numbered by receipt.
std::vector<GeneratedDossier> DataSet::Impl::sample_receipts(std::size_t block, std::uint64_t n,
                                                             const detail::Era& era,
                                                             const detail::Shaper& shaper,
                                                             const detail::Rates& rates,
                                                             Rng& rng) const {
  const int year = kSampleYear + static_cast<int>(block / 12);
  const auto month = static_cast<unsigned>(block % 12 + 1);
  const DayNumber month_first = days_from_civil(year, month, 1);
  const DayNumber month_last = month_first + static_cast<DayNumber>(days_in_month(year, month)) - 1;
  std::vector<DayNumber> working, off;
  for (DayNumber d = month_first; d <= month_last; ++d) {
    (calendar.is_working_day(d) ? working : off).push_back(d);
  }
  const auto& traits = catalogue.traits;
  const auto& procedures = catalogue.procedures;
  std::vector<GeneratedDossier> batch(n);
  for (GeneratedDossier& d : batch) {
    d.unit = era.units.draw(rng);
    const std::uint16_t set = traits[d.unit].procedure_set;
    d.procedure =
        catalogue.sets[set == detail::kMergedSet ? catalogue.merged_kinds.draw(rng) : set].all.draw(
            rng);
    d.appointment_recorded = record_appointments;
  }
  // Exactly the month's share online, drawn by the units' and procedures' propensity.
  std::vector<std::uint32_t> weights(n);
  for (std::size_t i = 0; i < n; ++i) {
    const OnlineLevel level = procedures[batch[i].procedure].online;
    const std::uint32_t factor = level == OnlineLevel::full      ? 3
                                 : level == OnlineLevel::partial ? 2
                                                                 : 0;
    weights[i] = traits[batch[i].unit].online_weight * factor;
  }
  const auto online = detail::pick_weighted(weights, (online_bp(block) * n + 5000) / 10000, rng);
  for (std::size_t i = 0; i < n; ++i) {
    batch[i].channel = online[i] ? Channel::online : Channel::direct;
  }
  postal_reception(batch, static_cast<int>(block) + 1, rng);
  for (GeneratedDossier& d : batch) {
    if (d.channel == Channel::online) {
      if (!off.empty() && rng.chance(100'000)) {
        d.received = shaper.online_time(off[rng.below(off.size())], false, rates, rng);
      } else {
        d.received = shaper.online_time(working[rng.below(working.size())], true, rates, rng);
      }
    } else {
      d.received = shaper.desk_time(working[rng.below(working.size())], rates, rng);
    }
  }
  number_by_receipt(batch, traits.size());
  return batch;
}

// Postal reception where it runs: a share of each unit's dossiers not filed online, at least
// one, so that every such unit shows it.
void DataSet::Impl::postal_reception(std::vector<GeneratedDossier>& batch, int month,
                                     Rng& rng) const {
  const auto& traits = catalogue.traits;
  for (std::uint32_t u = 0; u < traits.size(); ++u) {
    if (traits[u].postal_ppm == 0 || month < traits[u].postal_from_month) continue;
    std::vector<std::size_t> at_desk;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].unit == u && batch[i].channel == Channel::direct) at_desk.push_back(i);
    }
    if (at_desk.empty()) continue;
    const std::uint64_t k = std::max<std::uint64_t>(
        1, (traits[u].postal_ppm * at_desk.size() + detail::kMillion / 2) / detail::kMillion);
    const std::vector<std::uint32_t> ones(at_desk.size(), 1);
    const auto postal = detail::pick_weighted(ones, k, rng);
    for (std::size_t j = 0; j < at_desk.size(); ++j) {
      if (postal[j]) batch[at_desk[j]].channel = Channel::postal;
    }
  }
}

void DataSet::Impl::bench_block(std::size_t block, DossierSink& sink) const {
  const std::uint64_t n = block_counts[block];
  if (n == 0) return;
  const DayNumber day = first + static_cast<DayNumber>(block);
  const bool working = calendar.is_working_day(day);
  static const detail::Rates rates = bench_rates();
  const detail::Shaper& shaper = *this->shaper;
  const auto& traits = catalogue.traits;
  const auto& procedures = catalogue.procedures;

  // Each unit's share of the day, with day-to-day noise; on days off only online filers come.
  Rng day_rng(stream_key(options.seed, 2, static_cast<std::uint64_t>(day)));
  std::vector<std::uint64_t> weights(traits.size());
  for (std::size_t u = 0; u < traits.size(); ++u) {
    const auto noise = static_cast<std::uint64_t>(day_rng.between(50, 150));
    weights[u] = (!working && traits[u].online_ppm == 0) ? 0 : traits[u].weight * noise;
  }
  const std::vector<std::uint64_t> counts = detail::apportion(n, weights);

  // Each unit's dossiers of the day: receipts drawn first, sorted (insertion sort: a handful,
  // stable, no allocation), numbered, then lived one at a time in a reused record.
  struct Skeleton {
    MinuteStamp received;
    std::uint32_t procedure;
    Channel channel;
  };
  std::vector<Skeleton> skeletons;
  GeneratedDossier d;
  for (std::uint32_t u = 0; u < traits.size(); ++u) {
    if (counts[u] == 0) continue;
    if (counts[u] > kMaxCounter) {
      throw std::logic_error("bench: more than 9999 dossiers a day at one unit");
    }
    const detail::UnitTraits& t = traits[u];
    const detail::ProcedureSet& set = catalogue.sets[t.procedure_set];
    Rng rng(stream_key(options.seed,
                       (static_cast<std::uint64_t>(static_cast<std::uint32_t>(day)) << 32) | u, 3));
    skeletons.resize(counts[u]);
    for (Skeleton& k : skeletons) {
      if (!working) {
        k.procedure = set.online.draw(rng);
        k.channel = Channel::online;
        k.received = shaper.online_time(day, false, rates, rng);
        continue;
      }
      k.procedure = set.all.draw(rng);
      const OnlineLevel level = procedures[k.procedure].online;
      const std::uint32_t p_online = level == OnlineLevel::full      ? t.online_ppm
                                     : level == OnlineLevel::partial ? t.online_ppm / 2
                                                                     : 0;
      if (rng.chance(p_online)) {
        k.channel = Channel::online;
        k.received = shaper.online_time(day, true, rates, rng);
      } else {
        k.channel = rng.chance(t.postal_ppm) ? Channel::postal : Channel::direct;
        k.received = shaper.desk_time(day, rates, rng);
      }
    }
    for (std::size_t i = 1; i < skeletons.size(); ++i) {
      const Skeleton k = skeletons[i];
      std::size_t j = i;
      for (; j > 0 && skeletons[j - 1].received > k.received; --j) skeletons[j] = skeletons[j - 1];
      skeletons[j] = k;
    }
    for (std::size_t i = 0; i < skeletons.size(); ++i) {
      d.unit = u;
      d.procedure = skeletons[i].procedure;
      d.channel = skeletons[i].channel;
      d.received = skeletons[i].received;
      d.counter = static_cast<std::uint32_t>(i + 1);
      d.appointment_recorded = record_appointments;
      const detail::Timeline timeline = shaper.plan(d, rates, rng);
      const bool late = rng.chance(t.late_ppm) && shaper.can_be_late(d);
      shaper.finish(d, timeline, late, rates, rng);
      sink.on_dossier(d);
    }
  }
}

std::string_view to_string(Profile profile) noexcept {
  return profile == Profile::sample ? "sample" : "bench";
}

std::optional<Profile> parse_profile(std::string_view name) noexcept {
  if (name == "sample") return Profile::sample;
  if (name == "bench") return Profile::bench;
  return std::nullopt;
}

}  // namespace parmetrics::generator
