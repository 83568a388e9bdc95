#pragma once
// Reading a data file's "en" object into Translations (translations.hpp). Internal.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include <parmetrics/error.hpp>
#include <parmetrics/text/translations.hpp>

#include "detail/json_document.hpp"

namespace parmetrics::detail {

/// The document's "en": an object of strings, Vietnamese label → English; a DataError at
/// `$.en["…"]` otherwise.
inline Translations read_translations(const nlohmann::json& doc, std::string_view origin) {
  Translations t;
  const auto en = doc.find("en");
  if (en == doc.end()) return t;
  if (!en->is_object()) throw DataError(std::string(origin), "$.en", "", "not an object of labels");
  for (const auto& [vi, text] : en->items()) {
    if (!text.is_string()) {
      throw DataError(std::string(origin), "$.en[\"" + vi + "\"]", "",
                      "not a string but " + describe_json(text));
    }
    t.add(vi, text.get<std::string>());
  }
  return t;
}

}  // namespace parmetrics::detail
