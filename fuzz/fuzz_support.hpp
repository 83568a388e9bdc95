#pragma once
// What every harness checks besides "no crash" (docs/testing.md): the error contract (nothing
// but parmetrics::Error leaves the library), the accounting of a bulk import (read = loaded +
// rejected, the counts by reason add up, loaded = what the store gained) and, for the threaded
// importers, that two threads with tiny chunks give what one thread gives.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <string>
#include <string_view>

#include <parmetrics/error.hpp>
#include <parmetrics/io/import_report.hpp>
#include <parmetrics/model/dossier_store.hpp>

namespace parmetrics::fuzz {

/// A finding: print it and abort, which libFuzzer reports with the input that caused it.
[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FINDING: %s\n", what.c_str());
  std::abort();
}

inline void expect(bool ok, const std::string& what) {
  if (!ok) finding(what);
}

/// Runs f; a parmetrics::Error is an accepted outcome (false), anything else is a finding.
template <class F>
bool runs(F&& f) {
  try {
    f();
    return true;
  } catch (const Error&) {
    return false;
  } catch (const std::exception& e) {
    finding(std::string("an exception outside parmetrics::Error: ") + e.what());
  } catch (...) {
    finding("a non-standard exception");
  }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// The accounting of one import: every record loaded or rejected, and the reasons add up.
inline void expect_reconciles(const ImportReport& r, std::uint64_t gained) {
  expect(r.reconciles(), "read != loaded + rejected");
  std::uint64_t by_reason = 0;
  for (const auto& [reason, n] : r.rejections_by_reason()) by_reason += n;
  expect(by_reason == r.rejected_count(), "the counts by reason do not add up to rejected");
  expect(r.rejections().size() <= r.rejected_count(), "more details than rejections");
  expect(r.loaded_count() == gained, "loaded differs from what the store gained");
}

inline void expect_same(const ImportReport& a, const ImportReport& b) {
  expect(a.read() == b.read() && a.loaded_count() == b.loaded_count() &&
             a.rejected_count() == b.rejected_count(),
         "one thread and two threads count differently");
  expect(a.rejections_by_reason() == b.rejections_by_reason(),
         "one thread and two threads reject for different reasons");
  expect(a.rejections().size() == b.rejections().size(),
         "one thread and two threads keep different details");
  for (std::size_t i = 0; i < a.rejections().size(); ++i) {
    expect(a.rejections()[i].to_string() == b.rejections()[i].to_string(),
           "one thread and two threads report a different rejection: " +
               a.rejections()[i].to_string() + " / " + b.rejections()[i].to_string());
  }
}

/// The same dossiers, in the same order, field by field.
inline void expect_same(const DossierStore& a, const DossierStore& b) {
  expect(a.size() == b.size(), "one thread and two threads load different numbers of dossiers");
  for (DossierStore::Index i = 0; i < a.size(); ++i) {
    const Dossier x = a.row(i), y = b.row(i);
    bool same = x.code == y.code && x.procedure == y.procedure && x.unit == y.unit &&
                x.channel == y.channel && x.received == y.received &&
                x.appointment == y.appointment && x.ended == y.ended && x.end_kind == y.end_kind &&
                x.returned == y.returned && x.flags == y.flags && x.feedback == y.feedback &&
                x.supplements.size() == y.supplements.size() &&
                x.apologies.size() == y.apologies.size();
    for (std::size_t k = 0; same && k < x.supplements.size(); ++k) {
      same = x.supplements[k].requested == y.supplements[k].requested &&
             x.supplements[k].completed == y.supplements[k].completed;
    }
    for (std::size_t k = 0; same && k < x.apologies.size(); ++k) {
      same = x.apologies[k].issued == y.apologies[k].issued &&
             x.apologies[k].new_appointment == y.apologies[k].new_appointment &&
             x.apologies[k].is_public == y.apologies[k].is_public;
    }
    expect(same, "one thread and two threads load dossier " + x.code + " differently");
  }
}

}  // namespace parmetrics::fuzz
