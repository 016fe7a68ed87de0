#include "bank/scrub.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

#include <pugixml.hpp>

#include "bank/text.hpp"
#include "core/errors.hpp"

namespace bank {
namespace {

constexpr std::size_t kLongPart = 3;
constexpr std::size_t kUlidLength = 26;

struct Cut {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view with;
};

std::size_t letters(std::string_view word) {
  std::size_t n = 0;
  for (char c : word)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool is_ulid(std::string_view w) {
  if (w.size() != kUlidLength) return false;
  return std::all_of(w.begin(), w.end(), [](char c) {
    return (c >= '0' && c <= '9') ||
           (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U');
  });
}

bool all_digits(std::string_view w, std::size_t n) {
  return w.size() == n &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_address_char(char c) {
  auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || std::isalnum(b) != 0 || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-' || c == '@';
}

// E-mail addresses: the run of address characters around every '@' with text on both sides.
void find_emails(std::string_view s, std::vector<Cut>& cuts) {
  for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    std::size_t b = at, e = at + 1;
    while (b > 0 && is_address_char(s[b - 1]) && s[b - 1] != '@') --b;
    while (e < s.size() && is_address_char(s[e]) && s[e] != '@') ++e;
    while (e > at + 1 && s[e - 1] == '.') --e;  // the sentence's full stop
    if (b < at && e > at + 1) cuts.push_back({b, e, Scrubber::kEmail});
  }
}

// Merges overlapping cuts and writes the text with each replaced; neighbouring person cuts
// separated only by spaces become one.
std::string apply(std::string_view in, std::vector<Cut> cuts) {
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.begin < b.begin; });
  std::vector<Cut> merged;
  for (const auto& c : cuts) {
    if (!merged.empty()) {
      auto& last = merged.back();
      bool between_blank =
          c.begin >= last.end &&
          in.substr(last.end, c.begin - last.end).find_first_not_of(' ') == std::string_view::npos;
      if (c.begin < last.end || (between_blank && last.with == c.with)) {
        last.end = std::max(last.end, c.end);
        continue;
      }
    }
    merged.push_back(c);
  }
  std::string out;
  std::size_t at = 0;
  for (const auto& c : merged) {
    out.append(in.substr(at, c.begin - at));
    out.append(c.with);
    at = c.end;
  }
  out.append(in.substr(at));
  return out;
}

std::string_view local_of(std::string_view name) {
  auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Attributes and elements that hold element ids or references: renumbered, never scrubbed as
// text (an id a tool made from a unit's id or a person's name would cross otherwise).
constexpr std::array<std::string_view, 16> kStructural = {
    "id",           "sourceRef",     "targetRef",     "bpmnElement",      "attachedToRef",
    "processRef",   "default",       "flowNodeRef",   "incoming",         "outgoing",
    "messageRef",   "dataObjectRef", "calledElement", "categoryValueRef", "sourceElement",
    "targetElement"};
// Other tools' attributes naming people (Camunda's assignee, candidateUsers, owner …).
constexpr std::array<std::string_view, 7> kPersonAttributes = {
    "unitId", "assignee", "candidateUsers", "candidateGroups", "owner", "initiator", "performer"};

bool in(std::string_view x, auto const& list) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

}  // namespace

Scrubber::Scrubber(const Sensitive& sensitive) {
  for (const auto& p : sensitive.people) {
    std::string folded = fold(p.name);
    std::vector<std::string> parts;
    for (const auto& w : words(folded)) {
      std::string part = folded.substr(w.begin, w.end - w.begin);
      (letters(part) >= kLongPart ? long_parts_ : short_parts_).insert(part);
      parts.push_back(std::move(part));
    }
    if (parts.size() > 1) whole_names_[parts.front()].push_back(std::move(parts));
  }
  for (const auto& id : sensitive.ids)
    if (!id.empty()) ids_.push_back(id);
  // Longest first, so an id that contains another is cut whole.
  std::sort(ids_.begin(), ids_.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Scrubber::text(std::string_view in) const {
  std::vector<Cut> cuts;
  for (const auto& id : ids_)
    for (auto at = in.find(id); at != std::string_view::npos; at = in.find(id, at + id.size()))
      cuts.push_back({at, at + id.size(), kId});
  find_emails(in, cuts);
  std::string folded = fold(in);
  auto ws = words(folded);
  std::vector<bool> named(ws.size(), false);
  for (std::size_t i = 0; i < ws.size(); ++i) {
    std::string_view w(folded.data() + ws[i].begin, ws[i].end - ws[i].begin);
    std::string_view original = in.substr(ws[i].begin, ws[i].end - ws[i].begin);
    // A name in the genitive ("Mettes") is the name.
    if (long_parts_.count(w) != 0 || (w.size() > kLongPart && w.back() == 's' &&
                                      long_parts_.count(w.substr(0, w.size() - 1)) != 0))
      named[i] = true;
    if (is_ulid(original)) cuts.push_back({ws[i].begin, ws[i].end, kId});
    // A CPR number: ddmmyy-xxxx or ten digits.
    if (all_digits(w, 10)) cuts.push_back({ws[i].begin, ws[i].end, kNumber});
    if (all_digits(w, 6) && i + 1 < ws.size() && ws[i + 1].begin == ws[i].end + 1 &&
        in[ws[i].end] == '-' &&
        all_digits(
            std::string_view(folded).substr(ws[i + 1].begin, ws[i + 1].end - ws[i + 1].begin), 4))
      cuts.push_back({ws[i].begin, ws[i + 1].end, kNumber});
  }
  // A whole name, however short its parts ("Bo Li").
  for (std::size_t i = 0; i < ws.size(); ++i) {
    auto found =
        whole_names_.find(std::string_view(folded.data() + ws[i].begin, ws[i].end - ws[i].begin));
    if (found == whole_names_.end()) continue;
    for (const auto& name : found->second) {
      if (i + name.size() > ws.size()) continue;
      bool all = true;
      for (std::size_t k = 1; k < name.size() && all; ++k)
        all = std::string_view(folded.data() + ws[i + k].begin, ws[i + k].end - ws[i + k].begin) ==
              name[k];
      if (all)
        for (std::size_t k = 0; k < name.size(); ++k) named[i + k] = true;
    }
  }
  // Short parts ("Bo", "Li") only next to a longer part of a name.
  for (std::size_t i = 0; i < ws.size(); ++i) {
    std::string_view w(folded.data() + ws[i].begin, ws[i].end - ws[i].begin);
    if (named[i] || short_parts_.count(w) == 0) continue;
    if ((i > 0 && named[i - 1]) || (i + 1 < ws.size() && named[i + 1])) named[i] = true;
  }
  for (std::size_t i = 0; i < ws.size(); ++i)
    if (named[i]) cuts.push_back({ws[i].begin, ws[i].end, kPerson});
  if (cuts.empty()) return std::string(in);
  return apply(in, std::move(cuts));
}

namespace {

// Every element id of a map replaced by the element's kind and a number ("Lane_3"), and every
// reference to it by the same, so the map still opens and its lanes still pair with their
// shapes. A reference to an id the map does not define gets a number of its own.
class Renumbering {
 public:
  explicit Renumbering(pugi::xml_document& doc) {
    struct Collect : pugi::xml_tree_walker {
      Renumbering* self = nullptr;
      bool for_each(pugi::xml_node& node) override {
        if (node.type() != pugi::node_element) return true;
        if (auto id = node.attribute("id")) self->define(id.value(), local_of(node.name()));
        return true;
      }
    } collect;
    collect.self = this;
    doc.traverse(collect);
  }

  // A reference: one id, or several separated by blanks.
  std::string operator()(std::string_view refs) {
    std::string out;
    std::size_t at = 0;
    while (at < refs.size()) {
      const auto blank = refs.find_first_of(" \t\r\n", at);
      const auto end = blank == std::string_view::npos ? refs.size() : blank;
      if (end > at) {
        if (!out.empty()) out.push_back(' ');
        out += define(refs.substr(at, end - at), "Ref");
      }
      at = end + 1;
    }
    return out;
  }

 private:
  const std::string& define(std::string_view id, std::string_view kind) {
    auto found = ids_.find(id);
    if (found != ids_.end()) return found->second;
    std::string fresh(kind);
    if (!fresh.empty())
      fresh[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(fresh[0])));
    fresh += "_" + std::to_string(++count_);
    return ids_.emplace(std::string(id), std::move(fresh)).first->second;
  }

  std::map<std::string, std::string, std::less<>> ids_;
  int count_ = 0;
};

}  // namespace

std::string Scrubber::bpmn(const std::string& xml) const {
  pugi::xml_document doc;
  auto parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_declaration);
  if (!parsed) throw core::ValidationError("bpmn", parsed.description());
  Renumbering renumber(doc);
  struct Walker : pugi::xml_tree_walker {
    const Scrubber* self = nullptr;
    Renumbering* renumber = nullptr;
    bool for_each(pugi::xml_node& node) override {
      if (node.type() == pugi::node_element) {
        for (auto attr = node.first_attribute(); attr;) {
          auto next = attr.next_attribute();
          std::string_view name = attr.name();
          if (in(local_of(name), kPersonAttributes)) {
            node.remove_attribute(attr);
          } else if (in(local_of(name), kStructural)) {
            attr.set_value((*renumber)(attr.value()).c_str());
          } else if (!name.starts_with("xmlns")) {
            attr.set_value(self->text(attr.value()).c_str());
          }
          attr = next;
        }
      } else if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
        if (in(local_of(node.parent().name()), kStructural))
          node.set_value((*renumber)(node.value()).c_str());
        else
          node.set_value(self->text(node.value()).c_str());
      }
      return true;
    }
  } walker;
  walker.self = this;
  walker.renumber = &renumber;
  doc.traverse(walker);
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return out.str();
}

}  // namespace bank
