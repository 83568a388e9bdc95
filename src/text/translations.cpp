#include <parmetrics/text/translations.hpp>

namespace parmetrics {

void Translations::add(std::string vietnamese, std::string english) {
  english_.insert_or_assign(std::move(vietnamese), std::move(english));
}

std::string_view Translations::in(std::string_view vietnamese, Language language) const noexcept {
  if (language == Language::vi) return vietnamese;
  const auto it = english_.find(vietnamese);
  return it == english_.end() ? vietnamese : std::string_view(it->second);
}

}  // namespace parmetrics
