#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace privacy {

// How a place's rows are found for one person.
enum class Match {
  kPerson,   // the column holds the person's id
  kAccount,  // the column holds the id of the person's login
  kInList,   // the column holds a JSON array of person ids
  kName,     // the column holds a copy of the person's name (no id beside it)
  kEmail,    // the column holds the person's e-mail address (a signal sent as a citizen)
  kAudit,    // audit rows: the actor, the entity, or the person's id in the changes
  kMention,  // free text that may name the person (name or address, found by a search): listed
             // for the administrator to review, never rewritten by the erasure
};

// What erasing the person does to the rows found.
enum class Erase {
  kKeep,       // a record the person took part in: it stays whole (their id names the pseudonym)
  kPseudonym,  // `set` := the pseudonym
  kClear,      // `set` := NULL
  kDelete,     // the row goes
  kByErasure,  // written by the erasure itself (the person's own row, the audit log)
};

// One place where fremdrift keeps something about a person: a table and the column that names
// them, the feature it belongs to and why it is kept. The same declaration drives the export,
// the erasure and the record of processing, so a feature that starts storing people adds one
// line to places(). Every name here is a constant of the code: the SQL made from it (places.cpp)
// never holds anything a request sent.
struct Place {
  std::string_view feature;  // the src/ folder
  std::string_view table;
  std::string_view column;  // the column that names the person
  std::string_view shown;   // the columns exported, comma-separated (never hashes or secrets)
  Match match = Match::kPerson;
  Erase erase = Erase::kKeep;
  std::string_view set;      // the column kPseudonym / kClear write (default: `column`)
  std::string_view purpose;  // catalogue key suffix: privacy_purpose_<purpose>
  std::string_view kept;     // catalogue key suffix: privacy_kept_<kept>
  std::string_view data;     // catalogue key suffix: privacy_data_<data> (what kind of data)
};

const std::vector<Place>& places();

// Catalogue keys of a place's heading (privacy_place_<table>_<column>) and of a shown column's
// label (privacy_col_<column>), so the export page reads as text rather than as the schema.
std::string place_key(const Place& p);
std::string column_key(std::string_view column);

// The statements made from a place (identifiers from the declaration, values bound).
// kMention selects the shown columns and then the text column itself, bound to :name_like,
// :name_lower, :email_like and :login_like (LIKE patterns); the caller confirms each row with
// mention_excerpt, so both engines list the same rows.
std::string select_sql(const Place& p);
std::string erase_sql(const Place& p);  // empty for kKeep and kOwnProfile

// "Slettet person 4F2A": the label in the tenant's language and four hex digits that stay the
// same for the same person, so two erased people in one list can be told apart.
std::string pseudonym(std::string_view label, std::string_view person_id);

// Every text value of `value` (audit changes: {"field":{"before":…,"after":…}}) with each
// occurrence of a `from` replaced by `to`; keys are field names and stay. Empty `from`s and
// ones shorter than three characters are ignored: they would match inside ordinary words.
struct Replacement {
  std::string from;
  std::string to;
  bool any_case = false;  // e-mail addresses: "Lone@X.dk" is the same address (ASCII case)
};
nlohmann::json replace_texts(const nlohmann::json& value, const std::vector<Replacement>& with);

// The words around the first place in `text` where one of `names` occurs (ASCII case ignored
// when `any_case`; `to` unused), `around` bytes each side cut at character boundaries, with
// "…" where the text goes on; nullopt when none occurs. Names under three characters count
// for nothing, as in replace_texts.
std::optional<std::string> mention_excerpt(std::string_view text,
                                           const std::vector<Replacement>& names,
                                           std::size_t around = 60);

// Audit changes of the person's own row or login: the contact fields' before and after become
// null whatever they held (a title or an old address need not contain the current one).
nlohmann::json clear_fields(nlohmann::json changes, const std::vector<std::string>& fields);

// The record of processing (art. 30): per feature, the kinds of data, the purposes and how long
// they are kept, in the declared order, each key once.
struct Activity {
  std::string feature;
  std::vector<std::string> tables;
  std::vector<std::string> data;
  std::vector<std::string> purposes;
  std::vector<std::string> kept;
};
std::vector<Activity> activities();

}  // namespace privacy
