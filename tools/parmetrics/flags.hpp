#pragma once
// Every command's flags, each with the value it takes and one line of help: what the parser
// accepts and what `parmetrics COMMAND --help` prints, from one table per command. Flags that
// mean the same in several commands are written once.

#include <span>

#include "options.hpp"

namespace parmetrics::cli::flags {

// Dossier inputs, as `report` takes them.
inline constexpr FlagSpec dossiers{"dossiers", true, true, "FILE",
                                   "dossiers in the native CSV format (docs/formats.md)"};
inline constexpr FlagSpec portal{"portal", true, true, "FILE",
                                 "dossiers as the national portal's JSON records (DongBoHoSoMC)"};
inline constexpr FlagSpec events{"events", true, false, "FILE",
                                 "supplements, apologies and ends of the dossiers (events.csv)"};
inline constexpr FlagSpec events_many{"events", true, true, "FILE", events.help};
inline constexpr FlagSpec units{"units", true, false, "FILE",
                                "the units and their hierarchy (units.csv); without it the units "
                                "the dossiers name"};
inline constexpr FlagSpec units_layer{
    "units-layer", true, true, "FILE",
    "a reform's mapping laid over the units by GSO code: dvhcvn merges/splits.json, or CSV links"};
inline constexpr FlagSpec procedures{"procedures", true, false, "FILE",
                                     "the procedures: fields, statutory times, online levels"};
inline constexpr FlagSpec calendar{"calendar", true, true, "FILE",
                                   "a calendar layer over the official one (local days off)"};
inline constexpr FlagSpec from{"from", true, false, "DATE",
                               "first day of the period (YYYY-MM-DD; default: the data's)"};
inline constexpr FlagSpec to{"to", true, false, "DATE", "last day of the period"};
inline constexpr FlagSpec as_of{"as-of", true, false, "DATETIME",
                                "evaluate as of this instant (default: the end of the period)"};
inline constexpr FlagSpec strict{"strict", false, false, "",
                                 "exit 1 if any record is rejected, instead of 3"};
inline constexpr FlagSpec threads{"threads", true, false, "N",
                                  "threads to use (0 = every core, the default)"};
// Filters.
inline constexpr FlagSpec unit{"unit", true, true, "CODE", "only this unit and the units under it"};
inline constexpr FlagSpec level{"level", true, true, "LEVEL",
                                "only units of this level (commune, district, …)"};
inline constexpr FlagSpec field{"field", true, true, "FIELD",
                                "only procedures of this field (lĩnh vực)"};
inline constexpr FlagSpec procedure{"procedure", true, true, "CODE", "only this procedure"};
inline constexpr FlagSpec channel{"channel", true, true, "direct|online|postal",
                                  "only dossiers filed through this channel"};
// Formats and language.
inline constexpr FlagSpec lang{"lang", true, false, "vi|en",
                               "language of the tables, Markdown, HTML and xlsx (default vi)"};
inline constexpr FlagSpec out{"out", true, false, "FILE", "write to FILE (needed for xlsx)"};
inline constexpr FlagSpec profile{"profile", true, false, "default|td",
                                  "timeliness conventions: ours, or the TD system's"};
inline constexpr FlagSpec format3{"format", true, false, "table|csv|json",
                                  "output format (default table)"};
inline constexpr FlagSpec metrics{"metrics", true, true, "FILE",
                                  "external values: unit,metric,numerator,denominator"};
inline constexpr FlagSpec sipas{"sipas", true, false, "FILE",
                                "SIPAS survey responses: gives each unit its sipas.* values"};
inline constexpr FlagSpec facts{"facts", true, true, "FILE",
                                "facts outside the dossiers: unit,metric,value (counts, answers)"};
inline constexpr FlagSpec questionnaire{"questionnaire", true, false, "FILE",
                                        "the SIPAS questionnaire (default: the service form)"};

inline constexpr FlagSpec calendar_days[] = {
    {"from", true, false, "DATE", "first day"}, {"to", true, false, "DATE", "last day"}, calendar};

inline constexpr FlagSpec lunar[] = {{"from", true, false, "DATE", "first day"},
                                     {"to", true, false, "DATE", "last day"}};

inline constexpr FlagSpec due[] = {
    {"received", true, false, "YYYY-MM-DDTHH:MM", "when the dossier was received"},
    {"duration", true, false, "N(h|d|cd)",
     "statutory time: working hours, working days or calendar days"},
    {"pause", true, true, "START/END", "a supplement pause, two date-times"},
    {"pause-policy", true, false, "working|elapsed",
     "a pause moves the appointment by working time (default) or by elapsed time"},
    calendar};

inline constexpr FlagSpec report[] = {
    dossiers,
    events_many,
    units,
    procedures,
    portal,
    calendar,
    from,
    to,
    as_of,
    {"by", true, false, "unit|level|field|procedure|channel|month|quarter|year",
     "one row per group (default unit)"},
    {"no-roll-up", false, false, "", "a unit's row holds its own dossiers, not its subtree's"},
    units_layer,
    {"hierarchy-as-of", true, false, "DATE",
     "each dossier to the unit carrying its unit's history that day, under that day's hierarchy"},
    {"successors-as-of", true, false, "DATE", "the same as --hierarchy-as-of (its earlier name)"},
    unit,
    level,
    field,
    procedure,
    channel,
    {"pause-policy", true, false, "working|elapsed",
     "how a supplement pause moves the appointment (default working)"},
    {"granularity", true, false, "minute|day", "lateness compares instants (default) or dates"},
    {"apology-lead", true, false, "DAYS",
     "working days before the appointment an apology is due (default 1)"},
    {"multiple-supplements", true, false, "late|ignore",
     "a second supplement request makes a dossier late (default) or not"},
    {"withdrawn", true, false, "evaluate|exclude",
     "a withdrawn dossier is judged by its end (default) or left out"},
    {"compare", true, false, "RATE",
     "the rate compared with the parent's and the province's (default online_rate)"},
    {"rank", true, false, "RATE", "the rate the best and worst lists rank by (default late_rate)"},
    {"top", true, false, "N", "how many units the best and worst lists name (default 3)"},
    threads,
    {"format", true, false, "table|csv|json|markdown|html", "output format (default table)"},
    lang,
    {"columns", true, false, "LIST",
     "the columns of the table, Markdown and HTML: count and rate names, comma-separated"},
    {"compare-to", true, false, "previous|last-year|FROM..TO",
     "every rate beside the same rate over an earlier period"},
    {"no-summary", false, false, "", "leave out the summary in sentences"},
    strict};

// The dossier inputs and filters of `form` and `dossiers`.
#define PARMETRICS_LIST_FLAGS                                                                  \
  flags::dossiers, flags::portal, flags::events, flags::units, flags::procedures, flags::from, \
      flags::to, flags::as_of, flags::profile, flags::unit, flags::level, flags::field,        \
      flags::procedure, flags::channel, flags::threads, flags::out, flags::lang, flags::strict

inline constexpr FlagSpec form[] = {
    {"form", true, false, "vpcp-06|vpcp-06a|handover-2025|register",
     "the form (default vpcp-06, Biểu số 06/VPCP/KSTT)"},
    {"form-file", true, false, "FILE", "a form of the province's own (docs/forms.md)"},
    {"by", true, false, "unit|field|level", "the form's rows (default unit)"},
    {"reporting-unit", true, false, "TEXT", "Đơn vị báo cáo (default: the unit reported on)"},
    {"receiving-unit", true, false, "TEXT", "Đơn vị nhận báo cáo"},
    {"format", true, false, "table|csv|markdown|html|xlsx", "output format (default table)"},
    PARMETRICS_LIST_FLAGS};

inline constexpr FlagSpec dossier_list[] = {
    {"status", true, false, "late|overdue|due-within|apology-missing|pending|all",
     "which dossiers (default all); due-within takes a DURATION after it"},
    {"within", true, false, "DURATION", "for due-within: 8h, 2d (working) or 3cd (calendar days)"},
    {"layout-file", true, false, "FILE", "the list's columns (docs/forms.md)"},
    {"format", true, false, "table|csv|xlsx", "output format (default table)"},
    PARMETRICS_LIST_FLAGS};
#undef PARMETRICS_LIST_FLAGS

inline constexpr FlagSpec units_list[] = {
    {"units", true, false, "FILE", "the units (units.csv; default: the bundled sample's)"},
    units_layer,
    {"as-of", true, false, "DATE", "the hierarchy in force on this day (default: today)"},
    {"successors-of", true, false, "CODE",
     "the unit's chain of successors, and who carries its history on the day"},
    format3,
    lang,
    strict};

inline constexpr FlagSpec generate[] = {
    {"out", true, false, "DIR", "the folder to write units, procedures, dossiers and events to"},
    {"seed", true, false, "N", "the generator's seed (the same seed, the same files)"},
    {"profile", true, false, "sample|bench", "the sample district (default) or a province"},
    {"dossiers", true, false, "N", "how many dossiers"},
    {"units", true, false, "N", "how many units (bench profile)"}};

inline constexpr FlagSpec index766[] = {
    {"counts", true, false, "FILE", "the item counts, already counted (JSON)"},
    {"methodology", true, false, "FILE", "the index's methodology (default the portal's 2025)"},
    {"format", true, false, "table|csv|json|html", "output format (default table)"},
    {"dossiers", true, true, "FILE", "derive the counts from dossiers (native CSV)"},
    events,
    procedures,
    {"feedback", true, false, "FILE", "feedback (phản ánh, kiến nghị) and how it was handled"},
    units,
    {"unit-procedures", true, false, "FILE",
     "each unit's procedures: published, updated, online, fees"},
    {"communes", true, false, "FILE", "communes offering electronic certified copies"},
    {"from", true, false, "DATE", "first day of the period"},
    to,
    as_of,
    {"by", true, false, "unit|procedure", "score units (default) or one unit's procedures"},
    {"own", false, false, "", "score each unit on its own data, not its subtree's"},
    lang,
    strict,
    calendar};

inline constexpr FlagSpec par[] = {
    {"methodology", true, false, "FILE", "the PAR INDEX methodology (criteria, maxima, rules)"},
    {"scores", true, false, "FILE", "points appraised by hand: unit,criterion,points"},
    metrics,
    facts,
    sipas,
    questionnaire,
    dossiers,
    portal,
    events,
    units,
    procedures,
    from,
    to,
    as_of,
    strict,
    lang,
    {"format", true, false, "table|csv|json|html", "output format (default table)"}};

inline constexpr FlagSpec score[] = {
    {"methodology", true, false, "FILE", "a scorecard: DTI, PAR INDEX, QĐ 766 or a province's own"},
    {"scores", true, false, "FILE", "points appraised by hand: unit,criterion,points"},
    metrics,
    facts,
    sipas,
    questionnaire,
    {"counts", true, false, "FILE", "QĐ 766 item counts, already counted (JSON)"},
    dossiers,
    portal,
    events,
    units,
    procedures,
    {"unit-procedures", true, false, "FILE",
     "each unit's procedures: published, updated, online, fees (QĐ 766 items)"},
    {"feedback", true, false, "FILE", "feedback (phản ánh, kiến nghị) and how it was handled"},
    {"communes", true, false, "FILE", "communes offering electronic certified copies"},
    from,
    to,
    as_of,
    strict,
    lang,
    {"format", true, false, "table|csv|json|markdown|html", "output format (default table)"}};

inline constexpr FlagSpec sipas_survey[] = {
    {"responses", true, false, "FILE", "the survey's responses (one row per respondent)"},
    questionnaire,
    {"by", true, false, "unit", "one group per unit (default: one group, all)"},
    format3,
    lang,
    {"items", false, false, "", "a row per item instead of per element"},
    {"seed", true, false, "N", "the bootstrap's seed"},
    {"bootstrap", true, false, "N", "bootstrap replicates for the intervals (0: none)"},
    strict,
    {"population", true, false, "N", "the sample size for a population of N"},
    {"margin", true, false, "E", "the margin of error for --population (0.05 or 5%)"}};

inline constexpr FlagSpec targets[] = {
    {"targets", true, false, "FILE", "the directives' targets (docs/targets.md)"},
    metrics,
    facts,
    sipas,
    questionnaire,
    dossiers,
    portal,
    events,
    units,
    procedures,
    from,
    to,
    as_of,
    strict,
    lang,
    format3};

inline constexpr FlagSpec serve[] = {
    {"listen", true, false, "HOST:PORT",
     "the address to serve on (port 0: any free one, printed); beyond loopback needs a token"},
    {"data", true, false, "DIR", "keep a journal of every write there, replayed at start"},
    {"token-file", true, false, "FILE",
     "the bearer token clients must send (16 characters or more)"},
    units,
    procedures,
    calendar,
    {"unit-procedures", true, false, "FILE",
     "each unit's procedures: published, updated, online, fees (QĐ 766)"},
    {"feedback", true, false, "FILE", "feedback (phản ánh, kiến nghị) and how it was handled"},
    {"communes", true, false, "FILE", "communes offering electronic certified copies"},
    {"max-body", true, false, "BYTES", "the largest request body taken (default 67108864, 64 MiB)"},
    {"timeout", true, false, "SECONDS", "read and write timeout of a connection (default 30)"},
    {"threads", true, false, "N", "requests served at once (default 8)"},
    strict};

}  // namespace parmetrics::cli::flags
