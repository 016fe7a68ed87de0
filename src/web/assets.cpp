#include "web/assets.hpp"

#include <map>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "web/resources.hpp"

namespace web {
namespace {

struct Asset {
  std::string_view data;
  std::string content_type;
};

const std::map<std::string, Asset>& hashed_assets() {
  static const std::map<std::string, Asset> kAssets = [] {
    std::map<std::string, Asset> out;
    for (const auto& r : resources::with_prefix("assets/")) {
      std::string name(r.name.substr(7));
      auto dot = name.rfind('.');
      std::string ext = name.substr(dot);
      std::string hash = core::sha256_hex(std::string(r.data)).substr(0, 12);
      std::string type = ext == ".js"    ? "text/javascript; charset=utf-8"
                         : ext == ".css" ? "text/css; charset=utf-8"
                                         : "application/octet-stream";
      out[name.substr(0, dot) + "." + hash + ext] = {r.data, type};
    }
    return out;
  }();
  return kAssets;
}

}  // namespace

std::string asset_url(const std::string& name) {
  auto dot = name.rfind('.');
  auto stem = name.substr(0, dot);
  auto ext = name.substr(dot);
  for (const auto& [hashed, asset] : hashed_assets()) {
    if (hashed.rfind(stem + ".", 0) == 0 && hashed.size() > ext.size() &&
        hashed.compare(hashed.size() - ext.size(), ext.size(), ext) == 0) {
      return "/assets/" + hashed;
    }
  }
  return "/assets/" + name;
}

void add_asset_routes(http::Router& router) {
  router.add({"GET",
              "/assets/{file}",
              http::Access::kPublic,
              [](http::Request& req) {
                const auto& assets = hashed_assets();
                auto it = assets.find(req.param("file"));
                if (it == assets.end()) throw core::NotFound("no such asset");
                http::Response r;
                r.content_type = it->second.content_type;
                r.body = std::string(it->second.data);
                r.header("Cache-Control", "public, max-age=31536000, immutable");
                return r;
              },
              {"Static asset (content-hashed name)", "web"},
              false,
              false});
}

}  // namespace web
