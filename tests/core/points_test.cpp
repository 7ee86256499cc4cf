#include "core/points.h"

#include <gtest/gtest.h>

#include "app/points_rules_loader.h"
#include "core/id_number.h"
#include "core/permissions.h"

using namespace vsk;
using core::PointsState;

namespace {

constexpr std::int64_t kDay = 86400;

TEST(PointsState, RuleEntryRunsThroughNotice) {
  core::PointsEntryFacts f;
  f.at = 1000;
  const core::PointsPolicy p;
  EXPECT_EQ(core::points_state(f, 1000, p), PointsState::kInNotice);
  EXPECT_EQ(core::points_state(f, 1000 + 7 * kDay - 1, p), PointsState::kInNotice);
  EXPECT_EQ(core::points_state(f, 1000 + 7 * kDay, p), PointsState::kFinal);
  f.open_objections = 1;
  EXPECT_EQ(core::points_state(f, 1000 + 30 * kDay, p), PointsState::kObjected);
  f.open_objections = 0;
  f.resolved = true;
  EXPECT_EQ(core::points_state(f, 1001, p), PointsState::kFinal);
}

TEST(PointsState, ApprovalStartsTheNotice) {
  core::PointsEntryFacts f;
  f.at = 0;
  f.needs_approval = true;
  const core::PointsPolicy p;
  EXPECT_EQ(core::points_state(f, 100 * kDay, p), PointsState::kPendingApproval);
  f.approved_at = 10 * kDay;
  EXPECT_EQ(core::points_state(f, 16 * kDay, p), PointsState::kInNotice);
  EXPECT_EQ(core::points_state(f, 17 * kDay, p), PointsState::kFinal);
}

TEST(PointsState, NonRuleEntriesAreFinalAtOnce) {
  for (auto k : {core::PointsKind::kReversal, core::PointsKind::kRedemption, core::PointsKind::kExternal}) {
    core::PointsEntryFacts f;
    f.kind = k;
    f.at = 50;
    EXPECT_EQ(core::points_state(f, 50, {}), PointsState::kFinal);
  }
}

TEST(PointsChain, CanonicalCoversEveryField) {
  core::PointsEntryRecord a;
  a.seq = 1;
  a.household_id = 3;
  a.rule_id = "x";
  a.delta = 5;
  const std::string base = core::points_canonical(a);
  auto changed = [&](auto mutate) {
    core::PointsEntryRecord b = a;
    mutate(b);
    return core::points_canonical(b) != base;
  };
  EXPECT_TRUE(changed([](auto& b) { b.delta = 6; }));
  EXPECT_TRUE(changed([](auto& b) { b.resident_id = 1; }));
  EXPECT_TRUE(changed([](auto& b) { b.reverses = 1; }));
  EXPECT_TRUE(changed([](auto& b) { b.kind = core::PointsKind::kExternal; }));
  EXPECT_TRUE(changed([](auto& b) { b.reason = "r"; }));
  EXPECT_TRUE(changed([](auto& b) { b.staff_id = 2; }));
  EXPECT_TRUE(changed([](auto& b) { b.needs_approval = true; }));
  EXPECT_TRUE(changed([](auto& b) { b.origin = "township"; }));
  EXPECT_TRUE(changed([](auto& b) { b.prev_hash = "00"; }));
  // Netstrings: moving a character between fields changes the bytes.
  core::PointsEntryRecord c = a, d = a;
  c.reason = "ab";
  c.evidence = "c";
  d.reason = "a";
  d.evidence = "bc";
  EXPECT_NE(core::points_canonical(c), core::points_canonical(d));
}

TEST(PointsBoard, NamesAreMasked) {
  EXPECT_EQ(core::mask_name("张小明"), "张*明");
  EXPECT_EQ(core::mask_name("李明"), "李*");
}

TEST(PointsRulesLoader, RealFileLoads) {
  const auto r = app::load_points_rules(std::string(VSK_SOURCE_DIR) + "/assets/points/rules.json");
  EXPECT_GE(r.rules.size(), 20u);
  EXPECT_EQ(r.categories.size(), 4u);
  ASSERT_TRUE(r.find("illegal_building"));
  EXPECT_LT(r.find("illegal_building")->points, 0);
  EXPECT_EQ(r.find("civilized_family")->applies_to, core::PointsSubject::kHousehold);
}

std::string error_of(const std::string& json) {
  try {
    app::parse_points_rules(json);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(PointsRulesLoader, ErrorsNameTheJsonPath) {
  const std::string cats = R"("categories":[{"id":"law","zh-CN":"法治","en":"Law"}])";
  const std::string good = R"({"id":"a","category":"law","name":{"zh-CN":"甲","en":"A"},"points":2,"applies_to":"person","evidence":"e","max_per_month":1})";
  EXPECT_EQ(error_of(R"({"version":1,)" + cats + R"(,"rules":[)" + good + "]}"), "");
  EXPECT_EQ(error_of(R"({"version":1,)" + cats + R"(,"rules":[)" + good + "," + good + "]}"),
            "rules[1].id: duplicate rule id 'a'");
  std::string bad = good;
  bad.replace(bad.find("\"points\":2"), 10, "\"points\":0");
  EXPECT_EQ(error_of(R"({"version":1,)" + cats + R"(,"rules":[)" + bad + "]}"),
            "rules[0].points: a rule must add or deduct points (not 0)");
  bad = good;
  bad.replace(bad.find("\"law\""), 5, "\"lax\"");
  EXPECT_EQ(error_of(R"({"version":1,)" + cats + R"(,"rules":[)" + bad + "]}"), "rules[0].category: unknown category 'lax'");
  bad = good;
  bad.replace(bad.find("\"person\""), 8, "\"people\"");
  EXPECT_NE(error_of(R"({"version":1,)" + cats + R"(,"rules":[)" + bad + "]}").find("rules[0].applies_to"),
            std::string::npos);
  bad = good;
  bad.replace(bad.find("\"evidence\""), 10, "\"evidense\"");
  EXPECT_EQ(error_of(R"({"version":1,)" + cats + R"(,"rules":[)" + bad + "]}"), "rules[0].evidense: unknown key");
  EXPECT_EQ(error_of(R"({"version":1,)" + cats + R"(,"rules":[{"id":"a"}]})"), "rules[0].category: missing");
}

}  // namespace

namespace {

TEST(PointsPermissions, WhoMayDoWhat) {
  using P = core::Permission;
  using core::Role;
  const auto may = [](Role r, P p) { return core::allowed({r, 1, 1}, p); };
  for (P p : {P::kEnterPoints, P::kApprovePoints, P::kResolveObjections, P::kManageShop})
    EXPECT_TRUE(may(Role::kAdmin, p)) << core::permission_name(p);
  EXPECT_TRUE(may(Role::kClerk, P::kEnterPoints));
  EXPECT_TRUE(may(Role::kClerk, P::kManageShop));
  EXPECT_FALSE(may(Role::kClerk, P::kApprovePoints));
  EXPECT_FALSE(may(Role::kClerk, P::kResolveObjections));
  for (Role r : {Role::kGridWorker, Role::kVolunteer})
    for (P p : {P::kEnterPoints, P::kApprovePoints, P::kResolveObjections, P::kManageShop})
      EXPECT_FALSE(may(r, p)) << core::permission_name(p);
  EXPECT_EQ(core::permission_name(P::kResolveObjections), "resolve_objections");
  EXPECT_EQ(core::permission_name(P::kManageShop), "manage_shop");
}

}  // namespace
