#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"

namespace programmes {

// A member tenant's place in an umbrella organisation.
struct Membership {
  std::string umbrella_id;
  std::string umbrella_name;
  std::string member_id;
  std::string member_name;
  std::string joined_at;
  std::optional<std::string> joined_by;
};

nlohmann::json to_json(const Membership& membership);

// Memberships seen from one tenant: the umbrellas it joined and, when it is an
// umbrella itself, its members and its join code.
class UmbrellaStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  bool is_umbrella();
  std::vector<Membership> joined();
  std::vector<Membership> members();

  // A new join code replaces the old one; only its hash is kept, so the code is
  // shown once. Forbidden unless this tenant is an umbrella organisation.
  std::string new_join_code(const core::AuthContext* who);
  // When the live code was made; nullopt when there is none.
  std::optional<std::string> join_code_created_at();
  void revoke_join_code(const core::AuthContext* who);

  // This tenant joins the umbrella whose live code this is. ValidationError
  // (join_code) for an unknown or own code, Conflict when already a member.
  Membership join(const core::AuthContext* who, const std::string& code);
  // Leaving (or being removed) detaches the member's projects from the umbrella's
  // programmes in the same transaction: nothing stays visible after.
  void leave(const core::AuthContext* who, const std::string& umbrella_id);
  void remove_member(const core::AuthContext* who, const std::string& member_id);

 private:
  std::optional<Membership> find(const std::string& umbrella_id, const std::string& member_id);
  // Ends the membership of `member_id` in `umbrella_id` (NotFound with `not_found` when there
  // is none): its projects and tracks leave the umbrella's programmes.
  void end_membership(const core::AuthContext* who, const std::string& umbrella_id,
                      const std::string& member_id, const std::string& not_found);
};

}  // namespace programmes
