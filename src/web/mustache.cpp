#include "web/mustache.hpp"

#include <stdexcept>
#include <utility>

#include "core/markup.hpp"
#include "web/i18n.hpp"

namespace web {
namespace {

using Kind = Template::Node::Kind;
using nlohmann::json;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// "project.title" → {"project", "title"}; "." → {} (the top of the context).
std::vector<std::string> split_name(std::string_view name) {
  std::vector<std::string> parts;
  if (name == ".") return parts;
  std::size_t start = 0;
  for (std::size_t dot = name.find('.'); dot != std::string_view::npos;
       dot = name.find('.', start)) {
    parts.emplace_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  parts.emplace_back(name.substr(start));
  return parts;
}

std::invalid_argument parse_error(const std::string& what, std::size_t at) {
  return std::invalid_argument(what + " at " + std::to_string(at));
}

class Parser {
 public:
  explicit Parser(std::string_view in) : in_(in) { open_.push_back({&root_, "", 0}); }

  std::vector<Template::Node> parse() {
    while (pos_ < in_.size()) {
      if (in_.compare(pos_, 2, "{{") == 0) {
        flush_text();
        tag();
      } else if (in_[pos_] == '\r' || in_[pos_] == '\n') {
        flush_text();
        std::size_t length = in_.compare(pos_, 2, "\r\n") == 0 ? 2 : 1;
        add({.kind = Kind::kNewline, .text = std::string(in_.substr(pos_, length))});
        pos_ += length;
      } else {
        text_.push_back(in_[pos_++]);
      }
    }
    flush_text();
    if (open_.size() > 1)
      throw parse_error("unclosed section \"" + open_.back().name + "\"", open_.back().at);
    return std::move(root_);
  }

 private:
  struct Open {
    std::vector<Template::Node>* children;
    std::string name;
    std::size_t at;
  };

  void add(Template::Node node) { open_.back().children->push_back(std::move(node)); }

  void flush_text() {
    if (text_.empty()) return;
    add({.kind = Kind::kText, .text = std::move(text_)});
    text_.clear();
  }

  void tag() {
    const std::size_t at = pos_;
    const bool triple = pos_ + 2 < in_.size() && in_[pos_ + 2] == '{';
    const std::size_t start = pos_ + (triple ? 3 : 2);
    const std::string_view close = triple ? "}}}" : "}}";
    const std::size_t end = in_.find(close, start);
    if (end == std::string_view::npos) throw parse_error("unclosed tag", at);
    const std::string_view contents = trim(in_.substr(start, end - start));
    pos_ = end + close.size();
    if (triple) return add({.kind = Kind::kRaw, .name = split_name(contents)});
    const char sigil = contents.empty() ? ' ' : contents.front();
    const std::string_view name = trim(contents.empty() ? contents : contents.substr(1));
    switch (sigil) {
      case '#':
      case '^':
        add({.kind = sigil == '#' ? Kind::kSection : Kind::kInverted, .name = split_name(name)});
        open_.push_back({&open_.back().children->back().children, std::string(name), at});
        return;
      case '/':
        if (open_.size() == 1 || open_.back().name != name)
          throw parse_error("unexpected end of section \"" + std::string(name) + "\"", at);
        open_.pop_back();
        return;
      case '&':
        return add({.kind = Kind::kRaw, .name = split_name(name)});
      case '!':
        return;
      case '>':
      case '=':
        throw parse_error("partials and set-delimiter tags are not supported", at);
      default:
        return add({.kind = Kind::kVariable, .name = split_name(contents)});
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string text_;
  std::vector<Template::Node> root_;
  std::vector<Open> open_;
};

bool shows_nothing_in_section(const json* value) {
  return value == nullptr || value->is_null() || (value->is_boolean() && !value->get<bool>()) ||
         (value->is_array() && value->empty());
}

class Renderer {
 public:
  Renderer(const std::vector<const json*>& context, const std::string& locale)
      : stack_(context), locale_(locale) {}

  std::string finish() {
    end_line();
    return std::move(out_);
  }

  void render(const std::vector<Template::Node>& nodes) {
    for (const auto& node : nodes) {
      switch (node.kind) {
        case Kind::kText:
          out_ += node.text;
          break;
        case Kind::kNewline:
          end_line();
          if (!dropped_) out_ += node.text;
          line_start_ = out_.size();
          break;
        case Kind::kVariable:
        case Kind::kRaw:
          show(lookup(node.name), node.kind == Kind::kVariable);
          break;
        case Kind::kSection:
          section(node);
          break;
        case Kind::kInverted:
          inverted(node);
          break;
      }
    }
  }

 private:
  const json* lookup(const std::vector<std::string>& name) const {
    if (name.empty()) return stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const json* value = *it;
      for (const auto& part : name) {
        auto found = value->is_object() ? value->find(part) : value->end();
        value = value->is_object() && found != value->end() ? &*found : nullptr;
        if (value == nullptr) break;
      }
      if (value != nullptr) return value;
    }
    return nullptr;
  }

  void show(const json* value, bool escaped) {
    if (value == nullptr) return;
    if (value->is_string()) {
      const auto& s = value->get_ref<const std::string&>();
      if (escaped) {
        core::append_escaped(out_, s);
      } else {
        out_ += s;
      }
    } else if (value->is_number_float() && !locale_.empty()) {
      core::append_escaped(out_, format_number(locale_, value->get<double>(), 6));
    } else if (value->is_number()) {
      out_ += value->dump();
    }
  }

  void with_on_top(const json* value, const std::vector<Template::Node>& children) {
    had_section_ = true;
    stack_.push_back(value);
    render(children);
    stack_.pop_back();
    had_section_ = true;
  }

  void section(const Template::Node& node) {
    const json* value = lookup(node.name);
    if (shows_nothing_in_section(value)) return;
    if (value->is_array()) {
      for (const auto& item : *value) with_on_top(&item, node.children);
    } else {
      with_on_top(value, node.children);
    }
  }

  void inverted(const Template::Node& node) {
    const json* value = lookup(node.name);
    if (!shows_nothing_in_section(value)) return;
    if (value != nullptr) return with_on_top(value, node.children);
    had_section_ = true;
    render(node.children);
    had_section_ = true;
  }

  // A line that held a rendered section and is left blank goes, with its line break.
  void end_line() {
    dropped_ = had_section_ && out_.find_first_not_of(" \t", line_start_) == std::string::npos;
    if (dropped_) out_.resize(line_start_);
    had_section_ = false;
  }

  std::vector<const json*> stack_;
  const std::string& locale_;
  std::string out_;
  std::size_t line_start_ = 0;
  bool had_section_ = false;
  bool dropped_ = false;
};

}  // namespace

Template::Template(std::string_view text) : nodes_(Parser(text).parse()) {}

std::string Template::render(const std::vector<const json*>& context,
                             const std::string& locale) const {
  Renderer renderer(context, locale);
  renderer.render(nodes_);
  return renderer.finish();
}

}  // namespace web
