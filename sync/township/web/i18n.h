// The dashboard's words: zh-CN first, English second, from assets/web/i18n/<lang>.json
// (flat key -> text; both files have the same keys, a test checks). "{n}" in a text is
// filled by format().
#pragma once

#include <map>
#include <string>
#include <vector>

namespace vsk::township::web {

class Translations {
 public:
  // Loads every language file in `dir`; throws std::runtime_error naming a bad file.
  explicit Translations(const std::string& dir);
  // Adds the kiosk's canned phrases (assets/i18n/<lang>.json keys starting with `prefix`,
  // e.g. "reason."): a village sends such a key, the dashboard shows its words.
  void add_phrases(const std::string& kiosk_dir, const std::string& prefix);
  // The words of a phrase key from a village, or `text` itself when it is typed text.
  const std::string& phrase(const std::string& lang, const std::string& text) const;
  // "zh-CN" unless `requested` is a loaded language.
  std::string language(const std::string& requested) const;
  // The text of `key`; the key itself when it is missing (visible, never empty).
  const std::string& text(const std::string& lang, const std::string& key) const;
  std::string format(const std::string& lang, const std::string& key, const std::string& n) const;
  const std::map<std::string, std::string>& table(const std::string& lang) const;
  std::vector<std::string> languages() const;

 private:
  std::map<std::string, std::map<std::string, std::string>> tables_;
  std::map<std::string, std::map<std::string, std::string>> phrases_;  // kept apart: not in templates
};

inline constexpr const char* kDefaultLanguage = "zh-CN";

}  // namespace vsk::township::web
