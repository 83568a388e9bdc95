/*
 * parmetrics C API: the library for programs that are not C++ (Java, .NET, Python, …).
 * docs/c-api.md describes every function, with examples in C, C#, Java and Python.
 *
 * Conventions
 * ===========
 *  (1) Opaque handles. A pm_context holds one data set (units, procedures, calendar layers,
 *      dossiers and their events); nothing of C++ crosses this header. Calls on one context run
 *      one at a time (a context is not thread-safe); different contexts are independent.
 *  (2) Text is UTF-8, NUL-terminated, in and out. Inputs that carry data (CSV, portal records,
 *      calendar JSON) take a pointer and a size instead, and need no NUL.
 *  (3) Options and results are JSON. Every `options_json` may be NULL or "" (the defaults); an
 *      unknown key is an error (PM_USAGE_OPTIONS), so a misspelt option never goes unnoticed.
 *      Times are local Vietnam time (UTC+7) written as ISO 8601 without an offset:
 *      "2023-08-31T16:07" for an instant, "2023-08-31" for a day.
 *  (4) Every call that can fail returns a pm_status: PM_OK (0), or a primary code in its low
 *      8 bits (PM_USAGE, PM_DATA, PM_IO, PM_INTERNAL, PM_NOMEM) with an extended code above it
 *      (`PM_DATA | (n << 8)`; PM_PRIMARY(status) gives the primary). Values never change meaning
 *      once released. pm_errstr(status) names a status; pm_last_error(context) gives the message
 *      of the context's last failed call, in the same words as the C++ library's errors
 *      ("file:line: field 'f': reason"); pm_last_error_json(context) the same as JSON (status,
 *      message, file, location, field, reason). pm_context_create reports its own failure
 *      through an out-parameter, as it has no context yet.
 *  (5) Who frees what. Every buffer the library returns through a `char **out_…` parameter is
 *      the caller's and is freed with pm_free; on failure the out-parameter is set to NULL
 *      (except a loader's summary after a "strict" failure: it says what was rejected). A
 *      `const char *` the library returns (pm_version, pm_errstr, pm_last_error,
 *      pm_last_error_json) must not be freed: static, or owned by the context until its next
 *      call or its destruction. Destroy functions take the address of the handle and set it to
 *      NULL; destroying NULL, or twice, does nothing.
 *  (6) Never an abort: a C++ exception never crosses this boundary; every failure is a status.
 *
 * Stability: each declaration says since when it is stable ("stable since 0.1"). A stable
 * function keeps its signature and behaviour; the library's soname (libparmetrics_c.so.1)
 * changes only if that is ever broken. Options and results may gain keys.
 */
#ifndef PARMETRICS_C_PARMETRICS_H
#define PARMETRICS_C_PARMETRICS_H

#include <stddef.h>

#if defined(_WIN32)
#if defined(PM_BUILDING_LIBRARY)
#define PM_API __declspec(dllexport)
#else
#define PM_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define PM_API __attribute__((visibility("default")))
#else
#define PM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Status codes ------------------------------------------------------------------------- */

/* A status: PM_OK, or a primary code with an extended code above it. stable since 0.1 */
typedef int pm_status;

/* Primary codes (the low 8 bits). Pinned: new primary codes may be added, never renumbered. */
#define PM_OK 0       /* success */
#define PM_USAGE 1    /* a wrong call: NULL argument, bad options, a call out of order */
#define PM_DATA 2     /* bad input data: a record, a field, a document (file, place, reason) */
#define PM_IO 3       /* a file that cannot be opened or read */
#define PM_INTERNAL 4 /* a bug in parmetrics: please report it with the message */
#define PM_NOMEM 5    /* out of memory */

#define PM_PRIMARY(status) ((status)&0xFF)

/* Extended usage codes. */
#define PM_USAGE_NULL (PM_USAGE | (1 << 8))      /* a NULL handle, pointer or out-parameter */
#define PM_USAGE_OPTIONS (PM_USAGE | (2 << 8))   /* options: not JSON, unknown key, bad value */
#define PM_USAGE_ORDER (PM_USAGE | (3 << 8))     /* e.g. a calendar layer after dossiers */
#define PM_USAGE_NOT_FOUND (PM_USAGE | (4 << 8)) /* a code, level, field or form the data lack */

/*
 * Extended data codes: one per reason a record or a document is rejected, the reason texts of
 * docs/formats.md (pm_errstr gives the text). A rejected record is not a failure: it is counted
 * in the import summary, where each rejection carries its code; it fails a call only under the
 * option "strict" (then the status is the first rejection's code).
 */
/* CSV record structure */
#define PM_DATA_UNTERMINATED_QUOTE (PM_DATA | (1 << 8))
#define PM_DATA_TEXT_AFTER_QUOTE (PM_DATA | (2 << 8))
#define PM_DATA_STRAY_QUOTE (PM_DATA | (3 << 8))
#define PM_DATA_QUOTE_OVER_LINES (PM_DATA | (4 << 8))
#define PM_DATA_WRONG_FIELD_COUNT (PM_DATA | (5 << 8))
/* values */
#define PM_DATA_MISSING_VALUE (PM_DATA | (6 << 8))
#define PM_DATA_INVALID_UTF8 (PM_DATA | (7 << 8))
#define PM_DATA_BAD_TIME (PM_DATA | (8 << 8))
#define PM_DATA_BAD_DATE (PM_DATA | (9 << 8))
#define PM_DATA_TIME_OUT_OF_RANGE (PM_DATA | (10 << 8))
#define PM_DATA_DATE_OUT_OF_RANGE (PM_DATA | (11 << 8))
#define PM_DATA_BAD_FLAG (PM_DATA | (12 << 8))
#define PM_DATA_BAD_CHANNEL (PM_DATA | (13 << 8))
#define PM_DATA_BAD_END_KIND (PM_DATA | (14 << 8))
#define PM_DATA_BAD_FEEDBACK (PM_DATA | (15 << 8))
#define PM_DATA_BAD_EVENT_KIND (PM_DATA | (16 << 8))
#define PM_DATA_BAD_ONLINE_LEVEL (PM_DATA | (17 << 8))
#define PM_DATA_BAD_DURATION (PM_DATA | (18 << 8))
#define PM_DATA_BAD_DURATION_KIND (PM_DATA | (19 << 8))
#define PM_DATA_FRACTIONAL_CALENDAR_DAYS (PM_DATA | (20 << 8))
#define PM_DATA_EMPTY_SUCCESSOR (PM_DATA | (21 << 8))
/* references and duplicates */
#define PM_DATA_UNKNOWN_UNIT (PM_DATA | (22 << 8))
#define PM_DATA_AMBIGUOUS_UNIT_NAME (PM_DATA | (23 << 8))
#define PM_DATA_UNKNOWN_PROCEDURE (PM_DATA | (24 << 8))
#define PM_DATA_UNKNOWN_DOSSIER (PM_DATA | (25 << 8))
#define PM_DATA_DUPLICATE_DOSSIER (PM_DATA | (26 << 8))
#define PM_DATA_DUPLICATE_UNIT (PM_DATA | (27 << 8))
#define PM_DATA_DUPLICATE_PROCEDURE (PM_DATA | (28 << 8))
#define PM_DATA_UNKNOWN_PARENT (PM_DATA | (29 << 8))
#define PM_DATA_UNKNOWN_SUCCESSOR (PM_DATA | (30 << 8))
#define PM_DATA_REJECTED_PARENT (PM_DATA | (31 << 8))
#define PM_DATA_REJECTED_SUCCESSOR (PM_DATA | (32 << 8))
#define PM_DATA_PARENT_CYCLE (PM_DATA | (33 << 8))
#define PM_DATA_SUCCESSOR_CYCLE (PM_DATA | (34 << 8))
/* consistency */
#define PM_DATA_VALID_TO_BEFORE_VALID_FROM (PM_DATA | (35 << 8))
#define PM_DATA_END_BEFORE_RECEIPT (PM_DATA | (36 << 8))
#define PM_DATA_RETURNED_BEFORE_RECEIPT (PM_DATA | (37 << 8))
#define PM_DATA_APPOINTMENT_BEFORE_RECEIPT (PM_DATA | (38 << 8))
#define PM_DATA_APPOINTMENT_REQUIRED (PM_DATA | (39 << 8))
#define PM_DATA_APPOINTMENT_BEYOND_CALENDAR (PM_DATA | (40 << 8))
#define PM_DATA_EVENT_BEFORE_RECEIPT (PM_DATA | (41 << 8))
#define PM_DATA_SUPPLEMENT_AFTER_END (PM_DATA | (42 << 8))
#define PM_DATA_COMPLETION_AFTER_END (PM_DATA | (43 << 8))
#define PM_DATA_APOLOGY_AFTER_END (PM_DATA | (44 << 8))
#define PM_DATA_COMPLETED_BEFORE_REQUESTED (PM_DATA | (45 << 8))
#define PM_DATA_NO_OPEN_REQUEST (PM_DATA | (46 << 8))
#define PM_DATA_NEW_APPOINTMENT_NOT_APOLOGY (PM_DATA | (47 << 8))
#define PM_DATA_PUBLIC_NOT_APOLOGY (PM_DATA | (48 << 8))
#define PM_DATA_NEW_APPOINTMENT_BEFORE_APOLOGY (PM_DATA | (49 << 8))
/* portal records (DongBoHoSoMC JSON) */
#define PM_DATA_MALFORMED_JSON (PM_DATA | (50 << 8))
#define PM_DATA_NOT_A_JSON_OBJECT (PM_DATA | (51 << 8))
#define PM_DATA_FIELD_GIVEN_TWICE (PM_DATA | (52 << 8))
#define PM_DATA_NOT_A_SINGLE_VALUE (PM_DATA | (53 << 8))
#define PM_DATA_NOT_A_LIST (PM_DATA | (54 << 8))
#define PM_DATA_NOT_AN_OBJECT (PM_DATA | (55 << 8))
#define PM_DATA_NOT_AN_AMOUNT (PM_DATA | (56 << 8))
#define PM_DATA_NEGATIVE_AMOUNT (PM_DATA | (57 << 8))
#define PM_DATA_DATE_WITHOUT_TIME (PM_DATA | (58 << 8))
#define PM_DATA_NOT_A_PORTAL_DATE (PM_DATA | (59 << 8))
#define PM_DATA_NO_SUCH_DATE (PM_DATA | (60 << 8))
#define PM_DATA_NOT_A_CODE (PM_DATA | (61 << 8))
#define PM_DATA_CONTROL_CHARACTER (PM_DATA | (62 << 8))
#define PM_DATA_NOT_A_STATUS_CODE (PM_DATA | (63 << 8))
#define PM_DATA_NOT_A_CHANNEL_CODE (PM_DATA | (64 << 8))
#define PM_DATA_NOT_A_PAYMENT_CODE (PM_DATA | (65 << 8))
#define PM_DATA_END_DATE_WHILE_PENDING (PM_DATA | (66 << 8))
/* QĐ 766 facts (unit_procedures.csv, feedback.csv, communes.csv) */
#define PM_DATA_PUBLISHED_ON_TIME_UNPUBLISHED (PM_DATA | (67 << 8))
#define PM_DATA_FULL_CONTENT_UNPUBLISHED (PM_DATA | (68 << 8))
#define PM_DATA_UPDATED_ON_TIME_NOT_UPDATED (PM_DATA | (69 << 8))
#define PM_DATA_DUPLICATE_UNIT_PROCEDURE (PM_DATA | (70 << 8))
#define PM_DATA_BAD_DATE_OR_TIME (PM_DATA | (71 << 8))
#define PM_DATA_DUPLICATE_COMMUNE (PM_DATA | (72 << 8))
/* units.csv over time: a unit on several rows, shares, GSO codes */
#define PM_DATA_BAD_SHARE (PM_DATA | (73 << 8))
#define PM_DATA_BAD_SUCCESSOR_RULE (PM_DATA | (74 << 8))
#define PM_DATA_BAD_GSO_CODE (PM_DATA | (75 << 8))
#define PM_DATA_UNIT_ROWS_OVERLAP (PM_DATA | (76 << 8))
#define PM_DATA_UNIT_LEVEL_CHANGES (PM_DATA | (77 << 8))
#define PM_DATA_SUCCESSORS_NOT_LAST (PM_DATA | (78 << 8))
/* whole files and documents (the call fails: nothing after the fault was read) */
#define PM_DATA_NO_HEADER (PM_DATA | (100 << 8))
#define PM_DATA_MALFORMED_HEADER (PM_DATA | (101 << 8))
#define PM_DATA_TOO_MANY_COLUMNS (PM_DATA | (102 << 8))
#define PM_DATA_LONE_CR (PM_DATA | (103 << 8))
#define PM_DATA_COLUMN_TWICE (PM_DATA | (104 << 8))
#define PM_DATA_REQUIRED_COLUMN_MISSING (PM_DATA | (105 << 8))
#define PM_DATA_NOT_PORTAL_RECORDS (PM_DATA | (106 << 8))
#define PM_DATA_IMPORT_STOPPED (PM_DATA | (107 << 8))
#define PM_DATA_INVALID_JSON_DOCUMENT (PM_DATA | (108 << 8))

/* ---- Library --------------------------------------------------------------------------------- */

/* The library's version, "major.minor.patch". Static; never NULL. stable since 0.1 */
PM_API const char* pm_version(void);

/* A status in words: "ok", the primary's meaning, or an extended code's reason text ("unknown
 * unit"). Static; never NULL ("unknown status" for a value never assigned). stable since 0.1 */
PM_API const char* pm_errstr(pm_status status);

/* Frees a buffer the library returned through a `char **out_…` parameter; NULL does nothing.
 * stable since 0.1 */
PM_API void pm_free(void* buffer);

/* ---- Context ----------------------------------------------------------------------------- */

/* One data set: units, procedures, calendar layers, dossiers, events, QĐ 766 facts. */
typedef struct pm_context pm_context;

/* Creates a context. options_json: {"threads": N} (0, the default, uses every core).
 * On failure *out_context is NULL and, when out_error is not NULL, *out_error holds the message
 * (free with pm_free). stable since 0.1 */
PM_API pm_status pm_context_create(const char* options_json, pm_context** out_context,
                                   char** out_error);

/* Destroys *context and sets it to NULL; NULL or an already destroyed (NULL) handle does
 * nothing. stable since 0.1 */
PM_API void pm_context_destroy(pm_context** context);

/* The message of the context's last failed call, "" after a call that succeeded. Owned by the
 * context: valid until its next call. pm_last_error(NULL) explains that the context is NULL.
 * stable since 0.1 */
PM_API const char* pm_last_error(const pm_context* context);

/* The same as JSON: {"status": 5634, "message": "...", "file": "...", "location": "line 4",
 * "field": "unit", "reason": "unknown unit"} (file, location and field empty when the error has
 * none); "{}" after a call that succeeded. Owned by the context, as pm_last_error.
 * stable since 0.1 */
PM_API const char* pm_last_error_json(const pm_context* context);

/* ---- Loading data ----------------------------------------------------------------------------
 *
 * Each loader reads a buffer (data, size: the bytes; origin: the name used in messages, NULL for
 * "buffer") or a file (path), and appends what it loads to the context. Load in this order:
 * calendar layers, units, procedures, dossiers (CSV or portal records), events, facts.
 *
 * options_json (every loader that takes it):
 *   "strict": false          true: a rejected record fails the call with its code (what was
 *                            loaded stays: destroy the context after a strict failure; the
 *                            summary is still handed back)
 *   "register_unknown": ...  register units and procedures the records name that the context
 *                            does not hold; by default units until a units file is loaded, and
 *                            procedures until a procedures file is loaded (as the CLI does)
 *
 * out_summary (may be NULL): what the import did, as JSON:
 *   {"origin": "dossiers.csv", "read": 3600, "loaded": 3599, "rejected": 1,
 *    "registered": {"units": 0, "procedures": 0},
 *    "notes": {"not judged: no appointment": 2},   loaded records missing a fact
 *    "warnings": ["..."],
 *    "rejections": [{"file": "...", "line": 12, "field": "unit", "value": "X",
 *                    "reason": "unknown unit", "hint": "...", "code": 5634,
 *                    "message": "dossiers.csv:12: field 'unit' = 'X': unknown unit"}],
 *    "rejected_by_reason": {"unknown unit": 1}}
 * read = loaded + rejected; "rejections" holds the first 100 in full (a JSON record is placed by
 * "record" N instead of "line" N), "rejected_by_reason" counts all of them. A rejected record is
 * not a failure: the call returns PM_OK (unless "strict"), and the summary says what was left
 * out. A file that cannot be read is PM_IO; a file whose header or structure is broken PM_DATA
 * with the code of the fault.
 */

/* units.csv (docs/formats.md). stable since 0.1 */
PM_API pm_status pm_load_units(pm_context* context, const char* data, size_t size,
                               const char* origin, const char* options_json, char** out_summary);
PM_API pm_status pm_load_units_file(pm_context* context, const char* path, const char* options_json,
                                    char** out_summary);

/* procedures.csv. stable since 0.1 */
PM_API pm_status pm_load_procedures(pm_context* context, const char* data, size_t size,
                                    const char* origin, const char* options_json,
                                    char** out_summary);
PM_API pm_status pm_load_procedures_file(pm_context* context, const char* path,
                                         const char* options_json, char** out_summary);

/* A calendar layer (a file like data/calendar/vn-official.json: a year's announced days off and
 * swaps, a province's own day off), applied over the official data compiled in; a later layer wins
 * for a date. Before any dossier (appointments are computed at import): PM_USAGE_ORDER after.
 * out_summary (may be NULL): {"origin": ..., "name": ..., "version": ...}. stable since 0.1 */
PM_API pm_status pm_load_calendar(pm_context* context, const char* data, size_t size,
                                  const char* origin, char** out_summary);
PM_API pm_status pm_load_calendar_file(pm_context* context, const char* path, char** out_summary);

/* dossiers.csv, the native format. stable since 0.1 */
PM_API pm_status pm_append_dossiers(pm_context* context, const char* data, size_t size,
                                    const char* origin, const char* options_json,
                                    char** out_summary);
PM_API pm_status pm_append_dossiers_file(pm_context* context, const char* path,
                                         const char* options_json, char** out_summary);

/* The national portal's dossier records (DongBoHoSoMC), as one-stop systems send them: a JSON
 * array, JSON Lines, or the sync request body {"data": [...]}; portal field names, codes and
 * yyyyMMddHHmmss dates (docs/formats.md, "Portal JSON"). stable since 0.1 */
PM_API pm_status pm_append_portal(pm_context* context, const char* data, size_t size,
                                  const char* origin, const char* options_json, char** out_summary);
PM_API pm_status pm_append_portal_file(pm_context* context, const char* path,
                                       const char* options_json, char** out_summary);

/* events.csv: supplement requests and completions, apologies, of dossiers already appended.
 * stable since 0.1 */
PM_API pm_status pm_append_events(pm_context* context, const char* data, size_t size,
                                  const char* origin, const char* options_json, char** out_summary);
PM_API pm_status pm_append_events_file(pm_context* context, const char* path,
                                       const char* options_json, char** out_summary);

/* The facts of the QĐ 766 index that dossiers do not carry (docs/index766.md): kind is
 * "unit_procedures", "feedback" or "communes". stable since 0.1 */
PM_API pm_status pm_append_index766_facts(pm_context* context, const char* kind, const char* data,
                                          size_t size, const char* origin, const char* options_json,
                                          char** out_summary);
PM_API pm_status pm_append_index766_facts_file(pm_context* context, const char* kind,
                                               const char* path, const char* options_json,
                                               char** out_summary);

/* ---- Results ---------------------------------------------------------------------------------
 *
 * Each takes its options as JSON and returns text in *out_text (free with pm_free): JSON by
 * default, or the format asked for. Options every one of them takes:
 *   "from", "to": "2023-01-01"   the period (whole days); by default from the first day of the
 *                                month of the earliest receipt to the day of the latest receipt
 *   "as_of": "2023-08-31T17:00"  the instant of evaluation (or a day: its end); by default the
 *                                end of "to"
 *   "filters": {"units": [codes], "levels": [...], "fields": [...], "procedures": [codes],
 *               "channels": ["direct"|"online"|"postal"], "subtrees": true}
 *                                a code, level or field the data lack is PM_USAGE_NOT_FOUND
 *   "language": "vi"|"en"        for the formats people read (default "vi")
 *   "threads": N                 overrides the context's
 */

/* The report (parmetrics report; docs/report.md): counts and rates by group. Options besides
 * the common ones: "by": "unit" (level, field, procedure, channel, month, quarter, year),
 * "roll_up": true, "hierarchy_as_of": day, "policy": {"pause": "working"|"elapsed",
 * "granularity": "minute"|"day", "multiple_supplements": "late"|"ignore", "withdrawn":
 * "evaluate"|"exclude", "apology_lead_days": 1}, "compare_to": "previous"|"last-year"|
 * "FROM..TO", "columns": [names], "compare": rate, "rank": rate, "top": 3, "summary": true,
 * "format": "json" (table, csv, markdown, html). stable since 0.1 */
PM_API pm_status pm_report(pm_context* context, const char* options_json, char** out_text);

/* An official form (parmetrics form; docs/forms.md). Options besides the common ones: "form":
 * "vpcp-06" (vpcp-06a, handover-2025, register) or "form_definition": a form file's JSON text,
 * "by": "unit"|"field"|"level", "profile": "default"|"td", "reporting_unit", "receiving_unit",
 * "format": "json" (csv, table, markdown, html; the register: json, csv, table).
 * stable since 0.1 */
PM_API pm_status pm_form(pm_context* context, const char* options_json, char** out_text);

/* The QĐ 766 service index (parmetrics index766; docs/index766.md), from the context's dossiers
 * and facts over "from".."to" (both required; "as_of", "by": "unit"|"procedure", "own": false),
 * or from item counts given as "counts" (the counts document as a JSON object) or
 * "counts_file" (a path). "methodology" (a JSON object) or "methodology_file" replaces the
 * portal's 2025 methodology. "format": "json" (csv, table). stable since 0.1 */
PM_API pm_status pm_index766(pm_context* context, const char* options_json, char** out_text);

/* Any scorecard (parmetrics score; docs/scorecards.md): the DTI, the PAR INDEX, QĐ 766 or a
 * province's own methodology, given as "methodology" (a JSON object) or "methodology_file" (a
 * path), one of them required. Its metrics: those of the context's dossiers over the period
 * (the dossier-metrics report, and the QĐ 766 item counts the methodology names, derived with
 * the context's facts), "metrics" (CSV text unit,metric,numerator,denominator) or
 * "metrics_file", "facts" (CSV unit,metric,value) or "facts_file"; the points appraised by hand:
 * "scores" (CSV unit,criterion,points[,note]) or "scores_file". Of the common options "from",
 * "to", "as_of", "language" and "threads" ("filters" is refused: every unit is graded).
 * "format": "json" (csv, table, markdown, html). JSON: {"methodology", "units": [{"unit",
 * "name", "level", "index", "points", "max", "rank", ...}], "warnings"}. stable since 0.2 */
PM_API pm_status pm_score(pm_context* context, const char* options_json, char** out_text);

/* Worklists (parmetrics dossiers; docs/forms.md): one row per dossier, most urgent first.
 * Options besides the common ones: "status": "all" (late, overdue, due-within,
 * apology-missing, pending), "within": "2d" (with due-within: h working hours, d working days,
 * cd calendar days), "profile": "default"|"td", "layout": "worklist"|"register" or
 * "layout_definition": a layout file's JSON text, "format": "json" (csv, table).
 * JSON: {"status": ..., "from": ..., "to": ..., "as_of": ..., "count": N, "dossiers": [{"code",
 * "unit", "unit_name", "procedure", "procedure_name", "field", "channel", "received",
 * "appointment", "effective_appointment", "ended", "returned", "status", "late_minutes",
 * "apology", "new_appointment"}]} (null where a dossier has no value). stable since 0.1 */
PM_API pm_status pm_dossiers(pm_context* context, const char* options_json, char** out_text);

#ifdef __cplusplus
}
#endif

#endif /* PARMETRICS_C_PARMETRICS_H */
