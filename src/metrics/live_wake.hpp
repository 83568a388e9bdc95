#pragma once
// When a dossier's evaluation may change with time alone, and the queue of those instants that
// LiveReport keeps. A dossier's evaluation as of T is a step function of T: it changes only where
// some `x <= T` of the rules turns true (x a time of the dossier: its receipt, its end, an event
// or its completion) or where a pending dossier passes its effective appointment or an apology's
// new appointment (x < T by minutes; by days, the first minute of the next day has passed).
// next_wake() gives the first such instant after T, or none; an instant given too early only
// costs a re-evaluation that finds nothing changed. Internal.

#include <cstdint>
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

/// Dossiers to re-evaluate at an instant, with a copy of their columns: by hour, so that pushing
/// is an append and taking what is due reads whole hours in order (and sorts out one at most).
class WakeQueue {
 public:
  struct Due {
    MinuteStamp at = 0;
    JournalRow row;  ///< event_begin into the events of where it is kept
  };

  void push(MinuteStamp at, const JournalRow& row, std::span<const StoredEvent> events) {
    // Pushes come by runs of the same hour (appointments at the start or end of a working day):
    // the last bucket is kept at hand (a map's nodes do not move).
    const std::int64_t hour = hour_of(at);
    if (last_ == nullptr || last_hour_ != hour) {
      last_ = &buckets_[hour];
      last_hour_ = hour;
    }
    Bucket& b = *last_;
    Due d{at, row};
    d.row.event_begin = static_cast<std::uint32_t>(b.events.size());
    b.events.insert(b.events.end(), events.begin(), events.end());
    b.entries.push_back(d);
    ++size_;
  }

  /// Moves every entry due at or before `until` into `due` and `events` (cleared first).
  void take(MinuteStamp until, std::vector<Due>& due, std::vector<StoredEvent>& events) {
    due.clear();
    events.clear();
    const std::int64_t last = hour_of(until);
    while (!buckets_.empty() && buckets_.begin()->first <= last) {
      Bucket& b = buckets_.begin()->second;
      if (last_ == &b) last_ = nullptr;
      if (buckets_.begin()->first < last) {
        // A whole hour due: its entries as they are.
        size_ -= b.entries.size();
        if (due.empty()) {
          due.swap(b.entries);
          events.swap(b.events);
        } else {
          move_into(b, b.entries, due, events);
        }
        buckets_.erase(buckets_.begin());
        continue;
      }
      // The hour of `until`, partly due.
      std::vector<Due> later;
      std::vector<Due> now;
      for (const Due& d : b.entries) (d.at <= until ? now : later).push_back(d);
      size_ -= now.size();
      move_into(b, now, due, events);
      if (later.empty()) {
        buckets_.erase(buckets_.begin());
      } else {
        Bucket kept;
        move_into(b, later, kept.entries, kept.events);
        b = std::move(kept);
      }
      break;
    }
  }

  /// Takes every entry of `other` in.
  void absorb(WakeQueue&& other) {
    for (auto& [hour, bucket] : other.buckets_) {
      Bucket& b = buckets_[hour];
      size_ += bucket.entries.size();
      if (b.entries.empty()) {
        b = std::move(bucket);
      } else {
        move_into(bucket, bucket.entries, b.entries, b.events);
      }
    }
    other.buckets_.clear();
    other.last_ = nullptr;
    other.size_ = 0;
  }

  std::size_t size() const noexcept { return size_; }

 private:
  struct Bucket {
    std::vector<Due> entries;
    std::vector<StoredEvent> events;
  };

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
  static std::int64_t hour_of(MinuteStamp t) noexcept { return t >= 0 ? t / 60 : (t - 59) / 60; }

  std::map<std::int64_t, Bucket> buckets_;
  Bucket* last_ = nullptr;
  std::int64_t last_hour_ = 0;
  std::size_t size_ = 0;
};

}  // namespace parmetrics::detail
