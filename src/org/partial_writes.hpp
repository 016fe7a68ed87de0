#pragma once

#include <string>

#include "core/auth_context.hpp"

namespace org {

// Creates and updates from a partial record (UnitFields, PersonFields), for the stores of
// the organisation: `with(object, fields)` takes what the record names, and the store's own
// create, update and get do the rest.
template <typename Store, typename T, typename Partial>
class PartialWrites {
 public:
  T create(const core::AuthContext* who, const Partial& fields) {
    return self().create(who, with(T{}, fields));
  }
  T update(const core::AuthContext* who, const std::string& id, long long expected_version,
           const Partial& fields) {
    return self().update(who, with(self().get(id), fields), expected_version);
  }

 private:
  Store& self() { return static_cast<Store&>(*this); }
};

}  // namespace org
