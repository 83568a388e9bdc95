#pragma once
// Administrative procedures (thủ tục hành chính, TTHC) and their catalogue.
//
// Thread-safety: const reads of a ProcedureCatalog from any number of threads; add() and
// set_online() need it to themselves.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/statutory_time.hpp>
#include <parmetrics/detail/string_id_index.hpp>
#include <parmetrics/export.hpp>

namespace parmetrics {

using ProcedureId = std::uint32_t;

/// How far a procedure is offered online (dịch vụ công trực tuyến một phần / toàn trình).
enum class OnlineLevel : std::uint8_t { none, partial, full };

struct Procedure {
  std::string code;   ///< MaTTHC
  std::string name;   ///< TenTTHC
  std::string field;  ///< lĩnh vực
  /// thời hạn giải quyết; zero (the default) when the procedure has none known, e.g. one
  /// registered from a dossier's code alone: its dossiers must then record their appointment.
  StatutoryTime duration;
  OnlineLevel online = OnlineLevel::none;
  bool fee = false;     ///< charges a fee or charge (phí, lệ phí)
  bool citizen = true;  ///< serves citizens (not only organisations)

  /// Whether appointments can be computed from this procedure. A statutory time of zero would
  /// make every dossier late at its receipt, so zero means "none" rather than "immediately".
  bool has_statutory_time() const noexcept { return duration.amount() > 0; }
};

class PARMETRICS_API ProcedureCatalog {
 public:
  /// Adds a procedure; throws ArgumentError on an empty or duplicate code.
  ProcedureId add(Procedure procedure);
  std::size_t size() const noexcept { return procedures_.size(); }
  /// The procedure; RangeError for an id the catalogue does not hold.
  const Procedure& operator[](ProcedureId id) const {
    if (id >= procedures_.size()) no_procedure(id, "ProcedureCatalog::operator[]");
    return procedures_[id];
  }
  std::optional<ProcedureId> find(std::string_view code) const;
  /// Sets how far a procedure is offered online (an importer learns it from the records, e.g.
  /// the portal records' MucDo); throws RangeError for an unknown id.
  void set_online(ProcedureId id, OnlineLevel level) {
    if (id >= procedures_.size()) no_procedure(id, "ProcedureCatalog::set_online");
    procedures_[id].online = level;
  }

 private:
  [[noreturn]] void no_procedure(ProcedureId id, const char* where) const;

  std::vector<Procedure> procedures_;
  detail::StringIdIndex by_code_;  // over procedures_[id].code
};

// For tests and logs (BOOST_TEST, std::cout): the names as to_string() gives them.
/// The name of an OnlineLevel: "none", …
PARMETRICS_API std::string_view to_string(OnlineLevel value) noexcept;
PARMETRICS_API std::ostream& operator<<(std::ostream& out, OnlineLevel value);
/// Writes its code.
PARMETRICS_API std::ostream& operator<<(std::ostream& out, const Procedure& value);

}  // namespace parmetrics
