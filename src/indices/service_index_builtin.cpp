// The national portal's profile of the service index, built into the library so that it works
// with no data files installed. A copy of data/methodologies/qd766-portal-2025.json: the test
// "builtin_equals_data_file" fails when they differ.

#include <parmetrics/indices/service_index_methodology.hpp>

namespace parmetrics {

namespace {

constexpr std::string_view kPortalJson = R"index766({
  "format": "parmetrics-index766-methodology",
  "format_version": 1,
  "name": "QĐ 766/QĐ-TTg service index, national portal profile",
  "version": "2025",
  "source": "QĐ 766/QĐ-TTg (23/6/2022); maxima and rules as the national public-service portal (dichvucong.gov.vn) scores them in 2025-26; the item split 2+4+6 (online) and 6+2+2 (payment) is re-derived from published scores, not read in the decision. Group scores add the item scores as shown (2 decimals), as the portal's published group scores do. See docs/index766.md.",
  "decimals": 2,
  "totals": "rounded_items",
  "total": 100,
  "groups": [
    {
      "code": "transparency",
      "name": "Công khai, minh bạch",
      "max": 18,
      "items": [
        {
          "code": "PUBLISH_ON_TIME",
          "name": "Tỷ lệ thủ tục hành chính được công bố đúng hạn",
          "numerator": "procedures published on time",
          "denominator": "procedures published",
          "max": 6,
          "rule": "linear"
        },
        {
          "code": "PUBLIC_UPDATE_ON_TIME",
          "name": "Tỷ lệ thủ tục hành chính được cập nhật, công khai đúng hạn",
          "numerator": "procedures updated and made public on time",
          "denominator": "procedures updated",
          "max": 4,
          "rule": "linear"
        },
        {
          "code": "PUBLIC_CONTENT_FULL",
          "name": "Tỷ lệ thủ tục hành chính được công khai đầy đủ nội dung",
          "numerator": "procedures published with all their parts",
          "denominator": "procedures published",
          "max": 2,
          "rule": "linear"
        },
        {
          "code": "DOSSIER_SYNC",
          "name": "Tỷ lệ hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia",
          "numerator": "dossiers received in the period and synced to the portal",
          "denominator": "dossiers received in the period",
          "max": 6,
          "rule": "linear"
        }
      ]
    },
    {
      "code": "progress",
      "name": "Tiến độ, kết quả giải quyết",
      "max": 20,
      "items": [
        {
          "code": "PROGRESS_ON_TIME",
          "name": "Tỷ lệ hồ sơ xử lý đúng hạn",
          "numerator": "dossiers finished on time or early, or pending within time",
          "denominator": "dossiers received or processed in the period",
          "max": 20,
          "rule": "linear"
        }
      ]
    },
    {
      "code": "online",
      "name": "Cung cấp dịch vụ trực tuyến",
      "max": 12,
      "items": [
        {
          "code": "ONLINE_PROCEDURES",
          "name": "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến (một phần, toàn trình)",
          "numerator": "procedures offered online, partly or fully",
          "denominator": "procedures in the unit's remit",
          "max": 2,
          "rule": "capped",
          "threshold": 0.8
        },
        {
          "code": "ONLINE_SERVICES_WITH_DOSSIER",
          "name": "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến",
          "numerator": "online services that received an online dossier in the period",
          "denominator": "online services",
          "max": 4,
          "rule": "linear"
        },
        {
          "code": "ONLINE_DOSSIERS",
          "name": "Tỷ lệ hồ sơ trực tuyến",
          "numerator": "dossiers filed online",
          "denominator": "dossiers received in the period",
          "max": 6,
          "rule": "capped",
          "threshold": 0.5
        }
      ]
    },
    {
      "code": "payment",
      "name": "Thanh toán trực tuyến",
      "max": 10,
      "items": [
        {
          "code": "PAYMENT_ONLINE_DOSSIERS",
          "name": "Tỷ lệ hồ sơ thanh toán trực tuyến",
          "numerator": "dossiers paid online",
          "denominator": "dossiers with a financial obligation (phí, lệ phí)",
          "max": 6,
          "rule": "linear"
        },
        {
          "code": "PAYMENT_FEE_PROCEDURES_ONLINE",
          "name": "Tỷ lệ thủ tục hành chính có thu phí, lệ phí được thanh toán trực tuyến",
          "numerator": "fee-charging procedures that offer online payment",
          "denominator": "fee-charging procedures",
          "max": 2,
          "rule": "capped",
          "threshold": 0.8
        },
        {
          "code": "PAYMENT_FEE_PROCEDURES_SYNCED",
          "name": "Tỷ lệ thủ tục hành chính có thu phí, lệ phí được đồng bộ dữ liệu phí, lệ phí",
          "numerator": "fee-charging procedures whose fee data is synced",
          "denominator": "fee-charging procedures",
          "max": 2,
          "rule": "capped",
          "threshold": 0.8
        }
      ]
    },
    {
      "code": "satisfaction",
      "name": "Mức độ hài lòng",
      "max": 18,
      "items": [
        {
          "code": "PETITION_PROCESSING_ON_TIME",
          "name": "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn",
          "numerator": "feedback (phản ánh, kiến nghị) handled on time or early",
          "denominator": "feedback received",
          "max": 6,
          "rule": "linear",
          "zero_denominator": "full"
        },
        {
          "code": "PETITION_HANDLING_SATISFACTION",
          "name": "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị",
          "numerator": "feedback received, less that marked unsatisfied or handled late",
          "denominator": "feedback received",
          "max": 6,
          "rule": "linear",
          "zero_denominator": "full"
        },
        {
          "code": "DOSSIER_RECEIVING_SATISFACTION",
          "name": "Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính",
          "numerator": "dossiers, less those late or with a complaint or a dislike",
          "denominator": "dossiers received or processed in the period",
          "max": 6,
          "rule": "capped",
          "threshold": 0.9
        }
      ]
    },
    {
      "code": "digitisation",
      "name": "Số hóa hồ sơ",
      "max": 22,
      "items": [
        {
          "code": "ORIGINAL_RESULT_AVAILABLE",
          "name": "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử",
          "numerator": "dossiers whose result was issued electronically",
          "denominator": "dossiers received in the period",
          "max": 6,
          "rule": "linear"
        },
        {
          "code": "SO_HOA_GIAY_TO_GIAI_QUYET",
          "name": "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
          "description": "The decision's text caps it at 80 %; the portal scores it linearly.",
          "numerator": "dossiers with digitised components and an electronic result",
          "denominator": "dossiers received in the period",
          "max": 4,
          "rule": "linear"
        },
        {
          "code": "REUSED_DIGITIZED_DATA",
          "name": "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa",
          "numerator": "dossiers that reused digitised data",
          "denominator": "dossiers received in the period",
          "max": 2,
          "rule": "capped",
          "threshold": 0.8
        },
        {
          "code": "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
          "name": "Tỷ lệ hồ sơ lấy từ, đồng bộ với kho dữ liệu cá nhân trên Cổng Dịch vụ công quốc gia",
          "numerator": "dossiers taken from or synced to the citizen's data store",
          "denominator": "dossiers received in the period",
          "max": 4,
          "rule": "linear"
        },
        {
          "code": "CITIZEN_DATA_CONNECTED_DOSSIER",
          "name": "Tỷ lệ hồ sơ kết nối Cơ sở dữ liệu quốc gia về dân cư (VNeID)",
          "numerator": "dossiers linked to the population database",
          "denominator": "dossiers received in the period",
          "max": 2,
          "rule": "linear"
        },
        {
          "code": "CITIZEN_DATA_CONNECTED_FORMALITY",
          "name": "Tỷ lệ thủ tục hành chính cho công dân có hồ sơ kết nối Cơ sở dữ liệu quốc gia về dân cư",
          "numerator": "citizen-facing procedures with a dossier linked to the population database",
          "denominator": "citizen-facing procedures",
          "max": 2,
          "rule": "linear"
        },
        {
          "code": "ELECTRONIC_CERTIFIED_COPY",
          "name": "Tỷ lệ cấp xã cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
          "numerator": "communes offering electronic certified copies",
          "denominator": "communes",
          "max": 2,
          "rule": "linear"
        }
      ]
    }
  ],
  "grades": []
}
)index766";

}  // namespace

std::string_view qd766_portal_methodology_json() noexcept {
  return kPortalJson;
}

const ServiceIndexMethodology& qd766_portal_methodology() {
  static const ServiceIndexMethodology m =
      parse_service_index_methodology(kPortalJson, "qd766-portal-2025.json (built in)");
  return m;
}

}  // namespace parmetrics
