#pragma once
// A dossier (hồ sơ) as people and importers see it: one row with its events. The engine keeps
// dossiers in a DossierStore (columns); this struct is the way in and out.
//
// Thread-safety: values and pure functions; any number of threads may call them at once, and a
// const object may be shared (a non-const one belongs to one thread while it changes).

#include <iosfwd>

#include <cstdint>
#include <optional>
#include <parmetrics/export.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

/// How the dossier was filed (kênh thực hiện).
enum class Channel : std::uint8_t { direct, online, postal };

/// How processing ended (the first terminal status).
enum class EndKind : std::uint8_t {
  none,       ///< not ended
  finished,   ///< đã xử lý xong
  returned,   ///< đã trả kết quả
  refused,    ///< từ chối
  stopped,    ///< dừng xử lý
  withdrawn,  ///< rút hồ sơ (by the applicant)
};

/// The applicant's feedback on the dossier.
enum class Feedback : std::uint8_t { none, complaint, dislike };

/// Digitisation and service flags, one bit each.
namespace dossier_flag {
inline constexpr std::uint8_t digitised = 1 << 0;  ///< components digitised (thành phần số hóa)
inline constexpr std::uint8_t e_result = 1 << 1;     ///< result issued electronically
inline constexpr std::uint8_t reused = 1 << 2;       ///< digitised data reused
inline constexpr std::uint8_t from_store = 1 << 3;   ///< taken from the citizen's data store
inline constexpr std::uint8_t vneid = 1 << 4;        ///< account verified with VNeID
inline constexpr std::uint8_t fee_due = 1 << 5;      ///< has a financial obligation
inline constexpr std::uint8_t paid_online = 1 << 6;  ///< paid online
inline constexpr std::uint8_t synced = 1 << 7;       ///< synced to the national portal
}  // namespace dossier_flag

/// A supplement request (yêu cầu bổ sung): the clock stops from requested to completed.
struct SupplementRequest {
  MinuteStamp requested = 0;
  std::optional<MinuteStamp> completed;
};

/// An apology (văn bản xin lỗi và hẹn lại ngày trả kết quả).
struct Apology {
  MinuteStamp issued = 0;
  std::optional<MinuteStamp> new_appointment;
  bool is_public = false;  ///< công khai xin lỗi
};

struct Dossier {
  std::string code;  ///< e.g. "000.00.30.H55-230831-0001"
  std::optional<ProcedureId> procedure;
  UnitId unit = 0;
  /// The commune the record names as the dossier's own (the applicant's or the parcel's, in
  /// GSO or unit code), when it does: a report as of a date hands the dossier of a unit that
  /// ended with several successors to the one that carries this commune (SuccessionRule).
  std::optional<UnitId> commune;
  Channel channel = Channel::direct;
  MinuteStamp received = 0;
  /// As recorded; when absent, computed from the procedure's statutory time and the calendar.
  std::optional<MinuteStamp> appointment;
  /// When processing ended; absent with an end kind set: ended at a time not recorded (some
  /// senders give only the terminal status). Such a dossier is not judged for timeliness.
  std::optional<MinuteStamp> ended;
  EndKind end_kind = EndKind::none;
  std::optional<MinuteStamp> returned;  ///< result returned to the applicant
  std::uint8_t flags = 0;               ///< dossier_flag bits
  Feedback feedback = Feedback::none;
  std::vector<SupplementRequest> supplements;
  std::vector<Apology> apologies;
};

constexpr std::string_view to_string(Channel c) noexcept {
  switch (c) {
    case Channel::direct:
      return "direct";
    case Channel::online:
      return "online";
    case Channel::postal:
      return "postal";
  }
  return "direct";
}

constexpr std::string_view to_string(EndKind k) noexcept {
  switch (k) {
    case EndKind::none:
      return "";
    case EndKind::finished:
      return "finished";
    case EndKind::returned:
      return "returned";
    case EndKind::refused:
      return "refused";
    case EndKind::stopped:
      return "stopped";
    case EndKind::withdrawn:
      return "withdrawn";
  }
  return "";
}

/// The end kind named as to_string() names it ("finished", …; never "none"); nullopt otherwise.
constexpr std::optional<EndKind> parse_end_kind(std::string_view text) noexcept {
  for (const EndKind k : {EndKind::finished, EndKind::returned, EndKind::refused, EndKind::stopped,
                          EndKind::withdrawn}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

constexpr std::string_view to_string(Feedback f) noexcept {
  switch (f) {
    case Feedback::none:
      return "none";
    case Feedback::complaint:
      return "complaint";
    case Feedback::dislike:
      return "dislike";
  }
  return "none";
}

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Channel value);
PARMETRICS_API std::ostream& operator<<(std::ostream& out, EndKind value);
PARMETRICS_API std::ostream& operator<<(std::ostream& out, Feedback value);
/// Writes its code.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const Dossier& value);

}  // namespace parmetrics
