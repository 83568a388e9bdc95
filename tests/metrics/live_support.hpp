#pragma once
// A live store of the small province (metrics_support.hpp) driven by a pseudo-random stream of
// appends and updates, and the comparison of two reports, for the live store's tests.

#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/model/live_store.hpp>

#include "metrics/metrics_support.hpp"

#include "calendar/test_support.hpp"

namespace parmetrics::test {

struct Rng {
  std::uint64_t s;
  std::uint32_t next(std::uint32_t n) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>((s >> 33) % n);
  }
  bool one_in(std::uint32_t n) { return next(n) == 0; }
};

/// Writes of a service: new dossiers received around its clock, and updates of those already
/// in, at times around the clock too (some before, some after it). The clock moves on with
/// `tick`. Updates the rules refuse are counted and dropped, as a service would report them.
class Traffic {
 public:
  Traffic(const Province& p, LiveStore& store, std::uint64_t seed, MinuteStamp clock)
      : p_(p), store_(store), rng_{seed}, clock_(clock) {}

  MinuteStamp clock() const noexcept { return clock_; }
  void tick(MinuteStamp minutes) { clock_ += minutes; }
  std::uint64_t refused() const noexcept { return refused_; }
  std::size_t appended() const noexcept { return codes_.size(); }
  Rng& rng() noexcept { return rng_; }

  /// One write: an append, or an update of a random dossier.
  void step() {
    try {
      if (codes_.empty() || rng_.one_in(3)) {
        append();
      } else {
        update(codes_[rng_.next(static_cast<std::uint32_t>(codes_.size()))]);
      }
    } catch (const DataError&) {
      ++refused_;
    }
  }

 private:
  const Province& p_;
  LiveStore& store_;
  Rng rng_;
  MinuteStamp clock_;
  std::vector<std::string> codes_;
  std::uint64_t refused_ = 0;

  /// A time around the clock: up to 2 days before, up to a day after.
  MinuteStamp around() { return clock_ - 2 * kMinutesPerDay + rng_.next(3 * kMinutesPerDay); }

  void append() {
    const UnitId units[] = {p_.P, p_.D, p_.C1, p_.C2, p_.S, p_.N};
    Dossier d;
    d.code = fmt::format("L-{}", codes_.size());
    d.unit = units[rng_.next(6)];
    d.received = around() - (rng_.one_in(10) ? 40 * kMinutesPerDay : 0);
    const std::uint32_t proc = rng_.next(5);
    if (proc < 3) d.procedure = proc == 0 ? p_.PR1 : proc == 1 ? p_.PR2 : p_.PR3;
    if (rng_.one_in(5)) d.appointment = d.received + 60 * rng_.next(24 * 6);
    d.channel = static_cast<Channel>(rng_.next(3));
    if (rng_.one_in(3)) d.commune = rng_.one_in(2) ? p_.N : p_.S;  // the record's own commune
    d.flags = static_cast<std::uint8_t>(rng_.next(256));
    d.feedback = static_cast<Feedback>(rng_.next(3));
    if (rng_.one_in(6)) {  // appended already ended, or with a status and no time
      d.end_kind = static_cast<EndKind>(1 + rng_.next(5));
      if (!rng_.one_in(4)) d.ended = d.received + 30 * rng_.next(48 * 6);
    }
    if (rng_.one_in(8)) {
      const MinuteStamp t = d.received + 60 * rng_.next(24 * 3);
      std::optional<MinuteStamp> done;
      if (rng_.one_in(2)) done = t + 60 * rng_.next(48);
      d.supplements.push_back({t, done});
    }
    store_.append(d);
    codes_.push_back(d.code);
  }

  void update(const std::string& code) {
    const MinuteStamp t = around();
    switch (rng_.next(6)) {
      case 0:
      case 1:
        store_.record_end(code, Minute(t), static_cast<EndKind>(1 + rng_.next(5)));
        break;
      case 2:
        store_.request_supplement(code, Minute(t));
        break;
      case 3:
        store_.complete_supplement(code, Minute(t));
        break;
      case 4: {
        ApologyRecord a{Minute(t), std::nullopt, rng_.one_in(2)};
        if (!rng_.one_in(3)) a.new_appointment = Minute(t + 60 * rng_.next(24 * 8));
        store_.record_apology(code, a);
        break;
      }
      default:
        store_.record_returned(code, Minute(t));
        break;
    }
  }
};

inline void check_counts(const MetricCounts& a, const MetricCounts& b, const std::string& what) {
  for (const CountField& f : count_fields()) {
    const std::uint64_t x = a.*f.member;
    const std::uint64_t y = b.*f.member;
    BOOST_TEST(x == y, what << ": " << f.name);
  }
}

/// The same rows with the same counts (and processing count and total); with `quantiles`, the
/// same median and p90 too.
inline void check_same_report(const Report& a, const Report& b, const std::string& what,
                              bool quantiles) {
  BOOST_TEST(a.dossiers == b.dossiers, what);
  BOOST_REQUIRE_MESSAGE(a.rows.size() == b.rows.size(),
                        what << ": " << a.rows.size() << " rows against " << b.rows.size());
  const auto same_row = [&](const ReportRow& x, const ReportRow& y, const std::string& where) {
    BOOST_TEST(x.key == y.key, where);
    check_counts(x.counts, y.counts, where + " " + x.key);
    BOOST_TEST(x.processing.count == y.processing.count, where);
    BOOST_TEST(x.processing.total_minutes == y.processing.total_minutes, where);
    if (quantiles) {
      BOOST_TEST((x.processing.median_minutes == y.processing.median_minutes), where << " median");
      BOOST_TEST((x.processing.p90_minutes == y.processing.p90_minutes), where << " p90");
    }
  };
  for (std::size_t i = 0; i < a.rows.size(); ++i) same_row(a.rows[i], b.rows[i], what);
  same_row(a.total, b.total, what + " total");
}

}  // namespace parmetrics::test
