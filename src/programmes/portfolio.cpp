#include "programmes/portfolio.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "http/paging.hpp"
#include "http/request.hpp"

namespace programmes {
namespace {

using nlohmann::json;

inline const std::vector<std::string> kStatusOrder = {"green", "yellow", "red"};

std::string param(const std::map<std::string, std::string>& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

int status_rank(const std::string& status) {
  auto it = std::find(kStatusOrder.begin(), kStatusOrder.end(), status);
  return static_cast<int>(it - kStatusOrder.begin());
}

// Case-insensitive for ASCII letters; other bytes keep their UTF-8 order.
int compare_text(const std::string& a, const std::string& b) {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    int ca = std::tolower(static_cast<unsigned char>(a[i]));
    int cb = std::tolower(static_cast<unsigned char>(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

template <typename T>
int three_way(const T& a, const T& b) {
  if (a < b) return -1;
  return b < a ? 1 : 0;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool passes(const PortfolioRow& r, const PortfolioQuery& q) {
  if (!q.phase.empty() && r.phase_key != q.phase) return false;
  if (!q.status.empty() && r.status != q.status) return false;
  if (!q.unit.empty() && !contains(r.unit_ids, q.unit)) return false;
  if (!q.track.empty() && !contains(r.tracks, q.track)) return false;
  if (!q.programme.empty() && std::none_of(r.programmes.begin(), r.programmes.end(),
                                           [&](const auto& p) { return p.first == q.programme; })) {
    return false;
  }
  return true;
}

// The key comparison alone, ascending; 0 when the rows tie on it.
int compare_key(const PortfolioRow& a, const PortfolioRow& b, const std::string& sort) {
  if (sort == "phase") {
    int c = three_way(a.phase_index, b.phase_index);
    return c != 0 ? c : three_way(a.template_key, b.template_key);
  }
  if (sort == "status") return three_way(status_rank(a.status), status_rank(b.status));
  if (sort == "last_update") return three_way(a.last_update, b.last_update);
  if (sort == "end_date") return three_way(a.end_date.value_or(""), b.end_date.value_or(""));
  return 0;
}

}  // namespace

PortfolioQuery parse_portfolio_query(const std::map<std::string, std::string>& params) {
  PortfolioQuery q;
  std::map<std::string, std::string> errors;
  q.phase = param(params, "phase");
  if (q.phase.size() > 64) errors["phase"] = "is not a phase";
  q.status = param(params, "status");
  if (!q.status.empty() && !contains(kStatusOrder, q.status))
    errors["status"] = "must be one of: green, yellow, red";
  q.unit = param(params, "unit");
  if (!q.unit.empty() && !core::looks_like_id(q.unit)) errors["unit"] = "is not a valid id";
  q.programme = param(params, "programme");
  if (!q.programme.empty() && !core::looks_like_id(q.programme))
    errors["programme"] = "is not a valid id";
  q.track = param(params, "track");
  if (q.track.size() > 400) errors["track"] = "is not a track";
  if (auto s = param(params, "sort"); !s.empty()) {
    if (contains(kSorts, s)) {
      q.sort = s;
    } else {
      errors["sort"] = "must be one of: title, phase, status, last_update, end_date";
    }
  }
  if (auto d = param(params, "dir"); !d.empty()) {
    if (d == "asc" || d == "desc") {
      q.descending = d == "desc";
    } else {
      errors["dir"] = "must be one of: asc, desc";
    }
  }
  if (!errors.empty()) throw core::ValidationError(errors);
  return q;
}

std::vector<PortfolioRow> select_rows(std::vector<PortfolioRow> rows, const PortfolioQuery& q) {
  rows.erase(std::remove_if(rows.begin(), rows.end(),
                            [&](const PortfolioRow& r) { return !passes(r, q); }),
             rows.end());
  std::stable_sort(rows.begin(), rows.end(), [&](const PortfolioRow& a, const PortfolioRow& b) {
    if (q.sort == "end_date" && a.end_date.has_value() != b.end_date.has_value()) {
      return a.end_date.has_value();  // undated projects last, whichever the direction
    }
    int c = compare_key(a, b, q.sort);
    if (c == 0) c = compare_text(a.title, b.title);
    if (c == 0) c = three_way(a.id, b.id);
    return q.descending ? c > 0 : c < 0;
  });
  return rows;
}

std::string to_query_string(const PortfolioQuery& q) {
  std::string out;
  auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + http::url_encode(value);
  };
  add("phase", q.phase);
  add("status", q.status);
  add("unit", q.unit);
  add("track", q.track);
  add("programme", q.programme);
  if (q.sort != "title") add("sort", q.sort);
  if (q.descending) add("dir", "desc");
  return out;
}

// "p" + hex of [query, rank, key, title key, id, before]: the JSON stays private.
std::string encode_cursor(const PortfolioCursor& c) {
  const auto& p = c.place;
  json fields = {to_query_string(c.query),
                 p.rank ? json(*p.rank) : json(),
                 p.key ? json(*p.key) : json(),
                 p.title_key,
                 p.id,
                 c.before};
  return "p" + http::to_hex(fields.dump());
}

PortfolioCursor decode_cursor(const std::string& text) {
  auto bad = [] { return core::ValidationError("cursor", "is not a valid cursor"); };
  auto raw = text.empty() || text[0] != 'p' ? std::nullopt : http::from_hex(text.substr(1));
  json f = raw ? json::parse(*raw, nullptr, false) : json();
  if (!f.is_array() || f.size() != 6 || !f[0].is_string() ||
      !(f[1].is_null() || f[1].is_number_integer()) || !(f[2].is_null() || f[2].is_string()) ||
      !f[3].is_string() || !f[4].is_string() || !f[5].is_boolean() ||
      !core::looks_like_id(f[4].get<std::string>()))
    throw bad();
  PortfolioCursor c;
  try {
    c.query = parse_portfolio_query(http::parse_urlencoded(f[0].get<std::string>()));
  } catch (const core::ValidationError&) {
    throw bad();
  }
  if (!f[1].is_null()) c.place.rank = f[1].get<std::int64_t>();
  if (!f[2].is_null()) c.place.key = f[2].get<std::string>();
  c.place.title_key = f[3].get<std::string>();
  c.place.id = f[4].get<std::string>();
  c.before = f[5].get<bool>();
  return c;
}

PortfolioAsk parse_portfolio_ask(const std::map<std::string, std::string>& params) {
  PortfolioAsk ask{parse_portfolio_query(params), std::nullopt};
  auto cursor = params.find("cursor");
  if (cursor == params.end() || cursor->second.empty()) return ask;
  ask.cursor = decode_cursor(cursor->second);
  std::string named = to_query_string(ask.query);
  if (!named.empty() && named != to_query_string(ask.cursor->query))
    throw core::ValidationError("cursor", "belongs to other filters or another order");
  ask.query = ask.cursor->query;
  return ask;
}

std::string latest(const std::vector<std::optional<std::string>>& timestamps) {
  std::string out;
  for (const auto& t : timestamps) {
    if (t && *t > out) out = *t;
  }
  return out;
}

json to_json(const PortfolioRow& r) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(); };
  json programmes = json::array();
  for (const auto& [id, title] : r.programmes) programmes.push_back({{"id", id}, {"title", title}});
  return {{"id", r.id},
          {"title", r.title},
          {"template", r.template_key},
          {"phase", r.phase_key},
          {"status", r.status},
          {"status_reason", opt(r.status_reason)},
          {"start_date", opt(r.start_date)},
          {"end_date", opt(r.end_date)},
          {"last_update", r.last_update},
          {"unit_ids", r.unit_ids},
          {"units", r.unit_names},
          {"programmes", programmes},
          {"tracks", r.tracks}};
}

}  // namespace programmes
