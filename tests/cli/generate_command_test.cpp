// parmetrics generate and the generator behind it: the bundled sample must show the picture of the
// Hiệp Đức district report of 31/8/2023 (primer §1), reckoned here from the CSV rows with a
// simple reading of the rules, independent of the generator's own bookkeeping.

#include <boost/test/unit_test.hpp>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/model/dossier_store.hpp>

#include "calendar/test_support.hpp"
#include "cli/cli_run.hpp"

using namespace parmetrics::test::cli;
#include "generator.hpp"

namespace {

namespace fs = std::filesystem;
using namespace parmetrics;
using parmetrics::test::at;
using parmetrics::test::day;

// A scratch folder removed at the end of the test.
struct Scratch {
  fs::path path;
  explicit Scratch(std::string_view name)
      : path(fs::temp_directory_path() /
             ("parmetrics-generate-" + std::to_string(::getpid()) + "-" + std::string(name))) {
    fs::remove_all(path);
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::string str() const { return path.string(); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A minimal RFC 4180 reader, written for this test: quoted fields, doubled quotes, LF rows.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t col(std::string_view name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    BOOST_REQUIRE_MESSAGE(it != header.end(), "no column " << name);
    return static_cast<std::size_t>(it - header.begin());
  }
};

Table read_csv(const fs::path& p) {
  const std::string text = slurp(p);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
    } else {
      field += c;
    }
  }
  BOOST_REQUIRE_MESSAGE(record.empty() && field.empty(), p << " does not end with a newline");
  BOOST_REQUIRE(!records.empty());
  Table t;
  t.header = records.front();
  t.rows.assign(records.begin() + 1, records.end());
  for (const auto& r : t.rows) BOOST_REQUIRE_EQUAL(r.size(), t.header.size());
  return t;
}

MinuteStamp instant(const std::string& s) {
  const auto t = parse_iso_datetime(s);
  BOOST_REQUIRE_MESSAGE(t, "not a time: '" << s << "'");
  return *t;
}

// The as-of of the district report, 2023-08-31 24:00, and the sample's horizon, 2026-03-31 24:00:
// the sample runs on through the 2025 reform (docs/sample-data.md).
const MinuteStamp kAsOf = at(2023, 9, 1, 0, 0);
const MinuteStamp kHorizon = at(2026, 4, 1, 0, 0);

struct Request {
  MinuteStamp requested;
  std::optional<MinuteStamp> completed;
};

// One dossier as the rules see it.
struct Reckoned {
  std::string code, unit, channel, month;
  MinuteStamp received = 0, appointment = 0, effective = 0;
  std::optional<MinuteStamp> ended;
  std::vector<Request> pauses;
  bool late = false;
};

// Late per issue 4 with the default policies, as of `as_of`: the recorded appointment moved later
// by the working time of each completed pause; the end instant is the end, else the request time
// while a supplement is open, else the as-of; late when that instant is after the moved
// appointment, or when more than one supplement was requested.
void reckon(Reckoned& d, const WorkingCalendar& cal, MinuteStamp as_of = kAsOf) {
  std::int64_t moved = 0;
  std::optional<MinuteStamp> open;
  for (const Request& p : d.pauses) {
    if (p.completed) {
      moved += cal.working_minutes_between(p.requested, *p.completed);
    } else {
      open = p.requested;
    }
  }
  d.effective = cal.add_working_minutes(d.appointment, moved);
  const MinuteStamp end = d.ended ? *d.ended : open ? *open : as_of;
  d.late = end > d.effective || d.pauses.size() > 1;
}

struct Sample {
  Scratch dir{"sample"};
  Result result;
  Table units, procedures, dossiers, events;
  std::vector<Reckoned> rows;  // every dossier, as of the horizon
  // The dossiers of the district report's months as they stood at its as-of: what happened
  // after 2023-08-31 (ends, answers) not yet known.
  std::vector<Reckoned> report;
  std::map<std::string, std::string> unit_name, unit_level;

  Sample() {
    result = run({"generate", "--out", dir.str()});
    BOOST_REQUIRE_EQUAL(result.code, 0);
    units = read_csv(dir.path / "units.csv");
    procedures = read_csv(dir.path / "procedures.csv");
    dossiers = read_csv(dir.path / "dossiers.csv");
    events = read_csv(dir.path / "events.csv");
    for (const auto& u : units.rows) {
      unit_name[u[units.col("code")]] = u[units.col("name")];
      unit_level[u[units.col("code")]] = u[units.col("level")];
    }
    std::map<std::string, std::size_t> index;
    const WorkingCalendar cal;
    for (const auto& r : dossiers.rows) {
      Reckoned d;
      d.code = r[dossiers.col("code")];
      d.unit = r[dossiers.col("unit")];
      d.channel = r[dossiers.col("channel")];
      d.month = r[dossiers.col("received_at")].substr(0, 7);
      d.received = instant(r[dossiers.col("received_at")]);
      d.appointment = instant(r[dossiers.col("appointment_at")]);
      if (!r[dossiers.col("ended_at")].empty()) d.ended = instant(r[dossiers.col("ended_at")]);
      index[d.code] = rows.size();
      rows.push_back(std::move(d));
    }
    for (const auto& e : events.rows) {
      const auto it = index.find(e[events.col("code")]);
      BOOST_REQUIRE_MESSAGE(it != index.end(), "event of an unknown dossier " << e[0]);
      Reckoned& d = rows[it->second];
      const std::string& kind = e[events.col("kind")];
      const MinuteStamp t = instant(e[events.col("at")]);
      if (kind == "supplement_requested") {
        d.pauses.push_back({t, std::nullopt});
      } else if (kind == "supplement_completed") {
        BOOST_REQUIRE(!d.pauses.empty() && !d.pauses.back().completed);
        d.pauses.back().completed = t;
      }
    }
    for (Reckoned& d : rows) reckon(d, cal, kHorizon);
    for (Reckoned d : rows) {
      if (d.received >= kAsOf) continue;
      if (d.ended && *d.ended > kAsOf) d.ended.reset();
      for (Request& p : d.pauses) {
        if (p.completed && *p.completed > kAsOf) p.completed.reset();
      }
      reckon(d, cal);
      report.push_back(std::move(d));
    }
  }

  struct Month {
    int received = 0, online = 0, late = 0;
    double late_rate() const { return 100.0 * late / received; }
    double online_rate() const { return 100.0 * online / received; }
  };
  std::map<std::string, Month> by_month() const {
    std::map<std::string, Month> m;
    for (const Reckoned& d : report) {
      Month& x = m[d.month];
      ++x.received;
      x.online += d.channel == "online";
      x.late += d.late;
    }
    return m;
  }
};

const Sample& sample() {
  static const Sample s;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(generate_command)

BOOST_AUTO_TEST_CASE(reckoning_rule_on_a_hand_case) {
  // Appointment Mon 2023-03-06 10:00; a supplement from Mon 10:00 to Tue 2023-03-07 10:00 holds
  // 1 h 30 + 3 h 30 (Monday) + 3 h (Tuesday 07:00–10:00) = 8 working hours, so the appointment
  // moves to Tue 10:00. Ended Tue 09:59 → not late; ended Tue 10:01 → late.
  const WorkingCalendar cal;
  Reckoned d;
  d.appointment = at(2023, 3, 6, 10, 0);
  d.pauses = {{at(2023, 3, 6, 10, 0), at(2023, 3, 7, 10, 0)}};
  d.ended = at(2023, 3, 7, 9, 59);
  reckon(d, cal);
  BOOST_TEST(d.effective == at(2023, 3, 7, 10, 0));
  BOOST_TEST(!d.late);
  d.ended = at(2023, 3, 7, 10, 1);
  reckon(d, cal);
  BOOST_TEST(d.late);
  // Still waiting for the applicant at the as-of: the request time counts, not the as-of.
  d.ended.reset();
  d.pauses = {{at(2023, 3, 6, 9, 0), std::nullopt}};
  reckon(d, cal);
  BOOST_TEST(!d.late);
}

BOOST_AUTO_TEST_CASE(prints_one_line_per_file) {
  const Sample& s = sample();
  const std::string dir = s.dir.str();
  // Units: the 16 of 2023 (the province, the district, 3 offices, 11 communes), xã Quế Tân
  // (2025-01-01), Đà Nẵng and its 3 communes of the sample's district (2025-07-01): 21.
  // Dossiers: 3600 in January–August 2023 (383 + 430 + 460 + 440 + 460 + 460 + 456 + 511), then
  // 31 months to March 2026 of 200 each but Tết's (February 2024 150, January 2025 160, February
  // 2026 150): 28 × 200 + 460 = 6060; 9660 in all.
  BOOST_TEST(s.result.out ==
             dir + "/units.csv: 21 units\n" + dir + "/procedures.csv: 50 procedures\n" + dir +
                 "/dossiers.csv: 9660 dossiers\n" + dir +
                 "/events.csv: " + std::to_string(s.events.rows.size()) + " events\n");
  BOOST_TEST(s.units.rows.size() == 16u + 1u + 1u + 3u);
  BOOST_TEST(s.procedures.rows.size() == 50u);
  BOOST_TEST(s.dossiers.rows.size() == 3600u + 28u * 200u + 150u + 160u + 150u);
  BOOST_TEST(s.report.size() == 3600u);
  BOOST_TEST(s.result.err.empty());
}

BOOST_AUTO_TEST_CASE(headers_are_the_native_formats) {
  const Sample& s = sample();
  const auto join = [](const std::vector<std::string>& h) {
    std::string out;
    for (const auto& x : h) out += (out.empty() ? "" : ",") + x;
    return out;
  };
  BOOST_TEST(join(s.units.header) ==
             "code,name,level,parent,valid_from,valid_to,successor,successor_rule,gso_code");
  BOOST_TEST(join(s.procedures.header) ==
             "code,name,field,duration,duration_kind,online_level,fee,citizen");
  BOOST_TEST(join(s.dossiers.header) ==
             "code,procedure,unit,channel,received_at,appointment_at,ended_at,end_kind,"
             "returned_at,digitised,e_result,reused,from_store,vneid,fee_due,paid_online,synced,"
             "feedback,commune");
  BOOST_TEST(join(s.events.header) == "code,kind,at,new_appointment_at,public");
}

BOOST_AUTO_TEST_CASE(the_district_its_offices_and_eleven_communes) {
  // The units of 2023: valid on 2023-08-31 (an empty valid_to is open).
  const Sample& s = sample();
  const std::size_t to = s.units.col("valid_to"), from = s.units.col("valid_from");
  std::map<std::string, int> levels;
  for (const auto& u : s.units.rows) {
    if (!u[from].empty() && u[from] > "2023-08-31") continue;
    ++levels[u[s.units.col("level")]];
    BOOST_TEST((u[to].empty() || u[to] >= "2023-08-31"));
  }
  BOOST_TEST(levels["province"] == 1);
  BOOST_TEST(levels["district"] == 1);
  BOOST_TEST(levels["commune"] == 11);
  BOOST_TEST(levels["branch"] == 1);
  BOOST_TEST(levels["department"] == 2);
  BOOST_TEST(s.unit_name.at("000.00.30.H55") == "Ủy ban nhân dân huyện Hiệp Đức");
  // Every unit but the roots hangs from a known unit; the communes of the district from it,
  // those of 2025-07-01 from Đà Nẵng (the district was abolished).
  for (const auto& u : s.units.rows) {
    const std::string& parent = u[s.units.col("parent")];
    if (u[s.units.col("level")] == "province") {
      BOOST_TEST(parent.empty());
    } else {
      BOOST_TEST(s.unit_name.count(parent) == 1u);
    }
    if (u[s.units.col("level")] == "commune") {
      BOOST_TEST(parent == (u[from] == "2025-07-01" ? "000.00.00.H15" : "000.00.30.H55"));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_district_through_the_reform) {
  // NQ 1241: xã Hiệp Hòa and xã Hiệp Thuận merged into xã Quế Tân from 2025-01-01. NQ 1659: from
  // 2025-07-01 the district's communes are three communes of Đà Nẵng, which receive its dossiers.
  const Sample& s = sample();
  const std::size_t from = s.units.col("valid_from"), to = s.units.col("valid_to");
  const std::size_t gso = s.units.col("gso_code");
  std::map<std::string, std::pair<std::string, std::string>> validity;  // code → from, to
  for (const auto& u : s.units.rows) validity[u[0]] = {u[from], u[to]};
  std::map<std::string, int> after;  // dossiers received from 2025-07-01, by unit
  int que_tan = 0, named = 0;
  const std::size_t unit = s.dossiers.col("unit"), received = s.dossiers.col("received_at");
  const std::size_t commune = s.dossiers.col("commune");
  for (const auto& d : s.dossiers.rows) {
    const std::string day = d[received].substr(0, 10);
    const auto& [first, last] = validity.at(d[unit]);
    // Every dossier is received by a unit valid that day.
    BOOST_TEST((first.empty() || first <= day), d[0]);
    BOOST_TEST((last.empty() || day <= last), d[0]);
    if (day >= "2025-07-01") ++after[d[unit]];
    que_tan += d[unit] == "000.32.30.H55";
    // The offices' dossiers name the commune they concern: a GSO code a commune holds that day.
    const bool office = s.unit_level.at(d[unit]) != "commune";
    BOOST_TEST(d[commune].empty() == !office, d[0]);
    if (d[commune].empty()) continue;
    ++named;
    int holders = 0;
    for (const auto& u : s.units.rows) {
      const bool valid = (u[from].empty() || u[from] <= day) && (u[to].empty() || day <= u[to]);
      holders += valid && u[gso] == d[commune] && u[s.units.col("level")] == "commune";
    }
    BOOST_TEST(holders == 1, d[0] << " names " << d[commune]);
  }
  BOOST_TEST(que_tan > 0);
  BOOST_TEST(named > 0);
  BOOST_TEST((after.size() == 3u && after.count("000.00.71.H15") && after.count("000.00.72.H15") &&
              after.count("000.00.73.H15")));
}

BOOST_AUTO_TEST_CASE(rows_are_consistent) {
  const Sample& s = sample();
  const WorkingCalendar cal;
  std::map<std::string, StatutoryTime> duration;
  for (const auto& p : s.procedures.rows) {
    duration[p[0]] = StatutoryTime::parse(p[s.procedures.col("duration")] +
                                          p[s.procedures.col("duration_kind")]);
  }
  std::set<std::string> codes;
  const std::size_t proc = s.dossiers.col("procedure");
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    const Reckoned& d = s.rows[i];
    BOOST_TEST_CONTEXT(d.code) {
      BOOST_TEST(codes.insert(d.code).second);
      // {unit code}-{yyMMdd of receipt}-{4 digits}
      const std::string date = format_iso_date(day_of(d.received));
      const std::string expected_prefix =
          d.unit + "-" + date.substr(2, 2) + date.substr(5, 2) + date.substr(8, 2) + "-";
      BOOST_TEST(d.code.substr(0, d.code.size() - 4) == expected_prefix);
      BOOST_TEST(
          std::all_of(d.code.end() - 4, d.code.end(), [](char c) { return c >= '0' && c <= '9'; }));
      BOOST_TEST(s.unit_name.count(d.unit) == 1u);
      BOOST_TEST(duration.count(s.dossiers.rows[i][proc]) == 1u);
      BOOST_TEST(d.received >= at(2023, 1, 1, 0, 0));
      BOOST_TEST(d.received < kHorizon);
      // The recorded appointment is the real calendar's.
      BOOST_TEST(d.appointment == cal.appointment(d.received, duration[s.dossiers.rows[i][proc]]));
      if (d.ended) {
        BOOST_TEST(*d.ended >= d.received);
        BOOST_TEST(*d.ended <= kHorizon);
      }
      for (const Request& p : d.pauses) {
        BOOST_TEST(p.requested >= d.received);
        if (p.completed) BOOST_TEST(*p.completed >= p.requested);
        if (d.ended) BOOST_TEST(p.requested <= *d.ended);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(appointments_skip_tet_and_the_may_holidays) {
  // Tết 2023: Friday 20 to Thursday 26 January off. A dossier received on Thursday 19 January
  // with a statutory time of one working day or more is due on Friday 27 January or later.
  // 29/4 (Sat, Hùng Kings), 30/4 (Sun), 1/5 (Mon), 2/5 and 3/5 (compensation days) were off:
  // one working day from Friday 28 April 10:00 is Thursday 4 May 10:00.
  const Sample& s = sample();
  const WorkingCalendar cal;
  int before_tet = 0;
  for (const Reckoned& d : s.rows) {
    const MinuteStamp start = cal.next_working_instant(d.received);
    if (day_of(d.received) == day(2023, 1, 19) &&
        cal.working_minutes_between(start, d.appointment) >= 480) {
      ++before_tet;
      BOOST_TEST(day_of(d.appointment) >= day(2023, 1, 27));
    }
  }
  BOOST_TEST(before_tet > 0);
  BOOST_TEST(cal.appointment(at(2023, 4, 28, 10, 0), StatutoryTime::working_days(1)) ==
             at(2023, 5, 4, 10, 0));
}

BOOST_AUTO_TEST_CASE(late_and_online_rates_follow_the_report) {
  // The report: late dossiers from 28.72% down to 7.83%, online dossiers from 0% to 57.7% in
  // August. Read per month of receipt, as of 2023-08-31 24:00 (docs/sample-data.md).
  const auto m = sample().by_month();
  BOOST_REQUIRE_EQUAL(m.size(), 8u);
  const auto& jan = m.at("2023-01");
  const auto& aug = m.at("2023-08");
  // Whole quotas of each month's dossiers: 383 × 28.72 % = 109.998 → 110 late in January;
  // 511 × 7.83 % = 40.01 → 40 late and 511 × 57.7 % = 294.8 → 295 online in August.
  BOOST_TEST(jan.received == 383);
  BOOST_TEST(jan.online == 0);
  BOOST_TEST(jan.late == 110);
  BOOST_TEST(aug.received == 511);
  BOOST_TEST(aug.late == 40);
  BOOST_TEST(aug.online == 295);
  // Falling late rate, rising online rate, month after month.
  const Sample::Month* previous = nullptr;
  for (const auto& [month, x] : m) {
    BOOST_TEST_MESSAGE(month << ": received " << x.received << ", late " << x.late_rate()
                             << "%, online " << x.online_rate() << "%");
    if (previous) {
      BOOST_TEST(x.late_rate() <= previous->late_rate(), month);
      BOOST_TEST(x.online_rate() >= previous->online_rate(), month);
    }
    previous = &x;
  }
}

BOOST_AUTO_TEST_CASE(hiep_thuan_and_que_luu_file_nothing_online) {
  // "thậm chí có đơn vị từ đầu năm đến nay không phát sinh hồ sơ trực tuyến (Hiệp Thuận, Quế Lưu)"
  const Sample& s = sample();
  std::map<std::string, std::pair<int, int>> per_unit;  // received, online
  for (const Reckoned& d : s.report) {
    ++per_unit[d.unit].first;
    per_unit[d.unit].second += d.channel == "online";
  }
  std::set<std::string> none_online;
  for (const auto& [unit, counts] : per_unit) {
    BOOST_TEST(counts.first > 0);
    if (counts.second == 0) none_online.insert(s.unit_name.at(unit));
  }
  BOOST_TEST(none_online == (std::set<std::string>{"Ủy ban nhân dân xã Hiệp Thuận",
                                                   "Ủy ban nhân dân xã Quế Lưu"}));
  // Every unit that is not an inner node receives dossiers: 3 offices and 11 communes.
  BOOST_TEST(per_unit.size() == 14u);
}

BOOST_AUTO_TEST_CASE(postal_reception_at_the_district_and_four_communes) {
  const Sample& s = sample();
  std::map<std::string, int> postal;
  for (const Reckoned& d : s.report) {
    if (d.channel == "postal") ++postal[d.unit];
  }
  int communes = 0, district_offices = 0;
  for (const auto& [unit, n] : postal) {
    BOOST_TEST(n > 0);
    if (s.unit_level.at(unit) == "commune") ++communes;
    if (s.unit_name.at(unit) == "Bộ phận Một cửa huyện Hiệp Đức") ++district_offices;
  }
  BOOST_TEST(postal.size() == 5u);
  BOOST_TEST(communes == 4);
  BOOST_TEST(district_offices == 1);
}

BOOST_AUTO_TEST_CASE(supplements_completed_and_still_open) {
  const Sample& s = sample();
  int completed = 0, open = 0;
  for (const Reckoned& d : s.rows) {
    BOOST_TEST(d.pauses.size() <= 1u);
    for (const Request& p : d.pauses) (p.completed ? completed : open) += 1;
    // A dossier waiting for the applicant has not ended.
    if (!d.pauses.empty() && !d.pauses.back().completed) BOOST_TEST(!d.ended);
  }
  BOOST_TEST(completed > 0);
  BOOST_TEST(open > 0);
}

BOOST_AUTO_TEST_CASE(apologies_missing_for_most_late_dossiers_none_public) {
  // The report's months, as of its as-of. On time ⇔ issued no later than the working day before the
  // (moved) appointment's day.
  const Sample& s = sample();
  const WorkingCalendar cal;
  std::map<std::string, const Reckoned*> by_code;
  for (const Reckoned& d : s.report) by_code[d.code] = &d;
  int late = 0, apologised = 0, on_time = 0, after = 0, in_public = 0;
  for (const Reckoned& d : s.report) late += d.late;
  // The apologies of the report's months (issued by its as-of: apologies are never added later).
  for (const auto& e : s.events.rows) {
    if (by_code.count(e[0]) == 0) continue;
    if (e[s.events.col("kind")] != "apology") {
      BOOST_TEST(e[s.events.col("new_appointment_at")].empty());
      BOOST_TEST(e[s.events.col("public")].empty());
      continue;
    }
    const Reckoned& d = *by_code.at(e[0]);
    const MinuteStamp issued = instant(e[s.events.col("at")]);
    BOOST_TEST(d.late, d.code);
    BOOST_TEST(issued <= (d.ended ? *d.ended : kAsOf), d.code);
    BOOST_TEST(instant(e[s.events.col("new_appointment_at")]) > issued);
    ++apologised;
    if (day_of(issued) <= cal.advance(day_of(d.effective), -1)) {
      ++on_time;
    } else {
      ++after;
    }
    in_public += e[s.events.col("public")] == "1";
    BOOST_TEST((e[s.events.col("public")] == "0" || e[s.events.col("public")] == "1"));
  }
  BOOST_TEST_MESSAGE("late " << late << ", apologised " << apologised << " (on time " << on_time
                             << ", late " << after << ")");
  BOOST_TEST(apologised > 0);
  BOOST_TEST(apologised * 5 < late);  // missing for more than four in five
  BOOST_TEST(on_time > 0);
  BOOST_TEST(after > 0);
  BOOST_TEST(in_public == 0);
}

BOOST_AUTO_TEST_CASE(land_office_below_the_average_online_rate) {
  const Sample& s = sample();
  int all = 0, online = 0, land = 0, land_online = 0, aug = 0, aug_online = 0, aug_land = 0,
      aug_land_online = 0;
  for (const Reckoned& d : s.report) {
    const bool is_land =
        s.unit_name.at(d.unit) == "Chi nhánh Văn phòng đăng ký đất đai huyện Hiệp Đức";
    const bool is_online = d.channel == "online";
    ++all;
    online += is_online;
    land += is_land;
    land_online += is_land && is_online;
    if (d.month == "2023-08") {
      ++aug;
      aug_online += is_online;
      aug_land += is_land;
      aug_land_online += is_land && is_online;
    }
  }
  BOOST_TEST(land > 0);
  BOOST_TEST(land_online > 0);
  BOOST_TEST(land_online * all < online * land);
  BOOST_TEST(aug_land_online * aug < aug_online * aug_land);
}

BOOST_AUTO_TEST_CASE(digitisation_stays_low) {
  const Sample& s = sample();
  // In the report's months, January–August 2023.
  const std::size_t digitised = s.dossiers.col("digitised"), e_result = s.dossiers.col("e_result");
  const std::size_t received = s.dossiers.col("received_at");
  std::size_t n_digitised = 0, n_e_result = 0, n = 0;
  for (const auto& r : s.dossiers.rows) {
    if (r[received] >= "2023-09") continue;
    ++n;
    n_digitised += r[digitised] == "1";
    n_e_result += r[e_result] == "1";
  }
  BOOST_TEST(n_e_result * 5 < n);   // under 20% of results electronic
  BOOST_TEST(n_digitised * 2 < n);  // under half with digitised components
  BOOST_TEST(n_e_result > 0u);
}

BOOST_AUTO_TEST_CASE(the_sample_stays_small) {
  const Sample& s = sample();
  std::uintmax_t bytes = 0;
  for (const char* f : {"units.csv", "procedures.csv", "dossiers.csv", "events.csv"}) {
    bytes += fs::file_size(s.dir.path / f);
  }
  BOOST_TEST(bytes < 2'000'000u);
}

BOOST_AUTO_TEST_CASE(same_seed_same_bytes_other_seed_other_bytes) {
  const Sample& s = sample();
  Scratch again("again"), other("other");
  BOOST_REQUIRE_EQUAL(run({"generate", "--out", again.str(), "--seed", "20230831"}).code, 0);
  BOOST_REQUIRE_EQUAL(run({"generate", "--out", other.str(), "--seed", "7"}).code, 0);
  for (const char* f : {"units.csv", "procedures.csv", "dossiers.csv", "events.csv"}) {
    BOOST_TEST(slurp(s.dir.path / f) == slurp(again.path / f), f);
  }
  BOOST_TEST(slurp(s.dir.path / "dossiers.csv") != slurp(other.path / "dossiers.csv"));
  BOOST_TEST(slurp(s.dir.path / "units.csv") == slurp(other.path / "units.csv"));
}

BOOST_AUTO_TEST_CASE(the_bundled_sample_is_this_generator_s_output) {
  // A regeneration check, not a correctness one: data/sample/README.md gives the command, and the
  // files must be what it writes today. The sample's figures are checked against their sources
  // (the quotas above and report_command_test), never against these files.
  const Sample& s = sample();
  const fs::path bundled = fs::path(PARMETRICS_DATA_DIR) / "sample";
  for (const char* f : {"units.csv", "procedures.csv", "dossiers.csv", "events.csv"}) {
    BOOST_TEST(slurp(bundled / f) == slurp(s.dir.path / f), f);
  }
}

BOOST_AUTO_TEST_CASE(the_thread_count_does_not_change_the_bytes) {
  generator::Options o;
  o.profile = generator::Profile::bench;
  o.dossiers = 30000;
  o.units = 40;
  const generator::DataSet data(o);
  Scratch one("one-thread"), two("two-threads");
  generator::write_csv(data, one.path, {.threads = 1});
  generator::write_csv(data, two.path, {.threads = 2});
  for (const char* f : {"dossiers.csv", "events.csv"}) {
    BOOST_TEST(slurp(one.path / f) == slurp(two.path / f), f);
  }
}

BOOST_AUTO_TEST_CASE(bench_profile_tree_and_sizes) {
  Scratch dir("bench");
  const Result r = run({"generate", "--out", dir.str(), "--profile", "bench", "--dossiers", "20000",
                        "--units", "60", "--seed", "3"});
  BOOST_REQUIRE_EQUAL(r.code, 0);
  BOOST_TEST(r.out.find("/dossiers.csv: 20000 dossiers\n") != std::string::npos);
  const Table units = read_csv(dir.path / "units.csv");
  const Table procedures = read_csv(dir.path / "procedures.csv");
  const Table dossiers = read_csv(dir.path / "dossiers.csv");
  BOOST_TEST(units.rows.size() == 60u);
  BOOST_TEST(procedures.rows.size() == 200u);
  BOOST_TEST(dossiers.rows.size() == 20000u);
  std::map<std::string, std::string> level;
  for (const auto& u : units.rows) level[u[0]] = u[units.col("level")];
  int roots = 0;
  for (const auto& u : units.rows) {
    const std::string& parent = u[units.col("parent")];
    const std::string& l = u[units.col("level")];
    if (l == "province") {
      ++roots;
      BOOST_TEST(parent.empty());
    } else if (l == "district") {
      BOOST_TEST(level.at(parent) == "province");
    } else {
      BOOST_TEST(l == "commune");
      BOOST_TEST(level.at(parent) == "district");
    }
  }
  BOOST_TEST(roots == 1);
  std::set<std::string> codes, channels;
  for (const auto& d : dossiers.rows) {
    codes.insert(d[0]);
    channels.insert(d[dossiers.col("channel")]);
    // The benchmark leaves the appointment to the importer (computed from the calendar).
    BOOST_TEST(d[dossiers.col("appointment_at")].empty());
    const MinuteStamp received = instant(d[dossiers.col("received_at")]);
    BOOST_TEST(received >= at(2023, 1, 1, 0, 0));
    BOOST_TEST(received < at(2025, 1, 1, 0, 0));
    BOOST_TEST(level.count(d[dossiers.col("unit")]) == 1u);
  }
  BOOST_TEST(codes.size() == 20000u);
  BOOST_TEST(channels == (std::set<std::string>{"direct", "online", "postal"}));
}

BOOST_AUTO_TEST_CASE(peer_data_always_carries_the_appointment) {
  generator::Options o;
  o.profile = generator::Profile::bench;
  o.dossiers = 5000;
  o.units = 30;
  Scratch native("native"), peer("peer");
  generator::write_csv(generator::DataSet(o), native.path);
  generator::write_peer_csv(o, peer.path);
  const Table a = read_csv(native.path / "dossiers.csv");
  const Table b = read_csv(peer.path / "dossiers.csv");
  BOOST_REQUIRE_EQUAL(a.rows.size(), b.rows.size());
  const WorkingCalendar cal;
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    BOOST_TEST(a.rows[i][0] == b.rows[i][0]);  // the same dossiers, in the same order
    const std::string& received = b.rows[i][b.col("received_at")];
    const std::string& appointment = b.rows[i][b.col("appointment_at")];
    // "YYYY-MM-DD HH:MM:SS", the SQL engines' literal.
    BOOST_TEST(received.size() == 19u);
    BOOST_TEST(received[10] == ' ');
    BOOST_TEST(appointment.size() == 19u);
    BOOST_TEST(instant(received) == instant(a.rows[i][a.col("received_at")]));
  }
}

BOOST_AUTO_TEST_CASE(fill_gives_the_same_dossiers_as_the_files) {
  const Sample& s = sample();
  const generator::DataSet data;
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  generator::fill(data, units, procedures, store);
  BOOST_REQUIRE_EQUAL(store.size(), s.rows.size());
  BOOST_TEST(units.size() == s.units.rows.size());
  BOOST_TEST(procedures.size() == 50u);
  std::size_t events = 0;
  for (DossierStore::Index i = 0; i < store.size(); ++i) {
    BOOST_TEST_CONTEXT(i) {
      BOOST_TEST(store.code(i) == s.rows[i].code);
      BOOST_TEST(store.received()[i] == s.rows[i].received);
      BOOST_TEST(store.appointment()[i] == s.rows[i].appointment);
      BOOST_TEST(units[store.unit()[i]].code == s.rows[i].unit);
    }
    events += store.events_of(i).size();
  }
  // Each supplement is one stored event (two rows in events.csv when completed).
  std::size_t expected = 0;
  for (const auto& e : s.events.rows) expected += e[1] != "supplement_completed";
  BOOST_TEST(events == expected);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  Scratch dir("usage");
  const std::string out = dir.str();
  const auto code_of = [](std::initializer_list<std::string_view> a) { return run(a).code; };
  BOOST_TEST(code_of({"generate"}) == 2);
  BOOST_TEST(code_of({"generate", "--out"}) == 2);
  BOOST_TEST(code_of({"generate", "--out", out, "--profile", "huge"}) == 2);
  BOOST_TEST(code_of({"generate", "--out", out, "--seed", "abc"}) == 2);
  BOOST_TEST(code_of({"generate", "--out", out, "--seed", "-1"}) == 2);
  BOOST_TEST(code_of({"generate", "--out", out, "--dossiers", "0"}) == 2);
  BOOST_TEST(code_of({"generate", "--out", out, "--units", "10"}) == 2);
  BOOST_TEST(code_of({"generate", "--out", out, "--profile", "bench", "--units", "0"}) == 2);
  BOOST_TEST(code_of({"generate", "--out", out, "extra"}) == 2);
  // Ten million dossiers at a single unit would need more than 9999 a day.
  const Result r = run(
      {"generate", "--out", out, "--profile", "bench", "--units", "1", "--dossiers", "10000000"});
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err.find("4 digits") != std::string::npos);
  const Result u = run({"generate", "--out", out, "--units", "10"});
  BOOST_TEST(u.err.find("--units") != std::string::npos);
  BOOST_TEST(u.err.find("usage: parmetrics generate") != std::string::npos);
  BOOST_TEST(!fs::exists(dir.path));  // nothing written on a usage error
}

BOOST_AUTO_TEST_CASE(write_failures_exit_1_naming_the_file) {
  Scratch dir("fail");
  fs::create_directories(dir.path);
  // --out names a regular file.
  const fs::path file = dir.path / "plain";
  std::ofstream(file) << "x";
  const Result a = run({"generate", "--out", file.string()});
  BOOST_TEST(a.code == 1);
  BOOST_TEST(a.err.find(file.string()) != std::string::npos, a.err);
  // dossiers.csv is taken by a folder that cannot be replaced.
  const fs::path out = dir.path / "out";
  fs::create_directories(out / "dossiers.csv" / "inside");
  const Result b = run({"generate", "--out", out.string()});
  BOOST_TEST(b.code == 1);
  BOOST_TEST(b.err.find((out / "dossiers.csv").string()) != std::string::npos, b.err);
  BOOST_TEST(!fs::exists(out / "dossiers.csv.tmp"));
}

BOOST_AUTO_TEST_SUITE_END()
