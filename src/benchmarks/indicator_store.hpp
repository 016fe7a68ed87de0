#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "benchmarks/indicator.hpp"
#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"

namespace benchmarks {

// What the catalogue's list is narrowed to: words in the name, description or code, and
// the source ("kolada", "flis"; empty: any).
struct IndicatorFilter {
  std::string q;
  std::string source;
};

// The shared catalogue, read by every tenant and written by administrators; `tenant_id`
// is the caller's, recorded as the creator and told apart in `mine`.
class IndicatorStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // limit + 1 by id after `page.after`.
  std::vector<Indicator> list(const http::Page& page, const IndicatorFilter& filter = {});
  // Every entry by name, for a picker.
  std::vector<Indicator> all();
  Indicator get(const std::string& id);  // NotFound
  std::optional<Indicator> find(const std::string& id);
  // Conflict when the source already has the external code.
  Indicator create(const core::AuthContext* who, const Indicator& fields);
  // Only the creator's tenant removes an entry (may_change), and only while no KPI names
  // it (Conflict).
  void remove(const core::AuthContext* who, const std::string& id);
};

}  // namespace benchmarks
