#include "detail/json_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include <parmetrics/error.hpp>

namespace parmetrics::detail {
namespace {

using json = nlohmann::json;

// nlohmann's DOM builder, with the depth counted and the first error kept (with its offset)
// rather than thrown, so that every failure — syntax, number overflow (which nlohmann reports
// as out_of_range 406, not parse_error), depth — leaves by one path.
class BoundedDomParser {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  explicit BoundedDomParser(json& root) : dom_(root, false) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(number_float_t v, const string_t& s) { return dom_.number_float(v, s); }
  bool string(string_t& v) { return dom_.string(v); }
  bool binary(binary_t& v) { return dom_.binary(v); }
  bool start_object(std::size_t n) { return deeper() && dom_.start_object(n); }
  bool key(string_t& k) { return dom_.key(k); }
  bool end_object() {
    --depth_;
    return dom_.end_object();
  }
  bool start_array(std::size_t n) { return deeper() && dom_.start_array(n); }
  bool end_array() {
    --depth_;
    return dom_.end_array();
  }
  template <class Exception>
  bool parse_error(std::size_t offset, const std::string& /*token*/, const Exception& e) {
    if (reason_.empty()) {
      // "[json.exception.parse_error.101] parse error at line 3, column 7: …" → from "parse".
      std::string what = e.what();
      if (const auto p = what.find("] "); p != std::string::npos) what.erase(0, p + 2);
      reason_ = std::move(what);
      offset_ = offset;
    }
    return false;
  }

  // The start_* events carry no offset: for depth the caller finds the place itself.
  const std::string& reason() const noexcept { return reason_; }
  std::size_t offset() const noexcept { return offset_; }
  bool too_deep() const noexcept { return too_deep_; }

 private:
  bool deeper() {
    if (++depth_ <= kMaxJsonDepth) return true;
    too_deep_ = true;
    return false;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
  std::string reason_;
  std::size_t offset_ = 0;
};

std::string line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const auto before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto last_nl = before.rfind('\n');
  const auto column = offset - (last_nl == std::string_view::npos ? 0 : last_nl + 1) + 1;
  return fmt::format("line {}, column {}", line, column);
}

// Where the nesting first goes past the bound: the bracket that opens level kMaxJsonDepth + 1,
// found by a scan that skips strings.
std::size_t offset_of_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

}  // namespace

json parse_json_document(std::string_view text, std::string_view origin) {
  json doc;
  BoundedDomParser parser(doc);
  bool ok = false;
  try {
    ok = json::sax_parse(text.begin(), text.end(), &parser);
  } catch (const json::exception& e) {
    // Only the DOM builder's size checks throw (408, an object larger than max_size).
    throw DataError(std::string(origin), "", "", fmt::format("not valid JSON: {}", e.what()));
  }
  if (ok) return doc;
  if (parser.too_deep()) {
    throw DataError(std::string(origin),
                    line_and_column(text, offset_of_depth(text, kMaxJsonDepth)), "",
                    fmt::format("not valid JSON: nested too deeply (more than {} levels of "
                                "arrays and objects)",
                                kMaxJsonDepth));
  }
  // nlohmann's offset counts the characters read, the failing one included.
  const std::size_t offset = parser.offset() == 0 ? 0 : parser.offset() - 1;
  throw DataError(std::string(origin), line_and_column(text, offset), "",
                  fmt::format("not valid JSON: {}", parser.reason()));
}

std::string describe_json(const json& value) {
  constexpr std::size_t kShown = 40;
  const auto clipped = [&] {
    std::string s = value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() > kShown) {
      // Cut on a UTF-8 character boundary.
      std::size_t cut = kShown;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
      s.resize(cut);
      s += "…";
    }
    return s;
  };
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return fmt::format("the string {}", clipped());
    case json::value_t::boolean:
      return fmt::format("the boolean {}", clipped());
    case json::value_t::binary:
    case json::value_t::discarded:
      return "a value";
    default:
      return fmt::format("the number {}", clipped());
  }
}

}  // namespace parmetrics::detail
