#include "io/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <parmetrics/error.hpp>

namespace parmetrics::detail {

namespace {

// Closes the descriptor on every path out of the constructor.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

[[noreturn]] void fail(const std::filesystem::path& path, const char* what, int err) {
  throw DataError(path.string(), "", "", std::string(what) + ": " + std::strerror(err));
}

}  // namespace

MappedFile::MappedFile(const std::filesystem::path& path) {
  const Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) fail(path, "cannot open the file", errno);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) fail(path, "cannot read the file's status", errno);
  if (S_ISDIR(st.st_mode)) fail(path, "cannot read the file", EISDIR);
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    const auto size = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, file.fd, 0);
    if (p != MAP_FAILED) {
      // The importers read front to back (each thread its own range): ask for read-ahead.
      ::madvise(p, size, MADV_SEQUENTIAL);
      map_ = p;
      map_size_ = size;
      text_ = std::string_view(static_cast<const char*>(p), size);
      return;
    }
  }
  // Not mappable (a pipe, an empty file, or mmap refused): read it.
  char block[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd, block, sizeof block);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, "cannot read the file", errno);
    }
    buffer_.append(block, static_cast<std::size_t>(n));
  }
  text_ = buffer_;
}

MappedFile::~MappedFile() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
}

std::string read_file_text(const std::filesystem::path& path) {
  const MappedFile file(path);
  return std::string(file.text());
}

}  // namespace parmetrics::detail
