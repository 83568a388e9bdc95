#pragma once
// Comparing two imports of the same input (threads and chunk sizes must never change the
// result): dossiers field by field, and rejections as printed.

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <parmetrics/io/import_report.hpp>
#include <parmetrics/model/dossier.hpp>
#include <parmetrics/model/dossier_store.hpp>

namespace parmetrics::test {

inline std::vector<std::string> details(const ImportReport& r) {
  std::vector<std::string> out;
  for (const Rejection& x : r.rejections()) out.push_back(x.to_string());
  return out;
}

inline bool same_row(const Dossier& a, const Dossier& b) {
  if (a.supplements.size() != b.supplements.size() || a.apologies.size() != b.apologies.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.supplements.size(); ++i) {
    if (a.supplements[i].requested != b.supplements[i].requested ||
        a.supplements[i].completed != b.supplements[i].completed) {
      return false;
    }
  }
  for (std::size_t i = 0; i < a.apologies.size(); ++i) {
    if (a.apologies[i].issued != b.apologies[i].issued ||
        a.apologies[i].new_appointment != b.apologies[i].new_appointment ||
        a.apologies[i].is_public != b.apologies[i].is_public) {
      return false;
    }
  }
  return a.code == b.code && a.procedure == b.procedure && a.unit == b.unit &&
         a.commune == b.commune && a.channel == b.channel && a.received == b.received &&
         a.appointment == b.appointment && a.ended == b.ended && a.end_kind == b.end_kind &&
         a.returned == b.returned && a.flags == b.flags && a.feedback == b.feedback;
}

/// Both imports hold the same dossiers (with their status) and report.
inline void check_same_import(const DossierStore& a, const ImportReport& ra, const DossierStore& b,
                              const ImportReport& rb) {
  BOOST_TEST_REQUIRE(a.size() == b.size());
  for (DossierStore::Index i = 0; i < a.size(); ++i) {
    BOOST_TEST_REQUIRE(same_row(a.row(i), b.row(i)), "row " << i);
    BOOST_TEST(a.status()[i] == b.status()[i]);
  }
  BOOST_TEST(ra.read() == rb.read());
  BOOST_TEST(ra.loaded_count() == rb.loaded_count());
  BOOST_TEST(ra.rejected_count() == rb.rejected_count());
  BOOST_TEST(details(ra) == details(rb), boost::test_tools::per_element());
  BOOST_TEST((ra.rejections_by_reason() == rb.rejections_by_reason()));
  BOOST_TEST(ra.warnings() == rb.warnings(), boost::test_tools::per_element());
}

}  // namespace parmetrics::test
