#pragma once
// The calendar module: serial days, the lunar calendar, the working calendar and deadlines.
// Thread-safety: as each header of the module says: values, and calendars that are immutable
// once made (any number of threads may share one).

#include <parmetrics/calendar/calendar_data.hpp>
#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/calendar/day_kind.hpp>
#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/lunar_calendar.hpp>
#include <parmetrics/calendar/minute.hpp>
#include <parmetrics/calendar/statutory_time.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/calendar/working_hours.hpp>
