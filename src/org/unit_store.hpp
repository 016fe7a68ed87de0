#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "org/org.hpp"
#include "org/partial_writes.hpp"

namespace org {

// Fields a create or update may carry (the demo data and the tests name them this way);
// an absent optional leaves the field alone, an inner nullopt clears it.
struct UnitFields {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<std::optional<std::string>> parent_id;
  std::optional<std::optional<std::string>> manager_id;
};

// The object with what `fields` names taken over.
Unit with(Unit u, const UnitFields& fields);

class UnitStore : public db::TenantScoped, public PartialWrites<UnitStore, Unit, UnitFields> {
 public:
  using PartialWrites::create;
  using PartialWrites::update;
  using TenantScoped::TenantScoped;

  std::vector<Unit> all();
  // The units `ids` and every unit above them, by id: enough to walk up the tree (the
  // nearest manager) without reading the whole organisation.
  std::vector<Unit> lineage(const std::vector<std::string>& ids);
  // Up to `limit` + 1 units with id > `after`, in id order.
  std::vector<Unit> page(const std::string& after, int limit);
  std::vector<Unit> list(const http::Page& p) { return page(p.after, p.limit); }
  std::optional<Unit> find(const std::string& id);
  bool exists(const std::string& id);  // a unit of this tenant
  Unit get(const std::string& id);     // NotFound when absent in this tenant

  // References (parent, manager) are checked in the write; a stale version is Conflict.
  Unit create(const core::AuthContext* who, const Unit& fields);
  Unit update(const core::AuthContext* who, const Unit& changed, long long expected_version);
  void remove(const core::AuthContext* who, const std::string& id,
              std::optional<long long> expected_version);

 private:
  void check_references(const Unit& unit);
};

}  // namespace org
