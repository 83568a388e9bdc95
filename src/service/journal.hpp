#pragma once
// The service's journal (docs/service.md, "Durability"): every accepted write's request body,
// appended and flushed to disk before the write is applied and answered, and replayed in order
// when the service starts. Replaying the bodies against the same reference data gives the same
// store: the live store's rules are deterministic, so a body's rejected records are rejected again.
//
// Thread-safety: one writer (the service's write lock); replay happens in the constructor.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace parmetrics::service {

/// What a journal record holds: the body of a POST, by the format it was read in.
enum class WriteKind : char {
  portal = 'P',        ///< POST /v1/dossiers, portal records (JSON)
  native_json = 'N',   ///< POST /v1/dossiers, native JSON records (dossiers.csv's columns)
  dossiers_csv = 'C',  ///< POST /v1/dossiers, dossiers.csv
  events = 'E',        ///< POST /v1/events (JSON)
  events_csv = 'V',    ///< POST /v1/events, events.csv
};

class Journal {
 public:
  using Replay = std::function<void(WriteKind, std::string_view body)>;
  using Warn = std::function<void(const std::string&)>;

  /// Opens (or creates) DIR/journal.pmj and replays its records into `replay`, oldest first. A
  /// torn last record (a crash in the middle of an append) is cut off with a warning; a damaged
  /// record followed by others throws DataError naming the file and the offset (nothing is
  /// dropped silently).
  Journal(const std::filesystem::path& dir, const Replay& replay, const Warn& warn);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// Appends a record and waits until it is on disk (fdatasync). Throws capi::IoError when the
  /// disk refuses: the caller must then not apply the write. After a failed flush every later
  /// append is refused too, until the service restarts (the record is taken back first).
  void append(WriteKind kind, std::string_view body);

  const std::filesystem::path& file() const noexcept { return file_; }
  /// Records replayed at start.
  std::uint64_t replayed() const noexcept { return replayed_; }

 private:
  std::filesystem::path file_;
  int fd_ = -1;
  std::uint64_t replayed_ = 0;
  bool broken_ = false;  ///< a flush failed: refuse every write

  /// Reads the records; returns the offset where the valid ones end.
  std::uint64_t read_all(const std::string& text, const Replay& replay, const Warn& warn);
};

/// FNV-1a, 64 bits: the journal's checksum of a record's body.
std::uint64_t checksum(std::string_view bytes) noexcept;

}  // namespace parmetrics::service
