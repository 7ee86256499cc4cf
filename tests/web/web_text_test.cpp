// The dashboard's words and templates: both languages have every key, every {{t.key}} a
// template uses exists, every template parses, and village phrase keys get their words.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "sync/township/web/i18n.h"
#include "sync/township/web/templates.h"

namespace vsk::township::web {
namespace {

const std::string kWeb = std::string(VSK_SOURCE_DIR) + "/assets/web";

TEST(WebText, BothLanguagesHaveTheSameKeysAndNoEmptyText) {
  Translations tr(kWeb + "/i18n");
  const auto& zh = tr.table("zh-CN");
  const auto& en = tr.table("en");
  ASSERT_GT(zh.size(), 40u);
  for (const auto& [k, v] : zh) {
    EXPECT_TRUE(en.count(k)) << "en lacks " << k;
    EXPECT_FALSE(v.empty()) << k;
  }
  for (const auto& [k, v] : en) {
    EXPECT_TRUE(zh.count(k)) << "zh-CN lacks " << k;
    EXPECT_FALSE(v.empty()) << k;
  }
  EXPECT_EQ(tr.language("fr"), "zh-CN");
  EXPECT_EQ(tr.text("en", "nav_overview"), "Overview");
  EXPECT_EQ(tr.format("zh-CN", "login_attempts_left", "3"), "再错 3 次账户将被锁定。");
}

TEST(WebText, EveryWordATemplateUsesExists) {
  Translations tr(kWeb + "/i18n");
  const std::regex word(R"(\{\{t\.([A-Za-z0-9_]+)\}\})");
  int used = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kWeb + "/templates")) {
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), word), end; it != end; ++it, ++used)
      EXPECT_TRUE(tr.table("zh-CN").count((*it)[1])) << entry.path().filename() << ": " << (*it)[1];
  }
  EXPECT_GT(used, 30);
}

TEST(WebText, TemplatesParseAndEscapeVillageData) {
  Templates t(kWeb + "/templates");
  Data d;
  d.set("title", "<script>alert(1)</script>");
  const std::string html = t.render("message", d);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_THROW(t.render("no_such_page", d), std::runtime_error);
}

TEST(WebText, PhraseKeysFromVillagesBecomeWords) {
  Translations tr(kWeb + "/i18n");
  tr.add_phrases(std::string(VSK_SOURCE_DIR) + "/assets/i18n", "reason.");
  EXPECT_EQ(tr.phrase("zh-CN", "reason.escalate.beyond_village"), "村里解决不了，上报乡镇");
  EXPECT_NE(tr.phrase("en", "reason.escalate.beyond_village"), "reason.escalate.beyond_village");
  EXPECT_EQ(tr.phrase("zh-CN", "村民自己写的话"), "村民自己写的话");
}

}  // namespace
}  // namespace vsk::township::web
