#include <parmetrics/calendar/working_calendar.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>

#include "calendar/calendar_tables.hpp"
#include "calendar/holiday_rules.hpp"

namespace parmetrics {

namespace detail {

void ScheduleTable::build(const DaySchedule& schedule) {
  minutes = schedule.minutes();
  first_start = schedule.empty() ? -1 : schedule.begin()->start;
  reach.assign(static_cast<std::size_t>(minutes) + 1, 0);
  int acc = 0;
  for (int m = 0; m <= 24 * 60; ++m) {
    elapsed[static_cast<std::size_t>(m)] = static_cast<std::uint16_t>(acc);
    if (m < 24 * 60 && std::any_of(schedule.begin(), schedule.end(), [m](const TimeInterval& i) {
          return i.start <= m && m < i.end;
        })) {
      ++acc;
      // The acc-th working minute ends at m + 1: the earliest instant with `acc` minutes behind.
      reach[static_cast<std::size_t>(acc)] = static_cast<std::int16_t>(m + 1);
    }
  }
  std::int16_t following = -1;
  for (int m = 24 * 60; m >= 0; --m) {
    if (m < 24 * 60 && std::any_of(schedule.begin(), schedule.end(), [m](const TimeInterval& i) {
          return i.start <= m && m < i.end;
        })) {
      following = static_cast<std::int16_t>(m);
    }
    next[static_cast<std::size_t>(m)] = following;
  }
}

namespace {

constexpr int kDayCount = kLastSupportedDay - kFirstSupportedDay + 1;

std::size_t offset(DayNumber day) {
  return static_cast<std::size_t>(day - kFirstSupportedDay);
}

class Builder {
 public:
  explicit Builder(const CalendarOptions& options) {
    if (options.builtin_data) data_.push_back(&CalendarData::builtin());
    for (const CalendarData& d : options.data) data_.push_back(&d);
    tables_.hours = options.hours.value_or(WorkingHours());
    if (!options.hours) {
      for (const CalendarData* d : data_) {
        if (d->working_hours()) tables_.hours = *d->working_hours();
      }
    }
    for (const CalendarData* d : data_) {
      tables_.data_sets.push_back(fmt::format("{} {}", d->name(), d->version()));
    }
  }

  CalendarTables build() {
    kind_.assign(kDayCount, DayKind::workday);
    name_.assign(kDayCount, 0);
    explicit_.assign(kDayCount, false);
    tables_.names.emplace_back();
    for (DayNumber d = kFirstSupportedDay; d <= kLastSupportedDay; ++d) {
      if (is_rest_day(d)) kind_[offset(d)] = DayKind::weekend;
    }
    apply_rules();
    apply_data();
    compensate();
    name_rest_days();
    build_tables();
    return std::move(tables_);
  }

 private:
  struct Holiday {
    DayNumber day;
    std::string name;
    DayNumber block_last;
  };

  std::uint16_t intern(const std::string& name) {
    const auto [it, inserted] =
        name_ids_.try_emplace(name, static_cast<std::uint16_t>(tables_.names.size()));
    if (inserted) {
      if (tables_.names.size() == 0xFFFF) {
        throw RangeError("WorkingCalendar", "more than 65,535 distinct day names");
      }
      tables_.names.push_back(name);
    }
    return it->second;
  }

  void set(DayNumber d, DayKind kind, const std::string& name) {
    kind_[offset(d)] = kind;
    name_[offset(d)] = intern(name);
  }

  void apply_rules() {
    std::map<int, std::set<std::string, std::less<>>> replaced;
    for (const CalendarData* d : data_) {
      for (const CalendarDataYear& y : d->years())
        replaced[y.year].insert(y.replaces.begin(), y.replaces.end());
    }
    std::vector<RuleHoliday> rules;
    for (int year = civil_from_days(kFirstSupportedDay).year;
         year <= civil_from_days(kLastSupportedDay).year; ++year) {
      rules.clear();
      rule_holidays(year, rules);
      const auto rep = replaced.find(year);
      for (const RuleHoliday& h : rules) {
        if (h.day < kFirstSupportedDay || h.day > kLastSupportedDay) continue;
        // Named on a rest day by name_rest_days, also where a data year replaces the block.
        if (is_rest_day(h.day)) rest_day_rules_.push_back({h.day, std::string(h.name), h.day});
        if (rep != replaced.end() && rep->second.contains(h.block)) continue;
        set(h.day, DayKind::holiday, std::string(h.name));
        holidays_.push_back({h.day, std::string(h.name), h.block_last});
      }
    }
  }

  void apply_data() {
    std::vector<int>& announced = tables_.announced_years;
    for (const CalendarData* d : data_) {
      for (const CalendarDataYear& y : d->years()) {
        announced.push_back(y.year);
        for (const CalendarDataDay& day : y.days) {
          std::string name = day.name;
          if (day.kind == DayKind::workday && is_rest_day(day.date)) {
            // A rest day made a working day is a swapped-in working day, whatever the file says.
            set(day.date, DayKind::swap_work, name);
          } else {
            set(day.date, day.kind, name);
          }
          explicit_[offset(day.date)] = true;
          if (day.kind == DayKind::holiday) {
            holidays_.push_back({day.date, day.name, day.date});
          }
        }
      }
    }
    std::sort(announced.begin(), announced.end());
    announced.erase(std::unique(announced.begin(), announced.end()), announced.end());
  }

  // A holiday on a rest day gives a compensation day (nghỉ bù): the first plain working day after
  // its block that no data set has spoken for. The search skips at most a block of days off.
  void compensate() {
    std::stable_sort(holidays_.begin(), holidays_.end(),
                     [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
    for (const Holiday& h : holidays_) {
      if (!is_rest_day(h.day) || kind_[offset(h.day)] != DayKind::holiday) continue;
      DayNumber d = std::max(h.day, h.block_last) + 1;
      while (d <= kLastSupportedDay &&
             (kind_[offset(d)] != DayKind::workday || explicit_[offset(d)])) {
        ++d;
      }
      if (d > kLastSupportedDay) continue;
      set(d, DayKind::observed, "Nghỉ bù " + h.name);
    }
  }

  // One rule in every year, announced or computed: a rest day stays a rest day (kind weekend),
  // and one that is a holiday by law carries the holiday's name (2023-09-02, a Saturday, is
  // "Quốc khánh"; Tết days on a weekend are "Tết Nguyên Đán"). Its compensation day is the
  // observed one.
  void name_rest_days() {
    for (const Holiday& h : rest_day_rules_) {
      const std::size_t i = offset(h.day);
      if (kind_[i] == DayKind::weekend && name_[i] == 0) set(h.day, DayKind::weekend, h.name);
    }
    for (DayNumber d = kFirstSupportedDay; d <= kLastSupportedDay; ++d) {
      if (kind_[offset(d)] == DayKind::holiday && is_rest_day(d))
        kind_[offset(d)] = DayKind::weekend;
    }
  }

  void build_tables() {
    CalendarTables& t = tables_;
    for (unsigned w = 0; w < 7; ++w) t.schedules[w].build(t.hours.on(w));
    t.schedules[CalendarTables::kClosed].build(DaySchedule());
    t.days.resize(kDayCount + 1);
    std::int64_t prefix = 0;
    std::int32_t smallest_day = 24 * 60;
    for (DayNumber d = kFirstSupportedDay; d <= kLastSupportedDay; ++d) {
      const std::size_t i = offset(d);
      DayEntry& e = t.days[i];
      e.kind = static_cast<std::uint8_t>(kind_[i]);
      e.name = name_[i];
      e.schedule =
          is_working(kind_[i]) ? static_cast<std::uint8_t>(weekday(d)) : CalendarTables::kClosed;
      e.prefix = static_cast<std::int32_t>(prefix);
      if (e.schedule != CalendarTables::kClosed) {
        t.workday_offset.push_back(static_cast<std::int32_t>(i));
        t.workday_prefix.push_back(e.prefix);
        smallest_day = std::min(smallest_day, t.schedules[e.schedule].minutes);
        prefix += t.schedules[e.schedule].minutes;
      }
    }
    t.total_minutes = prefix;
    t.days[kDayCount] = DayEntry{
        static_cast<std::int32_t>(prefix), static_cast<std::int32_t>(t.workday_offset.size()),
        static_cast<std::uint8_t>(DayKind::weekend), CalendarTables::kClosed, 0};
    std::int32_t following = static_cast<std::int32_t>(t.workday_offset.size());
    for (std::size_t i = kDayCount; i-- > 0;) {
      if (t.days[i].schedule != CalendarTables::kClosed) --following;
      t.days[i].next_workday = following;
    }
    // A power of two no longer than the shortest working day: a shift instead of a division.
    while ((std::int32_t{2} << t.bucket_shift) <= smallest_day) ++t.bucket_shift;
    const std::size_t buckets = static_cast<std::size_t>(prefix >> t.bucket_shift) + 1;
    t.bucket.resize(buckets);
    std::size_t o = 0;
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::int64_t at = static_cast<std::int64_t>(b) << t.bucket_shift;
      while (o + 1 < t.workday_prefix.size() && t.workday_prefix[o + 1] <= at) ++o;
      t.bucket[b] = static_cast<std::int32_t>(o);
    }
  }

  std::vector<const CalendarData*> data_;
  CalendarTables tables_;
  std::vector<DayKind> kind_;
  std::vector<std::uint16_t> name_;
  std::vector<bool> explicit_;
  std::vector<Holiday> holidays_;
  std::vector<Holiday> rest_day_rules_;  // the law's holidays that fall on rest days, by year
  std::unordered_map<std::string, std::uint16_t> name_ids_;
};

}  // namespace
}  // namespace detail

namespace {

[[noreturn]] void out_of_range_day(DayNumber day) {
  throw RangeError(
      "WorkingCalendar",
      fmt::format("{} is outside the supported range {}..{}", format_iso_date(day),
                  format_iso_date(kFirstSupportedDay), format_iso_date(kLastSupportedDay)));
}

inline std::size_t checked_offset(DayNumber day) {
  if (day < kFirstSupportedDay || day > kLastSupportedDay) out_of_range_day(day);
  return static_cast<std::size_t>(day - kFirstSupportedDay);
}

// Working minutes from the calendar's first instant to t.
inline std::int64_t elapsed_to(const detail::CalendarTables& t, MinuteStamp stamp) {
  const std::size_t i = checked_offset(day_of(stamp));
  const detail::DayEntry& e = t.days[i];
  return e.prefix + t.schedules[e.schedule].elapsed[static_cast<std::size_t>(minute_of_day(stamp))];
}

// The earliest instant with `target` (> 0) working minutes behind it since the first day.
MinuteStamp instant_at_elapsed(const detail::CalendarTables& tb, std::int64_t target) {
  if (target > tb.total_minutes) {
    throw RangeError("WorkingCalendar", fmt::format("the deadline falls after {}",
                                                    format_iso_date(kLastSupportedDay)));
  }
  // The working day holding the target-th minute: the bucket's ordinal or the next one.
  const std::int64_t k = target - 1;
  std::size_t o =
      static_cast<std::size_t>(tb.bucket[static_cast<std::size_t>(k >> tb.bucket_shift)]);
  if (o + 1 < tb.workday_prefix.size() && tb.workday_prefix[o + 1] <= k) ++o;
  const std::size_t day = static_cast<std::size_t>(tb.workday_offset[o]);
  const auto rest = static_cast<std::size_t>(target - tb.workday_prefix[o]);
  return to_minutes(kFirstSupportedDay + static_cast<DayNumber>(day),
                    tb.schedules[tb.days[day].schedule].reach[rest]);
}

std::shared_ptr<const detail::CalendarTables> build_tables(const CalendarOptions& options) {
  return std::make_shared<const detail::CalendarTables>(detail::Builder(options).build());
}

}  // namespace

WorkingCalendar::WorkingCalendar() {
  static const std::shared_ptr<const detail::CalendarTables> shared =
      build_tables(CalendarOptions{});
  tables_ = shared;
}

WorkingCalendar::WorkingCalendar(const CalendarOptions& options) : tables_(build_tables(options)) {}

bool WorkingCalendar::is_working_day(DayNumber day) const {
  return tables_->days[checked_offset(day)].schedule != detail::CalendarTables::kClosed;
}

DayInfo WorkingCalendar::day_info(DayNumber day) const {
  const detail::DayEntry& e = tables_->days[checked_offset(day)];
  return DayInfo{static_cast<DayKind>(e.kind), tables_->names[e.name]};
}

DayNumber WorkingCalendar::adjust(DayNumber day) const {
  const std::int32_t o = tables_->days[checked_offset(day)].next_workday;
  if (static_cast<std::size_t>(o) >= tables_->workday_offset.size()) out_of_range_day(day);
  return kFirstSupportedDay + tables_->workday_offset[static_cast<std::size_t>(o)];
}

DayNumber WorkingCalendar::advance(DayNumber day, int n) const {
  const std::size_t i = checked_offset(day);
  // Ordinal of the first working day after `day` (n > 0) or of the first on or after it (n < 0,
  // counted back from there).
  const std::int64_t o = n > 0   ? std::int64_t{tables_->days[i + 1].next_workday} + n - 1
                         : n < 0 ? std::int64_t{tables_->days[i].next_workday} + n
                                 : std::int64_t{tables_->days[i].next_workday};
  if (o < 0 || o >= static_cast<std::int64_t>(tables_->workday_offset.size())) {
    throw RangeError(
        "WorkingCalendar",
        fmt::format("{} working days from {} leave the range {}..{}", n, format_iso_date(day),
                    format_iso_date(kFirstSupportedDay), format_iso_date(kLastSupportedDay)));
  }
  return kFirstSupportedDay + tables_->workday_offset[static_cast<std::size_t>(o)];
}

std::int64_t WorkingCalendar::working_days_between(DayNumber from, DayNumber to) const {
  const std::size_t a = checked_offset(from);
  const std::size_t b = checked_offset(to);
  return std::int64_t{tables_->days[b].next_workday} - tables_->days[a].next_workday;
}

MinuteStamp WorkingCalendar::next_working_instant(MinuteStamp t) const {
  const detail::CalendarTables& tb = *tables_;
  const std::size_t i = checked_offset(day_of(t));
  const int m = minute_of_day(t);
  const std::int16_t in_day = tb.schedules[tb.days[i].schedule].next[static_cast<std::size_t>(m)];
  if (in_day >= 0) return t - m + in_day;
  const std::int32_t o = tb.days[i + 1].next_workday;
  if (static_cast<std::size_t>(o) >= tb.workday_offset.size()) out_of_range_day(day_of(t) + 1);
  const std::int32_t day = tb.workday_offset[static_cast<std::size_t>(o)];
  return to_minutes(kFirstSupportedDay + day,
                    tb.schedules[tb.days[static_cast<std::size_t>(day)].schedule].first_start);
}

std::int64_t WorkingCalendar::working_minutes_between(MinuteStamp from, MinuteStamp to) const {
  return elapsed_to(*tables_, to) - elapsed_to(*tables_, from);
}

MinuteStamp WorkingCalendar::add_working_minutes(MinuteStamp t, std::int64_t minutes) const {
  if (minutes < 0) {
    throw ArgumentError("WorkingCalendar", fmt::format("cannot add {} working minutes", minutes));
  }
  const std::int64_t start = elapsed_to(*tables_, t);
  if (minutes == 0) return t;
  return instant_at_elapsed(*tables_, start + minutes);
}

namespace {
// Half away from zero without a libm call: this sits on the per-dossier path.
inline std::int64_t round_minutes(double v) noexcept {
  return v >= 0 ? static_cast<std::int64_t>(v + 0.5) : -static_cast<std::int64_t>(-v + 0.5);
}
}  // namespace

std::int64_t WorkingCalendar::working_minutes_of(StatutoryTime time) const {
  switch (time.unit()) {
    case StatutoryTime::Unit::working_hours:
      return round_minutes(time.amount() * 60.0);
    case StatutoryTime::Unit::working_days:
      return round_minutes(time.amount() * tables_->hours.standard_day_minutes());
    case StatutoryTime::Unit::calendar_days:
      break;
  }
  throw ArgumentError("WorkingCalendar", "calendar days are not working time");
}

MinuteStamp WorkingCalendar::appointment(MinuteStamp received, StatutoryTime time,
                                         std::span<const Pause> pauses, PausePolicy policy) const {
  // Overlapping pauses count once: their union, walked by start.
  std::vector<Pause> sorted;
  if (!std::is_sorted(pauses.begin(), pauses.end(),
                      [](const Pause& a, const Pause& b) { return a.start < b.start; })) {
    sorted.assign(pauses.begin(), pauses.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const Pause& a, const Pause& b) { return a.start < b.start; });
    pauses = sorted;
  }
  std::int64_t extra = 0;
  MinuteStamp paused_until = std::numeric_limits<MinuteStamp>::min();
  for (const Pause& p : pauses) {
    const MinuteStamp from = std::max(p.start, paused_until);
    if (p.end <= from) continue;
    extra +=
        policy == PausePolicy::working_time ? working_minutes_between(from, p.end) : p.end - from;
    paused_until = p.end;
  }
  const MinuteStamp due = appointment_after(received, time, extra, policy);
  if (day_of(due) > kLastSupportedDay) {
    throw RangeError("WorkingCalendar",
                     fmt::format("the appointment falls after {}, the end of the "
                                 "calendar's range",
                                 format_iso_date(kLastSupportedDay)));
  }
  return due;
}

MinuteStamp WorkingCalendar::appointment_after(MinuteStamp received, StatutoryTime time,
                                               std::int64_t extra, PausePolicy policy) const {
  if (time.unit() == StatutoryTime::Unit::calendar_days) {
    const MinuteStamp due =
        next_working_instant(received + static_cast<MinuteStamp>(time.amount()) * kMinutesPerDay);
    return policy == PausePolicy::working_time ? add_working_minutes(due, extra) : due + extra;
  }
  const std::int64_t working = working_minutes_of(time);
  const std::int64_t counted = policy == PausePolicy::working_time ? working + extra : working;
  // Working time does not grow outside office hours, so the elapsed count at the receipt equals
  // the count at the clock's start: one look-up instead of snapping first.
  const MinuteStamp due =
      counted == 0 ? next_working_instant(received)
                   : instant_at_elapsed(*tables_, elapsed_to(*tables_, received) + counted);
  if (policy == PausePolicy::working_time) return due;
  return (working == 0 ? next_working_instant(received)
                       : instant_at_elapsed(*tables_, elapsed_to(*tables_, received) + working)) +
         extra;
}

const WorkingHours& WorkingCalendar::hours() const noexcept {
  return tables_->hours;
}

std::vector<std::string> WorkingCalendar::data_sets() const {
  return tables_->data_sets;
}

bool WorkingCalendar::is_announced(int year) const noexcept {
  return std::binary_search(tables_->announced_years.begin(), tables_->announced_years.end(), year);
}

// --- Boost.Date_Time edge ---------------------------------------------------------------------

namespace {
// Boost's day_number() is the Julian Day Number; 1970-01-01 is JDN 2440588.
constexpr long kJulianDayOfEpoch = 2440588;
}  // namespace

DayNumber to_day_number(const boost::gregorian::date& date) {
  if (date.is_special()) throw ArgumentError("WorkingCalendar", "not a date");
  return static_cast<DayNumber>(static_cast<long>(date.day_number()) - kJulianDayOfEpoch);
}

boost::gregorian::date to_gregorian(DayNumber day) {
  const CivilDate c = civil_from_days(day);
  return {static_cast<unsigned short>(c.year), static_cast<unsigned short>(c.month),
          static_cast<unsigned short>(c.day)};
}

MinuteStamp to_minute_stamp(const boost::posix_time::ptime& t) {
  if (t.is_special()) throw ArgumentError("WorkingCalendar", "not a date-time");
  return to_minutes(to_day_number(t.date()),
                    static_cast<int>(t.time_of_day().total_seconds() / 60));
}

boost::posix_time::ptime to_ptime(MinuteStamp t) {
  return {to_gregorian(day_of(t)), boost::posix_time::minutes(minute_of_day(t))};
}

bool WorkingCalendar::is_working_day(const boost::gregorian::date& day) const {
  return is_working_day(to_day_number(day));
}

DayInfo WorkingCalendar::day_info(const boost::gregorian::date& day) const {
  return day_info(to_day_number(day));
}

boost::posix_time::ptime WorkingCalendar::next_working_instant(
    const boost::posix_time::ptime& t) const {
  return to_ptime(next_working_instant(to_minute_stamp(t)));
}

boost::posix_time::time_duration WorkingCalendar::working_time_between(
    const boost::posix_time::ptime& from, const boost::posix_time::ptime& to) const {
  return boost::posix_time::minutes(
      working_minutes_between(to_minute_stamp(from), to_minute_stamp(to)));
}

boost::posix_time::ptime WorkingCalendar::add_working_time(
    const boost::posix_time::ptime& t, const boost::posix_time::time_duration& d) const {
  return to_ptime(add_working_minutes(to_minute_stamp(t), d.total_seconds() / 60));
}

boost::posix_time::ptime WorkingCalendar::appointment(const boost::posix_time::ptime& received,
                                                      StatutoryTime time) const {
  return to_ptime(appointment(to_minute_stamp(received), time));
}

}  // namespace parmetrics
