// parmetrics-service-load: a load test of `parmetrics serve` on loopback (docs/service.md,
// "Performance"). Not part of ctest. N client threads send requests until a count or a time is
// reached, and the figures are printed: requests, requests/s, latency p50, p99 and max, errors.
//
//   parmetrics-service-load --port P [--token T] --clients N --seconds S --requests M
//       get PATH_AND_QUERY                      e.g. get "/v1/report?by=unit"
//       post-csv FILE BATCH                     dossiers.csv cut into batches of BATCH records
//
// cpp-httplib's client, one keep-alive connection per thread.

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int port = 0;
  std::string token;
  int clients = 4;
  double seconds = 30;
  long requests = 1000;
  std::string mode, target;
  std::size_t batch = 1000;
};

/// The CSV's records cut into bodies of `batch` records, each with the header (one record a
/// line: the generator writes no line breaks inside fields).
std::vector<std::string> batches_of(const std::string& file, std::size_t batch) {
  std::ifstream in(file);
  std::string header, line;
  std::getline(in, header);
  std::vector<std::string> out;
  std::string body;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    if (n == 0) body = header + "\n";
    body += line + "\n";
    if (++n == batch) {
      out.push_back(std::move(body));
      n = 0;
    }
  }
  if (n > 0) out.push_back(std::move(body));
  return out;
}

struct Results {
  std::mutex mutex;
  std::vector<double> milliseconds;
  long errors = 0;
  std::string first_error;
};

void client(const Options& o, const std::vector<std::string>& bodies, std::atomic<long>& next,
            Clock::time_point deadline, Results& results) {
  httplib::Client c("127.0.0.1", o.port);
  c.set_read_timeout(600, 0);
  c.set_keep_alive(true);
  if (!o.token.empty()) c.set_bearer_token_auth(o.token);
  std::vector<double> mine;
  long errors = 0;
  std::string first_error;
  const long limit = o.mode == "get" ? o.requests : static_cast<long>(bodies.size());
  for (long i = next++; i < limit && Clock::now() < deadline; i = next++) {
    const auto start = Clock::now();
    const auto r = o.mode == "get"
                       ? c.Get(o.target.c_str())
                       : c.Post("/v1/dossiers", bodies[static_cast<std::size_t>(i)], "text/csv");
    mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!r || r->status != 200) {
      if (errors++ == 0) {
        first_error = r ? fmt::format("HTTP {}: {}", r->status, r->body.substr(0, 300))
                        : httplib::to_string(r.error());
      }
    }
  }
  std::scoped_lock lock(results.mutex);
  results.milliseconds.insert(results.milliseconds.end(), mine.begin(), mine.end());
  results.errors += errors;
  if (results.first_error.empty()) results.first_error = first_error;
}

double quantile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

Options parse(int argc, char** argv) {
  Options o;
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--port")
      o.port = std::atoi(value().c_str());
    else if (a == "--token")
      o.token = value();
    else if (a == "--clients")
      o.clients = std::atoi(value().c_str());
    else if (a == "--seconds")
      o.seconds = std::atof(value().c_str());
    else if (a == "--requests")
      o.requests = std::atol(value().c_str());
    else
      rest.push_back(a);
  }
  if (o.port <= 0 || rest.size() < 2 || (rest[0] != "get" && rest[0] != "post-csv")) {
    fmt::print(stderr,
               "usage: parmetrics-service-load --port P [--token T] [--clients N] "
               "[--seconds S] [--requests M] get PATH | post-csv FILE BATCH\n");
    std::exit(2);
  }
  o.mode = rest[0];
  o.target = rest[1];
  if (rest.size() > 2) o.batch = static_cast<std::size_t>(std::atol(rest[2].c_str()));
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const std::vector<std::string> bodies =
      o.mode == "post-csv" ? batches_of(o.target, o.batch) : std::vector<std::string>{};
  std::atomic<long> next{0};
  Results results;
  const auto start = Clock::now();
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  std::vector<std::thread> threads;
  for (int i = 0; i < o.clients; ++i) {
    threads.emplace_back(client, std::cref(o), std::cref(bodies), std::ref(next), deadline,
                         std::ref(results));
  }
  for (std::thread& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double>& ms = results.milliseconds;
  const double n = static_cast<double>(ms.size());
  fmt::print("{} {}: {} clients, {} requests in {:.1f} s: {:.1f} requests/s", o.mode, o.target,
             o.clients, ms.size(), elapsed, n / elapsed);
  if (o.mode == "post-csv")
    fmt::print(" ({:.0f} records/s)", n * static_cast<double>(o.batch) / elapsed);
  fmt::print("; latency p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms; errors {}\n",
             quantile(ms, 0.5), quantile(ms, 0.99), quantile(ms, 1.0), results.errors);
  if (!results.first_error.empty()) fmt::print("first error: {}\n", results.first_error);
  return results.errors == 0 ? 0 : 1;
}
