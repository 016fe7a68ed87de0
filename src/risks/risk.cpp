#include "risks/risk.hpp"

namespace risks {
namespace {

using nlohmann::json;

// A score 1–5 that may be left out: null, absent or "" (an empty form field) clears it.
kit::Fields<Risk>& optional_scale(kit::Fields<Risk>& f, const std::string& key,
                                  std::optional<long long> Risk::*member) {
  return f.custom(
      key,
      {{"type", {"integer", "null"}},
       {"minimum", 1},
       {"maximum", kScale},
       {"description", "after mitigation; give both of the pair or neither"}},
      [key, member](core::Input& in, Risk& r) { r.*member = in.optional_int(key, 1, kScale); },
      [key, member](const Risk& r, json& out) {
        out[key] = r.*member ? json(*(r.*member)) : json();
      });
}

json linked_schema() {
  json item = {{"type", "object"},
               {"properties",
                {{"source", {{"enum", {"mitigation", "occurred"}}}},
                 {"text", {{"type", "string"}}},
                 {"action_id", {{"type", "string"}}}}}};
  return {
      {"type", "array"}, {"description", "action-plan rows raised from the risk"}, {"items", item}};
}

void check_risk(const Risk& r, core::Input& in) {
  if (r.probability_after.has_value() != r.consequence_after.has_value())
    in.fail(r.probability_after ? "consequence_after" : "probability_after",
            core::Message{"risk_err_after_pair"});
  if (r.status == "occurred" && (!r.what_now || r.what_now->empty()))
    in.fail("what_now", core::Message{"risk_err_what_now"});
}

}  // namespace

const kit::Fields<Risk>& risk_fields() {
  static const kit::Fields<Risk> fields = [] {
    kit::Fields<Risk> f;
    f.id(&Risk::id)
        .parent(&Risk::project_id)
        .text("title", &Risk::title, {.required = true, .max = kTitleMax})
        .text("description", &Risk::description, {.max = kTextMax})
        .text("cause", &Risk::cause, {.max = kTextMax})
        .text("consequence_text", &Risk::consequence_text,
              {.max = kTextMax, .describe = "what happens if the risk occurs"})
        .optional_text("owner_id", &Risk::owner_id,
                       {.max = 40, .describe = "a person of the tenant"})
        .integer("probability", &Risk::probability, 1, kScale,
                 {.required = true, .describe = "before mitigation, 1–5"})
        .integer("consequence", &Risk::consequence, 1, kScale,
                 {.required = true, .describe = "before mitigation, 1–5"});
    optional_scale(f, "probability_after", &Risk::probability_after);
    optional_scale(f, "consequence_after", &Risk::consequence_after);
    f.lines("mitigations", &Risk::mitigations, kMitigationMax, kMitigationsMax,
            {.describe = "each may become an action-plan row (POST /api/v1/risks/{id}/actions)"})
        .date("next_review", &Risk::next_review, {.describe = "YYYY-MM-DD; empty: none"})
        .choice("status", &Risk::status, kStatuses)
        .optional_text("what_now", &Risk::what_now,
                       {.max = kTextMax, .describe = "required once the risk has occurred"})
        .computed("owner_name", {{"type", {"string", "null"}}},
                  [](const Risk& r) { return r.owner_name ? json(*r.owner_name) : json(); })
        .computed("score", {{"type", "integer"}, {"description", "probability × consequence"}},
                  [](const Risk& r) { return score(r.probability, r.consequence); })
        .computed("band", {{"enum", {"low", "medium", "high"}}},
                  [](const Risk& r) { return band(score(r.probability, r.consequence), r.bands); })
        .computed("score_after", {{"type", {"integer", "null"}}},
                  [](const Risk& r) {
                    auto s = score_after(r);
                    return s ? json(*s) : json();
                  })
        .computed("band_after",
                  {{"type", {"string", "null"}}, {"enum", {"low", "medium", "high", nullptr}}},
                  [](const Risk& r) {
                    auto s = score_after(r);
                    return s ? json(band(*s, r.bands)) : json();
                  })
        .computed("review_overdue", {{"type", "boolean"}},
                  [](const Risk& r) { return review_overdue(r, r.today); })
        .computed("linked_actions", linked_schema(), [](const Risk& r) { return r.linked_actions; })
        .stamps()
        .check(check_risk);
    return f;
  }();
  return fields;
}

long long score(long long probability, long long consequence) { return probability * consequence; }

std::string band(long long s, const Bands& bands) {
  if (s <= bands.low_max) return "low";
  if (s >= bands.high_min) return "high";
  return "medium";
}

std::optional<long long> score_after(const Risk& r) {
  if (!r.probability_after || !r.consequence_after) return std::nullopt;
  return score(*r.probability_after, *r.consequence_after);
}

bool review_overdue(const Risk& r, const std::string& today) {
  return r.status == "open" && !r.next_review.empty() && !today.empty() && r.next_review < today;
}

Matrix matrix(const std::vector<Risk>& risks, bool after) {
  Matrix m;
  for (const auto& r : risks) {
    if (r.status == "closed") continue;
    bool use_after = after && score_after(r).has_value();
    long long p = use_after ? *r.probability_after : r.probability;
    long long c = use_after ? *r.consequence_after : r.consequence;
    if (p < 1 || p > kScale || c < 1 || c > kScale) continue;
    ++m.counts.at(p - 1).at(c - 1);
    ++m.total;
  }
  return m;
}

json matrix_json(const Matrix& m, const Bands& bands) {
  json cells = json::array();
  for (int p = kScale; p >= 1; --p)
    for (int c = 1; c <= kScale; ++c)
      cells.push_back({{"probability", p},
                       {"consequence", c},
                       {"score", score(p, c)},
                       {"band", band(score(p, c), bands)},
                       {"count", m.counts.at(p - 1).at(c - 1)}});
  return {{"cells", cells}, {"total", m.total}};
}

json matrices_json(const std::vector<Risk>& risks, const Bands& bands) {
  return {{"before", matrix_json(matrix(risks, false), bands)},
          {"after", matrix_json(matrix(risks, true), bands)},
          {"bands", {{"low_max", bands.low_max}, {"high_min", bands.high_min}}}};
}

}  // namespace risks
