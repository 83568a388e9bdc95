#include <parmetrics/calendar/working_hours.hpp>

#include <parmetrics/error.hpp>

#include <fmt/format.h>

#include <stdexcept>

#include <parmetrics/calendar/iso_format.hpp>

namespace parmetrics {

namespace {

const DaySchedule& default_schedule() {
  static const DaySchedule schedule{{7 * 60, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};
  return schedule;
}

}  // namespace

DaySchedule::DaySchedule(std::initializer_list<TimeInterval> intervals) {
  for (const TimeInterval& i : intervals) append(i);
  if (count_ == 0) throw ArgumentError("WorkingHours", "a day needs at least one interval");
}

void DaySchedule::append(TimeInterval interval) {
  if (count_ == kMaxIntervals) {
    throw ArgumentError("WorkingHours", fmt::format("at most {} intervals a day", kMaxIntervals));
  }
  if (interval.start < 0 || interval.end > 24 * 60 || interval.start >= interval.end) {
    // Minutes of the day as a schedule writes them: 420 → "07:00".
    const auto hhmm = [](int m) {
      return m < 0 ? fmt::format("{} min", m) : fmt::format("{:02}:{:02}", m / 60, m % 60);
    };
    throw ArgumentError("WorkingHours", fmt::format("interval {}-{} is empty or outside the day",
                                                    hhmm(interval.start), hhmm(interval.end)));
  }
  if (count_ > 0 && interval.start < intervals_[count_ - 1].end) {
    throw ArgumentError("WorkingHours", "intervals must be sorted and must not overlap");
  }
  intervals_[count_++] = interval;
}

DaySchedule DaySchedule::parse(std::string_view text) {
  DaySchedule s;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t comma = std::min(text.find(',', pos), text.size());
    const std::string_view part = text.substr(pos, comma - pos);
    const std::size_t dash = part.find('-');
    const auto from = parse_clock(part.substr(0, dash));
    const auto to =
        dash == std::string_view::npos ? std::nullopt : parse_clock(part.substr(dash + 1));
    if (!from || !to) {
      throw ArgumentError("WorkingHours",
                          fmt::format("'{}' is not an interval HH:MM-HH:MM (in '{}')", part, text));
    }
    s.append({static_cast<std::int16_t>(*from), static_cast<std::int16_t>(*to)});
    pos = comma + 1;
  }
  return s;
}

int DaySchedule::minutes() const noexcept {
  int total = 0;
  for (const TimeInterval& i : *this) total += i.end - i.start;
  return total;
}

std::string DaySchedule::to_string() const {
  std::string s;
  for (const TimeInterval& i : *this) {
    if (!s.empty()) s += ',';
    s += fmt::format("{:02}:{:02}-{:02}:{:02}", i.start / 60, i.start % 60, i.end / 60, i.end % 60);
  }
  return s;
}

bool operator==(const DaySchedule& a, const DaySchedule& b) noexcept {
  if (a.count_ != b.count_) return false;
  for (std::size_t i = 0; i < a.count_; ++i) {
    if (!(a.intervals_[i] == b.intervals_[i])) return false;
  }
  return true;
}

WorkingHours::WorkingHours() : WorkingHours(default_schedule()) {}

WorkingHours::WorkingHours(const DaySchedule& every_day) : standard_(every_day) {
  if (every_day.empty()) throw ArgumentError("WorkingHours", "the day has no interval");
  days_.fill(every_day);
}

WorkingHours& WorkingHours::set(unsigned weekday, const DaySchedule& schedule) {
  if (weekday > 6) throw ArgumentError("WorkingHours", "weekday must be 0..6");
  if (schedule.empty()) throw ArgumentError("WorkingHours", "the day has no interval");
  days_[weekday] = schedule;
  return *this;
}

WorkingHours& WorkingHours::set_standard_day(const DaySchedule& schedule) {
  if (schedule.empty()) throw ArgumentError("WorkingHours", "the day has no interval");
  standard_ = schedule;
  return *this;
}

}  // namespace parmetrics
