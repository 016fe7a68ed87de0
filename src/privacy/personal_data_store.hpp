#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/query.hpp"
#include "db/tenant_scoped.hpp"
#include "privacy/places.hpp"

namespace privacy {

// What fremdrift holds about one person of the tenant, read and erased through the declared
// places (places.hpp). NotFound for a person outside the tenant.
class PersonalDataStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // {"person_id","name","erased_at","generated_at","places":[{"feature","table","column","data",
  //  "purpose","kept","columns","rows":[…]}],"mentions":[…]}: every place with rows, in the
  //  declared order; "mentions" are the free texts of the tenant that name the person or their
  //  address (places of kMention), each row with its shown columns and an "excerpt".
  nlohmann::json export_person(const std::string& person_id);

  // One transaction: the name becomes `pseudonym(label, id)` in the person's row, in the copies
  // of the name other tables keep and in old audit rows' values; e-mail, title and the login
  // (sessions and tokens first) go; records the person took part in stay. Audited as the
  // erasure without the erased values. Conflict when the person was erased before, Forbidden
  // for the caller's own person.
  std::string erase(const core::AuthContext& who, const std::string& person_id,
                    const std::string& label);

 private:
  struct Subject {
    std::string id;
    std::string name;
    std::string email;
    std::string account_id;
    std::string login_email;
    std::string provisioned_name;
    std::string erased_at;
  };
  Subject subject(const std::string& person_id);
  // The subject as every place's read and erase statement names it (:person_id, :email, …),
  // followed by `more`.
  std::vector<db::Arg> place_args(const Subject& s, std::initializer_list<db::Arg> more) const;
  static std::vector<Replacement> names_of(const Subject& s);
  void rewrite_audit(const Subject& s, const std::string& alias);
};

}  // namespace privacy
