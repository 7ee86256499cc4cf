#include "app/points_rules_loader.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/json_nesting.h"
#include "core/points_limits.h"

namespace vsk::app {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error((path.empty() ? std::string("rules") : path) + ": " + what);
}

std::string at(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

const json& object(const json& j, const std::string& path, const std::set<std::string>& allowed) {
  if (!j.is_object()) fail(path, "expected an object {...}");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!allowed.count(it.key())) fail(at(path, it.key()), "unknown key");
  return j;
}

const json& get(const json& j, const std::string& path, const std::string& key) {
  if (!j.contains(key)) fail(at(path, key), "missing");
  return j.at(key);
}

std::string str(const json& j, const std::string& path, const std::string& key) {
  const json& v = get(j, path, key);
  if (!v.is_string() || v.get<std::string>().empty()) fail(at(path, key), "expected non-empty text in quotes");
  return v.get<std::string>();
}

int integer(const json& j, const std::string& path, const std::string& key) {
  const json& v = get(j, path, key);
  if (!v.is_number_integer() || v.get<std::int64_t>() < -core::kMaxPointsDelta || v.get<std::int64_t>() > core::kMaxPointsDelta)
    fail(at(path, key), "expected a whole number between -" + std::to_string(core::kMaxPointsDelta) + " and " +
                            std::to_string(core::kMaxPointsDelta));
  return v.get<int>();
}

const json& array(const json& j, const std::string& path, const std::string& key) {
  const json& v = get(j, path, key);
  if (!v.is_array()) fail(at(path, key), "expected a list [...]");
  return v;
}

}  // namespace

core::PointsRules parse_points_rules(const std::string& json_text) {
  json root;
  if (!core::json_nesting_within(json_text))
    fail("", "not valid JSON: nested deeper than " + std::to_string(core::kMaxJsonNesting) + " levels");
  try {
    root = json::parse(json_text);
  } catch (const json::exception& e) {  // also out_of_range: a number like 1e400
    fail("", std::string("not valid JSON: ") + e.what());
  }
  object(root, "", {"version", "categories", "rules"});
  if (integer(root, "", "version") != 1) fail("version", "unsupported version (expected 1)");
  core::PointsRules out;
  std::set<std::string> cats;
  const json& categories = array(root, "", "categories");
  for (std::size_t i = 0; i < categories.size(); ++i) {
    const std::string p = "categories[" + std::to_string(i) + "]";
    const json& c = object(categories[i], p, {"id", "zh-CN", "en"});
    core::PointsCategory cat{str(c, p, "id"), str(c, p, "zh-CN"), str(c, p, "en")};
    if (!cats.insert(cat.id).second) fail(at(p, "id"), "duplicate category id '" + cat.id + "'");
    out.categories.push_back(cat);
  }
  std::set<std::string> ids;
  const json& rules = array(root, "", "rules");
  if (rules.empty()) fail("rules", "no rules");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string p = "rules[" + std::to_string(i) + "]";
    const json& r = object(rules[i], p, {"id", "category", "name", "points", "applies_to", "evidence", "max_per_month"});
    core::PointsRule rule;
    rule.id = str(r, p, "id");
    if (!ids.insert(rule.id).second) fail(at(p, "id"), "duplicate rule id '" + rule.id + "'");
    rule.category = str(r, p, "category");
    if (!cats.count(rule.category)) fail(at(p, "category"), "unknown category '" + rule.category + "'");
    const std::string np = at(p, "name");
    const json& name = object(get(r, p, "name"), np, {"zh-CN", "en"});
    rule.name_zh = str(name, np, "zh-CN");
    rule.name_en = str(name, np, "en");
    rule.points = integer(r, p, "points");
    if (rule.points == 0) fail(at(p, "points"), "a rule must add or deduct points (not 0)");
    const std::string applies = str(r, p, "applies_to");
    if (applies == "person")
      rule.applies_to = core::PointsSubject::kPerson;
    else if (applies == "household")
      rule.applies_to = core::PointsSubject::kHousehold;
    else
      fail(at(p, "applies_to"), "unknown value '" + applies + "' (expected person, household)");
    rule.evidence = str(r, p, "evidence");
    rule.max_per_month = r.contains("max_per_month") ? integer(r, p, "max_per_month") : 0;
    if (rule.max_per_month < 0) fail(at(p, "max_per_month"), "must be 0 (no limit) or more");
    out.rules.push_back(rule);
  }
  return out;
}

core::PointsRules load_points_rules(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the points rules");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_points_rules(text.str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace vsk::app
