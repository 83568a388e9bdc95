#pragma once
// The engine's inner loops (engine_scan.cpp) and what report.cpp prepares for them. Internal.

#include <cstdint>
#include <exception>
#include <unordered_map>
#include <vector>

#include <parmetrics/metrics/metric_counts.hpp>
#include <parmetrics/metrics/processing_time.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/model/dossier_store.hpp>

namespace parmetrics {
class WorkingCalendar;
}

namespace parmetrics::detail {

struct Attribution;

constexpr std::uint32_t kSkip = 0xFFFFFFFFu;
constexpr std::uint16_t kNoFine = 0xFFFF;
constexpr std::size_t kFinePerCoarse = 64;
constexpr std::size_t kCoarse = ProcessingBuckets::kCount / kFinePerCoarse;
static_assert(ProcessingBuckets::kCount % kFinePerCoarse == 0 &&
              ProcessingBuckets::kCount < kNoFine);

/// Where a dossier's key comes from.
enum class KeySource { constant, unit, procedure, channel, day };

constexpr std::uint32_t kNoTarget = 0xFFFFFFFFu;

/// Everything the scan needs, precomputed: the filters are folded into the key tables (kSkip).
struct Plan {
  MinuteStamp as_of = 0, start = 0, end = 0;
  const WorkingCalendar* calendar = nullptr;
  TimelinessPolicy policy;
  /// Per unit id: key part, or kSkip, or kRouted | a route of `attribution` whose nodes'
  /// key parts are node_key.
  std::vector<std::uint32_t> unit_key;
  std::vector<std::uint32_t> node_key;  ///< per attribution node: key part, or kSkip
  const Attribution* attribution = nullptr;
  std::vector<std::uint32_t> proc_key;  ///< per procedure id, then one for "none": key or kSkip
  std::uint8_t channel_mask = 0b111;
  std::vector<std::uint32_t> day_key;  ///< per day from day0
  DayNumber day0 = 0;
  std::size_t keys = 1;
  std::size_t units = 0, procedures = 0;
  bool quantiles = true;
  /// The procedure column is read (grouping by procedure or field, or a filter on them).
  bool read_procedure = false;
  /// Per procedure id, then one for "none": 2 offered fully online (counts online_full), 1 partly
  /// (online_partial), 0 not online or unknown.
  std::vector<std::uint8_t> online_level;
  bool any_online_level =
      false;  ///< some procedure is online: the column is read for online dossiers
};

struct Columns {
  const std::uint32_t* procedure;
  const UnitId* unit;
  const UnitId* commune;  ///< nullptr when no dossier names a commune
  /// Where the codes are, for a unit whose dossiers are shared out by code (share_bucket)…
  const DossierStore* store;
  /// … unless each row's bucket is given here (rows copied out of their store: LiveReport).
  const std::uint32_t* share;
  const StoredTime* received;
  const StoredTime* appointment;
  const StoredTime* ended;
  const std::uint8_t* flags;
  const std::uint8_t* status;
  const std::uint32_t* event_begin;
  const StoredEvent* events;
};

struct Partial {
  std::vector<MetricCounts> counts;
  std::vector<std::uint32_t> coarse;  ///< keys × kCoarse, when quantiles are wanted
  std::uint64_t unknown_units = 0;
  std::exception_ptr error;
};

/// The second pass's counters: each (key, coarse bucket) pair holding the median or p90 of one
/// of the key's groups gets a slot of kFinePerCoarse fine counters; slot_of[key × kCoarse + c] is
/// its index, or -1.
struct Slots {
  std::vector<std::int32_t> slot_of;
  std::size_t count = 0;
};

/// The third pass's wants: the (key, fine bucket) pairs that hold a group's median or p90 in a
/// bucket wider than one minute. Their dossiers' own processing minutes give the exact value.
struct ExactSlots {
  std::vector<std::uint64_t> fine_mask;  ///< per second-pass slot, a bit per wanted fine bucket
  std::unordered_map<std::uint64_t, std::uint32_t> slot_of;  ///< key × kCount + bucket → slot
  std::size_t count = 0;
};

/// Pass 1 over dossiers [first, last): evaluation and counts per key into `out`; with quantiles,
/// each dossier's fine processing-time bucket into fine[i] (kNoFine when not counted) and the
/// coarse histogram per key.
void scan_range(KeySource source, const Plan& plan, const Columns& col, DossierStore::Index first,
                DossierStore::Index last, Partial& out, std::uint16_t* fine);

/// Pass 2 over dossiers [first, last): fine counts of each slot into `out` (slots ×
/// kFinePerCoarse); fine[i] becomes kNoFine for a dossier in no slot, which the third pass then
/// passes over unread.
void refine_range(KeySource source, const Plan& plan, const Columns& col, const Slots& slots,
                  std::uint16_t* fine, DossierStore::Index first, DossierStore::Index last,
                  std::vector<std::uint32_t>& out);

/// Pass 3 over dossiers [first, last): the exact processing minutes of the dossiers in a wanted
/// (key, fine bucket), appended to out[slot].
void exact_range(KeySource source, const Plan& plan, const Columns& col, const Slots& coarse,
                 const ExactSlots& slots, const std::uint16_t* fine, DossierStore::Index first,
                 DossierStore::Index last, std::vector<std::vector<std::int64_t>>& out);

}  // namespace parmetrics::detail
