// SIPAS responses CSV (SipasResponses::parse_csv) against the shipped service questionnaire:
// read = loaded + rejected and the counts by reason add up.

#include <parmetrics/indices/sipas_responses.hpp>

#include "fuzz_support.hpp"

using namespace parmetrics;

namespace {

const SipasQuestionnaire& questionnaire() {
  static const SipasQuestionnaire q =
      SipasQuestionnaire::load_csv(PARMETRICS_DATA_DIR "/sipas/questionnaire-service.csv");
  return q;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::runs([&] {
    const SipasResponses r =
        SipasResponses::parse_csv(fuzz::as_text(data, size), "r.csv", questionnaire());
    const SipasLoadReport& report = r.report();
    fuzz::expect(report.reconciles(), "read != loaded + rejected");
    std::uint64_t by_reason = 0;
    for (const auto& [reason, n] : report.by_reason) by_reason += n;
    fuzz::expect(by_reason == report.rejected, "the counts by reason do not add up to rejected");
    fuzz::expect(report.no_opinion <= report.loaded, "more no-opinion answers than loaded");
  });
  return 0;
}
