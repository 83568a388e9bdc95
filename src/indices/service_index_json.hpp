#pragma once
// Reading the service index's JSON documents (methodologies and counts) with errors that name the
// file, the JSON path of the object, the field and the reason.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include <parmetrics/error.hpp>

namespace parmetrics::detail {

class JsonReader {
 public:
  using json = nlohmann::json;

  explicit JsonReader(std::string_view origin) : origin_(origin) {}

  /// Parses the text; a syntax error names its line and column.
  json parse(std::string_view text) const {
    try {
      return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
      const std::size_t at = e.byte == 0 ? 0 : std::min<std::size_t>(e.byte - 1, text.size());
      const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
      const auto last_nl = text.substr(0, at).rfind('\n');
      const auto column = at - (last_nl == std::string_view::npos ? 0 : last_nl + 1) + 1;
      throw DataError(std::string(origin_), fmt::format("line {}, column {}", line, column), "",
                      fmt::format("not valid JSON ({})", e.what()));
    }
  }

  [[noreturn]] void fail(const std::string& path, std::string_view field,
                         const std::string& reason) const {
    throw DataError(std::string(origin_), path, std::string(field), reason);
  }

  static std::string index(const std::string& path, std::size_t i) {
    return fmt::format("{}[{}]", path, i);
  }
  static std::string key(const std::string& path, std::string_view k) {
    return fmt::format("{}.{}", path, k);
  }

  void expect_object(const json& v, const std::string& path, std::string_view field) const {
    if (!v.is_object()) fail(path, field, fmt::format("expected an object, got {}", kind(v)));
  }

  /// Rejects keys outside `known` (a misspelt "treshold" must not pass unnoticed).
  void only_keys(const json& object, const std::string& path,
                 std::initializer_list<std::string_view> known) const {
    for (const auto& item : object.items()) {
      if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
        std::string list;
        for (std::string_view k : known) {
          if (!list.empty()) list += ", ";
          list += k;
        }
        fail(path, item.key(), fmt::format("unknown key (expected one of: {})", list));
      }
    }
  }

  const json* find(const json& object, std::string_view k) const {
    const auto it = object.find(std::string(k));
    return it == object.end() ? nullptr : &*it;
  }

  const json& required(const json& object, const std::string& path, std::string_view k) const {
    const json* v = find(object, k);
    if (v == nullptr) fail(path, k, "is missing");
    return *v;
  }

  std::string string(const json& object, const std::string& path, std::string_view k,
                     bool must_exist, bool non_empty) const {
    const json* v = find(object, k);
    if (v == nullptr) {
      if (must_exist) fail(path, k, "is missing");
      return {};
    }
    if (!v->is_string()) fail(path, k, fmt::format("expected a string, got {}", kind(*v)));
    std::string s = v->get<std::string>();
    if (non_empty && s.empty()) fail(path, k, "must not be empty");
    return s;
  }

  double number(const json& v, const std::string& path, std::string_view field) const {
    if (!v.is_number()) fail(path, field, fmt::format("expected a number, got {}", kind(v)));
    return v.get<double>();
  }

  /// A whole number in [0, limit].
  std::uint64_t count(const json& v, const std::string& path, std::string_view field,
                      std::uint64_t limit) const {
    if (v.is_number_unsigned()) {
      const auto n = v.get<std::uint64_t>();
      if (n > limit) fail(path, field, fmt::format("{} is more than the limit {}", n, limit));
      return n;
    }
    if (v.is_number_integer()) fail(path, field, fmt::format("{} is negative", v.dump()));
    if (v.is_number_float()) fail(path, field, fmt::format("{} is not a whole number", v.dump()));
    fail(path, field, fmt::format("expected a whole number, got {}", kind(v)));
  }

  static std::string kind(const json& v) {
    switch (v.type()) {
      case json::value_t::null:
        return "null";
      case json::value_t::object:
        return "an object";
      case json::value_t::array:
        return "an array";
      case json::value_t::string:
        return fmt::format("the string {}", v.dump());
      case json::value_t::boolean:
        return fmt::format("the boolean {}", v.dump());
      default:
        return fmt::format("the number {}", v.dump());
    }
  }

  std::string_view origin() const noexcept { return origin_; }

 private:
  std::string_view origin_;
};

}  // namespace parmetrics::detail
