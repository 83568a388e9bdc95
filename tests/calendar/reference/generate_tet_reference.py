#!/usr/bin/python3
"""Reference table of Tết Nguyên Đán and Hùng Kings day (10th of the 3rd lunar month), 1900-2199.

What this is
------------
The Vietnamese lunar calendar (âm lịch) reckoned at UTC+7, following the rules published by
Hồ Ngọc Đức:

* a lunar month starts on the local (UTC+7) day that contains the instant of a new moon;
* month 11 is the month that contains the winter solstice (apparent solar longitude 270°);
* when 13 months separate two consecutive months 11, the first month after the first month 11
  that contains no major solar term (trung khí: apparent solar longitude a multiple of 30°) is
  the leap month and repeats the number of the month before it.

It writes tet_hung_kings_1900_2199.csv (header ``year,tet,hung_kings``, ISO dates) next to itself;
tests/calendar/lunar_calendar_test.cpp checks the library against every row.

Why it is independent of the C++ code under test
------------------------------------------------
* Astronomy: the C++ library evaluates Meeus's series for the instants of mean/true new moon
  (Astronomical Algorithms ch. 49) and a truncated VSOP87 Sun, with the Espenak-Meeus
  polynomials for Delta T. Here every instant comes from PyEphem (libastro): new moons are
  solved as conjunctions in apparent ecliptic longitude of S. L. Moshier's analytical lunar
  theory (fitted to JPL DE404, < 0.5") and the full VSOP87 Sun, with IAU 1980 nutation and
  libastro's own Delta T. Neither the new-moon series nor its coefficients appear here.
* Rules: the C++ code tests which 30° sector the Sun occupies at each month's local midnight;
  this script instead solves for the instant of every major solar term, dates it in UTC+7 and
  asks which month's span contains that date. The two formulations agree by construction only
  if both are implemented correctly.
* Nothing here reads the C++ sources or their output.

Run it with the Debian interpreter (python3-ephem), not a virtualenv one:

    /usr/bin/python3 tests/calendar/reference/generate_tet_reference.py [--dump months.tsv]

``--dump`` also writes every month with its new-moon instant and the distance of that instant
and of any solar term to the nearest local midnight, which is what to look at when an
implementation disagrees with this table.
"""

import argparse
import csv
import datetime
import math
import pathlib
import sys

import ephem

UTC_OFFSET = datetime.timedelta(hours=7)
FIRST_YEAR = 1900
LAST_YEAR = 2199
# Wide enough to contain month 11 of FIRST_YEAR - 2 and of LAST_YEAR + 1 with margin.
SCAN_START = ephem.Date('1897/9/1')
SCAN_END = ephem.Date('2201/4/1')
WINTER_SOLSTICE_TERM = 9  # 9 * 30° = 270°
TWO_PI = 2.0 * math.pi
TERM = math.radians(30.0)

_sun = ephem.Sun()


def to_local(d):
    """UT instant (ephem.Date) -> naive datetime at UTC+7."""
    return ephem.Date(d).datetime() + UTC_OFFSET


def minutes_from_midnight(local_dt):
    """Signed distance in minutes to the nearest local midnight (negative: just before it)."""
    minutes = local_dt.hour * 60 + local_dt.minute + local_dt.second / 60.0
    return minutes if minutes < 720 else minutes - 1440


def sun_longitude(d):
    """Apparent geocentric ecliptic longitude of the Sun (radians, of date) at UT instant d.

    Converting the apparent (nutated) RA/Dec with the mean obliquity only rotates about the
    equinox direction by the nutation in obliquity, which changes the longitude of a body on the
    ecliptic by ~1e-9 rad; PyEphem's own moon-phase finder makes the same conversion.
    """
    _sun.compute(d)
    return float(ephem.Ecliptic(ephem.Equatorial(_sun.g_ra, _sun.g_dec, epoch=d), epoch=d).lon)


def solar_term_instant(target, guess):
    def offset(d):
        return (sun_longitude(d) - target + math.pi) % TWO_PI - math.pi
    return ephem.Date(ephem.newton(offset, guess, guess + ephem.hour))


def new_moons():
    moons = []
    d = ephem.next_new_moon(SCAN_START)
    while d < SCAN_END:
        moons.append(ephem.Date(d))
        d = ephem.next_new_moon(d + 1)  # +1 day: never find the same conjunction twice
    return moons


def solar_terms():
    """(local date, term index 0..11, local datetime) of every major solar term in the scan."""
    terms = []
    lon = sun_longitude(SCAN_START)
    index = int(math.floor(lon / TERM)) + 1
    guess = ephem.Date(SCAN_START + ((index * TERM - lon) / TWO_PI) * 365.2422)
    while guess < SCAN_END:
        instant = solar_term_instant((index % 12) * TERM, guess)
        local = to_local(instant)
        terms.append((local.date(), index % 12, local))
        index += 1
        guess = ephem.Date(instant + 30.44)
    return terms


def build_calendar():
    moons = new_moons()
    starts = [to_local(m).date() for m in moons]
    terms = solar_terms()

    # Terms in month i: those dated in [starts[i], starts[i + 1]).
    month_terms = [[] for _ in range(len(starts) - 1)]
    j = 0
    for i in range(len(starts) - 1):
        while j < len(terms) and terms[j][0] < starts[i]:
            j += 1
        k = j
        while k < len(terms) and terms[k][0] < starts[i + 1]:
            month_terms[i].append(terms[k])
            k += 1

    # Month 11 of solar year Y: the month holding the winter solstice that falls in December Y.
    month11 = {}
    for i, ts in enumerate(month_terms):
        for date, index, _ in ts:
            if index == WINTER_SOLSTICE_TERM:
                month11[date.year] = i

    tet, hung, labels = {}, {}, {}
    for year in range(FIRST_YEAR - 1, LAST_YEAR + 1):
        a, b = month11[year - 1], month11[year]
        if b - a not in (12, 13):
            raise RuntimeError(f'{b - a} months between months 11 of {year - 1} and {year}')
        leap = None
        if b - a == 13:
            leap = next(o for o in range(1, 13) if not month_terms[a + o])
        for o in range(b - a):
            number = 11 + o - (1 if leap is not None and o >= leap else 0)
            number = (number - 1) % 12 + 1
            first_month_offset = 2 + (1 if leap is not None and leap <= 2 else 0)
            lunar_year = year if o >= first_month_offset else year - 1
            labels[a + o] = (number, o == leap, lunar_year)
        month1 = a + 2 + (1 if leap is not None and leap <= 2 else 0)
        month3 = a + 4 + (1 if leap is not None and leap <= 4 else 0)
        tet[year] = starts[month1]
        hung[year] = starts[month3] + datetime.timedelta(days=9)
    return moons, starts, month_terms, labels, tet, hung


def check_published(tet, hung):
    """Published Vietnamese dates (domain README §4, government holiday notices)."""
    expected = [
        (tet, 1985, datetime.date(1985, 1, 21)),  # China (UTC+8): 20 Feb
        (tet, 2007, datetime.date(2007, 2, 17)),  # China: 18 Feb
        (tet, 2030, datetime.date(2030, 2, 2)),   # China: 3 Feb
        (tet, 2024, datetime.date(2024, 2, 10)),
        (hung, 2009, datetime.date(2009, 4, 4)),  # China's 10/3 is 5 Apr
        (hung, 2024, datetime.date(2024, 4, 18)),
    ]
    ok = True
    for table, year, date in expected:
        if table[year] != date:
            print(f'MISMATCH with published date: {year}: {table[year]} != {date}', file=sys.stderr)
            ok = False
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    here = pathlib.Path(__file__).resolve().parent
    parser.add_argument('--output', type=pathlib.Path,
                        default=here / 'tet_hung_kings_1900_2199.csv')
    parser.add_argument('--dump', type=pathlib.Path, help='also write every month (TSV)')
    args = parser.parse_args()

    moons, starts, month_terms, labels, tet, hung = build_calendar()
    if not check_published(tet, hung):
        return 1

    with args.output.open('w', newline='') as f:
        out = csv.writer(f, lineterminator='\n')
        out.writerow(['year', 'tet', 'hung_kings'])
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            out.writerow([year, tet[year].isoformat(), hung[year].isoformat()])

    if args.dump:
        with args.dump.open('w') as f:
            f.write('start\tlunar_year\tmonth\tleap\tnew_moon_ut\tnm_min_from_midnight'
                    '\tterms(index@local,min_from_midnight)\n')
            for i in sorted(labels):
                number, leap, lunar_year = labels[i]
                local = to_local(moons[i])
                terms = ' '.join(
                    f'{index}@{when:%Y-%m-%dT%H:%M:%S},{minutes_from_midnight(when):.1f}'
                    for _, index, when in month_terms[i])
                f.write(f'{starts[i]}\t{lunar_year}\t{number}\t{int(leap)}\t{moons[i]}'
                        f'\t{minutes_from_midnight(local):.1f}\t{terms}\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
