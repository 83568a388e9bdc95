// The live store: appends with computed appointments, each update's rule and its error (type,
// dossier, field, words), finding codes across segments, segments merging without losing or
// duplicating a dossier, and snapshots that do not see later writes.

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <map>
#include <set>
#include <string>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/model/live_store.hpp>

#include "calendar/test_support.hpp"

using namespace parmetrics;
using parmetrics::test::at;
using parmetrics::test::day;
using parmetrics::test::official_calendar;

namespace {

struct World {
  UnitRegistry units;
  ProcedureCatalog procedures;
  World() {
    Unit u;
    u.code = "U";
    units.add(u);
    units.resolve();
    Procedure p;
    p.code = "P3";
    p.duration = StatutoryTime::working_days(3);
    procedures.add(p);
    Procedure q;
    q.code = "Q";  // no statutory time
    procedures.add(q);
  }
};

const World& world() {
  static const World w;
  return w;
}

LiveStore store(LiveStoreOptions o = {}) {
  o.background_merges = false;
  return LiveStore(world().units, world().procedures, official_calendar(), o);
}

Dossier make(std::string code, MinuteStamp received, std::optional<ProcedureId> procedure = 0) {
  Dossier d;
  d.code = std::move(code);
  d.received = received;
  d.procedure = procedure;
  return d;
}

Minute m(MinuteStamp t) {
  return Minute(t);
}

/// Runs `f`, which must throw DataError about dossier `code`, field `field`, for `reason`.
template <class F>
void expect_data_error(F f, const std::string& code, const std::string& field,
                       const std::string& reason) {
  try {
    f();
    BOOST_FAIL("no DataError for " + reason);
  } catch (const DataError& e) {
    BOOST_TEST(e.origin() == "LiveStore");
    BOOST_TEST(e.location() == "dossier " + code);
    BOOST_TEST(e.field() == field);
    BOOST_TEST(e.reason() == reason);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(live_store)

BOOST_AUTO_TEST_CASE(append_computes_a_missing_appointment_and_marks_it) {
  LiveStore s = store();
  // Received Monday 2023-03-06 09:00; three working days: Thursday 2023-03-09 09:00.
  s.append(make("A", at(2023, 3, 6, 9, 0)));
  Dossier recorded = make("B", at(2023, 3, 6, 9, 0));
  recorded.appointment = at(2023, 3, 20, 17, 0);
  s.append(recorded);
  s.append(make("C", at(2023, 3, 6, 9, 0), 1));  // no statutory time: none computed
  BOOST_TEST(*s.find("A")->appointment == at(2023, 3, 9, 9, 0));
  BOOST_TEST(*s.find("B")->appointment == at(2023, 3, 20, 17, 0));
  BOOST_TEST(!s.find("C")->appointment);
  const auto snap = s.snapshot();
  const DossierStore& seg = *snap->segments()[0].store;
  BOOST_TEST(dossier_status::appointment_computed(seg.status()[*seg.find("A")]));
  BOOST_TEST(!dossier_status::appointment_computed(seg.status()[*seg.find("B")]));
  BOOST_TEST(s.size() == 3u);
}

BOOST_AUTO_TEST_CASE(append_applies_the_importers_rules) {
  LiveStore s = store();
  s.append(make("A", at(2023, 3, 6, 9, 0)));
  expect_data_error([&] { s.append(make("A", at(2023, 3, 7, 9, 0))); }, "A", "code",
                    "duplicate dossier code");
  Dossier bad_unit = make("B", at(2023, 3, 6, 9, 0));
  bad_unit.unit = 7;
  expect_data_error([&] { s.append(bad_unit); }, "B", "unit", "unknown unit");
  Dossier early_end = make("C", at(2023, 3, 6, 9, 0));
  early_end.ended = at(2023, 3, 5, 9, 0);
  expect_data_error([&] { s.append(early_end); }, "C", "ended_at", "end before receipt");
  Dossier bad_completion = make("D", at(2023, 3, 6, 9, 0));
  bad_completion.supplements.push_back({at(2023, 3, 7, 9, 0), at(2023, 3, 7, 8, 0)});
  expect_data_error([&] { s.append(bad_completion); }, "D", "supplements[0].completed",
                    "supplement completed before requested");
  BOOST_CHECK_THROW(s.append(make("E", at(1899, 12, 31, 9, 0))), RangeError);
  // A procedure whose appointment would fall past 2199-12-31.
  expect_data_error([&] { s.append(make("F", at(2199, 12, 31, 9, 0))); }, "F", "received_at",
                    "computed appointment beyond the calendar (2199-12-31)");
  BOOST_TEST(s.size() == 1u);
  // An end time with no kind ends it as finished.
  Dossier ended = make("G", at(2023, 3, 6, 9, 0));
  ended.ended = at(2023, 3, 7, 9, 0);
  s.append(ended);
  BOOST_TEST((s.find("G")->end_kind == EndKind::finished));
}

BOOST_AUTO_TEST_CASE(record_end_and_its_rules) {
  LiveStore s = store();
  Dossier d = make("A", at(2023, 3, 6, 9, 0));
  d.apologies.push_back({at(2023, 3, 8, 9, 0), std::nullopt, false});
  s.append(d);
  expect_data_error([&] { s.record_end("Z", m(at(2023, 3, 7, 9, 0))); }, "Z", "code",
                    "unknown dossier");
  expect_data_error([&] { s.record_end("A", m(at(2023, 3, 6, 8, 59))); }, "A", "ended_at",
                    "end before receipt");
  expect_data_error([&] { s.record_end("A", m(at(2023, 3, 7, 9, 0))); }, "A", "apologies[0].issued",
                    "apology after the end");
  BOOST_CHECK_THROW(s.record_end("A", m(at(2023, 3, 9, 9, 0)), EndKind::none), ArgumentError);
  BOOST_CHECK_THROW(s.record_end("A", m(at(2200, 1, 1, 0, 0))), RangeError);
  s.record_end("A", m(at(2023, 3, 9, 9, 0)), EndKind::refused);
  const Dossier back = *s.find("A");
  BOOST_TEST(*back.ended == at(2023, 3, 9, 9, 0));
  BOOST_TEST((back.end_kind == EndKind::refused));
  BOOST_TEST(back.apologies.size() == 1u);
  expect_data_error([&] { s.record_end("A", m(at(2023, 3, 10, 9, 0))); }, "A", "ended_at",
                    "already ended");
  BOOST_TEST(s.size() == 1u);
}

BOOST_AUTO_TEST_CASE(record_returned_and_its_rules) {
  LiveStore s = store();
  s.append(make("A", at(2023, 3, 6, 9, 0)));
  expect_data_error([&] { s.record_returned("A", m(at(2023, 3, 6, 8, 0))); }, "A", "returned_at",
                    "returned before receipt");
  s.record_returned("A", m(at(2023, 3, 7, 10, 0)));
  BOOST_TEST(*s.find("A")->returned == at(2023, 3, 7, 10, 0));
  expect_data_error([&] { s.record_returned("A", m(at(2023, 3, 8, 10, 0))); }, "A", "returned_at",
                    "result already returned");
}

BOOST_AUTO_TEST_CASE(supplements_and_their_rules) {
  LiveStore s = store();
  s.append(make("A", at(2023, 3, 6, 9, 0)));
  expect_data_error([&] { s.complete_supplement("A", m(at(2023, 3, 7, 9, 0))); }, "A",
                    "supplements", "no open supplement request");
  expect_data_error([&] { s.request_supplement("A", m(at(2023, 3, 6, 8, 0))); }, "A",
                    "supplements[0].requested", "event before receipt");
  s.request_supplement("A", m(at(2023, 3, 7, 9, 0)));
  expect_data_error([&] { s.request_supplement("A", m(at(2023, 3, 7, 10, 0))); }, "A",
                    "supplements[1].requested", "a supplement request is already open");
  expect_data_error([&] { s.complete_supplement("A", m(at(2023, 3, 7, 8, 0))); }, "A",
                    "supplements[0].completed", "supplement completed before requested");
  s.complete_supplement("A", m(at(2023, 3, 8, 9, 0)));
  s.request_supplement("A", m(at(2023, 3, 9, 9, 0)));
  // Ending before the open request is refused: it would come after the end.
  expect_data_error([&] { s.record_end("A", m(at(2023, 3, 8, 12, 0))); }, "A",
                    "supplements[1].requested", "supplement requested after the end");
  s.record_end("A", m(at(2023, 3, 10, 9, 0)));
  expect_data_error([&] { s.complete_supplement("A", m(at(2023, 3, 10, 10, 0))); }, "A",
                    "supplements[1].completed", "supplement completed after the end");
  expect_data_error([&] { s.request_supplement("A", m(at(2023, 3, 11, 9, 0))); }, "A",
                    "supplements[2].requested", "supplement requested after the end");
  const Dossier back = *s.find("A");
  BOOST_REQUIRE(back.supplements.size() == 2u);
  BOOST_TEST(*back.supplements[0].completed == at(2023, 3, 8, 9, 0));
  BOOST_TEST(!back.supplements[1].completed);
}

BOOST_AUTO_TEST_CASE(apologies_and_their_rules) {
  LiveStore s = store();
  s.append(make("A", at(2023, 3, 6, 9, 0)));
  expect_data_error(
      [&] {
        s.record_apology("A", {m(at(2023, 3, 5, 9, 0)), std::nullopt, false});
      },
      "A", "apologies[0].issued", "event before receipt");
  expect_data_error(
      [&] {
        s.record_apology("A", {m(at(2023, 3, 9, 9, 0)), m(at(2023, 3, 9, 8, 0)), false});
      },
      "A", "apologies[0].new_appointment", "new appointment before the apology");
  s.record_apology("A", {m(at(2023, 3, 9, 9, 0)), m(at(2023, 3, 14, 17, 0)), true});
  s.record_end("A", m(at(2023, 3, 13, 9, 0)));
  expect_data_error(
      [&] {
        s.record_apology("A", {m(at(2023, 3, 14, 9, 0)), std::nullopt, false});
      },
      "A", "apologies[1].issued", "apology after the end");
  const Dossier back = *s.find("A");
  BOOST_REQUIRE(back.apologies.size() == 1u);
  BOOST_TEST(*back.apologies[0].new_appointment == at(2023, 3, 14, 17, 0));
  BOOST_TEST(back.apologies[0].is_public);
}

BOOST_AUTO_TEST_CASE(a_snapshot_does_not_see_later_writes) {
  LiveStore s = store();
  s.append(make("A", at(2023, 3, 6, 9, 0)));
  const auto before = s.snapshot();
  s.record_end("A", m(at(2023, 3, 7, 9, 0)));
  s.append(make("B", at(2023, 3, 7, 9, 0)));
  const auto after = s.snapshot();
  BOOST_TEST(before->size() == 1u);
  BOOST_TEST(!before->find("A")->ended);
  BOOST_TEST(!before->find("B"));
  BOOST_TEST(after->size() == 2u);
  BOOST_TEST(*after->find("A")->ended == at(2023, 3, 7, 9, 0));
  BOOST_TEST(after->changes() == 3u);
  BOOST_TEST(before->changes() == 1u);
}

BOOST_AUTO_TEST_CASE(updates_within_the_tail_and_across_segments_keep_one_live_row) {
  LiveStore s = store();
  s.append(make("A", at(2023, 3, 6, 9, 0)));
  s.request_supplement("A", m(at(2023, 3, 6, 10, 0)));  // both versions in the tail
  s.complete_supplement("A", m(at(2023, 3, 6, 11, 0)));
  const auto one = s.snapshot();               // the tail becomes a segment
  s.record_end("A", m(at(2023, 3, 7, 9, 0)));  // a version in the new tail
  const auto two = s.snapshot();
  std::size_t rows = 0, live = 0;
  for (const auto& seg : two->segments()) {
    rows += seg.store->size();
    for (DossierStore::Index i = 0; i < seg.store->size(); ++i) live += seg.live(i);
  }
  BOOST_TEST(live == 1u);
  BOOST_TEST(two->size() == 1u);
  BOOST_TEST(rows >= 2u);  // the superseded rows of a segment more than half dead are dropped
  BOOST_TEST(*two->find("A")->ended == at(2023, 3, 7, 9, 0));
  BOOST_TEST(!one->find("A")->ended);
  BOOST_TEST(*one->find("A")->supplements[0].completed == at(2023, 3, 6, 11, 0));
}

BOOST_AUTO_TEST_CASE(segments_merge_without_losing_or_duplicating_a_dossier) {
  LiveStoreOptions o;
  o.tail_rows = 8;
  o.merge_factor = 2;
  LiveStore s = store(o);
  // 500 dossiers over many small segments (a snapshot every 7 changes), each updated a few
  // times; the expected state kept by hand alongside.
  std::map<std::string, int> supplements;
  std::set<std::string> ended;
  for (int i = 0; i < 500; ++i) {
    const std::string code = fmt::format("D{}", i);
    s.append(make(code, at(2023, 3, 1, 8, 0) + i));
    supplements[code] = 0;
    if (i % 3 == 0) {
      const std::string old = fmt::format("D{}", i / 2);
      if (!ended.contains(old)) {
        s.request_supplement(old, m(at(2023, 3, 2, 8, 0) + i));
        s.complete_supplement(old, m(at(2023, 3, 2, 9, 0) + i));
        ++supplements[old];
      }
    }
    if (i % 5 == 0 && i > 0) {
      const std::string old = fmt::format("D{}", i - 5);
      s.record_end(old, m(at(2023, 3, 4, 8, 0)));
      ended.insert(old);
    }
    if (i % 7 == 0) (void)s.snapshot();
  }
  const auto snap = s.snapshot();
  const LiveStoreStats st = s.stats();
  BOOST_TEST(st.merges > 0u);
  BOOST_TEST(st.segments < 20u);  // merged by tiers: a few per tier, not one per snapshot
  BOOST_TEST(snap->size() == 500u);
  std::map<std::string, int> seen;
  for (const auto& seg : snap->segments()) {
    for (DossierStore::Index i = 0; i < seg.store->size(); ++i) {
      if (seg.live(i)) ++seen[seg.store->code(i)];
    }
  }
  BOOST_TEST(seen.size() == 500u);
  for (const auto& [code, n] : seen) {
    BOOST_TEST(n == 1, code);
    const Dossier d = *snap->find(code);
    BOOST_TEST(static_cast<int>(d.supplements.size()) == supplements[code], code);
    BOOST_TEST(d.ended.has_value() == ended.contains(code), code);
    BOOST_TEST(s.find(code)->supplements.size() == d.supplements.size(), code);
  }
  // Versions: each live row's is unique.
  std::set<std::uint32_t> versions;
  for (const auto& seg : snap->segments()) {
    for (DossierStore::Index i = 0; i < seg.store->size(); ++i) {
      if (seg.live(i)) versions.insert(seg.version(i));
    }
  }
  BOOST_TEST(versions.size() == 500u);
}

BOOST_AUTO_TEST_CASE(background_merges_keep_rows_superseded_meanwhile) {
  LiveStoreOptions o;
  o.tail_rows = 64;
  o.merge_factor = 2;
  o.background_merges = true;
  o.inline_merge_rows = 0;  // every merge on the store's thread
  LiveStore s(world().units, world().procedures, official_calendar(), o);
  for (int i = 0; i < 2000; ++i) {
    s.append(make(fmt::format("D{}", i), at(2023, 3, 1, 8, 0) + i));
    // Ends of dossiers in segments that a merge may be copying.
    if (i >= 100 && i % 2 == 0) s.record_end(fmt::format("D{}", i - 100), m(at(2023, 3, 5, 8, 0)));
    if (i % 50 == 0) (void)s.snapshot();
  }
  s.finish_merges();
  const auto snap = s.snapshot();
  BOOST_TEST(snap->size() == 2000u);
  std::size_t ended = 0, live = 0;
  for (const auto& seg : snap->segments()) {
    for (DossierStore::Index i = 0; i < seg.store->size(); ++i) {
      if (!seg.live(i)) continue;
      ++live;
      ended += seg.store->ended()[i] != kNoTime;
    }
  }
  BOOST_TEST(live == 2000u);
  BOOST_TEST(ended == 950u);  // i = 100, 102, …, 1998 end D0, D2, …, D1898
  BOOST_TEST(s.stats().merges > 0u);
}

BOOST_AUTO_TEST_CASE(a_batch_store_goes_live) {
  DossierStore base;
  Dossier d = make("OLD-1", at(2023, 1, 2, 9, 0));
  d.appointment = at(2023, 1, 5, 9, 0);
  base.append(d);
  LiveStore s(std::move(base), world().units, world().procedures, official_calendar());
  BOOST_TEST(s.size() == 1u);
  s.record_end("OLD-1", m(at(2023, 1, 4, 9, 0)));
  s.append(make("NEW-1", at(2023, 1, 3, 9, 0)));
  const auto snap = s.snapshot();
  BOOST_TEST(snap->size() == 2u);
  BOOST_TEST(*snap->find("OLD-1")->ended == at(2023, 1, 4, 9, 0));
  BOOST_TEST(snap->find("NEW-1").has_value());
  BOOST_TEST(!snap->find("NEW-2").has_value());
}

BOOST_AUTO_TEST_CASE(options_are_checked) {
  LiveStoreOptions o;
  o.tail_rows = 0;
  BOOST_CHECK_THROW(LiveStore(world().units, world().procedures, official_calendar(), o),
                    ArgumentError);
  o.tail_rows = 16;
  o.merge_factor = 1;
  BOOST_CHECK_THROW(LiveStore(world().units, world().procedures, official_calendar(), o),
                    ArgumentError);
}

BOOST_AUTO_TEST_SUITE_END()
