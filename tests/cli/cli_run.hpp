#pragma once
// Running the CLI in-process, as the CLI tests do: arguments in, exit code and both streams out.

#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"

namespace parmetrics::test::cli {

struct Result {
  int code;
  std::string out;
  std::string err;
};

inline Result run(const std::vector<std::string_view>& args) {
  std::ostringstream out, err;
  const int code = parmetrics::cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

inline Result run(std::initializer_list<std::string_view> args) {
  return run(std::vector<std::string_view>(args));
}

inline Result run(const std::vector<std::string>& args) {
  return run(std::vector<std::string_view>(args.begin(), args.end()));
}

inline std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

inline std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace parmetrics::test::cli
