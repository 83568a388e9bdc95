#pragma once
// When a dossier's evaluation may change with time alone, and the queue of those instants that
// LiveReport keeps. A dossier's evaluation as of T is a step function of T: it changes only where
// some `x <= T` of the rules turns true (x a time of the dossier: its receipt, its end, an event
// or its completion) or where a pending dossier passes its effective appointment or an apology's
// new appointment (x < T by minutes; by days, the first minute of the next day has passed).
// next_wake() gives the first such instant after T, or none; an instant given too early only
// costs a re-evaluation that finds nothing changed. Internal.

#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <span>
#include <vector>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/metrics/timeliness.hpp>

#include "metrics/evaluate.hpp"
#include "model/live_journal.hpp"

namespace parmetrics::detail {

inline constexpr MinuteStamp kNever = std::numeric_limits<MinuteStamp>::max();

/// The first instant after which a pending dossier is past `due` (as pending_instant and after()
/// read it).
inline MinuteStamp past(MinuteStamp due, Granularity g) noexcept {
  return g == Granularity::minute ? due + 1 : to_minutes(day_of(due) + 1) + 1;
}

/// The first instant after `as_of` at which the evaluation of `r` as of it may differ from its
/// evaluation as of `as_of`; kNever when none.
inline MinuteStamp next_wake(const JournalRow& r, std::span<const StoredEvent> events,
                             MinuteStamp as_of, const WorkingCalendar& calendar,
                             const TimelinessPolicy& policy) {
  MinuteStamp next = kNever;
  const auto consider = [&](MinuteStamp t) {
    if (t > as_of && t < next) next = t;
  };
  consider(r.received);
  if (r.ended != kNoTime && r.ended != kEndUnknown) consider(r.ended);
  for (const StoredEvent& e : events) {
    consider(e.at);
    if (e.second != kNoTime) consider(e.second);
  }
  const bool ended = r.ended != kNoTime && r.ended <= as_of;
  if (ended || r.received > as_of || r.appointment == kNoTime) return next;
  // Pending: it falls due past its effective appointment (moved by the pauses completed by
  // now: with no event, the appointment itself), and past each new appointment an apology
  // announced by now.
  if (events.empty()) {
    consider(past(r.appointment, policy.granularity));
    return next;
  }
  const DossierEvaluation ev = evaluate_inline(r.received, r.appointment, r.ended, r.status, events,
                                               as_of, calendar, policy);
  consider(past(ev.effective_appointment, policy.granularity));
  for (const StoredEvent& e : events) {
    if (e.kind == EventKind::apology && e.at <= as_of && e.second != kNoTime) {
      consider(past(e.second, policy.granularity));
    }
  }
  return next;
}

/// Whether `r` may change after `as_of` without a write, cheaply: false for a dossier ended by
/// then whose every time has come (most of a store).
inline bool may_change(const JournalRow& r, std::span<const StoredEvent> events,
                       MinuteStamp as_of) noexcept {
  if (r.ended == kNoTime || (r.ended != kEndUnknown && r.ended > as_of) || r.received > as_of) {
    return true;
  }
  for (const StoredEvent& e : events) {
    if (e.at > as_of || (e.second != kNoTime && e.second > as_of)) return true;
  }
  return false;
}

/// Dossiers to re-evaluate at an instant, with a copy of their columns, by hour: the next 64 days'
/// hours in a window indexed by hour (a push is an append to its hour's bucket), later ones in a
/// map; taking what is due moves whole hours, and sorts out one at most.
class WakeQueue {
 public:
  struct Due {
    MinuteStamp at = 0;
    JournalRow row;  ///< event_begin into the events of where it is kept
  };

  /// Every push comes after `as_of`.
  explicit WakeQueue(MinuteStamp as_of = 0) : base_(hour_of(as_of)) {}

  MinuteStamp start() const noexcept { return base_ * 60; }

  void push(MinuteStamp at, const JournalRow& row, std::span<const StoredEvent> events) {
    Bucket& b = bucket(hour_of(at));
    Due d{at, row};
    d.row.event_begin = static_cast<std::uint32_t>(b.events.size());
    b.events.insert(b.events.end(), events.begin(), events.end());
    b.entries.push_back(d);
    ++size_;
  }

  /// Moves every entry due at or before `until` into `due` and `events` (cleared first); later
  /// pushes come after `until`.
  void take(MinuteStamp until, std::vector<Due>& due, std::vector<StoredEvent>& events) {
    due.clear();
    events.clear();
    const std::int64_t last = hour_of(until);
    for (; base_ < last && !window_.empty(); ++base_) {
      take_whole(window_.front(), due, events);
      window_.pop_front();
    }
    if (window_.empty()) base_ = std::max(base_, last);
    if (!window_.empty() && base_ == last) take_part(window_.front(), until, due, events);
    while (!later_.empty() && later_.begin()->first <= last) {
      Bucket& b = later_.begin()->second;
      if (later_.begin()->first < last) {
        take_whole(b, due, events);
      } else {
        take_part(b, until, due, events);
        if (!b.entries.empty()) break;
      }
      later_.erase(later_.begin());
    }
  }

  /// Takes every entry of `other` in (its pushes came after this one's start).
  void absorb(WakeQueue&& other) {
    for (std::size_t i = 0; i < other.window_.size(); ++i) {
      append(bucket(other.base_ + static_cast<std::int64_t>(i)), other.window_[i]);
    }
    for (auto& [hour, b] : other.later_) append(bucket(hour), b);
    size_ += other.size_;
    other = WakeQueue(other.start());
  }

  std::size_t size() const noexcept { return size_; }

 private:
  struct Bucket {
    std::vector<Due> entries;
    std::vector<StoredEvent> events;
  };
  static constexpr std::int64_t kWindow = 64 * 24;

  static std::int64_t hour_of(MinuteStamp t) noexcept { return t >= 0 ? t / 60 : (t - 59) / 60; }

  Bucket& bucket(std::int64_t hour) {
    const std::int64_t offset = hour - base_;
    if (offset < 0 || offset >= kWindow) return later_[hour];
    if (static_cast<std::size_t>(offset) >= window_.size()) {
      window_.resize(static_cast<std::size_t>(offset) + 1);
    }
    return window_[static_cast<std::size_t>(offset)];
  }

  /// Appends `entries` (of bucket `from`) with their events to `to` and `to_events`.
  static void move_into(const Bucket& from, const std::vector<Due>& entries, std::vector<Due>& to,
                        std::vector<StoredEvent>& to_events) {
    for (Due d : entries) {
      const auto own =
          std::span<const StoredEvent>(from.events).subspan(d.row.event_begin, d.row.event_count);
      d.row.event_begin = static_cast<std::uint32_t>(to_events.size());
      to_events.insert(to_events.end(), own.begin(), own.end());
      to.push_back(d);
    }
  }
  static void append(Bucket& to, const Bucket& from) {
    move_into(from, from.entries, to.entries, to.events);
  }

  void take_whole(Bucket& b, std::vector<Due>& due, std::vector<StoredEvent>& events) {
    size_ -= b.entries.size();
    if (due.empty()) {
      due.swap(b.entries);
      events.swap(b.events);
    } else {
      move_into(b, b.entries, due, events);
    }
    b = Bucket{};
  }

  /// The entries of `b` due by `until` into `due`; the others stay.
  void take_part(Bucket& b, MinuteStamp until, std::vector<Due>& due,
                 std::vector<StoredEvent>& events) {
    std::vector<Due> now, later;
    for (const Due& d : b.entries) (d.at <= until ? now : later).push_back(d);
    size_ -= now.size();
    move_into(b, now, due, events);
    Bucket kept;
    move_into(b, later, kept.entries, kept.events);
    b = std::move(kept);
  }

  std::int64_t base_;                     ///< the hour of window_[0]
  std::deque<Bucket> window_;             ///< hours base_ … base_ + kWindow - 1
  std::map<std::int64_t, Bucket> later_;  ///< the others
  std::size_t size_ = 0;
};

}  // namespace parmetrics::detail
