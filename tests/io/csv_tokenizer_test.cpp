// The tokenizer against a reference written here from RFC 4180 alone (a character at a time, no
// shortcuts), on generated well-formed files whose records straddle the tokenizer's 64-byte
// blocks and the end of the text: plain and quoted fields, "" escapes, line feeds inside quotes,
// CRLF and LF endings, empty lines (issue 13 added the tokenizer's block-mask path).

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "io/csv_tokenizer.hpp"

namespace {

using parmetrics::detail::CsvRecord;
using parmetrics::detail::CsvTokenizer;
using parmetrics::detail::RecordStatus;

struct RefRecord {
  std::vector<std::string> fields;
  std::uint64_t line = 0;  // line feeds before the record
};

// RFC 4180: a field is quoted when it starts with a quote, "" inside quotes is a quote, a record
// ends at a line feed outside quotes (a CR before it is not data), empty lines are no records.
std::vector<RefRecord> reference(const std::string& text) {
  std::vector<RefRecord> out;
  std::size_t i = 0;
  std::uint64_t lf = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      ++lf;
      ++i;
      continue;
    }
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      i += 2;
      ++lf;
      continue;
    }
    RefRecord r;
    r.line = lf;
    std::string field;
    bool done = false;
    while (!done) {
      if (i < text.size() && text[i] == '"') {
        ++i;
        for (;;) {
          if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
          } else if (text[i] == '"') {
            ++i;
            break;
          } else {
            if (text[i] == '\n') ++lf;
            field += text[i++];
          }
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n') field += text[i++];
        if (!field.empty() && field.back() == '\r' && (i == text.size() || text[i] == '\n')) {
          field.pop_back();
        }
      }
      r.fields.push_back(field);
      field.clear();
      if (i == text.size()) {
        done = true;
      } else if (text[i] == ',') {
        ++i;
      } else {  // '\n', possibly after "\r" following a closing quote
        if (text[i] == '\r') ++i;
        ++lf;
        ++i;
        done = true;
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

struct Lcg {
  std::uint64_t s;
  std::uint32_t next(std::uint32_t bound) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>((s >> 33) % bound);
  }
};

std::string generated(std::uint64_t seed, int records) {
  Lcg g{seed};
  std::string text;
  for (int r = 0; r < records; ++r) {
    const int fields = 1 + static_cast<int>(g.next(20));
    for (int f = 0; f < fields; ++f) {
      if (f > 0) text += ',';
      const std::uint32_t kind = g.next(10);
      const int len = static_cast<int>(g.next(kind == 0 ? 90 : 25));
      if (kind <= 1) {
        // Quoted: commas, escaped quotes, line feeds, CRs.
        text += '"';
        for (int k = 0; k < len; ++k) {
          const std::uint32_t c = g.next(12);
          text += c == 0 ? std::string("\"\"") : c == 1 ? "," : c == 2 ? "\n" : c == 3 ? "\r" : "q";
        }
        text += '"';
      } else {
        for (int k = 0; k < len; ++k) text += static_cast<char>('a' + g.next(26));
      }
    }
    const std::uint32_t end = g.next(8);
    if (r + 1 == records && end == 0) break;  // no line ending at the end of the text
    text += end == 1 ? "\r\n" : end == 2 ? "\n\n" : "\n";
  }
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_tokenizer)

BOOST_AUTO_TEST_CASE(records_match_an_rfc_4180_reference) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const std::string text = generated(seed, 1 + static_cast<int>(seed * 7 % 60));
    const std::vector<RefRecord> want = reference(text);
    CsvTokenizer tok(text, 0);
    CsvRecord rec;
    std::size_t n = 0;
    BOOST_TEST_CONTEXT("seed " << seed) {
      while (tok.next(text.size(), rec)) {
        BOOST_TEST_REQUIRE(n < want.size());
        BOOST_TEST((rec.status == RecordStatus::ok));
        BOOST_TEST(rec.line == want[n].line, "record " << n);
        BOOST_TEST_REQUIRE(rec.fields.size() == want[n].fields.size(), "record " << n);
        for (std::size_t f = 0; f < rec.fields.size(); ++f) {
          BOOST_TEST(std::string(rec.fields[f]) == want[n].fields[f],
                     "record " << n << " field " << f);
        }
        ++n;
      }
      BOOST_TEST(n == want.size());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_quote_late_in_a_long_record_is_seen) {
  // The block path reads 64 bytes at a time: a stray quote in the second block still makes the
  // record malformed, and the next record is read as usual.
  const std::string text = std::string(100, 'a') + "b\"c,d\n" + std::string(80, 'x') + ",y\n";
  CsvTokenizer tok(text, 0);
  CsvRecord rec;
  BOOST_TEST_REQUIRE(tok.next(text.size(), rec));
  BOOST_TEST((rec.status == RecordStatus::stray_quote));
  BOOST_TEST_REQUIRE(tok.next(text.size(), rec));
  BOOST_TEST((rec.status == RecordStatus::ok));
  BOOST_TEST(rec.line == 1u);
  BOOST_TEST_REQUIRE(rec.fields.size() == 2u);
  BOOST_TEST(rec.fields[0] == std::string(80, 'x'));
  BOOST_TEST(rec.fields[1] == "y");
  BOOST_TEST(!tok.next(text.size(), rec));
}

BOOST_AUTO_TEST_SUITE_END()
