// The English UI shows no Chinese where it used to: sync failures and township refusals (once
// stored as Chinese sentences) and the printed receipt (once built from Chinese literals).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/catalog_loader.h"
#include "app/receipt_slip.h"
#include "app/sync_error_text.h"
#include "app/translations.h"

namespace vsk::app {
namespace {

Translations load() { return Translations::load(std::string(VSK_SOURCE_DIR) + "/assets/i18n", {"zh-CN", "en"}); }

// True when `s` holds a CJK ideograph (U+3400..U+9FFF) or CJK punctuation (U+3000..U+303F, U+FF00..).
bool has_cjk(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if ((cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF)) return true;
    i += static_cast<std::size_t>(len);
  }
  return false;
}

TEST(ErrorText, EverySyncFailureReadsInEnglishAndInChinese) {
  const Translations t = load();
  const std::vector<std::string> codes = {
      "not_enrolled",     "already_enrolled",       "network",          "network:refused",   "network:timeout",
      "network:no_host",  "network:dropped",        "network:tls",      "network:too_large", "network:other",
      "refused:busy",     "refused:revoked",        "refused:replayed", "refused:whatever",  "http_503",
      "bad_reply",        "bad_reply_signature",    "replayed_reply",   "no_progress",       "bad_bundle",
      "internal",         "kiosk.storage.full",     "kiosk.storage.io", "kiosk.internal",    "something_new"};
  for (const auto& code : codes) {
    const std::string en = t.format("en", sync_error_message(code));
    EXPECT_FALSE(has_cjk(en)) << code << ": " << en;
    EXPECT_EQ(en.find("[["), std::string::npos) << code << ": " << en;  // a missing key shows as [[key]]
    EXPECT_TRUE(has_cjk(t.format("zh-CN", sync_error_message(code)))) << code;
  }
  EXPECT_EQ(t.format("en", sync_error_message("network:timeout")),
            "Cannot reach the township server: timed out, the link is too slow or down");
  EXPECT_EQ(t.format("en", sync_error_message("http_503")), "The township server cannot handle it right now (error 503)");
  for (const std::string code : {"bad_payload", "unknown_type", "new_reason"}) {
    const std::string en = t.format("en", sync_rejection_message(code));
    EXPECT_FALSE(has_cjk(en)) << en;
    EXPECT_EQ(en.find("[["), std::string::npos) << en;
  }
}

TEST(ErrorText, TheEnglishReceiptSlipHasNoChineseButTheVillageName) {
  const Translations t = load();
  const core::Catalog catalog = load_catalog(std::string(VSK_SOURCE_DIR) + "/assets/catalog/services.json");
  const ReceiptView r{"QS1-1123-001", "482913", "K7Q2M9", "2026-11-26", "residence_certificate", std::nullopt, 30, ""};
  const platform::Receipt en = receipt_slip(r, "青山村", catalog.find(r.service_id), "en", t);
  EXPECT_EQ(en.title, "青山村 service receipt");  // the village's name is data
  for (const auto& line : en.lines) EXPECT_FALSE(has_cjk(line.text)) << line.text;
  EXPECT_FALSE(has_cjk(en.footer)) << en.footer;
  EXPECT_EQ(en.lines.at(0).text, "Request no. QS1-1123-001");
  const platform::Receipt zh = receipt_slip(r, "青山村", catalog.find(r.service_id), "zh-CN", t);
  EXPECT_EQ(zh.title, "青山村便民服务回执");
  EXPECT_EQ(zh.lines.at(1).text, "取件码 482913");
  EXPECT_EQ(zh.qr_text, "QS1-1123-001");
}

}  // namespace
}  // namespace vsk::app
