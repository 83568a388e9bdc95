#pragma once
// The HTTP side of the service: cpp-httplib (Debian's libcpp-httplib-dev) behind a pimpl, so that
// nothing else includes it. Requests become service::Request, answers service::Response.

#include <cstddef>
#include <memory>
#include <string>

#include "service/service.hpp"

namespace parmetrics::service {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                   ///< 0: any free port (bind() says which)
  std::size_t max_body = 64u << 20;  ///< a larger body is refused with 413
  int read_timeout_seconds = 30;     ///< a client slower than this is cut off
  int write_timeout_seconds = 30;
  unsigned http_threads = 8;  ///< connections served at once
};

class HttpServer {
 public:
  HttpServer(Service& service, HttpOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds the address; returns the port. Throws Error when it cannot.
  int bind();
  /// Serves until stop(); returns then.
  void run();
  /// From any thread (a signal's watcher): stops accepting, finishes the requests under way.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost): the only addresses the
/// service listens on without a token.
bool is_loopback(const std::string& host);

}  // namespace parmetrics::service
