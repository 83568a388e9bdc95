#pragma once
// The English of a data file's Vietnamese labels: a form file's or a list layout's "en" object,
// {"Tổng số": "Total", …}. An official form is written in Vietnamese; a label with no English
// stays as the form writes it.
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <parmetrics/export.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics {

class PARMETRICS_API Translations {
 public:
  void add(std::string vietnamese, std::string english);
  /// `vietnamese` itself in Vietnamese, or without an English for it; else its English.
  std::string_view in(std::string_view vietnamese, Language language) const noexcept;
  bool empty() const noexcept { return english_.empty(); }

 private:
  std::map<std::string, std::string, std::less<>> english_;
};

}  // namespace parmetrics
