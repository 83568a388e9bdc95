#pragma once
// What the live store does with a DossierStore beyond its public interface: rows read into a
// reused Dossier, rows pushed without the duplicate check (a new version of a row, or a merge's
// copy of rows whose codes are known to be unique), appointments marked as computed. Internal.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <parmetrics/model/dossier_store.hpp>

namespace parmetrics::detail {

struct DossierStoreAccess {
  /// RangeError when one of the row's times does not fit the store.
  static void check_times(const Dossier& d) { DossierStore::check_times(d); }

  /// Appends a checked row whose code is not in `store`, or, with `replaces`, is that row's.
  static DossierStore::Index push(DossierStore& store, const Dossier& d, std::string_view code,
                                  std::size_t hash, bool computed,
                                  std::optional<DossierStore::Index> replaces = std::nullopt) {
    return store.push(d, code, hash, computed, replaces);
  }

  /// Row i's code, rendered into `scratch` when the store keeps it encoded.
  static std::string_view code_view(const DossierStore& store, DossierStore::Index i,
                                    std::string& scratch) {
    return store.code_view(i, scratch);
  }

  static void read_row(const DossierStore& store, DossierStore::Index i, Dossier& d) {
    store.read_row(i, d);
  }

  /// Rows the store takes before its code index grows (reserve() made room for them).
  static std::size_t room(const DossierStore& store) noexcept {
    return 3 * store.code_slots_.size() / 4;
  }
};

}  // namespace parmetrics::detail
