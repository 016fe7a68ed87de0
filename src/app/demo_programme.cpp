#include "app/demo_programme.hpp"

#include "accounts/account_store.hpp"
#include "programmes/programme_store.hpp"
#include "programmes/umbrella_store.hpp"
#include "projects/project_store.hpp"
#include "tenants/tenant_store.hpp"

namespace app {
namespace {

constexpr const char* kUmbrellaSlug = "demo-program";
constexpr const char* kUmbrellaName = "Tværkommunalt program";
constexpr const char* kUmbrellaAdmin = "sekretariat@demo.fremdrift.test";
constexpr const char* kProgramme = "Mere kerneopgave og mindre bureaukrati";

// Seed 001: clusters by service area, and the programme's two content tracks.
constexpr const char* kClusters[] = {"Beskæftigelse og socialområdet", "Sundhed og omsorg"};
constexpr const char* kTracks[] = {"Styrket borgerkontakt", "Frisættende ledelse og styring"};

programmes::Programme ensure_programme(soci::session& sql, const std::string& umbrella_id) {
  programmes::ProgrammeStore store(sql, umbrella_id);
  for (const auto& p : store.page("", 200)) {
    if (p.title == kProgramme && p.tenant_id == umbrella_id) return p;
  }
  programmes::ProgrammeFields f;
  f.title = kProgramme;
  f.description = std::optional<std::string>(
      "Rammeprojekt for kommuner, der afprøver mere kerneopgave og mindre bureaukrati. Projekterne "
      "mødes i projektklynger 2-3 gange om året og dokumenterer virksomme veje i de to "
      "indholdsspor.");
  f.clusters.assign(std::begin(kClusters), std::end(kClusters));
  f.tracks.assign(std::begin(kTracks), std::end(kTracks));
  return store.create(nullptr, f);
}

void ensure_membership(soci::session& sql, const std::string& umbrella_id,
                       const std::string& municipality_id) {
  programmes::UmbrellaStore member(sql, municipality_id);
  for (const auto& m : member.joined()) {
    if (m.umbrella_id == umbrella_id) return;
  }
  // The same way a real municipality joins: with the secretariat's code, which is
  // then revoked because nobody else was given it.
  programmes::UmbrellaStore umbrella(sql, umbrella_id);
  member.join(nullptr, umbrella.new_join_code(nullptr));
  umbrella.revoke_join_code(nullptr);
}

void ensure_attached(soci::session& sql, const std::string& municipality_id,
                     const std::string& programme_id, const std::string& project_title) {
  std::string project_id;
  for (const auto& p : projects::ProjectStore(sql, municipality_id).page("", 200)) {
    if (p.title == project_title) project_id = p.id;
  }
  if (project_id.empty()) return;
  programmes::ProgrammeStore store(sql, municipality_id);
  auto programme = store.get(programme_id);
  if (store.attached(programme, project_id)) return;
  programmes::Placement placement;
  placement.cluster = kClusters[0];
  placement.tracks = std::vector<std::string>{kTracks[0]};
  store.attach(nullptr, programme, project_id, placement);
}

}  // namespace

std::string ensure_demo_programme(soci::session& sql, const std::string& municipality_id,
                                  const std::string& project_title, const std::string& password) {
  tenants::TenantStore tenants(sql);
  auto umbrella = tenants.find_by_slug(kUmbrellaSlug);
  if (!umbrella) umbrella = tenants.create(kUmbrellaSlug, kUmbrellaName, "umbrella", "da");
  auto programme = ensure_programme(sql, umbrella->id);
  ensure_membership(sql, umbrella->id, municipality_id);
  ensure_attached(sql, municipality_id, programme.id, project_title);
  accounts::AccountStore accounts(sql);
  if (auto admin = accounts.find_by_email(kUmbrellaAdmin)) {
    accounts.set_password(admin->tenant_id, nullptr, admin->id, password);
  } else {
    accounts.create_user(umbrella->id, nullptr,
                         {kUmbrellaAdmin, "Programsekretariatet", password, "admin", std::nullopt});
  }
  return kUmbrellaAdmin;
}

}  // namespace app
