#pragma once
// A SIPAS questionnaire (phiếu khảo sát đo lường sự hài lòng): the items answered on the 5-point
// scale, each in one element (yếu tố) of service delivery. By default the elements are
// A access (tiếp cận dịch vụ), B procedure (thủ tục hành chính), C civil servant (công chức),
// D result (kết quả), E feedback handling (tiếp nhận, xử lý góp ý, phản ánh, kiến nghị); any other
// element code is allowed. The default service questionnaire ships as
// data/sipas/questionnaire-service.csv. Format: docs/sipas.md.
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <parmetrics/export.hpp>

namespace parmetrics {

struct SipasItem {
  std::string id;       ///< e.g. "A1"; letters, digits, '_', '-', '.'
  std::string element;  ///< element code, e.g. "A"; same characters, never "overall"
  std::string text;     ///< the statement as printed on the form (UTF-8)
};

struct SipasElement {
  std::string code;  ///< as in the questionnaire, e.g. "A"
  std::string name;  ///< from the file's optional element_name column, else the default name
  std::vector<std::size_t> items;  ///< indices into SipasQuestionnaire::items(), in file order
};

/// The default name of a standard element code ("A" → "Tiếp cận dịch vụ (access)"), or an empty
/// string for a code that is not one of A–E.
PARMETRICS_API std::string_view sipas_default_element_name(std::string_view code) noexcept;

class PARMETRICS_API SipasQuestionnaire {
 public:
  /// Adds an item; its element is created at its first item. Throws ArgumentError on an
  /// empty or malformed id or element code, the reserved code "overall", or a duplicate id.
  std::size_t add(SipasItem item, std::string_view element_name = {});

  const std::vector<SipasItem>& items() const noexcept { return items_; }
  /// Elements in the order of their first item.
  const std::vector<SipasElement>& elements() const noexcept { return elements_; }
  std::size_t size() const noexcept { return items_.size(); }
  std::optional<std::size_t> find(std::string_view item_id) const;
  /// Index into elements() of an item's element.
  std::size_t element_of(std::size_t item) const { return element_of_.at(item); }

  /// Reads CSV `item,element,text` (header row, columns in any order, an optional element_name
  /// column, other columns ignored). A questionnaire is configuration: the first bad record throws
  /// DataError naming `origin`, the line, the field and the reason; so does an empty file.
  static SipasQuestionnaire parse_csv(std::string_view text, std::string_view origin);
  static SipasQuestionnaire load_csv(const std::filesystem::path& file);

 private:
  std::vector<SipasItem> items_;
  std::vector<SipasElement> elements_;
  std::vector<std::size_t> element_of_;
  std::vector<bool> named_;  ///< per element: named by an element_name
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::size_t> element_by_code_;
};

}  // namespace parmetrics
