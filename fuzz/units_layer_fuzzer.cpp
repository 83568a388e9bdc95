// Units layers (read_dvhcvn_mapping, read_reform_csv, apply_reform_mapping): bytes read as the
// dvhcvn JSON shapes or as a CSV of links, then laid over a small registry with GSO codes. Any
// failure is a DataError; a layer that reads leaves a registry that resolves.

#include <parmetrics/io/csv_import.hpp>
#include <parmetrics/io/units_layer.hpp>

#include "fuzz_support.hpp"

using namespace parmetrics;

namespace {

UnitRegistry registry() {
  UnitRegistry units;
  ImportReport report;
  import_units_csv(
      "code,name,level,parent,valid_to,gso_code\n"
      "P,Tỉnh Thử,province,,,49\n"
      "D,Huyện Thử,district,P,2025-06-30,512\n"
      "A,Xã A,commune,D,,20779\n"
      "B,Xã B,commune,D,2024-12-31,20761\n",
      "u.csv", units, report);
  return units;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  for (const bool json : {true, false}) {
    ReformMapping mapping;
    const bool read = fuzz::runs([&] {
      mapping = json ? read_dvhcvn_mapping(text, "m.json") : read_reform_csv(text, "m.csv");
    });
    if (!read) continue;
    UnitRegistry units = registry();
    const std::size_t before = units.size();
    LayerReport r;
    if (!fuzz::runs([&] { r = apply_reform_mapping(mapping, units); })) continue;
    fuzz::expect(r.links == mapping.links.size(), "the report counts every link");
    fuzz::expect(units.size() == before + r.created, "added units are counted");
    for (UnitId id = 0; id < units.size(); ++id) (void)units.carriers(id, kReform2025);
  }
  return 0;
}
