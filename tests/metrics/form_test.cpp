// Biểu số 06/VPCP/KSTT over a hand-made week. Period Mon 2024-03-04 .. Fri 2024-03-08, evaluated
// at its end (24:00 of the 8th). Units (metrics_support.hpp): P province, D district, C1 C2
// communes of D, S department of P (so a provincial unit: section "Sở ban ngành").
//
// clang-format off
//  id unit channel received     appointment  end              default      td
//  a  C1   online  03-04 08:00  03-06 08:00  03-05 10:00      early        early
//  b  C1   direct  03-04 09:00  03-05 09:00  03-05 08:00      on time      on time
//  c  C1   postal  03-04 10:00  03-05 10:00  03-05 15:00      late         on time (same day)
//  g  C1   direct  03-05 08:00  none         03-06 08:00      not judged → on time column
//  d  D    direct  02-26 08:00  03-01 08:00  pending, carried overdue      overdue
//  e  S    online  03-06 08:00  03-11 08:00  pending          within time  within time
//  f  S    direct  03-06 09:00  03-08 10:00  pending          overdue      within (due the last day)
//  h  S    direct  03-07 08:00  03-08 08:00  withdrawn 03-08  late         on time (a withdrawal)
//                                            09:00
// clang-format on
//
// Default profile, by section (columns 3 4 5 6 | 7 8 9 10 | 11 12 13):
//   Sở ban ngành (S: e f h):  3 1 2 0 | 1 0 0 1 | 2 1 1
//   Huyện (D: d):             1 0 0 1 | 0 0 0 0 | 1 0 1
//   Xã (C1: a b c g):         4 1 3 0 | 4 1 2 1 | 0 0 0
//   Tổng số:                  8 2 5 1 | 5 1 2 2 | 3 1 2     (g is the one dossier not judged)
// td profile, total:          8 2 5 1 | 5 1 4 0 | 3 2 1

#include <boost/test/unit_test.hpp>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/forms/form.hpp>
#include <parmetrics/forms/worklist.hpp>

#include "metrics/metrics_support.hpp"

namespace parmetrics::test {
namespace {

/// The figures of each table row with five or more of them, separators dropped, in order.
std::vector<std::string> figures_by_row(const std::string& table) {
  std::vector<std::string> rows;
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) {
    std::string figures;
    std::size_t n = 0;
    std::istringstream words(line);
    for (std::string w; words >> w;) {
      if (w.find_first_not_of("0123456789.,") != std::string::npos) continue;
      if (w.find_first_of("0123456789") == std::string::npos) continue;
      std::erase_if(w, [](char c) { return c == '.' || c == ','; });
      figures += (n++ == 0 ? "" : " ") + w;
    }
    if (n >= 5) rows.push_back(std::move(figures));
  }
  return rows;
}

struct Week {
  Province p = province_units();
  WorkingCalendar calendar;
  Week() {
    auto add = [&](std::string code, UnitId u, MinuteStamp r, std::optional<MinuteStamp> appt,
                   std::optional<MinuteStamp> end, Channel ch, EndKind kind = EndKind::finished) {
      Dossier d = dossier(std::move(code), u, r, appt, end, ch);
      if (end) d.end_kind = kind;
      p.store.append(d);
    };
    add("a", p.C1, at(2024, 3, 4, 8, 0), at(2024, 3, 6, 8, 0), at(2024, 3, 5, 10, 0),
        Channel::online);
    add("b", p.C1, at(2024, 3, 4, 9, 0), at(2024, 3, 5, 9, 0), at(2024, 3, 5, 8, 0),
        Channel::direct);
    add("c", p.C1, at(2024, 3, 4, 10, 0), at(2024, 3, 5, 10, 0), at(2024, 3, 5, 15, 0),
        Channel::postal);
    add("g", p.C1, at(2024, 3, 5, 8, 0), std::nullopt, at(2024, 3, 6, 8, 0), Channel::direct);
    add("d", p.D, at(2024, 2, 26, 8, 0), at(2024, 3, 1, 8, 0), std::nullopt, Channel::direct);
    add("e", p.S, at(2024, 3, 6, 8, 0), at(2024, 3, 11, 8, 0), std::nullopt, Channel::online);
    add("f", p.S, at(2024, 3, 6, 9, 0), at(2024, 3, 8, 10, 0), std::nullopt, Channel::direct);
    add("h", p.S, at(2024, 3, 7, 8, 0), at(2024, 3, 8, 8, 0), at(2024, 3, 8, 9, 0), Channel::direct,
        EndKind::withdrawn);
  }

  Form form(std::string_view profile, FormGrouping by = FormGrouping::unit,
            std::string_view id = "vpcp-06") const {
    FormOptions o;
    o.period = ReportPeriod::of(day(2024, 3, 4), day(2024, 3, 8));
    o.policy = *timeliness_profile(profile);
    o.by = by;
    return compute_form(*FormDefinition::builtin(id), p.store, p.units, p.procedures, calendar, o);
  }
};

/// Columns 3..13 of a row.
std::vector<std::int64_t> figures(const FormRow& row) {
  return {row.values.begin() + 2, row.values.end()};
}

const FormRow& row(const Form& f, std::string_view key) {
  for (const FormRow& r : f.rows) {
    if (r.key == key) return r;
  }
  BOOST_FAIL("no row " << key);
  return f.rows.front();
}

using V = std::vector<std::int64_t>;

}  // namespace

BOOST_AUTO_TEST_SUITE(form_vpcp06)

BOOST_AUTO_TEST_CASE(default_profile_every_column_by_section) {
  const Week w;
  const Form f = w.form("default");
  BOOST_TEST(figures(row(f, "province")) == (V{3, 1, 2, 0, 1, 0, 0, 1, 2, 1, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(figures(row(f, "district")) == (V{1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(figures(row(f, "commune")) == (V{4, 1, 3, 0, 4, 1, 2, 1, 0, 0, 0}),
             boost::test_tools::per_element());
  BOOST_TEST(figures(f.rows.back()) == (V{8, 2, 5, 1, 5, 1, 2, 2, 3, 1, 2}),
             boost::test_tools::per_element());
  // S is a department of the province: a provincial row; C1's own dossiers only.
  BOOST_TEST(row(f, "S").section == "province");
  BOOST_TEST(figures(row(f, "C1")) == (V{4, 1, 3, 0, 4, 1, 2, 1, 0, 0, 0}),
             boost::test_tools::per_element());
  BOOST_TEST(f.rows.front().stt == "I");
  BOOST_REQUIRE(f.notes.size() == 1u);
  BOOST_TEST(f.notes[0].starts_with("Gồm 1 hồ sơ"));
}

BOOST_AUTO_TEST_CASE(default_profile_figures_are_the_reports_counts) {
  // docs/forms.md: each unit's row is its own counts in report --by unit --no-roll-up.
  const Week w;
  const Form f = w.form("default");
  ReportOptions o;
  o.period = f.options.period;
  o.roll_up = false;
  const Report report = compute_report(w.p.store, w.p.units, w.p.procedures, w.calendar, o);
  for (const ReportRow& r : report.rows) {
    const MetricCounts& c = r.counts;
    const FormRow& fr = row(f, r.key);
    BOOST_TEST(fr.values[2] == static_cast<std::int64_t>(c.in_scope));
    BOOST_TEST(fr.values[3] == static_cast<std::int64_t>(c.online));
    BOOST_TEST(fr.values[4] == static_cast<std::int64_t>(c.direct + c.postal));
    BOOST_TEST(fr.values[5] == static_cast<std::int64_t>(c.carried_over));
    BOOST_TEST(fr.values[7] == static_cast<std::int64_t>(c.early));
    BOOST_TEST(fr.values[9] == static_cast<std::int64_t>(c.late));
    BOOST_TEST(fr.values[12] == static_cast<std::int64_t>(c.overdue));
  }
}

BOOST_AUTO_TEST_CASE(splits_online_full_and_apologised) {
  // Two online dossiers, one for a procedure offered fully online; an overdue and a late
  // dossier with an apology, and a late one without.
  Week w;
  Procedure full;
  full.code = "FULL";
  full.field = "Hộ tịch";
  full.online = OnlineLevel::full;
  full.duration = StatutoryTime::working_days(3);
  const ProcedureId pf = w.p.procedures.add(full);
  Dossier x = dossier("x", w.p.C2, at(2024, 3, 4, 8, 0), at(2024, 3, 5, 8, 0), std::nullopt,
                      Channel::online);
  x.procedure = pf;
  x.apologies.push_back({at(2024, 3, 4, 9, 0), at(2024, 3, 12, 8, 0), false});  // overdue
  w.p.store.append(x);
  Dossier y = dossier("y", w.p.C2, at(2024, 3, 4, 8, 0), at(2024, 3, 5, 8, 0), at(2024, 3, 6, 8, 0),
                      Channel::online);
  y.procedure = w.p.PR1;
  y.apologies.push_back({at(2024, 3, 4, 9, 0), std::nullopt, false});  // late, apologised
  w.p.store.append(y);
  ReportOptions o;
  o.period = ReportPeriod::of(day(2024, 3, 4), day(2024, 3, 8));
  o.roll_up = false;
  o.filter.units = {w.p.C2};
  const Report r = compute_report(w.p.store, w.p.units, w.p.procedures, w.calendar, o);
  BOOST_TEST(r.total.counts.online == 2u);
  BOOST_TEST(r.total.counts.online_full == 1u);
  BOOST_TEST(r.total.counts.overdue_apologised == 1u);
  BOOST_TEST(r.total.counts.late_apologised == 1u);
  // The week's late dossiers c and h had no apology.
  o.filter.units = {};
  const Report all = compute_report(w.p.store, w.p.units, w.p.procedures, w.calendar, o);
  BOOST_TEST(all.total.counts.late == 3u);
  BOOST_TEST(all.total.counts.late_apologised == 1u);
  BOOST_TEST(all.total.counts.no_appointment_ended == 1u);  // g
}

BOOST_AUTO_TEST_CASE(td_profile_dates_withdrawals_and_the_last_day) {
  const Week w;
  const Form f = w.form("td");
  // c: same day → on time; h: withdrawn → on time; f: due on the period's last day → within.
  BOOST_TEST(figures(f.rows.back()) == (V{8, 2, 5, 1, 5, 1, 4, 0, 3, 2, 1}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_header_and_total_row) {
  const Week w;
  const std::string csv = format_form(w.form("default"), FormFormat::csv);
  const std::string header =
      "stt,group,received_total,received_online,received_direct_postal,carried_over,"
      "processed_total,processed_early,processed_on_time,processed_late,pending_total,"
      "pending_within_time,pending_overdue\n";
  BOOST_TEST(csv.substr(0, header.size()) == header);
  BOOST_TEST(csv.ends_with("\n,total,8,2,5,1,5,1,2,2,3,1,2\n"));
}

BOOST_AUTO_TEST_CASE(by_field_and_by_level_keep_the_total) {
  const Week w;
  for (FormGrouping by : {FormGrouping::field, FormGrouping::level}) {
    const Form f = w.form("default", by);
    BOOST_TEST(figures(f.rows.back()) == (V{8, 2, 5, 1, 5, 1, 2, 2, 3, 1, 2}),
               boost::test_tools::per_element());
  }
  const Form levels = w.form("default", FormGrouping::level);
  BOOST_TEST(figures(row(levels, "commune")) == (V{4, 1, 3, 0, 4, 1, 2, 1, 0, 0, 0}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_form_in_english) {
  const Week w;
  const Form f = w.form("default");
  const std::string en = format_form(f, FormFormat::table, Language::en);
  BOOST_TEST(en.find("Form 06/VPCP/KSTT — Issued with Circular 01/2020/TT-VPCP of 21/10/2020") !=
             std::string::npos);
  BOOST_TEST(en.find("Period: 2024-03-04 to 2024-03-08") != std::string::npos);
  BOOST_TEST(en.find("(3) Dossiers received — Total") != std::string::npos);
  BOOST_TEST(en.find("(10) Dossiers resolved — Overdue") != std::string::npos);
  BOOST_TEST(en.find("Communes, wards and towns") != std::string::npos);
  // g, not judged: the note in the form's own English.
  // (The table wraps notes at 120 columns, so the note is checked on form_notes.)
  BOOST_TEST(en.find("* Dossiers whose deadline cannot be judged") != std::string::npos);
  const std::vector<std::string> notes = form_notes(f, Language::en);
  BOOST_TEST_REQUIRE(notes.size() == 1u);
  BOOST_TEST(notes[0] ==
             "Dossiers whose deadline cannot be judged (no appointment, or no end time recorded), "
             "counted under On time or Within time: 1.");
  const std::string vi = format_form(f, FormFormat::table, Language::vi);
  // The same figures as in Vietnamese, row by row (1.234 and 1,234 alike once their separators
  // go), and nothing Vietnamese of the form's own left: the units here are named in ASCII, so
  // any letter of U+00C0..U+1EF9 would be an untranslated label.
  BOOST_TEST(figures_by_row(en) == figures_by_row(vi), boost::test_tools::per_element());
  BOOST_TEST(figures_by_row(en).size() == f.rows.size());
  for (std::size_t i = 0; i < en.size(); ++i) {
    const auto c = static_cast<unsigned char>(en[i]);
    // Vietnamese letters in UTF-8: lead bytes C3..C6 (U+00C0..U+01BF), E1 BA / E1 BB
    // (U+1E80..U+1EFF, where ạ..ỹ are).
    const bool latin = c >= 0xC3 && c <= 0xC6;
    const bool extended = c == 0xE1 && i + 1 < en.size() &&
                          (static_cast<unsigned char>(en[i + 1]) == 0xBA ||
                           static_cast<unsigned char>(en[i + 1]) == 0xBB);
    BOOST_TEST(!(latin || extended),
               "a Vietnamese letter at byte " << i << ": " << en.substr(i, 40));
  }
  BOOST_TEST(vi.find("Kỳ báo cáo: từ ngày 04/03/2024 đến ngày 08/03/2024") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(names_on_the_page_are_text) {
  // A unit's name is data: on the page it is text, whatever it holds.
  Week w;
  Unit c1 = w.p.units[w.p.C1];
  c1.name = "Xã <b>A</b> & \"B\"";
  w.p.units.replace(w.p.C1, c1);
  w.p.units.resolve();
  const std::string html = format_form(w.form("default"), FormFormat::html, Language::vi);
  BOOST_TEST(html.find("<b>") == std::string::npos);
  BOOST_TEST(html.find("Xã &lt;b&gt;A&lt;/b&gt; &amp; &quot;B&quot;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_form_as_a_page) {
  const Week w;
  const std::string html = format_form(w.form("default"), FormFormat::html, Language::vi);
  BOOST_TEST(html.starts_with("<!DOCTYPE html>"));
  for (const char* banned : {"<script", "<link", " src=", "href="}) {
    BOOST_TEST(html.find(banned) == std::string::npos, banned);
  }
  // Biểu 06's header, three rows: STT and column (2) reach down all three; "Số hồ sơ nhận giải
  // quyết" spans its four leaves, of which "Tổng số" and "Từ kỳ trước" reach down two rows and
  // "Trong đó" spans two.
  BOOST_TEST(html.find("<th rowspan=\"3\" colspan=\"1\">STT</th>") != std::string::npos);
  BOOST_TEST(html.find("<th rowspan=\"1\" colspan=\"4\">Số hồ sơ nhận giải quyết</th>") !=
             std::string::npos);
  BOOST_TEST(html.find("<th rowspan=\"2\" colspan=\"1\">Tổng số</th>") != std::string::npos);
  BOOST_TEST(html.find("<th rowspan=\"1\" colspan=\"2\">Trong đó</th>") != std::string::npos);
  BOOST_TEST(html.find("<th>(13)</th>") != std::string::npos);
  // The total row (8 in scope) and the note on g, not judged.
  BOOST_TEST(html.find("<tr class=\"total\"><td class=\"c\"></td><td>Tổng số</td><td "
                       "class=\"n\">8</td>") != std::string::npos);
  BOOST_TEST(html.find("Gồm 1 hồ sơ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_form_that_fails_its_check_is_an_error) {
  const Week w;
  // Column 3 counted as received only: 3 = 4 + 5 + 6 fails wherever a dossier is carried over.
  const std::string text = R"({"id": "broken", "header": [
    {"label": "STT", "key": "stt", "kind": "stt"},
    {"label": "Nhóm", "key": "group", "kind": "group"},
    {"label": "Tổng", "key": "total", "count": "received"},
    {"label": "Từ kỳ trước", "key": "carried", "count": "carried_over"}],
    "checks": ["total = carried"]})";
  FormOptions o;
  o.period = ReportPeriod::of(day(2024, 3, 4), day(2024, 3, 8));
  // Bad data (the form's definition), naming the form, the row, the check and the two sides.
  BOOST_CHECK_EXCEPTION(compute_form(FormDefinition::parse(text, "broken.json"), w.p.store,
                                     w.p.units, w.p.procedures, w.calendar, o),
                        DataError, [](const DataError& e) {
                          BOOST_TEST(e.origin() == "broken");
                          BOOST_TEST(e.location().starts_with("row "), e.location());
                          BOOST_TEST(e.field() == "total = carried");
                          BOOST_TEST(e.reason().starts_with("the check fails: "), e.reason());
                          return true;
                        });
}

BOOST_AUTO_TEST_CASE(bad_form_files_name_where) {
  const auto fails = [](const std::string& text, const std::string& where) {
    try {
      FormDefinition::parse(text, "f.json");
    } catch (const DataError& e) {
      BOOST_TEST(e.location() == where);
      return;
    }
    BOOST_FAIL("no error for " << text);
  };
  fails(R"({"id": "x", "header": [{"label": "A", "key": "a", "count": "late + nope"}]})",
        "$.header[0].count");
  fails(R"({"id": "x", "header": [{"label": "A", "key": "a", "count": "late +"}]})",
        "$.header[0].count");
  fails(R"({"id": "x", "header": [{"label": "A", "key": "a", "count": "late"}],
           "checks": ["a = b"]})",
        "$.checks[0]");
  fails(R"({"id": "x"})", "$");
}

BOOST_AUTO_TEST_CASE(vpcp06a_splits_the_channels) {
  // The week's received dossiers by channel: online a e, direct b g f h, postal c; d carried.
  const Week w;
  const Form f = w.form("default", FormGrouping::unit, "vpcp-06a");
  BOOST_TEST(f.definition.code == "Biểu số II.06a/VPCP/KSTT");
  BOOST_TEST(figures(f.rows.back()) == (V{8, 2, 4, 1, 1, 5, 1, 2, 2, 3, 1, 2}),
             boost::test_tools::per_element());
  BOOST_TEST(figures(row(f, "S")) == (V{3, 1, 2, 0, 0, 1, 0, 0, 1, 2, 1, 1}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(handover_2025_online_levels_and_apologies) {
  // The week, and three online dossiers of C2: x for a procedure offered fully online, overdue,
  // apologised on time; y partly online, late, apologised; z of no procedure, within time.
  Week w;
  const auto proc = [&](std::string code, OnlineLevel level) {
    Procedure pr;
    pr.code = std::move(code);
    pr.field = "Hộ tịch";
    pr.online = level;
    pr.duration = StatutoryTime::working_days(1);
    return w.p.procedures.add(pr);
  };
  const ProcedureId full = proc("FULL", OnlineLevel::full);
  const ProcedureId part = proc("PART", OnlineLevel::partial);
  Dossier x = dossier("x", w.p.C2, at(2024, 3, 4, 8, 0), at(2024, 3, 5, 8, 0), std::nullopt,
                      Channel::online);
  x.procedure = full;
  x.apologies.push_back({at(2024, 3, 4, 9, 0), at(2024, 3, 12, 8, 0), false});
  w.p.store.append(x);
  Dossier y = dossier("y", w.p.C2, at(2024, 3, 4, 8, 0), at(2024, 3, 5, 8, 0), at(2024, 3, 6, 8, 0),
                      Channel::online);
  y.procedure = part;
  y.apologies.push_back({at(2024, 3, 4, 9, 0), std::nullopt, false});
  w.p.store.append(y);
  w.p.store.append(dossier("z", w.p.C2, at(2024, 3, 6, 8, 0), at(2024, 3, 11, 8, 0), std::nullopt,
                           Channel::online));
  const Form f = w.form("default", FormGrouping::unit, "handover-2025");
  // Columns 3..16: received total, direct (b g f h), fully online (x), partly online (a e y z:
  // online less fully online), postal (c), carried (d) | processed total (a b c g h y), early or
  // on time (a b g), late apologised (y), late not (c h) | pending total (d e f x z), within time
  // (e z), overdue apologised (x), overdue not (d f).
  BOOST_TEST(figures(f.rows.back()) == (V{11, 4, 1, 4, 1, 1, 6, 3, 1, 2, 5, 2, 1, 2}),
             boost::test_tools::per_element());
  BOOST_TEST(figures(row(f, "C2")) == (V{3, 0, 1, 2, 0, 0, 1, 0, 1, 0, 2, 1, 1, 0}),
             boost::test_tools::per_element());
  // g not judged; a, e and z online for no procedure of a known level.
  BOOST_REQUIRE(f.notes.size() == 2u);
  BOOST_TEST(f.notes[0].starts_with("Gồm 1 hồ sơ"));
  BOOST_TEST(f.notes[1].find("gồm 3 hồ sơ") != std::string::npos);
  for (const std::string_view line : {format_form(f, FormFormat::table)}) {
    std::size_t start = 0;
    while (start < line.size()) {
      const std::size_t end = std::min(line.find('\n', start), line.size());
      std::size_t chars = 0;
      for (std::size_t i = start; i < end; ++i) {
        chars += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
      }
      BOOST_TEST(chars <= 120u, "line of " << chars << ": " << line.substr(start, end - start));
      start = end + 1;
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test

namespace parmetrics::test {
namespace {

// The week's dossiers as of 24:00 of Fri 03-08, office hours 07:00-11:30 and 13:30-17:00. Working
// minutes from the effective appointment to the end (to as-of while pending):
//   d  Fri 03-01 08:00 → 03-09 00:00: 210 + 210 on the 1st, 5 × 480 that week   = 2820 (overdue)
//   f  03-08 10:00 → 03-09 00:00: 90 + 210                                      =  300 (overdue)
//   c  03-05 10:00 → 15:00: 90 + 90                                             =  180 (late)
//   h  03-08 08:00 → 09:00                                                      =   60 (late)
//   e  Mon 03-11 08:00, from Sat 00:00: 07:00-08:00 on the 11th left            =  -60 (within)
//   b  03-05 09:00, ended 08:00                                                 =  -60 (on time)
//   a  03-06 08:00, ended 03-05 10:00: 90 + 210 on the 5th, 60 on the 6th early = -360 (early)
//   g  no appointment: no figure, listed last
DossierList week_list(const Week& w, DossierListStatus status,
                      StatutoryTime within = StatutoryTime::working_days(1)) {
  DossierListOptions o;
  o.period = ReportPeriod::of(day(2024, 3, 4), day(2024, 3, 8));
  o.status = status;
  o.due_within = within;
  return list_dossiers(w.p.store, w.p.units, w.p.procedures, w.calendar, o);
}

std::vector<std::string> codes(const DossierList& l) {
  std::vector<std::string> out;
  for (const DossierListRow& r : l.rows) out.push_back(r.code);
  return out;
}

using S = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(worklists)

BOOST_AUTO_TEST_CASE(each_status_chooses_its_dossiers_most_urgent_first) {
  const Week w;
  BOOST_TEST(codes(week_list(w, DossierListStatus::overdue)) == (S{"d", "f"}),
             boost::test_tools::per_element());
  BOOST_TEST(codes(week_list(w, DossierListStatus::late)) == (S{"c", "h"}),
             boost::test_tools::per_element());
  // Pending before ended; none of them was apologised for.
  BOOST_TEST(codes(week_list(w, DossierListStatus::apology_missing)) == (S{"d", "f", "c", "h"}),
             boost::test_tools::per_element());
  BOOST_TEST(codes(week_list(w, DossierListStatus::pending)) == (S{"d", "f", "e"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      codes(week_list(w, DossierListStatus::all)) == (S{"d", "f", "e", "c", "h", "b", "a", "g"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_register_is_kept_in_the_order_received) {
  const Week w;
  DossierListOptions o;
  o.period = ReportPeriod::of(day(2024, 3, 4), day(2024, 3, 8));
  o.order = DossierListOrder::receipt;
  // d carried over from 02-26; a b c on the 4th at 8, 9, 10; g on the 5th; e f on the 6th; h 7th.
  BOOST_TEST(codes(list_dossiers(w.p.store, w.p.units, w.p.procedures, w.calendar, o)) ==
                 (S{"d", "a", "b", "c", "g", "e", "f", "h"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(how_late_in_working_minutes) {
  const Week w;
  const DossierList all = week_list(w, DossierListStatus::all);
  std::vector<std::int64_t> late;
  for (const DossierListRow& r : all.rows) late.push_back(r.late_minutes.value_or(-99999));
  BOOST_TEST(late == (std::vector<std::int64_t>{2820, 300, -60, 180, 60, -60, -360, -99999}),
             boost::test_tools::per_element());
  const DossierListRow& d = all.rows[0];
  BOOST_TEST(!d.ended.has_value());
  BOOST_TEST(*d.effective_appointment == at(2024, 3, 1, 8, 0));
  BOOST_TEST((d.evaluation.apology == ApologyStatus::missing));
  BOOST_TEST(*all.rows[3].ended == at(2024, 3, 5, 15, 0));  // c
}

BOOST_AUTO_TEST_CASE(due_within_a_working_time) {
  const Week w;
  // e has 60 working minutes left; d and f are overdue already, not "due within".
  BOOST_TEST(codes(week_list(w, DossierListStatus::due_within, StatutoryTime::working_hours(1))) ==
                 (S{"e"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      week_list(w, DossierListStatus::due_within, StatutoryTime::working_hours(0.5)).rows.empty());
  // Calendar days: 03-11 08:00 is within 3 days of 03-09 00:00, not within 2.
  BOOST_TEST(
      week_list(w, DossierListStatus::due_within, StatutoryTime::calendar_days(3)).rows.size() ==
      1u);
  BOOST_TEST(
      week_list(w, DossierListStatus::due_within, StatutoryTime::calendar_days(2)).rows.empty());
}

BOOST_AUTO_TEST_CASE(filters_as_the_report_takes_them) {
  const Week w;
  DossierListOptions o;
  o.period = ReportPeriod::of(day(2024, 3, 4), day(2024, 3, 8));
  o.filter.units = {w.p.D};  // with its communes C1 and C2
  BOOST_TEST(codes(list_dossiers(w.p.store, w.p.units, w.p.procedures, w.calendar, o)) ==
                 (S{"d", "c", "b", "a", "g"}),
             boost::test_tools::per_element());
  o.filter.subtrees = false;
  BOOST_TEST(codes(list_dossiers(w.p.store, w.p.units, w.p.procedures, w.calendar, o)) == (S{"d"}),
             boost::test_tools::per_element());
  o.filter = {};
  o.filter.channels = {Channel::online};
  BOOST_TEST(
      codes(list_dossiers(w.p.store, w.p.units, w.p.procedures, w.calendar, o)) == (S{"e", "a"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_and_register) {
  const Week w;
  const DossierList late = week_list(w, DossierListStatus::late);
  const auto worklist = *DossierListLayout::builtin("worklist");
  const std::string csv =
      format_dossier_list(late, worklist, w.p.units, w.p.procedures, DossierListFormat::csv);
  BOOST_TEST(
      csv.starts_with("stt,code,unit,unit_name,procedure,procedure_name,channel,received,"
                      "appointment,ended,status,late_working_minutes,apology,"
                      "new_appointment\n"));
  // c: postal, received 03-04 10:00, due 03-05 10:00, ended 15:00, 180 minutes late.
  BOOST_TEST(csv.find("\n1,c,C1,Unit C1,,,postal,2024-03-04T10:00,2024-03-05T10:00,"
                      "2024-03-05T15:00,late,180,missing,\n") != std::string::npos);
  const auto reg = *DossierListLayout::builtin("register");
  BOOST_TEST(reg.code == "Mẫu số 06");
  const std::string table =
      format_dossier_list(late, reg, w.p.units, w.p.procedures, DossierListFormat::table);
  BOOST_TEST(table.find("SỔ THEO DÕI HỒ SƠ") != std::string::npos);
  // The register's note: 180 working minutes are 3 hours.
  BOOST_TEST(table.find("Trễ hạn 3 giờ; chưa xin lỗi") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lists_in_english) {
  const Week w;
  const DossierList late = week_list(w, DossierListStatus::late);
  const auto worklist = *DossierListLayout::builtin("worklist");
  const std::string en = format_dossier_list(late, worklist, w.p.units, w.p.procedures,
                                             DossierListFormat::table, Language::en);
  // The layout's English labels, the catalogue's states, ISO dates, hours with a decimal point.
  BOOST_TEST(en.find("LIST OF ADMINISTRATIVE PROCEDURE DOSSIERS") != std::string::npos);
  BOOST_TEST(en.find("Dossier code") != std::string::npos);
  BOOST_TEST(en.find("From 2024-03-04 to 2024-03-08, as of 2024-03-09T00:00: 2 dossiers") !=
             std::string::npos);
  // c: 180 working minutes late, no apology; its appointment 03-05 10:00 without the century.
  BOOST_TEST(en.find("24-03-05T10:00") != std::string::npos);
  BOOST_TEST(en.find("Late") != std::string::npos);
  BOOST_TEST(en.find("Missing") != std::string::npos);
  const auto reg = *DossierListLayout::builtin("register");
  const std::string note = format_dossier_list(late, reg, w.p.units, w.p.procedures,
                                               DossierListFormat::table, Language::en);
  BOOST_TEST(note.find("REGISTER OF DOSSIERS") != std::string::npos);
  BOOST_TEST(note.find("Late 3 h; no apology") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_layout_files_name_where) {
  const auto fails = [](const std::string& text, const std::string& where) {
    try {
      DossierListLayout::parse(text, "l.json");
    } catch (const DataError& e) {
      BOOST_TEST(e.location() == where);
      return;
    }
    BOOST_FAIL("no error for " << text);
  };
  fails(R"({"id": "x", "columns": [{"key": "a", "field": "nope", "label": "A"}]})",
        "$.columns[0].field");
  fails(R"({"id": "x", "columns": [{"key": "a", "field": "code", "label": "A", "width": 0}]})",
        "$.columns[0].width");
  fails(R"({"id": "x", "columns": [{"key": "a", "field": "code", "label": "A"}],
           "table_columns": ["b"]})",
        "$.table_columns[0]");
  fails(R"({"id": "x"})", "$");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test
