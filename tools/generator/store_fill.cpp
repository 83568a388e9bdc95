// A data set straight into the model's containers, for benchmarks that skip CSV.

#include "generator.hpp"

namespace parmetrics::generator {

namespace {

class StoreSink final : public DossierSink {
 public:
  StoreSink(const DataSet& data, std::vector<UnitId> units, std::vector<ProcedureId> procedures,
            DossierStore& store)
      : data_(data), units_(std::move(units)), procedures_(std::move(procedures)), store_(store) {}

  void on_dossier(const GeneratedDossier& g) override {
    // One row reused for every dossier: its string and vectors keep their capacity.
    Dossier& d = row_;
    const std::string& unit = data_.units()[g.unit].code;
    const CivilDate day = civil_from_days(day_of(g.received));
    d.code.assign(unit);
    char suffix[12] = {'-',
                       static_cast<char>('0' + day.year % 100 / 10),
                       static_cast<char>('0' + day.year % 10),
                       static_cast<char>('0' + day.month / 10),
                       static_cast<char>('0' + day.month % 10),
                       static_cast<char>('0' + day.day / 10),
                       static_cast<char>('0' + day.day % 10),
                       '-',
                       static_cast<char>('0' + g.counter / 1000 % 10),
                       static_cast<char>('0' + g.counter / 100 % 10),
                       static_cast<char>('0' + g.counter / 10 % 10),
                       static_cast<char>('0' + g.counter % 10)};
    d.code.append(suffix, sizeof suffix);
    d.procedure = procedures_[g.procedure];
    d.unit = units_[g.unit];
    d.commune.reset();
    if (g.commune != kNoCommune) d.commune = units_[g.commune];
    d.channel = g.channel;
    d.received = g.received;
    d.appointment =
        g.appointment_recorded ? std::optional<MinuteStamp>(g.appointment) : std::nullopt;
    d.ended = g.ended;
    d.end_kind = g.end_kind;
    d.returned = g.returned;
    d.flags = g.flags;
    d.feedback = g.feedback;
    d.supplements.clear();
    for (std::uint8_t i = 0; i < g.supplement_count; ++i) {
      d.supplements.push_back({g.supplements[i].requested, g.supplements[i].completed});
    }
    d.apologies.clear();
    if (g.apology) {
      d.apologies.push_back({g.apology->issued, g.apology->new_appointment, g.apology->is_public});
    }
    store_.append(d);
  }

 private:
  const DataSet& data_;
  std::vector<UnitId> units_;
  std::vector<ProcedureId> procedures_;
  DossierStore& store_;
  Dossier row_;
};

}  // namespace

void fill(const DataSet& data, UnitRegistry& units, ProcedureCatalog& procedures,
          DossierStore& store, bool compute_missing) {
  std::vector<UnitId> unit_ids;
  for (const Unit& u : data.units()) unit_ids.push_back(units.add(u));
  units.resolve();
  std::vector<ProcedureId> procedure_ids;
  for (const Procedure& p : data.procedures()) procedure_ids.push_back(procedures.add(p));
  store.reserve(store.size() + data.dossier_count());
  StoreSink sink(data, std::move(unit_ids), std::move(procedure_ids), store);
  data.generate(sink);
  if (compute_missing) store.compute_missing_appointments(procedures, data.calendar());
}

}  // namespace parmetrics::generator
