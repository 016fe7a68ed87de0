// The wins log as JSON API: a project-scoped resource declared on the kit.
#include "kit/resource.hpp"
#include "wins/win_routes.hpp"
#include "wins/win_store.hpp"

namespace wins {

void add_api_routes(http::Router& router, db::Database& db) {
  kit::add_api_routes(router, db,
                      kit::Resource<Win, WinStore>{.plural = "wins",
                                                   .schema = "Win",
                                                   .noun = "win",
                                                   .fields = win_fields(),
                                                   .cursor_key = "happened_on",
                                                   .for_reader = for_reader});
}

}  // namespace wins
