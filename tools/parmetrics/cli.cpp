#include "cli.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <exception>
#include <ostream>

#include <parmetrics/version.hpp>

#include "commands.hpp"
#include "flags.hpp"
#include "options.hpp"

namespace parmetrics::cli {

namespace {

constexpr Command kCommands[] = {
    {"calendar", "calendar --from DATE --to DATE [--calendar FILE]...",
     "list days as CSV: date,working,kind,name", flags::calendar_days, run_calendar},
    {"lunar", "lunar DATE | lunar --from DATE --to DATE",
     "lunar (âm lịch) dates as CSV: date,lunar_day,lunar_month,lunar_year,leap", flags::lunar,
     run_lunar},
    {"due",
     "due --received YYYY-MM-DDTHH:MM --duration N(h|d|cd) [--pause START/END]... "
     "[--pause-policy working|elapsed] [--calendar FILE]...",
     "the appointment (ngày hẹn trả) of a dossier", flags::due, run_due},
    {"report",
     "report [--dossiers FILE]... [--events FILE]... [--units FILE] [--procedures FILE] "
     "[--portal FILE]... [--calendar FILE]... [--from DATE] [--to DATE] [--as-of DATETIME] "
     "[--by unit|level|field|procedure|channel|month|quarter|year] [--no-roll-up] "
     "[--units-layer FILE]... [--hierarchy-as-of DATE] [--unit CODE]... [--level LEVEL]... "
     "[--field FIELD]... "
     "[--procedure CODE]... [--channel direct|online|postal]... [--pause-policy working|elapsed] "
     "[--granularity minute|day] [--apology-lead DAYS] [--multiple-supplements late|ignore] "
     "[--withdrawn evaluate|exclude] [--compare RATE] [--rank RATE] [--top N] [--threads N] "
     "[--format table|csv|json|markdown|html] [--lang vi|en] [--columns LIST] "
     "[--compare-to previous|last-year|FROM..TO] [--no-summary] [--strict]",
     "timeliness, apologies and digitisation of dossiers (the bundled sample without files)",
     flags::report, run_report},
    {"form",
     "form [--form vpcp-06|vpcp-06a|handover-2025|register | --form-file FILE] "
     "[--dossiers FILE]... [--portal FILE]... [--events FILE] [--units FILE] "
     "[--procedures FILE] [--from DATE] [--to DATE] [--as-of DATETIME] [--by unit|field|level] "
     "[--profile default|td] [--unit CODE]... [--level LEVEL]... [--field FIELD]... "
     "[--procedure CODE]... [--channel direct|online|postal]... [--reporting-unit TEXT] "
     "[--receiving-unit TEXT] [--threads N] [--format table|csv|markdown|html|xlsx] [--out FILE] "
     "[--lang vi|en] "
     "[--strict]",
     "an official report form (Biểu số 06/VPCP/KSTT…, checked) or the register of dossiers",
     flags::form, run_form},
    {"dossiers",
     "dossiers [--status late|overdue|due-within|apology-missing|pending|all] "
     "[--within DURATION] [--layout-file FILE] [--dossiers FILE]... [--portal FILE]... "
     "[--events FILE]... [--units FILE] [--procedures FILE] [--from DATE] [--to DATE] "
     "[--as-of DATETIME] [--profile default|td] [--unit CODE]... [--level LEVEL]... "
     "[--field FIELD]... [--procedure CODE]... [--channel direct|online|postal]... "
     "[--threads N] [--format table|csv|xlsx] [--out FILE] [--lang vi|en] [--strict]",
     "worklists: late, overdue, soon due, unapologised dossiers, most urgent first",
     flags::dossier_list, run_dossiers},
    {"units",
     "units [--units FILE] [--units-layer FILE]... [--as-of DATE] [--successors-of CODE] "
     "[--format table|csv|json] [--lang vi|en] [--strict]",
     "the hierarchy of units in force on a date, or a unit's chain of successors",
     flags::units_list, run_units},
    {"generate",
     "generate --out DIR [--seed N] [--profile sample|bench] [--dossiers N] [--units N]",
     "write a deterministic synthetic data set in the native CSV formats", flags::generate,
     run_generate},
    {"index766",
     "index766 --counts FILE [--methodology FILE] [--format table|csv|json|html] [--lang vi|en] | "
     "index766 "
     "--dossiers FILE... [--events FILE] [--units FILE] [--procedures FILE] "
     "[--unit-procedures FILE] [--feedback FILE] [--communes FILE] [--calendar FILE]... "
     "--from DATE --to DATE [--as-of DATETIME] [--by unit|procedure] [--own] "
     "[--methodology FILE] [--strict] [--format table|csv|json|html] [--lang vi|en]",
     "the QĐ 766 real-time service index (Bộ chỉ số phục vụ người dân, doanh nghiệp)",
     flags::index766, run_index766},
    {"par",
     "par --methodology FILE [--scores FILE] [--metrics FILE]... [--facts FILE]... [--sipas FILE "
     "[--questionnaire FILE]] [--dossiers FILE]... [--portal FILE]... [--events FILE] "
     "[--units FILE] [--procedures FILE] [--from DATE] [--to DATE] [--as-of DATETIME] "
     "[--strict] [--format table|csv|json|html] [--lang vi|en]",
     "PAR INDEX (Chỉ số cải cách hành chính) of units from a methodology file", flags::par,
     run_par},
    {"score",
     "score --methodology FILE [--scores FILE] [--metrics FILE]... [--facts FILE]... [--sipas "
     "FILE [--questionnaire FILE]] [--counts FILE] [--dossiers FILE]... [--portal FILE]... "
     "[--events FILE] [--units FILE] [--procedures FILE] [--unit-procedures FILE] "
     "[--feedback FILE] [--communes FILE] [--from DATE] [--to DATE] [--as-of DATETIME] "
     "[--strict] [--format table|csv|json|markdown|html] [--lang vi|en]",
     "any scorecard (DTI, PAR INDEX, QĐ 766, a province's own) from a methodology file",
     flags::score, run_score},
    {"serve",
     "serve --listen HOST:PORT [--data DIR] [--token-file FILE] --units FILE [--procedures FILE] "
     "[--calendar FILE]... [--unit-procedures FILE] [--feedback FILE] [--communes FILE] "
     "[--max-body BYTES] [--timeout SECONDS] [--threads N] [--strict]",
     "the HTTP/JSON service: dossiers and events in, reports, forms and worklists out",
     flags::serve, run_serve},
    {"sipas",
     "sipas --responses FILE [--questionnaire FILE] [--by unit] [--format table|csv|json] "
     "[--items] [--bootstrap N] [--seed N] [--strict] [--lang vi|en] | sipas --population N "
     "[--margin E] [--format table|csv|json] [--lang vi|en]",
     "SIPAS satisfaction indices (Chỉ số hài lòng) from survey responses", flags::sipas_survey,
     run_sipas},
    {"targets",
     "targets --targets FILE [--metrics FILE]... [--facts FILE]... [--sipas FILE "
     "[--questionnaire FILE]] "
     "[--dossiers FILE]... [--portal FILE]... [--events FILE] [--units FILE] [--procedures FILE] "
     "[--from DATE] [--to DATE] [--as-of DATETIME] [--strict] [--format table|csv|json] "
     "[--lang vi|en]",
     "check directive targets (met / not met, with the values compared)", flags::targets,
     run_targets},
};

void print_usage(std::ostream& os) {
  fmt::print(os, "usage: parmetrics [--version] [--help] <command> [options]\n\ncommands:\n");
  for (const Command& c : kCommands) fmt::print(os, "  {:<10} {}\n", c.name, c.summary);
  fmt::print(os, "\nsynopsis:\n");
  for (const Command& c : kCommands) fmt::print(os, "  parmetrics {}\n", c.usage);
  fmt::print(os, "\n'parmetrics COMMAND --help' (or -h) explains each option of a command.\n");
}

void print_command_help(std::ostream& os, const Command& c) {
  fmt::print(os, "usage: parmetrics {}\n{}\n\noptions:\n{}", c.usage, c.summary,
             options_help(c.flags));
}

}  // namespace

std::span<const Command> commands() noexcept {
  return kCommands;
}

int run(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    fmt::print(err, "parmetrics: no command given\n");
    print_usage(err);
    return kExitUsage;
  }
  const std::string_view first = args.front();
  if (first == "--version" || first == "-V") {
    fmt::print(out, "parmetrics {}\n", version());
    return kExitOk;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(out);
    return kExitOk;
  }
  const auto* command = std::find_if(std::begin(kCommands), std::end(kCommands),
                                     [&](const Command& c) { return c.name == first; });
  if (command == std::end(kCommands)) {
    if (first.starts_with("-")) {
      fmt::print(err, "parmetrics: unknown option {}\n", first);
    } else {
      fmt::print(err, "parmetrics: unknown command '{}'\n", first);
    }
    print_usage(err);
    return kExitUsage;
  }
  const auto rest = args.subspan(1);
  if (std::find(rest.begin(), rest.end(), std::string_view("--help")) != rest.end() ||
      std::find(rest.begin(), rest.end(), std::string_view("-h")) != rest.end()) {
    print_command_help(out, *command);
    return kExitOk;
  }
  try {
    return command->run(rest, out, err);
  } catch (const UsageError& e) {
    fmt::print(err, "parmetrics {}: {}\nusage: parmetrics {}\n", command->name, e.what(),
               command->usage);
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(err, "parmetrics {}: {}\n", command->name, e.what());
    return kExitFailure;
  }
}

}  // namespace parmetrics::cli
