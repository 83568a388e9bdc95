#pragma once
// A calendar data set: the government's yearly choices (Tết days, the National Day's adjacent day,
// swaps, extra days off) as a named, versioned document. The rules of the law produce the rest;
// see docs/calendar.md for the format and how to add next year's schedule.
//
// Thread-safety: CalendarData is an immutable value once loaded or built; share it freely. A
// Builder belongs to one thread.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/calendar/day_kind.hpp>
#include <parmetrics/calendar/working_hours.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics {

/// One dated entry of a data set.
struct CalendarDataDay {
  DayNumber date = 0;
  DayKind kind = DayKind::holiday;  ///< holiday, observed, swap_off, swap_work or workday
  std::string name;
  std::string source;  ///< the official text it comes from (document number and date)
};

/// The entries of one year, and the rule blocks they replace for that year ("tet",
/// "national_day", "new_year", "hung_kings", "reunification_day", "labour_day").
struct CalendarDataYear {
  int year = 0;
  std::vector<std::string> replaces;
  std::vector<CalendarDataDay> days;
};

class PARMETRICS_API CalendarData {
 public:
  class Builder;

  /// Parses a data set; `origin` names it in errors (usually the file path). Throws DataError
  /// naming the origin, the line (for syntax errors) or the JSON path, the field and the reason.
  static CalendarData parse(std::string_view json, std::string origin);

  /// Reads and parses a file. Throws DataError (also when the file cannot be read).
  static CalendarData load(const std::filesystem::path& file);

  /// The official data set compiled into the library (data/calendar/vn-official.json).
  static const CalendarData& builtin();

  const std::string& name() const noexcept { return name_; }
  const std::string& version() const noexcept { return version_; }
  const std::string& description() const noexcept { return description_; }
  const std::vector<CalendarDataYear>& years() const noexcept { return years_; }
  /// Office hours given by the data set, if any ("working_hours").
  const std::optional<WorkingHours>& working_hours() const noexcept { return hours_; }

 private:
  std::string name_, version_, description_;
  std::vector<CalendarDataYear> years_;
  std::optional<WorkingHours> hours_;

  friend class Builder;
  CalendarDataYear& year_of(int year);
};

/// A data set made in code, as a province adds its own days off, without writing JSON:
///
///   const CalendarData local = CalendarData::Builder("quang-nam-2024", "1")
///       .day(days_from_civil(2024, 3, 26), DayKind::holiday, "Giải phóng Quảng Nam",
///            "QĐ …/QĐ-UBND")
///       .hours(WorkingHours(DaySchedule::parse("07:30-11:30,13:00-17:00")))
///       .build();
///
/// build() checks what parse() checks (a kind a data set may give, a date once, rule blocks that
/// exist, years 1900..2199) and throws ArgumentError naming the day and the reason.
class PARMETRICS_API CalendarData::Builder {
 public:
  explicit Builder(std::string name, std::string version = "1");

  Builder& description(std::string text);
  /// A dated entry: holiday, observed, swap_off, swap_work or workday.
  Builder& day(DayNumber date, DayKind kind, std::string name, std::string source = {});
  /// A swap (hoán đổi): `off` becomes a day off, `work` a working day that pays for it.
  Builder& swap(DayNumber off, DayNumber work, std::string name, std::string source = {});
  /// The rule block ("tet", "national_day", …) the entries of `year` replace for that year.
  Builder& replaces(int year, std::string block);
  /// Office hours for every weekday.
  Builder& hours(WorkingHours hours);
  /// Office hours of one weekday (0 = Sunday … 6 = Saturday), the others as they are.
  Builder& hours(unsigned weekday, const DaySchedule& schedule);

  CalendarData build() const;

 private:
  CalendarData data_;
};

/// Names of the rule blocks a data year may replace.
inline constexpr std::string_view kRuleBlocks[] = {
    "new_year", "tet", "hung_kings", "reunification_day", "labour_day", "national_day"};

}  // namespace parmetrics
