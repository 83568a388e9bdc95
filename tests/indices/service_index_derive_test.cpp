// The service index derived from data, end to end: CSV text → importers → timeliness engine →
// counts → scores, for a small province of two communes, every count and score worked out by hand
// below. Then the fact files' rejections.

#include <boost/test/unit_test.hpp>

#include <algorithm>

#include <string>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/indices/service_index.hpp>
#include <parmetrics/indices/service_index_derive.hpp>
#include <parmetrics/indices/service_index_facts.hpp>
#include <parmetrics/indices/service_index_methodology.hpp>
#include <parmetrics/indices/service_index_output.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/model/dossier_store.hpp>

#include "calendar/test_support.hpp"

using namespace parmetrics;
using parmetrics::test::at;
using parmetrics::test::day;

namespace {

// A province (PV) with two communes (XA1, XA2).
constexpr std::string_view kUnits =
    "code,name,level,parent\n"
    "PV,Tỉnh Thử,province,\n"
    "XA1,Xã Một,commune,PV\n"
    "XA2,Xã Hai,commune,PV\n";

// P1 fully online, fee-charging, for citizens, 3 working days; P2 not online, free, 5 days; P3
// partly online, fee-charging, for organisations only, 2 days.
constexpr std::string_view kProcedures =
    "code,name,field,duration,duration_kind,online_level,fee,citizen\n"
    "P1,Đăng ký khai sinh,Hộ tịch,3,d,full,1,1\n"
    "P2,Chứng thực chữ ký,Chứng thực,5,d,none,0,1\n"
    "P3,Cấp giấy phép,Công thương,2,d,partial,1,0\n";

// Remit and publication facts. XA1: P1 published on time with all parts, updated on time, payable
// online, fee data synced; P2 published late with all parts; P3 not published, updated late,
// fee data synced but not payable online. XA2: P1 published on time, not all parts public, nothing
// else.
constexpr std::string_view kUnitProcedures =
    "unit,procedure,published,published_on_time,full_content,updated,updated_on_time,"
    "online_payment,fee_synced\n"
    "XA1,P1,1,1,1,1,1,1,1\n"
    "XA1,P2,1,0,1,0,0,0,0\n"
    "XA1,P3,0,0,0,1,0,0,1\n"
    "XA2,P1,1,1,0,0,0,0,0\n";

// March 2025 (no holiday). As of the end of 31 March.
constexpr std::string_view kDossiers =
    "code,procedure,unit,channel,received_at,appointment_at,ended_at,end_kind,digitised,e_result,"
    "reused,from_store,vneid,fee_due,paid_online,synced,feedback\n"
    // D1 ends a day before its appointment: early.
    "D1,P1,XA1,online,2025-03-03T08:00,2025-03-06T08:00,2025-03-05T10:00,finished,1,1,0,0,1,1,1,1,"
    "\n"
    // D2 ends at its appointment: on time.
    "D2,P1,XA1,direct,2025-03-04T09:00,2025-03-07T09:00,2025-03-07T09:00,finished,0,1,1,0,0,1,0,1,"
    "\n"
    // D3 ends after its appointment: late; the applicant complained.
    "D3,P2,XA1,direct,2025-03-10T08:00,2025-03-14T08:00,2025-03-17T10:00,finished,0,0,0,1,0,0,0,1,"
    "complaint\n"
    // D4 is pending with its appointment in April: within time.
    "D4,P2,XA1,postal,2025-03-25T08:00,2025-04-01T08:00,,,0,0,0,0,0,0,0,0,\n"
    // D5 is pending past its appointment: overdue.
    "D5,P2,XA1,direct,2025-03-20T08:00,2025-03-27T08:00,,,0,0,0,0,1,0,0,1,\n"
    // D6 was received in February and ended in March, late: carried over.
    "D6,P1,XA1,online,2025-02-24T08:00,2025-02-27T08:00,2025-03-03T08:00,finished,0,0,0,0,0,0,0,1,"
    "\n"
    // D7 ends early, but the applicant disliked it.
    "D7,P3,XA1,online,2025-03-12T08:00,2025-03-14T08:00,2025-03-13T08:00,finished,1,1,0,0,0,1,1,1,"
    "dislike\n"
    // D8 has no recorded appointment: P1's 3 working days from Tue 18 Mar 08:00 end Fri 21 Mar;
    // it ended Thu 20: early.
    "D8,P1,XA1,direct,2025-03-18T08:00,,2025-03-20T16:00,finished,0,0,0,0,0,0,0,1,\n"
    // D9 ended before its appointment but had two supplement requests (events): late.
    "D9,P1,XA1,online,2025-03-05T08:00,2025-03-10T08:00,2025-03-07T10:00,finished,0,0,0,0,0,0,0,1,"
    "\n"
    // D11 was received after the period, D12 ended before it: out of scope.
    "D11,P1,XA1,online,2025-04-02T08:00,2025-04-07T08:00,,,1,1,1,1,1,1,1,1,\n"
    "D12,P2,XA1,direct,2025-01-10T08:00,2025-01-17T08:00,2025-01-20T08:00,finished,0,0,0,0,0,0,0,1,"
    "\n"
    // XA2: E1 early, online, linked to VNeID; E2 without a procedure, on time.
    "E1,P1,XA2,online,2025-03-03T08:00,2025-03-06T08:00,2025-03-04T08:00,finished,0,0,0,0,1,0,0,1,"
    "\n"
    "E2,,XA2,direct,2025-03-04T08:00,2025-03-05T08:00,2025-03-05T08:00,finished,0,0,0,0,0,0,0,0,\n";

constexpr std::string_view kEvents =
    "code,kind,at,new_appointment_at,public\n"
    "D9,supplement_requested,2025-03-05T09:00,,\n"
    "D9,supplement_completed,2025-03-05T10:00,,\n"
    "D9,supplement_requested,2025-03-06T08:00,,\n"
    "D9,supplement_completed,2025-03-06T09:00,,\n";

// XA1: three in March — on time and satisfied; on time but unsatisfied; late — and one in
// February (outside the period). XA2: none.
constexpr std::string_view kFeedback =
    "unit,received,handled_on_time,unsatisfied\n"
    "XA1,2025-03-02,1,0\n"
    "XA1,2025-03-11T14:00,1,1\n"
    "XA1,2025-03-20,0,0\n"
    "XA1,2025-02-20,1,0\n";

constexpr std::string_view kCommunes =
    "unit,e_certified_copy\n"
    "XA1,1\n"
    "XA2,0\n";

struct Data {
  UnitRegistry units;
  ProcedureCatalog procedures;
  DossierStore store;
  ServiceIndexFacts facts;
  ImportReport report;
  WorkingCalendar calendar;

  Data() {
    ImportOptions strict;
    strict.strict = true;
    import_units_csv(kUnits, "units.csv", units, report, strict);
    import_procedures_csv(kProcedures, "procedures.csv", procedures, report, strict);
    import_unit_procedures_csv(kUnitProcedures, "unit_procedures.csv", units, procedures, facts,
                               report, strict);
    import_dossiers_csv(kDossiers, "dossiers.csv", units, procedures, calendar, store, report,
                        strict);
    import_events_csv(kEvents, "events.csv", store, report, strict);
    import_feedback_csv(kFeedback, "feedback.csv", units, facts, report, strict);
    import_communes_csv(kCommunes, "communes.csv", units, facts, report, strict);
  }

  DerivedServiceIndex derive(bool roll_up = true) const {
    ServiceIndexDeriveOptions o;
    o.period = ReportPeriod::of(day(2025, 3, 1), day(2025, 3, 31));
    o.roll_up = roll_up;
    return derive_service_index(store, units, procedures, calendar, facts, o);
  }
};

const UnitCounts& unit(const DerivedServiceIndex& d, std::string_view code) {
  for (const auto& u : d.units) {
    if (u.unit == code) return u;
  }
  BOOST_FAIL("no unit " << code);
  return d.units.front();
}

ItemCounts counts_of(const UnitCounts& u, const char* code) {
  return u.items.at(code);
}

std::string shown(const UnitScore& u, std::string_view code) {
  for (const auto& i : u.items) {
    if (i.code == code) return i.score_shown.to_string();
  }
  for (const auto& g : u.groups) {
    if (g.code == code) return g.score_shown.to_string();
  }
  return "?";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service_index_derive)

BOOST_AUTO_TEST_CASE(everything_imports) {
  const Data d;
  // 3 units + 3 procedures + 4 remit rows + 13 dossiers + 4 events + 4 feedback + 2 communes.
  BOOST_TEST(d.report.rejected_count() == 0u);
  BOOST_TEST(d.report.loaded_count() == 33u);
  BOOST_TEST(d.facts.unit_procedures.size() == 4u);
  BOOST_TEST(d.facts.feedback.size() == 4u);
}

BOOST_AUTO_TEST_CASE(commune_counts_by_hand) {
  const Data d;
  const DerivedServiceIndex r = d.derive();
  const UnitCounts& x = unit(r, "XA1");
  BOOST_TEST(x.name == "Xã Một");
  BOOST_TEST(x.level == "commune");
  BOOST_TEST(x.items.size() == 21u);
  // In scope: D1–D9 (D6 carried over; D11 after the period, D12 ended before it). Received in
  // March: D1 D2 D3 D4 D5 D7 D8 D9 = 8.
  // Timeliness: D1 early, D2 on time, D3 late, D4 within time, D5 overdue, D6 late, D7 early,
  // D8 early, D9 late (two supplement requests) → on time or within time: D1 D2 D4 D7 D8 = 5 of 9.
  BOOST_TEST((counts_of(x, "PROGRESS_ON_TIME") == ItemCounts{5, 9}));
  // Of those 5, without a complaint or a dislike: D1 D2 D4 D8 (D7 disliked) = 4 of 9.
  BOOST_TEST((counts_of(x, "DOSSIER_RECEIVING_SATISFACTION") == ItemCounts{4, 9}));
  // Of the 8 received: synced all but D4 = 7; online D1 D7 D9 = 3; fee due D1 D2 D7, paid online
  // D1 D7; electronic result D1 D2 D7; digitised and electronic result D1 D7; reused D2; from the
  // data store D3; VNeID D1 D5.
  BOOST_TEST((counts_of(x, "DOSSIER_SYNC") == ItemCounts{7, 8}));
  BOOST_TEST((counts_of(x, "ONLINE_DOSSIERS") == ItemCounts{3, 8}));
  BOOST_TEST((counts_of(x, "PAYMENT_ONLINE_DOSSIERS") == ItemCounts{2, 3}));
  BOOST_TEST((counts_of(x, "ORIGINAL_RESULT_AVAILABLE") == ItemCounts{3, 8}));
  BOOST_TEST((counts_of(x, "SO_HOA_GIAY_TO_GIAI_QUYET") == ItemCounts{2, 8}));
  BOOST_TEST((counts_of(x, "REUSED_DIGITIZED_DATA") == ItemCounts{1, 8}));
  BOOST_TEST((counts_of(x, "SYNCED_WITH_DVCQG_PERSONAL_STORAGE") == ItemCounts{1, 8}));
  BOOST_TEST((counts_of(x, "CITIZEN_DATA_CONNECTED_DOSSIER") == ItemCounts{2, 8}));
  // Remit P1 P2 P3. Published P1 P2, on time P1; updated P1 P3, on time P1; all parts: P1 P2.
  BOOST_TEST((counts_of(x, "PUBLISH_ON_TIME") == ItemCounts{1, 2}));
  BOOST_TEST((counts_of(x, "PUBLIC_UPDATE_ON_TIME") == ItemCounts{1, 2}));
  BOOST_TEST((counts_of(x, "PUBLIC_CONTENT_FULL") == ItemCounts{2, 2}));
  // Online (catalogue): P1 full, P3 partial → 2 of 3; both had an online dossier in March
  // (P1: D1, D9; P3: D7) → 2 of 2.
  BOOST_TEST((counts_of(x, "ONLINE_PROCEDURES") == ItemCounts{2, 3}));
  BOOST_TEST((counts_of(x, "ONLINE_SERVICES_WITH_DOSSIER") == ItemCounts{2, 2}));
  // Fee-charging P1 P3: payable online P1; fee data synced P1 P3.
  BOOST_TEST((counts_of(x, "PAYMENT_FEE_PROCEDURES_ONLINE") == ItemCounts{1, 2}));
  BOOST_TEST((counts_of(x, "PAYMENT_FEE_PROCEDURES_SYNCED") == ItemCounts{2, 2}));
  // Citizen-facing P1 P2, each with a VNeID-linked dossier received in March (D1; D5).
  BOOST_TEST((counts_of(x, "CITIZEN_DATA_CONNECTED_FORMALITY") == ItemCounts{2, 2}));
  // Feedback in March: 3; handled on time 2; on time and not unsatisfied 1.
  BOOST_TEST((counts_of(x, "PETITION_PROCESSING_ON_TIME") == ItemCounts{2, 3}));
  BOOST_TEST((counts_of(x, "PETITION_HANDLING_SATISFACTION") == ItemCounts{1, 3}));
  BOOST_TEST((counts_of(x, "ELECTRONIC_CERTIFIED_COPY") == ItemCounts{1, 1}));
  BOOST_TEST(r.unjudged.empty());
}

BOOST_AUTO_TEST_CASE(commune_scores_by_hand) {
  const Data d;
  const DerivedServiceIndex r = d.derive();
  const auto scores = score_units(qd766_portal_methodology(), r.units);
  const UnitScore* x = nullptr;
  for (const auto& s : scores) {
    if (s.unit == "XA1") x = &s;
  }
  BOOST_TEST_REQUIRE(x != nullptr);
  // Transparency: 6 × 1/2 + 4 × 1/2 + 2 × 1 + 6 × 7/8 = 3 + 2 + 2 + 5.25 = 12.25.
  BOOST_TEST(shown(*x, "transparency") == "12.25");
  // Progress: 20 × 5/9 = 11.111… → 11.11.
  BOOST_TEST(shown(*x, "progress") == "11.11");
  // Online: 2/3 < 80 %: 2 × (2/3)/0.8 = 5/3; 4 × 1 = 4; 3/8 = 37.5 % < 50 %: 6 × 0.375/0.5 =
  // 4.5 → 10.1666… → 10.17.
  BOOST_TEST(shown(*x, "ONLINE_PROCEDURES") == "1.67");
  BOOST_TEST(shown(*x, "online") == "10.17");
  // Payment: 6 × 2/3 = 4; 50 % < 80 %: 2 × 0.5/0.8 = 1.25; 100 % → 2 → 7.25.
  BOOST_TEST(shown(*x, "payment") == "7.25");
  // Satisfaction: 6 × 2/3 = 4; 6 × 1/3 = 2; 4/9 < 90 %: 6 × (4/9)/0.9 = 80/27 = 2.96296… →
  // 8.96296… → 8.96.
  BOOST_TEST(shown(*x, "DOSSIER_RECEIVING_SATISFACTION") == "2.96");
  BOOST_TEST(shown(*x, "satisfaction") == "8.96");
  // Digitisation: 6 × 3/8 = 2.25; 4 × 2/8 = 1; 12.5 % < 80 %: 2 × 0.125/0.8 = 0.3125;
  // 4 × 1/8 = 0.5; 2 × 2/8 = 0.5; 2 × 1 = 2; 2 × 1 = 2 → 8.5625 → 8.56.
  BOOST_TEST(shown(*x, "REUSED_DIGITIZED_DATA") == "0.31");
  BOOST_TEST(shown(*x, "digitisation") == "8.56");
  // Total: 12.25 + 100/9 + 5/3 + 4 + 4.5 + 7.25 + 4 + 2 + 80/27 + 8.5625
  //      = 42.5625 + (300 + 45 + 80)/27 = 42.5625 + 15.7407… = 58.3032… → 58.30; the portal
  // profile adds the shown group scores, 12.25 + 11.11 + 10.17 + 7.25 + 8.96 + 8.56 = 58.30 too.
  BOOST_TEST(x->total_shown.to_string() == "58.30");
  BOOST_TEST(x->rank == 2u);  // XA2 scores higher (below)
  BOOST_TEST(x->ranked == 2u);
}

BOOST_AUTO_TEST_CASE(second_commune_and_roll_up) {
  const Data d;
  const DerivedServiceIndex r = d.derive();
  const UnitCounts& y = unit(r, "XA2");
  // E1 early, E2 on time; both received; E1 synced, online, VNeID.
  BOOST_TEST((counts_of(y, "PROGRESS_ON_TIME") == ItemCounts{2, 2}));
  BOOST_TEST((counts_of(y, "DOSSIER_SYNC") == ItemCounts{1, 2}));
  BOOST_TEST((counts_of(y, "PAYMENT_ONLINE_DOSSIERS") == ItemCounts{0, 0}));
  BOOST_TEST((counts_of(y, "PETITION_PROCESSING_ON_TIME") == ItemCounts{0, 0}));  // no feedback
  BOOST_TEST((counts_of(y, "ELECTRONIC_CERTIFIED_COPY") == ItemCounts{0, 1}));
  BOOST_TEST((counts_of(y, "PUBLIC_UPDATE_ON_TIME") == ItemCounts{0, 0}));
  // XA2 points: transparency 6 (1/1) + 0 (none updated) + 0 (0/1) + 3 (1/2) = 9; progress 20;
  // online 2 + 4 + 6 (50 %) = 12; payment 0 (none due) + 0 + 0 = 0; satisfaction 6 + 6 (no
  // feedback) + 6 (2/2) = 18; digitisation 0 + 0 + 0 + 0 + 1 (1/2 × 2) + 2 (P1 with E1) + 0 = 3.
  // Total 62.00.
  const auto scores = score_units(qd766_portal_methodology(), r.units);
  const auto score_of = [&](std::string_view code) -> const UnitScore& {
    const auto it = std::find_if(scores.begin(), scores.end(),
                                 [&](const UnitScore& s) { return s.unit == code; });
    BOOST_REQUIRE(it != scores.end());
    return *it;
  };
  BOOST_TEST(score_of("XA2").total_shown.to_string() == "62.00");
  BOOST_TEST(score_of("XA2").rank == 1u);
  BOOST_TEST(score_of("PV").level == "province");
  // The province holds both communes' counts: PROGRESS 5 + 2 of 9 + 2; SYNC 7 + 1 of 8 + 2;
  // remit rows 3 + 1, online P1 P3 P1; feedback only XA1's; copies 1 of 2.
  const UnitCounts& p = unit(r, "PV");
  BOOST_TEST((counts_of(p, "PROGRESS_ON_TIME") == ItemCounts{7, 11}));
  BOOST_TEST((counts_of(p, "DOSSIER_SYNC") == ItemCounts{8, 10}));
  BOOST_TEST((counts_of(p, "ONLINE_PROCEDURES") == ItemCounts{3, 4}));
  BOOST_TEST((counts_of(p, "PETITION_PROCESSING_ON_TIME") == ItemCounts{2, 3}));
  BOOST_TEST((counts_of(p, "ELECTRONIC_CERTIFIED_COPY") == ItemCounts{1, 2}));
  BOOST_TEST(r.units.size() == 3u);
  // Without roll-up the province has no data of its own and no row.
  const DerivedServiceIndex own = d.derive(false);
  BOOST_TEST(own.units.size() == 2u);
  BOOST_TEST((counts_of(unit(own, "XA1"), "PROGRESS_ON_TIME") == ItemCounts{5, 9}));
}

BOOST_AUTO_TEST_CASE(drill_down_by_procedure) {
  const Data d;
  const DerivedServiceIndex r = d.derive();
  const auto find = [&](std::string_view u, std::string_view p) -> const ProcedureCounts& {
    for (const auto& c : r.by_procedure) {
      if (c.unit == u && c.procedure == p) return c;
    }
    BOOST_FAIL("no drill-down row " << u << " " << p);
    return r.by_procedure.front();
  };
  // XA1, P1: D1 early, D2 on time, D6 late, D8 early, D9 late → 3 of 5; P2: D3 late, D4 within
  // time, D5 overdue → 1 of 3; P3: D7 → 1 of 1.
  BOOST_TEST((find("XA1", "P1").items.at("PROGRESS_ON_TIME") == ItemCounts{3, 5}));
  BOOST_TEST((find("XA1", "P2").items.at("PROGRESS_ON_TIME") == ItemCounts{1, 3}));
  BOOST_TEST((find("XA1", "P3").items.at("PROGRESS_ON_TIME") == ItemCounts{1, 1}));
  BOOST_TEST(find("XA1", "P2").name == "Chứng thực chữ ký");
  // Online services: P1 and P3 each had an online dossier; P2 is not an online service.
  BOOST_TEST((find("XA1", "P1").items.at("ONLINE_SERVICES_WITH_DOSSIER") == ItemCounts{1, 1}));
  BOOST_TEST(find("XA1", "P2").items.count("ONLINE_SERVICES_WITH_DOSSIER") == 0u);
  // XA2's dossier without a procedure has its own row.
  BOOST_TEST((find("XA2", "").items.at("PROGRESS_ON_TIME") == ItemCounts{1, 1}));
  // CSV: P2's PROGRESS_ON_TIME row before P1's? No: most missed first — P1 and P2 both missed 2;
  // equal misses keep procedure order (P1 then P2).
  const std::string csv = format_service_index_drilldown(qd766_portal_methodology(), r.by_procedure,
                                                         ServiceIndexFormat::csv);
  BOOST_TEST(csv.rfind("unit,procedure,item,numerator,denominator,ratio,missed,name\n", 0) == 0u);
  const auto p1 = csv.find("XA1,P1,PROGRESS_ON_TIME,3,5,60.00,2,Đăng ký khai sinh\n");
  const auto p2 = csv.find("XA1,P2,PROGRESS_ON_TIME,1,3,33.33,2,Chứng thực chữ ký\n");
  const auto p3 = csv.find("XA1,P3,PROGRESS_ON_TIME,1,1,100.00,0,Cấp giấy phép\n");
  BOOST_TEST(p1 != std::string::npos);
  BOOST_TEST(p2 != std::string::npos);
  BOOST_TEST(p3 != std::string::npos);
  BOOST_TEST((p1 < p2 && p2 < p3));
}

BOOST_AUTO_TEST_CASE(withdrawn_and_unjudged_dossiers) {
  // A withdrawn dossier is judged like any other end by default (portal), and left out under
  // WithdrawnPolicy::exclude. A dossier whose appointment cannot be known is counted apart.
  UnitRegistry units;
  units.add(
      {"U", "U", "commune", "", kFirstSupportedDay, kLastSupportedDay, {}, {}, {}, {}, {}, {}});
  units.resolve();
  ProcedureCatalog procedures;
  DossierStore store;
  Dossier a;
  a.code = "A";
  a.unit = 0;
  a.received = at(2025, 3, 3, 8, 0);
  a.appointment = at(2025, 3, 5, 8, 0);
  a.ended = at(2025, 3, 4, 8, 0);
  a.end_kind = EndKind::withdrawn;
  store.append(a);
  Dossier b;
  b.code = "B";
  b.unit = 0;
  b.received = at(2025, 3, 3, 8, 0);
  store.append(b);  // no appointment, no procedure
  const WorkingCalendar calendar;
  ServiceIndexDeriveOptions o;
  o.period = ReportPeriod::of(day(2025, 3, 1), day(2025, 3, 31));
  const auto r = derive_service_index(store, units, procedures, calendar, {}, o);
  BOOST_TEST_REQUIRE(r.units.size() == 1u);
  // A judged (withdrawn before its appointment: not late), B unjudged but received.
  BOOST_TEST((r.units[0].items.at("PROGRESS_ON_TIME") == ItemCounts{1, 1}));
  BOOST_TEST((r.units[0].items.at("DOSSIER_SYNC") == ItemCounts{0, 2}));
  BOOST_TEST(r.unjudged.at("U") == 1u);
  o.policy.withdrawn = WithdrawnPolicy::exclude;
  const auto e = derive_service_index(store, units, procedures, calendar, {}, o);
  BOOST_TEST((e.units[0].items.at("PROGRESS_ON_TIME") == ItemCounts{0, 0}));
  BOOST_TEST((e.units[0].items.at("DOSSIER_SYNC") == ItemCounts{0, 1}));
}

BOOST_AUTO_TEST_CASE(fact_file_rejections) {
  UnitRegistry units;
  ImportReport report;
  import_units_csv(kUnits, "units.csv", units, report);
  ProcedureCatalog procedures;
  import_procedures_csv(kProcedures, "procedures.csv", procedures, report);
  ServiceIndexFacts facts;
  ImportReport r;
  import_unit_procedures_csv(
      "unit,procedure,online_level,fee,citizen,published,published_on_time,full_content,updated,"
      "updated_on_time\n"
      "XA1,P1,,,,1,1,1,0,0\n"        // line 2: loaded
      "XA9,P1,,,,0,0,0,0,0\n"        // line 3: unknown unit
      "XA1,P9,,,,0,0,0,0,0\n"        // line 4: unknown procedure
      "XA1,P9,full,1,1,0,0,0,0,0\n"  // line 5: registered, loaded
      "XA1,P2,half,,,0,0,0,0,0\n"    // line 6: bad online level
      "XA1,P2,,,,2,0,0,0,0\n"        // line 7: bad flag
      "XA1,P2,,,,0,1,0,0,0\n"        // line 8: published_on_time without published
      "XA1,P2,,,,0,0,0,0,1\n"        // line 9: updated_on_time without updated
      "XA1,P1,,,,0,0,0,0,0\n"        // line 10: duplicate
      "XA1,P2,,,\n"                  // line 11: wrong number of fields
      ",P2,,,,0,0,0,0,0\n",          // line 12: unit missing
      "up.csv", units, procedures, facts, r);
  BOOST_TEST(r.loaded_count() == 2u);
  BOOST_TEST(r.rejected_count() == 9u);
  BOOST_TEST(r.reconciles());
  BOOST_TEST_REQUIRE(r.rejections().size() == 9u);
  BOOST_TEST(r.rejections()[0].to_string() == "up.csv:3: field 'unit' = 'XA9': unknown unit");
  BOOST_TEST(r.rejections()[1].to_string() ==
             "up.csv:4: field 'procedure' = 'P9': unknown procedure (not in procedures.csv; give "
             "online_level, fee and citizen to register it)");
  BOOST_TEST(r.rejections()[2].to_string() ==
             "up.csv:6: field 'online_level' = 'half': bad online level (expected none, partial "
             "or full)");
  BOOST_TEST(r.rejections()[3].to_string() ==
             "up.csv:7: field 'published' = '2': bad flag (expected 0 or 1)");
  BOOST_TEST(r.rejections()[4].to_string() ==
             "up.csv:8: field 'published_on_time' = '1': published_on_time without published");
  BOOST_TEST(r.rejections()[5].to_string() ==
             "up.csv:9: field 'updated_on_time' = '1': updated_on_time without updated");
  BOOST_TEST(r.rejections()[6].to_string() ==
             "up.csv:10: record 'XA1,P1,,,,0,0,0,0,0': duplicate unit and procedure");
  BOOST_TEST(r.rejections()[7].to_string() ==
             "up.csv:11: record 'XA1,P2,,,': wrong number of fields");
  BOOST_TEST(r.rejections()[8].to_string() ==
             "up.csv:12: field 'unit' = '': required value missing");
  BOOST_TEST(procedures.find("P9").has_value());
  BOOST_TEST((facts.unit_procedures[0].online == OnlineLevel::full));  // P1's, from the catalogue
  // A required column missing is a DataError naming the header line.
  try {
    import_feedback_csv("unit,received,handled_on_time\nXA1,2025-03-01,1\n", "fb.csv", units, facts,
                        r);
    BOOST_FAIL("accepted a header without 'unsatisfied'");
  } catch (const DataError& e) {
    BOOST_TEST(e.what() == std::string("fb.csv:1: field 'unsatisfied': required column missing"));
  }
  ImportReport f;
  import_feedback_csv(
      "\xEF\xBB\xBFunit,received,handled_on_time,unsatisfied,extra\r\n"
      "XA1,2025-02-30,1,0,x\r\n"
      "XA1,2025-03-01,yes,0,x\r\n"
      "\r\n"
      "\"XA1\",\"2025-03-01\",1,0,\"a, \"\"quoted\"\"\nvalue\"\r\n"
      "XA1,2025-03-01,1,0,ab\"c\r\n",
      "fb.csv", units, facts, f);
  BOOST_TEST(f.loaded_count() == 1u);
  BOOST_TEST_REQUIRE(f.rejections().size() == 3u);
  BOOST_TEST(f.rejections()[0].to_string() ==
             "fb.csv:2: field 'received' = '2025-02-30': bad date (expected YYYY-MM-DD or "
             "YYYY-MM-DDTHH:MM[:SS])");
  BOOST_TEST(f.rejections()[1].to_string() ==
             "fb.csv:3: field 'handled_on_time' = 'yes': bad flag (expected 0 or 1)");
  // The quoted record spans lines 5–6; the next starts on line 7.
  BOOST_TEST(f.rejections()[2].to_string() ==
             "fb.csv:7: record 'XA1,2025-03-01,1,0,ab\"c': quote inside an unquoted field");
  BOOST_TEST(f.warnings().size() == 1u);  // the unknown column 'extra'
  ImportReport c;
  ImportOptions strict;
  strict.strict = true;
  BOOST_CHECK_THROW(import_communes_csv("unit,e_certified_copy\nXA1,1\nXA1,0\n", "c.csv", units,
                                        facts, c, strict),
                    DataError);
}

BOOST_AUTO_TEST_SUITE_END()
