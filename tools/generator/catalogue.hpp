#pragma once
// The units and procedures of the two profiles, with the traits the generator draws from.

#include <cstdint>
#include <vector>

#include <parmetrics/model/procedure.hpp>
#include <parmetrics/model/unit.hpp>

#include "random.hpp"

namespace parmetrics::generator::detail {

/// How a unit behaves. The sample reads the weights as propensities for its exact monthly quotas;
/// the benchmark reads the *_ppm fields as independent probabilities.
struct UnitTraits {
  std::uint32_t weight = 0;         ///< share of the dossiers (0: receives none, an inner node)
  std::uint32_t online_weight = 0;  ///< sample: propensity to be picked online (0: never online)
  std::uint32_t online_ppm = 0;     ///< bench: P(online) for a procedure offered fully online
  std::uint32_t late_weight = 1;    ///< sample: propensity to be picked late
  std::uint32_t late_ppm = 0;       ///< bench: P(late)
  std::uint32_t postal_ppm = 0;     ///< share of the dossiers not filed online sent by post
  int postal_from_month = 1;        ///< sample: first month (1..12) of postal reception
  std::uint16_t procedure_set = 0;  ///< which procedures the unit receives
};

/// The procedures a kind of unit receives, drawn by popularity; `online` holds those offered
/// online (partly or fully), for receipts outside office days.
struct ProcedureSet {
  WeightedTable all;
  WeightedTable online;
};

/// Units with this procedure set receive every kind of procedure: the kind (a set) is drawn
/// first by Catalogue::merged_kinds (the sample's communes after 2025-07-01).
inline constexpr std::uint16_t kMergedSet = 0xFFFF;

/// A stretch of the sample's months with the same units (before 2025, the first half of 2025
/// after Hiệp Hòa and Hiệp Thuận merged into Quế Tân, from 2025-07-01 Đà Nẵng's three communes).
struct Era {
  std::size_t first_block = 0;  ///< the era's first month, counted from January 2023
  WeightedTable units;          ///< the units receiving dossiers, by weight
  /// The communes a dossier of the district's offices names as its own (the `commune` column):
  /// by weight; empty when the district has no offices.
  WeightedTable communes;
};

struct Catalogue {
  std::vector<Unit> units;
  std::vector<UnitTraits> traits;
  std::vector<Procedure> procedures;
  std::vector<ProcedureSet> sets;
  WeightedTable unit_table;    ///< units by weight (the benchmark's units; the sample's first era)
  std::vector<Era> eras;       ///< the sample's, by first block
  WeightedTable merged_kinds;  ///< the sets, by the share of the dossiers they had in 2023
};

/// Hiệp Đức district (Quảng Nam) as of 2023: the province root, the district, its one-stop
/// department, the natural resources and environment office, the land-registration branch and
/// the 11 commune-level units; about 50 procedures of the fields they handle.
Catalogue sample_catalogue();

/// A fictional province of `units` units (root → districts → communes) and 200 procedures.
Catalogue bench_catalogue(std::uint32_t units, std::uint64_t seed);

/// Where the sample's named units are (tests and docs refer to them).
namespace sample_unit {
inline constexpr std::uint32_t province = 0;
inline constexpr std::uint32_t district = 1;
inline constexpr std::uint32_t one_stop = 2;
inline constexpr std::uint32_t environment = 3;
inline constexpr std::uint32_t land = 4;
inline constexpr std::uint32_t first_commune = 5;
inline constexpr std::uint32_t que_tan = 16;            ///< 2025-01-01 … 2025-06-30
inline constexpr std::uint32_t da_nang = 17;            ///< from 2025-07-01
inline constexpr std::uint32_t first_new_commune = 18;  ///< Hiệp Đức, Việt An, Phước Trà
}  // namespace sample_unit

}  // namespace parmetrics::generator::detail
