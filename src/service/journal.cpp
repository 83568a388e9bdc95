#include "service/journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include <parmetrics/error.hpp>

#include "capi/capi.hpp"

namespace parmetrics::service {

namespace {

// A record: "PMJ1 K LENGTH CHECKSUM\n", the body (LENGTH bytes), "\n".
constexpr std::string_view kMagic = "PMJ1 ";

/// A disk that refuses is an I/O failure (PM_IO: answered 503), not a bug of ours.
[[noreturn]] void fail_io(const std::filesystem::path& file, std::string_view what) {
  throw capi::IoError(file.string(), "", "", fmt::format("{}: {}", what, std::strerror(errno)));
}

/// Makes the directory entry of a file just created durable: without it a power cut can lose
/// the file, and with it writes already answered.
void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail_io(dir, "cannot open the journal's directory");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail_io(dir, "cannot flush the journal's directory");
}

/// The header at `at`, or nullopt when it is incomplete or not one.
struct Header {
  WriteKind kind;
  std::uint64_t length, sum;
  std::size_t body;  ///< offset of the body
};

std::optional<Header> header_at(const std::string& text, std::size_t at) {
  const std::size_t eol = text.find('\n', at);
  if (eol == std::string::npos || text.compare(at, kMagic.size(), kMagic) != 0) return {};
  std::istringstream in(text.substr(at + kMagic.size(), eol - at - kMagic.size()));
  char kind = 0;
  std::string sum;
  Header h{};
  if (!(in >> kind >> h.length >> sum) || sum.size() != 16) return {};
  const auto [p, ec] = std::from_chars(sum.data(), sum.data() + sum.size(), h.sum, 16);
  if (ec != std::errc() || p != sum.data() + sum.size()) return {};
  if (kind != 'P' && kind != 'N' && kind != 'C' && kind != 'E' && kind != 'V') return {};
  h.kind = static_cast<WriteKind>(kind);
  h.body = eol + 1;
  return h;
}

/// Whether a record with a header that parses starts after `at`: then the record at `at` is
/// damage in the middle of the journal, not a torn tail, and cutting it off would drop the
/// records after it.
bool record_after(const std::string& text, std::size_t at) {
  for (std::size_t p = text.find("\nPMJ1 ", at); p != std::string::npos;
       p = text.find("\nPMJ1 ", p + 1)) {
    if (header_at(text, p + 1)) return true;
  }
  return false;
}

}  // namespace

std::uint64_t checksum(std::string_view bytes) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

Journal::Journal(const std::filesystem::path& dir, const Replay& replay, const Warn& warn)
    : file_(dir / "journal.pmj") {
  std::filesystem::create_directories(dir);
  const bool existed = std::filesystem::exists(file_);
  std::string text;
  if (std::ifstream in(file_, std::ios::binary); in) {
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::uint64_t good = read_all(text, replay, warn);
  fd_ = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) fail_io(file_, "cannot open the journal");
  if (!existed) sync_directory(dir);
  if (good < text.size() && ::ftruncate(fd_, static_cast<off_t>(good)) != 0) {
    fail_io(file_, "cannot cut off the torn record");
  }
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t Journal::read_all(const std::string& text, const Replay& replay, const Warn& warn) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto h = header_at(text, at);
    const bool whole = h && h->body + h->length < text.size();
    const bool sound = whole && text[h->body + h->length] == '\n' &&
                       checksum(std::string_view(text).substr(h->body, h->length)) == h->sum;
    if (!sound) {
      if ((whole && h->body + h->length + 1 < text.size()) || record_after(text, at)) {
        throw DataError(file_.string(), fmt::format("offset {}", at), "",
                        "damaged journal record followed by others (restore the file or cut it "
                        "at this offset)");
      }
      warn(
          fmt::format("{}: a torn last record at offset {} ({} bytes, a write not answered "
                      "before a crash) is ignored and cut off",
                      file_.string(), at, text.size() - at));
      return at;
    }
    replay(h->kind, std::string_view(text).substr(h->body, h->length));
    ++replayed_;
    at = h->body + h->length + 1;
  }
  return at;
}

void Journal::append(WriteKind kind, std::string_view body) {
  if (broken_) {
    errno = EIO;
    fail_io(file_, "an earlier flush failed (writes refused until the service restarts)");
  }
  std::string record = fmt::format("{}{} {} {:016x}\n", kMagic, static_cast<char>(kind),
                                   body.size(), checksum(body));
  record.append(body);
  record.push_back('\n');
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  std::string_view rest = record;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // A part written (a full disk) is taken back, so that the next record does not follow a
      // torn one; the write is refused.
      const int saved = errno;
      if (end >= 0 && ::ftruncate(fd_, end) != 0) {
        // Nothing more to do: the next start cuts a torn last record off.
      }
      errno = saved;
      fail_io(file_, "cannot append to the journal");
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fdatasync(fd_) != 0) {
    // The record may reach the disk later all the same; it must not come back at the next start
    // as a write that was refused. After a failed flush the file's state is not to be trusted
    // (a later flush can succeed over lost pages): no more writes until a restart.
    const int saved = errno;
    if (end >= 0 && ::ftruncate(fd_, end) == 0) (void)::fdatasync(fd_);
    broken_ = true;
    errno = saved;
    fail_io(file_, "cannot flush the journal (writes refused until the service restarts)");
  }
}

}  // namespace parmetrics::service
