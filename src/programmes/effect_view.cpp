#include "programmes/effect_view.hpp"

#include "projects/method_template.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace programmes::effects {
namespace {

using nlohmann::json;

json optional_number(std::optional<double> v) { return v ? json(*v) : json(); }

json project_json(const ProjectRef& p) {
  return {{"id", p.id}, {"title", p.title}, {"municipality", p.municipality}};
}

json span_json(const kpis::Kpi& kpi, std::optional<long> from, std::optional<long> to) {
  if (!from || !to) return nullptr;
  const auto f = kpis::frequency_of(kpi.frequency);
  return {{"from", kpis::format_period(f, *from)}, {"to", kpis::format_period(f, *to)}};
}

json counts_json(const Counts& c) {
  json out = json::object();
  for (const auto& [k, n] : c) out[k] = n;
  return out;
}

json index_json(const std::optional<IndexPoint>& p) {
  if (!p) return nullptr;
  json out = {{"round", p->round_label}, {"closes_on", p->closes_on}, {"hidden", p->hidden}};
  if (!p->hidden) {
    out["n"] = p->index.n;
    out["index"] = p->index.mean;
  }
  return out;
}

json phases_json(const std::vector<PhaseCount>& phases) {
  json out = json::array();
  for (const auto& p : phases)
    out.push_back({{"template", p.template_key}, {"phase", p.phase_key}, {"projects", p.projects}});
  return out;
}

json groups_json(const std::vector<GroupEffect>& groups) {
  json out = json::array();
  for (const auto& g : groups) {
    json outcomes = json::object();
    for (const auto& [category, counts] : g.outcomes) outcomes[category] = counts_json(counts);
    out.push_back({{"id", g.id.empty() ? json() : json(g.id)},
                   {"name", g.name},
                   {"projects", g.projects},
                   {"phases", phases_json(g.phases)},
                   {"kpis", outcomes},
                   {"benefits", {{"total", g.benefits}, {"realised", g.realised}}}});
  }
  return out;
}

std::string phase_name(const PhaseCount& p, const std::string& locale) {
  const auto* t = projects::find_template(p.template_key);
  const auto* ph = t ? t->phase(p.phase_key) : nullptr;
  return ph ? projects::localized(ph->name, locale) : p.phase_key;
}

std::string number(const std::string& locale, std::optional<double> v) {
  return v ? web::format_number(locale, *v, 2) : "–";
}

std::string span_text(const kpis::Kpi& kpi, std::optional<long> from, std::optional<long> to) {
  if (!from || !to) return "";
  const auto f = kpis::frequency_of(kpi.frequency);
  const auto a = kpis::format_period(f, *from), b = kpis::format_period(f, *to);
  return a == b ? a : a + " – " + b;
}

json phases_view(const std::vector<PhaseCount>& phases, const std::string& locale) {
  json out = json::array();
  for (const auto& p : phases)
    out.push_back({{"name", phase_name(p, locale)}, {"projects", p.projects}});
  return out;
}

std::string index_text(const std::optional<IndexPoint>& p, const std::string& locale) {
  if (!p) return "–";
  if (p->hidden) return web::t(locale, "effect_index_hidden");
  return web::format_number(locale, p->index.mean, 1) + " (n " + std::to_string(p->index.n) + ")";
}

json groups_view(const std::vector<GroupEffect>& groups, const std::string& locale) {
  json out = json::array();
  for (const auto& g : groups) {
    json row = {{"name", g.id.empty() ? web::t(locale, "no_cluster") : g.name},
                {"projects", g.projects},
                {"benefits", g.benefits},
                {"realised", g.realised}};
    std::string phases;
    for (const auto& p : g.phases)
      phases +=
          (phases.empty() ? "" : ", ") + phase_name(p, locale) + " " + std::to_string(p.projects);
    row["phases"] = phases;
    for (const auto& o : kOutcomes) {
      int n = 0;
      for (const auto& [category, counts] : g.outcomes) n += counts.at(o);
      row[o] = n;
    }
    out.push_back(row);
  }
  return out;
}

json summary_categories(const EffectReport& report, const std::string& locale) {
  json out = json::array();
  for (const auto& c : report.categories) {
    json row = {{"key", c.category},
                {"name", web::t(locale, "kpi_category_" + c.category)},
                {"kpis", c.kpis.size()},
                {"benefits", c.benefits.size()}};
    for (const auto& [k, n] : c.outcomes) row[k] = n;
    int realised = 0;
    for (const auto& b : c.benefits) realised += counts_as_realised(b.status) ? 1 : 0;
    row["realised"] = realised;
    out.push_back(row);
  }
  return out;
}

json kpis_view(const CategoryEffect& c, const std::string& locale) {
  json out = json::array();
  for (const auto& k : c.kpis) {
    const auto& v = k.values;
    out.push_back(
        {{"project", k.project.title},
         {"municipality", k.project.municipality},
         {"name", k.kpi.name},
         {"unit", k.kpi.unit},
         {"direction", web::t(locale, "effect_direction_" + k.kpi.direction)},
         {"before", number(locale, v.before)},
         {"before_note",
          v.before_source.empty()
              ? ""
              : web::t(locale, "effect_before_" + v.before_source) +
                    (v.before_from ? " " + span_text(k.kpi, v.before_from, v.before_to) : "")},
         {"after", number(locale, v.after)},
         {"after_note", span_text(k.kpi, v.after_from, v.after_to)},
         {"outcome", k.outcome},
         {"outcome_label", web::t(locale, "effect_outcome_" + k.outcome)},
         {"signal", k.signal},
         {"signal_label", web::t(locale, "report_kpi_status_" + k.signal)}});
  }
  return out;
}

json benefits_view(const CategoryEffect& c, const std::string& locale) {
  json out = json::array();
  for (const auto& b : c.benefits)
    out.push_back({{"project", b.project.title},
                   {"municipality", b.project.municipality},
                   {"title", b.title},
                   {"status", b.status},
                   {"status_label", web::t(locale, "benefit_status_" + b.status)},
                   {"judged_on", b.judged_on.value_or("")}});
  return out;
}

json surveys_view(const EffectReport& report, const std::string& locale) {
  json out = json::array();
  for (const auto& s : report.surveys) {
    json row = {{"project", s.project.title},
                {"municipality", s.project.municipality},
                {"survey", s.survey_title},
                {"scale", projects::localized(s.scale_name, locale)},
                {"baseline", index_text(s.baseline, locale)},
                {"baseline_round", s.baseline ? s.baseline->round_label : ""},
                {"latest", index_text(s.latest, locale)},
                {"latest_round", s.latest ? s.latest->round_label : ""},
                {"change", "–"},
                {"beyond_chance", false}};
    if (s.change) {
      row["change"] = (s.change->difference > 0 ? "+" : "") +
                      web::format_number(locale, s.change->difference, 1);
      row["beyond_chance"] = s.change->beyond_chance;
      row["change_note"] = web::t(locale, s.change->beyond_chance ? "effect_change_beyond_chance"
                                                                  : "effect_change_within_chance");
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace

json report_json(const Programme& programme, const EffectReport& report, const std::string& today) {
  json categories = json::array();
  for (const auto& c : report.categories) {
    json kpis = json::array();
    for (const auto& k : c.kpis) {
      const auto& v = k.values;
      kpis.push_back({{"project", project_json(k.project)},
                      {"kpi_id", k.kpi.id},
                      {"name", k.kpi.name},
                      {"unit", k.kpi.unit},
                      {"direction", k.kpi.direction},
                      {"level", k.kpi.level},
                      {"before", optional_number(v.before)},
                      {"before_source", v.before_source.empty() ? json() : json(v.before_source)},
                      {"before_period", span_json(k.kpi, v.before_from, v.before_to)},
                      {"after", optional_number(v.after)},
                      {"after_period", span_json(k.kpi, v.after_from, v.after_to)},
                      {"after_points", v.after_points},
                      {"outcome", k.outcome},
                      {"signal", k.signal}});
    }
    json items = json::array();
    for (const auto& b : c.benefits)
      items.push_back({{"project", project_json(b.project)},
                       {"title", b.title},
                       {"status", b.status},
                       {"realisation", b.realisation},
                       {"judged_on", b.judged_on ? json(*b.judged_on) : json()}});
    categories.push_back({{"category", c.category},
                          {"outcomes", counts_json(c.outcomes)},
                          {"kpis", kpis},
                          {"benefits", {{"statuses", counts_json(c.statuses)}, {"items", items}}}});
  }
  json surveys = json::array();
  for (const auto& s : report.surveys) {
    json change = nullptr;
    if (s.change)
      change = {{"difference", s.change->difference}, {"beyond_chance", s.change->beyond_chance}};
    surveys.push_back({{"project", project_json(s.project)},
                       {"survey", s.survey_title},
                       {"scale", {{"key", s.scale_key}, {"name", s.scale_name}}},
                       {"baseline", index_json(s.baseline)},
                       {"latest", index_json(s.latest)},
                       {"change", change}});
  }
  json summary_kpis = json::object();
  for (const auto& c : report.categories) summary_kpis[c.category] = counts_json(c.outcomes);
  return {{"programme",
           {{"id", programme.id},
            {"title", programme.title},
            {"owner", {{"id", programme.tenant_id}, {"name", programme.owner_name}}}}},
          {"generated_on", today},
          {"period",
           {{"from", report.from ? json(*report.from) : json()},
            {"to", report.to ? json(*report.to) : json()}}},
          {"summary",
           {{"projects", report.projects},
            {"municipalities", report.municipalities},
            {"kpis", summary_kpis},
            {"benefits", {{"total", report.benefits}, {"realised", report.realised}}},
            {"survey_scales", report.surveys.size()}}},
          {"phases", phases_json(report.phases)},
          {"categories", categories},
          {"surveys", surveys},
          {"clusters", groups_json(report.clusters)},
          {"tracks", groups_json(report.tracks)}};
}

json summary_view(const Programme& programme, const EffectReport& report,
                  const std::string& locale) {
  auto table = [&](const char* name, json rows, const char* heading = "") {
    return web::render_template(
        std::string("programmes/effect_") + name + "_table",
        {{"lang", locale}, {"heading", *heading ? web::t(locale, heading) : ""}, {"rows", rows}});
  };
  return {{"lang", locale},
          {"programme_id", programme.id},
          {"projects", report.projects},
          {"municipalities", report.municipalities},
          {"benefits", report.benefits},
          {"realised", report.realised},
          {"summary_table", table("summary", summary_categories(report, locale))},
          {"phases_table", table("phases", phases_view(report.phases, locale))},
          {"has_phases", !report.phases.empty()},
          {"clusters_table",
           table("groups", groups_view(report.clusters, locale), "programme_cluster")},
          {"has_clusters", !report.clusters.empty()},
          {"tracks_table", table("groups", groups_view(report.tracks, locale), "programme_track")},
          {"has_tracks", !report.tracks.empty()},
          {"surveys_table", table("surveys", surveys_view(report, locale))},
          {"has_surveys", !report.surveys.empty()}};
}

json report_view(const Programme& programme, const EffectReport& report, const std::string& locale,
                 const std::string& today) {
  json view = summary_view(programme, report, locale);
  view["title"] = programme.title;
  view["owner"] = programme.owner_name;
  view["generated_on"] = today;
  view["period_from"] = report.from.value_or("–");
  view["period_to"] = report.to.value_or("–");
  json categories = json::array();
  for (const auto& c : report.categories) {
    json kpis = kpis_view(c, locale), benefits = benefits_view(c, locale);
    categories.push_back({{"key", c.category},
                          {"name", web::t(locale, "kpi_category_" + c.category)},
                          {"kpis", kpis},
                          {"has_kpis", !kpis.empty()},
                          {"benefits", benefits},
                          {"has_benefits", !benefits.empty()}});
  }
  view["detail"] = categories;
  return view;
}

}  // namespace programmes::effects
