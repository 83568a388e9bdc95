#include <parmetrics/indices/service_index_derive.hpp>

#include <algorithm>
#include <array>
#include <unordered_map>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/model/live_store.hpp>

namespace parmetrics {

namespace {

// Per (unit, procedure) counters of the dossiers in scope.
enum Counter : std::size_t {
  kReceived,     // received in the period
  kSynced,       // … synced to the portal
  kOnline,       // … filed online
  kFeeDue,       // … with a financial obligation
  kPaidFee,      // … with one, paid online
  kEResult,      // … result issued electronically
  kDigiEResult,  // … components digitised and result electronic
  kReused,       // … reusing digitised data
  kFromStore,    // … taken from / synced to the citizen's data store
  kVneid,        // … linked to the population database
  kJudged,       // in scope (received or carried over) with an appointment
  kOnTime,       // … early, on time, or pending within time
  kSatisfied,    // … on time and without a complaint or a dislike
  kUnjudged,     // in scope, not judged: no appointment, or the end time unknown
  kCounters
};

using Cell = std::array<std::uint64_t, kCounters>;

constexpr std::uint32_t kNone = kNoProcedure;

std::uint64_t key(UnitId unit, std::uint32_t procedure) {
  return static_cast<std::uint64_t>(unit) << 32 | procedure;
}

// The dossier-based items from a cell's counters.
void dossier_items(const Cell& c, std::map<std::string, ItemCounts, std::less<>>& items) {
  items["DOSSIER_SYNC"] = {c[kSynced], c[kReceived]};
  items["PROGRESS_ON_TIME"] = {c[kOnTime], c[kJudged]};
  items["ONLINE_DOSSIERS"] = {c[kOnline], c[kReceived]};
  items["PAYMENT_ONLINE_DOSSIERS"] = {c[kPaidFee], c[kFeeDue]};
  items["DOSSIER_RECEIVING_SATISFACTION"] = {c[kSatisfied], c[kJudged]};
  items["ORIGINAL_RESULT_AVAILABLE"] = {c[kEResult], c[kReceived]};
  items["SO_HOA_GIAY_TO_GIAI_QUYET"] = {c[kDigiEResult], c[kReceived]};
  items["REUSED_DIGITIZED_DATA"] = {c[kReused], c[kReceived]};
  items["SYNCED_WITH_DVCQG_PERSONAL_STORAGE"] = {c[kFromStore], c[kReceived]};
  items["CITIZEN_DATA_CONNECTED_DOSSIER"] = {c[kVneid], c[kReceived]};
}

void add(std::map<std::string, ItemCounts, std::less<>>& into,
         const std::map<std::string, ItemCounts, std::less<>>& from) {
  for (const auto& [code, c] : from) {
    ItemCounts& t = into[code];
    t.numerator += c.numerator;
    t.denominator += c.denominator;
  }
}

}  // namespace

std::vector<UnitCounts> derived_counts_for(const ServiceIndexMethodology& methodology,
                                           std::vector<UnitCounts> units) {
  const auto& derivable = derivable_service_index_items();
  for (const auto& group : methodology.groups) {
    for (const auto& item : group.items) {
      if (std::find(derivable.begin(), derivable.end(), item.code) == derivable.end()) {
        throw DataError(methodology.name, "", item.code,
                        "cannot be derived from dossiers and facts; give its counts");
      }
    }
  }
  for (UnitCounts& u : units) {
    std::erase_if(u.items,
                  [&](const auto& item) { return methodology.find_item(item.first) == nullptr; });
  }
  return units;
}

const std::vector<std::string>& derivable_service_index_items() {
  static const std::vector<std::string> codes = {
      "PUBLISH_ON_TIME",
      "PUBLIC_UPDATE_ON_TIME",
      "PUBLIC_CONTENT_FULL",
      "DOSSIER_SYNC",
      "PROGRESS_ON_TIME",
      "ONLINE_PROCEDURES",
      "ONLINE_SERVICES_WITH_DOSSIER",
      "ONLINE_DOSSIERS",
      "PAYMENT_ONLINE_DOSSIERS",
      "PAYMENT_FEE_PROCEDURES_ONLINE",
      "PAYMENT_FEE_PROCEDURES_SYNCED",
      "PETITION_PROCESSING_ON_TIME",
      "PETITION_HANDLING_SATISFACTION",
      "DOSSIER_RECEIVING_SATISFACTION",
      "ORIGINAL_RESULT_AVAILABLE",
      "SO_HOA_GIAY_TO_GIAI_QUYET",
      "REUSED_DIGITIZED_DATA",
      "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
      "CITIZEN_DATA_CONNECTED_DOSSIER",
      "CITIZEN_DATA_CONNECTED_FORMALITY",
      "ELECTRONIC_CERTIFIED_COPY",
  };
  return codes;
}

const std::vector<std::string>& dossier_based_service_index_items() {
  static const std::vector<std::string> codes = {
      "DOSSIER_SYNC",
      "PROGRESS_ON_TIME",
      "ONLINE_SERVICES_WITH_DOSSIER",
      "ONLINE_DOSSIERS",
      "PAYMENT_ONLINE_DOSSIERS",
      "DOSSIER_RECEIVING_SATISFACTION",
      "ORIGINAL_RESULT_AVAILABLE",
      "SO_HOA_GIAY_TO_GIAI_QUYET",
      "REUSED_DIGITIZED_DATA",
      "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
      "CITIZEN_DATA_CONNECTED_DOSSIER",
      "CITIZEN_DATA_CONNECTED_FORMALITY",
  };
  return codes;
}

namespace {

/// Step 1: counters per (unit, procedure) of the dossiers in scope.
struct Cells {
  std::vector<Cell> cells;
  std::vector<std::uint64_t> keys;
  std::unordered_map<std::uint64_t, std::uint32_t> index;

  Cell& at(UnitId unit, std::uint32_t procedure) {
    const auto [it, inserted] =
        index.try_emplace(key(unit, procedure), static_cast<std::uint32_t>(cells.size()));
    if (inserted) {
      cells.push_back(Cell{});
      keys.push_back(key(unit, procedure));
    }
    return cells[it->second];
  }
};

/// Adds the rows of `store` that `dead` does not mark (a live store's superseded rows).
void count_dossiers(Cells& cells, const DossierStore& store, const DeadRows* dead,
                    const WorkingCalendar& calendar, const ServiceIndexDeriveOptions& options) {
  const ReportPeriod& period = options.period;
  const auto received = store.received();
  const auto ended = store.ended();
  const auto flags = store.flags();
  const auto status = store.status();
  const auto unit_of = store.unit();
  const auto procedure_of = store.procedure();
  for (DossierStore::Index i = 0; i < store.size(); ++i) {
    if (dead != nullptr && dead->test(i)) continue;
    const Scope scope = scope_of(received[i], ended[i], period);
    if (scope == Scope::out) continue;
    const DossierEvaluation e =
        evaluate_dossier(DossierFacts::of(store, i), period.as_of, calendar, options.policy);
    if (e.timeliness == Timeliness::excluded) continue;
    Cell& c = cells.at(unit_of[i], procedure_of[i]);
    if (e.timeliness == Timeliness::no_appointment || e.timeliness == Timeliness::end_unknown) {
      ++c[kUnjudged];
    } else {
      ++c[kJudged];
      const bool on_time = e.timeliness == Timeliness::early ||
                           e.timeliness == Timeliness::on_time ||
                           e.timeliness == Timeliness::within_time;
      if (on_time) {
        ++c[kOnTime];
        if (dossier_status::feedback(status[i]) == Feedback::none) ++c[kSatisfied];
      }
    }
    if (scope != Scope::received) continue;
    const std::uint8_t f = flags[i];
    ++c[kReceived];
    if (f & dossier_flag::synced) ++c[kSynced];
    if (dossier_status::channel(status[i]) == Channel::online) ++c[kOnline];
    if (f & dossier_flag::fee_due) {
      ++c[kFeeDue];
      if (f & dossier_flag::paid_online) ++c[kPaidFee];
    }
    if (f & dossier_flag::e_result) ++c[kEResult];
    if ((f & dossier_flag::e_result) && (f & dossier_flag::digitised)) ++c[kDigiEResult];
    if (f & dossier_flag::reused) ++c[kReused];
    if (f & dossier_flag::from_store) ++c[kFromStore];
    if (f & dossier_flag::vneid) ++c[kVneid];
  }
}

/// Steps 2 to 4: the counts of each unit from its cells and facts, rolled up, and the drill-down.
DerivedServiceIndex derive(Cells& counted, const UnitRegistry& units,
                           const ProcedureCatalog& procedures, const ServiceIndexFacts& facts,
                           const ServiceIndexDeriveOptions& options) {
  const ReportPeriod& period = options.period;
  const std::vector<Cell>& cells = counted.cells;
  const std::vector<std::uint64_t>& cell_keys = counted.keys;
  const auto& cell_of = counted.index;
  // 2. Each unit's own counts.
  using Items = std::map<std::string, ItemCounts, std::less<>>;
  const std::size_t n_units = units.size();
  std::vector<Items> own(n_units);
  std::vector<bool> has_data(n_units, false);
  std::vector<std::uint64_t> unjudged(n_units, 0);
  const auto empty_items = [] {
    Items items;
    for (const std::string& code : derivable_service_index_items()) items[code] = {0, 0};
    return items;
  }();
  for (auto& items : own) items = empty_items;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const auto unit = static_cast<UnitId>(cell_keys[k] >> 32);
    Items items;
    dossier_items(cells[k], items);
    add(own[unit], items);
    unjudged[unit] += cells[k][kUnjudged];
    has_data[unit] = true;
  }
  const auto cell_at = [&](UnitId unit, std::uint32_t procedure) -> const Cell* {
    const auto it = cell_of.find(key(unit, procedure));
    return it == cell_of.end() ? nullptr : &cells[it->second];
  };
  for (const UnitProcedureFacts& p : facts.unit_procedures) {
    Items& o = own[p.unit];
    has_data[p.unit] = true;
    const Cell* c = cell_at(p.unit, p.procedure);
    const auto count = [&](const char* code, bool numerator, bool denominator) {
      ItemCounts& t = o[code];
      if (denominator) {
        ++t.denominator;
        if (numerator) ++t.numerator;
      }
    };
    const bool online = p.online != OnlineLevel::none;
    count("PUBLISH_ON_TIME", p.published_on_time, p.published);
    count("PUBLIC_UPDATE_ON_TIME", p.updated_on_time, p.updated);
    count("PUBLIC_CONTENT_FULL", p.full_content, p.published);
    count("ONLINE_PROCEDURES", online, true);
    count("ONLINE_SERVICES_WITH_DOSSIER", c != nullptr && (*c)[kOnline] > 0, online);
    count("PAYMENT_FEE_PROCEDURES_ONLINE", p.online_payment, p.fee);
    count("PAYMENT_FEE_PROCEDURES_SYNCED", p.fee_synced, p.fee);
    count("CITIZEN_DATA_CONNECTED_FORMALITY", c != nullptr && (*c)[kVneid] > 0, p.citizen);
  }
  for (const FeedbackRecord& r : facts.feedback) {
    if (r.received < period.from || r.received > period.to) continue;
    Items& o = own[r.unit];
    has_data[r.unit] = true;
    ItemCounts& on_time = o["PETITION_PROCESSING_ON_TIME"];
    ++on_time.denominator;
    if (r.handled_on_time) ++on_time.numerator;
    ItemCounts& satisfied = o["PETITION_HANDLING_SATISFACTION"];
    ++satisfied.denominator;
    if (r.handled_on_time && !r.unsatisfied) ++satisfied.numerator;
  }
  for (const CommuneFacts& c : facts.communes) {
    ItemCounts& copy = own[c.unit]["ELECTRONIC_CERTIFIED_COPY"];
    has_data[c.unit] = true;
    ++copy.denominator;
    if (c.certified_copy) ++copy.numerator;
  }

  // 3. Roll-up and rows.
  std::vector<Items> total = options.roll_up ? std::vector<Items>(n_units, empty_items) : own;
  std::vector<bool> row(has_data);
  if (options.roll_up) {
    for (UnitId u = 0; u < n_units; ++u) {
      if (!has_data[u]) continue;
      for (const UnitId a : units.ancestors_and_self(u)) {
        add(total[a], own[u]);
        row[a] = true;
      }
    }
  }
  DerivedServiceIndex out;
  std::vector<std::size_t> order(n_units, 0);
  for (UnitId u = 0; u < n_units; ++u) {
    if (!row[u]) continue;
    const Unit& unit = units[u];
    UnitCounts c;
    c.unit = unit.code;
    c.name = unit.name;
    c.level = unit.level;
    c.items = std::move(total[u]);
    order[u] = out.units.size();
    out.units.push_back(std::move(c));
    if (unjudged[u] > 0) out.unjudged[unit.code] = unjudged[u];
  }

  // 4. Drill-down by procedure: each cell, and each remit row without dossiers.
  std::map<std::pair<std::size_t, std::string>, ProcedureCounts> drill;
  const auto entry = [&](UnitId unit, std::uint32_t procedure) -> ProcedureCounts& {
    const std::string code = procedure == kNone ? std::string() : procedures[procedure].code;
    ProcedureCounts& p = drill[{order[unit], code}];
    if (p.unit.empty()) {
      p.unit = units[unit].code;
      p.procedure = code;
      if (procedure != kNone) p.name = procedures[procedure].name;
    }
    return p;
  };
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const auto unit = static_cast<UnitId>(cell_keys[k] >> 32);
    const auto procedure = static_cast<std::uint32_t>(cell_keys[k] & 0xFFFFFFFFu);
    dossier_items(cells[k], entry(unit, procedure).items);
  }
  for (const UnitProcedureFacts& p : facts.unit_procedures) {
    const Cell* c = cell_at(p.unit, p.procedure);
    ProcedureCounts& d = entry(p.unit, p.procedure);
    if (c == nullptr) dossier_items(Cell{}, d.items);
    if (p.online != OnlineLevel::none) {
      d.items["ONLINE_SERVICES_WITH_DOSSIER"] = {c != nullptr && (*c)[kOnline] > 0 ? 1u : 0u, 1};
    }
    if (p.citizen) {
      d.items["CITIZEN_DATA_CONNECTED_FORMALITY"] = {c != nullptr && (*c)[kVneid] > 0 ? 1u : 0u, 1};
    }
  }
  out.by_procedure.reserve(drill.size());
  for (auto& [k, v] : drill) out.by_procedure.push_back(std::move(v));
  return out;
}

}  // namespace

DerivedServiceIndex derive_service_index(const DossierStore& store, const UnitRegistry& units,
                                         const ProcedureCatalog& procedures,
                                         const WorkingCalendar& calendar,
                                         const ServiceIndexFacts& facts,
                                         const ServiceIndexDeriveOptions& options) {
  Cells cells;
  count_dossiers(cells, store, nullptr, calendar, options);
  return derive(cells, units, procedures, facts, options);
}

DerivedServiceIndex derive_service_index(const StoreSnapshot& snapshot, const UnitRegistry& units,
                                         const ProcedureCatalog& procedures,
                                         const WorkingCalendar& calendar,
                                         const ServiceIndexFacts& facts,
                                         const ServiceIndexDeriveOptions& options) {
  Cells cells;
  for (const StoreSnapshot::Segment& segment : snapshot.segments()) {
    count_dossiers(cells, *segment.store, segment.dead.get(), calendar, options);
  }
  return derive(cells, units, procedures, facts, options);
}

}  // namespace parmetrics
