#include "app/translations.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using vsk::app::Translations;

namespace {

Translations load() { return Translations::load(std::string(VSK_SOURCE_DIR) + "/assets/i18n", {"zh-CN", "en"}); }

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  static const std::regex re("\\{([a-z_]+)\\}");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

}  // namespace

TEST(Translations, EveryKeyExistsInBothLanguagesWithTheSamePlaceholders) {
  const Translations t = load();
  for (const std::string& key : t.keys("zh-CN")) {
    ASSERT_TRUE(t.has("en", key)) << key << " missing in en";
    EXPECT_EQ(placeholders(t.text("zh-CN", key)), placeholders(t.text("en", key))) << key;
  }
  for (const std::string& key : t.keys("en")) EXPECT_TRUE(t.has("zh-CN", key)) << key << " missing in zh-CN";
}

// Every key literal the code uses must be translated: scans the sources for "family.name".
TEST(Translations, EveryKeyUsedInTheCodeIsTranslated) {
  const Translations t = load();
  static const std::regex key_re(
      "\"((?:app|lang|tile|home|soon|nav|key|identify|staff|resident|admin|role|err|form|req|rate|receipt|track|detail|queue|status|action|reason|sync|notice|idle|attract|access|text)\\.[a-z_.]+)\"");
  static const std::regex call_re("(?:\\bt|Message)\\(\"([a-z_]+\\.[a-z_.]+)\"");
  int found = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(VSK_SOURCE_DIR) + "/kiosk")) {
    if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string src = ss.str();
    for (auto it = std::sregex_iterator(src.begin(), src.end(), key_re); it != std::sregex_iterator(); ++it) {
      const std::string key = (*it)[1];
      if (key.back() == '.' || key == "key.X") continue;  // prefixes and widget ids, not text keys
      ++found;
      EXPECT_TRUE(t.has("zh-CN", key)) << key << " used in " << entry.path() << " but not translated";
    }
    // Any family: a literal handed to a translation call (ui.t("...") / Message("...")).
    for (auto it = std::sregex_iterator(src.begin(), src.end(), call_re); it != std::sregex_iterator(); ++it) {
      const std::string key = (*it)[1];
      if (key.back() == '.') continue;
      ++found;
      EXPECT_TRUE(t.has("zh-CN", key)) << key << " translated in " << entry.path() << " but missing";
    }
  }
  EXPECT_GT(found, 20);
}

TEST(Translations, MissingKeyIsVisibleNotBlank) { EXPECT_EQ(load().text("zh-CN", "no.such.key"), "[[no.such.key]]"); }

TEST(Translations, FillsPlaceholders) {
  EXPECT_EQ(vsk::app::fill_placeholders("还可以再试{left}次，{left}", {{"left", "3"}}), "还可以再试3次，3");
}

TEST(Translations, BadFileGivesAClearError) {
  const auto dir = std::filesystem::temp_directory_path() / "vsk-bad-i18n";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "zh-CN.json") << "{ not json";
  try {
    Translations::load(dir.string(), {"zh-CN"});
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("zh-CN.json"), std::string::npos);
  }
}

// Issue 16 (smaller): English text uses ASCII punctuation, not the full-width colon, brackets,
// comma or curly quotes (which CJK fonts draw full-width). Failed before: “{field}” and more.
TEST(Translations, EnglishUsesNoFullWidthPunctuation) {
  const Translations t = load();
  for (const std::string& key : t.keys("en")) {
    const std::string text = t.text("en", key);
    for (const char* mark : {"：", "，", "（", "）", "“", "”", "‘", "’", "；"})
      EXPECT_EQ(text.find(mark), std::string::npos) << key << ": " << text;
  }
}
