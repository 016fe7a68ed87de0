#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "bank/bank_entry.hpp"
#include "bank/search_text.hpp"
#include "core/auth_context.hpp"

namespace bank {

// An entry as the bank lists it: the current version's classification and figures, who
// published it (the municipality, never a person) and how many tenants started from it.
struct Listed {
  std::string id;
  std::string status;
  long long current_version = 0;
  std::string title;
  std::string summary;
  std::string method;
  std::string service_area;
  std::optional<std::string> kle;
  std::string tenant_kind;
  std::string language;
  std::string licence;
  std::optional<std::int64_t> handovers_before, handovers_after;
  std::optional<std::int64_t> lead_time_before, lead_time_after;
  std::string published_at;
  std::string updated_at;
  std::string publisher;  // the publishing tenant's name
  std::int64_t used_by = 0;
  bool own = false;  // published by the reader's tenant
};

struct Version {
  long long number = 0;
  std::string published_at;
};

// One version of an entry with the list of all its versions.
struct Shown {
  Listed listed;
  long long number = 0;
  Entry entry;
  std::vector<Version> versions;
};

struct SearchFilters {
  std::string text;
  std::optional<std::string> area;
  std::optional<std::string> kle;  // a KLE number or its start ("27", "27.24")
  std::optional<std::string> tenant_kind;
  std::vector<std::string> effects;  // kEffects
  std::size_t offset = 0;
  int limit = 50;
};

// The workflow bank. Publishing and unpublishing act on the caller's tenant's projects;
// reading and searching span every tenant (the bank is shared), but an unpublished entry
// is seen by its own tenant only.
class BankStore {
 public:
  BankStore(soci::session& sql, std::string tenant_id)
      : sql_(sql), tenant_id_(std::move(tenant_id)) {}

  // Records the steering group's decision in the project's log and stores `entry` as the
  // next version (1 for a new entry), published and indexed, together.
  Listed publish(const core::AuthContext* who, const std::string& project_id, const Entry& entry);
  // Hides the project's entry from the bank, by a decision in its log; its versions stay.
  // NotFound when the project has no published entry.
  Listed unpublish(const core::AuthContext* who, const std::string& project_id);
  std::optional<Listed> of_project(const std::string& project_id);
  // NotFound for an unknown entry, a version it has not, or an unpublished entry of
  // another tenant.
  Shown get(const std::string& entry_id, std::optional<long long> version = std::nullopt);
  // Ranked by relevance when there is a text, newest first otherwise; limit + 1 rows.
  std::vector<Listed> search(const SearchFilters& filters);

 private:
  Listed listed(const std::string& entry_id);
  void index(const std::string& entry_id, const Entry& entry);
  std::string record_decision(const core::AuthContext* who, const std::string& project_id,
                              const std::string& key, long long version,
                              const std::string& entry_id);

  soci::session& sql_;
  std::string tenant_id_;
};

nlohmann::json to_json(const Listed& l);
// The version shown, its snapshot and the list of versions.
nlohmann::json to_json(const Shown& s);

}  // namespace bank
