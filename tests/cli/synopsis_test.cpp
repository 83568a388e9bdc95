// The synopses people read agree with the flags the parser takes: each command's usage line
// (`parmetrics --help`, `parmetrics COMMAND -h`) names every flag of its table with the values it
// takes, and README's command list gives the same values wherever it names a flag.

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "commands.hpp"

namespace parmetrics::test {
namespace {

using cli::Command;
using cli::FlagSpec;

const FlagSpec* flag_of(const Command& c, std::string_view name) {
  for (const FlagSpec& f : c.flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

/// README's "parmetrics COMMAND …" lines, continuation lines joined, by command.
std::map<std::string, std::string> readme_synopses() {
  std::ifstream in(std::string(PARMETRICS_DATA_DIR) + "/../README.md");
  BOOST_TEST_REQUIRE(in.good());
  std::map<std::string, std::string> out;
  std::string current;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("parmetrics ")) {
      current = line.substr(11, line.find(' ', 11) - 11);
      out[current] += line;
    } else if (!current.empty() && line.starts_with("    ")) {
      out[current] += " " + line;
    } else {
      current.clear();
    }
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(synopsis)

BOOST_AUTO_TEST_CASE(each_usage_line_names_every_flag_with_its_values) {
  for (const Command& c : cli::commands()) {
    BOOST_TEST_CONTEXT(c.name) {
      for (const FlagSpec& f : c.flags) {
        if (f.name == "help" || f.help.starts_with("the same as")) continue;  // aliases
        const std::string named = "--" + std::string(f.name);
        const std::string with_value = f.takes_value ? named + " " + std::string(f.value) : named;
        BOOST_TEST(std::string(c.usage).find(with_value) != std::string::npos, with_value);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(readme_gives_the_values_the_parser_takes) {
  const auto readme = readme_synopses();
  const std::regex flag(R"(\[--([a-z0-9-]+) ([^\]\[ ]+)\])");
  for (const Command& c : cli::commands()) {
    BOOST_TEST_CONTEXT(c.name) {
      const auto it = readme.find(std::string(c.name));
      BOOST_TEST_REQUIRE((it != readme.end()), "README lists the command");
      const std::string& line = it->second;
      for (std::sregex_iterator m(line.begin(), line.end(), flag), end; m != end; ++m) {
        const FlagSpec* f = flag_of(c, (*m)[1].str());
        BOOST_TEST_REQUIRE(f != nullptr, "--" << (*m)[1].str() << " is a flag of the command");
        if ((*m)[2].str().find('|') != std::string::npos) {
          BOOST_TEST((*m)[2].str() == f->value, "--" << f->name);
        }
      }
      // The formats and the language are always spelled out.
      for (const std::string_view name : {"format", "lang"}) {
        if (const FlagSpec* f = flag_of(c, name)) {
          BOOST_TEST(line.find("[--" + std::string(name) + " " + std::string(f->value) + "]") !=
                         std::string::npos,
                     "--" << name << " " << f->value);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace parmetrics::test
