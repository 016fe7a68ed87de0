#include "bank/bank_fixture.hpp"

#include "actions/action_store.hpp"
#include "adoption/adoption_store.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "kpis/kpi_store.hpp"
#include "maps/map_store.hpp"

namespace testing_bank {

Seeded seed_project(soci::session& sql, const std::string& tenant, const std::string& title,
                    const std::string& lesson) {
  Seeded s;
  s.unit_id = testing_db::new_unit(sql, tenant, "Visitationen");
  s.person_id = testing_db::new_person(sql, tenant, "Mette Kjær Jensen", s.unit_id);
  // A tenant's addresses are unique: a second seeded project's person gets her own.
  static int seeded = 0;
  std::string email = "mette.kjaer" + std::to_string(++seeded) + "@example.dk";
  db::execute(sql, "UPDATE people SET email = :email WHERE tenant_id = :t AND id = :id",
              {{"email", email}, {"t", tenant}, {"id", s.person_id}});
  s.project_id = testing_db::new_project(sql, tenant, title);
  std::string doc = "Mette Kjær Jensen (" + email + ") ringer til borgerne";
  maps::MapStore maps(sql, tenant);
  auto as_is = map_xml(s.unit_id,
                       {{"A", "Modtag ansøgning", 30},
                        {"B", "Vurder behov", 30},
                        {"A", "Mette skriver afgørelse", 30}},
                       doc);
  auto redesign = map_xml(s.unit_id, {{"A", "Visitation på første besøg", 30}}, doc);
  maps.create(nullptr, s.project_id, maps::NewMap{"as_is", "Som nu", std::nullopt, as_is}, as_is);
  maps.create(nullptr, s.project_id, maps::NewMap{"redesign", "Ny", std::nullopt, redesign},
              redesign);

  kpis::KpiStore kpis(sql, tenant);
  kpis::Kpi k;
  k.name = "Ventetid på visitation";
  k.definition = "Dage fra ansøgning til afgørelse, målt af Mette";
  k.unit = "dage";
  k.direction = "lower";
  k.owner_id = s.person_id;
  auto kpi = kpis.create(nullptr, s.project_id, k);
  long last = *kpis::period_of_date(kpis::Frequency::kWeekly, core::nordic_local_today()) - 1;
  long first = last - 11;
  std::vector<kpis::Measurement> rows;
  for (long i = 0; i < 12; ++i) rows.push_back({first + i, i < 6 ? 20.0 : 8.0});
  kpis.push(nullptr, kpi, rows);
  kpis.add_period(nullptr, kpi, {first, "Før", true, first + 5});
  kpis.add_period(nullptr, kpi, {first + 6, "Forsøg", true, std::nullopt});

  actions::ActionFields a;
  a.task = "Mette laver en ny skabelon til afgørelsen";
  a.responsible_id = std::optional<std::string>(s.person_id);
  a.effect = std::optional<std::string>("Kortere ventetid for borgerne");
  actions::ActionStore(sql, tenant).create(nullptr, s.project_id, a);
  adoption::LessonStore lessons(sql, tenant);
  lessons.create(nullptr, s.project_id, {"", "", "Jensen sagde: start med én gruppe borgere", ""});
  if (!lesson.empty()) lessons.create(nullptr, s.project_id, {"", "", lesson, ""});
  return s;
}

}  // namespace testing_bank
