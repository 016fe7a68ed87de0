#include "org/org_input.hpp"

#include "core/ids.hpp"
#include "web/i18n.hpp"

namespace org {
namespace {

// An id field: absent → leave alone; null or "" → clear; otherwise must look like an id.
std::optional<std::optional<std::string>> id_field(core::Input& input, const std::string& field) {
  if (!input.has(field)) return std::nullopt;
  auto v = input.optional_text(field, 64);
  if (!v || v->empty()) return std::optional<std::string>();
  if (!core::looks_like_id(*v)) {
    input.fail(field, "is not a valid id");
    return std::nullopt;
  }
  return std::optional<std::string>(*v);
}

std::optional<std::optional<std::string>> text_field(core::Input& input, const std::string& field,
                                                     std::size_t max_len) {
  if (!input.has(field)) return std::nullopt;
  auto v = input.optional_text(field, max_len);
  if (!v || v->empty()) return std::optional<std::string>();
  return std::optional<std::string>(*v);
}

}  // namespace

UnitFields parse_unit_fields(core::Input& input, bool creating) {
  UnitFields f;
  if (creating || input.has("name")) f.name = input.required_text("name", core::kNameMax);
  if (creating) {
    f.kind = input.has("kind") ? input.required_choice("kind", kUnitKinds) : "unit";
  } else if (input.has("kind")) {
    f.kind = input.required_choice("kind", kUnitKinds);
  }
  f.parent_id = id_field(input, "parent_id");
  f.manager_id = id_field(input, "manager_id");
  return f;
}

PersonFields parse_person_fields(core::Input& input, bool creating) {
  PersonFields f;
  if (creating || input.has("name")) f.name = input.required_text("name", core::kNameMax);
  f.unit_id = id_field(input, "unit_id");
  if (input.has("email")) {
    auto e = input.optional_email("email");
    if (e) f.email = e->empty() ? std::optional<std::string>() : std::optional<std::string>(*e);
  }
  f.title = text_field(input, "title", core::kNameMax);
  if (input.has("locale")) {
    auto l = input.optional_text("locale", 8);
    if (l && !l->empty() && !web::is_locale(*l)) {
      input.fail("locale", "must be one of: da, sv, en");
    } else if (l) {
      f.locale = l->empty() ? std::optional<std::string>() : std::optional<std::string>(*l);
    }
  }
  f.active = input.optional_bool("active");
  return f;
}

}  // namespace org
