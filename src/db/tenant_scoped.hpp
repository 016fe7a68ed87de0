#pragma once

#include <string>
#include <utility>

#include <soci/soci.h>

namespace db {

// What every tenant's store holds: the session its statements run on and the tenant they
// are limited to. A store is made per request and lives no longer than the session's lease.
class TenantScoped {
 public:
  TenantScoped(soci::session& sql, std::string tenant_id)
      : sql_(sql), tenant_id_(std::move(tenant_id)) {}

 protected:
  soci::session& sql_;
  std::string tenant_id_;
};

}  // namespace db
