#include "import_summary.hpp"

#include <parmetrics/io/units_layer.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <vector>

#include <fmt/ranges.h>

#include "cli.hpp"

namespace parmetrics::cli {

namespace {

// Enough to see what kind of problem a file has; the rest are counted by reason.
constexpr std::size_t kShownRejections = 5;

template <class Rejections, class ByReason>
void print_rejections(std::ostream& err, std::uint64_t rejected, const Rejections& shown,
                      const ByReason& by_reason) {
  const std::size_t n = std::min(shown.size(), kShownRejections);
  for (std::size_t i = 0; i < n; ++i) fmt::print(err, "  {}\n", shown[i].to_string());
  if (rejected <= n) return;
  fmt::print(err, "  … {} more; rejections by reason:", rejected - n);
  for (const auto& [reason, count] : by_reason) fmt::print(err, " {} × {};", count, reason);
  fmt::print(err, "\n");
}

std::string_view reconciliation(bool reconciles) {
  return reconciles ? "" : " (DOES NOT RECONCILE)";
}

}  // namespace

void note_registered(ImportReport& report, std::size_t units, std::size_t procedures) {
  if (units != 0) {
    report.warn(
        fmt::format("{} unit{} registered from the records (no --units file): code as "
                    "name, level \"unknown\"",
                    units, units == 1 ? "" : "s"));
  }
  if (procedures != 0) {
    report.warn(
        fmt::format("{} procedure{} registered from the records (no --procedures file): "
                    "no statutory time",
                    procedures, procedures == 1 ? "" : "s"));
  }
}

void apply_units_layers(const std::vector<std::string>& layers, UnitRegistry& units,
                        std::ostream& err) {
  for (const std::string& layer : layers) {
    const LayerReport r = apply_reform_mapping(read_units_layer(layer), units);
    fmt::print(err,
               "{}: {} links: {} units ended, {} went on as new versions, {} added, {} links "
               "with no unit of their old code\n",
               layer, r.links, r.ended, r.continued, r.created, r.old_missing);
    for (const std::string& n : r.notes) fmt::print(err, "{}: {}\n", layer, n);
  }
}

void note_computed_years(const WorkingCalendar& calendar, DayNumber from, DayNumber to,
                         std::string_view command, std::ostream& err) {
  std::vector<int> years;
  for (int y = civil_from_days(from).year; y <= civil_from_days(to).year; ++y) {
    if (!calendar.is_announced(y)) years.push_back(y);
  }
  if (years.empty()) return;
  fmt::print(err,
             "parmetrics {}: no announced schedule of days off for {}: computed by the law's rules "
             "(give the official one with --calendar FILE once it is published)\n",
             command, fmt::join(years, ", "));
}

void ImportSummary::add(std::string_view file, const ImportReport& r) {
  // "loaded 6 (1 not judged: no appointment; 2 procedure unknown)"
  std::string notes;
  for (const auto& [what, n] : r.loaded_notes()) {
    notes += fmt::format("{}{} {}", notes.empty() ? " (" : "; ", n, what);
  }
  if (!notes.empty()) notes += ')';
  fmt::print(err_, "{}: read {}, loaded {}{}, rejected {}{}\n", file, r.read(), r.loaded_count(),
             notes, r.rejected_count(), reconciliation(r.reconciles()));
  for (const std::string& w : r.warnings()) fmt::print(err_, "  warning: {}\n", w);
  print_rejections(err_, r.rejected_count(), r.rejections(), r.rejections_by_reason());
  rejected_ += r.rejected_count();
}

void ImportSummary::add(std::string_view file, const SipasLoadReport& r) {
  fmt::print(err_, "{}: read {}, loaded {} ({} with no opinion), rejected {}{}\n", file, r.read,
             r.loaded, r.no_opinion, r.rejected, reconciliation(r.reconciles()));
  print_rejections(err_, r.rejected, r.rejections, r.by_reason);
  rejected_ += r.rejected;
}

int ImportSummary::exit_status() const {
  if (rejected_ == 0) return kExitOk;
  fmt::print(err_, "parmetrics {}: {} record{} rejected (output produced; exit status {})\n",
             command_, rejected_, rejected_ == 1 ? "" : "s", kExitRejected);
  return kExitRejected;
}

}  // namespace parmetrics::cli
