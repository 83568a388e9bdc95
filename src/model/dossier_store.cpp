#include <parmetrics/model/dossier_store.hpp>

#include <parmetrics/error.hpp>

#include <fmt/format.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <algorithm>
#include <bit>
#include <stdexcept>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/model/procedure.hpp>

namespace parmetrics {

StoredTime to_stored_time(MinuteStamp t) {
  if (t <= kEndUnknown || t > std::numeric_limits<StoredTime>::max()) {
    throw RangeError("DossierStore", fmt::format("time {} minutes does not fit in 32 bits", t));
  }
  return static_cast<StoredTime>(t);
}

namespace {

constexpr std::uint32_t kCanonical = 0x80000000u;
constexpr std::uint32_t kCounterBits = 14;  // counters 0..9999 of "-NNNN"
constexpr std::uint32_t kMaxPrefixes = 1u << (31 - kCounterBits);
constexpr std::uint32_t kNoPrefix = std::numeric_limits<std::uint32_t>::max();
// Units whose last prefix encode_code remembers (a province has a few thousand).
constexpr std::uint32_t kMaxRememberedUnits = 1u << 20;
// A free slot. No entry is all ones: an index is below 2^32 - 1.
constexpr std::uint64_t kEmptySlot = std::numeric_limits<std::uint64_t>::max();

constexpr std::uint64_t slot_entry(std::uint32_t index, std::size_t hash) noexcept {
  return (static_cast<std::uint64_t>(hash) & 0xFFFFFFFF00000000ull) | index;
}

StoredTime stored_or_none(const std::optional<MinuteStamp>& t) {
  return t ? to_stored_time(*t) : kNoTime;
}

// "-yyMMdd-NNNN" of a day and counter, into out (12 characters).
void render_suffix(DayNumber day, std::uint32_t counter, char* out) {
  const CivilDate c = civil_from_days(day);
  const int yy = ((c.year % 100) + 100) % 100;
  const unsigned parts[] = {static_cast<unsigned>(yy), c.month, c.day};
  *out++ = '-';
  for (unsigned v : parts) {
    *out++ = static_cast<char>('0' + v / 10);
    *out++ = static_cast<char>('0' + v % 10);
  }
  *out++ = '-';
  for (unsigned div = 1000; div > 0; div /= 10)
    *out++ = static_cast<char>('0' + counter / div % 10);
}

}  // namespace

std::uint32_t DossierStore::encode_code(std::string_view code, StoredTime received, UnitId unit) {
  // The usual form ends in "-yyMMdd-NNNN" where yyMMdd is the day of receipt.
  if (code.size() > 12) {
    const std::string_view prefix = code.substr(0, code.size() - 12);
    const std::string_view tail = code.substr(code.size() - 4);
    if (std::all_of(tail.begin(), tail.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      std::uint32_t counter = 0;
      for (const char ch : tail) counter = counter * 10 + static_cast<std::uint32_t>(ch - '0');
      // Exports come in receipt order: the day's "-yyMMdd-" is rendered once per day.
      const DayNumber day = day_of(received);
      if (day != suffix_day_) {
        render_suffix(day, 0, suffix_);
        suffix_day_ = day;
      }
      if (code.substr(code.size() - 12, 8) == std::string_view(suffix_, 8)) {
        // A unit's codes share one prefix (its code, in the national form): ask the unit first,
        // and the table of prefixes only when it has another.
        if (unit < prefix_of_unit_.size() && prefix_of_unit_[unit] != kNoPrefix &&
            code_prefixes_[prefix_of_unit_[unit]] == prefix) {
          return kCanonical | prefix_of_unit_[unit] << kCounterBits | counter;
        }
        auto it = prefix_ids_.find(prefix);
        if (it == prefix_ids_.end() && code_prefixes_.size() < kMaxPrefixes) {
          it = prefix_ids_
                   .emplace(std::string(prefix), static_cast<std::uint32_t>(code_prefixes_.size()))
                   .first;
          code_prefixes_.emplace_back(prefix);
        }
        if (it != prefix_ids_.end()) {
          if (unit < kMaxRememberedUnits) {
            if (unit >= prefix_of_unit_.size()) prefix_of_unit_.resize(unit + 1, kNoPrefix);
            prefix_of_unit_[unit] = it->second;
          }
          return kCanonical | it->second << kCounterBits | counter;
        }
      }
    }
  }
  if (verbatim_.size() + code.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw RangeError("DossierStore", "dossier codes exceed 4 GiB");
  }
  if (verbatim_begin_.size() == verbatim_begin_.capacity()) reserve_verbatim(code.size());
  verbatim_ += code;
  verbatim_begin_.push_back(static_cast<std::uint32_t>(verbatim_.size()));
  return static_cast<std::uint32_t>(verbatim_begin_.size() - 2);
}

void DossierStore::reserve_verbatim(std::size_t next_size) {
  // Grown by doubling, the verbatim codes and their offsets would be copied again and again in
  // a store of arbitrary codes (issue 13). Size them for the dossiers the store has room for, at
  // the share and length of verbatim codes so far; doubling only when the guess is passed.
  const std::size_t codes = verbatim_begin_.size() - 1;
  const std::size_t room =
      code_ref_.capacity() > code_ref_.size() ? code_ref_.capacity() - code_ref_.size() : 0;
  const std::size_t expected =
      code_ref_.empty() ? room : room * codes / code_ref_.size();  // verbatim among the rest
  const std::size_t want = std::max(codes + expected + 1, 2 * verbatim_begin_.capacity());
  const std::size_t mean = codes == 0 ? next_size + 1 : verbatim_.size() / codes + 1;
  verbatim_begin_.reserve(std::max<std::size_t>(want, 16));
  verbatim_.reserve(verbatim_.size() + (want - codes) * mean);
}

std::string_view DossierStore::code_view(Index i, std::string& scratch) const {
  if (i >= size()) {
    throw RangeError("DossierStore::code",
                     fmt::format("no dossier {} in a store of {}", i, size()));
  }
  const std::uint32_t ref = code_ref_[i];
  if ((ref & kCanonical) == 0) {
    return std::string_view(verbatim_).substr(verbatim_begin_[ref],
                                              verbatim_begin_[ref + 1] - verbatim_begin_[ref]);
  }
  const std::string& prefix = code_prefixes_[(ref & ~kCanonical) >> kCounterBits];
  scratch.resize(prefix.size() + 12);
  std::copy(prefix.begin(), prefix.end(), scratch.begin());
  render_suffix(day_of(received_[i]), ref & ((1u << kCounterBits) - 1),
                scratch.data() + prefix.size());
  return scratch;
}

std::string DossierStore::code(Index i) const {
  std::string scratch;
  const std::string_view v = code_view(i, scratch);
  return v.data() == scratch.data() ? scratch : std::string(v);
}

bool DossierStore::code_equals(Index i, std::string_view c) const noexcept {
  const std::uint32_t ref = code_ref_[i];
  if ((ref & kCanonical) == 0) {
    return std::string_view(verbatim_).substr(verbatim_begin_[ref],
                                              verbatim_begin_[ref + 1] - verbatim_begin_[ref]) == c;
  }
  const std::string& prefix = code_prefixes_[(ref & ~kCanonical) >> kCounterBits];
  if (c.size() != prefix.size() + 12 || !c.starts_with(prefix)) return false;
  char suffix[12];
  render_suffix(day_of(received_[i]), ref & ((1u << kCounterBits) - 1), suffix);
  return c.substr(prefix.size()) == std::string_view(suffix, 12);
}

namespace {
// madvise(MADV_HUGEPAGE) on the 2 MiB pages inside [p, p + bytes): a hint, nothing on failure.
void advise_huge_pages(void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}
}  // namespace

std::size_t DossierStore::code_hash(std::string_view code) noexcept {
  return std::hash<std::string_view>{}(code);
}

void DossierStore::index_code(Index i, std::size_t hash) {
  const std::size_t mask = code_slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    if (code_slots_[slot] == kEmptySlot) {
      code_slots_[slot] = slot_entry(i, hash);
      return;
    }
  }
}

void DossierStore::resize_code_index(std::size_t slots) {
  const std::size_t n = std::max<std::size_t>(16, std::bit_ceil(slots));
  {
    // A fresh block, offered to transparent huge pages before its first touch: each probe lands
    // at random in a table far larger than the TLB covers in 4 KiB pages (issue 13).
    decltype(code_slots_) fresh;
    fresh.reserve(n);
    advise_huge_pages(fresh.data(), n * sizeof(fresh[0]));
    fresh.assign(n, kEmptySlot);
    code_slots_.swap(fresh);
  }
  std::string scratch;
  for (Index i = 0; i < code_ref_.size(); ++i) index_code(i, code_hash(code_view(i, scratch)));
}

void DossierStore::reserve(std::size_t n) {
  procedure_.reserve(n);
  unit_.reserve(n);
  if (!commune_.empty()) commune_.reserve(n);
  received_.reserve(n);
  appointment_.reserve(n);
  ended_.reserve(n);
  returned_.reserve(n);
  flags_.reserve(n);
  status_.reserve(n);
  event_begin_.reserve(n + 1);
  code_ref_.reserve(n);
  // At most three quarters full once n dossiers are in, so that appending them never re-indexes.
  if (3 * code_slots_.size() < 4 * n) resize_code_index(4 * n / 3 + 1);
}

DossierStore::Index DossierStore::append(const Dossier& d) {
  return append(d, d.code);
}

DossierStore::Index DossierStore::append(const Dossier& d, std::string_view code) {
  return append(d, code, code_hash(code));
}

DossierStore::Index DossierStore::append(const Dossier& d, std::string_view code,
                                         std::size_t hash) {
  if (size() >= std::numeric_limits<Index>::max() - 1)
    throw RangeError("DossierStore", "too many dossiers");
  if (code.empty()) throw ArgumentError("DossierStore", "empty code");
  check_times(d);
  if (find(code, hash)) {
    throw ArgumentError("DossierStore", fmt::format("duplicate dossier code {}",
                                                    code.size() <= 64 ? code : code.substr(0, 64)));
  }
  return push(d, code, hash, false, std::nullopt);
}

void DossierStore::check_times(const Dossier& d) {
  (void)to_stored_time(d.received);
  (void)stored_or_none(d.appointment);
  (void)stored_or_none(d.ended);
  (void)stored_or_none(d.returned);
  for (const SupplementRequest& s : d.supplements) {
    (void)to_stored_time(s.requested);
    (void)stored_or_none(s.completed);
  }
  for (const Apology& a : d.apologies) {
    (void)to_stored_time(a.issued);
    (void)stored_or_none(a.new_appointment);
  }
}

DossierStore::Index DossierStore::push(const Dossier& d, std::string_view code, std::size_t hash,
                                       bool computed, std::optional<Index> replaces) {
  const auto index = static_cast<Index>(size());
  const StoredTime received = to_stored_time(d.received);
  code_ref_.push_back(encode_code(code, received, d.unit));

  procedure_.push_back(d.procedure ? *d.procedure : kNoProcedure);
  unit_.push_back(d.unit);
  if (d.commune) {
    // The column exists once a dossier names a commune: stores without any hold none.
    if (commune_.empty()) commune_.assign(index, kNoCommune);
    commune_.push_back(*d.commune);
  } else if (!commune_.empty()) {
    commune_.push_back(kNoCommune);
  }
  received_.push_back(received);
  appointment_.push_back(stored_or_none(d.appointment));
  ended_.push_back(d.ended                       ? to_stored_time(*d.ended)
                   : d.end_kind != EndKind::none ? kEndUnknown
                                                 : kNoTime);
  returned_.push_back(stored_or_none(d.returned));
  flags_.push_back(d.flags);
  status_.push_back(dossier_status::pack(d.channel, d.end_kind, d.feedback, computed));
  const std::size_t first_event = events_.size();
  for (const SupplementRequest& s : d.supplements) {
    events_.push_back(
        {to_stored_time(s.requested), stored_or_none(s.completed), EventKind::supplement, false});
  }
  for (const Apology& a : d.apologies) {
    events_.push_back({to_stored_time(a.issued), stored_or_none(a.new_appointment),
                       EventKind::apology, a.is_public});
  }
  // By time, stable (a request before an apology of the same minute, as given). A dossier has a
  // few events: an insertion sort in place, with no buffer to allocate per dossier.
  for (std::size_t i = first_event + 1; i < events_.size(); ++i) {
    const StoredEvent e = events_[i];
    std::size_t j = i;
    for (; j > first_event && events_[j - 1].at > e.at; --j) events_[j] = events_[j - 1];
    events_[j] = e;
  }
  event_begin_.push_back(static_cast<std::uint32_t>(events_.size()));
  if (replaces) {
    // A new version of a row of this store: its code's entry moves to it (the index has room, as
    // the live store reserves its tail and never grows it).
    const std::size_t mask = code_slots_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      if (code_slots_[slot] == kEmptySlot) throw Error("internal error: replaced row not indexed");
      if (static_cast<Index>(code_slots_[slot]) == *replaces) {
        code_slots_[slot] = slot_entry(index, hash);
        return index;
      }
    }
  }
  // Keep the index at most three quarters full: a probe reads a run of slots (eight to a cache
  // line) and compares codes only where the stored hash halves agree, so a fuller table costs
  // little and saves memory.
  if (4 * size() > 3 * code_slots_.size()) {
    resize_code_index(2 * code_slots_.size());
  } else {
    index_code(index, hash);
  }
  return index;
}

void DossierStore::add_events(std::span<const DossierEvent> added) {
  if (added.empty()) return;
  std::vector<DossierEvent> sorted(added.begin(), added.end());
  for (const DossierEvent& e : sorted) {
    if (e.dossier >= size()) throw RangeError("DossierStore", "event of an unknown dossier index");
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const DossierEvent& a, const DossierEvent& b) {
    return a.dossier != b.dossier ? a.dossier < b.dossier : a.event.at < b.event.at;
  });
  std::vector<StoredEvent> merged;
  merged.reserve(events_.size() + sorted.size());
  std::vector<std::uint32_t> begin(size() + 1, 0);
  std::size_t k = 0;
  for (Index i = 0; i < size(); ++i) {
    begin[i] = static_cast<std::uint32_t>(merged.size());
    const auto own = events_of(i);
    const std::size_t first_new = merged.size();
    merged.insert(merged.end(), own.begin(), own.end());
    for (; k < sorted.size() && sorted[k].dossier == i; ++k) merged.push_back(sorted[k].event);
    std::stable_sort(merged.begin() + static_cast<std::ptrdiff_t>(first_new), merged.end(),
                     [](const StoredEvent& a, const StoredEvent& b) { return a.at < b.at; });
  }
  begin[size()] = static_cast<std::uint32_t>(merged.size());
  events_ = std::move(merged);
  event_begin_ = std::move(begin);
}

std::optional<DossierStore::Index> DossierStore::find(std::string_view c) const {
  return find(c, code_hash(c));
}

std::optional<DossierStore::Index> DossierStore::find(std::string_view c,
                                                      std::size_t hash) const noexcept {
  if (code_slots_.empty()) return std::nullopt;
  const std::size_t mask = code_slots_.size() - 1;
  const std::uint64_t tag = slot_entry(0, hash);
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t e = code_slots_[slot];
    if (e == kEmptySlot) return std::nullopt;
    const auto i = static_cast<Index>(e);
    if ((e & 0xFFFFFFFF00000000ull) == tag && code_equals(i, c)) return i;
  }
}

Dossier DossierStore::row(Index i) const {
  Dossier d;
  read_row(i, d);
  return d;
}

void DossierStore::read_row(Index i, Dossier& d) const {
  const std::string_view code = code_view(i, d.code);  // checks i; may render into d.code
  if (code.data() != d.code.data()) d.code.assign(code);
  d.procedure.reset();
  if (procedure_[i] != kNoProcedure) d.procedure = procedure_[i];
  d.unit = unit_[i];
  d.commune.reset();
  if (!commune_.empty() && commune_[i] != kNoCommune) d.commune = commune_[i];
  d.channel = dossier_status::channel(status_[i]);
  d.received = received_[i];
  d.appointment = from_stored_time(appointment_[i]);
  d.ended = from_stored_time(ended_[i]);
  d.end_kind = dossier_status::end_kind(status_[i]);
  d.returned = from_stored_time(returned_[i]);
  d.flags = flags_[i];
  d.feedback = dossier_status::feedback(status_[i]);
  d.supplements.clear();
  d.apologies.clear();
  for (const StoredEvent& e : events_of(i)) {
    if (e.kind == EventKind::supplement) {
      d.supplements.push_back({e.at, from_stored_time(e.second)});
    } else {
      d.apologies.push_back({e.at, from_stored_time(e.second), e.is_public});
    }
  }
}

std::size_t DossierStore::compute_missing_appointments(const ProcedureCatalog& procedures,
                                                       const WorkingCalendar& calendar) {
  std::size_t computed = 0;
  for (Index i = 0; i < size(); ++i) {
    if (appointment_[i] != kNoTime || procedure_[i] == kNoProcedure) continue;
    if (procedure_[i] >= procedures.size()) continue;
    const Procedure& procedure = procedures[procedure_[i]];
    if (!procedure.has_statutory_time()) continue;
    const MinuteStamp due = calendar.appointment(received_[i], procedure.duration);
    appointment_[i] = to_stored_time(due);
    status_[i] |= 1u << 7;
    ++computed;
  }
  return computed;
}

namespace {
template <class V>
std::size_t bytes(const V& v) noexcept {
  return v.capacity() * sizeof(typename V::value_type);
}
}  // namespace

std::size_t DossierStore::evaluated_bytes() const noexcept {
  return bytes(procedure_) + bytes(unit_) + bytes(commune_) + bytes(received_) +
         bytes(appointment_) + bytes(ended_) + bytes(returned_) + bytes(flags_) + bytes(status_) +
         bytes(event_begin_) + bytes(events_);
}

std::size_t DossierStore::memory_bytes() const noexcept {
  std::size_t prefixes = 0;
  for (const std::string& p : code_prefixes_) prefixes += p.capacity() + sizeof(p) + 48;
  return evaluated_bytes() + bytes(code_ref_) + verbatim_.capacity() + bytes(verbatim_begin_) +
         bytes(code_slots_) + bytes(prefix_of_unit_) + prefixes;
}

}  // namespace parmetrics
