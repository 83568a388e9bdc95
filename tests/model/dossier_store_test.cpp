// The columnar dossier store: rows in and out, compact codes, events, computed appointments.

#include <boost/test/unit_test.hpp>

#include <cstdio>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/model/dossier_store.hpp>

#include "calendar/test_support.hpp"

using namespace parmetrics;
using parmetrics::test::at;

namespace {

// A code of the usual form for the i-th dossier of a day in March 2023 (the day: i % 28 + 1).
std::string fmt_code(int i) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "000.00.%02d.H55-2303%02d-%04d", i / 10000 % 100, i % 28 + 1,
                i % 10000);
  return buf;
}

Dossier make(std::string code, MinuteStamp received) {
  Dossier d;
  d.code = std::move(code);
  d.received = received;
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dossier_store)

BOOST_AUTO_TEST_CASE(a_row_comes_back_as_it_went_in) {
  Dossier d = make("000.00.30.H55-230831-0001", at(2023, 8, 31, 9, 15));
  d.procedure = 7;
  d.unit = 3;
  d.channel = Channel::postal;
  d.appointment = at(2023, 9, 6, 9, 15);
  d.ended = at(2023, 9, 5, 10, 0);
  d.end_kind = EndKind::returned;
  d.returned = at(2023, 9, 5, 14, 0);
  d.flags = dossier_flag::digitised | dossier_flag::synced;
  d.feedback = Feedback::dislike;
  d.apologies.push_back({at(2023, 9, 4, 8, 0), at(2023, 9, 8, 17, 0), true});
  d.supplements.push_back({at(2023, 9, 1, 8, 0), at(2023, 9, 1, 15, 0)});
  DossierStore store;
  BOOST_TEST(store.append(d) == 0u);
  const Dossier back = store.row(0);
  BOOST_TEST(back.code == d.code);
  BOOST_TEST(*back.procedure == 7u);
  BOOST_TEST(back.unit == 3u);
  BOOST_TEST((back.channel == Channel::postal));
  BOOST_TEST(back.received == d.received);
  BOOST_TEST(*back.appointment == *d.appointment);
  BOOST_TEST(*back.ended == *d.ended);
  BOOST_TEST((back.end_kind == EndKind::returned));
  BOOST_TEST(*back.returned == *d.returned);
  BOOST_TEST(back.flags == d.flags);
  BOOST_TEST((back.feedback == Feedback::dislike));
  BOOST_REQUIRE(back.supplements.size() == 1u);
  BOOST_TEST(back.supplements[0].requested == at(2023, 9, 1, 8, 0));
  BOOST_TEST(*back.supplements[0].completed == at(2023, 9, 1, 15, 0));
  BOOST_REQUIRE(back.apologies.size() == 1u);
  BOOST_TEST(back.apologies[0].issued == at(2023, 9, 4, 8, 0));
  BOOST_TEST(*back.apologies[0].new_appointment == at(2023, 9, 8, 17, 0));
  BOOST_TEST(back.apologies[0].is_public);
  // Events are kept by time: the supplement (1/9) before the apology (4/9).
  BOOST_TEST((store.events_of(0)[0].kind == EventKind::supplement));
}

BOOST_AUTO_TEST_CASE(events_are_stored_by_time_and_stably) {
  // Given out of order: a request on the 3rd, one on the 1st at 08:00, and an apology at the same
  // minute. By time, and a request before an apology of the same minute (the order given).
  Dossier d = make("A-230301-0001", at(2023, 3, 1, 7, 0));
  d.supplements.push_back({at(2023, 3, 3, 8, 0), std::nullopt});
  d.supplements.push_back({at(2023, 3, 1, 8, 0), at(2023, 3, 2, 8, 0)});
  d.apologies.push_back({at(2023, 3, 1, 8, 0), std::nullopt, false});
  DossierStore store;
  store.append(make("A-230301-0000", at(2023, 3, 1, 7, 0)));  // no events: an empty range
  store.append(d);
  BOOST_TEST(store.events_of(0).empty());
  const auto e = store.events_of(1);
  BOOST_REQUIRE(e.size() == 3u);
  BOOST_TEST(e[0].at == to_stored_time(at(2023, 3, 1, 8, 0)));
  BOOST_TEST((e[0].kind == EventKind::supplement));
  BOOST_TEST(e[0].second == to_stored_time(at(2023, 3, 2, 8, 0)));
  BOOST_TEST((e[1].kind == EventKind::apology));
  BOOST_TEST(e[2].at == to_stored_time(at(2023, 3, 3, 8, 0)));
  // An event time that does not fit in 32 bits is refused before anything is stored.
  Dossier bad = make("A-230301-0002", at(2023, 3, 1, 7, 0));
  bad.apologies.push_back({MinuteStamp{1} << 40, std::nullopt, false});
  BOOST_CHECK_THROW(store.append(bad), parmetrics::RangeError);
  BOOST_TEST(store.size() == 2u);
  BOOST_TEST(store.events().size() == 3u);
  BOOST_TEST(!store.find("A-230301-0002"));
}

BOOST_AUTO_TEST_CASE(codes_of_the_usual_form_and_others) {
  DossierStore store;
  // The usual form: its date is the day of receipt.
  store.append(make("H44.100-230105-0042", at(2023, 1, 5, 8, 0)));
  // The date does not match the receipt: kept verbatim.
  store.append(make("H44.100-230106-0001", at(2023, 1, 5, 8, 0)));
  // Not the usual form at all.
  store.append(make("HS/2023/15", at(2023, 1, 5, 8, 0)));
  store.append(make("X-991231-9999", at(1999, 12, 31, 23, 0)));
  BOOST_TEST(store.code(0) == "H44.100-230105-0042");
  BOOST_TEST(store.code(1) == "H44.100-230106-0001");
  BOOST_TEST(store.code(2) == "HS/2023/15");
  BOOST_TEST(store.code(3) == "X-991231-9999");
  for (DossierStore::Index i = 0; i < store.size(); ++i)
    BOOST_TEST(*store.find(store.code(i)) == i);
  BOOST_TEST(!store.find("H44.100-230105-0043").has_value());
}

BOOST_AUTO_TEST_CASE(a_unit_with_codes_of_several_prefixes_and_days) {
  // The store remembers each unit's last prefix and the last day's suffix (issue 13): codes of
  // one unit with other prefixes, of other units with the same prefix, and days back and forth
  // all come back as written.
  DossierStore store;
  const char* codes[] = {"A.01-230105-0001", "B.02-230105-0001", "A.01-230106-0002",
                         "A.01-230105-0003", "C-230105-0004",    "A.01-230105-0001-X"};
  const unsigned days[] = {5, 5, 6, 5, 5, 5};
  const UnitId units[] = {0, 0, 0, 1, 0, 0};
  for (int k = 0; k < 6; ++k) {
    Dossier d = make(codes[k], at(2023, 1, days[k], 8, 0));
    d.unit = units[k];
    store.append(d);
  }
  for (DossierStore::Index i = 0; i < store.size(); ++i) {
    BOOST_TEST(store.code(i) == codes[i]);
    BOOST_TEST(*store.find(codes[i]) == i);
  }
  BOOST_TEST(!store.find("B.02-230106-0002").has_value());
}

BOOST_AUTO_TEST_CASE(duplicate_codes_are_refused_and_leave_the_store_unchanged) {
  DossierStore store;
  store.append(make("A-230105-0001", at(2023, 1, 5, 8, 0)));
  BOOST_CHECK_THROW(store.append(make("A-230105-0001", at(2023, 1, 5, 8, 0))),
                    parmetrics::ArgumentError);
  BOOST_TEST(store.size() == 1u);
  BOOST_CHECK_THROW(store.append(make("", at(2023, 1, 5, 8, 0))), parmetrics::ArgumentError);
  BOOST_TEST(store.size() == 1u);
}

BOOST_AUTO_TEST_CASE(many_codes_stay_findable_as_the_index_grows) {
  DossierStore store;
  for (int i = 0; i < 5000; ++i) {
    store.append(make(fmt_code(i), at(2023, 3, 1 + static_cast<unsigned>(i % 28), 8, 0)));
  }
  for (int i = 0; i < 5000; i += 7)
    BOOST_TEST(*store.find(fmt_code(i)) == static_cast<unsigned>(i));
}

BOOST_AUTO_TEST_CASE(events_added_later_are_merged_in_time_order) {
  DossierStore store;
  Dossier a = make("A-230301-0001", at(2023, 3, 1, 8, 0));
  a.supplements.push_back({at(2023, 3, 3, 8, 0), std::nullopt});
  store.append(a);
  store.append(make("A-230301-0002", at(2023, 3, 1, 9, 0)));
  const DossierEvent added[] = {
      {1, {at(2023, 3, 4, 8, 0), kNoTime, EventKind::apology, false}},
      {0,
       {at(2023, 3, 2, 8, 0), to_stored_time(at(2023, 3, 2, 10, 0)), EventKind::supplement, false}},
  };
  store.add_events(added);
  BOOST_REQUIRE(store.events_of(0).size() == 2u);
  BOOST_TEST(store.events_of(0)[0].at == to_stored_time(at(2023, 3, 2, 8, 0)));
  BOOST_TEST(store.events_of(0)[1].at == to_stored_time(at(2023, 3, 3, 8, 0)));
  BOOST_REQUIRE(store.events_of(1).size() == 1u);
  BOOST_TEST((store.events_of(1)[0].kind == EventKind::apology));
  const DossierEvent bad[] = {{2, {}}};
  BOOST_CHECK_THROW(store.add_events(bad), parmetrics::RangeError);
}

BOOST_AUTO_TEST_CASE(missing_appointments_are_computed_from_the_procedure) {
  ProcedureCatalog procedures;
  Procedure birth;
  birth.code = "1.001";
  birth.name = "Đăng ký khai sinh";
  birth.field = "Hộ tịch";
  birth.duration = StatutoryTime::working_hours(4);
  birth.online = OnlineLevel::full;
  const ProcedureId p = procedures.add(birth);
  DossierStore store;
  Dossier with = make("A-230306-0001", at(2023, 3, 6, 16, 0));
  with.procedure = p;
  store.append(with);
  Dossier recorded = with;
  recorded.code = "A-230306-0002";
  recorded.appointment = at(2023, 3, 6, 16, 30);
  store.append(recorded);
  Dossier unknown = make("A-230306-0003", at(2023, 3, 6, 16, 0));
  store.append(unknown);
  BOOST_TEST(store.compute_missing_appointments(procedures, WorkingCalendar()) == 1u);
  // Mon 16:00 + 4 h: 60 min Monday, then Tuesday 07:00 + 180 → 10:00.
  BOOST_TEST(store.appointment()[0] == to_stored_time(at(2023, 3, 7, 10, 0)));
  BOOST_TEST(dossier_status::appointment_computed(store.status()[0]));
  BOOST_TEST(store.appointment()[1] == to_stored_time(at(2023, 3, 6, 16, 30)));
  BOOST_TEST(!dossier_status::appointment_computed(store.status()[1]));
  BOOST_TEST(store.appointment()[2] == kNoTime);
}

BOOST_AUTO_TEST_CASE(a_procedure_without_statutory_time_gives_no_appointment) {
  // Registered from a dossier's code alone: duration zero, which means "none". Computing
  // receipt + 0 would make the dossier late the minute it was received.
  ProcedureCatalog procedures;
  Procedure bare;
  bare.code = "9.999";
  BOOST_TEST(!bare.has_statutory_time());
  const ProcedureId p = procedures.add(bare);
  DossierStore store;
  Dossier d = make("A-230306-0001", at(2023, 3, 6, 9, 0));
  d.procedure = p;
  store.append(d);
  BOOST_TEST(store.compute_missing_appointments(procedures, WorkingCalendar()) == 0u);
  BOOST_TEST(store.appointment()[0] == kNoTime);
  BOOST_TEST(!dossier_status::appointment_computed(store.status()[0]));
}

BOOST_AUTO_TEST_CASE(status_packing_round_trips) {
  for (Channel c : {Channel::direct, Channel::online, Channel::postal}) {
    for (EndKind e : {EndKind::none, EndKind::finished, EndKind::returned, EndKind::refused,
                      EndKind::stopped, EndKind::withdrawn}) {
      for (Feedback f : {Feedback::none, Feedback::complaint, Feedback::dislike}) {
        for (bool computed : {false, true}) {
          const auto s = dossier_status::pack(c, e, f, computed);
          BOOST_TEST((dossier_status::channel(s) == c));
          BOOST_TEST((dossier_status::end_kind(s) == e));
          BOOST_TEST((dossier_status::feedback(s) == f));
          BOOST_TEST(dossier_status::appointment_computed(s) == computed);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_usual_dossier_costs_under_48_bytes_evaluated_and_64_in_all) {
  // Issue 7: at most 48 bytes per dossier in the evaluated store (columns and events). With its
  // code (4 bytes in the usual form) and the code index (8-byte slots, 4/3 to 8/3 of them per
  // dossier: 11 to 21 bytes, issue 13), at most 64 in all.
  DossierStore store;
  const int n = 100000;
  store.reserve(n);
  for (int i = 0; i < n; ++i) {
    store.append(make(fmt_code(i), at(2023, 3, 1 + static_cast<unsigned>(i % 28), 8, 0)));
  }
  const double evaluated = static_cast<double>(store.evaluated_bytes()) / n;
  const double all = static_cast<double>(store.memory_bytes()) / n;
  BOOST_TEST_MESSAGE("bytes per dossier: " << evaluated << " evaluated, " << all << " in all");
  BOOST_TEST(evaluated <= 48.0);
  BOOST_TEST(all <= 64.0);
}

BOOST_AUTO_TEST_SUITE_END()
