#pragma once
// SIPAS survey responses: one answer per respondent and item, 1 (rất không hài lòng, very
// dissatisfied) … 5 (rất hài lòng, very satisfied), or no opinion (excluded from the indices).
// CSV `respondent,unit,item,answer`; format and rules in docs/sipas.md.
//
// Thread-safety: an import writes its responses alone; const responses may be read and scored
// from any number of threads.

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <parmetrics/detail/string_id_index.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/indices/sipas_questionnaire.hpp>

namespace parmetrics {

/// A response record that was not loaded: where, which field, what value, why.
struct SipasRejection {
  std::string file;
  std::uint64_t line = 0;  ///< 1-based line where the record starts
  std::string field;       ///< empty when the whole record is at fault
  std::string value;
  std::string reason;
  std::string to_string() const;  ///< "file:line: field 'f' = 'v': reason"
};

/// What loading did. Every record read is loaded or rejected: read == loaded + rejected. Loaded
/// records include the no-opinion ones (counted apart too).
struct SipasLoadReport {
  /// Rejections kept in full; beyond it only the counts by reason grow.
  static constexpr std::size_t kKeptDetails = 100;

  std::uint64_t read = 0;
  std::uint64_t loaded = 0;
  std::uint64_t rejected = 0;
  std::uint64_t no_opinion = 0;                    ///< loaded records with an empty answer
  std::vector<SipasRejection> rejections;          ///< the first kKeptDetails
  std::map<std::string, std::uint64_t> by_reason;  ///< all rejections, by reason kind
  bool reconciles() const noexcept { return read == loaded + rejected; }
};

struct SipasLoadOptions {
  /// Any rejection makes loading throw DataError (after reading everything, so the report is
  /// complete) naming the first rejection and how many there were.
  bool strict = false;
};

class PARMETRICS_API SipasResponses {
 public:
  /// An answer: 1..5, or 0 for no opinion.
  struct Answer {
    std::uint32_t respondent;  ///< index into respondents()
    std::uint32_t item;        ///< index into questionnaire().items()
    std::uint8_t value;
  };

  explicit SipasResponses(SipasQuestionnaire questionnaire);

  /// Adds one answer (0 = no opinion). Throws ArgumentError on an empty respondent or
  /// unit, an unknown item, a value outside 0..5, a respondent already seen with another unit, or a
  /// second answer of the same respondent to the same item.
  void add(std::string_view respondent, std::string_view unit, std::string_view item, int value);

  const SipasQuestionnaire& questionnaire() const noexcept { return questionnaire_; }
  const std::vector<Answer>& answers() const noexcept { return answers_; }
  const std::vector<std::string>& respondents() const noexcept { return respondents_; }
  const std::vector<std::string>& units() const noexcept { return units_; }
  /// Index into units() of the unit a respondent answered about.
  std::uint32_t unit_of(std::uint32_t respondent) const { return unit_of_.at(respondent); }
  const SipasLoadReport& report() const noexcept { return report_; }

  /// Reads CSV `respondent,unit,item,answer` (header row, columns in any order, other columns
  /// ignored). Bad records are rejected one by one (see SipasLoadReport); a missing column or an
  /// unreadable file throws DataError.
  static SipasResponses parse_csv(std::string_view text, std::string_view origin,
                                  SipasQuestionnaire questionnaire,
                                  const SipasLoadOptions& options = {});
  static SipasResponses load_csv(const std::filesystem::path& file,
                                 SipasQuestionnaire questionnaire,
                                 const SipasLoadOptions& options = {});

 private:
  struct Problem {
    const char* field;
    std::string value;
    std::string reason;
    const char* kind;  ///< the reason without its values, for SipasLoadReport::by_reason
  };
  std::optional<Problem> try_add(std::string_view respondent, std::string_view unit,
                                 std::string_view item, int value, std::uint64_t line);

  SipasQuestionnaire questionnaire_;
  std::vector<Answer> answers_;
  std::vector<std::string> respondents_;
  std::vector<std::uint32_t> unit_of_;
  std::vector<std::string> units_;
  detail::StringIdIndex respondent_by_id_;  // over respondents_
  detail::StringIdIndex unit_by_id_;        // over units_
  /// (respondent, item) → line of the answer (0 when added by add()), to name the first one of a
  /// duplicate.
  std::unordered_map<std::uint64_t, std::uint64_t> answered_;
  /// Per respondent, the line of its first record (0 when added by add()).
  std::vector<std::uint64_t> first_line_;
  SipasLoadReport report_;
};

}  // namespace parmetrics
