// 村务设置 (issue 11 §5): every setting checked for its range before it is stored, audited
// with old and new value, and what the kiosk reads afterwards.
#include <gtest/gtest.h>

#include "app/init_village.h"
#include "app/points_service.h"
#include "app/village_settings.h"
#include "fake/fixed_key_pii_cipher.h"
#include "store/settings_store.h"
#include "support/temp_dir.h"

namespace vsk::app {
namespace {

constexpr std::int64_t kNow = 1795399200;

class VillageSettings : public ::testing::Test {
 protected:
  VillageSettings() : store_(dir_.file("kiosk.db"), cipher_) {
    EXPECT_TRUE(init_village(store_, {"青山村", "白云镇", "QS1"}, kNow).ok());
    audit_before_ = store_.audit().count();
  }
  std::string error_of(const core::Status& s) { return s ? "" : s.error().key; }
  std::string value(const std::string& key) { return setting_value(store_, *find_setting(key)); }
  std::int64_t new_audit_entries() { return store_.audit().count() - audit_before_; }

  test_support::TempDir dir_;
  platform::FixedKeyPiiCipher cipher_;
  store::KioskStore store_;
  ActingStaff it_;
  std::int64_t audit_before_ = 0;
};

TEST_F(VillageSettings, UnsetSettingsShowTheValueTheKioskUses) {
  EXPECT_EQ(value("points.notice_days"), "7");
  EXPECT_EQ(value("points.approval_threshold"), "20");
  EXPECT_EQ(value("points.black_board"), "0");
  EXPECT_EQ(value(store::setting::kIdleTimeoutSeconds), "60");
  EXPECT_EQ(value(store::setting::kStaffIdleTimeoutSeconds), "180");
  EXPECT_EQ(value(store::setting::kDpi), "96");
  EXPECT_EQ(value(store::setting::kPrinterMode), "text");
  EXPECT_EQ(value(store::setting::kVillageName), "青山村");
}

TEST_F(VillageSettings, OutOfRangeIsRefusedWithTheRangeAndNothingIsStored) {
  const auto st = change_setting(store_, "points.notice_days", "45", it_, kNow);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().key, "settings.err.range");
  const auto& args = st.error().args;
  ASSERT_EQ(args.size(), 3u);
  EXPECT_EQ(args[0].second, "3");
  EXPECT_EQ(args[1].second, "30");
  EXPECT_EQ(error_of(change_setting(store_, "points.notice_days", "", it_, kNow)), "settings.err.range");
  EXPECT_EQ(error_of(change_setting(store_, "points.notice_days", "7天", it_, kNow)), "settings.err.range");
  EXPECT_EQ(error_of(change_setting(store_, store::setting::kIdleTimeoutSeconds, "5", it_, kNow)), "settings.err.range");
  EXPECT_EQ(error_of(change_setting(store_, store::setting::kDpi, "4000", it_, kNow)), "settings.err.range");
  EXPECT_EQ(error_of(change_setting(store_, "points.black_board", "yes", it_, kNow)), "settings.err.switch");
  EXPECT_EQ(error_of(change_setting(store_, store::setting::kPrinterMode, "laser", it_, kNow)), "settings.err.choice");
  EXPECT_EQ(error_of(change_setting(store_, store::setting::kVillageName, "村", it_, kNow)), "settings.err.too_short");
  EXPECT_EQ(error_of(change_setting(store_, store::setting::kVillageName, std::string(21 * 3, 'a'), it_, kNow)),
            "text.err.too_long");
  EXPECT_EQ(error_of(change_setting(store_, "kiosk.code", "QS9", it_, kNow)), "settings.err.unknown");
  EXPECT_EQ(value("points.notice_days"), "7");
  EXPECT_EQ(value(store::setting::kVillageName), "青山村");
  EXPECT_EQ(store_.settings().get_or("kiosk.code", ""), "QS1");
  EXPECT_EQ(new_audit_entries(), 0);
}

TEST_F(VillageSettings, AChangeIsStoredAuditedAndReadByThePointsRules) {
  ASSERT_TRUE(change_setting(store_, "points.notice_days", "10", it_, kNow).ok());
  ASSERT_TRUE(change_setting(store_, store::setting::kVillageName, "  青山新村 ", it_, kNow).ok());
  ASSERT_TRUE(change_setting(store_, "points.black_board", "1", it_, kNow).ok());
  EXPECT_EQ(value("points.notice_days"), "10");
  EXPECT_EQ(value(store::setting::kVillageName), "青山新村");
  ASSERT_EQ(new_audit_entries(), 3);
  const auto audit = store_.audit().list(100, 0);
  const auto& last = audit.back();
  EXPECT_EQ(last.action, "setting.change");
  EXPECT_EQ(last.target, "points.black_board");
  EXPECT_EQ(last.detail, "0->1");
  EXPECT_EQ(last.actor, "kioskctl");
  // The same value again writes nothing.
  ASSERT_TRUE(change_setting(store_, "points.notice_days", "10", it_, kNow).ok());
  EXPECT_EQ(new_audit_entries(), 3);
  // What the rest of the kiosk reads.
  EXPECT_EQ(store_.settings().get_int_or("points.notice_days", 0), 10);
  EXPECT_EQ(store_.settings().get_or(points_setting::kBlackBoard, ""), "1");
}

TEST_F(VillageSettings, EverySettingHasWordsInBothLanguages) {
  // The screen shows label_key and each choice's words; a missing key would show the key.
  for (const auto& s : village_settings()) {
    EXPECT_TRUE(find_setting(s.key) == &s);
    EXPECT_TRUE(std::string(s.label_key).rfind("settings.", 0) == 0) << s.key;
    if (s.kind == SettingKind::kNumber) {
      EXPECT_LT(s.min, s.max) << s.key;
      EXPECT_TRUE(change_setting(store_, s.key, s.fallback, it_, kNow).ok()) << s.key << ": the default is in range";
    }
  }
}

}  // namespace
}  // namespace vsk::app
