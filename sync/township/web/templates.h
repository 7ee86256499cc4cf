// The dashboard's HTML: mustache templates (kainjow's, Debian libkainjow-mustache-dev) from
// assets/web/templates, loaded and checked once at start-up. {{...}} escapes HTML, so data
// from villages can never become markup; only the rendered page body goes in {{{body}}}.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <kainjow/mustache.hpp>

namespace vsk::township::web {

using Data = kainjow::mustache::data;

class Templates {
 public:
  // Loads every NAME.mustache in `dir`; throws std::runtime_error on one that does not parse.
  explicit Templates(const std::string& dir);
  // Renders `name` with `data`; throws std::runtime_error for an unknown template.
  // `shared` (e.g. the page's words) is looked up beneath `data` without being copied into it.
  std::string render(const std::string& name, const Data& data, const Data* shared = nullptr) const;

 private:
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> templates_;
};

// A list for mustache's sections.
inline Data list() { return Data(Data::type::list); }
// kainjow treats "" as true in {{#section}}: an empty text becomes false, so the section
// (its label and all) is left out.
inline Data text_or_false(const std::string& s) { return s.empty() ? Data(false) : Data(s); }

}  // namespace vsk::township::web
