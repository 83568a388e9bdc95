#pragma once
// Charts as inline SVG, written by a few functions of our own: lines over time, ranked bars with
// a reference line (the province's average), stacked bars. Each chart is a complete <svg> element
// with a <title>, sized by its viewBox so that it scales to the page and prints sharp; the labels
// are text (Vietnamese stays text, not paths). Internal.
//
// Why our own: three chart shapes, no interaction and no script, so that the page stays one
// self-contained file; a charting library would bring JavaScript or a dependency larger than
// this file for the same picture.

#include <optional>
#include <string>
#include <vector>

namespace parmetrics::detail {

/// Text for HTML and SVG: & < > " escaped.
std::string xml_escape(std::string_view text);

struct LineSeries {
  std::string name;
  std::string colour;                         ///< "#c0392b"
  std::vector<std::optional<double>> values;  ///< one per x label; nullopt: no point
};

/// Percentages over labelled points in time (0–100 on the y axis, or up to `y_max`).
std::string line_chart(const std::string& title, const std::vector<std::string>& x_labels,
                       const std::vector<LineSeries>& series, double y_max = 100.0);

struct Bar {
  std::string label;
  double value = 0;        ///< a percentage
  std::string value_text;  ///< as the language writes it
};

/// Horizontal bars, one per row in the order given, with a dashed vertical line at `reference`
/// labelled `reference_label` (the province's average).
std::string bar_chart(const std::string& title, const std::vector<Bar>& bars,
                      const std::string& colour, std::optional<double> reference,
                      const std::string& reference_label);

struct StackedBar {
  std::string label;
  std::vector<double> parts;  ///< counts, stacked left to right
};

/// Horizontal bars of `parts` scaled to each bar's own total (100 %), with a legend.
std::string stacked_bar_chart(const std::string& title, const std::vector<StackedBar>& bars,
                              const std::vector<std::string>& part_names,
                              const std::vector<std::string>& colours);

}  // namespace parmetrics::detail
