// parmetrics calendar | lunar | due: other tools read this output, so its format is exact.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ostream>
#include <string>

#include <parmetrics/calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_field.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "flags.hpp"
#include "import_summary.hpp"
#include "input_files.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

std::pair<DayNumber, DayNumber> date_range(const ParsedOptions& o) {
  const DayNumber from = date_option(o, "from");
  const DayNumber to = date_option(o, "to");
  if (to < from) throw UsageError("--to is before --from");
  return {from, to};
}

MinuteStamp instant_option(std::string_view flag, std::string_view text) {
  const auto t = parse_iso_datetime(text);
  if (!t) {
    throw UsageError(fmt::format("--{}: '{}' is not a date-time YYYY-MM-DDTHH:MM", flag, text));
  }
  const DayNumber d = day_of(*t);
  if (d < kFirstSupportedDay || d > kLastSupportedDay) {
    throw UsageError(fmt::format("--{}: {} is outside 1900-01-01..2199-12-31", flag, text));
  }
  return *t;
}

void print_lunar_row(std::ostream& out, DayNumber d) {
  const LunarDate l = to_lunar(d);
  fmt::print(out, "{},{},{},{},{}\n", format_iso_date(d), l.day, l.month, l.year, l.leap ? 1 : 0);
}

}  // namespace

int run_calendar(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::calendar_days);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const auto [from, to] = date_range(o);
  const WorkingCalendar calendar = calendar_from(o);
  note_computed_years(calendar, from, to, "calendar", err);
  std::string buffer = "date,working,kind,name\n";
  for (DayNumber d = from; d <= to; ++d) {
    const DayInfo info = calendar.day_info(d);
    fmt::format_to(std::back_inserter(buffer), "{},{},{},{}\n", format_iso_date(d),
                   info.working() ? 1 : 0, to_string(info.kind), csv_field(info.name));
  }
  out << buffer;
  return kExitOk;
}

int run_lunar(std::span<const std::string_view> args, std::ostream& out, std::ostream&) {
  const ParsedOptions o(args, flags::lunar);
  out << "date,lunar_day,lunar_month,lunar_year,leap\n";
  if (!o.positional().empty()) {
    if (o.positional().size() > 1 || o.has("from") || o.has("to")) {
      throw UsageError("give one DATE, or --from and --to");
    }
    print_lunar_row(out, date_value("date", o.positional()[0]));
    return kExitOk;
  }
  const auto [from, to] = date_range(o);
  for (DayNumber d = from; d <= to; ++d) print_lunar_row(out, d);
  return kExitOk;
}

int run_due(std::span<const std::string_view> args, std::ostream& out, std::ostream&) {
  const ParsedOptions o(args, flags::due);
  if (!o.positional().empty()) throw UsageError("unexpected argument '" + o.positional()[0] + "'");
  const MinuteStamp received = instant_option("received", o.required("received"));
  StatutoryTime duration;
  try {
    duration = StatutoryTime::parse(o.required("duration"));
  } catch (const ArgumentError& e) {
    throw UsageError(std::string("--duration: ") + e.reason());
  }
  std::vector<Pause> pauses;
  for (const std::string& p : o.values("pause")) {
    const auto slash = p.find('/');
    if (slash == std::string::npos) throw UsageError("--pause: '" + p + "' is not START/END");
    const MinuteStamp start = instant_option("pause", std::string_view(p).substr(0, slash));
    const MinuteStamp end = instant_option("pause", std::string_view(p).substr(slash + 1));
    if (end < start) throw UsageError("--pause: '" + p + "' ends before it starts");
    if (start < received) throw UsageError("--pause: '" + p + "' starts before --received");
    pauses.push_back({start, end});
  }
  PausePolicy policy = PausePolicy::working_time;
  if (const auto p = o.value("pause-policy")) {
    if (*p == "elapsed") {
      policy = PausePolicy::elapsed;
    } else if (*p != "working") {
      throw UsageError("--pause-policy: '" + *p + "' is not working or elapsed");
    }
  }
  const WorkingCalendar calendar = calendar_from(o);
  fmt::print(out, "{}\n",
             format_iso_datetime(calendar.appointment(received, duration, pauses, policy)));
  return kExitOk;
}

}  // namespace parmetrics::cli
