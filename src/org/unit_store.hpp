#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "org/org.hpp"

namespace org {

// Fields a create or update may carry; an absent optional leaves the field alone,
// an inner nullopt clears it.
struct UnitFields {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<std::optional<std::string>> parent_id;
  std::optional<std::optional<std::string>> manager_id;
};

class UnitStore {
 public:
  UnitStore(soci::session& sql, std::string tenant_id)
      : sql_(sql), tenant_id_(std::move(tenant_id)) {}

  std::vector<Unit> all();
  // Up to `limit` + 1 units with id > `after`, in id order.
  std::vector<Unit> page(const std::string& after, int limit);
  std::optional<Unit> find(const std::string& id);
  Unit get(const std::string& id);  // NotFound when absent in this tenant

  Unit create(const core::AuthContext* who, const UnitFields& fields);
  Unit update(const core::AuthContext* who, const std::string& id, long long expected_version,
              const UnitFields& fields);
  void remove(const core::AuthContext* who, const std::string& id,
              std::optional<long long> expected_version);

 private:
  void check_references(const std::string& id, const UnitFields& fields);

  soci::session& sql_;
  std::string tenant_id_;
};

}  // namespace org
