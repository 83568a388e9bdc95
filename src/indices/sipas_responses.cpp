#include <parmetrics/indices/sipas_responses.hpp>

#include <fmt/format.h>

#include <limits>
#include <stdexcept>

#include <parmetrics/error.hpp>

#include "indices/sipas_csv.hpp"
#include "indices/sipas_internal.hpp"
#include "io/mapped_file.hpp"

namespace parmetrics {

namespace {

std::string at_line(std::uint64_t line) {
  return line == 0 ? std::string() : fmt::format(" (line {})", line);
}

}  // namespace

std::string SipasRejection::to_string() const {
  std::string s = file;
  if (line != 0) s += fmt::format("{}{}", s.empty() ? "line " : ":", line);
  if (!field.empty()) {
    s += fmt::format("{}field '{}' = '{}'", s.empty() ? "" : ": ", field, value);
  }
  return s + (s.empty() ? "" : ": ") + reason;
}

SipasResponses::SipasResponses(SipasQuestionnaire questionnaire)
    : questionnaire_(std::move(questionnaire)) {}

std::optional<SipasResponses::Problem> SipasResponses::try_add(std::string_view respondent,
                                                               std::string_view unit,
                                                               std::string_view item, int value,
                                                               std::uint64_t line) {
  if (respondent.empty()) {
    return Problem{"respondent", "", "empty respondent id", "empty respondent id"};
  }
  if (unit.empty()) return Problem{"unit", "", "empty unit", "empty unit"};
  const auto item_index = questionnaire_.find(item);
  if (!item_index) {
    return Problem{"item", std::string(item), "unknown item: not in the questionnaire",
                   "unknown item"};
  }
  if (value < 0 || value > 5) {
    return Problem{"answer", std::to_string(value),
                   "answer must be 1 to 5, or empty for no opinion", "answer outside 1..5"};
  }
  const auto known = respondent_by_id_.find(
      respondent, [this](std::uint32_t id) -> const std::string& { return respondents_[id]; });
  if (known) {
    const std::uint32_t r = *known;
    const std::string& first_unit = units_[unit_of_[r]];
    if (first_unit != unit) {
      return Problem{"unit", std::string(unit),
                     fmt::format("respondent '{}' already answered about unit '{}'{}; a respondent "
                                 "(one survey form) answers about one unit",
                                 respondent, first_unit, at_line(first_line_[r])),
                     "respondent with two units"};
    }
    const std::uint64_t key = (static_cast<std::uint64_t>(r) << 32) | *item_index;
    if (const auto a = answered_.find(key); a != answered_.end()) {
      return Problem{"item", std::string(item),
                     fmt::format("second answer of respondent '{}' to item '{}'{}", respondent,
                                 item, at_line(a->second)),
                     "duplicate answer (respondent, item)"};
    }
  }

  // Valid: register what is new.
  std::uint32_t r;
  if (known) {
    r = *known;
  } else {
    if (respondents_.size() >= std::numeric_limits<std::uint32_t>::max()) {
      throw RangeError("SipasResponses", "too many respondents");
    }
    std::uint32_t u;
    if (const auto known_unit = unit_by_id_.find(
            unit, [this](std::uint32_t id) -> const std::string& { return units_[id]; })) {
      u = *known_unit;
    } else {
      u = static_cast<std::uint32_t>(units_.size());
      units_.emplace_back(unit);
      unit_by_id_.insert(u, unit);
    }
    r = static_cast<std::uint32_t>(respondents_.size());
    respondents_.emplace_back(respondent);
    unit_of_.push_back(u);
    first_line_.push_back(line);
    respondent_by_id_.insert(r, respondent);
  }
  answered_.emplace((static_cast<std::uint64_t>(r) << 32) | *item_index, line);
  answers_.push_back(
      {r, static_cast<std::uint32_t>(*item_index), static_cast<std::uint8_t>(value)});
  return std::nullopt;
}

void SipasResponses::add(std::string_view respondent, std::string_view unit, std::string_view item,
                         int value) {
  if (auto problem = try_add(respondent, unit, item, value, 0)) {
    throw ArgumentError("SipasResponses", fmt::format("{} '{}': {}", problem->field, problem->value,
                                                      problem->reason));
  }
  ++report_.read;
  ++report_.loaded;
  if (value == 0) ++report_.no_opinion;
}

SipasResponses SipasResponses::parse_csv(std::string_view text, std::string_view origin,
                                         SipasQuestionnaire questionnaire,
                                         const SipasLoadOptions& options) {
  const std::string file(origin);
  SipasResponses responses(std::move(questionnaire));
  SipasLoadReport& report = responses.report_;
  detail::SipasCsvReader reader(text);
  const detail::SipasCsvHeader header =
      detail::read_header(reader, file, "respondent,unit,item,answer");
  std::vector<std::string_view> fields;
  std::uint64_t line = header.line;
  std::string problem;
  detail::SipasCsvReader::Status status{};
  int cols[4];
  const char* const names[4] = {"respondent", "unit", "item", "answer"};
  for (int i = 0; i < 4; ++i) {
    cols[i] = header.index_of(names[i]);
    if (cols[i] < 0) {
      throw DataError(file, detail::line_location(line), names[i],
                      "missing column (the header needs respondent,unit,item,answer)");
    }
  }
  const std::size_t columns = header.names.size();

  auto reject = [&](std::string field, std::string value, std::string reason, const char* kind) {
    ++report.read;
    ++report.rejected;
    ++report.by_reason[kind];
    if (report.rejections.size() < SipasLoadReport::kKeptDetails) {
      report.rejections.push_back(
          {file, line, std::move(field), std::move(value), std::move(reason)});
    }
  };

  while ((status = reader.next(fields, line, problem)) != detail::SipasCsvReader::Status::kEnd) {
    if (status == detail::SipasCsvReader::Status::kMalformed) {
      reject("", "", problem, "malformed CSV");
      continue;
    }
    if (fields.size() != columns) {
      reject("", "", fmt::format("expected {} fields, found {}", columns, fields.size()),
             "wrong number of fields");
      continue;
    }
    auto field = [&](int i) { return detail::trim_blanks(fields[static_cast<std::size_t>(i)]); };
    const std::string_view answer = field(cols[3]);
    int value = -1;
    if (answer.empty()) {
      value = 0;
    } else if (answer.size() == 1 && answer[0] >= '1' && answer[0] <= '5') {
      value = answer[0] - '0';
    } else {
      reject("answer", std::string(answer), "answer must be 1 to 5, or empty for no opinion",
             "answer outside 1..5");
      continue;
    }
    if (auto p = responses.try_add(field(cols[0]), field(cols[1]), field(cols[2]), value, line)) {
      reject(p->field, std::move(p->value), std::move(p->reason), p->kind);
      continue;
    }
    ++report.read;
    ++report.loaded;
    if (value == 0) ++report.no_opinion;
  }

  if (options.strict && report.rejected != 0) {
    const SipasRejection& first = report.rejections.front();
    throw DataError(
        file, detail::line_location(first.line), first.field,
        fmt::format("{}{}", first.field.empty() ? "" : fmt::format("'{}': ", first.value),
                    first.reason) +
            (report.rejected > 1
                 ? fmt::format(" (and {} more rejected records)", report.rejected - 1)
                 : std::string()));
  }
  return responses;
}

SipasResponses SipasResponses::load_csv(const std::filesystem::path& file,
                                        SipasQuestionnaire questionnaire,
                                        const SipasLoadOptions& options) {
  // Mapped, not read into a string: a survey export can be large (docs/performance.md).
  const detail::MappedFile mapped(file);
  return parse_csv(mapped.text(), file.string(), std::move(questionnaire), options);
}

}  // namespace parmetrics
