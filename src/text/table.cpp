#include "text/table.hpp"

#include <algorithm>
#include <optional>

#include "text/layout.hpp"

namespace parmetrics::detail {

namespace {

constexpr std::size_t kHeaderLines = 3;
constexpr std::size_t kMinWidth = 5;
constexpr std::size_t kFlexMin = 16;

std::vector<std::string> words(const std::string& label) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= label.size()) {
    const std::size_t end = std::min(label.find(' ', start), label.size());
    if (end > start) out.push_back(label.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

/// The label's lines at width `w` (a word longer than `w` has a line of its own).
std::vector<std::string> wrapped(const std::string& label, std::size_t w) {
  std::vector<std::string> lines;
  for (const std::string& word : words(label)) {
    if (!lines.empty() && width(lines.back()) + 1 + width(word) <= w) {
      lines.back() += ' ' + word;
    } else {
      lines.push_back(word);
    }
  }
  return lines;
}

/// The narrowest width at least `w` at which the label takes at most three lines.
std::size_t header_width(const std::string& label, std::size_t w) {
  for (const std::string& word : words(label)) w = std::max(w, width(word));
  while (wrapped(label, w).size() > kHeaderLines) ++w;
  return w;
}

std::string joined(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t j = 0; j < cells.size(); ++j) {
    if (j > 0) line += ' ';
    line += cells[j];
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + '\n';
}

}  // namespace

std::string text_table(const std::vector<TextColumn>& columns,
                       const std::vector<std::vector<std::string>>& rows, std::size_t total,
                       const std::vector<std::size_t>& rule_before) {
  const std::size_t n = columns.size();
  std::vector<std::size_t> w(n, 0);
  for (const auto& row : rows) {
    for (std::size_t j = 0; j < n && j < row.size(); ++j) w[j] = std::max(w[j], width(row[j]));
  }
  std::size_t fixed = n == 0 ? 0 : n - 1;  // the spaces between columns
  std::optional<std::size_t> flex;
  for (std::size_t j = 0; j < n; ++j) {
    if (columns[j].flex) {
      flex = j;
      continue;
    }
    w[j] = header_width(columns[j].label, std::max(w[j], kMinWidth));
    fixed += w[j];
  }
  if (flex) {
    const std::size_t natural = header_width(columns[*flex].label, w[*flex]);
    const std::size_t room = total > fixed ? total - fixed : 0;
    w[*flex] = std::max(std::min(natural, room), std::min(natural, kFlexMin));
  }
  std::vector<std::vector<std::string>> head(n);
  std::size_t depth = 0;
  for (std::size_t j = 0; j < n; ++j) {
    head[j] = wrapped(columns[j].label, w[j]);
    depth = std::max(depth, head[j].size());
  }
  std::string out;
  for (std::size_t line = 0; line < depth; ++line) {
    std::vector<std::string> cells(n);
    for (std::size_t j = 0; j < n; ++j) {
      // Labels sit on the header's last lines, as a printed form aligns them.
      const std::size_t skip = depth - head[j].size();
      const std::string text = line >= skip ? head[j][line - skip] : "";
      cells[j] = pad(text, w[j], columns[j].right);
    }
    out += joined(cells);
  }
  std::vector<std::string> rule(n);
  for (std::size_t j = 0; j < n; ++j) rule[j] = std::string(w[j], '-');
  const std::string rule_line = joined(rule);
  out += rule_line;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (std::find(rule_before.begin(), rule_before.end(), i) != rule_before.end()) {
      out += rule_line;
    }
    std::vector<std::string> cells(n);
    for (std::size_t j = 0; j < n; ++j) {
      const std::string& text = j < rows[i].size() ? rows[i][j] : std::string();
      cells[j] = columns[j].flex ? fit(text, w[j], false) : pad(text, w[j], columns[j].right);
    }
    out += joined(cells);
  }
  return out;
}

std::string markdown_table(const std::vector<TextColumn>& columns,
                           const std::vector<std::vector<std::string>>& rows) {
  const auto escaped = [](const std::string& text) {
    std::string e;
    for (const char ch : text) {
      if (ch == '|') e += '\\';
      e += ch;
    }
    return e;
  };
  std::string out = "|";
  for (const TextColumn& c : columns) out += ' ' + escaped(c.label) + " |";
  out += "\n|";
  for (const TextColumn& c : columns) out += c.right ? " ---: |" : " --- |";
  out += '\n';
  for (const auto& row : rows) {
    out += '|';
    for (std::size_t j = 0; j < columns.size(); ++j) {
      std::string cell = j < row.size() ? escaped(row[j]) : std::string();
      // Markdown drops leading spaces: non-breaking ones keep a hierarchy's indentation.
      std::size_t k = 0;
      while (k < cell.size() && cell[k] == ' ') ++k;
      std::string nb;
      for (std::size_t d = 0; d < k; ++d) nb += "\u00a0";
      out += ' ' + nb + cell.substr(k) + " |";
    }
    out += '\n';
  }
  return out;
}

}  // namespace parmetrics::detail
