#include "surveys/kpi_feed.hpp"

#include <algorithm>
#include <map>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "db/write_tx.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_scope.hpp"
#include "surveys/results.hpp"
#include "surveys/round_sending.hpp"
#include "surveys/survey_store.hpp"

namespace surveys {
namespace {

constexpr std::string_view kFeeds =
    "SELECT f.scale_key, f.kpi_id, k.name AS kpi_name, k.project_id FROM survey_kpi_feeds f "
    "JOIN kpis k ON k.tenant_id = f.tenant_id AND k.id = f.kpi_id "
    "WHERE f.tenant_id = :tenant_id AND f.survey_id = :survey_id ORDER BY f.scale_key";
constexpr std::string_view kSaveFeed =
    "INSERT INTO survey_kpi_feeds (tenant_id, survey_id, scale_key, kpi_id, created_at) "
    "VALUES (:tenant_id, :survey_id, :scale_key, :kpi_id, :now) "
    "ON CONFLICT (tenant_id, survey_id, scale_key) DO UPDATE SET kpi_id = excluded.kpi_id";

bool has_scale(const Survey& s, const std::string& key) {
  for (const auto& scale : scales_of(s.questionnaire))
    if (scale.key == key) return true;
  return false;
}

}  // namespace

std::vector<KpiFeed> kpi_feeds(soci::session& sql, const std::string& tenant_id,
                               const std::string& survey_id) {
  std::vector<KpiFeed> out;
  for (const auto& r : db::query(sql, kFeeds, {{"tenant_id", tenant_id}, {"survey_id", survey_id}}))
    out.push_back({db::text(r, "scale_key"), db::text(r, "kpi_id"), db::text(r, "kpi_name"),
                   db::text(r, "project_id")});
  return out;
}

void feed_kpi(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
              const Survey& survey, const std::string& scale_key, const std::string& kpi_id) {
  if (!has_scale(survey, scale_key))
    throw core::ValidationError("scale_key", "is not a scale of the survey's questionnaire");
  kpis::KpiStore kpis(sql, tenant_id);
  try {
    kpis.get(kpi_id);
  } catch (const core::NotFound&) {
    throw core::ValidationError("kpi_id", "no such KPI");
  }
  db::WriteTx tx(sql);
  db::execute(sql, kSaveFeed,
              {{"tenant_id", tenant_id},
               {"survey_id", survey.id},
               {"scale_key", scale_key},
               {"kpi_id", kpi_id},
               {"now", core::now_iso()}});
  push_to_kpis(sql, tenant_id, who, survey);
  tx.commit();
}

void feed_kpi_as(soci::session& sql, const http::Request& req, const Survey& survey,
                 const std::string& scale_key, const std::string& kpi_id) {
  require_owner(survey, req.who());
  std::string project_id;
  try {
    project_id = kpis::KpiStore(sql, req.who().tenant_id).get(kpi_id).project_id;
  } catch (const core::NotFound&) {
    throw core::ValidationError("kpi_id", "no such KPI");
  }
  projects::ProjectScope(sql, req, project_id).require(projects::ProjectRight::kEdit);
  feed_kpi(sql, req.who().tenant_id, &req.who(), survey, scale_key, kpi_id);
}

int push_to_kpis(soci::session& sql, const std::string& tenant_id, const core::AuthContext* who,
                 const Survey& survey) {
  const auto feeds = kpi_feeds(sql, tenant_id, survey.id);
  if (feeds.empty()) return 0;
  SurveyStore store(sql, tenant_id);
  kpis::KpiStore kpis(sql, tenant_id);
  const int min_n = static_cast<int>(std::max(survey.min_group, store.tenant_min_group()));
  // Per KPI the rounds' values; a later round in the same period is the one kept.
  std::map<std::string, std::map<long, double>> values;
  for (const auto& round : store.rounds(survey.id)) {
    if (round.status != "closed") continue;
    const auto results = round_results(round.grouping, store.scale_sums(round.id), min_n);
    for (const auto& feed : feeds) {
      const auto kpi = kpis.get(feed.kpi_id);
      const auto period = kpis::period_of_date(kpis::frequency_of(kpi.frequency), round.closes_on);
      if (!period) continue;
      for (const auto& scale : results)
        if (scale.scale_key == feed.scale_key && !scale.total.hidden && scale.total.index.n > 0)
          values[feed.kpi_id][*period] = scale.total.index.mean;
    }
  }
  int written = 0;
  db::WriteTx tx(sql);
  for (const auto& [kpi_id, by_period] : values) {
    std::vector<kpis::Measurement> rows;
    for (const auto& [period, value] : by_period) rows.push_back({period, value});
    kpis.push(who, kpis.get(kpi_id), rows);
    written += static_cast<int>(rows.size());
  }
  tx.commit();
  return written;
}

}  // namespace surveys
