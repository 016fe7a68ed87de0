#include "surveys/round_sending.hpp"

#include <set>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "db/write_tx.hpp"
#include "http/paging.hpp"
#include "mail/message.hpp"
#include "mail/outbox_store.hpp"
#include "org/person_store.hpp"
#include "org/unit_store.hpp"
#include "projects/role_store.hpp"
#include "surveys/kpi_feed.hpp"
#include "web/public_url.hpp"

namespace surveys {
namespace {

// The people of `units` and of the units below them, each with the unit they count in.
std::vector<Invitee> population(soci::session& sql, const std::string& tenant_id,
                                const std::vector<std::string>& units) {
  std::set<std::string> chosen(units.begin(), units.end());
  const auto all = org::UnitStore(sql, tenant_id).all();
  bool grew = true;
  while (grew) {
    grew = false;
    for (const auto& u : all)
      if (u.parent_id && chosen.count(*u.parent_id) && chosen.insert(u.id).second) grew = true;
  }
  std::vector<Invitee> out;
  org::PersonStore people(sql, tenant_id);
  for (const auto& unit : chosen) {
    std::string after;
    for (;;) {
      // A page is kMaxLimit rows and one more that only tells there is a next page.
      auto page = people.page(after, http::kMaxLimit, unit);
      const bool more = page.size() > static_cast<std::size_t>(http::kMaxLimit);
      if (more) page.pop_back();
      for (const auto& p : page)
        if (p.active) out.push_back({p.id, unit});
      if (!more) break;
      after = page.back().id;
    }
  }
  return out;
}

// The people holding a role in the project, each in their own unit, unless asked already.
void add_participants(soci::session& sql, const std::string& tenant_id,
                      const std::string& project_id, std::vector<Invitee>& invitees) {
  std::set<std::string> asked;
  for (const auto& i : invitees) asked.insert(i.person_id);
  org::PersonStore people(sql, tenant_id);
  for (const auto& holder : projects::RoleStore(sql, tenant_id).holders(project_id)) {
    if (!asked.insert(holder.person_id).second) continue;
    auto person = people.find(holder.person_id);
    if (person && person->active) invitees.push_back({person->id, person->unit_id});
  }
}

}  // namespace

bool is_owner(const Survey& s, const core::AuthContext& who) {
  return who.is_admin() || (s.owner_id && *s.owner_id == who.person_id);
}

void require_owner(const Survey& s, const core::AuthContext& who) {
  if (!is_owner(s, who))
    throw core::Forbidden("only the survey's owner and administrators change it");
}

Round change_round_status(soci::session& sql, const core::AuthContext& who, const Survey& survey,
                          const std::string& round_id, const std::string& status,
                          long long expected_version) {
  require_owner(survey, who);
  db::WriteTx tx(sql);
  SurveyStore store(sql, who.tenant_id);
  const auto before = store.get_round(round_id);
  auto round = store.set_status(&who, round_id, status, expected_version);
  if (round.status == "closed" && before.status != "closed") {
    store.dissolve_order(round.id);
    push_to_kpis(sql, who.tenant_id, &who, survey);
  }
  tx.commit();
  return round;
}

std::string answer_url(const std::string& secret) { return web::public_url() + "/s/" + secret; }

std::set<std::string> mail_links(soci::session& sql, const std::string& tenant_id,
                                 const Survey& survey, const Round& round,
                                 const std::vector<IssuedLink>& links, const std::string& kind) {
  std::set<std::string> mailed;
  for (const auto& link : links) {
    auto to = mail::recipient(sql, tenant_id, link.person_id);
    if (!to) continue;
    try {
      if (mail::notify(sql, tenant_id, *to, kind,
                       {{"title", survey.title},
                        {"link", answer_url(link.secret)},
                        {"closes_on", round.closes_on}}))
        mailed.insert(link.person_id);
    } catch (const core::ValidationError&) {
      // An address stored before the checks were this strict: the link is handed out instead.
    }
  }
  return mailed;
}

int send_reminders(soci::session& sql, const core::AuthContext& who, const Survey& survey,
                   const std::string& round_id) {
  require_owner(survey, who);
  db::WriteTx tx(sql);
  SurveyStore store(sql, who.tenant_id);
  auto round = store.get_round(round_id);
  if (round.status != "open")
    throw core::ValidationError("round", core::Message{"survey_err_round_not_open"});
  // Only people a mail can reach get a fresh link: anyone else keeps the one handed out.
  std::set<std::string> reachable;
  for (const auto& person : store.not_answered(round.id))
    if (auto to = mail::recipient(sql, who.tenant_id, person)) {
      try {
        mail::check_address("email", to->address);
        reachable.insert(person);
      } catch (const core::ValidationError&) {
      }
    }
  auto mailed = mail_links(sql, who.tenant_id, survey, round, store.reissue(round.id, reachable),
                           "survey_reminder");
  audit::record(sql, who.tenant_id, &who, "survey_round", round.id, "update", nullptr,
                {{"reminders_mailed", mailed.size()}});
  tx.commit();
  return static_cast<int>(mailed.size());
}

SentRound send_round(soci::session& sql, const core::AuthContext& who, const Survey& survey,
                     Round round, const Population& asked, bool by_mail) {
  require_owner(survey, who);
  org::UnitStore unit_store(sql, who.tenant_id);
  for (const auto& u : asked.unit_ids)
    if (!unit_store.exists(u)) throw core::ValidationError("unit_ids", "no such unit: " + u);
  if (asked.project_participants && !survey.project_id)
    throw core::ValidationError("project_participants", core::Message{"survey_err_no_project"});
  auto invitees = population(sql, who.tenant_id, asked.unit_ids);
  if (asked.project_participants)
    add_participants(sql, who.tenant_id, *survey.project_id, invitees);
  // All or nothing: a round without its links could not be answered by anyone.
  db::WriteTx tx(sql);
  SurveyStore store(sql, who.tenant_id);
  SentRound sent;
  sent.round = store.add_round(&who, survey.id, std::move(round));
  sent.links = store.invite(sent.round.id, invitees);
  if (survey.audience == "citizens") sent.public_secret = store.open_public_link(sent.round.id);
  if (by_mail)
    sent.mailed =
        mail_links(sql, who.tenant_id, survey, sent.round, sent.links, "survey_invitation");
  tx.commit();
  return sent;
}

}  // namespace surveys
