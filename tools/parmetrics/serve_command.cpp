// parmetrics serve: the HTTP/JSON service (docs/service.md) over a live store, with its reference
// data (units, procedures, calendar layers, QĐ 766 facts) loaded once at start, a journal replayed
// from --data DIR, and a clean stop on SIGINT or SIGTERM.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include <parmetrics/error.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "flags.hpp"
#include "import_summary.hpp"
#include "input_files.hpp"
#include "service/http.hpp"
#include "service/journal.hpp"
#include "service/service.hpp"

namespace parmetrics::cli {

namespace {

namespace fs = std::filesystem;

/// --listen HOST:PORT (an IPv6 host in brackets).
service::HttpOptions listen_of(const ParsedOptions& o) {
  const std::string text = o.required("listen");
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw UsageError(fmt::format("--listen: '{}' is not HOST:PORT", text));
  }
  service::HttpOptions h;
  h.host = text.substr(0, colon);
  if (h.host.size() > 2 && h.host.front() == '[' && h.host.back() == ']') {
    h.host = h.host.substr(1, h.host.size() - 2);
  }
  h.port = static_cast<int>(number_arg("listen", text.substr(colon + 1), 0, 65535));
  if (const auto v = o.value("max-body")) {
    h.max_body = static_cast<std::size_t>(number_arg("max-body", *v, 1, 1L << 40));
  }
  if (const auto v = o.value("timeout")) {
    h.read_timeout_seconds = h.write_timeout_seconds =
        static_cast<int>(number_arg("timeout", *v, 1, 3600));
  }
  if (const auto v = o.value("threads")) {
    h.http_threads = static_cast<unsigned>(number_arg("threads", *v, 1, 1024));
  }
  return h;
}

/// The token of --token-file, its surrounding spaces and line ends dropped; required beyond
/// loopback.
std::string token_of(const ParsedOptions& o, const std::string& host) {
  const auto file = o.value("token-file");
  if (!file) {
    if (service::is_loopback(host)) return {};
    throw UsageError(fmt::format(
        "--listen {}: beyond loopback the service needs --token-file (a bearer token)", host));
  }
  std::ifstream in(*file, std::ios::binary);
  if (!in) throw UsageError(fmt::format("--token-file: cannot read {}", *file));
  std::string token((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto first = token.find_first_not_of(" \t\r\n");
  const auto last = token.find_last_not_of(" \t\r\n");
  token = first == std::string::npos ? "" : token.substr(first, last - first + 1);
  if (token.size() < 16) {
    throw UsageError(fmt::format("--token-file: {} holds fewer than 16 characters", *file));
  }
  return token;
}

/// Units, procedures, calendar layers and the QĐ 766 facts, each import summarised on `err`.
void load_reference(const ParsedOptions& o, service::Reference& r, ImportSummary& summary) {
  r.calendar = calendar_from(o);
  load_inputs(InputFiles::of(o), {"serve", r.calendar, 0, o.has("strict")},
              {r.units, r.procedures, nullptr, &r.facts}, summary);
  r.units.resolve();
}

/// SIGINT and SIGTERM, blocked before the service starts any thread (so every thread inherits
/// the mask and none is killed by them), taken by one watcher that stops the server: the
/// requests under way finish, and every write answered is in the journal. A signal that comes
/// before the server listens stays pending until the watcher takes it, and the watcher repeats
/// stop() until run() has returned (cpp-httplib ignores a stop() before it listens).
class StopOnSignal {
 public:
  StopOnSignal() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
  }
  ~StopOnSignal() {
    finished();
    if (watcher_.joinable()) {
      pthread_kill(watcher_.native_handle(), SIGTERM);  // wakes it when the server stopped alone
      watcher_.join();
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

  void watch(service::HttpServer& server) {
    watcher_ = std::thread([this, &server] {
      int signal = 0;
      sigwait(&set_, &signal);
      while (!finished_.load()) {
        server.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }

  /// run() has returned.
  void finished() noexcept { finished_ = true; }

 private:
  sigset_t set_{}, old_{};
  std::atomic<bool> finished_{false};
  std::thread watcher_;
};

}  // namespace

int run_serve(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  const ParsedOptions o(args, flags::serve);
  StopOnSignal signals;  // first: the import, the store and the journal start threads
  if (!o.has("units")) {
    throw UsageError("--units is required: the service's units are fixed while it runs");
  }
  service::HttpOptions http = listen_of(o);
  service::ServiceOptions options;
  options.token = token_of(o, http.host);
  service::Reference reference;
  ImportSummary summary("serve", err);
  load_reference(o, reference, summary);

  service::Service service(reference, options);
  std::optional<service::Journal> journal;
  if (const auto dir = o.value("data")) {
    journal.emplace(
        fs::path(*dir),
        [&](service::WriteKind kind, std::string_view body) { service.replay(kind, body); },
        [&](const std::string& warning) { fmt::print(err, "parmetrics serve: {}\n", warning); });
    service.set_journal(&*journal);
    fmt::print(err, "parmetrics serve: {}: {} writes replayed, {} dossiers\n",
               journal->file().string(), journal->replayed(), service.dossiers());
  } else {
    fmt::print(err, "parmetrics serve: no --data: the dossiers are kept in memory only\n");
  }
  service::HttpServer server(service, http);
  const int port = server.bind();
  signals.watch(server);
  fmt::print(out, "listening on {}:{}\n", http.host, port);
  out.flush();
  server.run();
  signals.finished();
  fmt::print(err, "parmetrics serve: stopped, {} dossiers\n", service.dossiers());
  return kExitOk;
}

}  // namespace parmetrics::cli
