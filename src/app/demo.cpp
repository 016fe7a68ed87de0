#include <cstdlib>

#include "accounts/account_store.hpp"
#include "accounts/password.hpp"
#include "app/app.hpp"
#include "db/write_tx.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "tenants/tenant_store.hpp"

namespace app {
namespace {

constexpr const char* kDemoSlug = "demo";
constexpr const char* kDemoAdmin = "admin@demo.fremdrift.test";

struct DemoUnit {
  const char* key;
  const char* parent;
  const char* name;
  const char* kind;
  const char* manager_name;
  const char* manager_title;
};

// The seed's case spans the job centre, social services and health care; the tree
// gives each of them a manager so that nearest-manager lookups have answers.
constexpr DemoUnit kUnits[] = {
    {"bsf", "", "Beskæftigelses- og Socialforvaltningen", "administration", "Lene Holm",
     "Direktør"},
    {"job", "bsf", "Jobcenter", "unit", "Mikkel Dahl", "Jobcenterchef"},
    {"job-rf", "job", "Team Ressourceforløb", "team", "Sara Nielsen", "Teamleder"},
    {"job-sd", "job", "Team Sygedagpenge", "team", "Jonas Berg", "Teamleder"},
    {"soc", "bsf", "Socialafdelingen", "unit", "Helle Krogh", "Socialchef"},
    {"soc-uv", "soc", "Team Udsatte Voksne", "team", "", ""},
    {"sof", "", "Sundheds- og Omsorgsforvaltningen", "administration", "Peter Lund", "Direktør"},
    {"sund", "sof", "Sundhed og Forebyggelse", "unit", "Maria Thomsen", "Sundhedschef"},
    {"hjem", "sof", "Hjemmeplejen", "unit", "Karin Friis", "Leder af hjemmeplejen"},
};

struct DemoPerson {
  const char* unit;
  const char* name;
  const char* title;
};

constexpr DemoPerson kStaff[] = {
    {"job-rf", "Ahmed Rasmussen", "Jobkonsulent"},
    {"job-rf", "Camilla Skov", "Rehabiliteringskoordinator"},
    {"job-sd", "Ole Mortensen", "Sagsbehandler"},
    {"soc-uv", "Fatima Larsen", "Socialrådgiver"},
    {"soc-uv", "Rasmus Eriksen", "Bostøttemedarbejder"},
    {"sund", "Ida Poulsen", "Sundhedsplejerske"},
    {"hjem", "Niels Madsen", "Social- og sundhedsassistent"},
};

void create_organisation(soci::session& sql, const std::string& tenant_id) {
  org::UnitStore units(sql, tenant_id);
  org::PersonStore people(sql, tenant_id);
  std::map<std::string, std::string> unit_ids;
  for (const auto& u : kUnits) {
    org::UnitFields f;
    f.name = u.name;
    f.kind = u.kind;
    if (*u.parent) f.parent_id = std::optional<std::string>(unit_ids.at(u.parent));
    auto unit = units.create(nullptr, f);
    unit_ids[u.key] = unit.id;
    if (*u.manager_name) {
      org::PersonFields p;
      p.name = u.manager_name;
      p.title = std::optional<std::string>(u.manager_title);
      p.unit_id = std::optional<std::string>(unit.id);
      auto manager = people.create(nullptr, p);
      org::UnitFields m;
      m.manager_id = std::optional<std::string>(manager.id);
      units.update(nullptr, unit.id, unit.version, m);
    }
  }
  for (const auto& s : kStaff) {
    org::PersonFields p;
    p.name = s.name;
    p.title = std::optional<std::string>(s.title);
    p.unit_id = std::optional<std::string>(unit_ids.at(s.unit));
    people.create(nullptr, p);
  }
}

}  // namespace

DemoResult load_demo(db::Database& db) {
  DemoResult result;
  result.email = kDemoAdmin;
  const char* env = std::getenv("FREMDRIFT_DEMO_PASSWORD");
  result.password = env && *env ? env : accounts::generate_password();

  auto sql = db.lease();
  db::WriteTx tx(*sql);
  tenants::TenantStore tenants(*sql);
  auto tenant = tenants.find_by_slug(kDemoSlug);
  if (!tenant) {
    tenant = tenants.create(kDemoSlug, "Demo Kommune", "municipality", "da");
    create_organisation(*sql, tenant->id);
    result.created = true;
  }
  accounts::AccountStore accounts(*sql);
  auto admin = accounts.find_by_email(kDemoAdmin);
  if (!admin) {
    accounts::NewUser user{kDemoAdmin, "Demo Administrator", result.password, "admin",
                           std::nullopt};
    accounts.create_user(tenant->id, nullptr, user);
  } else {
    accounts.set_password(admin->tenant_id, nullptr, admin->id, result.password);
  }
  tx.commit();
  return result;
}

}  // namespace app
