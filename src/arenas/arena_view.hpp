#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "arenas/arena.hpp"

namespace arenas {

using Choices = std::vector<std::pair<std::string, std::string>>;  // (id, name)

// The form's choices of the tenant's active people: `leader_options` (the form's leader_id
// selected) and `member_boxes` (its member_ids ticked).
nlohmann::json team_choices(soci::session& sql, const std::string& tenant_id,
                            const nlohmann::json& form);

// The team's fields (title, goal, leader, members, time box) as HTML for a form: `form` the
// values, `errors` by field, `choices` from team_choices, `prefix` the element ids' start.
// The arena list, the arena page and the signal page's "start an arena" share them.
std::string team_fields_html(const std::string& lang, const std::string& prefix,
                             const nlohmann::json& form, const nlohmann::json& errors,
                             const nlohmann::json& choices);

// The arena form's posted fields as the user typed them, the ticked members ("m_<id>")
// gathered into `member_ids`: what the form shows again and what is parsed.
nlohmann::json typed_arena(const std::map<std::string, std::string>& form);

// The form's choices: the process leader (`people`, one selected) and the members
// (checkboxes, those in `chosen` ticked).
nlohmann::json leader_options(const Choices& people, const std::string& selected);
nlohmann::json member_boxes(const Choices& people, const nlohmann::json& chosen);
// Statuses in the reader's language; `with_all` adds "all" first (the list's filter).
nlohmann::json status_options(const std::string& locale, const std::string& selected,
                              bool with_all = false);

// A row of the arena list: title, leader, time box, status, units covered, overdue.
nlohmann::json list_row(const Arena& arena, const std::string& locale, const std::string& today);
// The arena page's own parts: the team with the units it covers, the step indicator and
// each step's checklist (`may_work`: items can be ticked) and the log.
nlohmann::json arena_detail(const Arena& arena, const std::string& locale, const std::string& today,
                            bool may_work);

}  // namespace arenas
