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
  return EXIT_SUCCESS;
}
