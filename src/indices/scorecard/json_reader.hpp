#pragma once
// Reading the indices' JSON documents (scorecard methodologies, the QĐ 766 files, counts) with
// errors that name the file, the JSON path of the object, the field and the reason.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include <parmetrics/error.hpp>

#include "detail/json_document.hpp"

namespace parmetrics::detail {

class JsonReader {
 public:
  using json = nlohmann::json;

  /// The wording of two messages, as each file format has always said them: QĐ 766 files speak
  /// of keys ("unknown key (expected one of: a, b)", "must not be empty"), scorecard and PAR
  /// files of fields ("unknown field (expected one of a, b)", "is empty").
  enum class Wording : unsigned char { keys, fields };

  explicit JsonReader(std::string_view origin, Wording wording = Wording::keys)
      : origin_(origin), wording_(wording) {}

  /// Parses the text; any failure names its line and column (see parse_json_document).
  json parse(std::string_view text) const { return parse_json_document(text, origin_); }

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
    only_keys(object, path, std::span<const std::string_view>(known.begin(), known.size()));
  }
  void only_keys(const json& object, const std::string& path,
                 std::span<const std::string_view> known) const {
    for (const auto& item : object.items()) {
      if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
        std::string list;
        for (std::string_view k : known) {
          if (!list.empty()) list += ", ";
          list += k;
        }
        fail(path, item.key(),
             wording_ == Wording::keys ? fmt::format("unknown key (expected one of: {})", list)
                                       : fmt::format("unknown field (expected one of {})", list));
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
    if (non_empty && s.empty())
      fail(path, k, wording_ == Wording::keys ? "must not be empty" : "is empty");
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

  static std::string kind(const json& v) { return describe_json(v); }

  std::string_view origin() const noexcept { return origin_; }

 private:
  std::string_view origin_;
  Wording wording_;
};

}  // namespace parmetrics::detail
