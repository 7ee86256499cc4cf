// An existing one-township server file (schema v1, before the place tree) upgrades in place:
// its villages move under a township, every row keeps its meaning, ids of changes (the
// kiosks' cursors) and tokens keep working.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/temp_dir.h"
#include "fake/manual_clock.h"
#include "sqlite/sqlite_db.h"
#include "sync/township/township_admin.h"
#include "sync/township/township_service.h"

namespace vsk::test_support {
namespace {

TEST(TownshipUpgrade, AOneTownshipFileMovesIntoThePlaceTree) {
  TempDir dir;
  std::filesystem::copy_file(std::string(VSK_FIXTURES_DIR) + "/township_v1.db", dir.file("township.db"));
  township::TownshipStore store(dir.file("township.db"));
  {
    db::Database raw(dir.file("township.db"), db::OpenMode::kReadOnly);
    EXPECT_EQ(raw.user_version(), 8);  // v3: heartbeats, v4: accounts, v5: call-backs, v6: replacement codes,
                                       // v7: notice publications, v8: USB exchanges
    EXPECT_EQ(raw.integrity_check(), "ok");
  }
  const auto scope = township::single_township_scope(store);
  ASSERT_TRUE(scope);
  auto tx = store.read(*scope);
  const auto places = store.places().list(tx);
  ASSERT_EQ(places.size(), 4u);
  std::map<std::string, township::Place> by_name;
  for (const auto& p : places) by_name[p.name] = p;
  EXPECT_EQ(by_name.at("本县").kind, "county");
  EXPECT_EQ(by_name.at("本镇").parent_id, by_name.at("本县").id);
  // The villages keep their ids (rows elsewhere point at them) under the township.
  EXPECT_EQ(by_name.at("青山村").id, 1);
  EXPECT_EQ(by_name.at("绿水村").id, 2);
  EXPECT_EQ(by_name.at("青山村").parent_id, by_name.at("本镇").id);
  EXPECT_EQ(by_name.at("青山村").township_id, by_name.at("本镇").id);

  const auto kiosks = store.devices().list(tx);
  ASSERT_EQ(kiosks.size(), 1u);
  EXPECT_EQ(kiosks[0].village, "青山村");
  EXPECT_EQ(kiosks[0].township, "本镇");
  EXPECT_EQ(kiosks[0].acked_seq, 153);
  EXPECT_EQ(store.ops().op_ids(tx, kiosks[0].id).size(), 153u);
  EXPECT_EQ(store.ops().count(tx), 153);
  EXPECT_EQ(store.requests().with_status(tx, "escalated").size(), 3u);
  // Change 1 went to 青山村, change 2 to every village: the same ids, the same audiences.
  const auto changes = store.changes().after(tx, scope->root, 1, 0, 10);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].id, 1);
  EXPECT_EQ(changes[0].kind, "request.township_reply");
  EXPECT_EQ(changes[1].id, 2);
  EXPECT_FALSE(changes[1].village_id.has_value());
  EXPECT_EQ(store.changes().after(tx, scope->root, 2, 0, 10).size(), 1u);  // 绿水村 sees only the notice
  tx.commit();

  platform::ManualClock clock;
  township::TownshipService service(store, clock, sync::SigningKey::generate());
  const auto token_scope = service.admin_scope("ZMW9ZV8SZBMJE235RC8TUV8N8VUEYZCA");
  ASSERT_TRUE(token_scope);
  EXPECT_EQ(token_scope->townships, scope->townships);
  // The next change continues the numbering, so kiosks that hold cursor 2 get it.
  EXPECT_EQ(service.admin(*scope, township::command_line_actor()).publish_notice(std::nullopt, {{"title", "升级后"}, {"body", "..."}}), 3);
}

TEST(TownshipUpgrade, ANewerFileIsRefusedAndLeftAlone) {
  TempDir dir;
  {
    db::Database raw(dir.file("township.db"));
    raw.set_user_version(99);
  }
  EXPECT_THROW(township::TownshipStore store(dir.file("township.db")), std::runtime_error);
  db::Database raw(dir.file("township.db"), db::OpenMode::kReadOnly);
  EXPECT_EQ(raw.user_version(), 99);
}

}  // namespace
}  // namespace vsk::test_support
