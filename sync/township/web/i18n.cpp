#include "sync/township/web/i18n.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace vsk::township::web {
namespace {

std::map<std::string, std::string> load_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  const auto j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!j.is_object()) throw std::runtime_error(path + " is not a JSON object");
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : j.items()) {
    if (!v.is_string()) throw std::runtime_error(path + ": " + k + " is not a string");
    out[k] = v.get<std::string>();
  }
  return out;
}

}  // namespace

Translations::Translations(const std::string& dir) {
  for (const char* lang : {"zh-CN", "en"}) tables_[lang] = load_table(dir + "/" + lang + ".json");
}

void Translations::add_phrases(const std::string& kiosk_dir, const std::string& prefix) {
  for (auto& [lang, table] : tables_)
    for (const auto& [k, v] : load_table(kiosk_dir + "/" + lang + ".json"))
      if (k.rfind(prefix, 0) == 0) phrases_[lang][k] = v;
}

const std::string& Translations::phrase(const std::string& lang, const std::string& text) const {
  const auto t = phrases_.find(language(lang));
  if (t == phrases_.end()) return text;
  const auto it = t->second.find(text);
  return it == t->second.end() ? text : it->second;
}

std::string Translations::language(const std::string& requested) const {
  return tables_.count(requested) ? requested : kDefaultLanguage;
}

const std::string& Translations::text(const std::string& lang, const std::string& key) const {
  const auto& t = table(lang);
  const auto it = t.find(key);
  return it == t.end() ? key : it->second;
}

std::string Translations::format(const std::string& lang, const std::string& key, const std::string& n) const {
  std::string s = text(lang, key);
  if (const auto at = s.find("{n}"); at != std::string::npos) s.replace(at, 3, n);
  return s;
}

const std::map<std::string, std::string>& Translations::table(const std::string& lang) const {
  return tables_.at(language(lang));
}

std::vector<std::string> Translations::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, table] : tables_) out.push_back(lang);
  return out;
}

}  // namespace vsk::township::web
