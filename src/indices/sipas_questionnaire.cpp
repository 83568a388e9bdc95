#include <parmetrics/indices/sipas_questionnaire.hpp>

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include <parmetrics/error.hpp>

#include "indices/sipas_csv.hpp"
#include "indices/sipas_internal.hpp"
#include "io/mapped_file.hpp"

namespace parmetrics {

namespace detail {

std::string read_sipas_file(const std::filesystem::path& file) {
  return detail::read_file_text(file);
}

bool is_sipas_id(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string line_location(std::uint64_t line) {
  return fmt::format("line {}", line);
}

}  // namespace detail

std::string_view sipas_default_element_name(std::string_view code) noexcept {
  if (code == "A") return "Tiếp cận dịch vụ hành chính công";
  if (code == "B") return "Thủ tục hành chính";
  if (code == "C") return "Công chức trực tiếp giải quyết công việc";
  if (code == "D") return "Kết quả giải quyết thủ tục hành chính";
  if (code == "E") return "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị";
  return {};
}

std::size_t SipasQuestionnaire::add(SipasItem item, std::string_view element_name) {
  if (!detail::is_sipas_id(item.id)) {
    throw ArgumentError(
        "SipasQuestionnaire",
        fmt::format(
            "item id '{}' is empty or has characters other than letters, digits, '_', '-', '.'",
            item.id));
  }
  if (!detail::is_sipas_id(item.element)) {
    throw ArgumentError(
        "SipasQuestionnaire",
        fmt::format(
            "element '{}' is empty or has characters other than letters, digits, '_', '-', '.'",
            item.element));
  }
  if (item.element == "overall") {
    throw ArgumentError("SipasQuestionnaire",
                        "element 'overall' is reserved for the overall index");
  }
  if (by_id_.count(item.id) != 0) {
    throw ArgumentError("SipasQuestionnaire", fmt::format("duplicate item '{}'", item.id));
  }
  std::size_t element;
  if (const auto it = element_by_code_.find(item.element); it != element_by_code_.end()) {
    element = it->second;
  } else {
    element = elements_.size();
    SipasElement e;
    e.code = item.element;
    const std::string_view fallback = sipas_default_element_name(item.element);
    e.name = fallback.empty() ? item.element : std::string(fallback);
    elements_.push_back(std::move(e));
    named_.push_back(false);
    element_by_code_.emplace(item.element, element);
  }
  if (!element_name.empty()) {
    SipasElement& e = elements_[element];
    if (named_[element] && e.name != element_name) {
      throw ArgumentError("SipasQuestionnaire",
                          fmt::format("element '{}' is already named '{}'", e.code, e.name));
    }
    e.name = std::string(element_name);
    named_[element] = true;
  }
  const std::size_t index = items_.size();
  by_id_.emplace(item.id, index);
  elements_[element].items.push_back(index);
  element_of_.push_back(element);
  items_.push_back(std::move(item));
  return index;
}

std::optional<std::size_t> SipasQuestionnaire::find(std::string_view item_id) const {
  const auto it = by_id_.find(std::string(item_id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

SipasQuestionnaire SipasQuestionnaire::parse_csv(std::string_view text, std::string_view origin) {
  const std::string file(origin);
  detail::SipasCsvReader reader(text);
  const detail::SipasCsvHeader header = detail::read_header(reader, file, "item,element,text");
  std::vector<std::string_view> fields;
  std::uint64_t line = header.line;
  std::string problem;
  detail::SipasCsvReader::Status status{};
  const int item_col = header.index_of("item");
  const int element_col = header.index_of("element");
  const int text_col = header.index_of("text");
  const int name_col = header.index_of("element_name");
  for (const auto& [col, name] : {std::pair{item_col, "item"}, std::pair{element_col, "element"},
                                  std::pair{text_col, "text"}}) {
    if (col < 0) {
      throw DataError(file, detail::line_location(line), name,
                      "missing column (the header needs item,element,text)");
    }
  }
  const std::size_t columns = header.names.size();

  SipasQuestionnaire q;
  std::unordered_map<std::string, std::uint64_t> first_line;
  while ((status = reader.next(fields, line, problem)) != detail::SipasCsvReader::Status::kEnd) {
    const std::string location = detail::line_location(line);
    if (status == detail::SipasCsvReader::Status::kMalformed) {
      throw DataError(file, location, "", problem);
    }
    if (fields.size() != columns) {
      throw DataError(file, location, "",
                      fmt::format("expected {} fields, found {}", columns, fields.size()));
    }
    SipasItem item;
    item.id = std::string(detail::trim_blanks(fields[static_cast<std::size_t>(item_col)]));
    item.element = std::string(detail::trim_blanks(fields[static_cast<std::size_t>(element_col)]));
    item.text = std::string(detail::trim_blanks(fields[static_cast<std::size_t>(text_col)]));
    const std::string_view element_name =
        name_col < 0 ? std::string_view{}
                     : detail::trim_blanks(fields[static_cast<std::size_t>(name_col)]);
    if (!detail::is_sipas_id(item.id)) {
      throw DataError(
          file, location, "item",
          fmt::format("'{}' is not an item id (letters, digits, '_', '-', '.')", item.id));
    }
    if (!detail::is_sipas_id(item.element) || item.element == "overall") {
      throw DataError(file, location, "element",
                      fmt::format("'{}' is not an element code (letters, digits, '_', '-', '.'; "
                                  "not 'overall')",
                                  item.element));
    }
    if (item.text.empty()) throw DataError(file, location, "text", "empty item text");
    if (const auto it = first_line.find(item.id); it != first_line.end()) {
      throw DataError(file, location, "item",
                      fmt::format("duplicate item '{}' (first at line {})", item.id, it->second));
    }
    first_line.emplace(item.id, line);
    try {
      q.add(std::move(item), element_name);
    } catch (const ArgumentError& e) {
      throw DataError(file, location, "element_name", e.reason());
    }
  }
  if (q.size() == 0) throw DataError(file, "", "", "no items");
  return q;
}

SipasQuestionnaire SipasQuestionnaire::load_csv(const std::filesystem::path& file) {
  return parse_csv(detail::read_sipas_file(file), file.string());
}

}  // namespace parmetrics
