#include "app/notice_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "support/village_fixture.h"
#include "support/store_access.h"
#include "app/demo_notices.h"

using namespace vsk;
using core::NoticeCategory;

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

class NoticeServiceTest : public test_support::VillageFixture {
 protected:
  NoticeServiceTest() {
    app::NoticePolicy p;
    p.image_dir = dir_.file("notice-images");
    p.free_bytes = [this](const std::string&) { return free_bytes_; };
    notices_ = std::make_unique<app::NoticeService>(store_, clock_, p);
  }

  static core::NoticeContent content(const std::string& title, const std::string& body = "特此通知。") {
    core::NoticeContent c;
    c.title = title;
    c.body = body;
    return c;
  }
  std::int64_t clerk() { return staff_id("0002"); }
  std::vector<std::string> audit_actions() {
    std::vector<std::string> out;
    for (const auto& r : store_.audit().list(1000, 0)) out.push_back(r.action);
    return out;
  }
  std::int64_t create_published(NoticeCategory c, const core::NoticeContent& content) {
    const auto id = notices_->create(clerk(), c, content);
    EXPECT_TRUE(id.ok());
    EXPECT_TRUE(notices_->publish(clerk(), id.value()).ok());
    return id.value();
  }

  std::optional<std::uint64_t> free_bytes_ = 10ull * 1024 * 1024 * 1024;
  std::unique_ptr<app::NoticeService> notices_;
};

}  // namespace

TEST_F(NoticeServiceTest, EditWritesANewVersionAndKeepsTheOldOnes) {
  const auto id = notices_->create(clerk(), NoticeCategory::kVillage, content("停水通知", "周三停水。"));
  ASSERT_TRUE(id.ok());
  const auto v2 = notices_->edit(clerk(), id.value(), content("停水通知", "周三上午8点至12点停水。"));
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2.value(), 2);
  EXPECT_EQ(notices_->edit(staff_id("0001"), id.value(), content("停水通知（更正）", "周四停水。")).value(), 3);
  // The same words again are not a new version.
  EXPECT_EQ(notices_->edit(clerk(), id.value(), content("停水通知（更正）", "周四停水。")).error().key,
            "notice.err.unchanged");

  const auto versions = store_.notices().versions(id.value());
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].content.body, "周三停水。");
  EXPECT_EQ(versions[1].content.body, "周三上午8点至12点停水。");
  EXPECT_EQ(versions[2].content.title, "停水通知（更正）");
  EXPECT_EQ(versions[2].staff_name, village_.staff.at(0).name);
  EXPECT_EQ(store_.notices().find(id.value())->content.body, "周四停水。");
  // Versions are append-only in the database itself.
  EXPECT_THROW(test_support::raw_db(store_).exec("UPDATE notice_versions SET body = 'forged' WHERE version = 1"), db::DbError);
  EXPECT_THROW(test_support::raw_db(store_).exec("DELETE FROM notice_versions"), db::DbError);
  EXPECT_EQ(store_.notices().versions(id.value())[0].content.body, "周三停水。");
}

TEST_F(NoticeServiceTest, FinanceRowsAreVersionedWithTheText) {
  core::NoticeContent c = content("10月财务公开", "");
  c.finance_rows = {{"路灯电费", 74'570, false, "2026-10-15"}};
  const auto id = notices_->create(clerk(), NoticeCategory::kFinance, c);
  ASSERT_TRUE(id.ok());
  c.finance_rows.push_back({"鱼塘承包费", 635'000, true, "2026-10-08"});
  ASSERT_TRUE(notices_->edit(clerk(), id.value(), c).ok());
  const auto versions = store_.notices().versions(id.value());
  EXPECT_EQ(versions[0].content.finance_rows.size(), 1u);
  EXPECT_EQ(versions[1].content.finance_rows.size(), 2u);
  EXPECT_EQ(core::finance_totals(store_.notices().find(id.value())->content.finance_rows).balance_fen(), 560'430);
}

TEST_F(NoticeServiceTest, VisibleBetweenPublishAndUnpublishOrEndDate) {
  core::NoticeContent c = content("防火提示");
  c.end_date = "2026-11-25";  // today is 2026-11-23
  const auto id = notices_->create(clerk(), NoticeCategory::kPolicy, c);
  ASSERT_TRUE(id.ok());
  EXPECT_TRUE(notices_->visible().empty()) << "a draft is not shown";
  ASSERT_TRUE(notices_->publish(clerk(), id.value()).ok());
  ASSERT_EQ(notices_->visible().size(), 1u);
  clock_.advance_ms(2 * kDayMs);  // 11-25 10:00: the end day is still shown
  EXPECT_EQ(notices_->visible().size(), 1u);
  clock_.advance_ms(kDayMs);  // 11-26
  EXPECT_TRUE(notices_->visible().empty());
  EXPECT_EQ(notices_->publish(clerk(), id.value()).error().key, "notice.err.end_passed");

  const auto id2 = create_published(NoticeCategory::kVillage, content("村民大会"));
  EXPECT_EQ(notices_->visible().size(), 1u);
  ASSERT_TRUE(notices_->unpublish(clerk(), id2).ok());
  EXPECT_TRUE(notices_->visible().empty());
  EXPECT_EQ(notices_->unpublish(clerk(), id2).error().key, "notice.err.not_published");
  ASSERT_TRUE(notices_->publish(clerk(), id2).ok());  // published again
  EXPECT_EQ(notices_->visible().size(), 1u);
}

TEST_F(NoticeServiceTest, PinnedFirstThenNewest) {
  const auto a = create_published(NoticeCategory::kVillage, content("甲"));
  clock_.advance_ms(60'000);
  const auto b = create_published(NoticeCategory::kVillage, content("乙"));
  clock_.advance_ms(60'000);
  const auto c = create_published(NoticeCategory::kVillage, content("丙"));
  ASSERT_TRUE(notices_->set_pinned(clerk(), a, true).ok());
  const auto v = notices_->visible();
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].id, a);
  EXPECT_EQ(v[1].id, c);
  EXPECT_EQ(v[2].id, b);
}

TEST_F(NoticeServiceTest, EveryStaffActionIsAudited) {
  const auto id = notices_->create(clerk(), NoticeCategory::kVillage, content("甲"));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(notices_->edit(clerk(), id.value(), content("甲", "改了")).ok());
  ASSERT_TRUE(notices_->publish(clerk(), id.value()).ok());
  ASSERT_TRUE(notices_->set_pinned(clerk(), id.value(), true).ok());
  ASSERT_TRUE(notices_->set_pinned(clerk(), id.value(), false).ok());
  ASSERT_TRUE(notices_->unpublish(clerk(), id.value()).ok());
  EXPECT_EQ(audit_actions(), (std::vector<std::string>{"notices.create", "notices.edit", "notices.publish", "notices.pin",
                                                       "notices.unpin", "notices.unpublish"}));
  const auto rows = store_.audit().list(10, 0);
  EXPECT_EQ(rows[0].actor, "0002");
  EXPECT_EQ(rows[0].target, store_.notices().find(id.value())->global_id);
  EXPECT_TRUE(store_.audit().verify().ok);
}

TEST_F(NoticeServiceTest, OnlyStaffWhoMayPublishCanWriteNotices) {
  const std::int64_t grid_worker = staff_id("0101");
  const std::int64_t volunteer = staff_id("0201");
  for (std::int64_t who : {grid_worker, volunteer}) {
    EXPECT_EQ(notices_->create(who, NoticeCategory::kVillage, content("甲")).error().key, "notice.err.not_permitted");
    EXPECT_FALSE(notices_->may(who, core::Permission::kHandleNoticeComments));
  }
  const auto id = notices_->create(staff_id("0001"), NoticeCategory::kVillage, content("甲"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(notices_->publish(volunteer, id.value()).error().key, "notice.err.not_permitted");
  EXPECT_EQ(notices_->edit(grid_worker, id.value(), content("乙")).error().key, "notice.err.not_permitted");
  EXPECT_EQ(notices_->set_pinned(grid_worker, id.value(), true).error().key, "notice.err.not_permitted");
  EXPECT_EQ(notices_->create(999999, NoticeCategory::kVillage, content("甲")).error().key, "notice.err.not_permitted");
  EXPECT_TRUE(notices_->publish(clerk(), id.value()).ok());
  EXPECT_EQ(audit_actions(), (std::vector<std::string>{"notices.create", "notices.publish"}));
}

TEST_F(NoticeServiceTest, ResidentsCommentAndStaffMarkThemHandled) {
  const auto id = create_published(NoticeCategory::kPublicity, [] {
    core::NoticeContent c = content("低保评议结果公示");
    c.period_start = "2026-11-23";
    c.period_end = "2026-11-29";
    return c;
  }());
  const std::int64_t resident = demo_resident_id();
  EXPECT_EQ(notices_->comment(resident, id, "").error().key, "notice.err.empty_comment");
  EXPECT_EQ(notices_->comment(resident, id, std::string(700, 'a')).error().key, "notice.err.bad_text");
  const auto c = notices_->comment(resident, id, "对评议结果有疑问。");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(store_.notices().find(id)->open_comments, 1);
  EXPECT_EQ(notices_->mark_comment_handled(staff_id("0201"), c.value()).error().key, "notice.err.not_permitted");
  ASSERT_TRUE(notices_->mark_comment_handled(clerk(), c.value()).ok());
  EXPECT_EQ(notices_->mark_comment_handled(clerk(), c.value()).error().key, "notice.err.already_handled");
  const auto comments = store_.notices().comments(id);
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_TRUE(comments[0].handled_at);
  EXPECT_EQ(comments[0].handled_by, village_.staff.at(1).name);
  EXPECT_EQ(audit_actions().back(), "notices.comment_handled");
  // No comments on notices residents cannot see.
  ASSERT_TRUE(notices_->unpublish(clerk(), id).ok());
  EXPECT_EQ(notices_->comment(resident, id, "还有意见。").error().key, "notice.err.not_found");
}

TEST_F(NoticeServiceTest, TownshipNoticesAreIdempotentByGlobalId) {
  app::TownshipNotice t;
  t.global_id = "TOWNSHIP-2026-200";
  t.category = NoticeCategory::kPolicy;
  t.content = content("冬季征兵通知", "报名开始。");
  t.published_at = clock_.unix_seconds() - 3600;
  EXPECT_EQ(notices_->upsert_township(t).value(), app::TownshipUpsert::kInserted);
  EXPECT_EQ(notices_->upsert_township(t).value(), app::TownshipUpsert::kUnchanged);  // delivered twice
  EXPECT_EQ(notices_->upsert_township(t).value(), app::TownshipUpsert::kUnchanged);
  ASSERT_EQ(store_.notices().list().size(), 1u);
  auto rec = store_.notices().find_by_global_id(t.global_id);
  EXPECT_EQ(rec->source, "township");
  EXPECT_EQ(rec->version, 1);
  EXPECT_EQ(notices_->visible().size(), 1u);

  t.content.body = "报名截止到12月31日。";
  EXPECT_EQ(notices_->upsert_township(t).value(), app::TownshipUpsert::kUpdated);
  EXPECT_EQ(notices_->upsert_township(t).value(), app::TownshipUpsert::kUnchanged);
  rec = store_.notices().find_by_global_id(t.global_id);
  EXPECT_EQ(rec->version, 2);
  EXPECT_EQ(store_.notices().versions(rec->id)[0].content.body, "报名开始。");
  // Village staff cannot edit what the township sent.
  EXPECT_EQ(notices_->edit(clerk(), rec->id, content("改")).error().key, "notice.err.township_readonly");

  t.withdrawn = true;
  EXPECT_EQ(notices_->upsert_township(t).value(), app::TownshipUpsert::kUpdated);
  EXPECT_EQ(notices_->upsert_township(t).value(), app::TownshipUpsert::kUnchanged);
  EXPECT_TRUE(notices_->visible().empty());
  EXPECT_EQ(store_.notices().list().size(), 1u);
  EXPECT_EQ(audit_actions(), (std::vector<std::string>{"notices.township_insert", "notices.township_update",
                                                       "notices.township_update"}));
  // A village notice's id cannot be taken over by a township delivery.
  const auto own = notices_->create(clerk(), NoticeCategory::kVillage, content("甲"));
  t.global_id = store_.notices().find(own.value())->global_id;
  EXPECT_EQ(notices_->upsert_township(t).error().key, "notice.err.global_id_taken");
}

TEST_F(NoticeServiceTest, ImagesAreCopiedWithinLimitsOnly) {
  const auto id = create_published(NoticeCategory::kVillage, content("村道硬化"));
  auto write = [&](const std::string& name, std::size_t bytes, bool png) {
    const std::string path = dir_.file(name);
    std::ofstream out(path, std::ios::binary);
    if (png) out << "\x89PNG\r\n\x1a\n";
    out << std::string(bytes, 'x');
    return path;
  };
  EXPECT_EQ(notices_->attach_image(clerk(), id, write("a.jpg", 100, false)).error().key, "notice.err.not_png");
  EXPECT_EQ(notices_->attach_image(clerk(), id, write("big.png", 3 * 1024 * 1024, true)).error().key,
            "notice.err.image_too_big");
  free_bytes_ = 100ull * 1024 * 1024;  // below the 200 MB floor
  const std::string ok = write("ok.png", 2000, true);
  EXPECT_EQ(notices_->attach_image(clerk(), id, ok).error().key, "notice.err.storage_low");
  EXPECT_EQ(store_.notices().find(id)->version, 1) << "a refused image changes nothing";
  free_bytes_ = 10ull * 1024 * 1024 * 1024;
  ASSERT_TRUE(notices_->attach_image(clerk(), id, ok).ok());
  const auto rec = store_.notices().find(id);
  EXPECT_EQ(rec->version, 2);
  EXPECT_TRUE(std::filesystem::exists(rec->content.image_path));
  EXPECT_EQ(std::filesystem::file_size(rec->content.image_path), std::filesystem::file_size(ok));
  EXPECT_EQ(std::filesystem::path(rec->content.image_path).parent_path(), std::filesystem::path(dir_.file("notice-images")));
  EXPECT_EQ(audit_actions().back(), "notices.image");
}

TEST_F(NoticeServiceTest, OverdueCategoriesFollowTheClock) {
  // Nothing published yet: every category with a legal cadence is overdue.
  EXPECT_EQ(notices_->overdue_categories().size(), 3u);
  core::NoticeContent fin = content("10月财务公开", "");
  fin.finance_rows = {{"路灯电费", 74'570, false, "2026-10-15"}};
  create_published(NoticeCategory::kFinance, fin);
  create_published(NoticeCategory::kVillage, content("村务"));
  create_published(NoticeCategory::kParty, content("党务"));
  EXPECT_TRUE(notices_->overdue_categories().empty());
  clock_.advance_ms(32 * kDayMs);
  EXPECT_EQ(notices_->overdue_categories(), std::vector<NoticeCategory>{NoticeCategory::kFinance});
  create_published(NoticeCategory::kFinance, fin);
  EXPECT_TRUE(notices_->overdue_categories().empty());
  clock_.advance_ms(61 * kDayMs);  // 93 days after the village and party notices
  EXPECT_EQ(notices_->overdue_categories(),
            (std::vector<NoticeCategory>{NoticeCategory::kFinance, NoticeCategory::kVillage, NoticeCategory::kParty}));
}

TEST_F(NoticeServiceTest, PublishingSendsTheTownshipTheCategoryAndTime) {
  // The township's overview judges each village's cadence from these (notice.published).
  const auto before = store_.sync().ops_after(0, 1000).size();
  const auto draft = notices_->create(clerk(), NoticeCategory::kParty, content("党员大会"));
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(store_.sync().ops_after(0, 1000).size(), before);  // a draft is not a publication
  ASSERT_TRUE(notices_->publish(clerk(), draft.value()).ok());
  const auto ops = store_.sync().ops_after(0, 1000);
  ASSERT_EQ(ops.size(), before + 1);
  EXPECT_EQ(ops.back().type, "notice.published");
  const auto p = nlohmann::json::parse(ops.back().payload);
  EXPECT_EQ(p.at("category"), "party");
  EXPECT_EQ(p.at("published_at"), clock_.unix_seconds());
  EXPECT_EQ(p.at("notice"), store_.notices().find(draft.value())->global_id);
  // Withdrawing is not a publication either.
  ASSERT_TRUE(notices_->unpublish(clerk(), draft.value()).ok());
  EXPECT_EQ(store_.sync().ops_after(0, 1000).size(), before + 1);
}

TEST_F(NoticeServiceTest, DemoNoticesAreCompleteAndDeterministic) {
  EXPECT_EQ(app::seed_demo_notices(store_, clock_.unix_seconds()), 14);
  const auto all = store_.notices().list();
  std::set<NoticeCategory> categories;
  int pinned = 0, finance = 0, expired = 0, drafts = 0, township = 0, running_publicity = 0;
  std::int64_t comments = 0;
  for (const auto& n : all) {
    categories.insert(n.category);
    pinned += n.pinned;
    finance += n.category == NoticeCategory::kFinance;
    expired += core::notice_expired(n.times, clock_.unix_seconds());
    drafts += !n.times.published_at;
    township += n.source == "township";
    comments += n.comments;
    const auto p = core::publicity_status(n.content.period_start, n.content.period_end, notices_->today());
    if (p && p->phase == core::PublicityStatus::Phase::kRunning) {
      ++running_publicity;
      EXPECT_EQ(p->days_left, 5);
    }
  }
  EXPECT_EQ(categories.size(), 5u);
  EXPECT_GE(pinned, 2);
  EXPECT_EQ(finance, 3);
  EXPECT_EQ(expired, 1);
  EXPECT_EQ(drafts, 1);
  EXPECT_EQ(township, 1);
  EXPECT_EQ(running_publicity, 1);
  EXPECT_EQ(comments, 2);
  // The demo's party affairs are over a quarter old: the admin home has a flag to show.
  EXPECT_EQ(notices_->overdue_categories(), std::vector<NoticeCategory>{NoticeCategory::kParty});

  // Same time, same notices.
  test_support::TempDir other;
  platform::FixedKeyPiiCipher cipher;
  store::KioskStore s2(other.file("kiosk.db"), cipher);
  store::seed_demo_village(s2, hasher_, village_);
  app::seed_demo_notices(s2, clock_.unix_seconds());
  const auto all2 = s2.notices().list();
  ASSERT_EQ(all2.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all2[i].global_id, all[i].global_id);
    EXPECT_EQ(all2[i].content, all[i].content);
    EXPECT_EQ(all2[i].times.published_at, all[i].times.published_at);
  }
}
