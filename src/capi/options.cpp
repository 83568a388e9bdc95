// The options of the C API's calls: a JSON object read key by key, and the options every result
// shares (period, filters, language, threads), checked against the context's data.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/metrics/timeliness.hpp>
#include <parmetrics/model/live_store.hpp>

#include "capi/capi.hpp"

namespace parmetrics::capi {

namespace {

// Options are small objects; the bound keeps a hostile text from nesting without end.
constexpr int kMaxDepth = 32;

nlohmann::json parse_object(const char* text, std::string_view what) {
  if (text == nullptr || *text == '\0') return nlohmann::json::object();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
      if (depth > kMaxDepth) {
        throw UsageError(PM_USAGE_OPTIONS,
                         fmt::format("{}: nested deeper than {} levels", what, kMaxDepth));
      }
      return true;
    });
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(PM_USAGE_OPTIONS, fmt::format("{}: not valid JSON: {}", what, e.what()));
  }
  if (!j.is_object()) {
    throw UsageError(PM_USAGE_OPTIONS,
                     fmt::format("{}: expected a JSON object, got {}", what, j.type_name()));
  }
  return j;
}

/// "2023-08-31T17:00", or a day meaning its end (24:00).
MinuteStamp instant_of(Options& o, std::string_view key, const std::string& text) {
  if (const auto day = parse_iso_date(text)) return to_minutes(*day + 1);
  const auto t = parse_iso_datetime(text);
  if (!t || day_of(*t) < kFirstSupportedDay || day_of(*t) > kLastSupportedDay) {
    o.fail(key, fmt::format("'{}' is not a date-time YYYY-MM-DDTHH:MM or a date within "
                            "1900-01-01..2199-12-31",
                            text));
  }
  return *t;
}

/// The period: "from" and "to" as given, else from the first day of the month of the earliest
/// receipt to the day of the latest (parmetrics report's default).
ReportPeriod read_period(Options& o, const Data& data, bool required) {
  std::optional<DayNumber> from, to;
  if (const auto v = o.text("from")) from = day_of_option(o, "from", *v);
  if (const auto v = o.text("to")) to = day_of_option(o, "to", *v);
  std::optional<MinuteStamp> as_of;
  if (const auto v = o.text("as_of")) as_of = instant_of(o, "as_of", *v);
  const bool empty = data.on_dossiers([](const auto& dossiers) { return dossiers.empty(); });
  if ((!from || !to) && (required || empty)) {
    o.fail(from ? "to" : "from",
           required ? "required" : "required when no dossier is loaded (no data to default to)");
  }
  if (from && to && *to < *from) o.fail("to", "before \"from\"");
  try {
    return data.on_dossiers(
        [&](const auto& dossiers) { return default_report_period(dossiers, from, to, as_of); });
  } catch (const ArgumentError& e) {
    o.fail("as_of", e.reason());
  }
}

/// Each of `names` that `known` refuses is PM_USAGE_NOT_FOUND: "filters.KEY: no WHAT 'NAME'".
template <class Known>
void check_known(std::string_view key, const std::vector<std::string>& names, std::string_view what,
                 Known&& known) {
  for (const std::string& name : names) {
    if (!known(name)) {
      throw UsageError(PM_USAGE_NOT_FOUND, fmt::format("filters.{}: no {} '{}'", key, what, name));
    }
  }
}

std::optional<Channel> channel_of(std::string_view name) {
  for (const Channel c : {Channel::direct, Channel::online, Channel::postal}) {
    if (to_string(c) == name) return c;
  }
  return std::nullopt;
}

ReportFilter read_filter(Options& o, const Data& c) {
  ReportFilter filter;
  auto f = o.object("filters");
  if (!f) return filter;
  const auto units = f->texts("units");
  check_known("units", units, "unit has the code",
              [&](const std::string& code) { return c.units.find(code).has_value(); });
  for (const std::string& code : units) filter.units.push_back(*c.units.find(code));
  const auto procedures = f->texts("procedures");
  check_known("procedures", procedures, "procedure has the code",
              [&](const std::string& code) { return c.procedures.find(code).has_value(); });
  for (const std::string& code : procedures) filter.procedures.push_back(*c.procedures.find(code));
  filter.levels = f->texts("levels");
  check_known("levels", filter.levels, "unit has the level", [&](const std::string& level) {
    for (std::size_t l = 0; l < c.units.level_count(); ++l) {
      if (c.units.level_name(static_cast<LevelId>(l)) == level) return true;
    }
    return false;
  });
  filter.fields = f->texts("fields");
  check_known("fields", filter.fields, "procedure has the field", [&](const std::string& field) {
    for (ProcedureId p = 0; p < c.procedures.size(); ++p) {
      if (c.procedures[p].field == field) return true;
    }
    return false;
  });
  for (const std::string& channel : f->texts("channels")) {
    const auto parsed = channel_of(channel);
    if (!parsed) f->fail("channels", "'" + channel + "' is not direct, online or postal");
    filter.channels.push_back(*parsed);
  }
  filter.subtrees = f->flag("subtrees").value_or(true);
  f->done();
  return filter;
}

}  // namespace

DayNumber day_of_option(Options& o, std::string_view key, const std::string& text) {
  const auto day = parse_iso_date(text);
  if (!day) o.fail(key, fmt::format("'{}' is not a date YYYY-MM-DD", text));
  if (*day < kFirstSupportedDay || *day > kLastSupportedDay) {
    o.fail(key, fmt::format("{} is outside 1900-01-01..2199-12-31", text));
  }
  return *day;
}

Options::Options(const char* json, std::string_view what)
    : json_(parse_object(json, what)), what_(what) {}

Options::Options(const nlohmann::json& object, std::string what)
    : json_(object), what_(std::move(what)) {
  if (!json_.is_object()) fail("", fmt::format("expected an object, got {}", json_.type_name()));
}

const nlohmann::json* Options::find(std::string_view key) {
  const auto it = json_.find(key);
  if (it == json_.end() || it->is_null()) return nullptr;
  if (std::find(read_.begin(), read_.end(), key) == read_.end()) read_.emplace_back(key);
  return &*it;
}

bool Options::has(std::string_view key) const {
  const auto it = json_.find(key);
  return it != json_.end() && !it->is_null();
}

void Options::fail(std::string_view key, std::string_view why) const {
  throw UsageError(PM_USAGE_OPTIONS, key.empty() ? fmt::format("{}: {}", what_, why)
                                                 : fmt::format("{}: \"{}\": {}", what_, key, why));
}

std::optional<std::string> Options::text(std::string_view key) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) fail(key, fmt::format("expected a string, got {}", v->type_name()));
  return v->get<std::string>();
}

std::optional<bool> Options::flag(std::string_view key) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) fail(key, fmt::format("expected true or false, got {}", v->type_name()));
  return v->get<bool>();
}

std::optional<std::int64_t> Options::integer(std::string_view key, std::int64_t min,
                                             std::int64_t max) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) {
    fail(key, fmt::format("expected a whole number, got {}", v->type_name()));
  }
  const auto n = v->is_number_unsigned() && v->get<std::uint64_t>() > std::uint64_t(max)
                     ? max + 1
                     : v->get<std::int64_t>();
  if (n < min || n > max) fail(key, fmt::format("expected {}..{}", min, max));
  return n;
}

std::vector<std::string> Options::texts(std::string_view key) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return {};
  if (!v->is_array()) fail(key, fmt::format("expected a list of strings, got {}", v->type_name()));
  std::vector<std::string> out;
  for (const nlohmann::json& item : *v) {
    if (!item.is_string()) fail(key, fmt::format("expected strings, got {}", item.type_name()));
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<nlohmann::json> Options::value(std::string_view key) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return std::nullopt;
  return *v;
}

std::optional<Options> Options::object(std::string_view key) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return std::nullopt;
  return Options(*v, fmt::format("{}: \"{}\"", what_, key));
}

std::optional<std::string> Options::choice(std::string_view key,
                                           std::initializer_list<std::string_view> choices) {
  auto v = text(key);
  if (!v || std::find(choices.begin(), choices.end(), *v) != choices.end()) return v;
  fail(key, fmt::format("'{}' is not one of {}", *v, fmt::join(choices, ", ")));
}

void Options::done() const {
  for (auto it = json_.begin(); it != json_.end(); ++it) {
    if (std::find(read_.begin(), read_.end(), it.key()) == read_.end() && !it->is_null()) {
      fail(it.key(), "unknown option");
    }
  }
}

Scope read_scope(Options& options, const Data& context, bool period_required) {
  Scope s;
  s.period = read_period(options, context, period_required);
  s.filter = read_filter(options, context);
  if (const auto l = options.choice("language", {"vi", "en"})) s.language = *parse_language(*l);
  s.threads = static_cast<unsigned>(options.integer("threads", 0, 1024).value_or(context.threads));
  return s;
}

TimelinessPolicy read_profile(Options& options) {
  const std::string name = options.choice("profile", {"default", "td"}).value_or("default");
  return *timeliness_profile(name);
}

std::string read_format(Options& options, std::initializer_list<std::string_view> formats) {
  return options.choice("format", formats).value_or(std::string(*formats.begin()));
}

}  // namespace parmetrics::capi
