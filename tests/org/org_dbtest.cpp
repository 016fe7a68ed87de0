#include <algorithm>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/row.hpp"
#include "db/test_databases.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"

namespace testing_db {
namespace {

using org::PersonFields;
using org::UnitFields;

class OrgStoreTest : public StorageTest {
 protected:
  UnitFields named(const std::string& name, std::optional<std::string> parent = std::nullopt) {
    UnitFields f;
    f.name = name;
    f.kind = "unit";
    if (parent) f.parent_id = parent;
    return f;
  }
  int audit_rows(const std::string& tenant, const std::string& entity_id) {
    auto sql = database().lease();
    int n = 0;
    *sql << "SELECT COUNT(*) FROM audit_log WHERE tenant_id = :t AND entity_id = :e",
        soci::use(tenant), soci::use(entity_id), soci::into(n);
    return n;
  }
};

TEST_P(OrgStoreTest, CreateReadUpdateWithVersions) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  org::UnitStore units(*sql, tenant);
  auto u = units.create(nullptr, named("Jobcenter"));
  EXPECT_EQ(u.version, 1);
  EXPECT_EQ(units.get(u.id).name, "Jobcenter");
  UnitFields rename;
  rename.name = "Jobcenter Nord";
  auto after = units.update(nullptr, u.id, 1, rename);
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(units.get(u.id).name, "Jobcenter Nord");
  EXPECT_EQ(units.get(u.id).version, 2);
  try {
    units.update(nullptr, u.id, 1, rename);
    FAIL() << "stale version accepted";
  } catch (const core::Conflict& e) {
    EXPECT_EQ(e.current()["version"], 2);
  }
  EXPECT_EQ(audit_rows(tenant, u.id), 2);
}

TEST_P(OrgStoreTest, TheLineageIsTheUnitsAndEveryUnitAboveThem) {
  auto tenant = new_tenant();
  auto other = new_tenant();
  auto sql = database().lease();
  org::UnitStore units(*sql, tenant);
  auto top = units.create(nullptr, named("Kommunen"));
  auto area = units.create(nullptr, named("Social", top.id));
  auto team = units.create(nullptr, named("Hjemmepleje Nord", area.id));
  auto sibling = units.create(nullptr, named("Hjemmepleje Syd", area.id));
  units.create(nullptr, named("Teknik", top.id));
  auto ids = [](const std::vector<org::Unit>& found) {
    std::vector<std::string> out;
    for (const auto& u : found) out.push_back(u.name);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids(units.lineage({team.id})),
            (std::vector<std::string>{"Hjemmepleje Nord", "Kommunen", "Social"}));
  // Two units under one area: the shared units once each.
  EXPECT_EQ(
      ids(units.lineage({team.id, sibling.id, team.id})),
      (std::vector<std::string>{"Hjemmepleje Nord", "Hjemmepleje Syd", "Kommunen", "Social"}));
  EXPECT_TRUE(units.lineage({}).empty());
  // Another tenant's unit is not found, nor anything above it.
  EXPECT_TRUE(org::UnitStore(*sql, other).lineage({team.id}).empty());
}

TEST_P(OrgStoreTest, CycleIsRefusedAndNothingChanges) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  org::UnitStore units(*sql, tenant);
  auto a = units.create(nullptr, named("A"));
  auto b = units.create(nullptr, named("B", a.id));
  UnitFields move;
  move.parent_id = std::optional<std::string>(b.id);
  EXPECT_THROW(units.update(nullptr, a.id, 1, move), core::ValidationError);
  EXPECT_FALSE(units.get(a.id).parent_id.has_value());
  EXPECT_EQ(units.get(a.id).version, 1);
  EXPECT_EQ(audit_rows(tenant, a.id), 1);
}

TEST_P(OrgStoreTest, TenantsCannotSeeOrReferenceEachOther) {
  auto t1 = new_tenant();
  auto t2 = new_tenant();
  auto sql = database().lease();
  auto u1 = org::UnitStore(*sql, t1).create(nullptr, named("Kun t1"));
  org::UnitStore other(*sql, t2);
  EXPECT_THROW(other.get(u1.id), core::NotFound);
  EXPECT_TRUE(other.all().empty());
  EXPECT_THROW(other.create(nullptr, named("Barn", u1.id)), core::ValidationError);
  UnitFields rename;
  rename.name = "Kapret";
  EXPECT_THROW(other.update(nullptr, u1.id, 1, rename), core::NotFound);
  EXPECT_THROW(other.remove(nullptr, u1.id, std::nullopt), core::NotFound);
  EXPECT_EQ(org::UnitStore(*sql, t1).get(u1.id).name, "Kun t1");
  PersonFields p;
  p.name = "Fremmed";
  p.unit_id = std::optional<std::string>(u1.id);
  EXPECT_THROW(org::PersonStore(*sql, t2).create(nullptr, p), core::ValidationError);
}

TEST_P(OrgStoreTest, PeoplePageByCursorAndFilterByUnit) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  auto unit = org::UnitStore(*sql, tenant).create(nullptr, named("U"));
  org::PersonStore people(*sql, tenant);
  for (int i = 0; i < 5; ++i) {
    PersonFields f;
    f.name = "P" + std::to_string(i);
    if (i % 2 == 0) f.unit_id = std::optional<std::string>(unit.id);
    people.create(nullptr, f);
  }
  auto first = people.page("", 2);
  ASSERT_EQ(first.size(), 3u);  // limit + 1 tells there is more
  auto second = people.page(first[1].id, 2);
  EXPECT_EQ(second.front().name, "P2");
  EXPECT_EQ(people.page("", 50, unit.id).size(), 3u);
}

TEST_P(OrgStoreTest, NamesAreReadByIdForTheTenantOnly) {
  auto tenant = new_tenant();
  auto other = new_tenant();
  auto sql = database().lease();
  org::PersonStore people(*sql, tenant);
  auto named_person = [](org::PersonStore& store, const std::string& name) {
    PersonFields f;
    f.name = name;
    return store.create(nullptr, f);
  };
  auto anna = named_person(people, "Anna");
  auto bo = named_person(people, "Bo");
  named_person(people, "Not asked for");
  org::PersonStore theirs(*sql, other);
  auto stranger = named_person(theirs, "Another tenant's");
  EXPECT_EQ(people.names({anna.id, bo.id, stranger.id, "no-such-id"}),
            (std::map<std::string, std::string>{{anna.id, "Anna"}, {bo.id, "Bo"}}));
  EXPECT_TRUE(people.names({}).empty());
}

TEST_P(OrgStoreTest, DuplicateEmailMapsToFieldError) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  org::PersonStore people(*sql, tenant);
  PersonFields f;
  f.name = "A";
  f.email = std::optional<std::string>("a@x.dk");
  people.create(nullptr, f);
  try {
    people.create(nullptr, f);
    FAIL() << "duplicate accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("email"), "is already used by another person");
  }
  // The same e-mail in another tenant is fine.
  EXPECT_NO_THROW(org::PersonStore(*sql, new_tenant()).create(nullptr, f));
}

TEST_P(OrgStoreTest, ManagersAndNonEmptyUnitsCannotBeDeleted) {
  auto tenant = new_tenant();
  auto sql = database().lease();
  org::UnitStore units(*sql, tenant);
  org::PersonStore people(*sql, tenant);
  PersonFields pf;
  pf.name = "Leder";
  auto boss = people.create(nullptr, pf);
  UnitFields uf = named("Afdeling");
  uf.manager_id = std::optional<std::string>(boss.id);
  auto unit = units.create(nullptr, uf);
  units.create(nullptr, named("Team", unit.id));
  EXPECT_THROW(people.remove(nullptr, boss.id, std::nullopt), core::Conflict);
  EXPECT_THROW(units.remove(nullptr, unit.id, std::nullopt), core::Conflict);
  EXPECT_EQ(units.all().size(), 2u);
}

STORAGE_TEST_ENGINES(OrgStoreTest);

}  // namespace
}  // namespace testing_db
