// The training plan's classes and who was trained in them (communication_store.hpp).
#include <map>
#include <set>
#include <string_view>

#include "audit/audit.hpp"
#include "communication/communication_store.hpp"
#include "core/errors.hpp"
#include "core/field_errors.hpp"
#include "core/found.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/name_joins.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"

namespace communication {
namespace {

using nlohmann::json;

const db::Columns<TrainingClass>& columns() {
  static const auto c = training_fields().columns("training_classes");
  return c;
}

const std::vector<kit::NameJoin<TrainingClass>> kNames = {
    {"unit_name", "units", "unit_id", &TrainingClass::unit_name},
    {"meeting_title", "meetings", "meeting_id", &TrainingClass::meeting_title, "title"}};

const std::string kSelect = kit::select_with_names(columns(), "t", kNames) + " AND ";

// Who was trained, for the classes `t` the condition picks (the project's, or one).
constexpr std::string_view kPeople =
    "SELECT tp.class_id, tp.person_id, p.name, p.unit_id FROM training_people tp "
    "JOIN training_classes t ON t.tenant_id = tp.tenant_id AND t.id = tp.class_id "
    "LEFT JOIN people p ON p.tenant_id = tp.tenant_id AND p.id = tp.person_id "
    "WHERE tp.tenant_id = :tenant_id AND ";
// Those present at the class's meeting, or there as someone's named substitute.
constexpr std::string_view kAttended =
    "SELECT t.id AS class_id, p.id AS person_id, p.name, p.unit_id FROM training_classes t "
    "JOIN meeting_attendance a ON a.tenant_id = t.tenant_id AND a.meeting_id = t.meeting_id "
    "JOIN people p ON p.tenant_id = a.tenant_id AND p.id = CASE WHEN a.status = 'substitute' "
    "THEN a.substitute_person_id ELSE a.person_id END "
    "WHERE t.tenant_id = :tenant_id AND a.status IN ('present', 'substitute') AND ";
constexpr std::string_view kCounts =
    "SELECT c.class_id, c.unit_id, c.trained, u.name AS unit_name FROM training_unit_counts c "
    "JOIN training_classes t ON t.tenant_id = c.tenant_id AND t.id = c.class_id "
    "LEFT JOIN units u ON u.tenant_id = c.tenant_id AND u.id = c.unit_id "
    "WHERE c.tenant_id = :tenant_id AND ";
constexpr std::string_view kDeletePeople =
    "DELETE FROM training_people WHERE tenant_id = :tenant_id AND class_id = :id";
constexpr std::string_view kDeleteCounts =
    "DELETE FROM training_unit_counts WHERE tenant_id = :tenant_id AND class_id = :id";
constexpr std::string_view kInsertPerson =
    "INSERT INTO training_people (tenant_id, class_id, person_id) "
    "VALUES (:tenant_id, :id, :person_id)";
constexpr std::string_view kInsertCount =
    "INSERT INTO training_unit_counts (tenant_id, class_id, unit_id, trained) "
    "VALUES (:tenant_id, :id, :unit_id, :trained)";
constexpr std::string_view kMeetingOfProject =
    "SELECT COUNT(*) FROM meetings WHERE tenant_id = :tenant_id AND id = :id AND "
    "project_id = :project_id";

TrainedPerson person_of(const db::Row& r, bool from_meeting) {
  return {db::text(r, "person_id"), db::opt_text(r, "name"), db::opt_text(r, "unit_id"),
          from_meeting};
}

json audited(const TrainingClass& c) {
  return kit::without(to_json(c), {"unit_name", "meeting_title", "trained"});
}

}  // namespace

std::vector<TrainingClass> TrainingStore::query(const std::string& column,
                                                const std::string& value) {
  const std::string condition = "t." + column + " = :key";
  const auto rows = [&](std::string_view select, std::string_view order) {
    return db::query(sql_, std::string(select) + condition + std::string(order),
                     {{"tenant_id", tenant_id_}, {"key", value}});
  };
  std::vector<TrainingClass> out;
  std::map<std::string, std::size_t> at;
  for (const auto& r : rows(kSelect, " ORDER BY t.starts_on, t.id")) {
    at[db::text(r, "id")] = out.size();
    out.push_back(kit::read_with_names(columns(), r, kNames));
  }
  // Each person once: recorded by hand first, then those at the meeting not recorded.
  std::map<std::string, std::set<std::string>> named;
  for (const auto& r : rows(kPeople, " ORDER BY p.name, tp.person_id")) {
    auto& c = out[at.at(db::text(r, "class_id"))];
    c.people.push_back(person_of(r, false));
    named[c.id].insert(c.people.back().person_id);
  }
  for (const auto& r : rows(kAttended, " ORDER BY p.name, p.id")) {
    auto& c = out[at.at(db::text(r, "class_id"))];
    if (named[c.id].insert(db::text(r, "person_id")).second) c.people.push_back(person_of(r, true));
  }
  for (const auto& r : rows(kCounts, " ORDER BY u.name, c.unit_id")) {
    out[at.at(db::text(r, "class_id"))].unit_counts.push_back(
        {db::text(r, "unit_id"), db::integer(r, "trained"), db::opt_text(r, "unit_name")});
  }
  return out;
}

std::vector<TrainingClass> TrainingStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return of_project(projects::CheckedProject{project_id});
}

std::vector<TrainingClass> TrainingStore::of_project(const projects::CheckedProject& project) {
  const std::string& project_id = project.id;
  return query("project_id", project_id);
}

TrainingClass TrainingStore::get(const std::string& id) {
  return core::found(query("id", id), "training class", id);
}

void TrainingStore::check_references(const TrainingClass& c) {
  core::FieldErrors bad;
  org::PersonStore people(sql_, tenant_id_);
  org::UnitStore units(sql_, tenant_id_);
  if (c.unit_id && !units.exists(*c.unit_id))
    bad.add("unit_id", core::Message{"stakeholder_err_no_unit"});
  if (c.meeting_id &&
      db::scalar(
          sql_, kMeetingOfProject,
          {{"tenant_id", tenant_id_}, {"id", *c.meeting_id}, {"project_id", c.project_id}}) == 0)
    bad.add("meeting_id", core::Message{"training_err_no_meeting"});
  for (const auto& p : c.people)
    if (!p.from_meeting && !people.exists(p.person_id))
      bad.add("people", core::Message{"stakeholder_err_no_person"});
  for (std::size_t i = 0; i < c.unit_counts.size(); ++i)
    if (!units.exists(c.unit_counts[i].unit_id))
      bad.add("unit_counts[" + std::to_string(i) + "].unit_id",
              core::Message{"stakeholder_err_no_unit"});
  bad.check();
}

// Replaces who was trained with what the class holds (those from its meeting are not
// written: they come from the attendance).
void TrainingStore::write_trained(const TrainingClass& c) {
  const db::Arg tenant{"tenant_id", tenant_id_};
  db::execute(sql_, kDeletePeople, {tenant, {"id", c.id}});
  db::execute(sql_, kDeleteCounts, {tenant, {"id", c.id}});
  for (const auto& p : c.people)
    if (!p.from_meeting)
      db::execute(sql_, kInsertPerson, {tenant, {"id", c.id}, {"person_id", p.person_id}});
  for (const auto& u : c.unit_counts)
    db::execute(sql_, kInsertCount,
                {tenant, {"id", c.id}, {"unit_id", u.unit_id}, {"trained", u.trained}});
}

TrainingClass TrainingStore::create(const core::AuthContext* who, const std::string& project_id,
                                    const TrainingClass& fields) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  TrainingClass c = fields;
  c.project_id = project_id;
  check_references(c);
  kit::stamp_new(c);
  db::execute(sql_, columns().insert_sql(), columns().args(c, {{"tenant_id", tenant_id_}}));
  write_trained(c);
  auto stored = get(c.id);
  audit::record(sql_, tenant_id_, who, "training_class", c.id, "create", nullptr, audited(stored));
  tx.commit();
  return stored;
}

TrainingClass TrainingStore::update(const core::AuthContext* who, const TrainingClass& changed,
                                    long long expected_version) {
  return kit::versioned_update<TrainingClass>(
      sql_, tenant_id_, who, "training_class", changed.id, expected_version,
      [&] { return get(changed.id); },
      [&](long long version) {
        check_references(changed);
        auto rows = kit::update_row(sql_, columns(), tenant_id_, changed, version);
        if (rows == 1 && changed.people_given) write_trained(changed);
        return rows;
      },
      [](const TrainingClass& c) { return to_json(c); }, audited,
      core::Message{"err.stale", {{"entity", "training class"}}});
}

void TrainingStore::remove(const core::AuthContext* who, const std::string& id) {
  db::WriteTx tx(sql_);
  auto before = get(id);
  const db::Arg tenant{"tenant_id", tenant_id_};
  db::execute(sql_, kDeletePeople, {tenant, {"id", id}});
  db::execute(sql_, kDeleteCounts, {tenant, {"id", id}});
  db::execute(sql_, columns().delete_sql(), {tenant, {"id", id}});
  audit::record(sql_, tenant_id_, who, "training_class", id, "delete", audited(before), nullptr);
  tx.commit();
}

}  // namespace communication
