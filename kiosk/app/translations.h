// UI strings per language, loaded from assets/i18n/<locale>.json (flat key -> text objects).
// Text may hold {name} placeholders filled from a core::Message's arguments.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/message.h"

namespace vsk::app {

class Translations {
 public:
  // Loads every "<locale>.json" for the given locales from `dir`. Throws std::runtime_error
  // naming the file on a missing file or bad JSON.
  static Translations load(const std::string& dir, const std::vector<std::string>& locales);

  // The text for `key` in `locale`; a missing key shows as "[[key]]" so it is seen, not hidden.
  std::string text(const std::string& locale, const std::string& key) const;
  // The message's text with its {placeholders} filled; argument values that are keys are translated.
  std::string format(const std::string& locale, const core::Message& msg) const;

  std::vector<std::string> locales() const;
  std::vector<std::string> keys(const std::string& locale) const;
  bool has(const std::string& locale, const std::string& key) const;
  // Every string of every locale concatenated: what the font atlas must cover.
  std::string all_text() const;

 private:
  std::map<std::string, std::map<std::string, std::string>> tables_;
};

// Replaces each {name} in `text` with its value.
std::string fill_placeholders(std::string text, const std::vector<std::pair<std::string, std::string>>& args);

}  // namespace vsk::app
