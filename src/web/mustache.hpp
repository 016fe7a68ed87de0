#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace web {

// A logic-free mustache template rendered straight from a view's JSON, so a page is not
// first copied into another tree of data (that copy and the library's walk over one
// component per whitespace character were a quarter of a project page's time, D35).
//
// The subset the templates use: {{name}} (HTML-escaped), {{{name}}} and {{&name}}
// (unescaped), {{#name}}…{{/name}} (a list repeats, any other value but false, null or an
// empty list renders once with the value on top of the context), {{^name}}…{{/name}},
// {{! comments}}, dotted names and {{.}}. Partials, lambdas and set-delimiter tags are
// refused when the template is parsed.
//
// What is shown: strings, and numbers as text — integers as written, fractions in the
// view's language ("12,5"; without a language as JSON writes them). true, false, null,
// objects and lists show nothing.
//
// Whitespace follows the mustache library the templates were written for: a line that
// held a section which rendered (or an inverted section that rendered) and is left with
// nothing but spaces and tabs is dropped with its line break.
class Template {
 public:
  // std::invalid_argument with the position on a template that cannot be parsed.
  explicit Template(std::string_view text);

  // `context` from the bottom (looked up last) to the top (looked up first);
  // `locale` writes fractions.
  std::string render(const std::vector<const nlohmann::json*>& context,
                     const std::string& locale) const;

  struct Node {
    enum class Kind { kText, kNewline, kVariable, kRaw, kSection, kInverted };
    Kind kind = Kind::kText;
    std::string text;               // kText, kNewline
    std::vector<std::string> name;  // dotted name split; empty for "."
    std::vector<Node> children;     // sections
  };

 private:
  std::vector<Node> nodes_;
};

}  // namespace web
