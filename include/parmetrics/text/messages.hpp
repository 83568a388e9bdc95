#pragma once
// The message catalogue: every label and sentence parmetrics shows people, in each language, in
// one data file (data/messages/messages.json, compiled into the library) instead of strings
// scattered through the code. A message is a text with named placeholders ("{then}"), the same
// set in every language. docs/report.md lists the keys.
//
// Thread-safety: a catalogue is immutable once made; builtin() may be called from any thread.

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics {

class PARMETRICS_API MessageCatalogue {
 public:
  /// The catalogue compiled into the library.
  static const MessageCatalogue& builtin();
  /// Reads a catalogue file; a DataError names the origin, the JSON path and the reason (a
  /// message missing a language, placeholders that differ between languages, …).
  static MessageCatalogue parse(std::string_view json, std::string_view origin);

  MessageCatalogue(MessageCatalogue&&) noexcept;
  MessageCatalogue& operator=(MessageCatalogue&&) noexcept;
  ~MessageCatalogue();

  /// The text of `key` in `language`; an Error naming the key when the catalogue has none.
  std::string_view text(std::string_view key, Language language) const;
  bool contains(std::string_view key) const noexcept;
  /// Every key, sorted.
  std::vector<std::string> keys() const;
  /// The placeholders of a message, sorted ("then", "now"); empty for a plain label.
  std::vector<std::string> placeholders(std::string_view key) const;

 private:
  struct Data;
  explicit MessageCatalogue(std::unique_ptr<Data> data);
  std::unique_ptr<Data> data_;
};

/// MessageCatalogue::builtin().text(key, language).
PARMETRICS_API std::string_view message(std::string_view key, Language language);

/// A placeholder's value, already written as the language writes it.
struct MessageArg {
  std::string_view name;
  std::string value;
};

/// The built-in message with its placeholders filled by name ("{{" is a brace):
/// message("targets.summary", Language::vi, {{"met", "3"}, {"not_met", "1"}, {"na", "0"}}).
/// An Error names a placeholder given no value.
PARMETRICS_API std::string message(std::string_view key, Language language,
                                   std::initializer_list<MessageArg> args);

}  // namespace parmetrics
