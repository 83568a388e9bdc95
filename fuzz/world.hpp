#pragma once
// The registries the dossier harnesses import against: the same two units and two procedures as
// tests/io, so that the seed corpora's records can load.

#include <string>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics::fuzz {

inline UnitRegistry two_units() {
  UnitRegistry units;
  units.add(Unit{.code = "000.00.30.H55",
                 .name = "UBND huyện Hiệp Đức",
                 .level = "district",
                 .parent = "",
                 .successors = {},
                 .aliases = {},
                 .gso_code = {},
                 .successor_shares = {},
                 .succession = {},
                 .history = {}});
  units.add(Unit{.code = "H55.01",
                 .name = "UBND xã Quế Thọ",
                 .level = "commune",
                 .parent = "000.00.30.H55",
                 .successors = {},
                 .aliases = {},
                 .gso_code = {},
                 .successor_shares = {},
                 .succession = {},
                 .history = {}});
  units.resolve();
  return units;
}

inline ProcedureCatalog two_procedures() {
  ProcedureCatalog procedures;
  procedures.add(Procedure{.code = "1.001",
                           .name = "Đăng ký khai sinh",
                           .field = "Hộ tịch",
                           .duration = StatutoryTime::working_days(3)});
  procedures.add(Procedure{.code = "2.002",
                           .name = "Chứng thực bản sao",
                           .field = "Chứng thực",
                           .duration = StatutoryTime::working_hours(4)});
  return procedures;
}

inline const WorkingCalendar& calendar() {
  static const WorkingCalendar c;
  return c;
}

}  // namespace parmetrics::fuzz
