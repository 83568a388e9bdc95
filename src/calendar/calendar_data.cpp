#include <parmetrics/calendar/calendar_data.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include <parmetrics/calendar/iso_format.hpp>
#include <parmetrics/error.hpp>

#include "detail/embedded_data.hpp"
#include "detail/json_document.hpp"
#include "io/mapped_file.hpp"

namespace parmetrics {

namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "parmetrics-calendar";
constexpr int kFormatVersion = 1;

// A value in a message: a number as written, anything else described (and cut short).
std::string shown(const json& v) {
  return v.is_number() ? v.dump() : detail::describe_json(v);
}

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& reason) const {
    throw DataError(origin_, "", path, reason);
  }

  const json& member(const json& object, const std::string& path, const char* key,
                     bool required = true) const {
    static const json kNull;
    if (!object.is_object()) fail(path, "expected an object");
    const auto it = object.find(key);
    if (it == object.end()) {
      if (required) fail(join(path, key), "is missing");
      return kNull;
    }
    return *it;
  }

  std::string string(const json& value, const std::string& path) const {
    if (!value.is_string()) fail(path, "expected a string, got " + detail::describe_json(value));
    return value.get<std::string>();
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  const std::string& origin() const { return origin_; }

 private:
  std::string origin_;
};

WorkingHours parse_hours(const Reader& r, const json& node, const std::string& path) {
  static constexpr const char* kDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                          "thursday", "friday", "saturday"};
  if (!node.is_object()) r.fail(path, "expected an object of day schedules");
  auto schedule = [&](const char* key) -> std::optional<DaySchedule> {
    const json& v = r.member(node, path, key, false);
    if (v.is_null()) return std::nullopt;
    const std::string field = Reader::join(path, key);
    try {
      return DaySchedule::parse(r.string(v, field));
    } catch (const ArgumentError& e) {
      r.fail(field, e.reason());
    }
  };
  for (const auto& [key, value] : node.items()) {
    (void)value;
    const bool known = key == "default" || key == "standard_day" ||
                       std::find(std::begin(kDays), std::end(kDays), key) != std::end(kDays);
    if (!known)
      r.fail(Reader::join(path, key), "unknown key (expected default, standard_day or a weekday)");
  }
  const auto every_day = schedule("default");
  WorkingHours hours = every_day ? WorkingHours(*every_day) : WorkingHours();
  for (unsigned w = 0; w < 7; ++w) {
    if (auto s = schedule(kDays[w])) hours.set(w, *s);
  }
  if (auto s = schedule("standard_day")) hours.set_standard_day(*s);
  return hours;
}

}  // namespace

CalendarData CalendarData::parse(std::string_view text, std::string origin) {
  const json doc = detail::parse_json_document(text, origin);
  const Reader r(origin);
  CalendarData data;
  if (!doc.is_object()) r.fail("", "the document must be a JSON object");
  const std::string format = r.string(r.member(doc, "", "format"), "format");
  if (format != kFormat)
    r.fail("format", fmt::format("expected \"{}\", got \"{}\"", kFormat, format));
  const json& version = r.member(doc, "", "format_version");
  if (!version.is_number_integer() || version.get<std::int64_t>() != kFormatVersion) {
    r.fail("format_version", fmt::format("expected {}, got {}", kFormatVersion, shown(version)));
  }
  data.name_ = r.string(r.member(doc, "", "name"), "name");
  if (data.name_.empty()) r.fail("name", "must not be empty");
  data.version_ = r.string(r.member(doc, "", "version"), "version");
  if (const json& d = r.member(doc, "", "description", false); !d.is_null()) {
    data.description_ = r.string(d, "description");
  }
  if (const json& h = r.member(doc, "", "working_hours", false); !h.is_null()) {
    data.hours_ = parse_hours(r, h, "working_hours");
  }

  const json& years = r.member(doc, "", "years");
  if (!years.is_array()) r.fail("years", "expected an array");
  for (std::size_t yi = 0; yi < years.size(); ++yi) {
    const std::string ypath = fmt::format("years[{}]", yi);
    const json& y = years[yi];
    CalendarDataYear year;
    const json& yv = r.member(y, ypath, "year");
    if (!yv.is_number_integer() || yv.get<std::int64_t>() < 1900 || yv.get<std::int64_t>() > 2199) {
      r.fail(ypath + ".year", fmt::format("expected a year 1900..2199, got {}", shown(yv)));
    }
    year.year = static_cast<int>(yv.get<std::int64_t>());
    if (std::any_of(data.years_.begin(), data.years_.end(),
                    [&](const CalendarDataYear& o) { return o.year == year.year; })) {
      r.fail(ypath + ".year", fmt::format("year {} is given twice", year.year));
    }
    if (const json& rep = r.member(y, ypath, "replaces", false); !rep.is_null()) {
      if (!rep.is_array()) r.fail(ypath + ".replaces", "expected an array of rule blocks");
      for (std::size_t i = 0; i < rep.size(); ++i) {
        const std::string path = fmt::format("{}.replaces[{}]", ypath, i);
        std::string block = r.string(rep[i], path);
        if (std::find(std::begin(kRuleBlocks), std::end(kRuleBlocks), block) ==
            std::end(kRuleBlocks)) {
          r.fail(path, fmt::format("unknown rule block \"{}\"", block));
        }
        year.replaces.push_back(std::move(block));
      }
    }
    const json& days = r.member(y, ypath, "days");
    if (!days.is_array()) r.fail(ypath + ".days", "expected an array");
    for (std::size_t di = 0; di < days.size(); ++di) {
      const std::string dpath = fmt::format("{}.days[{}]", ypath, di);
      const json& d = days[di];
      CalendarDataDay day;
      const std::string date_text = r.string(r.member(d, dpath, "date"), dpath + ".date");
      const auto date = parse_iso_date(date_text);
      if (!date) r.fail(dpath + ".date", fmt::format("\"{}\" is not a date YYYY-MM-DD", date_text));
      if (civil_from_days(*date).year != year.year) {
        r.fail(dpath + ".date", fmt::format("{} is not in year {}", date_text, year.year));
      }
      day.date = *date;
      const std::string kind_text = r.string(r.member(d, dpath, "kind"), dpath + ".kind");
      const auto kind = day_kind_from_string(kind_text);
      if (!kind || *kind == DayKind::weekend) {
        r.fail(dpath + ".kind",
               fmt::format("\"{}\" is not one of holiday, observed, swap_off, swap_work, workday",
                           kind_text));
      }
      day.kind = *kind;
      if (std::any_of(year.days.begin(), year.days.end(),
                      [&](const CalendarDataDay& o) { return o.date == day.date; })) {
        r.fail(dpath + ".date", fmt::format("{} is listed twice", date_text));
      }
      if (const json& n = r.member(d, dpath, "name", false); !n.is_null()) {
        day.name = r.string(n, dpath + ".name");
      }
      if (const json& s = r.member(d, dpath, "source", false); !s.is_null()) {
        day.source = r.string(s, dpath + ".source");
      }
      year.days.push_back(std::move(day));
    }
    data.years_.push_back(std::move(year));
  }
  return data;
}

CalendarData CalendarData::load(const std::filesystem::path& file) {
  return parse(detail::read_file_text(file), file.string());
}

const CalendarData& CalendarData::builtin() {
  static const CalendarData data = parse(detail::embedded_file("calendar/vn-official.json"),
                                         "built-in data/calendar/vn-official.json");
  return data;
}

CalendarDataYear& CalendarData::year_of(int year) {
  for (CalendarDataYear& y : years_) {
    if (y.year == year) return y;
  }
  years_.push_back(CalendarDataYear{year, {}, {}});
  return years_.back();
}

CalendarData::Builder::Builder(std::string name, std::string version) {
  if (name.empty()) throw ArgumentError("CalendarData::Builder", "the data set needs a name");
  data_.name_ = std::move(name);
  data_.version_ = std::move(version);
}

CalendarData::Builder& CalendarData::Builder::description(std::string text) {
  data_.description_ = std::move(text);
  return *this;
}

CalendarData::Builder& CalendarData::Builder::day(DayNumber date, DayKind kind, std::string name,
                                                  std::string source) {
  constexpr const char* where = "CalendarData::Builder::day";
  if (date < kFirstSupportedDay || date > kLastSupportedDay) {
    throw RangeError(where,
                     fmt::format("{} is outside 1900-01-01..2199-12-31", format_iso_date(date)));
  }
  if (kind == DayKind::weekend) {
    throw ArgumentError(where, fmt::format("{}: a data set gives holiday, observed, swap_off, "
                                           "swap_work or workday days, not weekend",
                                           format_iso_date(date)));
  }
  CalendarDataYear& y = data_.year_of(civil_from_days(date).year);
  if (std::any_of(y.days.begin(), y.days.end(),
                  [&](const CalendarDataDay& d) { return d.date == date; })) {
    throw ArgumentError(where, fmt::format("{} is given twice", format_iso_date(date)));
  }
  y.days.push_back(CalendarDataDay{date, kind, std::move(name), std::move(source)});
  return *this;
}

CalendarData::Builder& CalendarData::Builder::swap(DayNumber off, DayNumber work, std::string name,
                                                   std::string source) {
  day(off, DayKind::swap_off, name, source);
  return day(work, DayKind::swap_work, std::move(name), std::move(source));
}

CalendarData::Builder& CalendarData::Builder::replaces(int year, std::string block) {
  if (std::find(std::begin(kRuleBlocks), std::end(kRuleBlocks), block) == std::end(kRuleBlocks)) {
    throw ArgumentError("CalendarData::Builder::replaces",
                        fmt::format("unknown rule block \"{}\"", block));
  }
  if (year < 1900 || year > 2199) {
    throw RangeError("CalendarData::Builder::replaces",
                     fmt::format("year {} is outside 1900..2199", year));
  }
  data_.year_of(year).replaces.push_back(std::move(block));
  return *this;
}

CalendarData::Builder& CalendarData::Builder::hours(WorkingHours hours) {
  data_.hours_ = std::move(hours);
  return *this;
}

CalendarData::Builder& CalendarData::Builder::hours(unsigned weekday, const DaySchedule& schedule) {
  if (!data_.hours_) data_.hours_ = WorkingHours();
  data_.hours_->set(weekday, schedule);
  return *this;
}

CalendarData CalendarData::Builder::build() const {
  CalendarData out = data_;
  std::sort(out.years_.begin(), out.years_.end(),
            [](const CalendarDataYear& a, const CalendarDataYear& b) { return a.year < b.year; });
  for (CalendarDataYear& y : out.years_) {
    std::sort(y.days.begin(), y.days.end(),
              [](const CalendarDataDay& a, const CalendarDataDay& b) { return a.date < b.date; });
  }
  return out;
}

}  // namespace parmetrics
