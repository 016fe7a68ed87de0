#include "overview/overview_store.hpp"

#include <optional>
#include <string_view>

#include "db/columns.hpp"
#include "kpis/kpi.hpp"
#include "projects/method_template.hpp"
#include "projects/project_access.hpp"

namespace overview {
namespace {

using nlohmann::json;

// One row per role the person holds; the project's figures come along with each. A person
// holds at most every role once in a project, so :rows bounds the projects read.
constexpr std::string_view kProjects =
    "SELECT p.id, p.title, p.template_key, p.phase_key, p.status, r.role, "
    "pm.definition AS method_definition, "
    "(SELECT MIN(m.starts_at) FROM meetings m WHERE m.tenant_id = p.tenant_id AND "
    "m.project_id = p.id AND m.starts_at >= :now) AS next_meeting, "
    "(SELECT COUNT(*) FROM actions a WHERE a.tenant_id = p.tenant_id AND a.project_id = p.id "
    "AND a.deadline < :today AND a.status IN ('not_started', 'in_progress')) AS overdue_actions, "
    "(SELECT COUNT(*) FROM checklist_items c WHERE c.tenant_id = p.tenant_id AND "
    "c.project_id = p.id AND c.due_date < :today AND c.status = 'open') AS overdue_items "
    "FROM project_roles r JOIN projects p ON p.tenant_id = r.tenant_id AND p.id = r.project_id "
    "LEFT JOIN project_methods pm ON pm.tenant_id = p.tenant_id AND pm.project_id = p.id "
    "WHERE r.tenant_id = :tenant_id AND r.person_id = :person_id "
    "ORDER BY p.title, p.id, r.role LIMIT :rows";
constexpr std::size_t kRoleCount = 12;  // the roles of seed 003 (project_roles_role_ck)

// The three kinds of work in one list: still to do, with the project they belong to.
constexpr std::string_view kTasks =
    "SELECT 'action' AS kind, a.id AS id, a.project_id AS project_id, p.title AS project_title, "
    "a.task AS text, a.deadline AS due, a.status AS status FROM actions a "
    "JOIN projects p ON p.tenant_id = a.tenant_id AND p.id = a.project_id "
    "WHERE a.tenant_id = :tenant_id AND a.responsible_id = :person_id "
    "AND a.status IN ('not_started', 'in_progress') "
    "UNION ALL "
    "SELECT 'checklist_item', c.id, c.project_id, p.title, c.text, c.due_date, c.status "
    "FROM checklist_items c JOIN projects p ON p.tenant_id = c.tenant_id AND p.id = c.project_id "
    "WHERE c.tenant_id = :tenant_id AND c.responsible_id = :person_id AND c.status = 'open' "
    "UNION ALL "
    "SELECT 'kaizen_card', k.id, k.project_id, p.title, k.text, CAST(NULL AS TEXT), "
    "k.board_column FROM kaizen_cards k "
    "JOIN projects p ON p.tenant_id = k.tenant_id AND p.id = k.project_id "
    "WHERE k.tenant_id = :tenant_id AND k.responsible_id = :person_id "
    "AND k.board_column IN ('new', 'in_progress')";

// The owner and the project leader run a project's meetings, so theirs are all of them.
// Read from the person's invitations and roles (their indexes), not the tenant's meetings.
constexpr std::string_view kMeetings =
    "SELECT m.id, m.project_id, p.title AS project_title, m.kind, m.title, m.starts_at, "
    "m.duration_minutes, m.location FROM meetings m "
    "JOIN projects p ON p.tenant_id = m.tenant_id AND p.id = m.project_id "
    "WHERE m.tenant_id = :tenant_id AND m.starts_at >= :now AND m.id IN ("
    "SELECT x.meeting_id FROM meeting_attendance x WHERE x.tenant_id = :tenant_id AND "
    "x.person_id = :person_id UNION "
    "SELECT o.id FROM meetings o WHERE o.tenant_id = :tenant_id AND o.project_id IN ("
    "SELECT r.project_id FROM project_roles r WHERE r.tenant_id = :tenant_id AND "
    "r.person_id = :person_id AND r.role IN ('owner', 'project_leader'))) "
    "ORDER BY m.starts_at, m.id LIMIT :limit";

// A KPI with its newest measurement (the primary key's index finds it).
constexpr std::string_view kKpis =
    "SELECT k.id, k.project_id, p.title AS project_title, k.name, k.frequency, k.start_period, "
    "lm.period AS last_period, lm.period_index AS last_index FROM kpis k "
    "JOIN projects p ON p.tenant_id = k.tenant_id AND p.id = k.project_id "
    "LEFT JOIN kpi_measurements lm ON lm.tenant_id = k.tenant_id AND lm.kpi_id = k.id AND "
    "lm.period_index = (SELECT MAX(x.period_index) FROM kpi_measurements x WHERE "
    "x.tenant_id = k.tenant_id AND x.kpi_id = k.id) "
    "WHERE k.tenant_id = :tenant_id AND k.id IN ("
    "SELECT o.id FROM kpis o WHERE o.tenant_id = :tenant_id AND o.owner_id = :person_id UNION "
    "SELECT o.id FROM kpis o WHERE o.tenant_id = :tenant_id AND o.owner_id IS NULL AND "
    "o.project_id IN (SELECT r.project_id FROM project_roles r WHERE r.tenant_id = :tenant_id "
    "AND r.person_id = :person_id AND r.role IN ('owner', 'project_leader'))) "
    "ORDER BY p.title, k.name, k.id";

// The columns of something in one of the person's projects: its id, its project and the
// project's title.
template <typename T>
db::Columns<T> in_project() {
  return db::Columns<T>()
      .text("id", &T::id)
      .text("project_id", &T::project_id)
      .text("project_title", &T::project_title);
}

const db::Columns<MyTask>& task_columns() {
  static const auto c = in_project<MyTask>()
                            .text("kind", &MyTask::kind)
                            .text("text", &MyTask::text)
                            .text("due", &MyTask::due)
                            .text("status", &MyTask::status);
  return c;
}

const db::Columns<MyMeeting>& meeting_columns() {
  static const auto c = in_project<MyMeeting>()
                            .text("kind", &MyMeeting::kind)
                            .text("title", &MyMeeting::title)
                            .text("starts_at", &MyMeeting::starts_at)
                            .integer("duration_minutes", &MyMeeting::duration_minutes)
                            .text("location", &MyMeeting::location);
  return c;
}

const db::Columns<MyKpi>& kpi_columns() {
  static const auto c = in_project<MyKpi>()
                            .text("name", &MyKpi::name)
                            .text("frequency", &MyKpi::frequency)
                            .text("start_period", &MyKpi::start_period)
                            .text("last_period", &MyKpi::last_period)
                            .integer("last_index", &MyKpi::last_index);
  return c;
}

// The phase's name from the project's method: a shipped template, or the tenant template
// copied into the project when it started (read with the row).
std::string phase_name(const db::Row& r, const std::string& locale) {
  const std::string key = db::text(r, "phase_key");
  try {
    const auto* shipped = projects::find_template(db::text(r, "template_key"));
    std::optional<projects::MethodTemplate> copied;
    if (!shipped) {
      auto definition = db::opt_text(r, "method_definition");
      if (!definition) return key;
      copied = projects::parse_template(json::parse(*definition), false);
    }
    const auto* phase = (shipped ? *shipped : *copied).phase(key);
    return phase ? projects::localized(phase->name, locale) : key;
  } catch (const std::exception&) {
    return key;  // a stored definition that no longer reads: the key still says where it is
  }
}

}  // namespace

std::vector<MyProject> OverviewStore::projects(const std::string& person_id,
                                               const std::string& today, const std::string& now,
                                               const std::string& locale, std::size_t limit) {
  std::vector<MyProject> out;
  auto rows = db::query(sql_, kProjects,
                        {{"tenant_id", tenant_id_},
                         {"person_id", person_id},
                         {"today", today},
                         {"now", now},
                         {"rows", static_cast<long long>(limit * kRoleCount)}});
  for (const auto& r : rows) {
    std::string id = db::text(r, "id");
    if (out.empty() || out.back().id != id) {
      if (out.size() == limit) break;
      MyProject p;
      p.id = id;
      p.title = db::text(r, "title");
      p.template_key = db::text(r, "template_key");
      p.phase_key = db::text(r, "phase_key");
      p.phase_name = phase_name(r, locale);
      p.status = db::text(r, "status");
      p.next_meeting = db::opt_text(r, "next_meeting");
      p.overdue_actions = db::integer(r, "overdue_actions");
      p.overdue_checklist_items = db::integer(r, "overdue_items");
      out.push_back(std::move(p));
    }
    out.back().roles.push_back(db::text(r, "role"));
  }
  return out;
}

std::vector<MyTask> OverviewStore::tasks(const std::string& person_id, const std::string& locale) {
  std::vector<MyTask> out;
  for (const auto& r :
       db::query(sql_, kTasks, {{"tenant_id", tenant_id_}, {"person_id", person_id}})) {
    MyTask t = task_columns().read(r);
    // A checklist item's text is stored in every language of its template.
    if (t.kind == "checklist_item") {
      auto texts = json::parse(t.text, nullptr, false);
      if (!texts.is_discarded()) t.text = projects::localized(texts, locale);
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<MyMeeting> OverviewStore::meetings(const std::string& person_id, const std::string& now,
                                               int limit) {
  std::vector<MyMeeting> out;
  for (const auto& r : db::query(
           sql_, kMeetings,
           {{"tenant_id", tenant_id_}, {"person_id", person_id}, {"now", now}, {"limit", limit}}))
    out.push_back(meeting_columns().read(r));
  return out;
}

std::vector<MyKpi> OverviewStore::due_kpis(const std::string& person_id, const std::string& today) {
  std::vector<MyKpi> out;
  for (const auto& r :
       db::query(sql_, kKpis, {{"tenant_id", tenant_id_}, {"person_id", person_id}})) {
    MyKpi k = kpi_columns().read(r);
    kpis::Kpi rule;
    rule.frequency = k.frequency;
    rule.start_period = k.start_period;
    std::optional<long> last;
    if (k.last_index) last = static_cast<long>(*k.last_index);
    if (kpis::is_due(rule, last, today)) out.push_back(std::move(k));
  }
  return out;
}

Overview load(soci::session& sql, const core::AuthContext& who, const std::string& locale) {
  constexpr int kMeetingsShown = 10;
  Overview o;
  o.today = who.today();
  o.time_zone = who.tenant_time_zone;
  if (who.person_id.empty()) return o;
  const std::string now = who.local_now();
  OverviewStore store(sql, who.tenant_id);
  // Every member of the tenant reads every project (docs/project-rights.md); the tenant in
  // each query is what scopes the lists, and the rule is asked here so a stricter one holds.
  auto mine = store.projects(who.person_id, o.today, now, locale, kProjectsShown + 1);
  o.more_projects = mine.size() > kProjectsShown;
  if (o.more_projects) mine.pop_back();
  for (auto& p : mine)
    if (projects::may(who, p.roles, projects::ProjectRight::kRead)) o.projects.push_back(p);
  o.tasks = ordered_tasks(store.tasks(who.person_id, locale), o.today);
  o.meetings = store.meetings(who.person_id, now, kMeetingsShown);
  o.kpis = store.due_kpis(who.person_id, o.today);
  return o;
}

}  // namespace overview
