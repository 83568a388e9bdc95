// Statuses: the extended codes and their texts, pm_errstr, the last error of a context, and the
// one function that turns an exception into a status.

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string_view>

#include <parmetrics/version.hpp>

#include "capi/capi.hpp"

namespace parmetrics::capi {

namespace {

/// How a reason is recognised in a rejection or a DataError: its fixed text, the start of a text
/// that goes on with details ("malformed JSON: …"), or a part of it.
enum class Match : std::uint8_t { exact, prefix, part };

struct Code {
  pm_status status;
  std::string_view text;
  Match match = Match::exact;
};

// The reasons' texts are the importers' (docs/formats.md); tests/capi/capi_codes.cpp checks that
// every reason of the CSV importers has its code here, and pins each number.
constexpr Code kCodes[] = {
    {PM_OK, "ok"},
    {PM_USAGE, "wrong call"},
    {PM_DATA, "bad data"},
    {PM_IO, "cannot read a file"},
    {PM_INTERNAL, "internal error"},
    {PM_NOMEM, "out of memory"},
    {PM_USAGE_NULL, "a NULL argument"},
    {PM_USAGE_OPTIONS, "bad options"},
    {PM_USAGE_ORDER, "call out of order"},
    {PM_USAGE_NOT_FOUND, "not in the data"},
    {PM_DATA_UNTERMINATED_QUOTE, "unterminated quoted field"},
    {PM_DATA_TEXT_AFTER_QUOTE, "text after a closing quote"},
    {PM_DATA_STRAY_QUOTE, "quote inside an unquoted field"},
    {PM_DATA_QUOTE_OVER_LINES,
     "a quoted field runs over line ends into a record with the wrong number of fields"},
    {PM_DATA_WRONG_FIELD_COUNT, "wrong number of fields"},
    {PM_DATA_MISSING_VALUE, "required value missing"},
    {PM_DATA_INVALID_UTF8, "invalid UTF-8"},
    {PM_DATA_BAD_TIME, "bad time (expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])"},
    {PM_DATA_BAD_DATE, "bad date (expected YYYY-MM-DD)"},
    {PM_DATA_TIME_OUT_OF_RANGE, "time outside 1900-01-01..2199-12-31"},
    {PM_DATA_DATE_OUT_OF_RANGE, "date outside 1900-01-01..2199-12-31"},
    {PM_DATA_BAD_FLAG, "bad flag (expected 0 or 1)"},
    {PM_DATA_BAD_CHANNEL, "bad channel (expected direct, online or postal)"},
    {PM_DATA_BAD_END_KIND,
     "bad end kind (expected finished, returned, refused, stopped or withdrawn)"},
    {PM_DATA_BAD_FEEDBACK, "bad feedback (expected none, complaint or dislike)"},
    {PM_DATA_BAD_EVENT_KIND,
     "bad event kind (expected supplement_requested, supplement_completed or apology)"},
    {PM_DATA_BAD_ONLINE_LEVEL, "bad online level (expected none, partial or full)"},
    {PM_DATA_BAD_DURATION, "bad duration (expected a number such as 15 or 0.5)"},
    {PM_DATA_BAD_DURATION_KIND, "bad duration kind (expected h, d or cd)"},
    {PM_DATA_FRACTIONAL_CALENDAR_DAYS, "calendar days must be a whole number"},
    {PM_DATA_EMPTY_SUCCESSOR, "empty code in the successor list"},
    {PM_DATA_UNKNOWN_UNIT, "unknown unit"},
    {PM_DATA_AMBIGUOUS_UNIT_NAME, "unknown unit: a name several units share (give the code)"},
    {PM_DATA_UNKNOWN_PROCEDURE, "unknown procedure"},
    {PM_DATA_UNKNOWN_DOSSIER, "unknown dossier"},
    {PM_DATA_DUPLICATE_DOSSIER, "duplicate dossier code"},
    {PM_DATA_DUPLICATE_UNIT, "duplicate unit code"},
    {PM_DATA_DUPLICATE_PROCEDURE, "duplicate procedure code"},
    {PM_DATA_UNKNOWN_PARENT, "unknown parent unit"},
    {PM_DATA_UNKNOWN_SUCCESSOR, "unknown successor unit"},
    {PM_DATA_REJECTED_PARENT, "parent unit rejected"},
    {PM_DATA_REJECTED_SUCCESSOR, "successor unit rejected"},
    {PM_DATA_PARENT_CYCLE, "the parent chain loops"},
    {PM_DATA_SUCCESSOR_CYCLE, "the successor chain loops"},
    {PM_DATA_VALID_TO_BEFORE_VALID_FROM, "valid_to before valid_from"},
    {PM_DATA_END_BEFORE_RECEIPT, "end before receipt"},
    {PM_DATA_RETURNED_BEFORE_RECEIPT, "returned before receipt"},
    {PM_DATA_APPOINTMENT_BEFORE_RECEIPT, "appointment before receipt"},
    {PM_DATA_APPOINTMENT_REQUIRED,
     "appointment missing and the procedure's statutory time unknown"},
    {PM_DATA_APPOINTMENT_BEYOND_CALENDAR, "computed appointment beyond the calendar (2199-12-31)"},
    {PM_DATA_EVENT_BEFORE_RECEIPT, "event before receipt"},
    {PM_DATA_SUPPLEMENT_AFTER_END, "supplement requested after the end"},
    {PM_DATA_COMPLETION_AFTER_END, "supplement completed after the end"},
    {PM_DATA_APOLOGY_AFTER_END, "apology after the end"},
    {PM_DATA_COMPLETED_BEFORE_REQUESTED, "supplement completed before requested"},
    {PM_DATA_NO_OPEN_REQUEST, "no open supplement request"},
    {PM_DATA_NEW_APPOINTMENT_NOT_APOLOGY, "only apologies carry new_appointment_at"},
    {PM_DATA_PUBLIC_NOT_APOLOGY, "only apologies can be public"},
    {PM_DATA_NEW_APPOINTMENT_BEFORE_APOLOGY, "new appointment before the apology"},
    {PM_DATA_MALFORMED_JSON, "malformed JSON", Match::prefix},
    {PM_DATA_NOT_A_JSON_OBJECT, "not a JSON object"},
    {PM_DATA_FIELD_GIVEN_TWICE, "field given twice"},
    {PM_DATA_NOT_A_SINGLE_VALUE, "expected a single value, not a list or an object"},
    {PM_DATA_NOT_A_LIST, "expected a list"},
    {PM_DATA_NOT_AN_OBJECT, "expected an object"},
    {PM_DATA_NOT_AN_AMOUNT, "not an amount"},
    {PM_DATA_NEGATIVE_AMOUNT, "negative amount"},
    {PM_DATA_DATE_WITHOUT_TIME, "a date without a time of day"},
    {PM_DATA_NOT_A_PORTAL_DATE, "not a date (yyyyMMddHHmmss)"},
    {PM_DATA_NO_SUCH_DATE, "no such date or time"},
    {PM_DATA_NOT_A_CODE, "not a code"},
    {PM_DATA_CONTROL_CHARACTER, "control character in a code"},
    {PM_DATA_NOT_A_STATUS_CODE, "not a status code (1-10)"},
    {PM_DATA_NOT_A_CHANNEL_CODE, "not a channel code (1 direct, 2 online, 3 postal)"},
    {PM_DATA_NOT_A_PAYMENT_CODE, "not a payment code", Match::prefix},
    {PM_DATA_END_DATE_WHILE_PENDING, "an end date, but TrangThaiHoSo is", Match::prefix},
    {PM_DATA_PUBLISHED_ON_TIME_UNPUBLISHED, "published_on_time without published"},
    {PM_DATA_FULL_CONTENT_UNPUBLISHED, "full_content without published"},
    {PM_DATA_UPDATED_ON_TIME_NOT_UPDATED, "updated_on_time without updated"},
    {PM_DATA_DUPLICATE_UNIT_PROCEDURE, "duplicate unit and procedure"},
    {PM_DATA_BAD_DATE_OR_TIME, "bad date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])"},
    {PM_DATA_DUPLICATE_COMMUNE, "duplicate commune"},
    {PM_DATA_BAD_SHARE,
     "bad share (expected CODE:SHARE, a decimal 0..1 with at most 4 decimals, for every successor "
     "or none, the shares summing to 1)"},
    {PM_DATA_BAD_SUCCESSOR_RULE, "bad successor rule (expected shares or commune)"},
    {PM_DATA_BAD_GSO_CODE, "bad GSO code (expected 1 to 5 digits)"},
    {PM_DATA_UNIT_ROWS_OVERLAP,
     "the rows of one unit must follow each other, day after day, without overlap"},
    {PM_DATA_UNIT_LEVEL_CHANGES, "the level differs from the unit's other rows"},
    {PM_DATA_SUCCESSORS_NOT_LAST, "successors belong on the unit's last row"},
    {PM_DATA_NO_HEADER, "no header row (the file is empty)"},
    {PM_DATA_MALFORMED_HEADER, "malformed header", Match::prefix},
    {PM_DATA_TOO_MANY_COLUMNS, "too many columns"},
    {PM_DATA_LONE_CR, "the header holds a carriage return (CR) that ends no line", Match::prefix},
    {PM_DATA_COLUMN_TWICE, "column appears twice"},
    {PM_DATA_REQUIRED_COLUMN_MISSING, "required column missing"},
    {PM_DATA_NOT_PORTAL_RECORDS, "neither a JSON array", Match::prefix},
    {PM_DATA_IMPORT_STOPPED, "records read, the rest of the file was not", Match::part},
    {PM_DATA_INVALID_JSON_DOCUMENT, "not valid JSON", Match::prefix},
};

bool matches(const Code& c, std::string_view reason) noexcept {
  switch (c.match) {
    case Match::exact:
      return reason == c.text;
    case Match::prefix:
      return reason.starts_with(c.text);
    case Match::part:
      return reason.find(c.text) != std::string_view::npos;
  }
  return false;
}

std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

/// The text with each invalid UTF-8 sequence replaced by U+FFFD: messages quote what they were
/// given (a parser's complaint about a byte), and every text the API hands out is UTF-8.
std::string valid_utf8(const std::string& text) {
  const std::string quoted =
      nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return nlohmann::json::parse(quoted).get<std::string>();
}

/// A failure's message and its JSON (pm_last_error_json's object).
struct Described {
  std::string message, json;
};

Described describe(pm_status status, const std::string& text, const DataError* data = nullptr) {
  Described d{valid_utf8(text), {}};
  nlohmann::ordered_json j = {{"status", status}, {"message", d.message}};
  j["file"] = data ? data->origin() : "";
  j["location"] = data ? data->location() : "";
  j["field"] = data ? data->field() : "";
  j["reason"] = data ? data->reason() : d.message;
  d.json = json_text(j);
  return d;
}

/// The status of the exception being handled, described into `out`.
pm_status classify(Described& out) {
  const auto keep = [&](pm_status status, const std::string& text,
                        const DataError* data = nullptr) {
    out = describe(status, text, data);
    return status;
  };
  try {
    throw;
  } catch (const UsageError& e) {
    return keep(e.status(), e.what());
  } catch (const IoError& e) {
    return keep(PM_IO, e.what(), &e);
  } catch (const StatusError& e) {
    return keep(e.status(), e.what(), &e);
  } catch (const DataError& e) {
    return keep(data_status(e.reason()), e.what(), &e);
  } catch (const RangeError& e) {
    // A time the data or the options take past what the calendar covers (1900-2199).
    return keep(PM_DATA, e.what());
  } catch (const ArgumentError& e) {
    return keep(PM_USAGE, e.what());
  } catch (const MisuseError& e) {
    return keep(PM_USAGE_ORDER, e.what());
  } catch (const Error& e) {
    // A plain Error is an internal invariant broken (error.hpp): a bug, not the caller's data.
    return keep(PM_INTERNAL, e.what());
  } catch (const std::bad_alloc&) {
    return keep(PM_NOMEM, "out of memory");
  } catch (const std::exception& e) {
    return keep(PM_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return keep(PM_INTERNAL, "internal error: an unknown exception");
  }
}

}  // namespace

pm_status data_status(std::string_view reason) noexcept {
  for (const Code& c : kCodes) {
    if (PM_PRIMARY(c.status) == PM_DATA && c.status != PM_DATA && matches(c, reason)) {
      return c.status;
    }
  }
  return PM_DATA;
}

pm_status translate_exception(pm_context& context) noexcept {
  try {
    Described d;
    const pm_status status = classify(d);
    context.last_error = std::move(d.message);
    context.last_error_json = std::move(d.json);
    return status;
  } catch (...) {
    // Keeping the message failed (out of memory): the status still says what happened.
    context.last_error.clear();
    return PM_NOMEM;
  }
}

pm_status describe_exception(std::string& message, std::string& json) noexcept {
  try {
    Described d;
    const pm_status status = classify(d);
    message = std::move(d.message);
    json = std::move(d.json);
    return status;
  } catch (...) {
    return PM_NOMEM;
  }
}

void require(const void* pointer, std::string_view name) {
  if (pointer == nullptr) {
    throw UsageError(PM_USAGE_NULL, std::string(name) + " is NULL");
  }
}

void give(char** out, std::string_view text) {
  if (out == nullptr) return;
  auto* buffer = static_cast<char*>(std::malloc(text.size() + 1));
  if (buffer == nullptr) throw std::bad_alloc();
  text.copy(buffer, text.size());
  buffer[text.size()] = '\0';
  *out = buffer;
}

}  // namespace parmetrics::capi

using namespace parmetrics::capi;

extern "C" {

PM_API const char* pm_version(void) {
  return parmetrics::version();
}

PM_API const char* pm_errstr(pm_status status) {
  for (const Code& c : kCodes) {
    if (c.status == status) return c.text.data();
  }
  return "unknown status";
}

PM_API void pm_free(void* buffer) {
  std::free(buffer);
}

PM_API const char* pm_last_error(const pm_context* context) {
  return context == nullptr ? "the context is NULL" : context->last_error.c_str();
}

PM_API const char* pm_last_error_json(const pm_context* context) {
  return context == nullptr ? "{\"status\": 257, \"message\": \"the context is NULL\"}"
                            : context->last_error_json.c_str();
}

}  // extern "C"
