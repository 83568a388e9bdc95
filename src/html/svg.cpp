#include "html/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "text/layout.hpp"

namespace parmetrics::detail {

namespace {

constexpr double kWidth = 960;
constexpr double kLabelWidth = 300;  // bar labels, left of the bars
constexpr double kBarHeight = 22;
constexpr const char* kFont = "font-family=\"'Noto Sans','DejaVu Sans',Arial,sans-serif\"";

std::string num(double v) {
  return fmt::format("{:.1f}", v);
}

std::string open_svg(const std::string& title, double height) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "class=\"chart\" {} font-size=\"13\"><title>{}</title>\n",
      num(kWidth), num(height), kFont, xml_escape(title));
}

std::string text(double x, double y, const std::string& s, const char* anchor = "start",
                 const char* extra = "") {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\"{}>{}</text>\n", num(x), num(y),
                     anchor, extra, xml_escape(s));
}

std::string rect(double x, double y, double w, double h, std::string_view fill) {
  return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", num(x),
                     num(y), num(w), num(h), fill);
}

/// The chart's title, top left, and a bar's label, right-aligned before the bars.
std::string heading(const std::string& title) {
  return text(8, 20, title, "start", " font-weight=\"bold\" font-size=\"15\"");
}

/// A label cut to fit the label column (about 7 px a character at 13 px).
std::string label_fit(const std::string& s) {
  const auto chars = static_cast<std::size_t>(kLabelWidth / 7.2);
  return width(s) > chars ? fit(s, chars, false) : s;
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string line_chart(const std::string& title, const std::vector<std::string>& x_labels,
                       const std::vector<LineSeries>& series, double y_max) {
  const double height = 340, left = 56, right = kWidth - 24, top = 40, bottom = height - 60;
  const auto x_of = [&](std::size_t i) {
    return x_labels.size() < 2 ? (left + right) / 2
                               : left + (right - left) * static_cast<double>(i) /
                                            static_cast<double>(x_labels.size() - 1);
  };
  const auto y_of = [&](double v) { return bottom - (bottom - top) * std::min(v, y_max) / y_max; };
  std::string s = open_svg(title, height);
  for (int g = 0; g <= 4; ++g) {  // grid every quarter of the scale
    const double v = y_max * g / 4, y = y_of(v);
    s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>\n", num(left),
                     num(y), num(right), num(y));
    s += text(left - 6, y + 4, fmt::format("{:.0f}\u00a0%", v), "end", " fill=\"#555\"");
  }
  for (std::size_t i = 0; i < x_labels.size(); ++i) {
    s += text(x_of(i), bottom + 18, x_labels[i], "middle", " fill=\"#333\"");
  }
  for (std::size_t k = 0; k < series.size(); ++k) {
    const LineSeries& line = series[k];
    std::string points;
    for (std::size_t i = 0; i < line.values.size() && i < x_labels.size(); ++i) {
      if (!line.values[i]) continue;
      points += fmt::format("{},{} ", num(x_of(i)), num(y_of(*line.values[i])));
      s += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"/>\n", num(x_of(i)),
                       num(y_of(*line.values[i])), line.colour);
    }
    s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>\n",
                     points, line.colour);
    const double lx = left + 180.0 * static_cast<double>(k);
    s += rect(lx, height - 22, 14, 4, line.colour);
    s += text(lx + 20, height - 16, line.name);
  }
  s += heading(title);
  return s + "</svg>\n";
}

std::string bar_chart(const std::string& title, const std::vector<Bar>& bars,
                      const std::string& colour, std::optional<double> reference,
                      const std::string& reference_label) {
  const double top = 44, height = top + kBarHeight * static_cast<double>(bars.size()) + 36;
  const double left = kLabelWidth + 8, right = kWidth - 70;
  double scale = reference.value_or(0);
  for (const Bar& b : bars) scale = std::max(scale, b.value);
  scale = scale <= 0 ? 100 : std::min(100.0, std::ceil(scale / 10) * 10);
  const auto x_of = [&](double v) { return left + (right - left) * std::min(v, scale) / scale; };
  std::string s = open_svg(title, height);
  s += heading(title);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = top + kBarHeight * static_cast<double>(i);
    s += text(kLabelWidth, y + 15, label_fit(b.label), "end");
    s += rect(left, y + 3, x_of(b.value) - left, kBarHeight - 6, colour);
    s += text(x_of(b.value) + 4, y + 15, b.value_text, "start", " fill=\"#333\"");
  }
  if (reference) {
    const double x = x_of(*reference);
    const double bottom = top + kBarHeight * static_cast<double>(bars.size());
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#222\" stroke-width=\"1.5\" "
        "stroke-dasharray=\"5,4\"/>\n",
        num(x), num(top - 4), num(bottom + 4));
    s += text(x, bottom + 22, reference_label, "middle", " fill=\"#222\"");
  }
  return s + "</svg>\n";
}

std::string stacked_bar_chart(const std::string& title, const std::vector<StackedBar>& bars,
                              const std::vector<std::string>& part_names,
                              const std::vector<std::string>& colours) {
  const double top = 44, height = top + kBarHeight * static_cast<double>(bars.size()) + 40;
  const double left = kLabelWidth + 8, right = kWidth - 24;
  std::string s = open_svg(title, height);
  s += heading(title);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const StackedBar& b = bars[i];
    const double y = top + kBarHeight * static_cast<double>(i);
    s += text(kLabelWidth, y + 15, label_fit(b.label), "end");
    double total = 0;
    for (const double p : b.parts) total += p;
    double x = left;
    for (std::size_t k = 0; k < b.parts.size() && total > 0; ++k) {
      const double w = (right - left) * b.parts[k] / total;
      if (w <= 0) continue;
      s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", num(x),
                       num(y + 3), num(w), num(kBarHeight - 6), colours[k % colours.size()]);
      x += w;
    }
  }
  const double ly = top + kBarHeight * static_cast<double>(bars.size()) + 22;
  for (std::size_t k = 0; k < part_names.size(); ++k) {
    const double lx = left + 220.0 * static_cast<double>(k);
    s += rect(lx, ly - 10, 14, 12, colours[k % colours.size()]);
    s += text(lx + 20, ly, part_names[k]);
  }
  return s + "</svg>\n";
}

}  // namespace parmetrics::detail
