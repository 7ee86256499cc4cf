#include "app/catalog_loader.h"

#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/json_nesting.h"

namespace vsk::app {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error((path.empty() ? std::string("catalog") : path) + ": " + what);
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// One JSON object together with its path, so every error can say where it is.
class Obj {
 public:
  Obj(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) fail(path_, "expected an object {...}");
  }

  const std::string& path() const { return path_; }
  std::string at(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  // A misspelt key ("promise_days") would otherwise be ignored silently and its default used.
  void allow_only(const std::vector<std::string>& keys) const {
    const std::set<std::string> allowed(keys.begin(), keys.end());
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!allowed.count(it.key())) fail(at(it.key()), "unknown key (allowed here: " + join(keys, ", ") + ")");
  }

  bool has(const std::string& key) const { return j_.contains(key); }

  const json& get(const std::string& key) const {
    if (!has(key)) fail(at(key), "missing");
    return j_.at(key);
  }

  std::string str(const std::string& key) const {
    const json& v = get(key);
    if (!v.is_string()) fail(at(key), "expected text in quotes");
    return v.get<std::string>();
  }

  bool flag(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    const json& v = j_.at(key);
    if (!v.is_boolean()) fail(at(key), "expected true or false");
    return v.get<bool>();
  }

  std::int64_t integer(const std::string& key) const {
    const json& v = get(key);
    const bool fits = v.is_number_integer() &&
                      (!v.is_number_unsigned() ||
                       v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    if (!fits) fail(at(key), "expected a whole number");
    return v.get<std::int64_t>();
  }

  int small_integer(const std::string& key, int fallback) const {
    if (!has(key)) return fallback;
    const std::int64_t v = integer(key);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) fail(at(key), "number too large");
    return static_cast<int>(v);
  }

  // Calls fn(element, "key[i]") for each element of an array; an absent optional key is empty.
  template <typename Fn>
  void each(const std::string& key, bool required, Fn fn) const {
    if (!has(key)) {
      if (required) fail(at(key), "missing");
      return;
    }
    const json& v = j_.at(key);
    if (!v.is_array()) fail(at(key), "expected a list [...]");
    for (std::size_t i = 0; i < v.size(); ++i) fn(v[i], at(key) + "[" + std::to_string(i) + "]");
  }

 private:
  const json& j_;
  std::string path_;
};

// {"zh": "...", "en": "..."}
core::LocalText read_text(const json& j, const std::string& path) {
  const Obj o(j, path);
  o.allow_only({"zh", "en"});
  return {o.str("zh"), o.str("en")};
}

core::LocalText text_at(const Obj& o, const std::string& key) { return read_text(o.get(key), o.at(key)); }

std::vector<core::LocalText> texts_at(const Obj& o, const std::string& key) {
  std::vector<core::LocalText> out;
  o.each(key, false, [&](const json& j, const std::string& p) { out.push_back(read_text(j, p)); });
  return out;
}

// Looks `value` up in a name table; the error lists what would have been accepted.
template <typename T>
T enum_at(const Obj& o, const std::string& key, const std::vector<std::pair<std::string, T>>& table,
          const std::string& what) {
  const std::string value = o.str(key);
  std::vector<std::string> names;
  for (const auto& [name, v] : table) {
    if (name == value) return v;
    names.push_back(name);
  }
  fail(o.at(key), "unknown " + what + " '" + value + "' (expected " + join(names, ", ") + ")");
}

const std::vector<std::pair<std::string, core::FieldType>> kFieldTypes = {
    {"choice", core::FieldType::kChoice}, {"number", core::FieldType::kNumber}, {"date", core::FieldType::kDate},
    {"phone", core::FieldType::kPhone},   {"text", core::FieldType::kShortText}, {"yes_no", core::FieldType::kYesNo}};

const std::vector<std::pair<std::string, core::DateRule>> kDateRules = {
    {"any", core::DateRule::kAny},
    {"past_or_today", core::DateRule::kPastOrToday},
    {"today_or_future", core::DateRule::kTodayOrFuture}};

const std::vector<std::pair<std::string, core::HandlingLevel>> kLevels = {
    {"village", core::HandlingLevel::kVillage}, {"township", core::HandlingLevel::kTownship}};

// The keys a field may have depend on its type, so "choices" on a number field is caught.
std::vector<std::string> field_keys(core::FieldType type) {
  std::vector<std::string> keys = {"id", "type", "label", "required"};
  switch (type) {
    case core::FieldType::kChoice: keys.push_back("choices"); break;
    case core::FieldType::kNumber: keys.insert(keys.end(), {"min", "max", "unit"}); break;
    case core::FieldType::kDate: keys.push_back("date_rule"); break;
    case core::FieldType::kShortText: keys.insert(keys.end(), {"max_length", "phrases"}); break;
    case core::FieldType::kPhone:
    case core::FieldType::kYesNo: break;
  }
  return keys;
}

// {"id": "...", "zh": "...", "en": "..."}: flat, because choices and categories are short.
template <typename T>
T read_labelled(const json& j, const std::string& path) {
  const Obj o(j, path);
  o.allow_only({"id", "zh", "en"});
  return T{o.str("id"), {o.str("zh"), o.str("en")}};
}

void read_type_specific(const Obj& o, core::FormField& f) {
  switch (f.type) {
    case core::FieldType::kChoice:
      o.each("choices", true,
             [&](const json& j, const std::string& p) { f.choices.push_back(read_labelled<core::Choice>(j, p)); });
      break;
    case core::FieldType::kNumber:
      f.min = o.integer("min");
      f.max = o.integer("max");
      if (o.has("unit")) f.unit = text_at(o, "unit");
      break;
    case core::FieldType::kDate:
      if (o.has("date_rule")) f.date_rule = enum_at(o, "date_rule", kDateRules, "date rule");
      break;
    case core::FieldType::kShortText:
      f.max_length = o.small_integer("max_length", f.max_length);
      f.phrases = texts_at(o, "phrases");
      break;
    case core::FieldType::kPhone:
    case core::FieldType::kYesNo: break;
  }
}

core::FormField read_field(const json& j, const std::string& path) {
  const Obj o(j, path);
  core::FormField f;
  f.type = enum_at(o, "type", kFieldTypes, "type");
  o.allow_only(field_keys(f.type));
  f.id = o.str("id");
  f.label = text_at(o, "label");
  f.required = o.flag("required", f.required);
  read_type_specific(o, f);
  return f;
}

core::Service read_service(const json& j, const std::string& path) {
  const Obj o(j, path);
  o.allow_only({"id", "category", "name", "summary", "materials", "level", "department", "promised_days", "on_behalf",
                "anonymous_allowed", "rewarded", "fields"});
  core::Service s;
  s.id = o.str("id");
  s.category = o.str("category");
  s.name = text_at(o, "name");
  s.summary = text_at(o, "summary");
  s.materials = texts_at(o, "materials");
  s.level = enum_at(o, "level", kLevels, "level");
  s.department = text_at(o, "department");
  s.promised_days = o.small_integer("promised_days", s.promised_days);
  s.on_behalf = o.flag("on_behalf", s.on_behalf);
  s.anonymous_allowed = o.flag("anonymous_allowed", s.anonymous_allowed);
  s.rewarded = o.flag("rewarded", s.rewarded);
  o.each("fields", true, [&](const json& f, const std::string& p) { s.fields.push_back(read_field(f, p)); });
  return s;
}

core::Catalog read_catalog(const json& j) {
  const Obj o(j, "");
  o.allow_only({"version", "categories", "services"});
  core::Catalog c;
  if (!o.has("version")) fail("version", "missing");
  c.version = o.small_integer("version", 0);
  o.each("categories", true,
         [&](const json& e, const std::string& p) { c.categories.push_back(read_labelled<core::Category>(e, p)); });
  o.each("services", true, [&](const json& e, const std::string& p) { c.services.push_back(read_service(e, p)); });
  return c;
}

// nlohmann keeps the last of two equal keys without a word; in a hand-edited file that is
// almost always a copy-paste mistake, so refuse it.
json parse_rejecting_duplicate_keys(const std::string& text) {
  if (!core::json_nesting_within(text))
    throw std::runtime_error("invalid JSON: nested deeper than " + std::to_string(core::kMaxJsonNesting) + " levels");
  std::vector<std::set<std::string>> open_objects;
  const json::parser_callback_t cb = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) open_objects.emplace_back();
    if (event == json::parse_event_t::object_end) open_objects.pop_back();
    if (event == json::parse_event_t::key && !open_objects.back().insert(parsed.get<std::string>()).second)
      throw std::runtime_error("duplicate key '" + parsed.get<std::string>() + "'");
    return true;
  };
  try {
    return json::parse(text, cb);
  } catch (const json::exception& e) {  // also out_of_range: a number like 1e400
    throw std::runtime_error(std::string("invalid JSON: ") + e.what());
  }
}

}  // namespace

core::Catalog parse_catalog(const std::string& json_text) {
  core::Catalog c = read_catalog(parse_rejecting_duplicate_keys(json_text));
  const std::vector<std::string> problems = core::check_catalog(c);
  if (!problems.empty()) throw std::runtime_error("catalog problems: " + join(problems, "; "));
  return c;
}

core::Catalog load_catalog(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read service catalog");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_catalog(text.str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace vsk::app
