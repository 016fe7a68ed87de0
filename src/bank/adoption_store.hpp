#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "bank/bank_entry.hpp"
#include "bank/start_project.hpp"
#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "projects/project.hpp"

namespace bank {

// An entry's current snapshot as anyone may read it while it is published.
struct Published {
  std::string entry_id;
  long long version = 0;
  Entry entry;
};

// A project started from an entry, as the entry's page shows it: only with its tenant's
// consent, and only its headline.
struct Headline {
  std::string title;
  std::string municipality;
  std::string started_at;
};

// The texts a start writes in the adopter's language.
struct StartTexts {
  std::string as_is_title;
  std::string redesign_title;
  std::string citizen_lane;
};

// Projects started from bank entries (issue 18, point 3; D42), in the caller's tenant, and
// what an entry's page says of them across tenants (counts and consented headlines only).
class AdoptionStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // The entry's current snapshot; NotFound when there is no such entry or it is not
  // published now.
  Published published(const std::string& entry_id);
  // The units of the caller's tenant a lane can be mapped to, by name.
  std::vector<UnitChoice> units();
  // Whether the caller's tenant may run projects: a municipality, not an umbrella.
  bool is_municipality();

  // Makes, in one transaction, the project (the entry's method, the mapped units), its maps
  // (map_as: the entry's redesign as the as-is to adapt, or as the redesign beside an initial
  // as-is), the KPI definitions and the adoption row. Forbidden for an umbrella tenant.
  projects::Project start(const core::AuthContext& who, const Published& from,
                          const StartRequest& request, const StartTexts& texts);

  // Distinct tenants that started a project from the entry.
  int used_by(const std::string& entry_id);
  // The consented projects started from the entry, oldest first.
  std::vector<Headline> headlines(const std::string& entry_id);

 private:
  void add_maps(const core::AuthContext& who, const std::string& project_id, const Entry& entry,
                const StartRequest& request, const StartTexts& texts);
  void add_kpis(const core::AuthContext& who, const std::string& project_id, const Entry& entry);
};

nlohmann::json to_json(const Headline& h);
// The consented headlines of the projects started from the entry, as the entry's JSON and page
// show them ("started_projects"); read across tenants, titles and municipality names only.
nlohmann::json started_projects(soci::session& sql, const std::string& entry_id);

}  // namespace bank
