// dossiers.csv and events.csv (docs/formats.md): the CSV layer (quoting, BOM, CRLF, empty lines,
// huge fields), every field check and consistency check, the report and its reconciliation,
// strict mode, and multi-threaded imports giving exactly what one thread gives.
//
// Expected values are worked out by hand from the rules in docs/formats.md; the calendar is the
// default one (07:00–11:30 and 13:30–17:00, Monday–Friday, 480 working minutes a day), and
// 14–25 August 2023 has no public holiday.

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_import.hpp>

#include "calendar/test_support.hpp"
#include "io/same_import.hpp"

namespace {

using namespace parmetrics;
using parmetrics::test::check_same_import;
using parmetrics::test::details;
using test::at;

constexpr std::string_view kDistrict = "000.00.30.H55";
constexpr std::string_view kCommune = "H55.01";

// Two units, and two procedures: 3 working days and 4 working hours.
struct World {
  UnitRegistry units;
  ProcedureCatalog procedures;
  WorkingCalendar calendar;
  DossierStore store;
  ImportReport report;

  World() {
    units.add(Unit{.code = std::string(kDistrict),
                   .name = "UBND huyện Hiệp Đức",
                   .level = "district",
                   .parent = "",
                   .successors = {},
                   .aliases = {},
                   .gso_code = {},
                   .successor_shares = {},
                   .succession = {},
                   .history = {}});
    units.add(Unit{.code = std::string(kCommune),
                   .name = "UBND xã Quế Thọ",
                   .level = "commune",
                   .parent = std::string(kDistrict),
                   .successors = {},
                   .aliases = {},
                   .gso_code = {},
                   .successor_shares = {},
                   .succession = {},
                   .history = {}});
    units.resolve();
    procedures.add(Procedure{.code = "1.001",
                             .name = "Đăng ký khai sinh",
                             .field = "Hộ tịch",
                             .duration = StatutoryTime::working_days(3)});
    procedures.add(Procedure{.code = "2.002",
                             .name = "Chứng thực bản sao",
                             .field = "Chứng thực",
                             .duration = StatutoryTime::working_hours(4)});
  }

  /// Adds a commune under the district, with its aliases, and resolves the registry.
  void commune(std::string code, std::string name, std::vector<std::string> aliases = {}) {
    units.add(Unit{.code = std::move(code),
                   .name = std::move(name),
                   .level = "commune",
                   .parent = std::string(kDistrict),
                   .successors = {},
                   .aliases = std::move(aliases),
                   .gso_code = {},
                   .successor_shares = {},
                   .succession = {},
                   .history = {}});
    units.resolve();
  }
  void dossiers(std::string_view csv, const ImportOptions& options = {}) {
    import_dossiers_csv(csv, "d.csv", units, procedures, calendar, store, report, options);
  }
  void events(std::string_view csv, const ImportOptions& options = {}) {
    import_events_csv(csv, "e.csv", store, report, options);
  }
};

const std::vector<std::string> kAllColumns = {
    "code",       "procedure", "unit",        "channel",     "received_at", "appointment_at",
    "ended_at",   "end_kind",  "returned_at", "digitised",   "e_result",    "reused",
    "from_store", "vneid",     "fee_due",     "paid_online", "synced",      "feedback"};

std::string all_columns_header() {
  return fmt::format("{}\n", fmt::join(kAllColumns, ","));
}

// A record with every column: a valid dossier of procedure 1.001 (appointment computed), with the
// given cells replaced.
std::string record(const std::map<std::string, std::string>& cells) {
  std::map<std::string, std::string> base = {{"code", "X-1"},
                                             {"procedure", "1.001"},
                                             {"unit", std::string(kDistrict)},
                                             {"channel", "direct"},
                                             {"received_at", "2023-08-14T08:00"}};
  for (const auto& [k, v] : cells) base[k] = v;
  std::vector<std::string> out;
  for (const std::string& c : kAllColumns) out.push_back(base.count(c) ? base[c] : "");
  return fmt::format("{}\n", fmt::join(out, ","));
}

// Both worlds hold the same dossiers, events and report.
void check_same(const World& a, const World& b) {
  check_same_import(a.store, a.report, b.store, b.report);
}

// The single rejection of a one-record import.
struct Expected {
  std::map<std::string, std::string> cells;
  std::string field, value, reason;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_import)

BOOST_AUTO_TEST_CASE(a_full_record_loads_every_column) {
  World w;
  w.dossiers(all_columns_header() + record({{"code", "000.00.30.H55-230814-0001"},
                                            {"channel", "online"},
                                            {"appointment_at", "2023-08-17T08:00:00"},
                                            {"ended_at", "2023-08-16 10:15"},
                                            {"end_kind", "finished"},
                                            {"returned_at", "2023-08-16T14:00:59"},
                                            {"digitised", "1"},
                                            {"e_result", "0"},
                                            {"reused", "1"},
                                            {"from_store", "0"},
                                            {"vneid", "1"},
                                            {"fee_due", "0"},
                                            {"paid_online", "1"},
                                            {"synced", "1"},
                                            {"feedback", "complaint"}}));
  BOOST_TEST(w.report.read() == 1u);
  BOOST_TEST(w.report.loaded_count() == 1u);
  BOOST_TEST(w.report.reconciles());
  BOOST_TEST_REQUIRE(w.store.size() == 1u);
  const Dossier d = w.store.row(0);
  BOOST_TEST(d.code == "000.00.30.H55-230814-0001");
  BOOST_TEST_REQUIRE(d.procedure.has_value());
  BOOST_TEST(*d.procedure == 0u);
  BOOST_TEST(d.unit == 0u);
  BOOST_TEST(to_string(d.channel) == "online");
  BOOST_TEST(d.received == at(2023, 8, 14, 8, 0));
  BOOST_TEST(*d.appointment == at(2023, 8, 17, 8, 0));  // seconds dropped
  BOOST_TEST(*d.ended == at(2023, 8, 16, 10, 15));      // "YYYY-MM-DD HH:MM" form
  BOOST_TEST(to_string(d.end_kind) == "finished");
  BOOST_TEST(*d.returned == at(2023, 8, 16, 14, 0));
  // digitised (bit 0) + reused (2) + vneid (4) + paid_online (6) + synced (7) = 1+4+16+64+128.
  BOOST_TEST(d.flags == 213);
  BOOST_TEST(to_string(d.feedback) == "complaint");
  BOOST_TEST(!dossier_status::appointment_computed(w.store.status()[0]));
  BOOST_TEST(w.report.warnings().empty());
}

BOOST_AUTO_TEST_CASE(missing_appointments_are_computed_from_the_procedure) {
  World w;
  w.dossiers(
      "code,procedure,unit,channel,received_at\n"
      // 3 working days = 1440 min from Mon 14 Aug 08:00: Mon 420 (08:00–11:30, 13:30–17:00),
      // Tue 480, Wed 480 → 1380, then 60 min on Thu → Thu 17 Aug 08:00.
      "A,1.001,000.00.30.H55,direct,2023-08-14T08:00\n"
      // 4 working hours from Fri 18 Aug 16:00: 60 min on Friday, 180 on Mon 21 from 07:00 → 10:00.
      "B,2.002,000.00.30.H55,direct,2023-08-18T16:00\n"
      // Received on Saturday: the clock starts Mon 21 at 07:00; 240 min → 11:00.
      "C,2.002,H55.01,online,2023-08-19T09:00\n");
  BOOST_TEST(w.report.loaded_count() == 3u);
  BOOST_TEST_REQUIRE(w.store.size() == 3u);
  BOOST_TEST(*w.store.row(0).appointment == at(2023, 8, 17, 8, 0));
  BOOST_TEST(*w.store.row(1).appointment == at(2023, 8, 21, 10, 0));
  BOOST_TEST(*w.store.row(2).appointment == at(2023, 8, 21, 11, 0));
  for (DossierStore::Index i = 0; i < 3; ++i) {
    BOOST_TEST(dossier_status::appointment_computed(w.store.status()[i]));
  }
  BOOST_TEST(w.store.row(2).unit == 1u);
}

BOOST_AUTO_TEST_CASE(columns_in_any_order_and_unknown_columns_warned_once) {
  World w;
  w.dossiers(
      "channel,note,received_at,unit,code,appointment_at,note,other\n"
      "postal,hello,2023-08-14T08:00,000.00.30.H55,A,2023-08-15T08:00,x,y\n"
      "direct,,2023-08-14T09:00,H55.01,B,2023-08-15T09:00,,\n");
  BOOST_TEST(w.report.loaded_count() == 2u);
  // One warning per unknown column name, not per record nor per occurrence.
  BOOST_TEST_REQUIRE(w.report.warnings().size() == 2u);
  BOOST_TEST(w.report.warnings()[0] == "d.csv:1: unknown column 'note' ignored");
  BOOST_TEST(w.report.warnings()[1] == "d.csv:1: unknown column 'other' ignored");
  const Dossier a = w.store.row(0);
  BOOST_TEST(a.code == "A");
  BOOST_TEST(to_string(a.channel) == "postal");
  BOOST_TEST(!a.procedure.has_value());
  BOOST_TEST(*a.appointment == at(2023, 8, 15, 8, 0));
  BOOST_TEST(w.store.row(1).unit == 1u);
}

BOOST_AUTO_TEST_CASE(header_problems_throw_naming_file_and_column) {
  {
    World w;
    try {
      w.dossiers("code,unit,received_at\nA,000.00.30.H55,2023-08-14T08:00\n");
      BOOST_FAIL("no exception");
    } catch (const DataError& e) {
      BOOST_TEST(e.origin() == "d.csv");
      BOOST_TEST(e.location() == "line 1");
      BOOST_TEST(e.field() == "channel");
      BOOST_TEST(e.reason() == "required column missing");
      BOOST_TEST(std::string(e.what()) == "d.csv:1: field 'channel': required column missing");
    }
  }
  {
    World w;
    try {
      w.dossiers("code,unit,channel,received_at,unit\n");
      BOOST_FAIL("no exception");
    } catch (const DataError& e) {
      BOOST_TEST(e.field() == "unit");
      BOOST_TEST(e.reason() == "column appears twice");
    }
  }
  {
    World w;
    BOOST_CHECK_THROW(w.dossiers(""), DataError);
    BOOST_CHECK_THROW(w.dossiers("\n\r\n\n"), DataError);
    BOOST_CHECK_THROW(w.events(""), DataError);
  }
  {
    // The header is on line 3 after two empty lines; a header with an open quote is malformed.
    World w;
    try {
      w.dossiers("\n\n\"code,unit,channel,received_at\n");
      BOOST_FAIL("no exception");
    } catch (const DataError& e) {
      BOOST_TEST(e.location() == "line 3");
      BOOST_TEST(e.reason() == "malformed header: unterminated quoted field");
    }
  }
  {
    // Lines ended by a lone CR are named, not taken for one long header.
    World w;
    try {
      w.dossiers("code,unit,channel,received_at\rA,000.00.30.H55,direct,2023-08-14T08:00\r");
      BOOST_FAIL("no exception");
    } catch (const DataError& e) {
      BOOST_TEST(e.location() == "line 1");
      BOOST_TEST(e.reason().find("lone CR") != std::string::npos);
    }
  }
  {
    // A header alone: nothing read, nothing lost.
    World w;
    w.dossiers("code,unit,channel,received_at\n");
    BOOST_TEST(w.report.read() == 0u);
    BOOST_TEST(w.report.reconciles());
  }
}

BOOST_AUTO_TEST_CASE(bom_crlf_and_empty_lines) {
  World w;
  w.dossiers(
      "\xEF\xBB\xBF"
      "code,unit,channel,received_at,appointment_at\r\n"              // line 1
      "\r\n"                                                          // line 2: empty
      "A,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\r\n"  // line 3
      "\n"                                                            // line 4: empty
      "B,000.00.30.H55,fax,2023-08-14T08:00,2023-08-15T08:00\r\n"     // line 5: bad channel
      "\r\n"                                                          // line 6: empty
      "C,000.00.30.H55,postal,2023-08-14T08:00,2023-08-15T09:00");    // line 7, no final LF
  // Empty lines are not records: 3 read.
  BOOST_TEST(w.report.read() == 3u);
  BOOST_TEST(w.report.loaded_count() == 2u);
  BOOST_TEST_REQUIRE(w.report.rejections().size() == 1u);
  const Rejection& r = w.report.rejections()[0];
  BOOST_TEST(r.file == "d.csv");
  BOOST_TEST(r.line == 5u);
  BOOST_TEST(r.field == "channel");
  BOOST_TEST(r.value == "fax");
  BOOST_TEST(r.reason == "bad channel (expected direct, online or postal)");
  BOOST_TEST(r.to_string() ==
             "d.csv:5: field 'channel' = 'fax': bad channel (expected direct, online or postal)");
  // The CR before each LF is not part of the last field: the appointments parse.
  BOOST_TEST(*w.store.row(0).appointment == at(2023, 8, 15, 8, 0));
  BOOST_TEST(*w.store.row(1).appointment == at(2023, 8, 15, 9, 0));
}

BOOST_AUTO_TEST_CASE(quoted_fields) {
  World w;
  w.dossiers(
      "code,unit,channel,received_at,appointment_at\n"  // line 1
      // A code with an escaped quote pair, a comma and a line feed: lines 2–3.
      "\"Q,\"\"1\"\"\n"
      "x\",000.00.30.H55,\"direct\",2023-08-14T08:00,2023-08-15T08:00\n"
      // Quoted fields, one empty, CRLF inside quotes kept: lines 4–5.
      "\"R\r\n2\",\"000.00.30.H55\",online,\"2023-08-14T08:00\",\"2023-08-15T08:00\"\n"
      // Line 6: the bad channel is reported on the record's own line (after 2 quoted LFs).
      "S,000.00.30.H55,\"fax\",2023-08-14T08:00,2023-08-15T08:00\n"
      // Line 7: an empty quoted field is an empty value.
      "\"\",000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n");
  BOOST_TEST(w.report.read() == 4u);
  BOOST_TEST(w.report.loaded_count() == 2u);
  BOOST_TEST_REQUIRE(w.store.size() == 2u);
  BOOST_TEST(w.store.code(0) == "Q,\"1\"\nx");
  BOOST_TEST(w.store.code(1) == "R\r\n2");
  BOOST_TEST(to_string(w.store.row(1).channel) == "online");
  BOOST_TEST_REQUIRE(w.report.rejections().size() == 2u);
  BOOST_TEST(w.report.rejections()[0].line == 6u);
  BOOST_TEST(w.report.rejections()[0].value == "fax");
  BOOST_TEST(w.report.rejections()[1].line == 7u);
  BOOST_TEST(w.report.rejections()[1].field == "code");
  BOOST_TEST(w.report.rejections()[1].reason == "required value missing");
}

BOOST_AUTO_TEST_CASE(malformed_records) {
  World w;
  w.dossiers(
      "code,unit,channel,received_at,appointment_at\n"                   // 1
      "A,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"       // 2 ok
      "\"B\"x,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"  // 3 text after quote
      "C,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"       // 4 ok
      "D\"x,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"    // 5 stray quote
      "E,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"       // 6 ok
      "F,000.00.30.H55,direct,2023-08-14T08:00\n"                        // 7 4 fields
      "G,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00,\n"      // 8 6 fields
      "H,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"       // 9 ok
      "\"I,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"     // 10 unterminated:
      "J,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n");     // 11 ok, read again
  // Records: one per line from 2 to 11. The quote on line 10 never closes, so the record it
  // opens is cut back to line 10 and line 11 is read as a record of its own.
  BOOST_TEST(w.report.read() == 10u);
  BOOST_TEST(w.report.loaded_count() == 5u);
  BOOST_TEST(w.report.reconciles());
  const std::vector<std::string> expected = {
      "d.csv:3: record '\"B\"x,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00': "
      "text after a closing quote",
      "d.csv:5: record 'D\"x,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00': "
      "quote inside an unquoted field",
      "d.csv:7: record 'F,000.00.30.H55,direct,2023-08-14T08:00': wrong number of fields",
      "d.csv:8: record 'G,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00,': "
      "wrong number of fields",
      "d.csv:10: record '\"I,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00' (lines "
      "10-11 tried as one record; only line 10 rejected): unterminated quoted field",
  };
  BOOST_TEST(details(w.report) == expected, boost::test_tools::per_element());
  BOOST_TEST(w.store.code(3) == "H");
  BOOST_TEST(w.store.code(4) == "J");
}

BOOST_AUTO_TEST_CASE(a_stray_quote_costs_only_its_record) {
  // Issue 12: 100 records, the 40th with a stray quote at the start of its unit. Before, the
  // quote opened a field that ran to the next quote in the file, swallowing every record on the
  // way as one rejected record. Now the invalid multi-line record is cut back to its first line.
  // A second quote 30 lines below closes it, so the file has a pair to pair up wrongly too.
  std::string csv = "code,unit,channel,received_at,appointment_at\n";
  for (int i = 1; i <= 100; ++i) {
    const char* unit = i == 40 ? "\"000.00.30.H55" : "000.00.30.H55";
    const char* channel = i == 70 ? "direct\"" : "direct";
    csv += fmt::format("D{},{},{},2023-08-14T08:00,2023-08-15T08:00\n", i, unit, channel);
  }
  for (const unsigned threads : {1u, 2u}) {
    World w;
    ImportOptions o;
    o.threads = threads;
    o.chunk_bytes = 97;  // chunks start inside the broken stretch too
    w.dossiers(csv, o);
    // Line 71 (record 70) has its quote inside an unquoted field: a record of its own, rejected.
    BOOST_TEST(w.report.read() == 100u);
    BOOST_TEST(w.report.loaded_count() == 98u);
    BOOST_TEST(w.report.rejected_count() == 2u);
    BOOST_TEST_REQUIRE(w.report.rejections().size() == 2u);
    const Rejection& r = w.report.rejections()[0];
    BOOST_TEST(r.line == 41u);  // the header is line 1
    BOOST_TEST(r.last_line == 71u);
    // The quote closes on line 71 and leaves 4 fields where the header has 5.
    BOOST_TEST(r.reason ==
               "a quoted field runs over line ends into a record with the wrong number of fields");
    BOOST_TEST(w.report.rejections()[1].line == 71u);
    BOOST_TEST(w.report.rejections()[1].reason == "quote inside an unquoted field");
    BOOST_TEST(w.store.find("D41").has_value());
    BOOST_TEST(!w.store.find("D40").has_value());
  }
}

BOOST_AUTO_TEST_CASE(a_valid_multi_line_record_is_kept_whole) {
  // A quoted field with line feeds that makes a well-formed record is one record, as RFC 4180
  // says: the cut back is only for records it leaves invalid.
  World w;
  w.dossiers(
      "code,unit,channel,received_at,appointment_at\n"
      "\"A\nB\",000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      "C,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n");
  BOOST_TEST(w.report.read() == 2u);
  BOOST_TEST(w.report.loaded_count() == 2u);
  BOOST_TEST(w.store.code(0) == "A\nB");
}

BOOST_AUTO_TEST_CASE(every_malformed_field_is_rejected_with_field_value_and_reason) {
  const std::vector<Expected> cases = {
      {{{"code", ""}}, "code", "", "required value missing"},
      {{{"code", "A\xC3("}}, "code", "A\\xC3(", "invalid UTF-8"},
      {{{"code", "\xED\xA0\x80"}}, "code", "\\xED\\xA0\\x80", "invalid UTF-8"},  // a surrogate
      {{{"code", "\xC0\xAF"}}, "code", "\\xC0\\xAF", "invalid UTF-8"},           // overlong '/'
      {{{"unit", ""}}, "unit", "", "required value missing"},
      {{{"unit", "H99"}}, "unit", "H99", "unknown unit"},
      {{{"channel", ""}}, "channel", "", "required value missing"},
      {{{"channel", "Direct"}},
       "channel",
       "Direct",
       "bad channel (expected direct, online or postal)"},
      {{{"received_at", ""}}, "received_at", "", "required value missing"},
      {{{"received_at", "2023-08-14"}},
       "received_at",
       "2023-08-14",
       "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
      {{{"received_at", "14/08/2023 08:00"}},
       "received_at",
       "14/08/2023 08:00",
       "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
      {{{"received_at", "2023-02-29T08:00"}},
       "received_at",
       "2023-02-29T08:00",  // not leap
       "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
      {{{"received_at", "2023-08-14T24:00"}},
       "received_at",
       "2023-08-14T24:00",
       "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
      {{{"received_at", "2023-08-14T08:00+07"}},
       "received_at",
       "2023-08-14T08:00+07",
       "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
      {{{"received_at", "1899-12-31T23:59"}},
       "received_at",
       "1899-12-31T23:59",
       "time outside 1900-01-01..2199-12-31"},
      {{{"received_at", "2200-01-01T00:00"}},
       "received_at",
       "2200-01-01T00:00",
       "time outside 1900-01-01..2199-12-31"},
      {{{"appointment_at", "2023-08-14T8:00"}},
       "appointment_at",
       "2023-08-14T8:00",
       "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
      {{{"ended_at", "x"}, {"end_kind", "finished"}},
       "ended_at",
       "x",
       "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
      {{{"returned_at", "2023-13-01T00:00"}},
       "returned_at",
       "2023-13-01T00:00",
       "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
      {{{"ended_at", "2023-08-15T08:00"}, {"end_kind", "done"}},
       "end_kind",
       "done",
       "bad end kind (expected finished, returned, refused, stopped or withdrawn)"},
      {{{"digitised", "2"}}, "digitised", "2", "bad flag (expected 0 or 1)"},
      {{{"synced", "yes"}}, "synced", "yes", "bad flag (expected 0 or 1)"},
      {{{"vneid", " 1"}}, "vneid", " 1", "bad flag (expected 0 or 1)"},
      {{{"paid_online", "01"}}, "paid_online", "01", "bad flag (expected 0 or 1)"},
      {{{"feedback", "angry"}},
       "feedback",
       "angry",
       "bad feedback (expected none, complaint or dislike)"},
      // Consistency: each time compared with the receipt at 2023-08-14T08:00.
      {{{"ended_at", "2023-08-14T07:59"}, {"end_kind", "finished"}},
       "ended_at",
       "2023-08-14T07:59",
       "end before receipt"},
      {{{"returned_at", "2023-08-13T10:00"}},
       "returned_at",
       "2023-08-13T10:00",
       "returned before receipt"},
      {{{"appointment_at", "2023-08-14T07:00"}},
       "appointment_at",
       "2023-08-14T07:00",
       "appointment before receipt"},
      // 3 working days after the last day the calendar knows.
      {{{"received_at", "2199-12-31T08:00"}},
       "received_at",
       "2199-12-31T08:00",
       "computed appointment beyond the calendar (2199-12-31)"},
  };
  for (const Expected& c : cases) {
    World w;
    w.dossiers(all_columns_header() + record(c.cells));
    BOOST_TEST_CONTEXT("field " << c.field << " = '" << c.value << "'") {
      BOOST_TEST(w.report.read() == 1u);
      BOOST_TEST(w.report.rejected_count() == 1u);
      BOOST_TEST(w.store.size() == 0u);
      BOOST_TEST_REQUIRE(w.report.rejections().size() == 1u);
      const Rejection& r = w.report.rejections()[0];
      BOOST_TEST(r.line == 2u);
      BOOST_TEST(r.field == c.field);
      BOOST_TEST(r.value == c.value);
      BOOST_TEST(r.reason == c.reason);
      BOOST_TEST(w.report.rejections_by_reason().at(c.reason) == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(boundary_values_load) {
  World w;
  w.dossiers(all_columns_header() +
             // Ended, returned and appointed at the very minute of receipt: allowed.
             record({{"code", "A"},
                     {"appointment_at", "2023-08-14T08:00"},
                     {"ended_at", "2023-08-14T08:00"},
                     {"end_kind", "withdrawn"},
                     {"returned_at", "2023-08-14T08:00"}}) +
             // The first and last minutes of the supported range, with an explicit appointment.
             record({{"code", "B"},
                     {"received_at", "1900-01-01T00:00"},
                     {"appointment_at", "2199-12-31T23:59"}}) +
             // Explicit zeros and "none" are the same as empty cells.
             record({{"code", "C"}, {"digitised", "0"}, {"feedback", "none"}}) +
             // ended_at without end_kind: taken as finished, with one warning for the file.
             record({{"code", "D"}, {"ended_at", "2023-08-15T08:00"}}) +
             record({{"code", "E"}, {"ended_at", "2023-08-16T08:00"}}));
  BOOST_TEST(w.report.loaded_count() == 5u);
  BOOST_TEST_REQUIRE(w.store.size() == 5u);
  BOOST_TEST(to_string(w.store.row(0).end_kind) == "withdrawn");
  BOOST_TEST(w.store.row(1).received == at(1900, 1, 1, 0, 0));
  BOOST_TEST(w.store.row(2).flags == 0);
  BOOST_TEST(to_string(w.store.row(3).end_kind) == "finished");
  BOOST_TEST(to_string(w.store.row(4).end_kind) == "finished");
  BOOST_TEST_REQUIRE(w.report.warnings().size() == 1u);
  BOOST_TEST(w.report.warnings()[0] ==
             "d.csv: 2 dossier(s) with ended_at but no end_kind taken as finished");
}

BOOST_AUTO_TEST_CASE(duplicate_codes_within_and_across_imports) {
  World w;
  w.dossiers(all_columns_header() + record({{"code", "A"}}) + record({{"code", "B"}}) +
             record({{"code", "A"}, {"channel", "online"}}));
  BOOST_TEST(w.report.loaded_count() == 2u);
  BOOST_TEST_REQUIRE(w.report.rejections().size() == 1u);
  BOOST_TEST(w.report.rejections()[0].to_string() ==
             "d.csv:4: field 'code' = 'A': duplicate dossier code");
  // The first one stays.
  BOOST_TEST(to_string(w.store.row(0).channel) == "direct");
  // A second file with the same code: rejected too; the report accumulates.
  w.dossiers(all_columns_header() + record({{"code", "B"}}) + record({{"code", "C"}}));
  BOOST_TEST(w.store.size() == 3u);
  BOOST_TEST(w.report.read() == 5u);
  BOOST_TEST(w.report.rejected_count() == 2u);
  BOOST_TEST(w.report.rejections()[1].line == 2u);
  BOOST_TEST(w.report.rejections_by_reason().at("duplicate dossier code") == 2u);
}

BOOST_AUTO_TEST_CASE(many_duplicates_such_as_a_file_imported_twice) {
  // 200 dossiers, the second half repeating the first half's codes: 100 duplicates, more than
  // the importer tolerates before it looks codes up ahead of appending.
  std::string csv = all_columns_header();
  for (int i = 0; i < 200; ++i) csv += record({{"code", fmt::format("C{}", i % 100)}});
  World w;
  w.dossiers(csv);
  BOOST_TEST(w.report.loaded_count() == 100u);
  BOOST_TEST(w.report.rejected_count() == 100u);
  BOOST_TEST(w.report.rejections()[0].to_string() ==
             "d.csv:102: field 'code' = 'C0': duplicate dossier code");
  // The same file again, unknown units registered on request: nothing loads, and no unit is
  // registered for a record that is a duplicate.
  std::string again = "code,unit,channel,received_at,appointment_at\n";
  for (int i = 0; i < 100; ++i) {
    again += fmt::format("C{},H{},direct,2023-08-14T08:00,2023-08-15T08:00\n", i, i);
  }
  ImportOptions o;
  o.register_unknown = true;
  w.dossiers(again, o);
  BOOST_TEST(w.store.size() == 100u);
  BOOST_TEST(w.units.size() == 2u);
  BOOST_TEST(w.report.rejections_by_reason().at("duplicate dossier code") == 200u);
  BOOST_TEST(w.report.reconciles());
}

BOOST_AUTO_TEST_CASE(unknown_units_and_procedures_registered_on_request) {
  World w;
  ImportOptions o;
  o.register_unknown = true;
  w.dossiers(
      "code,procedure,unit,channel,received_at,appointment_at\n"
      "A,7.777,H77,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      "B,7.777,Ủy ban xã Mới,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      // Registered procedures have no statutory time: the appointment cannot be computed.
      "C,7.777,H77,direct,2023-08-14T08:00,\n"
      "D,,H77\xFF,direct,2023-08-14T08:00,2023-08-15T08:00\n",
      o);
  // C: a registered procedure has no statutory time, so no appointment: loaded, not judged.
  BOOST_TEST(w.report.loaded_count() == 3u);
  BOOST_TEST(w.report.loaded_notes().at("not judged: no appointment") == 1u);
  BOOST_TEST(!w.store.row(2).appointment.has_value());
  BOOST_TEST_REQUIRE(w.units.size() == 4u);
  const Unit& h77 = w.units[2];
  BOOST_TEST(h77.code == "H77");
  BOOST_TEST(h77.name == "H77");
  BOOST_TEST(h77.level == "unknown");
  BOOST_TEST(w.units[3].code == "Ủy ban xã Mới");
  BOOST_TEST_REQUIRE(w.procedures.size() == 3u);
  BOOST_TEST(w.procedures[2].code == "7.777");
  BOOST_TEST(w.store.row(0).unit == 2u);
  BOOST_TEST(w.store.row(1).unit == 3u);
  BOOST_TEST(*w.store.row(1).procedure == 2u);
  BOOST_TEST(!w.units.parent(2).has_value());  // resolved
  const std::vector<std::string> expected = {"d.csv:5: field 'unit' = 'H77\\xFF': invalid UTF-8"};
  BOOST_TEST(details(w.report) == expected, boost::test_tools::per_element());
  // A later import still knows the registered procedure has no statutory time (duration 0).
  w.dossiers("code,procedure,unit,channel,received_at\nE,7.777,H77,direct,2023-08-14T08:00\n", o);
  BOOST_TEST(w.report.loaded_notes().at("not judged: no appointment") == 2u);
  BOOST_TEST(!w.store.row(3).appointment.has_value());
}

// Regression (issue 11): the lookups shared by the parsing threads once held views into the
// registries' strings, and registering a unit or a procedure grew the registry under them.
// One-unit and one-procedure registries: the first registration reallocates their vectors, so
// a short code (stored inline in its std::string) read afterwards was freed memory under ASan.
BOOST_AUTO_TEST_CASE(registering_codes_while_parsing_keeps_known_codes_readable) {
  const std::string csv =
      "code,unit,procedure,channel,received_at,appointment_at\n"
      "D0,U0,P0,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      "D1,K1,Q1,direct,2023-08-14T08:00,2023-08-15T08:00\n";
  UnitRegistry units;
  units.add(Unit{.code = "K1",
                 .name = "K1",
                 .level = "commune",
                 .parent = "",
                 .successors = {},
                 .aliases = {},
                 .gso_code = {},
                 .successor_shares = {},
                 .succession = {},
                 .history = {}});
  units.resolve();
  ProcedureCatalog procedures;
  procedures.add(Procedure{.code = "Q1", .name = "Q1", .field = "", .duration = {}});
  const WorkingCalendar calendar;
  DossierStore store;
  ImportReport report;
  ImportOptions o;
  o.register_unknown = true;
  o.threads = 1;
  o.chunk_bytes = 1;  // a chunk per record: D1 is looked up after U0 and P0 were registered
  import_dossiers_csv(csv, "d.csv", units, procedures, calendar, store, report, o);
  BOOST_TEST(report.loaded_count() == 2u);
  BOOST_TEST_REQUIRE(units.size() == 2u);
  BOOST_TEST(units[1].code == "U0");
  BOOST_TEST_REQUIRE(procedures.size() == 2u);
  BOOST_TEST(procedures[1].code == "P0");
  // D1 found the codes that were there before the import.
  BOOST_TEST(store.row(1).unit == 0u);
  BOOST_TEST(*store.row(1).procedure == 0u);

  // Many registrations, two threads, small chunks: every known code is still found.
  std::string many = "code,unit,procedure,channel,received_at,appointment_at\n";
  for (int i = 0; i < 2000; ++i) {
    many += fmt::format("M{},N{},R{},direct,2023-08-14T08:00,2023-08-15T08:00\n", i, i, i);
    many += fmt::format("K{},K1,Q1,direct,2023-08-14T08:00,2023-08-15T08:00\n", i);
  }
  ImportReport report2;
  o.threads = 2;
  o.chunk_bytes = 256;
  import_dossiers_csv(many, "m.csv", units, procedures, calendar, store, report2, o);
  BOOST_TEST(report2.loaded_count() == 4000u);
  BOOST_TEST(units.size() == 2002u);
  BOOST_TEST(procedures.size() == 2002u);
  std::size_t known = 0;
  for (std::size_t r = 2; r < store.size(); ++r) {
    if (store.row(r).unit == 0u && *store.row(r).procedure == 0u) ++known;
  }
  BOOST_TEST(known == 2000u);
}

BOOST_AUTO_TEST_CASE(an_unknown_procedure_is_kept_with_the_procedure_unknown) {
  // Issue 12: a dossier is rejected only when it cannot be placed. An unknown procedure leaves
  // the dossier placed (unit, receipt): kept, procedure unknown; with no appointment recorded
  // either, it is also not judged. Both are counted and warned once per file.
  World w;
  w.dossiers(
      "code,procedure,unit,channel,received_at,appointment_at\n"
      "A,9.999,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      "B,9.999,000.00.30.H55,online,2023-08-14T08:00,\n"
      "C,1.001,000.00.30.H55,direct,2023-08-14T08:00,\n");
  BOOST_TEST(w.report.read() == 3u);
  BOOST_TEST(w.report.loaded_count() == 3u);
  BOOST_TEST(w.report.rejected_count() == 0u);
  BOOST_TEST(!w.store.row(0).procedure.has_value());
  BOOST_TEST(*w.store.row(0).appointment == at(2023, 8, 15, 8, 0));
  BOOST_TEST(!w.store.row(1).appointment.has_value());
  BOOST_TEST(w.store.row(2).appointment.has_value());  // computed from 1.001
  BOOST_TEST(w.report.loaded_notes().at("procedure unknown") == 2u);
  BOOST_TEST(w.report.loaded_notes().at("not judged: no appointment") == 1u);
  const std::vector<std::string> expected = {
      "d.csv:3: record 'B': not judged: no appointment, loaded and counted (1 record; the first "
      "here)",
      "d.csv:2: procedure '9.999': procedure unknown, loaded and counted (2 records; the first "
      "here)"};
  BOOST_TEST(w.report.warnings() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_commune_a_dossier_names_by_unit_code_or_gso_code_on_its_day) {
  // The commune column: a unit code, else a GSO code read on the day of receipt (codes are
  // reused: 20779 is K1 until 2025-06-30, K2 from 2025-07-01); a value naming neither leaves the
  // dossier loaded without its commune, noted once.
  World w;
  ImportReport units_report;
  import_units_csv(
      "code,name,level,parent,valid_from,valid_to,gso_code\n"
      "K1,Thị trấn Tân Bình,commune,000.00.30.H55,,2025-06-30,20779\n"
      "K2,Xã Hiệp Đức,commune,,2025-07-01,,20779\n",
      "u.csv", w.units, units_report);
  BOOST_TEST_REQUIRE(units_report.rejected_count() == 0u);
  w.dossiers(
      "code,procedure,unit,channel,received_at,commune\n"
      "A,1.001,000.00.30.H55,direct,2025-06-30T08:00,20779\n"
      "B,1.001,000.00.30.H55,direct,2025-07-01T08:00,20779\n"
      "C,1.001,000.00.30.H55,direct,2025-06-30T08:00,K2\n"
      "D,1.001,000.00.30.H55,direct,2025-06-30T08:00,99999\n"
      "E,1.001,000.00.30.H55,direct,2025-06-30T08:00,\n");
  BOOST_TEST(w.report.loaded_count() == 5u);
  BOOST_TEST(w.report.rejected_count() == 0u);
  BOOST_TEST(*w.store.row(0).commune == *w.units.find("K1"));
  BOOST_TEST(*w.store.row(1).commune == *w.units.find("K2"));
  BOOST_TEST(*w.store.row(2).commune == *w.units.find("K2"));
  BOOST_TEST(!w.store.row(3).commune.has_value());
  BOOST_TEST(!w.store.row(4).commune.has_value());
  BOOST_TEST(w.store.commune()[4] == kNoCommune);
  BOOST_TEST(w.report.loaded_notes().at("commune unknown (left out of attribution by commune)") ==
             1u);
  // A store whose dossiers name no commune holds no column.
  World none;
  none.dossiers(
      "code,procedure,unit,channel,received_at\nA,1.001,H55.01,direct,2025-06-30T08:00\n");
  BOOST_TEST(none.store.commune().empty());
}

BOOST_AUTO_TEST_CASE(an_end_kind_without_its_time_is_kept_ended_at_an_unknown_time) {
  // Issue 12: "a terminal status with no end time: ended, time unknown, not judged". The dossier
  // is placed (unit, receipt), so it is loaded and counted; its timeliness cannot be judged.
  World w;
  ImportReport procedures_report;  // a procedure with no statutory time: B has no appointment
  import_procedures_csv("code,name,field,duration,duration_kind\n3.003,Theo yêu cầu,Khác,0,d\n",
                        "p.csv", w.procedures, procedures_report);
  w.dossiers(all_columns_header() + record({{"code", "A"}, {"end_kind", "refused"}}) +
             record({{"code", "B"}, {"end_kind", "withdrawn"}, {"procedure", "3.003"}}) +
             record({{"code", "C"}}));
  BOOST_TEST(w.report.read() == 3u);
  BOOST_TEST(w.report.loaded_count() == 3u);
  BOOST_TEST(w.report.rejected_count() == 0u);
  BOOST_TEST_REQUIRE(w.store.size() == 3u);
  BOOST_TEST(to_string(w.store.row(0).end_kind) == "refused");
  BOOST_TEST(!w.store.row(0).ended.has_value());
  BOOST_TEST(w.store.ended()[0] == kEndUnknown);
  BOOST_TEST(w.store.ended()[1] == kEndUnknown);
  BOOST_TEST(w.store.ended()[2] == kNoTime);  // still being processed
  BOOST_TEST(!w.store.row(1).appointment.has_value());
  // Counted once, under the unknown end, even where the appointment is missing too.
  BOOST_TEST(w.report.loaded_notes().at("not judged: ended, time unknown") == 2u);
  BOOST_TEST(w.report.loaded_notes().count("not judged: no appointment") == 0u);
  const std::vector<std::string> expected = {
      "d.csv:2: record 'A': not judged: ended, time unknown, loaded and counted (2 records; the "
      "first here)"};
  BOOST_TEST(w.report.warnings() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_unknown_unit_names_the_code_or_units_it_may_mean) {
  // Issue 12: "when a units file is given and nothing matches, reject with 'unknown unit' and
  // the nearest names"; a code that differs from a known one only by case is named. The units:
  // 000.00.30.H55 "UBND huyện Hiệp Đức", H55.01 "UBND xã Quế Thọ" and H55.02 "UBND xã Quế Thọ
  // Bắc". Nearest first.
  World w;
  w.commune("H55.02", "UBND xã Quế Thọ Bắc");
  w.dossiers(
      "code,unit,channel,received_at,appointment_at\n"
      "A,000.00.30.h55,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      "B,000.00.30.h55,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      // Two digits off the district's code: 2 edits, within a third of its 13 characters.
      "C,000.00.99.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      // The commune's name in its long form, without diacritics, and in part.
      "D,Ủy ban nhân dân xã Quế Thọ,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      "E,Que Tho,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      // Nothing near.
      "F,Sở Y tế,direct,2023-08-14T08:00,2023-08-15T08:00\n");
  BOOST_TEST(w.report.rejected_count() == 6u);
  const std::vector<std::string> expected = {
      "d.csv:2: field 'unit' = '000.00.30.h55': unknown unit; the known code '000.00.30.H55' "
      "differs only by case or spaces",
      "d.csv:3: field 'unit' = '000.00.30.h55': unknown unit; the known code '000.00.30.H55' "
      "differs only by case or spaces",
      "d.csv:4: field 'unit' = '000.00.99.H55': unknown unit; nearest known units: 000.00.30.H55 "
      "(UBND huyện Hiệp Đức)",
      // "ubndxaquetho": 0 edits from H55.01's name, 3 from H55.02's (within 12 / 3).
      "d.csv:5: field 'unit' = 'Ủy ban nhân dân xã Quế Thọ': unknown unit; nearest known units: "
      "H55.01 (UBND xã Quế Thọ), H55.02 (UBND xã Quế Thọ Bắc)",
      // "quetho" is part of both names: equally near, in registry order.
      "d.csv:6: field 'unit' = 'Que Tho': unknown unit; nearest known units: H55.01 (UBND xã Quế "
      "Thọ), H55.02 (UBND xã Quế Thọ Bắc)",
      "d.csv:7: field 'unit' = 'Sở Y tế': unknown unit"};
  BOOST_TEST(details(w.report) == expected, boost::test_tools::per_element());
  BOOST_TEST(w.report.rejections_by_reason().at("unknown unit") == 6u);  // one reason still
}

BOOST_AUTO_TEST_CASE(a_unit_given_by_name_or_alias_is_found) {
  // As the portal importer finds DonViXuLy (issue 12): by code, then by name (NFC, case and
  // spaces aside), then by alias; said once per value. A name two units share finds neither.
  World w;
  w.commune("H55.02", "UBND xã An Bình", {"Xã An Bình"});
  w.commune("H55.03", "UBND xã Tân Bình", {"Xã An Bình"});  // the same alias: ambiguous
  w.dossiers(
      "code,unit,channel,received_at,appointment_at\n"
      "A,UBND  XÃ QUẾ THỌ,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      "B,UBND  XÃ QUẾ THỌ,direct,2023-08-14T08:00,2023-08-15T08:00\n"
      "C,Xã An Bình,direct,2023-08-14T08:00,2023-08-15T08:00\n");
  BOOST_TEST(w.report.loaded_count() == 2u);
  BOOST_TEST(w.store.row(0).unit == 1u);  // H55.01, "UBND xã Quế Thọ"
  BOOST_TEST(w.store.row(1).unit == 1u);
  const std::vector<std::string> warnings = {
      "d.csv:2: field 'unit' = 'UBND  XÃ QUẾ THỌ': the name of unit H55.01: matched by it (first "
      "seen here; said once per value)"};
  BOOST_TEST(w.report.warnings() == warnings, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(w.report.rejections().size() == 1u);
  BOOST_TEST(w.report.rejections()[0].reason ==
             "unknown unit: a name several units share (give the code)");
}

BOOST_AUTO_TEST_CASE(codes_compare_in_nfc) {
  // Issue 12: "codes and names are NFC-normalised on input". The same code typed with a
  // precomposed letter (U+00C3 Ã) and with A + U+0303 (combining tilde) is one code.
  const std::string composed = "X\xC3\x83.01", decomposed = "XA\xCC\x83.01";
  World w;
  ImportReport r;
  import_units_csv(
      fmt::format("code,name,level,parent\n{},Xã Ã,commune,{}\n", decomposed, kDistrict), "u.csv",
      w.units, r);
  BOOST_TEST_REQUIRE(r.loaded_count() == 1u);
  BOOST_TEST(w.units[2].code == composed);  // stored in NFC
  import_procedures_csv(
      fmt::format("code,name,field,duration,duration_kind\n{},Thủ tục,Khác,1,d\n", decomposed),
      "p.csv", w.procedures, r);
  BOOST_TEST(w.procedures[2].code == composed);
  w.dossiers(
      fmt::format("code,procedure,unit,channel,received_at,appointment_at\n"
                  "HS-{0},{0},{0},direct,2023-08-14T08:00,\n"
                  "HS-{1},{1},{1},direct,2023-08-14T08:00,\n",
                  decomposed, composed));
  // The second is the first again: a duplicate code, once both are in NFC.
  BOOST_TEST(w.report.loaded_count() == 1u);
  BOOST_TEST_REQUIRE(w.report.rejections().size() == 1u);
  BOOST_TEST(w.report.rejections()[0].reason == "duplicate dossier code");
  BOOST_TEST(w.store.find("HS-" + composed).has_value());
  const Dossier d = w.store.row(0);
  BOOST_TEST(d.unit == 2u);
  BOOST_TEST(*d.procedure == 2u);
  BOOST_TEST(d.appointment.has_value());  // from the procedure's statutory time
  // An event names the dossier in either form.
  w.events(fmt::format("code,kind,at\nHS-{},apology,2023-08-14T09:00\n", decomposed));
  BOOST_TEST(w.report.rejected_count() == 1u);  // the duplicate above, nothing more
  BOOST_TEST(w.store.row(0).apologies.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_zero_duration_means_no_statutory_time) {
  World w;
  ImportReport procedures_report;
  import_procedures_csv(
      "code,name,field,duration,duration_kind\n"
      "3.003,Giải quyết theo yêu cầu,Khác,0,d\n",
      "p.csv", w.procedures, procedures_report);
  BOOST_TEST(procedures_report.loaded_count() == 1u);
  w.dossiers(
      "code,procedure,unit,channel,received_at,appointment_at\n"
      "A,3.003,000.00.30.H55,direct,2023-08-14T08:00,\n"
      "B,3.003,000.00.30.H55,direct,2023-08-14T08:00,2023-08-20T08:00\n");
  // A has nothing to judge it against: loaded without an appointment, counted, warned once.
  BOOST_TEST(w.store.size() == 2u);
  BOOST_TEST(!w.store.row(0).appointment.has_value());
  BOOST_TEST(w.report.rejections().empty());
  BOOST_TEST(w.report.loaded_notes().at("not judged: no appointment") == 1u);
  BOOST_TEST_REQUIRE(w.report.warnings().size() == 1u);
  BOOST_TEST(w.report.warnings()[0] ==
             "d.csv:2: record 'A': not judged: no appointment, loaded and counted (1 record; the "
             "first here)");
}

BOOST_AUTO_TEST_CASE(strict_mode_reads_everything_then_throws) {
  World w;
  ImportOptions o;
  o.strict = true;
  try {
    w.dossiers(all_columns_header() + record({{"code", "A"}}) +
                   record({{"code", "B"}, {"feedback", "meh"}}) + record({{"code", "C"}}) +
                   record({{"code", "D"}, {"unit", "H99"}}),
               o);
    BOOST_FAIL("no exception");
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == "d.csv");
    BOOST_TEST(e.location() == "line 3");
    BOOST_TEST(e.field() == "feedback");
    BOOST_TEST(e.reason() ==
               "bad feedback (expected none, complaint or dislike) (value 'meh'); strict mode: 2 "
               "record(s) rejected");
  }
  // The report is complete.
  BOOST_TEST(w.report.read() == 4u);
  BOOST_TEST(w.report.loaded_count() == 2u);
  BOOST_TEST(w.report.rejected_count() == 2u);
  // The first rejection's hint is in the message (issue 12): an unknown unit names the code it
  // differs from only by case.
  World hinted;
  try {
    hinted.dossiers(all_columns_header() + record({{"code", "A"}, {"unit", "000.00.30.h55"}}), o);
    BOOST_FAIL("no exception");
  } catch (const DataError& e) {
    BOOST_TEST(e.reason() ==
               "unknown unit (value '000.00.30.h55'); the known code '000.00.30.H55' differs only "
               "by case or spaces; strict mode: 1 record(s) rejected");
  }
  // Strict and clean: no exception.
  World clean;
  clean.dossiers(all_columns_header() + record({{"code", "A"}}), o);
  BOOST_TEST(clean.report.loaded_count() == 1u);
}

BOOST_AUTO_TEST_CASE(details_are_capped_and_reasons_counted_beyond) {
  // 300 records: every 6th is good (50), the others alternate bad channel (line even) and bad
  // flag. Lines are 2..301.
  std::string csv = all_columns_header();
  std::size_t bad_channel = 0, bad_flag = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string code = fmt::format("C{}", i);
    if (i % 6 == 0) {
      csv += record({{"code", code}});
    } else if (i % 2 == 1) {
      csv += record({{"code", code}, {"channel", "fax"}});
      ++bad_channel;
    } else {
      csv += record({{"code", code}, {"e_result", "x"}});
      ++bad_flag;
    }
  }
  BOOST_TEST_REQUIRE(bad_channel == 150u);
  BOOST_TEST_REQUIRE(bad_flag == 100u);
  for (const unsigned threads : {1u, 2u}) {
    World w;
    ImportOptions o;
    o.threads = threads;
    o.chunk_bytes = 777;
    w.dossiers(csv, o);
    BOOST_TEST_CONTEXT("threads " << threads) {
      BOOST_TEST(w.report.read() == 300u);
      BOOST_TEST(w.report.loaded_count() == 50u);
      BOOST_TEST(w.report.rejected_count() == 250u);
      BOOST_TEST(w.report.reconciles());
      BOOST_TEST_REQUIRE(w.report.rejections().size() == ImportReport::kKeptDetails);
      // The kept ones are the first 100 in file order: i = 1..119 without the multiples of 6,
      // so the 100th is i = 119 (119 − 19 multiples of 6 in 1..119 = 100), on line 121.
      BOOST_TEST(w.report.rejections().front().line == 3u);
      BOOST_TEST(w.report.rejections().back().line == 121u);
      const auto& by = w.report.rejections_by_reason();
      BOOST_TEST(by.size() == 2u);
      BOOST_TEST(by.at("bad channel (expected direct, online or postal)") == 150u);
      BOOST_TEST(by.at("bad flag (expected 0 or 1)") == 100u);
    }
  }
}

BOOST_AUTO_TEST_CASE(huge_fields) {
  // A 1 MiB quoted note with 262144 line feeds and commas: record A spans lines 2..262146.
  std::string note;
  for (int i = 0; i < 262144; ++i) note += "ab,\n";
  BOOST_TEST_REQUIRE(note.size() == std::size_t{1} << 20);
  const std::string csv =
      "code,unit,channel,received_at,appointment_at,note\n"
      "A,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00,\"" +
      note +
      "\"\n"
      "B,000.00.30.H55,fax,2023-08-14T08:00,2023-08-15T08:00,\n"
      // A 1 MiB channel value is shown cut.
      "C,000.00.30.H55," +
      std::string(1 << 20, 'z') + ",2023-08-14T08:00,2023-08-15T08:00,\n";
  World one;
  one.dossiers(csv);
  BOOST_TEST(one.report.read() == 3u);
  BOOST_TEST(one.report.loaded_count() == 1u);
  BOOST_TEST_REQUIRE(one.report.rejections().size() == 2u);
  BOOST_TEST(one.report.rejections()[0].line == 262147u);
  BOOST_TEST(one.report.rejections()[1].line == 262148u);
  BOOST_TEST(one.report.rejections()[1].value == std::string(120, 'z') + "… (1048576 bytes)");
  // Chunks of 64 KiB fall inside the quoted note: the guessed starts are wrong there and are
  // corrected.
  World two;
  ImportOptions o;
  o.threads = 2;
  o.chunk_bytes = 64 << 10;
  two.dossiers(csv, o);
  check_same(one, two);
}

BOOST_AUTO_TEST_CASE(threads_and_chunk_sizes_never_change_the_result) {
  // A deterministic mix: plain records, quoted codes with commas, quotes and line feeds, CRLF,
  // empty lines, duplicates, bad values, malformed records, and (once) an odd stray quote that
  // breaks the quote-parity guess for everything after it.
  std::string csv = "code,procedure,unit,channel,received_at,appointment_at,ended_at,end_kind\n";
  for (int i = 0; i < 600; ++i) {
    const std::string day = fmt::format("2023-08-{:02}", 14 + i % 10);
    const std::string channel = i % 3 == 0 ? "online" : i % 3 == 1 ? "direct" : "postal";
    switch (i % 17) {
      case 3:
        csv +=
            fmt::format("\"Q{},\"\"x\"\"\n{}\",1.001,H55.01,{},{}T09:00,,,\n", i, i, channel, day);
        break;
      case 5:
        csv += fmt::format("R{},2.002,000.00.30.H55,{},{}T10:00,,,\r\n\r\n", i, channel, day);
        break;
      case 7:
        csv += fmt::format("R{},1.001,000.00.30.H55,{},{}T10:00,,,\n", i - 2, channel, day);
        break;
      case 9:
        csv += fmt::format("S{},1.001,000.00.30.H55,fax,{}T10:00,,,\n", i, day);
        break;
      case 11:
        csv += fmt::format("\"T{}\"!,1.001,000.00.30.H55,direct,{}T10:00,,,\n", i, day);
        break;
      case 13:
        csv += fmt::format("U{},,000.00.30.H55,{},{}T08:00,{}T16:00,{}T15:00,returned\n", i,
                           channel, day, day, day);
        break;
      default:
        csv += fmt::format("V{},1.001,000.00.30.H55,{},{}T{:02}:{:02},,,\n", i, channel, day,
                           7 + i % 10, i % 60);
    }
    if (i == 450) csv += "W\"odd,1.001,000.00.30.H55,direct,2023-08-14T08:00,,,\n";
  }
  World reference;
  ImportOptions one;
  one.threads = 1;
  reference.dossiers(csv, one);
  BOOST_TEST(reference.report.reconciles());
  BOOST_TEST(reference.report.rejected_count() > 0u);
  for (const std::size_t chunk :
       {std::size_t{5}, std::size_t{64}, std::size_t{1000}, std::size_t{1} << 20}) {
    for (const unsigned threads : {1u, 2u, 3u}) {
      BOOST_TEST_CONTEXT("chunk " << chunk << ", threads " << threads) {
        World w;
        ImportOptions o;
        o.threads = threads;
        o.chunk_bytes = chunk;
        w.dossiers(csv, o);
        check_same(reference, w);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(events_are_paired_and_checked) {
  World w;
  w.dossiers(
      "code,procedure,unit,channel,received_at,appointment_at,ended_at,end_kind\n"
      "D1,1.001,000.00.30.H55,direct,2023-08-14T08:00,2023-08-17T08:00,2023-08-25T10:00,finished\n"
      "D2,1.001,000.00.30.H55,direct,2023-08-14T09:00,2023-08-17T09:00,,\n"
      "D3,1.001,000.00.30.H55,direct,2023-08-14T09:00,2023-08-17T09:00,,\n"
      "D4,1.001,000.00.30.H55,direct,2023-08-14T09:00,2023-08-17T09:00,,\n");
  BOOST_TEST_REQUIRE(w.store.size() == 4u);
  w.events(
      "code,kind,at,new_appointment_at,public\n"                      // 1
      "D1,supplement_requested,2023-08-15T10:00,,\n"                  // 2 ok
      "D1,supplement_completed,2023-08-18T09:00,,\n"                  // 3 ok, closes line 2
      "D1,apology,2023-08-16T15:00,2023-08-24T16:00,1\n"              // 4 ok
      "D2,supplement_completed,2023-08-15T08:00,,\n"                  // 5 before line 6
      "D2,supplement_requested,2023-08-16T08:00,,\n"                  // 6 ok
      "D2,supplement_completed,2023-08-17T08:00,,0\n"                 // 7 ok, closes line 6
      "D1,supplement_completed,2023-08-19T09:00,,\n"                  // 8 nothing open
      "NOPE,apology,2023-08-16T15:00,,\n"                             // 9 unknown dossier
      "D1,apology,2023-08-25T10:01,,0\n"                              // 10 after the end
      "D1,supplement_requested,2023-08-14T07:59,,\n"                  // 11 before receipt
      "D2,supplement_requested,2023-08-18T08:00,2023-08-20T08:00,\n"  // 12 not an apology
      "D2,supplement_requested,2023-08-18T08:00,,1\n"                 // 13 not an apology
      "D2,apology,2023-08-18T08:00,2023-08-17T08:00,0\n"              // 14 new before issued
      "D2,apology,2023-08-18T08:00,,2\n"                              // 15 bad flag
      "D2,call,2023-08-18T08:00,,\n"                                  // 16 bad kind
      "D2,apology,2023-08-18,,\n"                                     // 17 bad time
      // D3: the completion comes first in the file; two requests open at 12:00, the completion
      // closes the latest (11:00); the 10:00 one stays open.
      "D3,supplement_completed,2023-08-15T12:00,,\n"  // 18 ok
      "D3,supplement_requested,2023-08-15T10:00,,\n"  // 19 ok
      "D3,supplement_requested,2023-08-15T11:00,,\n"  // 20 ok
      // D4: request and completion in the same minute, completion listed first: paired.
      "D4,supplement_completed,2023-08-15T10:00,,\n"  // 21 ok
      "D4,supplement_requested,2023-08-15T10:00,,\n"  // 22 ok
      "D1,,2023-08-16T15:00,,\n"                      // 23 kind missing
      "D1,apology,2023-08-25T10:00,,\n");             // 24 ok: at the end
  BOOST_TEST(w.report.read() == 4u + 23u);
  BOOST_TEST(w.report.loaded_count() == 4u + 11u);
  BOOST_TEST(w.report.reconciles());
  const std::vector<std::string> expected = {
      "e.csv:5: field 'at' = '2023-08-15T08:00': supplement completed before requested",
      "e.csv:8: field 'at' = '2023-08-19T09:00': no open supplement request",
      "e.csv:9: field 'code' = 'NOPE': unknown dossier",
      "e.csv:10: field 'at' = '2023-08-25T10:01': apology after the end",
      "e.csv:11: field 'at' = '2023-08-14T07:59': event before receipt",
      "e.csv:12: field 'new_appointment_at' = '2023-08-20T08:00': only apologies carry "
      "new_appointment_at",
      "e.csv:13: field 'public' = '1': only apologies can be public",
      "e.csv:14: field 'new_appointment_at' = '2023-08-17T08:00': new appointment before the "
      "apology",
      "e.csv:15: field 'public' = '2': bad flag (expected 0 or 1)",
      "e.csv:16: field 'kind' = 'call': bad event kind (expected supplement_requested, "
      "supplement_completed or apology)",
      "e.csv:17: field 'at' = '2023-08-18': bad time (expected YYYY-MM-DDTHH:MM[:SS] or "
      "YYYY-MM-DD HH:MM[:SS])",
      "e.csv:23: field 'kind' = '': required value missing",
  };
  BOOST_TEST(details(w.report) == expected, boost::test_tools::per_element());

  const Dossier d1 = w.store.row(0);
  BOOST_TEST_REQUIRE(d1.supplements.size() == 1u);
  BOOST_TEST(d1.supplements[0].requested == at(2023, 8, 15, 10, 0));
  BOOST_TEST(*d1.supplements[0].completed == at(2023, 8, 18, 9, 0));
  BOOST_TEST_REQUIRE(d1.apologies.size() == 2u);
  BOOST_TEST(d1.apologies[0].issued == at(2023, 8, 16, 15, 0));
  BOOST_TEST(*d1.apologies[0].new_appointment == at(2023, 8, 24, 16, 0));
  BOOST_TEST(d1.apologies[0].is_public);
  BOOST_TEST(d1.apologies[1].issued == at(2023, 8, 25, 10, 0));
  BOOST_TEST(!d1.apologies[1].new_appointment.has_value());
  BOOST_TEST(!d1.apologies[1].is_public);

  const Dossier d2 = w.store.row(1);
  BOOST_TEST_REQUIRE(d2.supplements.size() == 1u);
  BOOST_TEST(d2.supplements[0].requested == at(2023, 8, 16, 8, 0));
  BOOST_TEST(*d2.supplements[0].completed == at(2023, 8, 17, 8, 0));
  BOOST_TEST(d2.apologies.empty());

  const Dossier d3 = w.store.row(2);
  BOOST_TEST_REQUIRE(d3.supplements.size() == 2u);
  BOOST_TEST(d3.supplements[0].requested == at(2023, 8, 15, 10, 0));
  BOOST_TEST(!d3.supplements[0].completed.has_value());
  BOOST_TEST(d3.supplements[1].requested == at(2023, 8, 15, 11, 0));
  BOOST_TEST(*d3.supplements[1].completed == at(2023, 8, 15, 12, 0));

  const Dossier d4 = w.store.row(3);
  BOOST_TEST_REQUIRE(d4.supplements.size() == 1u);
  BOOST_TEST(d4.supplements[0].requested == at(2023, 8, 15, 10, 0));
  BOOST_TEST(*d4.supplements[0].completed == at(2023, 8, 15, 10, 0));
}

BOOST_AUTO_TEST_CASE(events_multi_threaded_match_one_thread) {
  std::string dossiers = "code,unit,channel,received_at,appointment_at\n";
  std::string events = "code,kind,at,new_appointment_at,public\n";
  for (int i = 0; i < 300; ++i) {
    dossiers += fmt::format("D{},000.00.30.H55,direct,2023-08-14T08:00,2023-08-17T08:00\n", i);
    events += fmt::format("D{},supplement_requested,2023-08-14T09:{:02},,\n", i, i % 60);
    if (i % 4 != 0) events += fmt::format("D{},supplement_completed,2023-08-15T09:00,,\n", i);
    if (i % 5 == 0) events += fmt::format("\"D{}\",apology,2023-08-16T09:00,,{}\n", i, i % 2);
    if (i % 7 == 0) events += fmt::format("D{},supplement_completed,2023-08-16T09:00,,\n", i);
    if (i % 11 == 0) events += fmt::format("X{},apology,2023-08-16T09:00,,\n", i);
  }
  World one, two;
  ImportOptions o;
  o.threads = 1;
  one.dossiers(dossiers, o);
  one.events(events, o);
  o.threads = 2;
  o.chunk_bytes = 100;
  two.dossiers(dossiers, o);
  two.events(events, o);
  check_same(one, two);
  BOOST_TEST(one.report.reconciles());
  // Per 300 dossiers: 300 requests, 225 completions, 60 apologies, 43 extra completions
  // (i % 7 == 0: 0, 7, …, 294) of which those with i % 4 == 0 close the still open request
  // (i multiple of 28: 0, 28, …, 280 → 11), and 28 unknown codes (i % 11 == 0: 0..297).
  BOOST_TEST(one.report.read() == 300u + 300u + 225u + 60u + 43u + 28u);
  BOOST_TEST(one.report.rejected_count() == (43u - 11u) + 28u);
}

BOOST_AUTO_TEST_CASE(files_are_read_and_missing_files_named) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / fmt::format("parmetrics-io-{}", ::getpid());
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / "dossiers.csv";
  {
    std::ofstream out(file, std::ios::binary);
    out << "code,unit,channel,received_at,appointment_at\n"
           "A,000.00.30.H55,direct,2023-08-14T08:00,2023-08-15T08:00\n"
           "B,000.00.30.H55,fax,2023-08-14T08:00,\n";
  }
  World w;
  import_dossiers_csv(file, w.units, w.procedures, w.calendar, w.store, w.report);
  BOOST_TEST(w.store.size() == 1u);
  BOOST_TEST_REQUIRE(w.report.rejections().size() == 1u);
  BOOST_TEST(w.report.rejections()[0].file == file.string());
  // An empty file has no header.
  { std::ofstream out(dir / "empty.csv"); }
  BOOST_CHECK_THROW(
      import_dossiers_csv(dir / "empty.csv", w.units, w.procedures, w.calendar, w.store, w.report),
      DataError);
  try {
    import_events_csv(dir / "missing.csv", w.store, w.report);
    BOOST_FAIL("no exception");
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == (dir / "missing.csv").string());
    BOOST_TEST(e.reason() == "cannot open the file: No such file or directory");
  }
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
