#include <parmetrics/text/messages.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include <parmetrics/error.hpp>

#include "detail/embedded_data.hpp"
#include "detail/json_document.hpp"

namespace parmetrics {

namespace {

constexpr std::array<Language, 2> kLanguages = {Language::vi, Language::en};

/// The named placeholders of a message ("{then}", "{now:>5}" → "then", "now"); "{{" is a brace.
std::set<std::string> placeholders_of(std::string_view text) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    const std::size_t end = text.find_first_of(":}", i + 1);
    if (end == std::string_view::npos) break;
    names.emplace(text.substr(i + 1, end - i - 1));
    i = end;
  }
  return names;
}

}  // namespace

struct MessageCatalogue::Data {
  std::map<std::string, std::array<std::string, 2>, std::less<>> messages;
};

MessageCatalogue::MessageCatalogue(std::unique_ptr<Data> data) : data_(std::move(data)) {}
MessageCatalogue::MessageCatalogue(MessageCatalogue&&) noexcept = default;
MessageCatalogue& MessageCatalogue::operator=(MessageCatalogue&&) noexcept = default;
MessageCatalogue::~MessageCatalogue() = default;

MessageCatalogue MessageCatalogue::parse(std::string_view json, std::string_view origin) {
  const nlohmann::json doc = detail::parse_json_document(json, origin);
  const auto fail = [&](const std::string& path, const std::string& reason) {
    throw DataError(std::string(origin), path, "", reason);
  };
  if (!doc.is_object()) fail("$", "not an object");
  if (doc.value("format", "") != "parmetrics-messages") {
    fail("$.format", "not \"parmetrics-messages\"");
  }
  if (!doc.contains("format_version") || doc["format_version"] != 1) {
    fail("$.format_version", "not 1");
  }
  const auto m = doc.find("messages");
  if (m == doc.end() || !m->is_object()) fail("$.messages", "not an object of messages");
  auto data = std::make_unique<Data>();
  for (const auto& [key, texts] : m->items()) {
    const std::string path = fmt::format("$.messages[\"{}\"]", key);
    if (!texts.is_object())
      fail(path, fmt::format("not an object but {}", detail::describe_json(texts)));
    std::array<std::string, 2> out;
    std::set<std::string> first;
    for (std::size_t l = 0; l < kLanguages.size(); ++l) {
      const std::string lang(to_string(kLanguages[l]));
      const auto t = texts.find(lang);
      if (t == texts.end() || !t->is_string() || t->get<std::string>().empty()) {
        fail(path, fmt::format("no text in \"{}\"", lang));
      }
      out[l] = t->get<std::string>();
      std::set<std::string> names = placeholders_of(out[l]);
      if (l == 0) {
        first = std::move(names);
      } else if (names != first) {
        fail(path, fmt::format("the placeholders of \"{}\" differ from those of \"vi\"", lang));
      }
    }
    for (const auto& [lang, _] : texts.items()) {
      if (!parse_language(lang)) fail(path, fmt::format("\"{}\" is not vi or en", lang));
    }
    data->messages.emplace(key, std::move(out));
  }
  return MessageCatalogue(std::move(data));
}

const MessageCatalogue& MessageCatalogue::builtin() {
  static const MessageCatalogue catalogue =
      parse(detail::embedded_file("messages/messages.json"), "messages/messages.json (built in)");
  return catalogue;
}

std::string_view MessageCatalogue::text(std::string_view key, Language language) const {
  const auto it = data_->messages.find(key);
  if (it == data_->messages.end()) {
    throw ArgumentError("message", fmt::format("the catalogue has no message \"{}\"", key));
  }
  return it->second[language == Language::vi ? 0 : 1];
}

bool MessageCatalogue::contains(std::string_view key) const noexcept {
  return data_->messages.find(key) != data_->messages.end();
}

std::vector<std::string> MessageCatalogue::keys() const {
  std::vector<std::string> out;
  for (const auto& [key, _] : data_->messages) out.push_back(key);
  return out;
}

std::vector<std::string> MessageCatalogue::placeholders(std::string_view key) const {
  const std::set<std::string> names = placeholders_of(text(key, Language::vi));
  return {names.begin(), names.end()};
}

std::string_view message(std::string_view key, Language language) {
  return MessageCatalogue::builtin().text(key, language);
}

}  // namespace parmetrics

namespace parmetrics {

std::string message(std::string_view key, Language language,
                    std::initializer_list<MessageArg> args) {
  const std::string_view text = message(key, language);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    const std::size_t end = text.find('}', i);
    // A format spec ("{now:>5}") is allowed by the catalogue and not used: the name is before it.
    std::string_view name = text.substr(i + 1, end - i - 1);
    name = name.substr(0, name.find(':'));
    const auto* arg =
        std::find_if(args.begin(), args.end(), [&](const MessageArg& a) { return a.name == name; });
    if (end == std::string_view::npos || arg == args.end()) {
      throw ArgumentError("message", fmt::format("\"{}\": no value for {{{}}}", key, name));
    }
    out += arg->value;
    i = end;
  }
  return out;
}

}  // namespace parmetrics
