// Laying a reform's links over a registry (include/parmetrics/io/units_layer.hpp), one effective
// day at a time: every look-up by GSO code is made on the registry as it stood before that day's
// changes, then the new units are added and the old ones ended or continued.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/io/units_layer.hpp>

#include "io/unit_names.hpp"

namespace parmetrics {

namespace {

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// What the registry held before the day's changes, by GSO code.
struct DayLookups {
  std::map<std::string, std::optional<UnitId>> old_units;  // by old code, the day before
  std::map<std::string, std::optional<UnitId>> new_units;  // by new or parent code, on the day
  std::map<UnitId, std::pair<std::string, std::string>> before;  // old unit: name, parent code
};

class DayApplier {
 public:
  DayApplier(UnitRegistry& units, DayNumber day, LayerReport& report)
      : units_(units), day_(day), report_(report) {}
  ~DayApplier() {
    if (!kept_whole_.empty()) {
      std::string some;
      for (std::size_t i = 0; i < std::min<std::size_t>(kept_whole_.size(), 5); ++i) {
        some += (i == 0 ? "" : ", ") + kept_whole_[i];
      }
      report_.notes.push_back(fmt::format(
          "{} unit(s) went on as the new unit that keeps their GSO code on {}, though part of "
          "them went to other new units, which get none of their history ({}{}); to share it, "
          "end them in units.csv and name their successors",
          kept_whole_.size(), format_iso_date(day_), some, kept_whole_.size() > 5 ? ", …" : ""));
    }
    if (names_kept_ != 0) {
      report_.notes.push_back(fmt::format(
          "{} unit(s) going on from {} kept their names: the registry does not name them as the "
          "layer's old names (rename them with a row from that day in units.csv)",
          names_kept_, format_iso_date(day_)));
    }
  }
  DayApplier(const DayApplier&) = delete;
  DayApplier& operator=(const DayApplier&) = delete;

  void apply(const std::vector<const ReformLink*>& links) {
    look_up(links);
    add_new_units(links);
    std::map<std::string, std::vector<const ReformLink*>> by_old;
    std::vector<std::string> order;
    for (const ReformLink* l : links) {
      auto& group = by_old[l->old_code];
      if (group.empty()) order.push_back(l->old_code);
      group.push_back(l);
    }
    for (const std::string& code : order) update_old(by_old[code]);
  }

 private:
  void look_up(const std::vector<const ReformLink*>& links) {
    for (const ReformLink* l : links) {
      const auto old = units_.find_gso(l->old_code, day_ - 1);
      lookups_.old_units.try_emplace(l->old_code, old);
      if (old) {
        const auto parent = units_.parent_on(*old, day_ - 1);
        lookups_.before.try_emplace(*old, std::string(units_.name_on(*old, day_ - 1)),
                                    parent ? units_[*parent].code : std::string());
      }
      for (const std::string* c : {&l->new_code, &l->new_parent}) {
        if (!c->empty()) lookups_.new_units.try_emplace(*c, units_.find_gso(*c, day_));
      }
    }
  }

  // The code of the unit holding a new GSO code on the day (held before, or added here).
  std::optional<std::string> new_unit_code(const std::string& gso) const {
    if (const auto it = added_.find(gso); it != added_.end()) return it->second;
    const auto it = lookups_.new_units.find(gso);
    if (it == lookups_.new_units.end() || !it->second) return std::nullopt;
    return units_[*it->second].code;
  }

  // The new units no unit held, of the old units the registry holds (a district's registry does
  // not get the country's 3,321 communes), and their parents: provinces (no parent) first, so
  // that communes find them.
  void add_new_units(const std::vector<const ReformLink*>& links) {
    std::set<std::string> wanted;
    for (const ReformLink* l : links) {
      if (!lookups_.old_units.at(l->old_code)) continue;
      wanted.insert(l->new_code);
      if (!l->new_parent.empty()) wanted.insert(l->new_parent);
    }
    for (const bool top : {true, false}) {
      for (const ReformLink* l : links) {
        if (l->new_parent.empty() != top || !wanted.count(l->new_code) ||
            new_unit_code(l->new_code)) {
          continue;
        }
        add_new_unit(*l);
      }
    }
  }

  void add_new_unit(const ReformLink& l) {
    Unit u;
    u.code = units_.find(l.new_code) ? fmt::format("{}@{}", l.new_code, format_iso_date(day_))
                                     : l.new_code;
    u.name = l.new_name.empty() ? l.new_code : l.new_name;
    u.level = l.new_level;
    if (!l.new_parent.empty()) {
      if (const auto parent = new_unit_code(l.new_parent)) {
        u.parent = *parent;
      } else {
        note(fmt::format("{} ({}): parent {} unknown on {}: added as a root", l.new_code, u.name,
                         l.new_parent, format_iso_date(day_)));
      }
    }
    u.valid_from = day_;
    u.gso_code = l.new_code;
    added_[l.new_code] = u.code;
    units_.add(std::move(u));
    ++report_.created;
  }

  // One old unit and its links: it continues as the new unit that is itself, else it ends.
  void update_old(const std::vector<const ReformLink*>& group) {
    const std::optional<UnitId> old = lookups_.old_units.at(group.front()->old_code);
    if (!old) {
      report_.old_missing += group.size();
      return;
    }
    Unit u = units_[*old];
    for (const ReformLink* l : group) {
      const auto it = lookups_.new_units.find(l->new_code);
      if (it != lookups_.new_units.end() && it->second == old) {
        if (group.size() > 1) kept_whole_.push_back(u.code);
        return continue_as(*old, std::move(u), *l);
      }
    }
    end(*old, std::move(u), group);
  }

  void continue_as(UnitId id, Unit u, const ReformLink& l) {
    const bool later = std::any_of(u.history.begin(), u.history.end(),
                                   [&](const UnitVersion& v) { return v.to >= day_; });
    if (later) {
      note(fmt::format("unit {} already has versions from {}: left as it is", u.code,
                       format_iso_date(day_)));
      return;
    }
    UnitVersion v;
    v.from = day_;
    v.to = u.valid_to;
    // Names compare as units' names do (NFC, case and spaces aside): the data set's names carry
    // stray spaces.
    const auto& [before, parent] = lookups_.before.at(id);
    const bool named_so = detail::unit_name_key(before) == detail::unit_name_key(l.old_name);
    const bool renamed = detail::unit_name_key(l.new_name) != detail::unit_name_key(l.old_name);
    v.name = named_so && !l.new_name.empty() ? trimmed(l.new_name) : before;
    if (!named_so && renamed && !l.new_name.empty()) ++names_kept_;
    v.parent = l.new_parent.empty() ? parent : new_unit_code(l.new_parent).value_or(parent);
    v.gso_code = l.new_code;
    u.history.push_back(std::move(v));
    units_.replace(id, std::move(u));
    ++report_.continued;
  }

  void end(UnitId id, Unit u, const std::vector<const ReformLink*>& group) {
    std::vector<std::string> successors;
    std::vector<std::uint32_t> shares;
    for (const ReformLink* l : group) {
      const auto code = new_unit_code(l->new_code);
      if (!code || std::find(successors.begin(), successors.end(), *code) != successors.end()) {
        continue;
      }
      successors.push_back(*code);
      shares.push_back(l->share);
    }
    std::uint64_t sum = 0;
    for (const std::uint32_t s : shares) sum += s;
    const bool all_shares = std::find(shares.begin(), shares.end(), 0u) == shares.end();
    if (!all_shares || sum != kShareWhole) shares.clear();
    if (!u.successors.empty()) {
      if (std::set(u.successors.begin(), u.successors.end()) !=
          std::set(successors.begin(), successors.end())) {
        note(fmt::format("unit {} keeps the successors units.csv gives it", u.code));
      }
    } else {
      u.successors = std::move(successors);
      u.successor_shares = std::move(shares);
      if (u.successors.size() > 1) u.succession = SuccessionRule::commune;
    }
    u.valid_to = std::min(u.valid_to, day_ - 1);
    // Its versions end with it (a unit that went on as a new version once, then ended).
    std::erase_if(u.history, [&](const UnitVersion& v) { return v.from > u.valid_to; });
    for (UnitVersion& v : u.history) v.to = std::min(v.to, u.valid_to);
    units_.replace(id, std::move(u));
    ++report_.ended;
  }

  void note(std::string text) { report_.notes.push_back(std::move(text)); }

 private:
  UnitRegistry& units_;
  DayNumber day_;
  LayerReport& report_;
  DayLookups lookups_;
  std::map<std::string, std::string> added_;  // new GSO code → the code of the unit added
  std::size_t names_kept_ = 0;
  std::vector<std::string> kept_whole_;  // units that went on, though partly split
};

}  // namespace

LayerReport apply_reform_mapping(const ReformMapping& mapping, UnitRegistry& units) {
  LayerReport report;
  report.links = mapping.links.size();
  std::map<DayNumber, std::vector<const ReformLink*>> by_day;
  for (const ReformLink& l : mapping.links) by_day[l.effective].push_back(&l);
  units.resolve();
  for (const auto& [day, links] : by_day) {
    {
      DayApplier applier(units, day, report);
      applier.apply(links);
    }
    units.resolve();
  }
  return report;
}

}  // namespace parmetrics
