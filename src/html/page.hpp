#pragma once
// A self-contained HTML page: UTF-8, the styles inline, charts as inline SVG, no script and no
// reference to anything outside the file (a Content-Security-Policy forbids it, so that a
// browser would say so), laid out for a screen and for A4 landscape paper. Internal.

#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/text/language.hpp>

#include "text/table.hpp"

namespace parmetrics::detail {

class HtmlPage {
 public:
  HtmlPage(std::string title, Language language);

  void heading(int level, std::string_view text);
  void paragraph(std::string_view text, std::string_view css_class = {});
  void list(const std::vector<std::string>& items);
  /// A table; `total_last`: the last row is a total (bold, ruled).
  void table(const std::vector<TextColumn>& columns,
             const std::vector<std::vector<std::string>>& rows, bool total_last = true);
  /// A chart and the table of its figures, in one figure.
  void figure(const std::string& svg, const std::vector<TextColumn>& columns,
              const std::vector<std::vector<std::string>>& rows);
  /// Markup written by the caller (already escaped).
  void raw(std::string_view html);

  std::string str() const;

 private:
  std::string title_;
  Language language_;
  std::string body_;
};

}  // namespace parmetrics::detail
