#pragma once

// Surveys' storage (issue 17): surveys, their rounds, personal links and the anonymous
// responses. SQL only here.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "db/tenant_scoped.hpp"
#include "http/paging.hpp"
#include "surveys/survey.hpp"

namespace surveys {

// Someone a round's personal link is made for, and the unit their answer counts in.
struct Invitee {
  std::string person_id;
  std::optional<std::string> unit_id;
};

// A personal link's secret: given out once (by mail or as a list to hand out), never stored.
struct IssuedLink {
  std::string person_id;
  std::string secret;
};

// How many a round invited and how many answered, per unit (counts only).
struct Participation {
  std::optional<std::string> unit_id;
  long long invited = 0;
  long long answered = 0;
};

// How a round's Likert items were answered per unit: sums of the points 0–4 as stored, not
// yet scores (whether an item is reverse-scored is the questionnaire's to say).
struct ItemSums {
  std::string item_key;
  std::optional<std::string> unit_id;
  long long n = 0;
  double sum = 0;
  double sum_of_squares = 0;
};

class SurveyStore : public db::TenantScoped {
 public:
  using TenantScoped::TenantScoped;

  // One page of the tenant's surveys by id (limit + 1 rows).
  std::vector<Survey> list(const http::Page& page);
  // A new survey; its questionnaire is the template's when it names one and gives none.
  Survey create(const core::AuthContext* who, Survey s);
  Survey get(const std::string& id);
  // Conflict on a stale version, or for a new questionnaire once a round was sent: the
  // answers already given were to the old one.
  Survey update(const core::AuthContext* who, const Survey& changed, long long expected_version);
  // Only a survey never sent (Conflict otherwise): answers are never removed with it.
  void remove(const core::AuthContext* who, const std::string& id);

  // The survey's next round (numbered on from 0, the baseline), grouped by the tenant's
  // units as they are now.
  Round add_round(const core::AuthContext* who, const std::string& survey_id, Round r);
  Round get_round(const std::string& id);
  // The survey's rounds in number order, the baseline first.
  std::vector<Round> rounds(const std::string& survey_id);
  // planned → open → closed; Conflict on a stale version.
  Round set_status(const core::AuthContext* who, const std::string& round_id,
                   const std::string& status, long long expected_version);

  // Personal links for `people`; the secrets are returned once and only their hashes kept.
  std::vector<IssuedLink> invite(const std::string& round_id, const std::vector<Invitee>& people);
  std::vector<Participation> participation(const std::string& round_id);
  // The round's sums, read from its running totals (added to by submit_answer): a few
  // hundred rows however many answered.
  std::vector<ScaleSums> scale_sums(const std::string& round_id);
  // Every item answered with a number, per item and the unit its response counts in.
  std::vector<ItemSums> item_sums(const std::string& round_id);
  // The municipality's floor under every survey's minimum group (tenant setting, ≥ 3).
  long long tenant_min_group();
  // How many answered the round, through any link.
  long long responses(const std::string& round_id);
  // The round's text answers by item, in no order that follows who answered when.
  std::map<std::string, std::vector<std::string>> texts(const std::string& round_id);
  // The people of the round whose links are still unused: who a reminder goes to. Kept for
  // that alone; a used link forgets its person.
  std::vector<std::string> not_answered(const std::string& round_id);
  // New secrets for the unused links of `people` (a reminder carries a fresh link; the old
  // one stops working). Returned this once, like invite's.
  std::vector<IssuedLink> reissue(const std::string& round_id, const std::set<std::string>& people);
  // Writes a closed round's responses, answers and scores again in the order of their random
  // ids, so not even the order the database keeps them in follows who answered when (while a
  // round is open, rows lie in the order they came).
  void dissolve_order(const std::string& round_id);
  // A citizens' round's one public link: answered any number of times (the public route
  // limits the rate), each answer counted in no unit. The secret is returned this once.
  std::string open_public_link(const std::string& round_id);
};

// What a link leads to, for the answer form: read without the tenant, which the link names.
struct LinkedRound {
  std::string tenant_id;
  std::string round_id;
  bool used = false;
  bool is_public = false;
  std::string status;
  std::string opens_on;
  std::string closes_on;
  nlohmann::json questionnaire;
  std::string title;
  std::optional<std::string> description;
  std::string tenant_locale;  // the form's language when the reader's says nothing

  bool open_on(const std::string& today) const;
};
std::optional<LinkedRound> find_link(soci::session& sql, const std::string& secret);

// An answer through a personal link, all in one transaction or not at all: the link marked
// used and its person forgotten, the response stored apart from it with a random id, its
// answers and its index per scale, all added to the round's totals. NotFound for an unknown
// link, Conflict for a used one, ValidationError "round" when the round is not open on
// `today`, or naming an item the questionnaire cannot take.
void submit_answer(soci::session& sql, const std::string& secret, const Answers& answers,
                   const std::string& today);

}  // namespace surveys
