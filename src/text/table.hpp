#pragma once
// A table for a terminal or a printed page: labels wrapped over up to three header lines, numbers
// right-aligned, one flexible text column (names) cut to make the whole fit a width. Internal.

#include <cstddef>
#include <string>
#include <vector>

namespace parmetrics::detail {

struct TextColumn {
  std::string label;
  bool right = true;  ///< numbers; text is left-aligned
  bool flex = false;  ///< takes what the others leave of the width (cut with "…")
};

/// Rows of cells (one per column) as lines of at most `width` columns when the columns allow it;
/// `rule_before` are the rows a dashed rule precedes (a total).
std::string text_table(const std::vector<TextColumn>& columns,
                       const std::vector<std::vector<std::string>>& rows, std::size_t width,
                       const std::vector<std::size_t>& rule_before = {});

/// The same as a Markdown table (labels on one line, numbers right-aligned).
std::string markdown_table(const std::vector<TextColumn>& columns,
                           const std::vector<std::vector<std::string>>& rows);

}  // namespace parmetrics::detail
