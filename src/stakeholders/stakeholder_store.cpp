#include "stakeholders/stakeholder_store.hpp"

#include <map>
#include <string_view>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/name_joins.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"

namespace stakeholders {
namespace {

using nlohmann::json;

const db::Columns<Stakeholder>& columns() {
  static const auto c = stakeholder_fields().columns("stakeholders");
  return c;
}

// The stakeholder with the names of its person, unit and involving person.
const std::vector<kit::NameJoin<Stakeholder>> kNames = {
    {"person_name", "people", "person_id", &Stakeholder::person_name},
    {"unit_name", "units", "unit_id", &Stakeholder::unit_name},
    {"involved_by_name", "people", "involved_by_id", &Stakeholder::involved_by_name}};

const std::string kSelect = kit::select_with_names(columns(), "s", kNames) + " AND ";
constexpr std::string_view kCountsAt =
    "SELECT influence, interest, COUNT(*) AS n FROM stakeholders "
    "WHERE tenant_id = :tenant_id AND project_id = :project_id GROUP BY influence, interest";
constexpr std::string_view kGridOrder = " ORDER BY s.influence DESC, s.interest DESC, s.id";
const std::string kPage =
    kSelect + "s.project_id = :project_id AND s.id > :after ORDER BY s.id LIMIT :lim";

Stakeholder from_row(const db::Row& r) { return kit::read_with_names(columns(), r, kNames); }

json audited(const Stakeholder& s) {
  return kit::without(to_json(s), {"label", "person_name", "unit_name", "involved_by_name",
                                   "quadrant", "side", "contact_overdue"});
}

}  // namespace

std::vector<Stakeholder> StakeholderStore::query(const std::string& where, const std::string& key,
                                                 const std::string& value) {
  return kit::rows_where(sql_, kSelect, tenant_id_, where, key, value, from_row);
}

StakeholderStore::Card StakeholderStore::card(const std::string& project_id, int next) {
  Card card;
  for (const auto& r :
       db::query(sql_, kCountsAt, {{"tenant_id", tenant_id_}, {"project_id", project_id}}))
    card.counts.push_back(
        {{db::integer(r, "influence"), db::integer(r, "interest")}, db::integer(r, "n")});
  card.next_contacts = query(
      "s.project_id = :project_id AND s.next_contact IS NOT NULL "
      "ORDER BY s.next_contact, s.influence DESC, s.interest DESC, s.id LIMIT " +
          std::to_string(next),
      "project_id", project_id);
  return card;
}

std::vector<Stakeholder> StakeholderStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return query("s.project_id = :project_id" + std::string(kGridOrder), "project_id", project_id);
}

std::vector<Stakeholder> StakeholderStore::list(const std::string& project_id,
                                                const http::Page& page) {
  return kit::project_page(sql_, kPage, tenant_id_, project_id, page, from_row);
}

Stakeholder StakeholderStore::get(const std::string& id) {
  return core::found(query("s.id = :id", "id", id), "stakeholder", id);
}

void StakeholderStore::check_references(const Stakeholder& s) {
  std::map<std::string, std::string> bad;
  std::map<std::string, core::Message> messages;
  auto refuse = [&](const char* field, const char* key) {
    messages.emplace(field, core::Message{key});
    bad.emplace(field, core::english(messages.at(field)));
  };
  org::PersonStore people(sql_, tenant_id_);
  if (s.person_id && !people.exists(*s.person_id)) refuse("person_id", "stakeholder_err_no_person");
  if (s.involved_by_id && !people.exists(*s.involved_by_id))
    refuse("involved_by_id", "stakeholder_err_no_person");
  if (s.unit_id && !org::UnitStore(sql_, tenant_id_).exists(*s.unit_id))
    refuse("unit_id", "stakeholder_err_no_unit");
  if (!bad.empty()) throw core::ValidationError(std::move(bad), std::move(messages));
}

Stakeholder StakeholderStore::insert(const core::AuthContext* who, const std::string& project_id,
                                     Stakeholder s) {
  check_references(s);
  s.project_id = project_id;
  kit::stamp_new(s);
  return kit::insert_row(
      sql_, columns(), tenant_id_, who, "stakeholder", s,
      [&](const std::string& id) { return get(id); }, audited);
}

Stakeholder StakeholderStore::create(const core::AuthContext* who, const std::string& project_id,
                                     const Stakeholder& fields) {
  return create_all(who, project_id, {fields}).front();
}

std::vector<Stakeholder> StakeholderStore::create_all(const core::AuthContext* who,
                                                      const std::string& project_id,
                                                      const std::vector<Stakeholder>& all) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  std::vector<Stakeholder> out;
  for (const auto& s : all) out.push_back(insert(who, project_id, s));
  tx.commit();
  return out;
}

Stakeholder StakeholderStore::update(const core::AuthContext* who, const Stakeholder& changed,
                                     long long expected_version) {
  return kit::checked_update(
      sql_, columns(), tenant_id_, who, "stakeholder", changed, expected_version,
      [&] { return get(changed.id); }, [&](const Stakeholder& s) { check_references(s); },
      [](const Stakeholder& s) { return to_json(s); }, audited,
      core::Message{"err.stale", {{"entity", "stakeholder"}}});
}

void StakeholderStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row(
      sql_, tenant_id_, who, "stakeholder", columns(), id, [&] { return get(id); }, audited);
}

}  // namespace stakeholders
