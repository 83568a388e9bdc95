/* A downstream C program: links parmetrics::c (find_package(parmetrics COMPONENTS c)) or
 * `pkg-config parmetrics-c`, and runs the report of the installed sample through the C API.
 * usage: c_consumer DATA_DIR (the package's parmetrics_DATA_DIR) */
#include <parmetrics/c/parmetrics.h>

#include <stdio.h>
#include <string.h>

static int fail(pm_context** context, const char* what, pm_status status) {
  fprintf(stderr, "%s: status %d (%s): %s\n", what, status, pm_errstr(status),
          pm_last_error(*context));
  pm_context_destroy(context);
  return 1;
}

int main(int argc, char** argv) {
  static const char* const files[] = {"units.csv", "procedures.csv", "dossiers.csv", "events.csv"};
  pm_context* context = NULL;
  char path[4096], *report = NULL;
  pm_status status;
  size_t i;
  if (argc != 2) return 2;
  status = pm_context_create(NULL, &context, NULL);
  if (status != PM_OK) return 1;
  for (i = 0; i < sizeof files / sizeof files[0]; ++i) {
    snprintf(path, sizeof path, "%s/sample/%s", argv[1], files[i]);
    status = i == 0   ? pm_load_units_file(context, path, NULL, NULL)
             : i == 1 ? pm_load_procedures_file(context, path, NULL, NULL)
             : i == 2 ? pm_append_dossiers_file(context, path, NULL, NULL)
                      : pm_append_events_file(context, path, NULL, NULL);
    if (status != PM_OK) return fail(&context, path, status);
  }
  status = pm_report(context,
                     "{\"format\": \"csv\", \"by\": \"month\", \"from\": \"2023-01-01\", "
                     "\"to\": \"2023-08-31\"}",
                     &report);
  if (status != PM_OK) return fail(&context, "pm_report", status);
  /* The sample (data/sample/README.md): 3600 dossiers in January to August 2023. */
  if (strstr(report, "\ntotal,3600,3600,") == NULL || strstr(report, "\n2023-08,") == NULL) {
    fprintf(stderr, "unexpected report:\n%s\n", report);
    pm_free(report);
    pm_context_destroy(&context);
    return 1;
  }
  printf("libparmetrics_c %s: the sample's report by month, %lu bytes of CSV\n", pm_version(),
         (unsigned long)strlen(report));
  pm_free(report);
  pm_context_destroy(&context);
  return 0;
}
