#include "province_store.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

namespace parmetrics::bench {
namespace {

constexpr std::size_t kDossiers = 10'000'000;

struct Rng {
  std::uint64_t s = 0x9E3779B97F4A7C15ull;
  std::uint32_t next(std::uint32_t n) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<std::uint32_t>(s % n);
  }
};

Unit make_unit(std::string code, std::string level, std::string parent) {
  Unit u;
  u.code = std::move(code);
  u.name = u.code;
  u.level = std::move(level);
  u.parent = std::move(parent);
  return u;
}

}  // namespace

const ProvinceStore& province_store() {
  static const ProvinceStore* d = [] {
    auto* b = new ProvinceStore;
    // 1 province, 30 departments, 9 branches, 20 districts of 47 communes: 1,000 units.
    b->units.add(make_unit("000.00.00.H55", "province", ""));
    for (int i = 0; i < 30; ++i)
      b->units.add(
          make_unit(fmt::format("000.{:02}.00.H55", i + 1), "department", "000.00.00.H55"));
    for (int i = 0; i < 9; ++i)
      b->units.add(make_unit(fmt::format("000.{:02}.90.H55", i + 1), "branch", "000.00.00.H55"));
    for (int i = 0; i < 20; ++i) {
      const std::string district = fmt::format("000.00.{:02}.H55", i + 1);
      b->units.add(make_unit(district, "district", "000.00.00.H55"));
      for (int j = 0; j < 47; ++j) {
        b->units.add(
            make_unit(fmt::format("{:03}.{:02}.{:02}.H55", j + 1, 0, i + 1), "commune", district));
      }
    }
    b->units.resolve();
    for (int i = 0; i < 200; ++i) {
      Procedure p;
      p.code = fmt::format("1.{:06}", i);
      p.name = p.code;
      p.field = fmt::format("field {}", i % 20);
      p.duration = StatutoryTime::working_days(1 + i % 15);
      b->procedures.add(p);
    }
    Rng rng;
    b->store.reserve(kDossiers);
    const DayNumber first = days_from_civil(2023, 1, 1);
    const int days = 243;  // to 2023-08-31
    // Daily counters per unit for the dossier codes "{unit}-{yyMMdd}-{NNNN}".
    std::vector<std::uint32_t> counter(b->units.size() * static_cast<std::size_t>(days), 0);
    Dossier d;
    for (std::size_t i = 0; i < kDossiers; ++i) {
      const auto unit = static_cast<UnitId>(rng.next(static_cast<std::uint32_t>(b->units.size())));
      const DayNumber day = first + static_cast<DayNumber>(rng.next(days));
      const MinuteStamp received = to_minutes(day, 7 * 60 + static_cast<int>(rng.next(600)));
      const CivilDate c = civil_from_days(day);
      const std::uint32_t n =
          ++counter[unit * static_cast<std::size_t>(days) + static_cast<std::size_t>(day - first)];
      d.code = fmt::format("{}-{:02}{:02}{:02}-{:04}", b->units[unit].code, c.year % 100, c.month,
                           c.day, n);
      d.unit = unit;
      const auto proc = static_cast<ProcedureId>(rng.next(200));
      d.procedure = proc;
      d.received = received;
      d.appointment = b->calendar.appointment(received, b->procedures[proc].duration);
      const std::uint32_t ch = rng.next(100);
      d.channel = ch < 57 ? Channel::online : ch < 95 ? Channel::direct : Channel::postal;
      d.flags = static_cast<std::uint8_t>(rng.next(256));
      d.feedback = rng.next(50) == 0 ? Feedback::complaint : Feedback::none;
      d.supplements.clear();
      d.apologies.clear();
      const std::uint32_t s = rng.next(100);
      MinuteStamp t = received;
      for (int k = 0; k < (s < 1 ? 2 : s < 10 ? 1 : 0); ++k) {
        t = b->calendar.add_working_minutes(t, 60 + rng.next(960));
        const MinuteStamp done = t + 60 * (1 + rng.next(72));
        d.supplements.push_back({t, done});
        t = done;
      }
      // 92 % ended: most before the appointment, 8 % of those after it.
      if (rng.next(100) < 92) {
        const std::int64_t budget = b->calendar.working_minutes_between(received, *d.appointment);
        const std::int64_t spent =
            rng.next(100) < 8
                ? budget + 1 + rng.next(2400)
                : static_cast<std::int64_t>(rng.next(static_cast<std::uint32_t>(budget + 1)));
        d.ended = b->calendar.add_working_minutes(std::max(received, t), spent);
        d.end_kind = EndKind::finished;
        if (rng.next(4) == 0)
          d.apologies.push_back({*d.ended - 60 * 24, std::nullopt, rng.next(2) == 0});
      } else {
        d.ended.reset();
        d.end_kind = EndKind::none;
      }
      b->store.append(d);
    }
    return b;
  }();
  return *d;
}

}  // namespace parmetrics::bench
