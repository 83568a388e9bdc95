// The live store's rules: what each update checks, in the importers' words, before
// LiveSegments writes the new version of the row. Every update reads the row into a reused
// Dossier (no allocation once warm), checks, changes one field or event, and writes it back.

#include <parmetrics/model/live_store.hpp>

#include <parmetrics/error.hpp>

#include <fmt/format.h>

#include <algorithm>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/model/dossier_check.hpp>

#include "io/csv_common.hpp"
#include "model/dossier_store_access.hpp"
#include "model/live_segments.hpp"

namespace parmetrics {

namespace {

using detail::Reason;
using detail::reason_text;

constexpr const char* kOrigin = "LiveStore";
// Words of the rules the importers have no record for (a row is read once there).
constexpr const char* kAlreadyEnded = "already ended";
constexpr const char* kAlreadyReturned = "result already returned";
constexpr const char* kRequestOpen = "a supplement request is already open";

std::string location(std::string_view code) {
  return fmt::format("dossier {}", code.size() <= 64 ? code : code.substr(0, 64));
}

/// A field as the errors name it: "ended_at", "supplements" or "supplements[1].completed" (the
/// text made only when an error names it).
struct Field {
  const char* name;
  std::size_t index = 0;
  const char* member = nullptr;
  std::string text() const {
    return member == nullptr ? std::string(name) : fmt::format("{}[{}].{}", name, index, member);
  }
};

[[noreturn]] void reject(std::string_view code, std::string field, std::string_view reason) {
  throw DataError(kOrigin, location(code), std::move(field), std::string(reason));
}

[[noreturn]] void reject(std::string_view code, const Field& field, std::string_view reason) {
  reject(code, field.text(), reason);
}

bool in_range(MinuteStamp t) noexcept {
  return t >= to_minutes(kFirstSupportedDay) && t < to_minutes(kLastSupportedDay + 1);
}

/// RangeError unless `t` lies in the calendar's range (the importers' "time outside …").
void check_range(const char* where, std::string_view code, const Field& field, MinuteStamp t) {
  if (!in_range(t)) {
    throw RangeError(where, fmt::format("{}: field '{}': {}", location(code), field.text(),
                                        reason_text(Reason::time_out_of_range)));
  }
}

/// Every time of a dossier to append in the calendar's range (fields named only on failure).
void check_ranges(const Dossier& d) {
  const auto check = [&](const Field& field, const std::optional<MinuteStamp>& t) {
    if (t) check_range("LiveStore::append", d.code, field, *t);
  };
  check({"received_at"}, d.received);
  check({"appointment_at"}, d.appointment);
  check({"ended_at"}, d.ended);
  check({"returned_at"}, d.returned);
  for (std::size_t i = 0; i < d.supplements.size(); ++i) {
    check({"supplements", i, "requested"}, d.supplements[i].requested);
    check({"supplements", i, "completed"}, d.supplements[i].completed);
  }
  for (std::size_t i = 0; i < d.apologies.size(); ++i) {
    check({"apologies", i, "issued"}, d.apologies[i].issued);
    check({"apologies", i, "new_appointment"}, d.apologies[i].new_appointment);
  }
}

/// Nothing recorded after `end` (the events the end would come before).
void check_nothing_after(const Dossier& d, MinuteStamp end) {
  for (std::size_t i = 0; i < d.supplements.size(); ++i) {
    const SupplementRequest& s = d.supplements[i];
    if (s.requested > end) {
      reject(d.code, Field{"supplements", i, "requested"},
             reason_text(Reason::supplement_after_end));
    }
    if (s.completed && *s.completed > end) {
      reject(d.code, Field{"supplements", i, "completed"},
             reason_text(Reason::completion_after_end));
    }
  }
  for (std::size_t i = 0; i < d.apologies.size(); ++i) {
    if (d.apologies[i].issued > end) {
      reject(d.code, Field{"apologies", i, "issued"}, reason_text(Reason::apology_after_end));
    }
  }
}

/// Where an event at `t` goes among those of `list` (after those at the same time).
template <class List, class Time>
std::size_t position(const List& list, MinuteStamp t, Time time) {
  return static_cast<std::size_t>(
      std::count_if(list.begin(), list.end(), [&](const auto& e) { return time(e) <= t; }));
}

}  // namespace

LiveStore::LiveStore(const UnitRegistry& units, const ProcedureCatalog& procedures,
                     const WorkingCalendar& calendar, LiveStoreOptions options)
    : units_(units), procedures_(procedures), calendar_(calendar), options_(options) {
  if (options_.tail_rows == 0) throw ArgumentError("LiveStore", "tail_rows must be at least 1");
  if (options_.merge_factor < 2) {
    throw ArgumentError("LiveStore", "merge_factor must be at least 2");
  }
  segments_ = std::make_unique<detail::LiveSegments>(options_);
}

LiveStore::LiveStore(DossierStore base, const UnitRegistry& units,
                     const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                     LiveStoreOptions options)
    : LiveStore(units, procedures, calendar, options) {
  live_ = base.size();
  segments_->adopt(std::move(base));
}

LiveStore::~LiveStore() = default;

void LiveStore::before_write() {
  segments_->maintain(false);
}

std::optional<LiveStore::Location> LiveStore::locate(std::string_view code,
                                                     std::size_t hash) const {
  const auto at = segments_->locate(code, hash);
  if (!at) return std::nullopt;
  return Location{at->segment, at->row};
}

LiveStore::Location LiveStore::load(std::string_view code, std::size_t hash) {
  const auto at = locate(code, hash);
  if (!at) reject(code, Field{"code"}, reason_text(Reason::unknown_dossier));
  detail::DossierStoreAccess::read_row(segments_->store_of({at->segment, at->row}), at->row,
                                       scratch_);
  return *at;
}

void LiveStore::supersede(const Location& old, std::size_t hash) {
  const detail::LiveSegments::Location at{old.segment, old.row};
  const bool computed =
      dossier_status::appointment_computed(segments_->store_of(at).status()[old.row]);
  segments_->supersede(at, scratch_, hash, computed);
}

void LiveStore::append(const Dossier& d) {
  if (d.code.empty()) reject(d.code, Field{"code"}, reason_text(Reason::missing_value));
  check_ranges(d);
  if (const auto problem = check_dossier(d, units_, procedures_)) {
    reject(d.code, problem->field, problem->reason);
  }
  const std::lock_guard<std::mutex> lock(mutex_);
  before_write();
  const std::size_t hash = DossierStore::code_hash(d.code);
  if (locate(d.code, hash)) reject(d.code, Field{"code"}, reason_text(Reason::duplicate_dossier));
  scratch_ = d;
  // An end time with no kind is an end (as the importers read it).
  if (scratch_.ended && scratch_.end_kind == EndKind::none) scratch_.end_kind = EndKind::finished;
  bool computed = false;
  if (!d.appointment && d.procedure && procedures_[*d.procedure].has_statutory_time()) {
    bool beyond = false;
    try {
      scratch_.appointment = calendar_.appointment(d.received, procedures_[*d.procedure].duration);
      beyond = day_of(*scratch_.appointment) > kLastSupportedDay;
    } catch (const RangeError&) {
      beyond = true;
    }
    if (beyond) {
      reject(d.code, Field{"received_at"}, reason_text(Reason::appointment_beyond_calendar));
    }
    computed = true;
  }
  segments_->append(scratch_, d.code, hash, computed);
  ++live_;
}

template <class Change>
void LiveStore::update(std::string_view code, Change change) {
  const std::lock_guard<std::mutex> lock(mutex_);
  before_write();
  const std::size_t hash = DossierStore::code_hash(code);
  const Location old = load(code, hash);
  change(scratch_);  // checks (a throw leaves the store as it was), then changes the row
  supersede(old, hash);
}

void LiveStore::record_end(std::string_view code, Minute at, EndKind kind) {
  if (kind == EndKind::none) throw ArgumentError("LiveStore::record_end", "the end kind is none");
  const MinuteStamp t = at.value();
  update(code, [&](Dossier& d) {
    const Field field{"ended_at"};
    check_range("LiveStore::record_end", code, field, t);
    if (d.ended || d.end_kind != EndKind::none) reject(code, field, kAlreadyEnded);
    if (t < d.received) reject(code, field, reason_text(Reason::end_before_receipt));
    check_nothing_after(d, t);
    d.ended = t;
    d.end_kind = kind;
  });
}

void LiveStore::record_returned(std::string_view code, Minute at) {
  const MinuteStamp t = at.value();
  update(code, [&](Dossier& d) {
    const Field field{"returned_at"};
    check_range("LiveStore::record_returned", code, field, t);
    if (d.returned) reject(code, field, kAlreadyReturned);
    if (t < d.received) reject(code, field, reason_text(Reason::returned_before_receipt));
    d.returned = t;
  });
}

void LiveStore::request_supplement(std::string_view code, Minute at) {
  const MinuteStamp t = at.value();
  update(code, [&](Dossier& d) {
    const std::size_t k =
        position(d.supplements, t, [](const SupplementRequest& s) { return s.requested; });
    const Field field{"supplements", k, "requested"};
    check_range("LiveStore::request_supplement", code, field, t);
    if (t < d.received) reject(code, field, reason_text(Reason::event_before_receipt));
    if (d.ended && t > *d.ended) reject(code, field, reason_text(Reason::supplement_after_end));
    for (const SupplementRequest& s : d.supplements) {
      if (!s.completed) reject(code, field, kRequestOpen);
    }
    d.supplements.insert(d.supplements.begin() + static_cast<std::ptrdiff_t>(k), {t, std::nullopt});
  });
}

void LiveStore::complete_supplement(std::string_view code, Minute at) {
  const MinuteStamp t = at.value();
  update(code, [&](Dossier& d) {
    // The latest open request (as the events importer pairs a completion).
    std::size_t open = d.supplements.size();
    for (std::size_t i = 0; i < d.supplements.size(); ++i) {
      if (!d.supplements[i].completed) open = i;
    }
    if (open == d.supplements.size()) {
      reject(code, Field{"supplements"}, reason_text(Reason::no_open_request));
    }
    const Field field{"supplements", open, "completed"};
    check_range("LiveStore::complete_supplement", code, field, t);
    if (t < d.supplements[open].requested) {
      reject(code, field, reason_text(Reason::completed_before_requested));
    }
    if (d.ended && t > *d.ended) reject(code, field, reason_text(Reason::completion_after_end));
    d.supplements[open].completed = t;
  });
}

void LiveStore::record_apology(std::string_view code, const ApologyRecord& apology) {
  const MinuteStamp t = apology.issued.value();
  update(code, [&](Dossier& d) {
    const std::size_t k = position(d.apologies, t, [](const Apology& a) { return a.issued; });
    const Field field{"apologies", k, "issued"};
    check_range("LiveStore::record_apology", code, field, t);
    if (t < d.received) reject(code, field, reason_text(Reason::event_before_receipt));
    if (d.ended && t > *d.ended) reject(code, field, reason_text(Reason::apology_after_end));
    std::optional<MinuteStamp> promised;
    if (apology.new_appointment) {
      const Field when{"apologies", k, "new_appointment"};
      promised = apology.new_appointment->value();
      check_range("LiveStore::record_apology", code, when, *promised);
      if (*promised < t) reject(code, when, reason_text(Reason::new_appointment_before_apology));
    }
    d.apologies.insert(d.apologies.begin() + static_cast<std::ptrdiff_t>(k),
                       {t, promised, apology.is_public});
  });
}

std::optional<Dossier> LiveStore::find(std::string_view code) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto at = locate(code, DossierStore::code_hash(code));
  if (!at) return std::nullopt;
  return segments_->store_of({at->segment, at->row}).row(at->row);
}

std::size_t LiveStore::size() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return live_;
}

std::shared_ptr<const StoreSnapshot> LiveStore::snapshot() {
  const std::lock_guard<std::mutex> lock(mutex_);
  return segments_->snapshot(this);
}

void LiveStore::finish_merges() {
  const std::lock_guard<std::mutex> lock(mutex_);
  segments_->maintain(true);
}

LiveStoreStats LiveStore::stats() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return segments_->stats();
}

std::optional<Dossier> StoreSnapshot::find(std::string_view code) const {
  const std::size_t hash = DossierStore::code_hash(code);
  for (std::size_t s = segments_.size(); s-- > 0;) {
    const Segment& seg = segments_[s];
    const auto i = seg.store->find(code, hash);
    if (i && seg.live(*i)) return seg.store->row(*i);
  }
  return std::nullopt;
}

Dossier StoreSnapshot::row(std::size_t position) const {
  std::size_t rest = position;
  for (const Segment& seg : segments_) {
    if (rest < seg.store->size()) return seg.store->row(static_cast<DossierStore::Index>(rest));
    rest -= seg.store->size();
  }
  throw RangeError("StoreSnapshot::row",
                   fmt::format("no position {} in a snapshot of {} rows", position, rows_));
}

}  // namespace parmetrics
