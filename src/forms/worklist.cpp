#include <parmetrics/forms/worklist.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/calendar/working_calendar.hpp>
#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_field.hpp>
#include <parmetrics/model/live_store.hpp>
#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>

#include "detail/embedded_data.hpp"
#include "detail/json_document.hpp"
#include "metrics/selection.hpp"
#include "text/layout.hpp"
#include "text/say.hpp"
#include "text/translations_json.hpp"

namespace parmetrics {

namespace {

constexpr std::array<std::string_view, 6> kStatusNames = {
    "late", "overdue", "due-within", "apology-missing", "pending", "all"};

constexpr std::array<std::string_view, 20> kFields = {"stt",
                                                      "code",
                                                      "unit",
                                                      "unit_name",
                                                      "procedure",
                                                      "procedure_name",
                                                      "field",
                                                      "channel",
                                                      "received",
                                                      "appointment",
                                                      "effective_appointment",
                                                      "ended",
                                                      "returned",
                                                      "status",
                                                      "late",
                                                      "apology",
                                                      "new_appointment",
                                                      "count",
                                                      "note",
                                                      "blank"};

bool chosen(const DossierEvaluation& ev, std::optional<std::int64_t> late_minutes,
            const DossierListOptions& o, const WorkingCalendar& calendar, MinuteStamp appointment) {
  switch (o.status) {
    case DossierListStatus::late:
      return ev.timeliness == Timeliness::late;
    case DossierListStatus::overdue:
      return ev.timeliness == Timeliness::overdue;
    case DossierListStatus::apology_missing:
      return ev.apology == ApologyStatus::missing;
    case DossierListStatus::pending:
      return !ev.ended;
    case DossierListStatus::all:
      return true;
    case DossierListStatus::due_within:
      break;
  }
  // A dossier waiting for the applicant's supplement has its clock stopped: not about to be late.
  if (ev.timeliness != Timeliness::within_time || ev.open_supplement || !late_minutes) return false;
  if (o.due_within.unit() == StatutoryTime::Unit::calendar_days) {
    const auto days = static_cast<MinuteStamp>(o.due_within.amount());
    return appointment <= o.period.as_of + days * kMinutesPerDay;
  }
  return -*late_minutes <= calendar.working_minutes_of(o.due_within);
}

/// The latest new appointment an apology issued by as-of announced.
std::optional<MinuteStamp> new_appointment_of(std::span<const StoredEvent> events,
                                              MinuteStamp as_of) {
  std::optional<MinuteStamp> latest;
  for (const StoredEvent& e : events) {
    if (e.at > as_of) break;
    if (e.kind == EventKind::apology && e.second != kNoTime) latest = e.second;
  }
  return latest;
}

/// Most urgent first (worklist.hpp).
bool more_urgent(const DossierListRow& a, const DossierListRow& b) {
  if (a.evaluation.ended != b.evaluation.ended) return !a.evaluation.ended;
  if (a.late_minutes.has_value() != b.late_minutes.has_value()) return a.late_minutes.has_value();
  if (a.late_minutes && *a.late_minutes != *b.late_minutes)
    return *a.late_minutes > *b.late_minutes;
  if (a.received != b.received) return a.received < b.received;
  return a.code < b.code;
}

/// Working minutes as hours with one decimal, rounded half up: 90 → "1,5" (vi), "1.5" (en); a
/// whole number of hours without its ",0".
std::string hours_text(std::int64_t minutes, Language l) {
  const std::int64_t tenths = (minutes * 10 + 30) / 60;
  return tenths % 10 == 0 ? format_count(tenths / 10, l) : format_decimal(tenths, 1, l);
}

std::string label(std::string_view family, std::string_view key, Language l) {
  return std::string(message(fmt::format("{}.{}", family, key), l));
}

std::string timeliness_label(Timeliness t, Language l) {
  return label("timeliness", to_string(t), l);
}

std::string apology_label(ApologyStatus a, Language l) {
  return a == ApologyStatus::not_needed ? std::string() : label("apology", to_string(a), l);
}

/// The register's note: the state, how late, and the apology ("Trễ hạn 2,5 giờ; đã xin lỗi").
std::string note(const DossierListRow& row, Language l) {
  const DossierEvaluation& ev = row.evaluation;
  std::string out = timeliness_label(ev.timeliness, l);
  if ((ev.timeliness == Timeliness::late || ev.timeliness == Timeliness::overdue) &&
      row.late_minutes) {
    out = detail::say("list.late_hours", l, fmt::arg("status", out),
                      fmt::arg("hours", hours_text(*row.late_minutes, l)));
  }
  if (ev.apology == ApologyStatus::missing) out += "; " + label("list", "not_apologised", l);
  if (ev.apology == ApologyStatus::on_time || ev.apology == ApologyStatus::late) {
    out += "; " + label("list", "apologised", l);
  }
  if (row.new_appointment) {
    out += ", " + detail::say("list.new_appointment", l,
                              fmt::arg("at", format_instant(*row.new_appointment, l)));
  }
  return out;
}

class LayoutReader {
 public:
  explicit LayoutReader(std::string_view origin) : origin_(origin) {}

  [[noreturn]] void fail(const std::string& path, const std::string& reason) const {
    throw DataError(origin_, path, "", reason);
  }

  std::string text(const nlohmann::json& parent, const char* key, const std::string& path,
                   bool required = true) const {
    const auto it = parent.find(key);
    if (it == parent.end()) {
      if (required) fail(path, fmt::format("no \"{}\"", key));
      return {};
    }
    if (!it->is_string()) {
      fail(fmt::format("{}.{}", path, key),
           fmt::format("not a string but {}", detail::describe_json(*it)));
    }
    return it->get<std::string>();
  }

  std::vector<std::string> lines(const nlohmann::json& doc, const char* key) const {
    std::vector<std::string> out;
    const auto t = doc.find(key);
    if (t == doc.end()) return out;
    if (!t->is_array()) fail(fmt::format("$.{}", key), "not an array of strings");
    for (std::size_t i = 0; i < t->size(); ++i) {
      if (!(*t)[i].is_string()) fail(fmt::format("$.{}[{}]", key, i), "not a string");
      out.push_back((*t)[i].get<std::string>());
    }
    return out;
  }

  DossierListLayout read(std::string_view json_text) const {
    const nlohmann::json doc = detail::parse_json_document(json_text, origin_);
    if (!doc.is_object()) fail("$", "a list is an object");
    DossierListLayout l;
    l.id = text(doc, "id", "$");
    l.code = text(doc, "code", "$", false);
    l.basis = text(doc, "basis", "$", false);
    l.title = lines(doc, "title");
    const auto cols = doc.find("columns");
    if (cols == doc.end() || !cols->is_array() || cols->empty()) {
      fail("$", "no \"columns\" array");
    }
    for (std::size_t i = 0; i < cols->size(); ++i) {
      const std::string here = fmt::format("$.columns[{}]", i);
      const nlohmann::json& c = (*cols)[i];
      if (!c.is_object()) fail(here, "not an object");
      DossierListLayout::Column col{text(c, "key", here), text(c, "field", here),
                                    text(c, "label", here), 12};
      if (std::find(kFields.begin(), kFields.end(), col.field) == kFields.end()) {
        fail(here + ".field", fmt::format("\"{}\" is not a field of a dossier list", col.field));
      }
      for (const auto& other : l.columns) {
        if (other.key == col.key) fail(here + ".key", fmt::format("\"{}\" twice", col.key));
      }
      if (const auto w = c.find("width"); w != c.end()) {
        if (!w->is_number_integer() || *w < 1 || *w > 200) {
          fail(here + ".width", "not a width of 1 to 200 characters");
        }
        col.width = w->get<int>();
      }
      l.columns.push_back(std::move(col));
    }
    l.table_columns = lines(doc, "table_columns");
    for (std::size_t i = 0; i < l.table_columns.size(); ++i) {
      if (std::none_of(l.columns.begin(), l.columns.end(),
                       [&](const auto& c) { return c.key == l.table_columns[i]; })) {
        fail(fmt::format("$.table_columns[{}]", i),
             fmt::format("\"{}\" is not a column's key", l.table_columns[i]));
      }
    }
    l.english = detail::read_translations(doc, origin_);
    return l;
  }

 private:
  std::string origin_;
};

std::string csv(const DossierList& list, const DossierListLayout& layout, const UnitRegistry& units,
                const ProcedureCatalog& procedures) {
  std::string out;
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    if (c != 0) out += ',';
    out += layout.columns[c].key;
  }
  out += '\n';
  for (std::size_t r = 0; r < list.rows.size(); ++r) {
    for (std::size_t c = 0; c < layout.columns.size(); ++c) {
      if (c != 0) out += ',';
      out += csv_field(
          dossier_list_cell(list.rows[r], r + 1, layout.columns[c].field, units, procedures, true));
    }
    out += '\n';
  }
  return out;
}

bool is_instant(std::string_view field) {
  return field == "received" || field == "appointment" || field == "effective_appointment" ||
         field == "ended" || field == "returned" || field == "new_appointment";
}

std::string table(const DossierList& list, const DossierListLayout& layout,
                  const UnitRegistry& units, const ProcedureCatalog& procedures, Language l) {
  const auto tr = [&](std::string_view vi) { return std::string(layout.english.in(vi, l)); };
  std::vector<const DossierListLayout::Column*> shown;
  for (const auto& c : layout.columns) {
    if (layout.table_columns.empty() ||
        std::find(layout.table_columns.begin(), layout.table_columns.end(), c.key) !=
            layout.table_columns.end()) {
      shown.push_back(&c);
    }
  }
  std::string out;
  if (!layout.code.empty() || !layout.basis.empty()) {
    out += detail::wrap(layout.basis.empty()
                            ? tr(layout.code)
                            : fmt::format("{} — {}", tr(layout.code), tr(layout.basis)),
                        detail::kTableWidth);
  }
  for (const std::string& line : layout.title) out += detail::wrap(tr(line), detail::kTableWidth);
  out += dossier_list_period(list, l) + "\n\n";
  std::string header, rule;
  for (const auto* c : shown) {
    if (!header.empty()) header += ' ';
    header += detail::fit(tr(c->label), static_cast<std::size_t>(c->width), false);
    if (!rule.empty()) rule += ' ';
    rule.append(static_cast<std::size_t>(c->width), '-');
  }
  while (!header.empty() && header.back() == ' ') header.pop_back();
  out += fmt::format("{}\n{}\n", header, rule);
  for (std::size_t r = 0; r < list.rows.size(); ++r) {
    std::string line;
    for (const auto* c : shown) {
      std::string cell =
          dossier_list_cell(list.rows[r], r + 1, c->field, units, procedures, false, l);
      // An instant in a narrower column without the century: dd/mm/yy hh:mm, yy-mm-ddThh:mm.
      if (is_instant(c->field) && c->width < 16 && cell.size() == 16) {
        cell.erase(l == Language::vi ? 6 : 0, 2);
      }
      if (c->field == "unit_name") cell = detail::short_name(cell);
      if (!line.empty()) line += ' ';
      line += detail::fit(cell, static_cast<std::size_t>(c->width), c->field == "late");
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += fmt::format("{}\n", line);
  }
  return out;
}

}  // namespace

std::string_view to_string(DossierListStatus s) noexcept {
  return kStatusNames[static_cast<std::size_t>(s)];
}

std::optional<DossierListStatus> parse_dossier_list_status(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<DossierListStatus>(i);
  }
  return std::nullopt;
}

std::span<const std::string_view> dossier_list_fields() noexcept {
  return kFields;
}

namespace {

/// The rows of `store` that the options choose, superseded rows (`dead`) left out, with their
/// positions counted from `offset`.
void choose_rows(const DossierStore& store, const DeadRows* dead, std::size_t offset,
                 const UnitRegistry& units, const ProcedureCatalog& procedures,
                 const WorkingCalendar& calendar, const detail::Selection& sel, DossierList& list) {
  const DossierListOptions& options = list.options;
  const ReportPeriod& period = options.period;
  const auto received = store.received();
  const auto unit = store.unit();
  const auto procedure = store.procedure();
  const auto status = store.status();
  const auto ended = store.ended();
  const auto returned = store.returned();
  for (DossierStore::Index i = 0; i < store.size(); ++i) {
    if (dead != nullptr && dead->test(i)) continue;
    if (unit[i] >= units.size() || !sel.unit[unit[i]]) continue;
    const std::uint32_t p = procedure[i];
    if (!sel.procedure[p < procedures.size() ? p : procedures.size()]) continue;
    const Channel channel = dossier_status::channel(status[i]);
    if ((sel.channels & (1u << static_cast<unsigned>(channel))) == 0) continue;
    if (scope_of(received[i], ended[i], period) == Scope::out) continue;
    const DossierFacts facts = DossierFacts::of(store, i);
    const DossierEvaluation ev = evaluate_dossier(facts, period.as_of, calendar, options.policy);
    if (ev.timeliness == Timeliness::excluded) continue;
    const bool judged =
        ev.timeliness != Timeliness::no_appointment && ev.timeliness != Timeliness::end_unknown;
    std::optional<std::int64_t> late;
    if (judged) late = calendar.working_minutes_between(ev.effective_appointment, ev.end_instant);
    if (!chosen(ev, late, options, calendar, ev.effective_appointment)) continue;
    DossierListRow row;
    row.index = static_cast<DossierStore::Index>(offset + i);
    row.code = store.code(i);
    row.unit = unit[i];
    if (p < procedures.size()) row.procedure = p;
    row.channel = channel;
    row.received = received[i];
    row.appointment = from_stored_time(facts.appointment);
    if (judged) row.effective_appointment = ev.effective_appointment;
    if (ev.ended) {
      row.ended = from_stored_time(ended[i]);
      row.end_kind = dossier_status::end_kind(status[i]);
    }
    if (const auto r = from_stored_time(returned[i]); r && *r <= period.as_of) {
      row.returned = r;
    } else if (row.end_kind == EndKind::returned) {
      row.returned = row.ended;
    }
    row.evaluation = ev;
    row.late_minutes = late;
    row.new_appointment = new_appointment_of(facts.events, period.as_of);
    list.rows.push_back(std::move(row));
  }
}

/// The list over (store, superseded rows) segments.
template <class Segments>
DossierList list_segments(const Segments& segments, const UnitRegistry& units,
                          const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                          const DossierListOptions& options) {
  const ReportPeriod& period = options.period;
  if (period.to < period.from || period.as_of < period.start()) {
    throw ArgumentError("list_dossiers", "invalid period (use ReportPeriod::of)");
  }
  const detail::Selection sel = detail::select(units, procedures, options.filter, "list_dossiers");
  DossierList list{options, {}};
  std::size_t offset = 0;
  for (const auto& [store, dead] : segments) {
    choose_rows(*store, dead, offset, units, procedures, calendar, sel, list);
    offset += store->size();
  }
  if (options.order == DossierListOrder::receipt) {
    std::sort(list.rows.begin(), list.rows.end(), [](const auto& a, const auto& b) {
      return a.received != b.received ? a.received < b.received : a.code < b.code;
    });
  } else {
    std::sort(list.rows.begin(), list.rows.end(), more_urgent);
  }
  return list;
}

}  // namespace

DossierList list_dossiers(const DossierStore& store, const UnitRegistry& units,
                          const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                          const DossierListOptions& options) {
  const std::pair<const DossierStore*, const DeadRows*> one[] = {{&store, nullptr}};
  return list_segments(one, units, procedures, calendar, options);
}

DossierList list_dossiers(const StoreSnapshot& snapshot, const UnitRegistry& units,
                          const ProcedureCatalog& procedures, const WorkingCalendar& calendar,
                          const DossierListOptions& options) {
  std::vector<std::pair<const DossierStore*, const DeadRows*>> segments;
  for (const StoreSnapshot::Segment& s : snapshot.segments()) {
    segments.emplace_back(s.store.get(), s.dead.get());
  }
  return list_segments(segments, units, procedures, calendar, options);
}

std::string dossier_list_period(const DossierList& list, Language l) {
  const ReportPeriod& p = list.options.period;
  return detail::say(
      "list.period", l, fmt::arg("from", format_day(p.from, l)),
      fmt::arg("to", format_day(p.to, l)), fmt::arg("as_of", format_instant(p.as_of, l)),
      fmt::arg("count", format_count(static_cast<std::int64_t>(list.rows.size()), l)));
}

std::string dossier_list_cell(const DossierListRow& row, std::size_t number, std::string_view f,
                              const UnitRegistry& units, const ProcedureCatalog& procedures,
                              bool machine, Language l) {
  const auto instant = [&](std::optional<MinuteStamp> t) {
    if (!t) return std::string();
    return machine ? format_iso_datetime(*t) : format_instant(*t, l);
  };
  const Procedure* proc = row.procedure ? &procedures[*row.procedure] : nullptr;
  if (f == "stt") return std::to_string(number);
  if (f == "code") return row.code;
  if (f == "unit") return units[row.unit].code;
  if (f == "unit_name") {
    const Unit& u = units[row.unit];
    return u.name.empty() ? u.code : u.name;
  }
  if (f == "procedure") return proc ? proc->code : std::string();
  if (f == "procedure_name") return proc ? proc->name : std::string();
  if (f == "field") return proc ? proc->field : std::string();
  if (f == "channel") {
    return machine ? std::string(to_string(row.channel))
                   : label("channel", to_string(row.channel), l);
  }
  if (f == "received") return instant(row.received);
  if (f == "appointment") return instant(row.appointment);
  if (f == "effective_appointment") return instant(row.effective_appointment);
  if (f == "ended") return instant(row.ended);
  if (f == "returned") return instant(row.returned);
  if (f == "new_appointment") return instant(row.new_appointment);
  if (f == "status") {
    return machine ? std::string(to_string(row.evaluation.timeliness))
                   : timeliness_label(row.evaluation.timeliness, l);
  }
  if (f == "late") {
    if (!row.late_minutes) return {};
    if (machine) return std::to_string(*row.late_minutes);
    if (*row.late_minutes >= 0) return hours_text(*row.late_minutes, l);
    return detail::say(row.evaluation.ended ? "list.early_by" : "list.time_left", l,
                       fmt::arg("hours", hours_text(-*row.late_minutes, l)));
  }
  if (f == "apology") {
    return machine ? std::string(to_string(row.evaluation.apology))
                   : apology_label(row.evaluation.apology, l);
  }
  if (f == "count") return "1";
  if (f == "note") return note(row, l);
  return {};
}

DossierListLayout DossierListLayout::parse(std::string_view json_text, std::string_view origin) {
  return LayoutReader(origin).read(json_text);
}

std::optional<DossierListLayout> DossierListLayout::builtin(std::string_view id) {
  const std::string path = fmt::format("forms/{}.json", id);
  const std::string_view text = detail::embedded_file(path);
  if (text.empty()) return std::nullopt;
  // A form of counts (vpcp-06) is not a list.
  if (text.find("\"columns\"") == std::string_view::npos) return std::nullopt;
  return parse(text, path);
}

std::string format_dossier_list(const DossierList& list, const DossierListLayout& layout,
                                const UnitRegistry& units, const ProcedureCatalog& procedures,
                                DossierListFormat format, Language language) {
  return format == DossierListFormat::csv ? csv(list, layout, units, procedures)
                                          : table(list, layout, units, procedures, language);
}

}  // namespace parmetrics
