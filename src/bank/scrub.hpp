#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bank {

// What must not leave the publishing tenant: its people's names and addresses and the ids
// of its people, units, projects and the tenant itself.
struct Sensitive {
  struct Person {
    std::string name;
    std::optional<std::string> email;
  };
  std::vector<Person> people;
  std::vector<std::string> ids;
};

// Replaces what is personal in free text and in BPMN maps before anything is published
// (issue 18: "nothing personal crosses"). Names are found as words, whatever their case: a
// person's whole name, and each part of it of three letters or more alone (the first name
// in "Mette sagde …"), shorter parts only beside another part. Any e-mail address, any
// CPR-like number and any ULID-shaped or known id is replaced too, whoever it belongs to.
class Scrubber {
 public:
  explicit Scrubber(const Sensitive& sensitive);

  std::string text(std::string_view in) const;
  // The map with every text scrubbed, comments and the lanes' unit ids (fremdrift:unitId)
  // and other tools' person attributes (assignee, candidate users …) removed, and every
  // element id renumbered by its kind ("Lane_3") with the references following, so the map
  // still opens but no id a tool built from a unit or a name crosses. ValidationError
  // (field "bpmn") when the XML does not parse.
  std::string bpmn(const std::string& xml) const;

  static constexpr std::string_view kPerson = "[person]";
  static constexpr std::string_view kEmail = "[e-mail]";
  static constexpr std::string_view kId = "[id]";
  static constexpr std::string_view kNumber = "[cpr]";

 private:
  std::set<std::string, std::less<>> long_parts_;   // folded, ≥ 3 letters
  std::set<std::string, std::less<>> short_parts_;  // folded, < 3 letters
  // Names of several parts by their first part, folded.
  std::map<std::string, std::vector<std::vector<std::string>>, std::less<>> whole_names_;
  std::vector<std::string> ids_;
};

}  // namespace bank
