#include "app/translations.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace vsk::app {

Translations Translations::load(const std::string& dir, const std::vector<std::string>& locales) {
  Translations t;
  for (const std::string& locale : locales) {
    const std::string path = dir + "/" + locale + ".json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read translation file " + path);
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error("bad JSON in " + path + ": " + e.what());
    }
    if (!j.is_object()) throw std::runtime_error(path + " must hold one JSON object of key -> text");
    auto& table = t.tables_[locale];
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!it.value().is_string()) throw std::runtime_error(path + ": value of '" + it.key() + "' is not text");
      table[it.key()] = it.value().get<std::string>();
    }
  }
  return t;
}

std::string Translations::text(const std::string& locale, const std::string& key) const {
  auto table = tables_.find(locale);
  if (table != tables_.end()) {
    auto it = table->second.find(key);
    if (it != table->second.end()) return it->second;
  }
  return "[[" + key + "]]";
}

std::string Translations::format(const std::string& locale, const core::Message& msg) const {
  // An argument that is itself a key (a status, an action) is shown translated.
  auto args = msg.args;
  for (auto& [name, value] : args)
    if (has(locale, value)) value = text(locale, value);
  return fill_placeholders(text(locale, msg.key), args);
}

std::vector<std::string> Translations::locales() const {
  std::vector<std::string> out;
  for (const auto& [locale, table] : tables_) out.push_back(locale);
  return out;
}

std::vector<std::string> Translations::keys(const std::string& locale) const {
  std::vector<std::string> out;
  auto table = tables_.find(locale);
  if (table == tables_.end()) return out;
  for (const auto& [key, value] : table->second) out.push_back(key);
  return out;
}

bool Translations::has(const std::string& locale, const std::string& key) const {
  auto table = tables_.find(locale);
  return table != tables_.end() && table->second.count(key) > 0;
}

std::string Translations::all_text() const {
  std::string out;
  for (const auto& [locale, table] : tables_)
    for (const auto& [key, value] : table) out += value;
  return out;
}

std::string fill_placeholders(std::string text, const std::vector<std::pair<std::string, std::string>>& args) {
  for (const auto& [name, value] : args) {
    const std::string token = "{" + name + "}";
    for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size()))
      text.replace(pos, token.size(), value);
  }
  return text;
}

}  // namespace vsk::app
