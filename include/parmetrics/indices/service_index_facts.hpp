#pragma once
// The facts of the service index that dossiers do not carry, in three CSV files (docs/index766.md;
// common CSV rules as docs/formats.md):
//  - unit_procedures.csv: the procedures in each unit's remit, with their publication (công bố,
//    công khai) and payment facts for the period;
//  - feedback.csv: feedback records (phản ánh, kiến nghị) received by units;
//  - communes.csv: per-commune facts (electronic certified copies, chứng thực bản sao điện tử).
// Every record is loaded or rejected into an ImportReport, as the dossier importers do.
//
// Thread-safety: ServiceIndexFacts is a value: const reads from any number of threads; an import
// writes it (and the registries it registers into) alone.

#include <filesystem>
#include <string_view>
#include <vector>

#include <parmetrics/calendar/civil.hpp>
#include <parmetrics/export.hpp>
#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

namespace parmetrics {

/// A procedure in a unit's remit (TTHC thuộc thẩm quyền), as of the period evaluated.
struct UnitProcedureFacts {
  UnitId unit = 0;
  ProcedureId procedure = 0;
  OnlineLevel online = OnlineLevel::none;  ///< dịch vụ công trực tuyến một phần / toàn trình
  bool fee = false;                        ///< charges a fee or charge
  bool citizen = true;                     ///< serves citizens
  bool published = false;                  ///< published (công bố) in the period
  bool published_on_time = false;          ///< … by its legal deadline
  bool full_content = false;               ///< … with all its parts made public
  bool updated = false;  ///< updated and made public (cập nhật, công khai) in the period
  bool updated_on_time = false;  ///< … by its deadline
  bool online_payment = false;   ///< fee payable online (fee-charging procedures)
  bool fee_synced = false;       ///< fee data synced to the portal (fee-charging procedures)
};

/// A feedback record (phản ánh, kiến nghị) as of the end of the period.
struct FeedbackRecord {
  UnitId unit = 0;
  DayNumber received = 0;
  bool handled_on_time = false;  ///< handled by its deadline (false: late, or open past it)
  bool unsatisfied = false;      ///< the sender marked the handling unsatisfying
};

/// Facts of a commune (cấp xã).
struct CommuneFacts {
  UnitId unit = 0;
  bool certified_copy = false;  ///< offers electronic certified copies from originals
};

/// The facts, as the derivation reads them.
struct ServiceIndexFacts {
  std::vector<UnitProcedureFacts> unit_procedures;
  std::vector<FeedbackRecord> feedback;
  std::vector<CommuneFacts> communes;
};

/// Reads unit_procedures.csv and appends its rows to `facts`. Units not in `units` are rejected,
/// or registered when options.register_unknown. A procedure not in `procedures` is registered
/// (without a statutory time) when the row gives online_level, fee and citizen, else rejected;
/// empty online_level, fee or citizen take the catalogue's values. Throws DataError for a file
/// that cannot be read or a bad header, and under options.strict when a record was rejected.
PARMETRICS_API void import_unit_procedures_csv(std::string_view text, std::string_view origin,
                                               UnitRegistry& units, ProcedureCatalog& procedures,
                                               ServiceIndexFacts& facts, ImportReport& report,
                                               const ImportOptions& options = {});
PARMETRICS_API void import_unit_procedures_csv(const std::filesystem::path& file,
                                               UnitRegistry& units, ProcedureCatalog& procedures,
                                               ServiceIndexFacts& facts, ImportReport& report,
                                               const ImportOptions& options = {});
/// Reads feedback.csv into facts.feedback.
PARMETRICS_API void import_feedback_csv(std::string_view text, std::string_view origin,
                                        UnitRegistry& units, ServiceIndexFacts& facts,
                                        ImportReport& report, const ImportOptions& options = {});
PARMETRICS_API void import_feedback_csv(const std::filesystem::path& file, UnitRegistry& units,
                                        ServiceIndexFacts& facts, ImportReport& report,
                                        const ImportOptions& options = {});
/// Reads communes.csv into facts.communes.
PARMETRICS_API void import_communes_csv(std::string_view text, std::string_view origin,
                                        UnitRegistry& units, ServiceIndexFacts& facts,
                                        ImportReport& report, const ImportOptions& options = {});
PARMETRICS_API void import_communes_csv(const std::filesystem::path& file, UnitRegistry& units,
                                        ServiceIndexFacts& facts, ImportReport& report,
                                        const ImportOptions& options = {});

}  // namespace parmetrics
