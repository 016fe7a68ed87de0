#include "bank/start_section.hpp"

#include "bank/adoption_store.hpp"
#include "web/render.hpp"

namespace bank {

std::string start_section_html(soci::session& sql, const http::Request& req,
                               const std::string& entry_id, bool published) {
  AdoptionStore store(sql, req.who().tenant_id);
  auto view = web::base_view(req);
  auto started = started_projects(sql, entry_id);
  view["entry_id"] = entry_id;
  view["may_start"] = published && store.is_municipality();
  view["started"] = started;
  view["has_started"] = !started.empty();
  return web::render_template("bank/start_section", view);
}

}  // namespace bank
