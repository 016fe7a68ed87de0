#pragma once

#include <string>

#include "kit/versioned.hpp"

namespace kit {

// A store's own wording of the two conflicts of a versioned update, as catalogue keys whose
// English texts clients know: `stale` when the expected version is not the stored one (its
// "version" parameter is the stored version), `moved` when the row changed between the
// read and the write. `entity` names the audit entry.
struct Wording {
  std::string entity;
  core::Message stale;
  core::Message moved;
};

// kit::versioned_update with the store's wording; the same transaction, checks and audit.
template <typename T, typename Get, typename Write, typename ToJson>
T versioned_update(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
                   const Wording& wording, const std::string& id, long long expected, Get get,
                   Write write, ToJson to_json) {
  bool checked = false;
  auto checked_get = [&] {
    T t = get();
    if (!checked && t.version != expected) {
      core::Message message = wording.stale;
      message.params["version"] = t.version;
      throw core::Conflict(message, to_json(t));
    }
    checked = true;
    return t;
  };
  auto counted_write = [&](long long version) {
    long long rows = write(version);
    if (rows != 1) throw core::Conflict(wording.moved, to_json(get()));
    return rows;
  };
  return versioned_update<T>(sql, tenant_id, who, wording.entity, id, expected, checked_get,
                             counted_write, to_json);
}

}  // namespace kit
