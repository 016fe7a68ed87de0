#pragma once

#include <map>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace app {

// The demo tenant's people by name, so the demo tables can name people the way the
// seed does; a name nobody has gives no id.
class DemoPeople {
 public:
  DemoPeople(soci::session& sql, const std::string& tenant_id);
  std::optional<std::string> id(const std::string& name) const;
  const std::map<std::string, std::string>& ids_by_name() const { return ids_; }

 private:
  std::map<std::string, std::string> ids_;
};

// An empty table cell is no value.
std::optional<std::string> demo_text(const char* v);

}  // namespace app
