#pragma once

// A survey scale's index feeding a KPI (issue 17, point 5): each closed round's index over
// everyone who answered becomes the KPI's measurement for the period the round closed in.
// Only what the round's results show crosses: a round too few answered gives no value.
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "http/request.hpp"
#include "surveys/survey.hpp"

namespace surveys {

struct KpiFeed {
  std::string scale_key;
  std::string kpi_id;
  std::string kpi_name;
  std::string project_id;
};

// The survey's feeds, by scale.
std::vector<KpiFeed> kpi_feeds(soci::session& sql, const std::string& tenant_id,
                               const std::string& survey_id);

// Feeds the KPI `kpi_id` from the survey's scale `scale_key` (one KPI per scale; a new one
// replaces the old) and pushes every closed round's index to it at once. ValidationError
// naming "scale_key" or "kpi_id" for a scale the questionnaire lacks or a KPI not of the
// tenant. The caller checks that the caller may edit the KPI's project.
// `who` is null for the system (the demo).
void feed_kpi(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
              const Survey& survey, const std::string& scale_key, const std::string& kpi_id);

// feed_kpi for the caller of `req`: the survey's owner (or an administrator) who may also
// edit the KPI's project; Forbidden otherwise.
void feed_kpi_as(soci::session& sql, const http::Request& req, const Survey& survey,
                 const std::string& scale_key, const std::string& kpi_id);

// Pushes each closed round's index to the survey's KPIs (after a round is closed); returns
// how many values were written. Idempotent: a round's period is written over.
int push_to_kpis(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
                 const Survey& survey);

}  // namespace surveys
