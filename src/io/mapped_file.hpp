#pragma once
// A file's bytes for the importers: memory-mapped when the file is a regular file, else read into
// memory (pipes, special files, or a failed mmap).

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace parmetrics::detail {

class MappedFile {
 public:
  /// Maps or reads `path`; throws DataError naming the file when it cannot be opened or read.
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view text() const noexcept { return text_; }
  bool mapped() const noexcept { return map_ != nullptr; }

 private:
  void* map_ = nullptr;
  std::size_t map_size_ = 0;
  std::string buffer_;  // when not mapped
  std::string_view text_;
};

/// The whole file as text, for the loaders of small documents (methodologies, calendars, counts,
/// questionnaires, targets): the same reading and the same messages as the importers' ("cannot
/// open the file: No such file or directory", "cannot read the file: Is a directory").
std::string read_file_text(const std::filesystem::path& path);

}  // namespace parmetrics::detail
