#include "privacy/places.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace privacy {
namespace {

using enum Match;
using enum Erase;

// Most places are records the person took part in, kept whole with the record; these name
// only what differs between them.
constexpr Place with_record(std::string_view feature, std::string_view table,
                            std::string_view column, std::string_view shown,
                            std::string_view purpose, std::string_view data) {
  return {feature, table, column, shown, kPerson, kKeep, "", purpose, "with_record", data};
}

// A role the person holds in a project's record (owner, responsible, member).
constexpr Place role(std::string_view feature, std::string_view table, std::string_view column,
                     std::string_view shown) {
  return with_record(feature, table, column, shown, "project_roles", "role");
}

// A project record the person made.
constexpr Place authored(std::string_view feature, std::string_view table, std::string_view column,
                         std::string_view shown) {
  return with_record(feature, table, column, shown, "project_records", "authored");
}

// Free text people write, searched for the person's name and addresses so an administrator
// can review it before an erasure (D55); it is never rewritten.
constexpr Place mention(std::string_view feature, std::string_view table, std::string_view column,
                        std::string_view shown) {
  Place p = with_record(feature, table, column, shown, "project_records", "free_text");
  p.match = kMention;
  return p;
}

// Who appears where. Records a person took part in (roles, decisions, attendance, authored
// texts) are kept whole: only their name and contact details become the pseudonym, in the
// person's own row and in the copies of the name some tables keep. Order matters for the
// erasure: sessions and tokens go before the login they belong to.
const std::vector<Place> kPlaces = {
    // Written out: feature, table, column, shown, match, erase, set, purpose, kept, data.
    {"org", "people", "id",
     "id, name, email, title, unit_id, locale, active, created_at, updated_at", kPerson, kByErasure,
     "", "organisation", "until_erased", "identity"},
    {"org", "units", "manager_id", "id, name, kind", kPerson, kKeep, "", "organisation",
     "until_erased", "role"},
    {"accounts", "sessions", "account_id", "created_at, expires_at", kAccount, kDelete, "", "login",
     "session", "login"},
    {"accounts", "api_tokens", "account_id", "id, name, created_at, last_used_at, revoked_at",
     kAccount, kDelete, "", "login", "token", "login"},
    {"accounts", "accounts", "person_id", "id, email, role, active, created_at, updated_at",
     kPerson, kDelete, "", "login", "until_erased", "login"},
    {"scim", "scim_users", "person_id",
     "user_name, external_id, given_name, family_name, employee_number, created_at, updated_at",
     kPerson, kDelete, "", "provisioning", "until_erased", "identity"},
    {"sso", "sso_identities", "person_id", "idp_id, subject, created_at, last_sign_in_at", kPerson,
     kDelete, "", "provisioning", "until_erased", "login"},
    role("projects", "project_roles", "person_id", "project_id, role, created_at"),
    with_record("projects", "checklist_items", "responsible_id",
                "project_id, phase_key, text, status, due_date", "project_records", "role"),
    authored("projects", "decisions", "created_by",
             "id, project_id, kind, decided_on, text, created_at"),
    {"projects", "decisions", "decided_by", "id, project_id, kind, decided_on, text", kName,
     kPseudonym, "", "project_records", "with_record", "identity"},
    with_record("meetings", "meeting_attendance", "person_id",
                "meeting_id, status, substitute_name", "meetings", "attendance"),
    {"meetings", "meeting_attendance", "substitute_person_id", "meeting_id, person_id, status",
     kPerson, kPseudonym, "substitute_name", "meetings", "with_record", "attendance"},
    {"maps", "map_versions", "created_by", "map_id, number, comment, created_at", kPerson,
     kPseudonym, "created_by_name", "project_records", "with_record", "authored"},
    {"maps", "map_ideas", "created_by_name", "id, map_id, kind, text, created_at", kName,
     kPseudonym, "", "project_records", "with_record", "authored"},
    role("kpis", "kpis", "owner_id", "id, project_id, name"),
    role("actions", "actions", "responsible_id", "id, project_id, task, deadline, status"),
    {"kaizen", "kaizen_cards", "raised_by_id", "id, project_id, kind, text, card_date", kPerson,
     kPseudonym, "raised_by_name", "project_records", "with_record", "authored"},
    role("kaizen", "kaizen_cards", "responsible_id", "id, project_id, kind, text, card_date"),
    authored("adoption", "adoption_history", "created_by",
             "project_id, step_name, to_status, created_at"),
    authored("adoption", "lessons", "created_by", "id, project_id, text, created_at"),
    authored("adoption", "goal_outcomes", "updated_by", "project_id, kind, note, updated_at"),
    authored("wins", "wins", "created_by", "id, project_id, text, happened_on"),
    role("risks", "risks", "owner_id", "id, project_id, title"),
    authored("risks", "risks", "created_by", "id, project_id, title, created_at"),
    role("benefits", "benefits", "owner_id", "id, project_id, title"),
    role("benefits", "benefits", "responsible_id", "id, project_id, title"),
    role("benefits", "benefits", "leader_id", "id, project_id, title"),
    authored("benefits", "benefits", "created_by", "id, project_id, title, created_at"),
    authored("business_case", "business_cases", "created_by", "id, project_id, note, created_at"),
    authored("business_case", "business_case_versions", "created_by",
             "id, project_id, number, created_at"),
    role("stakeholders", "stakeholders", "person_id",
         "id, project_id, stakeholder_group, influence, interest, involvement, notes"),
    role("stakeholders", "stakeholders", "involved_by_id",
         "id, project_id, involvement, next_contact"),
    role("work_packages", "work_packages", "responsible_id", "id, project_id, title"),
    {"work_packages", "work_packages", "participant_people", "id, project_id, title", kInList,
     kKeep, "", "project_roles", "with_record", "role"},
    with_record("work_packages", "hourly_rates", "person_id", "id, rate_minor", "budget", "budget"),
    with_record("work_packages", "wp_budget_lines", "person_id",
                "work_package_id, year, hours_centi", "budget", "budget"),
    with_record("work_packages", "wp_actuals", "created_by", "id, project_id, spent_on, kind, note",
                "budget", "authored"),
    role("communication", "communications", "owner_id", "id, project_id, message, planned_on"),
    with_record("communication", "training_people", "person_id", "class_id", "project_records",
                "attendance"),
    authored("status_reports", "status_reports", "issued_by", "id, project_id, title, issued_on"),
    authored("programmes", "programme_projects", "attached_by",
             "programme_id, project_id, attached_at"),
    with_record("signals", "signals", "submitter_id",
                "id, what, place, suggestion, status, created_at, closed_at", "signals",
                "authored"),
    with_record("signals", "signals", "manager_id", "id, what, status, deadline", "signals",
                "role"),
    {"signals", "signals", "managers", "id, what, status", kInList, kKeep, "", "signals",
     "with_record", "role"},
    with_record("signals", "signal_events", "actor_id", "signal_id, kind, text, created_at",
                "signals", "authored"),
    {"signals", "signals", "submitter_email", "id, what, status, closed_at", kEmail, kClear, "",
     "signals_citizen", "signal_email", "contact"},
    with_record("arenas", "arenas", "leader_id", "id, title, status", "arenas", "role"),
    {"arenas", "arenas", "member_ids", "id, title, status", kInList, kKeep, "", "arenas",
     "with_record", "role"},
    with_record("arenas", "arena_items", "done_by", "arena_id, item_key, done_at", "arenas",
                "authored"),
    with_record("arenas", "arena_log", "logged_by", "arena_id, tried, result, logged_on", "arenas",
                "authored"),
    with_record("surveys", "surveys", "owner_id", "id, title", "surveys", "role"),
    {"surveys", "survey_invitations", "person_id", "round_id, unit_id, used", kPerson, kClear, "",
     "surveys", "survey_invitation", "invitation"},
    {"mail", "mail_outbox", "person_id",
     "id, kind, to_address, subject, status, created_at, sent_at", kPerson, kDelete, "", "mail",
     "until_erased", "contact"},
    {"mail", "mail_preferences", "person_id", "delivery, updated_at", kPerson, kDelete, "", "mail",
     "until_erased", "contact"},
    {"audit", "audit_log", "person_id", "id, at, entity, entity_id, action, actor_name, changes",
     kAudit, kByErasure, "", "audit", "audit", "activity"},
    // Free texts that may name the person.
    mention("projects", "projects", "purpose", "id, title"),
    mention("projects", "projects", "background", "id, title"),
    mention("projects", "projects", "status_reason", "id, title"),
    mention("projects", "decisions", "text", "id, project_id, decided_on"),
    mention("projects", "checklist_items", "text", "id, project_id, phase_key"),
    mention("meetings", "meetings", "agenda", "id, project_id, title, starts_at"),
    mention("meetings", "meetings", "minutes", "id, project_id, title, starts_at"),
    mention("maps", "map_ideas", "text", "id, map_id"),
    mention("maps", "map_versions", "comment", "map_id, number"),
    mention("actions", "actions", "task", "id, project_id"),
    mention("kaizen", "kaizen_cards", "text", "id, project_id, card_date"),
    mention("adoption", "lessons", "text", "id, project_id"),
    mention("adoption", "goal_outcomes", "note", "project_id, kind"),
    mention("wins", "wins", "text", "id, project_id, happened_on"),
    mention("risks", "risks", "description", "id, project_id, title"),
    mention("risks", "risks", "consequence_text", "id, project_id, title"),
    mention("stakeholders", "stakeholders", "notes", "id, project_id"),
    mention("business_case", "business_cases", "note", "id, project_id"),
    mention("communication", "communications", "message", "id, project_id, planned_on"),
    mention("work_packages", "wp_actuals", "note", "id, project_id, spent_on"),
    mention("signals", "signals", "what", "id, status"),
    mention("signals", "signals", "place", "id, status"),
    mention("signals", "signals", "suggestion", "id, status"),
    mention("signals", "signal_events", "text", "signal_id, kind, created_at"),
    mention("arenas", "arena_log", "tried", "arena_id, logged_on"),
    mention("arenas", "arena_log", "result", "arena_id, logged_on"),
};

std::string where(const Place& p) {
  std::string col(p.column);
  std::string scope = "tenant_id = :tenant_id AND ";
  switch (p.match) {
    case kPerson:
      return scope + col + " = :person_id";
    case kAccount:
      return scope + col + " = :account_id";
    case kInList:
      return scope + col + " LIKE :person_in_list";
    case kName:
      return scope + col + " = :name";
    case kEmail:
      return scope + col + " = :email";
    case kAudit:
      return scope +
             "(person_id = :person_id OR entity_id = :person_id OR entity_id = :account_id OR "
             "changes LIKE :person_in_list)";
    case kMention:
      return scope + "(" + col + " LIKE :name_like OR LOWER(" + col +
             ") LIKE :name_lower OR LOWER(" + col + ") LIKE :email_like OR LOWER(" + col +
             ") LIKE :login_like)";
  }
  return scope + "1 = 0";
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t find_in(const std::string& text, const Replacement& r, std::size_t from) {
  if (!r.any_case) return text.find(r.from, from);
  auto at =
      std::search(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(), r.from.begin(),
                  r.from.end(), [](char a, char b) { return lower(a) == lower(b); });
  return at == text.end() ? std::string::npos : static_cast<std::size_t>(at - text.begin());
}

template <typename T>
void add_once(std::vector<T>& to, T value) {
  if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(std::move(value));
}

}  // namespace

const std::vector<Place>& places() { return kPlaces; }

std::string place_key(const Place& p) {
  return "privacy_place_" + std::string(p.table) + "_" + std::string(p.column);
}

std::string column_key(std::string_view column) { return "privacy_col_" + std::string(column); }

std::string select_sql(const Place& p) {
  std::string columns(p.shown);
  if (p.match == kMention) columns += ", " + std::string(p.column);
  return "SELECT " + columns + " FROM " + std::string(p.table) + " WHERE " + where(p);
}

std::string erase_sql(const Place& p) {
  std::string set(p.set.empty() ? p.column : p.set);
  std::string table(p.table);
  switch (p.erase) {
    case kPseudonym:
      return "UPDATE " + table + " SET " + set + " = :pseudonym WHERE " + where(p);
    case kClear:
      return "UPDATE " + table + " SET " + set + " = NULL WHERE " + where(p);
    case kDelete:
      return "DELETE FROM " + table + " WHERE " + where(p);
    case kKeep:
    case kByErasure:
      return "";
  }
  return "";
}

std::string pseudonym(std::string_view label, std::string_view person_id) {
  // FNV-1a: stable across builds and platforms, unlike std::hash.
  std::uint32_t h = 2166136261U;
  for (unsigned char c : person_id) {
    h ^= c;
    h *= 16777619U;
  }
  char code[5];
  std::snprintf(code, sizeof code, "%04X", static_cast<unsigned>(h & 0xFFFFU));
  return std::string(label) + " " + code;
}

nlohmann::json replace_texts(const nlohmann::json& value, const std::vector<Replacement>& with) {
  if (value.is_string()) {
    auto text = value.get<std::string>();
    for (const auto& r : with) {
      if (r.from.size() < 3) continue;
      for (auto at = find_in(text, r, 0); at != std::string::npos;
           at = find_in(text, r, at + r.to.size()))
        text.replace(at, r.from.size(), r.to);
    }
    return text;
  }
  if (value.is_object()) {
    auto out = nlohmann::json::object();
    for (auto it = value.begin(); it != value.end(); ++it)
      out[it.key()] = replace_texts(it.value(), with);
    return out;
  }
  if (value.is_array()) {
    auto out = nlohmann::json::array();
    for (const auto& v : value) out.push_back(replace_texts(v, with));
    return out;
  }
  return value;
}

nlohmann::json clear_fields(nlohmann::json changes, const std::vector<std::string>& fields) {
  if (!changes.is_object()) return changes;
  for (const auto& f : fields) {
    if (!changes.contains(f)) continue;
    auto& change = changes[f];
    if (change.is_object() && (change.contains("before") || change.contains("after"))) {
      if (change.contains("before")) change["before"] = nullptr;
      if (change.contains("after")) change["after"] = nullptr;
    } else {
      change = nullptr;
    }
  }
  return changes;
}

std::optional<std::string> mention_excerpt(std::string_view text,
                                           const std::vector<Replacement>& names,
                                           std::size_t around) {
  const std::string whole(text);
  auto at = std::string::npos;
  std::size_t length = 0;
  for (const auto& n : names) {
    if (n.from.size() < 3) continue;
    auto found = find_in(whole, n, 0);
    if (found < at) {
      at = found;
      length = n.from.size();
    }
  }
  if (at == std::string::npos) return std::nullopt;
  auto continuation = [&](std::size_t i) {
    return i < whole.size() && (static_cast<unsigned char>(whole[i]) & 0xC0U) == 0x80U;
  };
  std::size_t from = at > around ? at - around : 0;
  while (from > 0 && continuation(from)) --from;
  std::size_t to = std::min(whole.size(), at + length + around);
  while (continuation(to)) ++to;
  return (from > 0 ? "…" : "") + whole.substr(from, to - from) + (to < whole.size() ? "…" : "");
}

std::vector<Activity> activities() {
  std::vector<Activity> out;
  for (const auto& p : kPlaces) {
    // Free text is searched for review, not a place a feature keeps a person by design.
    if (p.match == kMention) continue;
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Activity& a) { return a.feature == p.feature; });
    if (it == out.end())
      it = out.insert(out.end(), Activity{std::string(p.feature), {}, {}, {}, {}});
    add_once(it->tables, std::string(p.table));
    add_once(it->data, std::string(p.data));
    add_once(it->purposes, std::string(p.purpose));
    add_once(it->kept, std::string(p.kept));
  }
  return out;
}

}  // namespace privacy
