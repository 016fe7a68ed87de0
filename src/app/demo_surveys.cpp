// The demo municipality's survey: two closed rounds of the short social-capital questions,
// so the results page shows an index per unit (the small units hidden), the change since the
// baseline and a KPI fed by it.
#include "app/demo_surveys.hpp"

#include <algorithm>

#include "app/demo_people.hpp"
#include "core/time.hpp"
#include "http/paging.hpp"
#include "kpis/kpi_store.hpp"
#include "org/person_store.hpp"
#include "surveys/kpi_feed.hpp"
#include "surveys/survey_store.hpp"

namespace app {
namespace {

constexpr const char* kTitle = "Social kapital før og efter det fælles forløb";
constexpr const char* kScale = "social-capital";

struct DemoRound {
  const char* label;
  int opened_days_ago;
  int lift;  // added to every other answer: the follow-up is a little better
};

// Everyone of the demo tenant with a unit, each counted in their own unit.
std::vector<surveys::Invitee> everyone(soci::session& sql, const std::string& tenant_id) {
  std::vector<surveys::Invitee> out;
  for (const auto& p : org::PersonStore(sql, tenant_id).page("", http::kMaxLimit))
    if (p.active && p.unit_id) out.push_back({p.id, p.unit_id});
  return out;
}

// A fixed spread of answers, so the demo shows the same results every time.
surveys::Answers answers_of(const nlohmann::json& questionnaire, std::size_t respondent, int lift) {
  surveys::Answers out;
  std::size_t item = 0;
  for (const auto& i : questionnaire.value("items", nlohmann::json::array())) {
    const int point = 1 + static_cast<int>((respondent * 3 + item) % 3) +
                      (lift > 0 && (respondent + item) % 2 == 0 ? lift : 0);
    out[i.value("key", "")].number = std::min(point, surveys::kLikertPoints - 1);
    ++item;
  }
  return out;
}

}  // namespace

void ensure_demo_surveys(soci::session& sql, const std::string& tenant_id,
                         const std::string& project_id) {
  surveys::SurveyStore store(sql, tenant_id);
  for (const auto& s : store.list(http::Page{.limit = 200}))
    if (s.title == kTitle) return;
  surveys::Survey s;
  s.title = kTitle;
  s.description =
      "De fire hurtige spørgsmål om tillid og retfærdighed, stillet til alle før projektet og "
      "igen efter afprøvningen.";
  s.template_key = "social-capital-short";
  s.project_id = project_id;
  if (auto owner = DemoPeople(sql, tenant_id).id("Helle Krogh")) s.owner_id = *owner;
  auto survey = store.create(nullptr, s);
  const auto people = everyone(sql, tenant_id);
  const auto today = core::nordic_local_today();
  for (const DemoRound& plan :
       {DemoRound{"Før projektet", 120, 0}, DemoRound{"Efter afprøvningen", 20, 1}}) {
    surveys::Round r;
    r.label = plan.label;
    r.opens_on = core::plus_days(today, -plan.opened_days_ago);
    r.closes_on = core::plus_days(r.opens_on, 14);
    auto round = store.add_round(nullptr, survey.id, r);
    auto links = store.invite(round.id, people);
    round = store.set_status(nullptr, round.id, "open", round.version);
    for (std::size_t i = 0; i < links.size(); ++i)
      if (i % 7 != 6)  // most, not all, answer
        surveys::submit_answer(sql, links[i].secret, answers_of(survey.questionnaire, i, plan.lift),
                               round.opens_on);
    store.set_status(nullptr, round.id, "closed", round.version);
    store.dissolve_order(round.id);
  }
  kpis::Kpi k;
  k.name = "Social kapital (indeks 0–100)";
  k.definition =
      "Indekset fra de fire hurtige spørgsmål om social kapital, over alle der svarede i "
      "rundens måned; føres fra spørgeskemaet.";
  k.unit = "indeks";
  k.direction = "higher";
  k.frequency = "monthly";
  k.level = "tactical";
  k.category = "work_environment";
  auto kpi = kpis::KpiStore(sql, tenant_id).create(nullptr, project_id, k);
  surveys::feed_kpi(sql, tenant_id, nullptr, survey, kScale, kpi.id);
}

}  // namespace app
