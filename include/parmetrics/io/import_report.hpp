#pragma once
// What an import did: every record read is either loaded or rejected, and the counts reconcile
// (read = loaded + rejected). Rejections keep their first few details in full and count the rest
// by reason, so ten million clean records cost no error strings.
//
// Thread-safety: an ImportReport is a value, filled by one import at a time.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <parmetrics/export.hpp>

namespace parmetrics {

/// One rejected record: where, which field, what value, why.
struct PARMETRICS_API Rejection {
  std::string file;
  std::uint64_t line = 0;  ///< 1-based line of the record's start (or record index for JSON)
  std::string field;
  std::string value;
  std::string reason;
  /// A record that was tried over several lines (a quoted field running over line ends) names
  /// the last line tried; 0 otherwise.
  std::uint64_t last_line = 0;
  /// `line` is a record number (an element of a JSON array), printed "file:record N:".
  bool record_number = false;
  /// What the value may have meant, when the importer can tell ("the known code '000.00.30.H55'
  /// differs only by case or spaces", "nearest known units: …"); printed after the reason.
  std::string hint{};
  /// "file:line: field 'f' = 'v': reason[; hint]"; a record-level rejection (no field) reads
  /// "file:line: record 'v': reason", and "file:line: record 'v' (lines L-M tried as one
  /// record; only line L rejected): reason" when it ran over lines.
  std::string to_string() const;
};

class PARMETRICS_API ImportReport {
 public:
  /// Details kept in full; beyond it only the counts by reason grow.
  static constexpr std::size_t kKeptDetails = 100;

  void loaded(std::uint64_t n = 1) noexcept {
    loaded_ += n;
    read_ += n;
  }
  /// Counts a rejection by its reason; keeps it in full while fewer than kKeptDetails are kept.
  void reject(Rejection r);
  /// Counts n rejections of `reason` without details: for importers that keep the details of
  /// their first rejections themselves (in file order) and only count the rest.
  void count_rejections(const std::string& reason, std::uint64_t n);
  void warn(std::string message) { warnings_.push_back(std::move(message)); }
  /// Sets the hint of the kept rejection `i` (an index into rejections()).
  void set_hint(std::size_t i, std::string hint) { details_.at(i).hint = std::move(hint); }
  /// Counts loaded records that miss a fact some metrics need, by what is missing
  /// ("not judged: no appointment", "procedure unknown"): they are loaded and counted, and the
  /// metrics that need the fact leave them out.
  void note_loaded(const std::string& what, std::uint64_t n = 1);
  /// Adds another report's counts, details (up to kKeptDetails in all) and warnings after this
  /// one's.
  void merge(const ImportReport& other);

  std::uint64_t read() const noexcept { return read_; }
  std::uint64_t loaded_count() const noexcept { return loaded_; }
  std::uint64_t rejected_count() const noexcept { return rejected_; }
  bool reconciles() const noexcept { return read_ == loaded_ + rejected_; }
  const std::vector<Rejection>& rejections() const noexcept { return details_; }
  /// Rejections by reason (the reason's fixed text, without the value), all of them.
  const std::map<std::string, std::uint64_t>& rejections_by_reason() const noexcept {
    return by_reason_;
  }
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }
  /// Loaded records by the fact they miss (see note_loaded).
  const std::map<std::string, std::uint64_t>& loaded_notes() const noexcept { return notes_; }

 private:
  std::uint64_t read_ = 0, loaded_ = 0, rejected_ = 0;
  std::vector<Rejection> details_;
  std::map<std::string, std::uint64_t> by_reason_;
  std::map<std::string, std::uint64_t> notes_;
  std::vector<std::string> warnings_;
};

}  // namespace parmetrics
