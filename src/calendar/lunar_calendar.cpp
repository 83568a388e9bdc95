// The Vietnamese lunar calendar at UTC+7.
//
// The astronomy is re-derived from Jean Meeus, Astronomical Algorithms (2nd ed., 1998): true new
// moons from ch. 49, the Sun's apparent longitude from ch. 25 using the truncated VSOP87 of
// appendix III, nutation from ch. 22 and Delta T from Espenak & Meeus (2006). The calendar rules
// are those published by Hồ Ngọc Đức; his code is not used.
//
// Accuracy: the ch. 49 series is within 17 s (RMS 4.5 s) of a precise lunar theory over
// 1897-2201, and the Sun within about 1" (~25 s of time). The instants only matter when a new moon
// or a major solar term falls within seconds of local midnight; Delta T, unknown in advance for
// the far future, is the larger error after about 2050. Against the precise-ephemeris table built
// by tests/calendar/reference/generate_tet_reference.py every month start 1898-2200 agrees except
// one: the new moon of 1967-07-07 falls 2.5 s after local midnight there and 2.4 s before it
// here, so month 6 of 1967 starts a day early (07-07 instead of 07-08).

#include <parmetrics/calendar/lunar_calendar.hpp>
#include <parmetrics/detail/lunar_table.hpp>
#include <parmetrics/error.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace parmetrics {
namespace detail {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kRadPerDeg = kPi / 180.0;
constexpr double kDegPerArcsec = 1.0 / 3600.0;
constexpr double kJ2000 = 2451545.0;
constexpr double kJulianDayOfUnixEpoch = 2440587.5;  // 1970-01-01T00:00 UT
constexpr double kUtcOffsetDays = 7.0 / 24.0;
constexpr double kSecondsPerDay = 86400.0;
constexpr double kSynodicMonth = 29.530588861;

double sin_deg(double degrees) {
  return std::sin(degrees * kRadPerDeg);
}

// ---------------------------------------------------------------------------------------------
// Sun: VSOP87 (Bretagnon & Francou 1988) heliocentric longitude and radius of the Earth, truncated
// as in Meeus appendix III. Amplitudes in 1e-8 rad (1e-8 AU), phases in rad, frequencies in rad
// per Julian millennium.

struct VsopTerm {
  double a, b, c;
};

// clang-format off
constexpr auto kL0 = std::to_array<VsopTerm>({
    {175347046, 0, 0},        {3341656, 4.6692568, 6283.0758500}, {34894, 4.62610, 12566.15170},
    {3497, 2.7441, 5753.3849}, {3418, 2.8289, 3.5231},           {3136, 3.6277, 77713.7715},
    {2676, 4.4181, 7860.4194}, {2343, 6.1352, 3930.2097},        {1324, 0.7425, 11506.7698},
    {1273, 2.0371, 529.6910},  {1199, 1.1096, 1577.3435},        {990, 5.233, 5884.927},
    {902, 2.045, 26.298},      {857, 3.508, 398.149},            {780, 1.179, 5223.694},
    {753, 2.533, 5507.553},    {505, 4.583, 18849.228},          {492, 4.205, 775.523},
    {357, 2.920, 0.067},       {317, 5.849, 11790.629},          {284, 1.899, 796.298},
    {271, 0.315, 10977.079},   {243, 0.345, 5486.778},           {206, 4.806, 2544.314},
    {205, 1.869, 5573.143},    {202, 2.458, 6069.777},           {156, 0.833, 213.299},
    {132, 3.411, 2942.463},    {126, 1.083, 20.775},             {115, 0.645, 0.980},
    {103, 0.636, 4694.003},    {102, 0.976, 15720.839},          {102, 4.267, 7.114},
    {99, 6.21, 2146.17},       {98, 0.68, 155.42},               {86, 5.98, 161000.69},
    {85, 1.30, 6275.96},       {85, 3.67, 71430.70},             {80, 1.81, 17260.15},
    {79, 3.04, 12036.46},      {75, 1.76, 5088.63},              {74, 3.50, 3154.69},
    {74, 4.68, 801.82},        {70, 0.83, 9437.76},              {62, 3.98, 8827.39},
    {61, 1.82, 7084.90},       {57, 2.78, 6286.60},              {56, 4.39, 14143.50},
    {56, 3.47, 6279.55},       {52, 0.19, 12139.55},             {52, 1.33, 1748.02},
    {51, 0.28, 5856.48},       {49, 0.49, 1194.45},              {41, 5.37, 8429.24},
    {41, 2.40, 19651.05},      {39, 6.17, 10447.39},             {37, 6.04, 10213.29},
    {37, 2.57, 1059.38},       {36, 1.71, 2352.87},              {36, 1.78, 6812.77},
    {33, 0.59, 17789.85},      {30, 0.44, 83996.85},             {30, 2.74, 1349.87},
    {25, 3.16, 4690.48},
});
constexpr auto kL1 = std::to_array<VsopTerm>({
    {628331966747, 0, 0}, {206059, 2.678235, 6283.07585}, {4303, 2.6351, 12566.1517},
    {425, 1.590, 3.523},  {119, 5.796, 26.298},           {109, 2.966, 1577.344},
    {93, 2.59, 18849.23}, {72, 1.14, 529.69},             {68, 1.87, 398.15},
    {67, 4.41, 5507.55},  {59, 2.89, 5223.69},            {56, 2.17, 155.42},
    {45, 0.40, 796.30},   {36, 0.47, 775.52},             {29, 2.65, 7.11},
    {21, 5.34, 0.98},     {19, 1.85, 5486.78},            {19, 4.97, 213.30},
    {17, 2.99, 6275.96},  {16, 0.03, 2544.31},            {16, 1.43, 2146.17},
    {15, 1.21, 10977.08}, {12, 2.83, 1748.02},            {12, 3.26, 5088.63},
    {12, 5.27, 1194.45},  {12, 2.08, 4694.00},            {11, 0.77, 553.57},
    {10, 1.30, 6286.60},  {10, 4.24, 1349.87},            {9, 2.70, 242.73},
    {9, 5.64, 951.72},    {8, 5.30, 2352.87},             {6, 2.65, 9437.76},
    {6, 4.67, 4690.48},
});
constexpr auto kL2 = std::to_array<VsopTerm>({
    {52919, 0, 0},       {8720, 1.0721, 6283.0758}, {309, 0.867, 12566.152}, {27, 0.05, 3.52},
    {16, 5.19, 26.30},   {16, 3.68, 155.42},        {10, 0.76, 18849.23},    {9, 2.06, 77713.77},
    {7, 0.83, 775.52},   {5, 4.66, 1577.34},        {4, 1.03, 7.11},         {4, 3.44, 5573.14},
    {3, 5.14, 796.30},   {3, 6.05, 5507.55},        {3, 1.19, 242.73},       {3, 6.12, 529.69},
    {3, 0.31, 398.15},   {3, 2.28, 553.57},         {2, 4.38, 5223.69},      {2, 3.75, 0.98},
});
constexpr auto kL3 = std::to_array<VsopTerm>({
    {289, 5.844, 6283.076}, {35, 0, 0},         {17, 5.49, 12566.15}, {3, 5.20, 155.42},
    {1, 4.72, 3.52},        {1, 5.30, 18849.23}, {1, 5.97, 242.73},
});
constexpr auto kL4 = std::to_array<VsopTerm>({{114, 3.142, 0}, {8, 4.13, 6283.08}, {1, 3.84, 12566.15}});
constexpr auto kL5 = std::to_array<VsopTerm>({{1, 3.14, 0}});
// Radius only feeds the aberration (20.5" / R), so its leading terms suffice.
constexpr auto kR0 = std::to_array<VsopTerm>({
    {100013989, 0, 0},         {1670700, 3.0984635, 6283.0758500}, {13956, 3.05525, 12566.15170},
    {3084, 5.1985, 77713.7715}, {1628, 1.1739, 5753.3849},         {1576, 2.8469, 7860.4194},
});
constexpr auto kR1 = std::to_array<VsopTerm>({{103019, 1.107490, 6283.075850}, {1721, 1.0644, 12566.1517}});
constexpr auto kR2 = std::to_array<VsopTerm>({{4359, 5.7846, 6283.0758}});
// clang-format on

double vsop_series(std::span<const VsopTerm> terms, double tau) {
  double sum = 0.0;
  for (const VsopTerm& t : terms) {
    sum += t.a * std::cos(t.b + t.c * tau);
  }
  return sum;
}

// Nutation in longitude, IAU 1980 (Meeus table 22.A): the 13 largest terms, leaving < 0.05".
// Multipliers of D, M, M', F, Omega; coefficients in 0.0001" (constant, per century).
struct NutationTerm {
  signed char d, m, mp, f, om;
  double psi, psi_t;
};
// clang-format off
constexpr auto kNutation = std::to_array<NutationTerm>({
    {0, 0, 0, 0, 1, -171996, -174.2}, {-2, 0, 0, 2, 2, -13187, -1.6}, {0, 0, 0, 2, 2, -2274, -0.2},
    {0, 0, 0, 0, 2, 2062, 0.2},       {0, 1, 0, 0, 0, 1426, -3.4},    {0, 0, 1, 0, 0, 712, 0.1},
    {-2, 1, 0, 2, 2, -517, 1.2},      {0, 0, 0, 2, 1, -386, -0.4},    {0, 0, 1, 2, 2, -301, 0},
    {-2, -1, 0, 2, 2, 217, -0.5},     {-2, 0, 1, 0, 0, -158, 0},      {-2, 0, 0, 2, 1, 129, 0.1},
    {0, 0, -1, 2, 2, 123, 0},
});
// clang-format on

double nutation_in_longitude_arcsec(double t) {
  const double t2 = t * t;
  const double t3 = t2 * t;
  const double d = 297.85036 + 445267.111480 * t - 0.0019142 * t2 + t3 / 189474.0;
  const double m = 357.52772 + 35999.050340 * t - 0.0001603 * t2 - t3 / 300000.0;
  const double mp = 134.96298 + 477198.867398 * t + 0.0086972 * t2 + t3 / 56250.0;
  const double f = 93.27191 + 483202.017538 * t - 0.0036825 * t2 + t3 / 327270.0;
  const double om = 125.04452 - 1934.136261 * t + 0.0020708 * t2 + t3 / 450000.0;
  double psi = 0.0;
  for (const NutationTerm& n : kNutation) {
    psi += (n.psi + n.psi_t * t) * sin_deg(n.d * d + n.m * m + n.mp * mp + n.f * f + n.om * om);
  }
  return psi * 1e-4;
}

// ---------------------------------------------------------------------------------------------
// Calendar construction.

// Local (UTC+7) civil day containing an instant given in TT.
DayNumber local_day_of(double jde) {
  const double year = 2000.0 + (jde - kJ2000) / 365.25;
  const double jd_ut = jde - delta_t_seconds(year) / kSecondsPerDay;
  return static_cast<DayNumber>(std::floor(jd_ut - kJulianDayOfUnixEpoch + kUtcOffsetDays));
}

// TT instant of the local midnight that begins a day.
double jde_of_local_midnight(DayNumber day) {
  const double jd_ut = day + kJulianDayOfUnixEpoch - kUtcOffsetDays;
  const double year = 2000.0 + (jd_ut - kJ2000) / 365.25;
  return jd_ut + delta_t_seconds(year) / kSecondsPerDay;
}

// Lunation number (Meeus k) of a new moon close to a day; it only sizes the scan.
int lunation_near(DayNumber day) {
  return static_cast<int>(
      std::floor((day + kJulianDayOfUnixEpoch - 2451550.09766) / kSynodicMonth));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
  return a - floor_div(a, b) * b;
}

}  // namespace

double delta_t_seconds(double decimal_year) {
  const double y = decimal_year;
  if (y < 1900) {
    const double t = y - 1860;
    return 7.62 +
           t * (0.5737 + t * (-0.251754 + t * (0.01680668 + t * (-0.0004473624 + t / 233174.0))));
  }
  if (y < 1920) {
    const double t = y - 1900;
    return -2.79 + t * (1.494119 + t * (-0.0598939 + t * (0.0061966 - t * 0.000197)));
  }
  if (y < 1941) {
    const double t = y - 1920;
    return 21.20 + t * (0.84493 + t * (-0.076100 + t * 0.0020936));
  }
  if (y < 1961) {
    const double t = y - 1950;
    return 29.07 + 0.407 * t - t * t / 233.0 + t * t * t / 2547.0;
  }
  if (y < 1986) {
    const double t = y - 1975;
    return 45.45 + 1.067 * t - t * t / 260.0 - t * t * t / 718.0;
  }
  if (y < 2005) {
    const double t = y - 2000;
    return 63.86 +
           t * (0.3345 + t * (-0.060374 + t * (0.0017275 + t * (0.000651814 + t * 0.00002373599))));
  }
  if (y < 2050) {
    const double t = y - 2000;
    return 62.92 + t * (0.32217 + t * 0.005589);
  }
  const double u = (y - 1820) / 100;
  if (y < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - y);
  return -20 + 32 * u * u;
}

double new_moon_jde(int k) {
  const double kk = k;
  const double t = kk / 1236.85;
  const double t2 = t * t;
  const double t3 = t2 * t;
  const double t4 = t3 * t;
  const double mean =
      2451550.09766 + 29.530588861 * kk + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1.0 - 0.002516 * t - 0.0000074 * t2;
  const double m = 2.5534 + 29.10535670 * kk - 0.0000014 * t2 - 0.00000011 * t3;
  const double mp =
      201.5643 + 385.81693528 * kk + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const double f =
      160.7108 + 390.67050284 * kk - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const double om = 124.7746 - 1.56375588 * kk + 0.0020672 * t2 + 0.00000215 * t3;

  const double periodic =
      -0.40720 * sin_deg(mp) + 0.17241 * e * sin_deg(m) + 0.01608 * sin_deg(2 * mp) +
      0.01039 * sin_deg(2 * f) + 0.00739 * e * sin_deg(mp - m) - 0.00514 * e * sin_deg(mp + m) +
      0.00208 * e * e * sin_deg(2 * m) - 0.00111 * sin_deg(mp - 2 * f) -
      0.00057 * sin_deg(mp + 2 * f) + 0.00056 * e * sin_deg(2 * mp + m) -
      0.00042 * sin_deg(3 * mp) + 0.00042 * e * sin_deg(m + 2 * f) +
      0.00038 * e * sin_deg(m - 2 * f) - 0.00024 * e * sin_deg(2 * mp - m) - 0.00017 * sin_deg(om) -
      0.00007 * sin_deg(mp + 2 * m) + 0.00004 * sin_deg(2 * mp - 2 * f) + 0.00004 * sin_deg(3 * m) +
      0.00003 * sin_deg(mp + m - 2 * f) + 0.00003 * sin_deg(2 * mp + 2 * f) -
      0.00003 * sin_deg(mp + m + 2 * f) + 0.00003 * sin_deg(mp - m + 2 * f) -
      0.00002 * sin_deg(mp - m - 2 * f) - 0.00002 * sin_deg(3 * mp + m) + 0.00002 * sin_deg(4 * mp);

  // Planetary arguments A1..A14: base + rate * k (+ quad * T^2, only A1 has one), amplitude.
  struct Planetary {
    double base, rate, quad, amplitude;
  };
  // clang-format off
  constexpr auto kPlanetary = std::to_array<Planetary>({
      {299.77, 0.107408, -0.009173, 0.000325}, {251.88, 0.016321, 0, 0.000165},
      {251.83, 26.651886, 0, 0.000164},        {349.42, 36.412478, 0, 0.000126},
      {84.66, 18.206239, 0, 0.000110},         {141.74, 53.303771, 0, 0.000062},
      {207.14, 2.453732, 0, 0.000060},         {154.84, 7.306860, 0, 0.000056},
      {34.52, 27.261239, 0, 0.000047},         {207.19, 0.121824, 0, 0.000042},
      {291.34, 1.844379, 0, 0.000040},         {161.72, 24.198154, 0, 0.000037},
      {239.56, 25.513099, 0, 0.000035},        {331.55, 3.592518, 0, 0.000023},
  });
  // clang-format on
  double planetary = 0.0;
  for (const Planetary& p : kPlanetary) {
    planetary += p.amplitude * sin_deg(p.base + p.rate * kk + p.quad * t2);
  }
  return mean + periodic + planetary;
}

double sun_apparent_longitude(double jde) {
  const double tau = (jde - kJ2000) / 365250.0;
  // Horner in tau; the VSOP longitude is not reduced modulo 2 pi, so it stays continuous.
  const double l =
      (vsop_series(kL0, tau) +
       tau * (vsop_series(kL1, tau) +
              tau * (vsop_series(kL2, tau) +
                     tau * (vsop_series(kL3, tau) +
                            tau * (vsop_series(kL4, tau) + tau * vsop_series(kL5, tau)))))) *
      1e-8;
  const double r =
      (vsop_series(kR0, tau) + tau * (vsop_series(kR1, tau) + tau * vsop_series(kR2, tau))) * 1e-8;
  const double geometric = l / kRadPerDeg + 180.0;
  const double fk5 = -0.09033 * kDegPerArcsec;
  const double nutation = nutation_in_longitude_arcsec(tau * 10.0) * kDegPerArcsec;
  const double aberration = -20.4898 / r * kDegPerArcsec;
  return geometric + fk5 + nutation + aberration;
}

namespace {

// Meeus ch. 25 low-accuracy apparent longitude (error about 0.01°), unreduced like the VSOP87 one.
double approximate_sun_longitude(double jde) {
  const double t = (jde - kJ2000) / 36525.0;
  const double mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const double m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const double center = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin_deg(m) +
                        (0.019993 - 0.000101 * t) * sin_deg(2 * m) + 0.000289 * sin_deg(3 * m);
  return mean_longitude + center - 0.00569 - 0.00478 * sin_deg(125.04 - 1934.136 * t);
}

// floor(apparent longitude / 30°) at an instant. The cheap formula settles it whenever the Sun is
// clearly inside a sector; only instants near a major term pay for VSOP87, which keeps the table
// build at a few milliseconds.
std::int64_t sun_sector(double jde) {
  constexpr double kGuardDegrees = 0.1;  // ten times the cheap formula's error
  const double rough = approximate_sun_longitude(jde);
  const double into_sector = rough - 30.0 * std::floor(rough / 30.0);
  const bool clear = into_sector > kGuardDegrees && into_sector < 30.0 - kGuardDegrees;
  return static_cast<std::int64_t>(
      std::floor((clear ? rough : sun_apparent_longitude(jde)) / 30.0));
}

}  // namespace

LunarMonthTable build_lunar_month_table() {
  // Scan wide enough to hold month 11 of 1897 (starts after 22 Nov) and of 2200, plus the month
  // after the latter.
  const int k_first = lunation_near(days_from_civil(1897, 10, 15));
  const int k_last = lunation_near(days_from_civil(2201, 2, 1));
  std::vector<DayNumber> start;
  std::vector<std::int64_t> sector;  // floor(longitude / 30°) at the local midnight of start[i]
  const int lunations = k_last - k_first + 1;
  start.reserve(static_cast<std::size_t>(lunations));
  sector.reserve(start.capacity());
  for (int k = k_first; k <= k_last; ++k) {
    start.push_back(local_day_of(new_moon_jde(k)));
    sector.push_back(sun_sector(jde_of_local_midnight(start.back())));
  }

  // A major term falls in month i exactly when the Sun changes sector between the midnights that
  // open months i and i + 1; the winter solstice is the change into a sector ≡ 9 (mod 12).
  const std::size_t months = start.size() - 1;
  std::vector<std::size_t> month11;
  for (std::size_t i = 0; i < months; ++i) {
    const std::int64_t next_solstice_sector = sector[i] + 1 + floor_mod(8 - sector[i], 12);
    if (next_solstice_sector <= sector[i + 1]) month11.push_back(i);
  }
  if (month11.size() < 2 ||
      civil_from_days(start[month11.front()]).year != LunarMonthTable::kFirstLabelYear ||
      civil_from_days(start[month11.back()]).year != kLastSupportedLunarYear + 1) {
    throw Error(std::string("internal error, please report it: ") +
                "lunar table: scan does not span months 11 of 1897..2200");
  }

  LunarMonthTable table;
  const std::size_t first = month11.front();
  const std::size_t last = month11.back();
  table.starts.assign(start.begin() + static_cast<std::ptrdiff_t>(first),
                      start.begin() + static_cast<std::ptrdiff_t>(last) + 1);
  table.labels.reserve(last - first);
  for (std::size_t j = 0; j + 1 < month11.size(); ++j) {
    const std::size_t a = month11[j];
    const std::size_t b = month11[j + 1];
    const int solar_year = civil_from_days(start[a]).year;
    std::size_t leap = 0;  // offset from month 11; 0: no leap month in this interval
    if (b - a == 13) {
      for (std::size_t o = 1; o < 13 && leap == 0; ++o) {
        if (sector[a + o + 1] == sector[a + o]) leap = o;
      }
    } else if (b - a != 12) {
      throw Error(std::string("internal error, please report it: ") +
                  "lunar table: " + std::to_string(b - a) + " months after month 11 of " +
                  std::to_string(solar_year));
    }
    const std::size_t month1_offset = leap != 0 && leap <= 2 ? 3 : 2;
    for (std::size_t o = 0; o < b - a; ++o) {
      const int number = static_cast<int>((10 + o - (leap != 0 && o >= leap ? 1 : 0)) % 12) + 1;
      const int year = o < month1_offset ? solar_year : solar_year + 1;
      table.labels.push_back(pack_lunar_label(year, number, leap != 0 && o == leap));
    }
  }

  const int full_years = kLastSupportedLunarYear + 1 - LunarMonthTable::kFirstFullYear;
  table.first_month.assign(static_cast<std::size_t>(full_years) + 1, 0);
  table.leap_month.assign(static_cast<std::size_t>(full_years), 0);
  for (std::size_t i = 0; i < table.labels.size(); ++i) {
    const int year = label_year(table.labels[i]) - LunarMonthTable::kFirstFullYear;
    if (year < 0) continue;
    const auto y = static_cast<std::size_t>(year);
    if (label_leap(table.labels[i])) {
      // Lunar year 2200 is only partly in the table and has no leap_month entry.
      if (y < table.leap_month.size()) {
        table.leap_month[y] = static_cast<std::uint8_t>(label_month(table.labels[i]));
      }
    } else if (label_month(table.labels[i]) == 1) {
      table.first_month.at(y) = static_cast<std::uint16_t>(i);
    }
  }
  return table;
}

const LunarMonthTable& lunar_month_table() {
  static const LunarMonthTable table = build_lunar_month_table();
  return table;
}

}  // namespace detail

namespace {

using detail::LunarMonthTable;

// Index of the month containing `day`, which must lie inside the table. Month starts stay within
// a day or so of the mean lunation, so a linear estimate is off by at most one month and the
// correction loops make this O(1) without relying on that bound.
std::size_t month_index(const LunarMonthTable& table, DayNumber day) {
  const std::int64_t elapsed = day - table.starts.front();
  auto i = static_cast<std::size_t>(std::clamp<std::int64_t>(
      elapsed * 1'000'000 / 29'530'589, 0, static_cast<std::int64_t>(table.labels.size()) - 1));
  while (table.starts[i] > day) --i;
  while (table.starts[i + 1] <= day) ++i;
  return i;
}

void require_lunar_year(int year, const char* what) {
  if (year < kFirstSupportedLunarYear || year > kLastSupportedLunarYear) {
    throw RangeError(std::string(what),
                     "lunar year " + std::to_string(year) + " outside 1899..2199");
  }
}

// Index of a lunar month in the table; throws ArgumentError when the year lacks it.
std::size_t lunar_month_index(const LunarMonthTable& table, int year, int month, bool leap,
                              const char* what) {
  require_lunar_year(year, what);
  if (month < 1 || month > 12) {
    throw ArgumentError(std::string(what), "lunar month " + std::to_string(month));
  }
  const auto y = static_cast<std::size_t>(year - LunarMonthTable::kFirstFullYear);
  const int leap_month = table.leap_month[y];
  if (leap && leap_month != month) {
    throw ArgumentError(std::string(what), "lunar year " + std::to_string(year) +
                                               " has no leap month " + std::to_string(month));
  }
  const bool after_leap = leap_month != 0 && (month > leap_month || (month == leap_month && leap));
  return table.first_month[y] + static_cast<std::size_t>(month - 1) + (after_leap ? 1 : 0);
}

}  // namespace

LunarDate to_lunar(DayNumber day) {
  if (day < kFirstSupportedDay || day > kLastSupportedDay) {
    throw RangeError("to_lunar", "day " + std::to_string(day) + " outside 1900..2199");
  }
  const LunarMonthTable& table = detail::lunar_month_table();
  const std::size_t i = month_index(table, day);
  const std::uint16_t label = table.labels[i];
  return LunarDate{day - table.starts[i] + 1, detail::label_month(label), detail::label_year(label),
                   detail::label_leap(label)};
}

DayNumber from_lunar(const LunarDate& date) {
  const LunarMonthTable& table = detail::lunar_month_table();
  const std::size_t i = lunar_month_index(table, date.year, date.month, date.leap, "from_lunar");
  if (date.day < 1 || date.day > table.starts[i + 1] - table.starts[i]) {
    throw ArgumentError("from_lunar", "lunar month " + std::to_string(date.month) +
                                          (date.leap ? " (leap)" : "") + " of " +
                                          std::to_string(date.year) + " has no day " +
                                          std::to_string(date.day));
  }
  const DayNumber day = table.starts[i] + date.day - 1;
  if (day < kFirstSupportedDay || day > kLastSupportedDay) {
    throw RangeError("from_lunar", "falls on day " + std::to_string(day) + ", outside 1900..2199");
  }
  return day;
}

DayNumber lunar_new_year(int year) {
  if (year < 1900 || year > 2199) {
    throw RangeError("lunar_new_year", "year " + std::to_string(year) + " outside 1900..2199");
  }
  const LunarMonthTable& table = detail::lunar_month_table();
  return table
      .starts[table.first_month[static_cast<std::size_t>(year - LunarMonthTable::kFirstFullYear)]];
}

int lunar_leap_month(int year) {
  require_lunar_year(year, "lunar_leap_month");
  return detail::lunar_month_table()
      .leap_month[static_cast<std::size_t>(year - LunarMonthTable::kFirstFullYear)];
}

int lunar_month_length(int year, int month, bool leap) {
  const LunarMonthTable& table = detail::lunar_month_table();
  const std::size_t i = lunar_month_index(table, year, month, leap, "lunar_month_length");
  return table.starts[i + 1] - table.starts[i];
}

}  // namespace parmetrics
