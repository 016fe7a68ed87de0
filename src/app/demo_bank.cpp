#include "app/demo_bank.hpp"

#include "accounts/account_store.hpp"
#include "org/unit_store.hpp"
#include "tenants/tenant_store.hpp"

namespace app {
namespace {

constexpr const char* kNeighbourSlug = "naboby";
constexpr const char* kNeighbourAdmin = "admin@naboby.fremdrift.test";
// Named otherwise than the demo municipality's, as another municipality's would be.
constexpr const char* kUnits[] = {"Beskæftigelse", "Familieafdelingen", "Sundhedsplejen"};

}  // namespace

std::string ensure_demo_neighbour(soci::session& sql, const std::string& password) {
  tenants::TenantStore tenants(sql);
  auto tenant = tenants.find_by_slug(kNeighbourSlug);
  if (!tenant) {
    tenant = tenants.create(kNeighbourSlug, "Naboby Kommune", "municipality", "da");
    org::UnitStore units(sql, tenant->id);
    for (const char* name : kUnits) {
      org::UnitFields f;
      f.name = name;
      units.create(nullptr, f);
    }
  }
  accounts::AccountStore accounts(sql);
  if (auto admin = accounts.find_by_email(kNeighbourAdmin)) {
    accounts.set_password(admin->tenant_id, nullptr, admin->id, password);
  } else {
    accounts.create_user(
        tenant->id, nullptr,
        {kNeighbourAdmin, "Naboby Administrator", password, "admin", std::nullopt});
  }
  return kNeighbourAdmin;
}

}  // namespace app
