// A downstream program: links parmetrics::parmetrics and finds the data files through the package.
#include <cstdlib>
#include <iostream>
#include <string>

#include <parmetrics/parmetrics.hpp>

int main() {
  using namespace parmetrics;
  if (std::string(version()) != kVersionString) {
    std::cerr << "library version " << version() << " != headers " << kVersionString << "\n";
    return EXIT_FAILURE;
  }
  // Tết Giáp Thìn: mùng 1 was Saturday 2024-02-10; Monday 2024-02-12 was a holiday.
  const WorkingCalendar calendar;
  if (calendar.is_working_day(days_from_civil(2024, 2, 12))) {
    std::cerr << "2024-02-12 should be a day off (Tết)\n";
    return EXIT_FAILURE;
  }
  if (lunar_new_year(2024) != days_from_civil(2024, 2, 10)) {
    std::cerr << "Tết 2024 should be 2024-02-10\n";
    return EXIT_FAILURE;
  }
  const CalendarData data =
      CalendarData::load(std::string(CONSUMER_DATA_DIR) + "/calendar/vn-official.json");
  std::cout << "parmetrics " << version() << ", data " << data.name() << " " << data.version()
            << " from " << CONSUMER_DATA_DIR << "\n";

  // The bundled sample (data/sample/README.md: 9660 dossiers, January 2023 - March 2026, of which
  // 3600 in January-August 2023) through the importers and the report engine, as a provincial
  // system would use them.
  const std::string sample = std::string(CONSUMER_DATA_DIR) + "/sample/";
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  ImportReport imported;
  import_units_csv(sample + "units.csv", units, imported);
  import_procedures_csv(sample + "procedures.csv", procedures, imported);
  import_dossiers_csv(sample + "dossiers.csv", units, procedures, calendar, store, imported);
  import_events_csv(sample + "events.csv", store, imported);
  if (!imported.reconciles() || imported.rejected_count() != 0 || store.size() != 9660) {
    std::cerr << "sample import: read " << imported.read() << ", loaded " << imported.loaded_count()
              << ", rejected " << imported.rejected_count() << ", dossiers " << store.size()
              << "\n";
    return EXIT_FAILURE;
  }
  ReportOptions options;
  options.period = ReportPeriod::of(days_from_civil(2023, 1, 1), days_from_civil(2023, 8, 31));
  options.by = GroupBy::month;
  const Report report = compute_report(store, units, procedures, calendar, options);
  // 3600 of the sample's dossiers were received in the period; the months are January to August.
  if (report.total.counts.received != 3600 || report.rows.size() != 8) {
    std::cerr << "report: " << report.total.counts.received << " received, " << report.rows.size()
              << " months\n";
    return EXIT_FAILURE;
  }
  std::cout << "sample: " << store.size() << " dossiers, late rate "
            << rate(report.total.counts, RateId::late_rate).to_string() << " %\n";
  return EXIT_SUCCESS;
}
