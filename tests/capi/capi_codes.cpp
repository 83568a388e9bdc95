// The C API's status codes, from C++ (the header compiles as C++ too): every number pinned as
// released, its text the importers' reason text, and every reason of the CSV importers given a
// code, so that a reason added without one fails here.

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include <parmetrics/c/parmetrics.h>

#include "io/csv_common.hpp"

namespace {

struct Pinned {
  int number;  // the extended number: status = PM_DATA | (number << 8)
  std::string_view text;
};

// As released in 0.1; a number is never reused for another reason, and never changes.
constexpr Pinned kPinnedData[] = {
    {1, "unterminated quoted field"},
    {2, "text after a closing quote"},
    {3, "quote inside an unquoted field"},
    {4, "a quoted field runs over line ends into a record with the wrong number of fields"},
    {5, "wrong number of fields"},
    {6, "required value missing"},
    {7, "invalid UTF-8"},
    {8, "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
    {9, "bad date (expected YYYY-MM-DD)"},
    {10, "time outside 1900-01-01..2199-12-31"},
    {11, "date outside 1900-01-01..2199-12-31"},
    {12, "bad flag (expected 0 or 1)"},
    {13, "bad channel (expected direct, online or postal)"},
    {14, "bad end kind (expected finished, returned, refused, stopped or withdrawn)"},
    {15, "bad feedback (expected none, complaint or dislike)"},
    {16, "bad event kind (expected supplement_requested, supplement_completed or apology)"},
    {17, "bad online level (expected none, partial or full)"},
    {18, "bad duration (expected a number such as 15 or 0.5)"},
    {19, "bad duration kind (expected h, d or cd)"},
    {20, "calendar days must be a whole number"},
    {21, "empty code in the successor list"},
    {22, "unknown unit"},
    {23, "unknown unit: a name several units share (give the code)"},
    {24, "unknown procedure"},
    {25, "unknown dossier"},
    {26, "duplicate dossier code"},
    {27, "duplicate unit code"},
    {28, "duplicate procedure code"},
    {29, "unknown parent unit"},
    {30, "unknown successor unit"},
    {31, "parent unit rejected"},
    {32, "successor unit rejected"},
    {33, "the parent chain loops"},
    {34, "the successor chain loops"},
    {35, "valid_to before valid_from"},
    {36, "end before receipt"},
    {37, "returned before receipt"},
    {38, "appointment before receipt"},
    {39, "appointment missing and the procedure's statutory time unknown"},
    {40, "computed appointment beyond the calendar (2199-12-31)"},
    {41, "event before receipt"},
    {42, "supplement requested after the end"},
    {43, "supplement completed after the end"},
    {44, "apology after the end"},
    {45, "supplement completed before requested"},
    {46, "no open supplement request"},
    {47, "only apologies carry new_appointment_at"},
    {48, "only apologies can be public"},
    {49, "new appointment before the apology"},
    {50, "malformed JSON"},
    {51, "not a JSON object"},
    {52, "field given twice"},
    {53, "expected a single value, not a list or an object"},
    {54, "expected a list"},
    {55, "expected an object"},
    {56, "not an amount"},
    {57, "negative amount"},
    {58, "a date without a time of day"},
    {59, "not a date (yyyyMMddHHmmss)"},
    {60, "no such date or time"},
    {61, "not a code"},
    {62, "control character in a code"},
    {63, "not a status code (1-10)"},
    {64, "not a channel code (1 direct, 2 online, 3 postal)"},
    {65, "not a payment code"},
    {66, "an end date, but TrangThaiHoSo is"},
    {67, "published_on_time without published"},
    {68, "full_content without published"},
    {69, "updated_on_time without updated"},
    {70, "duplicate unit and procedure"},
    {71, "bad date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])"},
    {72, "duplicate commune"},
    {73,
     "bad share (expected CODE:SHARE, a decimal 0..1 with at most 4 decimals, for every successor "
     "or none, the shares summing to 1)"},
    {74, "bad successor rule (expected shares or commune)"},
    {75, "bad GSO code (expected 1 to 5 digits)"},
    {76, "the rows of one unit must follow each other, day after day, without overlap"},
    {77, "the level differs from the unit's other rows"},
    {78, "successors belong on the unit's last row"},
    {100, "no header row (the file is empty)"},
    {101, "malformed header"},
    {102, "too many columns"},
    {103, "the header holds a carriage return (CR) that ends no line"},
    {104, "column appears twice"},
    {105, "required column missing"},
    {106, "neither a JSON array"},
    {107, "records read, the rest of the file was not"},
    {108, "not valid JSON"},
};

std::string_view text_of(pm_status status) {
  return pm_errstr(status);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(capi_codes)

BOOST_AUTO_TEST_CASE(primary_codes_are_pinned) {
  BOOST_TEST(PM_OK == 0);
  BOOST_TEST(PM_USAGE == 1);
  BOOST_TEST(PM_DATA == 2);
  BOOST_TEST(PM_IO == 3);
  BOOST_TEST(PM_INTERNAL == 4);
  BOOST_TEST(PM_NOMEM == 5);
  BOOST_TEST(PM_USAGE_NULL == (1 | 1 << 8));
  BOOST_TEST(PM_USAGE_OPTIONS == (1 | 2 << 8));
  BOOST_TEST(PM_USAGE_ORDER == (1 | 3 << 8));
  BOOST_TEST(PM_USAGE_NOT_FOUND == (1 | 4 << 8));
  BOOST_TEST(text_of(PM_OK) == "ok");
  BOOST_TEST(text_of(PM_USAGE_NULL) == "a NULL argument");
}

BOOST_AUTO_TEST_CASE(every_data_code_is_pinned_with_its_text) {
  // Every number in 1..255 is either pinned above or unassigned.
  std::set<int> pinned;
  for (const Pinned& p : kPinnedData) {
    BOOST_TEST_CONTEXT("code " << p.number) {
      BOOST_TEST(text_of(PM_DATA | (p.number << 8)) == p.text);
      BOOST_TEST(pinned.insert(p.number).second);
    }
  }
  for (int n = 1; n < 256; ++n) {
    if (!pinned.contains(n)) {
      BOOST_TEST_CONTEXT("code " << n) {
        BOOST_TEST(text_of(PM_DATA | (n << 8)) == "unknown status");
      }
    }
  }
  // The macros name the same numbers.
  BOOST_TEST(PM_DATA_UNKNOWN_UNIT == (PM_DATA | 22 << 8));
  BOOST_TEST(PM_DATA_NEW_APPOINTMENT_BEFORE_APOLOGY == (PM_DATA | 49 << 8));
  BOOST_TEST(PM_DATA_END_DATE_WHILE_PENDING == (PM_DATA | 66 << 8));
  BOOST_TEST(PM_DATA_DUPLICATE_COMMUNE == (PM_DATA | 72 << 8));
  BOOST_TEST(PM_DATA_SUCCESSORS_NOT_LAST == (PM_DATA | 78 << 8));
  BOOST_TEST(PM_DATA_INVALID_JSON_DOCUMENT == (PM_DATA | 108 << 8));
}

BOOST_AUTO_TEST_CASE(every_csv_reason_has_a_code) {
  using parmetrics::detail::Reason;
  for (std::size_t i = 0; i < parmetrics::detail::kReasonCount; ++i) {
    const std::string_view reason = parmetrics::detail::reason_text(static_cast<Reason>(i));
    bool found = false;
    for (const Pinned& p : kPinnedData) found = found || p.text == reason;
    BOOST_TEST(found, "the reason '" << reason << "' has no extended code in parmetrics.h");
  }
}

BOOST_AUTO_TEST_SUITE_END()
