/* The C API from C (as google/leveldb's db/c_test.c): a whole report of the bundled sample
 * (the CSV files of data/sample), portal records from a buffer, the other results, and every error
 * path's status and message. Expected figures come from the data itself (records counted in the
 * file here) or are worked by hand from the rules of docs/metrics.md, never from parmetrics'
 * output.
 *
 * usage: capi_test DATA_DIR (the repository's data/) */
#include <parmetrics/c/parmetrics.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

/* A call's status, with the context's message when it is not the one expected. */
#define CHECK_STATUS(context, call, expected)                                                  \
  do {                                                                                         \
    const pm_status got_ = (call);                                                             \
    if (got_ != (expected)) {                                                                  \
      fprintf(stderr, "%s:%d: %s: status %d (%s), expected %d (%s): %s\n", __FILE__, __LINE__, \
              #call, got_, pm_errstr(got_), (int)(expected), pm_errstr(expected),              \
              pm_last_error(context));                                                         \
      ++failures;                                                                              \
    }                                                                                          \
  } while (0)

#define CHECK_CONTAINS(text, part)                                               \
  do {                                                                           \
    const char* text_ = (text);                                                  \
    if (text_ == NULL || strstr(text_, (part)) == NULL) {                        \
      fprintf(stderr, "%s:%d: '%s' does not contain '%s'\n", __FILE__, __LINE__, \
              text_ == NULL ? "(null)" : text_, (part));                         \
      ++failures;                                                                \
    }                                                                            \
  } while (0)

static char data_dir[4096];

static const char* path_of(const char* file) {
  static char path[8192];
  snprintf(path, sizeof path, "%s/%s", data_dir, file);
  return path;
}

/* Records of a CSV file without quoted line breaks: its lines, less the header. */
static long csv_records(const char* file) {
  FILE* f = fopen(path_of(file), "rb");
  long lines = 0;
  int c, last = '\n';
  if (f == NULL) return -1;
  while ((c = fgetc(f)) != EOF) {
    if (c == '\n') ++lines;
    last = c;
  }
  fclose(f);
  if (last != '\n') ++lines;
  return lines - 1;
}

/* The sample's dossiers.csv (no quoted fields before received_at, its 5th column): how many
 * were received on days from..to (ISO dates), and the latest day of receipt into `last`. */
static long received_between(const char* from, const char* to, char last[11]) {
  FILE* f = fopen(path_of("sample/dossiers.csv"), "rb");
  char line[4096];
  long n = 0;
  last[0] = '\0';
  if (f == NULL) return -1;
  if (fgets(line, sizeof line, f) == NULL) { /* the header */
    fclose(f);
    return -1;
  }
  while (fgets(line, sizeof line, f) != NULL) {
    const char* p = line;
    char day[11];
    int column;
    for (column = 0; column < 4 && p != NULL; ++column) {
      p = strchr(p, ',');
      if (p != NULL) ++p;
    }
    if (p == NULL || strlen(p) < 10) continue;
    memcpy(day, p, 10);
    day[10] = '\0';
    if (strcmp(day, from) >= 0 && strcmp(day, to) <= 0) ++n;
    if (strcmp(day, last) > 0) memcpy(last, day, 11);
  }
  fclose(f);
  return n;
}

/* The value of `column` in the CSV row whose first field is `row` (numeric columns: those before
 * any quoted text); -1 when not found. */
static double csv_number(const char* csv, const char* row, const char* column) {
  const char *line, *p;
  size_t index = 0, i, column_len = strlen(column), row_len = strlen(row);
  int found = 0;
  /* The column's index in the header. */
  for (p = csv; *p != '\n' && *p != '\0'; ++index) {
    const char* end = p + strcspn(p, ",\n");
    if ((size_t)(end - p) == column_len && strncmp(p, column, column_len) == 0) {
      found = 1;
      break;
    }
    p = *end == ',' ? end + 1 : end;
  }
  if (!found) return -1;
  for (line = strchr(csv, '\n'); line != NULL; line = strchr(line, '\n')) {
    ++line;
    if (strncmp(line, row, row_len) == 0 && line[row_len] == ',') break;
  }
  if (line == NULL) return -1;
  for (i = 0, p = line; i < index; ++i) {
    p = strchr(p, ',');
    if (p == NULL) return -1;
    ++p;
  }
  return atof(p);
}

static void test_library(void) {
  CHECK(strcmp(pm_version(), PM_EXPECTED_VERSION) == 0);
  /* Codes pinned: primary in the low 8 bits, the extended number above. */
  CHECK(PM_OK == 0 && PM_USAGE == 1 && PM_DATA == 2 && PM_IO == 3 && PM_INTERNAL == 4);
  CHECK(PM_NOMEM == 5);
  CHECK(PM_USAGE_NULL == 1 + (1 << 8));
  CHECK(PM_DATA_UNKNOWN_UNIT == 2 + 22 * 256);
  CHECK(PM_DATA_MALFORMED_JSON == 2 + 50 * 256);
  CHECK(PM_DATA_REQUIRED_COLUMN_MISSING == 2 + 105 * 256);
  CHECK(PM_PRIMARY(PM_DATA_UNKNOWN_UNIT) == PM_DATA);
  CHECK(PM_PRIMARY(PM_USAGE_OPTIONS) == PM_USAGE);
  CHECK(strcmp(pm_errstr(PM_OK), "ok") == 0);
  CHECK(strcmp(pm_errstr(PM_DATA_UNKNOWN_UNIT), "unknown unit") == 0);
  CHECK(strcmp(pm_errstr(PM_DATA_DUPLICATE_DOSSIER), "duplicate dossier code") == 0);
  CHECK(strcmp(pm_errstr(PM_IO), "cannot read a file") == 0);
  CHECK(strcmp(pm_errstr(PM_DATA | (99 << 8)), "unknown status") == 0);
  pm_free(NULL);
}

static void test_null_and_destroy(void) {
  pm_context* context = NULL;
  char *out = (char*)1, *error = (char*)1;
  /* A NULL context: a status, no crash, and a message. */
  CHECK_STATUS(NULL, pm_report(NULL, NULL, &out), PM_USAGE_NULL);
  CHECK(out == NULL);
  CHECK_STATUS(NULL, pm_load_units_file(NULL, "units.csv", NULL, NULL), PM_USAGE_NULL);
  CHECK_CONTAINS(pm_last_error(NULL), "NULL");
  CHECK_CONTAINS(pm_last_error_json(NULL), "\"status\": 257");
  CHECK_STATUS(NULL, pm_context_create(NULL, NULL, &error), PM_USAGE_NULL);
  CHECK(error == NULL);

  CHECK_STATUS(NULL, pm_context_create(NULL, &context, &error), PM_OK);
  CHECK(context != NULL && error == NULL);
  /* NULL arguments besides the context. */
  CHECK_STATUS(context, pm_report(context, NULL, NULL), PM_USAGE_NULL);
  CHECK_CONTAINS(pm_last_error(context), "out_text is NULL");
  CHECK_STATUS(context, pm_load_units_file(context, NULL, NULL, NULL), PM_USAGE_NULL);
  CHECK_CONTAINS(pm_last_error(context), "path is NULL");
  CHECK_STATUS(context, pm_load_units(context, NULL, 5, NULL, NULL, NULL), PM_USAGE_NULL);
  CHECK_STATUS(context, pm_append_index766_facts(context, NULL, "", 0, NULL, NULL, NULL),
               PM_USAGE_NULL);
  /* An empty buffer is no error: nothing read (no header: the file is empty). */
  CHECK_STATUS(context, pm_load_units(context, NULL, 0, "empty.csv", NULL, NULL),
               PM_DATA_NO_HEADER);
  CHECK_CONTAINS(pm_last_error(context), "empty.csv:1: no header row");
  /* Destroying nulls the handle; a second destroy, and destroying NULL, do nothing. */
  pm_context_destroy(&context);
  CHECK(context == NULL);
  pm_context_destroy(&context);
  pm_context_destroy(NULL);

  /* Bad options at creation come back through out_error. */
  CHECK_STATUS(NULL, pm_context_create("{\"threads\": ", &context, &error), PM_USAGE_OPTIONS);
  CHECK(context == NULL);
  CHECK_CONTAINS(error, "not valid JSON");
  pm_free(error);
  CHECK_STATUS(NULL, pm_context_create("{\"thread\": 2}", &context, &error), PM_USAGE_OPTIONS);
  CHECK_CONTAINS(error, "\"thread\": unknown option");
  pm_free(error);
  CHECK_STATUS(NULL, pm_context_create("{\"threads\": -1}", &context, NULL), PM_USAGE_OPTIONS);
  CHECK_STATUS(NULL, pm_context_create("[1]", &context, NULL), PM_USAGE_OPTIONS);
  CHECK_STATUS(NULL, pm_context_create("{\"threads\": 2}", &context, NULL), PM_OK);
  pm_context_destroy(&context);
}

/* Two September dossiers that load and three records that do not, worked by hand below. */
static const char kPortal[] =
    "[\n"
    " {\"MaHoSo\": \"000.21.30.H55-230904-9001\", \"DonViXuLy\": \"000.21.30.H55\",\n"
    "  \"KenhThucHien\": 2, \"NgayTiepNhan\": \"20230904080000\",\n"
    "  \"NgayHenTra\": \"20230906170000\", \"TrangThaiHoSo\": \"10\",\n"
    "  \"NgayKetThucXuLy\": \"20230905100000\", \"NgayTra\": \"20230905110000\"},\n"
    " {\"MaHoSo\": \"000.21.30.H55-230904-9002\", \"DonViXuLy\": \"000.21.30.H55\",\n"
    "  \"KenhThucHien\": \"1\", \"NgayTiepNhan\": \"20230904090000\",\n"
    "  \"NgayHenTra\": \"20230905170000\", \"TrangThaiHoSo\": 10,\n"
    "  \"NgayKetThucXuLy\": \"20230906090000\"},\n"
    " {\"MaHoSo\": \"000.21.30.H55-230904-9003\", \"DonViXuLy\": \"000.21.30.H55\",\n"
    "  \"NgayTiepNhan\": \"20230904100000\", \"NgayHenTra\": \"20230908170000\",\n"
    "  \"TrangThaiHoSo\": 4},\n"
    " {\"MaHoSo\": \"000.99.30.H55-230904-0001\", \"DonViXuLy\": \"000.99.30.H55\",\n"
    "  \"NgayTiepNhan\": \"20230904080000\"},\n"
    " {\"MaHoSo\": \"000.21.30.H55-230904-9005\", \"DonViXuLy\": }\n"
    "]\n";

static void test_sample_report(void) {
  pm_context* context = NULL;
  char* out = NULL;
  const long dossiers = csv_records("sample/dossiers.csv");
  char last_day[11];
  const long events = csv_records("sample/events.csv");
  char expected[64];

  CHECK(dossiers > 0 && events > 0);
  CHECK_STATUS(NULL, pm_context_create(NULL, &context, NULL), PM_OK);
  CHECK_STATUS(context, pm_load_units_file(context, path_of("sample/units.csv"), NULL, &out),
               PM_OK);
  snprintf(expected, sizeof expected, "\"read\": %ld,", csv_records("sample/units.csv"));
  CHECK_CONTAINS(out, expected);
  CHECK_CONTAINS(out, "\"rejected\": 0,");
  pm_free(out);
  CHECK_STATUS(context,
               pm_load_procedures_file(context, path_of("sample/procedures.csv"), NULL, NULL),
               PM_OK);
  CHECK_STATUS(context,
               pm_append_dossiers_file(context, path_of("sample/dossiers.csv"), NULL, &out), PM_OK);
  snprintf(expected, sizeof expected, "\"loaded\": %ld,", dossiers);
  CHECK_CONTAINS(out, expected);
  /* A units file was loaded: nothing is registered from the records. */
  CHECK_CONTAINS(out, "\"registered\": {\n    \"units\": 0,\n    \"procedures\": 0\n  }");
  pm_free(out);
  CHECK_STATUS(context, pm_append_events_file(context, path_of("sample/events.csv"), "", &out),
               PM_OK);
  snprintf(expected, sizeof expected, "\"loaded\": %ld,", events);
  CHECK_CONTAINS(out, expected);
  pm_free(out);

  /* The whole report, by default from the first month of the data to its last receipt: every
   * dossier of the file. */
  CHECK_STATUS(context, pm_report(context, "{\"format\": \"csv\"}", &out), PM_OK);
  CHECK(csv_number(out, "total", "received") == (double)dossiers);
  CHECK(csv_number(out, "total", "in_scope") == (double)dossiers);
  pm_free(out);
  CHECK(received_between("2023-01-01", "2023-08-31", last_day) > 0);
  CHECK_STATUS(context, pm_report(context, NULL, &out), PM_OK);
  CHECK_CONTAINS(out, "\"from\": \"2023-01-01\"");
  snprintf(expected, sizeof expected, "\"to\": \"%s\"", last_day);
  CHECK_CONTAINS(out, expected);
  pm_free(out);
  CHECK_STATUS(context, pm_report(context, "{\"format\": \"table\", \"language\": \"en\"}", &out),
               PM_OK);
  CHECK_CONTAINS(out, "Summary");
  pm_free(out);

  /* Biểu 06 over January–August 2023: its total row received every dossier of those months. */
  CHECK_STATUS(context,
               pm_form(context,
                       "{\"form\": \"vpcp-06\", \"from\": \"2023-01-01\", \"to\": "
                       "\"2023-08-31\", \"format\": \"csv\"}",
                       &out),
               PM_OK);
  snprintf(expected, sizeof expected, ",total,%ld,",
           received_between("2023-01-01", "2023-08-31", last_day));
  CHECK_CONTAINS(out, expected);
  pm_free(out);
  CHECK_STATUS(context, pm_form(context, "{\"form\": \"vpcp-99\"}", &out), PM_USAGE_NOT_FOUND);
  CHECK(out == NULL);

  /* The QĐ 766 index from the dossiers needs its period; from counts it does not. */
  CHECK_STATUS(context, pm_index766(context, "{\"format\": \"csv\"}", &out), PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context), "\"from\": required");
  CHECK_STATUS(context,
               pm_index766(context,
                           "{\"from\": \"2023-01-01\", \"to\": \"2023-08-31\", \"format\": "
                           "\"csv\"}",
                           &out),
               PM_OK);
  CHECK_CONTAINS(out, "unit,transparency,progress,online,payment,satisfaction,digitisation,total");
  pm_free(out);
  {
    char options[8192 + 64];
    snprintf(options, sizeof options, "{\"counts_file\": \"%s\"}",
             path_of("index766/example-counts.json"));
    CHECK_STATUS(context, pm_index766(context, options, &out), PM_OK);
    CHECK_CONTAINS(out, "\"total\"");
    pm_free(out);
    /* The table speaks the language asked for, from counts as from dossiers (Vietnamese by
     * default, as every result people read). */
    snprintf(options, sizeof options, "{\"counts_file\": \"%s\", \"format\": \"table\"}",
             path_of("index766/example-counts.json"));
    CHECK_STATUS(context, pm_index766(context, options, &out), PM_OK);
    CHECK_CONTAINS(out, "tổng điểm 72,02/100");
    pm_free(out);
    snprintf(options, sizeof options,
             "{\"counts_file\": \"%s\", \"format\": \"table\", \"language\": \"en\"}",
             path_of("index766/example-counts.json"));
    CHECK_STATUS(context, pm_index766(context, options, &out), PM_OK);
    CHECK_CONTAINS(out, "total 72.02 / 100");
    pm_free(out);
  }
  CHECK_STATUS(context,
               pm_index766(context,
                           "{\"from\": \"2023-01-01\", \"to\": \"2023-08-31\", \"format\": "
                           "\"table\", \"language\": \"en\"}",
                           &out),
               PM_OK);
  CHECK_CONTAINS(out, "Service index (QĐ 766)");
  pm_free(out);
  CHECK_STATUS(context,
               pm_index766(context,
                           "{\"from\": \"2023-01-01\", \"to\": \"2023-08-31\", \"format\": "
                           "\"html\"}",
                           &out),
               PM_OK);
  CHECK_CONTAINS(out, "<html lang=\"vi\">");
  pm_free(out);

  /* A successful call clears the last error. */
  CHECK(pm_last_error(context)[0] == '\0');
  CHECK(strcmp(pm_last_error_json(context), "{}") == 0);

  /* A scorecard of two criteria: "1" reads late_rate linearly (max 60), "2" is appraised by hand
   * (max 40). For the unit 000.02.30.H55 over January–August 2023, with the report's figures:
   * late_rate = (late + overdue) / (early + on_time + late + within_time + overdue), criterion 1
   * = 60 × that ratio rounded to 2 decimals, criterion 2 = the appraisal's 30, the points their
   * sum. (On the sample: 22 / 62 → 21.29, total 51.29.) */
  CHECK_STATUS(
      context,
      pm_report(context, "{\"from\": \"2023-01-01\", \"to\": \"2023-08-31\", \"format\": \"csv\"}",
                &out),
      PM_OK);
  {
    static const char kUnit[] = "000.02.30.H55";
    const double late = csv_number(out, kUnit, "late") + csv_number(out, kUnit, "overdue");
    const double judged = csv_number(out, kUnit, "early") + csv_number(out, kUnit, "on_time") +
                          csv_number(out, kUnit, "within_time") + late;
    const double criterion1 = (double)(long)(60.0 * late / judged * 100.0 + 0.5) / 100.0;
    static const char kScore[] =
        "{\"methodology\": {\"format\": \"parmetrics-scorecard\", \"format_version\": 1, "
        "\"name\": \"test\", \"version\": \"1\", \"max\": 100, \"criteria\": ["
        "{\"id\": \"1\", \"name\": \"late\", \"max\": 60, "
        "\"rule\": {\"kind\": \"linear\", \"metric\": \"late_rate\"}}, "
        "{\"id\": \"2\", \"name\": \"appraised\", \"max\": 40, \"rule\": {\"kind\": "
        "\"manual\"}}]}, "
        "\"scores\": \"unit,criterion,points\\n000.02.30.H55,2,30\\n\", "
        "\"from\": \"2023-01-01\", \"to\": \"2023-08-31\", \"format\": \"csv\"}";
    pm_free(out);
    CHECK(judged > 0 && late > 0);
    CHECK_STATUS(context, pm_score(context, kScore, &out), PM_OK);
    CHECK(csv_number(out, kUnit, "1") == criterion1);
    CHECK(csv_number(out, kUnit, "2") == 30);
    CHECK(csv_number(out, kUnit, "points") == criterion1 + 30);
    CHECK(csv_number(out, kUnit, "max") == 100);
    pm_free(out);
  }
  /* pm_score: the methodology is required, is a JSON object, and options are known. */
  CHECK_STATUS(context, pm_score(context, "{\"format\": \"csv\"}", &out), PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context), "pm_score options: \"methodology\": required");
  CHECK(out == NULL);
  CHECK_STATUS(context, pm_score(context, "{\"methodology\": \"{not json\"}", &out),
               PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context), "\"methodology\": expected a JSON object");
  CHECK_STATUS(context, pm_score(context, "{\"methodology\": {\"format\": 1}}", &out), PM_DATA);
  CHECK_CONTAINS(pm_last_error(context), "options.methodology");
  {
    char options[8192 + 64];
    snprintf(options, sizeof options, "{\"methodology_file\": \"%s\", \"fromm\": \"2023-01-01\"}",
             path_of("methodologies/dti-district-commune-example.json"));
    CHECK_STATUS(context, pm_score(context, options, &out), PM_USAGE_OPTIONS);
    CHECK_CONTAINS(pm_last_error(context), "pm_score options: \"fromm\": unknown option");
    CHECK(out == NULL);
  }

  /* a period outside the calendar's range (1900-2199), and one that reaches its end */
  CHECK_STATUS(context, pm_dossiers(context, "{\"to\": \"2200-01-01\"}", &out), PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context), "\"to\": 2200-01-01 is outside 1900-01-01..2199-12-31");
  CHECK_STATUS(context, pm_report(context, "{\"hierarchy_as_of\": \"2300-01-01\"}", &out),
               PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context),
                 "\"hierarchy_as_of\": 2300-01-01 is outside 1900-01-01..2199-12-31");
  CHECK_STATUS(context,
               pm_dossiers(context, "{\"from\": \"2199-12-01\", \"to\": \"2199-12-31\"}", &out),
               PM_DATA);
  CHECK_CONTAINS(pm_last_error(context), "outside the supported range");
  /* a file missing */
  CHECK_STATUS(context, pm_append_events_file(context, path_of("sample/missing.csv"), NULL, &out),
               PM_IO);
  CHECK_CONTAINS(pm_last_error(context),
                 "sample/missing.csv: cannot open the file: No such file or directory");
  CHECK_CONTAINS(pm_last_error_json(context), "\"status\":3,");
  CHECK(out == NULL);
  CHECK_STATUS(context, pm_load_units_file(context, data_dir, NULL, NULL), PM_IO);
  /* a calendar layer after dossiers: out of order */
  CHECK_STATUS(context, pm_load_calendar_file(context, path_of("calendar/vn-official.json"), NULL),
               PM_USAGE_ORDER);
  /* a header without a required column */
  CHECK_STATUS(context, pm_load_units(context, "code,name\nX,Y\n", 14, NULL, NULL, NULL),
               PM_DATA_REQUIRED_COLUMN_MISSING);
  CHECK_CONTAINS(pm_last_error(context), "buffer:1: field 'level': required column missing");
  /* an unknown kind of facts */
  CHECK_STATUS(context, pm_append_index766_facts(context, "remit", "", 0, NULL, NULL, NULL),
               PM_USAGE_OPTIONS);

  pm_context_destroy(&context);
  CHECK(context == NULL);
}

static void test_portal(void) {
  pm_context* context = NULL;
  char* out = NULL;
  CHECK_STATUS(NULL, pm_context_create(NULL, &context, NULL), PM_OK);
  CHECK_STATUS(context, pm_load_units_file(context, path_of("sample/units.csv"), NULL, NULL),
               PM_OK);
  CHECK_STATUS(context,
               pm_load_procedures_file(context, path_of("sample/procedures.csv"), NULL, NULL),
               PM_OK);
  /* Portal records from a buffer: read 5 = loaded 3 + rejected 2 (an unknown unit, broken
   * JSON), each rejection placed by record number with its code. */
  CHECK_STATUS(context,
               pm_append_portal(context, kPortal, sizeof kPortal - 1, "hoso.json", NULL, &out),
               PM_OK);
  CHECK_CONTAINS(out, "\"read\": 5,\n  \"loaded\": 3,\n  \"rejected\": 2,");
  CHECK_CONTAINS(out, "\"record\": 4,");
  CHECK_CONTAINS(out, "\"reason\": \"unknown unit\"");
  CHECK_CONTAINS(out, "\"code\": 5634,"); /* PM_DATA_UNKNOWN_UNIT */
  CHECK_CONTAINS(out, "\"record\": 5,");
  CHECK_CONTAINS(out, "\"code\": 12802,"); /* PM_DATA_MALFORMED_JSON */
  CHECK_CONTAINS(out,
                 "\"message\": \"hoso.json:record 4: field 'DonViXuLy' = '000.99.30.H55': "
                 "unknown unit");
  pm_free(out);
  /* September, as of 6 September 12:00. 9001 ended on the 5th, before its appointment's day
   * (the 6th): early. 9002 ended on the 6th at 09:00, after its appointment (the 5th, 17:00):
   * late. 9003 is pending, due on the 8th: within time. One of the three online (9001; 9003
   * gives no channel: direct). late_rate = (late + overdue) / judged = 1/3; online 1/3. */
  CHECK_STATUS(context,
               pm_report(context,
                         "{\"from\": \"2023-09-01\", \"to\": \"2023-09-30\", \"as_of\": "
                         "\"2023-09-06T12:00\", \"format\": \"csv\", \"by\": \"channel\"}",
                         &out),
               PM_OK);
  CHECK(csv_number(out, "total", "received") == 3);
  CHECK(csv_number(out, "total", "early") == 1);
  CHECK(csv_number(out, "total", "on_time") == 0);
  CHECK(csv_number(out, "total", "late") == 1);
  CHECK(csv_number(out, "total", "within_time") == 1);
  CHECK(csv_number(out, "total", "overdue") == 0);
  CHECK(csv_number(out, "total", "late_rate") == 33.33);
  CHECK(csv_number(out, "total", "online_rate") == 33.33);
  CHECK(csv_number(out, "online", "early") == 1);
  CHECK(csv_number(out, "direct", "late") == 1);
  pm_free(out);
  /* The same dossiers filtered on the unit, as of the end of September: 9003 is overdue. */
  CHECK_STATUS(context,
               pm_report(context,
                         "{\"from\": \"2023-09-01\", \"to\": \"2023-09-30\", \"format\": "
                         "\"csv\", \"filters\": {\"units\": [\"000.21.30.H55\"]}}",
                         &out),
               PM_OK);
  CHECK(csv_number(out, "total", "received") == 3);
  CHECK(csv_number(out, "total", "overdue") == 1);
  CHECK(csv_number(out, "total", "late_rate") == 66.67);
  pm_free(out);

  /* The worklist of overdue dossiers in September: 9003 alone. */
  CHECK_STATUS(context,
               pm_dossiers(context,
                           "{\"from\": \"2023-09-01\", \"to\": \"2023-09-30\", \"status\": "
                           "\"overdue\"}",
                           &out),
               PM_OK);
  CHECK_CONTAINS(out, "\"count\": 1,");
  CHECK_CONTAINS(out, "\"code\": \"000.21.30.H55-230904-9003\"");
  CHECK_CONTAINS(out, "\"received\": \"2023-09-04T10:00\"");
  pm_free(out);

  /* Error paths. */
  /* strict: the first rejection fails the call, with its code and the C++ library's words. */
  CHECK_STATUS(context,
               pm_append_portal(context, kPortal, sizeof kPortal - 1, "again.json",
                                "{\"strict\": true}", &out),
               PM_DATA_DUPLICATE_DOSSIER);
  CHECK_CONTAINS(pm_last_error(context),
                 "again.json:record 1: field 'MaHoSo': duplicate dossier code");
  CHECK_CONTAINS(pm_last_error(context), "(strict: 5 of 5 records rejected)");
  CHECK_CONTAINS(pm_last_error_json(context), "\"reason\":");
  CHECK_CONTAINS(pm_last_error_json(context), "\"location\":\"record 1\"");
  CHECK_CONTAINS(out, "\"rejected\": 5,"); /* the summary still says what was rejected */
  pm_free(out);
  /* unknown unit, in the records and in the options */
  {
    static const char one[] =
        "{\"MaHoSo\": \"A-1\", \"DonViXuLy\": \"000.98.30.H55\", \"NgayTiepNhan\": "
        "\"20230904080000\"}\n";
    CHECK_STATUS(
        context,
        pm_append_portal(context, one, sizeof one - 1, "one.jsonl", "{\"strict\": true}", NULL),
        PM_DATA_UNKNOWN_UNIT);
    CHECK_CONTAINS(pm_last_error(context),
                   "one.jsonl:1: field 'DonViXuLy': unknown unit (value '000.98.30.H55')");
  }
  CHECK_STATUS(context, pm_report(context, "{\"filters\": {\"units\": [\"000.98.30.H55\"]}}", &out),
               PM_USAGE_NOT_FOUND);
  CHECK_CONTAINS(pm_last_error(context), "filters.units: no unit has the code '000.98.30.H55'");
  CHECK(out == NULL);
  /* bad JSON: the options, a portal buffer that is no JSON, a record that is broken */
  CHECK_STATUS(context, pm_report(context, "{\"format\": \"csv\"", &out), PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context), "pm_report options: not valid JSON");
  CHECK_STATUS(context, pm_report(context, "{\"fromm\": \"2023-01-01\"}", &out), PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context), "\"fromm\": unknown option");
  CHECK_STATUS(context, pm_report(context, "{\"by\": \"street\"}", &out), PM_USAGE_OPTIONS);
  CHECK_STATUS(context, pm_report(context, "{\"from\": \"2023-02-30\"}", &out), PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context), "'2023-02-30' is not a date YYYY-MM-DD");
  CHECK_STATUS(context, pm_append_portal(context, "hello", 5, "text.json", NULL, &out),
               PM_DATA_NOT_PORTAL_RECORDS);
  CHECK_CONTAINS(pm_last_error(context), "text.json");
  CHECK(out == NULL);
  CHECK_STATUS(context, pm_append_portal(context, "[{\"MaHoSo\": ", 12, "cut.json", NULL, &out),
               PM_DATA_IMPORT_STOPPED);
  CHECK_CONTAINS(pm_last_error(context), "cut.json:byte");
  pm_context_destroy(&context);
}

/* Nothing loaded: results over a given period are empty, not a crash; without a period there is
 * no default. */
static void test_empty_context(void) {
  pm_context* context = NULL;
  char* out = NULL;
  static const char* const by[] = {"unit",    "level", "field",   "procedure",
                                   "channel", "month", "quarter", "year"};
  char options[256];
  size_t i;
  CHECK_STATUS(NULL, pm_context_create(NULL, &context, NULL), PM_OK);
  for (i = 0; i < sizeof by / sizeof by[0]; ++i) {
    snprintf(options, sizeof options,
             "{\"from\": \"2023-01-01\", \"to\": \"2023-01-31\", \"by\": \"%s\", "
             "\"format\": \"csv\"}",
             by[i]);
    CHECK_STATUS(context, pm_report(context, options, &out), PM_OK);
    CHECK(csv_number(out, "total", "in_scope") == 0);
    pm_free(out);
  }
  CHECK_STATUS(context, pm_report(context, NULL, &out), PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context), "\"from\": required when no dossier is loaded");
  CHECK_STATUS(context,
               pm_form(context, "{\"from\": \"2023-01-01\", \"to\": \"2023-01-31\"}", &out), PM_OK);
  pm_free(out);
  CHECK_STATUS(context,
               pm_dossiers(context, "{\"from\": \"2023-01-01\", \"to\": \"2023-01-31\"}", &out),
               PM_OK);
  CHECK_CONTAINS(out, "\"count\": 0,");
  pm_free(out);
  /* Options that are not UTF-8: refused, and the message quoting them is UTF-8 (U+FFFD). */
  CHECK_STATUS(context, pm_report(context, "{\"language\": \"\xff\"}", &out), PM_USAGE_OPTIONS);
  CHECK_CONTAINS(pm_last_error(context), "\xEF\xBF\xBD");
  pm_context_destroy(&context);
}

static void test_calendar(void) {
  pm_context* context = NULL;
  char* out = NULL;
  static const char broken[] = "{\"format\": \"parmetrics-calendar\", ";
  CHECK_STATUS(NULL, pm_context_create(NULL, &context, NULL), PM_OK);
  CHECK_STATUS(context, pm_load_calendar(context, broken, sizeof broken - 1, "layer.json", &out),
               PM_DATA_INVALID_JSON_DOCUMENT);
  CHECK_CONTAINS(pm_last_error(context), "layer.json:line 1, column");
  CHECK_CONTAINS(pm_last_error(context), "not valid JSON");
  CHECK(out == NULL);
  CHECK_STATUS(context,
               pm_load_calendar_file(context, path_of("calendar/vn-culture-day.json"), &out),
               PM_OK);
  CHECK_CONTAINS(out, "\"name\": \"vn-culture-day\"");
  pm_free(out);
  pm_context_destroy(&context);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
    return 2;
  }
  snprintf(data_dir, sizeof data_dir, "%s", argv[1]);
  test_library();
  test_null_and_destroy();
  test_sample_report();
  test_portal();
  test_empty_context();
  test_calendar();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi_test: all checks passed\n");
  return 0;
}
