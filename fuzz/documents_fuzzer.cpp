// The configuration and score documents, one harness per loader, chosen at build time by
// PARMETRICS_FUZZ_DOCUMENT (fuzz/CMakeLists.txt): each must either load or throw a
// parmetrics::Error, whatever the bytes. These loaders stop at the first bad record (a
// methodology or a score sheet is configuration, not a bulk import), so there is no read =
// loaded + rejected to check here; SIPAS responses, a bulk import, have their own harness.

#include <parmetrics/calendar/calendar_data.hpp>
#include <parmetrics/indices/metric_table.hpp>
#include <parmetrics/indices/par_methodology.hpp>
#include <parmetrics/indices/par_scores.hpp>
#include <parmetrics/indices/service_index_counts.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/indices/sipas_questionnaire.hpp>
#include <parmetrics/indices/target.hpp>

#include "fuzz_support.hpp"

using namespace parmetrics;

namespace {

void load(std::string_view text) {
  const std::string origin = "f";
#if PARMETRICS_FUZZ_DOCUMENT == 1
  const CalendarData data = CalendarData::parse(text, origin);
  (void)data;
#elif PARMETRICS_FUZZ_DOCUMENT == 2
  (void)parse_service_index_methodology(text, origin);
#elif PARMETRICS_FUZZ_DOCUMENT == 3
  (void)parse_service_index_counts(text, origin, qd766_portal_methodology());
#elif PARMETRICS_FUZZ_DOCUMENT == 4
  const ParMethodology m = ParMethodology::parse(text, origin);
  (void)m.max();
#elif PARMETRICS_FUZZ_DOCUMENT == 5
  (void)ParScores::parse_csv(text, origin);
#elif PARMETRICS_FUZZ_DOCUMENT == 6
  (void)TargetList::parse_csv(text, origin);
#elif PARMETRICS_FUZZ_DOCUMENT == 7
  MetricTable table;
  load_metric_values_csv(text, origin, table);
#elif PARMETRICS_FUZZ_DOCUMENT == 8
  (void)SipasQuestionnaire::parse_csv(text, origin);
#elif PARMETRICS_FUZZ_DOCUMENT == 9
  MetricTable table;
  load_metric_facts_csv(text, origin, table);
#else
#error "PARMETRICS_FUZZ_DOCUMENT names no loader"
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::runs([&] { load(fuzz::as_text(data, size)); });
  return 0;
}
