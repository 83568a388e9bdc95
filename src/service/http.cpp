#include "service/http.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <httplib.h>
#include <netinet/in.h>

#include <parmetrics/error.hpp>

namespace parmetrics::service {

namespace {

Request request_of(const httplib::Request& r) {
  Request q;
  q.method = r.method;
  q.path = r.path;
  for (const auto& [key, value] : r.params) q.query.emplace_back(key, value);
  q.body = r.body;
  const std::string type = r.get_header_value("Content-Type");
  q.content_type = type.substr(0, type.find(';'));
  while (!q.content_type.empty() && q.content_type.back() == ' ') q.content_type.pop_back();
  q.authorization = r.get_header_value("Authorization");
  return q;
}

void respond(const Response& answer, httplib::Response& res) {
  res.status = answer.status;
  for (const auto& [key, value] : answer.headers) res.set_header(key, value);
  res.set_content(answer.body, answer.content_type);
}

}  // namespace

struct HttpServer::Impl {
  Impl(Service& s, HttpOptions o) : service(s), options(std::move(o)) {}
  Service& service;
  HttpOptions options;
  httplib::Server server;
};

HttpServer::HttpServer(Service& service, HttpOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {
  httplib::Server& s = impl_->server;
  const HttpOptions& o = impl_->options;
  s.set_payload_max_length(o.max_body);
  s.set_read_timeout(o.read_timeout_seconds, 0);
  s.set_write_timeout(o.write_timeout_seconds, 0);
  s.set_keep_alive_max_count(100);
  s.set_keep_alive_timeout(5);
  const unsigned threads = o.http_threads == 0 ? 1 : o.http_threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    respond(impl_->service.handle(request_of(req)), res);
  };
  for (const char* pattern : {"/.*"}) {
    s.Get(pattern, handler);
    s.Post(pattern, handler);
    s.Put(pattern, handler);
    s.Delete(pattern, handler);
    s.Patch(pattern, handler);
  }
  // Errors httplib answers itself (413 for a body over the bound, 400 for a bad request line)
  // get a JSON body too.
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 413
                                    ? "the body is larger than the service takes (--max-body)"
                                    : fmt::format("HTTP {}", res.status);
    respond(error_response(res.status, message), res);
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    respond(error_response(500, "internal error"), res);
  });
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  const HttpOptions& o = impl_->options;
  const int port = o.port == 0 ? impl_->server.bind_to_any_port(o.host)
                               : (impl_->server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) throw Error(fmt::format("cannot listen on {}:{}", o.host, o.port));
  return port;
}

void HttpServer::run() {
  impl_->server.listen_after_bind();
}

void HttpServer::stop() {
  impl_->server.stop();
}

bool is_loopback(const std::string& host) {
  // The address, not the text: a name such as "127.example.org" may resolve anywhere.
  if (host == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return ::inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

}  // namespace parmetrics::service
