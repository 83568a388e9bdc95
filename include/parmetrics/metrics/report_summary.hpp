#pragma once
// The summary a review meeting reads after the table, as facts and as sentences in a language:
// what was received and resolved; the late rate, its trend month by month and its change against
// an earlier period; the online rate against the province's; the units with no online dossier;
// apologies missing as a share of those needed; digitisation; the best and worst units of the
// most common level. docs/report.md gives each sentence and the rule behind it.
//
// Thread-safety: pure functions of a const Report; safe to call concurrently.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <parmetrics/export.hpp>
#include <parmetrics/metrics/rates.hpp>
#include <parmetrics/metrics/report.hpp>
#include <parmetrics/metrics/report_context.hpp>
#include <parmetrics/text/language.hpp>

namespace parmetrics {

/// A unit the summary names, with the rate it is named for.
struct SummaryUnit {
  std::string code, name;
  Rate rate;
};

/// A rate over the period, its first and last month (when the period spans two months or more
/// and the context has the months), and over the earlier period (when compared).
struct RateStory {
  RateId id = RateId::late_rate;
  Rate now;
  std::optional<Rate> first_month, last_month;
  DayNumber first_month_day = 0, last_month_day = 0;  ///< the first days of those months
  std::optional<Rate> then;
};

struct ReportSummary {
  ReportPeriod period;
  std::optional<ReportPeriod> then;  ///< the earlier period, when compared
  MetricCounts total;
  RateStory late, online;
  // GroupBy::unit only: the root (province) and the units below its online rate, the units with
  // no online dossier, and the best and worst by `ranked` among units of `rank_level`.
  std::optional<SummaryUnit> province;
  std::vector<SummaryUnit> below_province, without_online;
  RateId ranked = RateId::late_rate;
  std::string rank_level;
  std::vector<SummaryUnit> lowest, highest;
};

/// The facts of the summary. `top` is how many units the ranking names at each end.
PARMETRICS_API ReportSummary summarize(const Report& report, const ReportContext& context,
                                       RateId ranked = RateId::late_rate, std::size_t top = 3);

/// The summary as sentences in `language` (from the message catalogue, numbers as the language
/// writes them, units by the names a meeting says: "xã Hiệp Thuận").
PARMETRICS_API std::vector<std::string> summary_sentences(const ReportSummary& summary,
                                                          Language language);

}  // namespace parmetrics
