#include "adoption/adoption_store.hpp"

#include <algorithm>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/columns.hpp"
#include "db/write_tx.hpp"
#include "kit/authored.hpp"
#include "kit/store_rows.hpp"
#include "kit/versioned.hpp"
#include "maps/bpmn_document.hpp"
#include "maps/map_store.hpp"
#include "web/i18n.hpp"
#include "wins/win_store.hpp"

namespace adoption {
namespace {

using nlohmann::json;

// The steps of a map version, parsed from its BPMN once per process: a saved version never
// changes (a save makes a new one), so the key needs no invalidation. Bounded by clearing.
class StepCache {
 public:
  template <typename Parse>
  std::vector<MapStep> get(const std::string& key, Parse parse) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = steps_.find(key); it != steps_.end()) return it->second;
    }
    auto steps = parse();
    std::lock_guard lock(mutex_);
    if (steps_.size() >= kMaxEntries) steps_.clear();
    steps_.emplace(key, steps);
    return steps;
  }

 private:
  static constexpr std::size_t kMaxEntries = 2048;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<MapStep>> steps_;
};

StepCache& step_cache() {
  static StepCache cache;
  return cache;
}

// A step's and a history entry's columns; the decision's text is joined to each for reading.
const db::Columns<StoredStep>& step_columns() {
  static const auto c = db::Columns<StoredStep>("adoption_steps", {"tenant_id", "project_id"})
                            .text("element_id", &StoredStep::element_id)
                            .text("map_id", &StoredStep::map_id)
                            .text("step_name", &StoredStep::step_name)
                            .text("status", &StoredStep::status)
                            .text("decision_id", &StoredStep::decision_id)
                            .text("decided_on", &StoredStep::decided_on)
                            .integer("version", &StoredStep::version)
                            .text("updated_at", &StoredStep::updated_at);
  return c;
}

const db::Columns<HistoryEntry>& history_columns() {
  static const auto c = db::Columns<HistoryEntry>("adoption_history", {"tenant_id", "project_id"})
                            .bound("created_by")
                            .id(&HistoryEntry::id)
                            .text("element_id", &HistoryEntry::element_id)
                            .text("step_name", &HistoryEntry::step_name)
                            .text("from_status", &HistoryEntry::from_status)
                            .text("to_status", &HistoryEntry::to_status)
                            .text("decision_id", &HistoryEntry::decision_id)
                            .text("decided_on", &HistoryEntry::decided_on)
                            .text("created_at", &HistoryEntry::created_at);
  return c;
}

const std::string kSelectSteps =
    step_columns().select_joined("s", "d.text AS decision_text",
                                 "JOIN decisions d ON d.tenant_id = s.tenant_id AND "
                                 "d.id = s.decision_id") +
    " ORDER BY s.id";
constexpr std::string_view kInsertStep =
    "INSERT INTO adoption_steps (tenant_id, id, project_id, element_id, map_id, step_name, "
    "status, decision_id, decided_on, version, created_at, updated_at) VALUES (:tenant_id, :id, "
    ":project_id, :element_id, :map_id, :step_name, :status, :decision_id, :decided_on, 2, :now, "
    ":now)";
constexpr std::string_view kUpdateStep =
    "UPDATE adoption_steps SET map_id = :map_id, step_name = :step_name, status = :status, "
    "decision_id = :decision_id, decided_on = :decided_on, version = version + 1, "
    "updated_at = :now WHERE tenant_id = :tenant_id AND project_id = :project_id AND "
    "element_id = :element_id AND version = :expected";
const std::string kSelectHistory =
    history_columns().select_joined("h", "d.text AS decision_text",
                                    "JOIN decisions d ON d.tenant_id = h.tenant_id AND "
                                    "d.id = h.decision_id") +
    " ORDER BY h.decided_on DESC, h.id DESC";
constexpr std::string_view kMeetingOfProject =
    "SELECT COUNT(*) FROM meetings WHERE tenant_id = :tenant_id AND id = :id AND "
    "project_id = :project_id";
constexpr std::string_view kMeetings =
    "SELECT id, title, starts_at FROM meetings WHERE tenant_id = :tenant_id AND "
    "project_id = :project_id ORDER BY starts_at DESC, id DESC";
constexpr std::string_view kTenantLocale =
    "SELECT default_locale FROM tenants WHERE id = :tenant_id";

// The lesson's fields, who wrote it and when.
const db::Columns<Lesson>& lesson_columns() {
  static const auto c = lesson_fields()
                            .columns("lessons")
                            .bound("created_by")
                            .text("created_at", &Lesson::created_at, db::Write::kOnce);
  return c;
}

const std::string kSelectLessons =
    lesson_columns().select_sql() + " AND project_id = :project_id ORDER BY id";
const std::string kSelectLessonPage =
    lesson_columns().select_sql() +
    " AND project_id = :project_id AND id > :after ORDER BY id LIMIT :lim";

std::string replace(std::string text, const std::string& key, const std::string& value) {
  auto pos = text.find(key);
  if (pos != std::string::npos) text.replace(pos, key.size(), value);
  return text;
}

// The decision log's text names the step ("<step>: <decision>"); the step's own views
// show the decision alone.
template <typename T>
T with_decision_text(T read, const db::Row& r) {
  std::string text = db::text(r, "decision_text");
  std::string prefix = read.step_name + ": ";
  read.decision_text = text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
  return read;
}

}  // namespace

json to_json(const Overview& o) {
  json steps = json::array();
  for (const auto& s : o.steps) steps.push_back(to_json(s));
  return {{"map", o.map_id ? json{{"id", *o.map_id}, {"title", *o.map_title}} : json()},
          {"steps", steps},
          {"share",
           {{"adopted", o.share.adopted}, {"total", o.share.total}, {"percent", o.share.percent}}}};
}

json to_json(const HistoryEntry& h) {
  return {{"id", h.id},
          {"element_id", h.element_id},
          {"step_name", h.step_name},
          {"from_status", h.from_status},
          {"to_status", h.to_status},
          {"decision_id", h.decision_id},
          {"decision", h.decision_text},
          {"decided_on", h.decided_on},
          {"created_at", h.created_at}};
}

json to_json(const SplitSuggestion& s) {
  return {{"element_id", s.element_id},
          {"step_name", s.step_name},
          {"adopted_on", s.decided_on},
          {"start", s.start},
          {"follows_step", s.follows_step}};
}

const kit::Fields<Lesson>& lesson_fields() {
  static const kit::Fields<Lesson> fields =
      kit::Fields<Lesson>()
          .id(&Lesson::id)
          .parent(&Lesson::project_id)
          .text("text", &Lesson::text, {.required = true, .max = kLessonMax})
          .output("created_at", &Lesson::created_at);
  return fields;
}

std::string AdoptionStore::tenant_locale() {
  auto rows = db::query(sql_, kTenantLocale, {{"tenant_id", tenant_id_}});
  std::string stored = rows.empty() ? "" : db::text(rows[0], "default_locale");
  return web::is_locale(stored) ? stored : web::kDefaultLocale;
}

std::vector<MapStep> steps_of_map(maps::MapStore& maps, const std::string& tenant_id,
                                  const maps::MapInfo& m) {
  const std::string key = tenant_id + "/" + m.id + "/" + std::to_string(m.version);
  return step_cache().get(key, [&] {
    std::vector<MapStep> out;
    try {
      auto doc = maps::BpmnDocument::parse(maps.xml(m.id, m.version));
      for (const auto& n : doc.nodes())
        if (maps::is_activity(n.kind)) out.push_back({n.id, n.name});
    } catch (const core::Error&) {
      // A stored map was checked when saved; should one no longer read, it has no steps.
    }
    return out;
  });
}

std::vector<MapStep> AdoptionStore::map_steps(const std::vector<maps::MapInfo>& listed,
                                              std::optional<std::string>& map_id,
                                              std::optional<std::string>& map_title) {
  maps::MapStore maps(sql_, tenant_id_);
  std::optional<maps::MapInfo> newest;
  for (const auto& m : listed) {
    if (m.kind != "redesign") continue;
    if (!newest || m.created_at > newest->created_at ||
        (m.created_at == newest->created_at && m.id > newest->id))
      newest = m;
  }
  if (!newest) return {};
  map_id = newest->id;
  map_title = newest->title;
  return steps_of_map(maps, tenant_id_, *newest);
}

std::vector<StoredStep> AdoptionStore::stored(const std::string& project_id) {
  std::vector<StoredStep> out;
  for (const auto& r :
       db::query(sql_, kSelectSteps, {{"tenant_id", tenant_id_}, {"project_id", project_id}}))
    out.push_back(with_decision_text(step_columns().read(r), r));
  return out;
}

Overview AdoptionStore::overview(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return overview(projects::CheckedProject{project_id},
                  maps::MapStore(sql_, tenant_id_).list(project_id));
}

Overview AdoptionStore::overview(const projects::CheckedProject& project,
                                 const std::vector<maps::MapInfo>& listed) {
  Overview o;
  auto steps = map_steps(listed, o.map_id, o.map_title);
  o.steps = merge(steps, stored(project.id));
  o.share = share_adopted(o.steps);
  return o;
}

Step AdoptionStore::step(const std::string& project_id, const std::string& element_id) {
  for (auto& s : overview(project_id).steps)
    if (s.element_id == element_id) return s;
  throw core::NotFound("no such step on the redesign map");
}

Step AdoptionStore::change(const core::AuthContext* who, const std::string& project_id,
                           const ChangeRequest& change, long long expected_version) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  auto read = [&] {
    for (auto& s : overview(project_id).steps)
      if (s.element_id == change.element_id) return s;
    throw core::ValidationError("element_id", "is not a step of the redesign map");
  };
  auto audited = [&](const Step& s) {
    json j = to_json(s);
    j.erase("next_statuses");
    j["project_id"] = project_id;
    return j;
  };
  return kit::versioned_update<Step>(
      sql_, tenant_id_, who, "adoption_step", change.element_id, expected_version, read,
      [&](long long) { return write_change(who, project_id, change); }, audited,
      "the step's status was changed by someone else");
}

void AdoptionStore::check_change(const std::string& project_id, const Step& before,
                                 const ChangeRequest& change) {
  if (!transition_allowed(before.status, change.status))
    throw core::ValidationError("status", "this change of status is not allowed");
  if (change.decision.meeting_id) {
    if (db::scalar(sql_, kMeetingOfProject,
                   {{"tenant_id", tenant_id_},
                    {"id", *change.decision.meeting_id},
                    {"project_id", project_id}}) == 0)
      throw core::ValidationError("meeting_id", "is not a meeting of this project");
  }
}

long long AdoptionStore::write_change(const core::AuthContext* who, const std::string& project_id,
                                      const ChangeRequest& change) {
  auto o = overview(project_id);
  Step before;
  for (const auto& s : o.steps)
    if (s.element_id == change.element_id) before = s;
  check_change(project_id, before, change);
  // The decision log entry names the step, so the log reads on its own.
  projects::GateDecision d = change.decision;
  d.text = before.name + ": " + d.text;
  auto decision = projects::ProjectStore(sql_, tenant_id_).record_decision(who, project_id, d);
  std::string decision_id = decision["id"];
  std::string now = core::now_iso();
  std::string step_id = core::new_id();
  std::optional<std::string> map_id = before.on_map ? o.map_id : std::nullopt;
  // One set of values for the step's INSERT or UPDATE (each uses the names it needs).
  const db::Arg step[] = {{"tenant_id", tenant_id_},    {"id", step_id},
                          {"project_id", project_id},   {"element_id", before.element_id},
                          {"map_id", map_id},           {"step_name", before.name},
                          {"status", change.status},    {"decision_id", decision_id},
                          {"decided_on", d.decided_on}, {"now", now},
                          {"expected", before.version}};
  long long rows = 1;
  if (!before.decision_id)
    db::execute(sql_, kInsertStep, step);
  else
    rows = db::execute(sql_, kUpdateStep, step);
  HistoryEntry h{core::new_id(),
                 before.element_id,
                 before.name,
                 before.status,
                 change.status,
                 decision_id,
                 "",
                 d.decided_on,
                 now};
  db::execute(sql_, history_columns().insert_sql(),
              history_columns().args(h, {{"tenant_id", tenant_id_},
                                         {"project_id", project_id},
                                         {"created_by", kit::author(who)}}));
  const std::string& history_id = h.id;
  if (change.status == "adopted") {
    core::Message text{"win_auto_step_adopted", {{"step", before.name}}};
    wins::record_automatic_win(sql_, tenant_id_, who, project_id, "step_adopted", text,
                               d.decided_on, "/projects/" + project_id + "/adoption",
                               "adoption:" + history_id);
  }
  return rows;
}

std::vector<HistoryEntry> AdoptionStore::history(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  std::vector<HistoryEntry> out;
  for (const auto& r :
       db::query(sql_, kSelectHistory, {{"tenant_id", tenant_id_}, {"project_id", project_id}})) {
    out.push_back(with_decision_text(history_columns().read(r), r));
  }
  return out;
}

nlohmann::json AdoptionStore::meetings(const std::string& project_id) {
  json out = json::array();
  for (const auto& r :
       db::query(sql_, kMeetings, {{"tenant_id", tenant_id_}, {"project_id", project_id}}))
    out.push_back({{"id", db::text(r, "id")},
                   {"title", db::text(r, "title")},
                   {"starts_at", db::text(r, "starts_at")}});
  return out;
}

std::vector<SplitSuggestion> AdoptionStore::split_suggestions(const kpis::Kpi& kpi) {
  auto freq = kpis::frequency_of(kpi.frequency);
  std::vector<long> taken;
  for (const auto& p : kpis::KpiStore(sql_, tenant_id_).periods(kpi.id))
    taken.push_back(p.split.start);
  std::vector<SplitSuggestion> out;
  for (const auto& s : stored(kpi.project_id)) {
    if (s.status != "adopted") continue;
    auto start = kpis::period_of_date(freq, s.decided_on);
    if (!start || std::find(taken.begin(), taken.end(), *start) != taken.end()) continue;
    SplitSuggestion sug;
    sug.element_id = s.element_id;
    sug.step_name = s.step_name;
    sug.decided_on = s.decided_on;
    sug.start_index = *start;
    sug.start = kpis::format_period(freq, *start);
    sug.follows_step = kpi.element_id && *kpi.element_id == s.element_id;
    out.push_back(sug);
  }
  // The steps the KPI follows first.
  std::stable_sort(out.begin(), out.end(), [](const SplitSuggestion& a, const SplitSuggestion& b) {
    return a.follows_step && !b.follows_step;
  });
  return out;
}

kpis::StoredPeriod AdoptionStore::accept_split(const core::AuthContext* who, const kpis::Kpi& kpi,
                                               const std::string& element_id) {
  db::WriteTx tx(sql_);
  for (const auto& s : split_suggestions(kpi)) {
    if (s.element_id != element_id) continue;
    kpis::ChartPeriodInput in;
    in.start = s.start_index;
    in.label = replace(web::t(tenant_locale(), "adoption_split_label"), "{step}", s.step_name)
                   .substr(0, 80);
    auto p = kpis::KpiStore(sql_, tenant_id_).add_period(who, kpi, in);
    tx.commit();
    return p;
  }
  throw core::NotFound("no suggested split for that step");
}

std::vector<Lesson> LessonStore::of_project(const std::string& project_id) {
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  return lesson_columns().read_all(
      db::query(sql_, kSelectLessons, {{"tenant_id", tenant_id_}, {"project_id", project_id}}));
}

std::vector<Lesson> LessonStore::list(const std::string& project_id, const http::Page& page) {
  return kit::project_page(sql_, kSelectLessonPage, tenant_id_, project_id, page,
                           [](const db::Row& r) { return lesson_columns().read(r); });
}

Lesson LessonStore::get(const std::string& id) {
  return core::found(lesson_columns().find(sql_, {{"tenant_id", tenant_id_}, {"id", id}}), "lesson",
                     id);
}

Lesson LessonStore::create(const core::AuthContext* who, const std::string& project_id,
                           const Lesson& lesson) {
  db::WriteTx tx(sql_);
  projects::ProjectStore(sql_, tenant_id_).require(project_id);
  Lesson l{core::new_id(), project_id, lesson.text, core::now_iso()};
  db::execute(
      sql_, lesson_columns().insert_sql(),
      lesson_columns().args(l, {{"tenant_id", tenant_id_}, {"created_by", kit::author(who)}}));
  audit::record(sql_, tenant_id_, who, "lesson", l.id, "create", nullptr, to_json(l));
  tx.commit();
  return l;
}

void LessonStore::remove(const core::AuthContext* who, const std::string& id) {
  kit::remove_row(
      sql_, tenant_id_, who, "lesson", lesson_columns(), id, [&] { return get(id); },
      [](const Lesson& l) { return to_json(l); });
}

}  // namespace adoption
