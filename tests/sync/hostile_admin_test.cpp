// What township staff publish is checked before it reaches every village (issue 17), at the
// real township-server on 127.0.0.1: junk catalogs and points rules are refused with the
// kiosk loader's message (24 such documents used to be published), so are points entries
// with a delta of 1e300, 5000 or a text household; a push whose device time is INT64_MIN is
// refused instead of recording a nonsense clock skew. Good documents still go through.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "hostile_support.h"

namespace vsk::test_support {
namespace {

std::string asset(const std::string& rel) {
  std::ifstream in(std::string(VSK_SOURCE_DIR) + "/assets/" + rel);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct AdminApi {
  Server server{Backend::kSqlite};
  TownshipProcess town{kTownship, server.dir.path()};
  std::string token;
  AdminApi() {
    town.start();
    token = trim(run_process(town.cli({"admin-token"})).out);
  }
  httplib::Result post(const std::string& path, const std::string& body) {
    httplib::Client http(town.url());
    return http.Post(path, {{"Authorization", "Bearer " + token}}, body, "application/json");
  }
};

TEST(HostileAdmin, JunkDocumentsAreRefusedWithTheLoadersWords) {
  AdminApi api;
  for (const std::string junk : {R"({})", R"({"version":2})", R"({"version":2,"categories":[],"services":[],"x":1})",
                                 R"({"anything":"at all"})"}) {
    const auto r = api.post("/v1/admin/documents/catalog", junk);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << junk;
    EXPECT_NE(r->body.find("bad_document"), std::string::npos) << r->body;
  }
  const auto rules = api.post("/v1/admin/documents/points_rules", R"({"version":1,"categories":[],"rules":[{"id":7}]})");
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->status, 400);
  EXPECT_NE(rules->body.find("rules[0]"), std::string::npos) << rules->body;  // the path, as the loader names it
  // The real documents pass.
  EXPECT_EQ(api.post("/v1/admin/documents/catalog", asset("catalog/services.json"))->status, 200);
  EXPECT_EQ(api.post("/v1/admin/documents/points_rules", asset("points/rules.json"))->status, 200);
}

TEST(HostileAdmin, PointsEntriesOutOfRangeAreRefusedNeverWrapped) {
  AdminApi api;
  for (const std::string delta : {"1e300", "5000", "-1001", "0", "\"10\"", "18446744073709551615"}) {
    const auto r = api.post("/v1/admin/points", R"({"village":"青山村","household_id":1,"delta":)" + delta + "}");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << delta << ": " << r->body;
  }
  EXPECT_EQ(api.post("/v1/admin/points", R"({"village":"青山村","household_id":"1","delta":5})")->status, 400);
  EXPECT_EQ(api.post("/v1/admin/points", R"({"village":"青山村","household_id":1,"delta":-10,"reason":"乡镇扣分"})")->status, 200);
  // The command line goes through the same check.
  EXPECT_EQ(run_process(api.town.cli({"publish-points", "--village", "青山村", "--household", "1", "--delta", "99999"})).exit_code, 1);
}

TEST(HostileAdmin, ADeviceTimeOfInt64MinIsRefused) {
  ProtocolTown t;
  ASSERT_TRUE(t.kiosk);
  const std::string min = std::to_string(std::numeric_limits<std::int64_t>::min());
  const auto r = t.sync("push", R"({"ops":[],"pending_total":0,"device_time":)" + min + "}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_NE(r->body.find("device_time"), std::string::npos) << r->body;
  EXPECT_EQ(t.sync("pull", R"({"cursor":0,"limit":10,"device_time":)" + min + "}")->status, 400);
  const auto stats = nlohmann::json::parse(run_process(t.town.cli({"stats", "--json"})).out);
  EXPECT_EQ(stats.dump().find("-9223372"), std::string::npos) << stats.dump();
}

// Notices through the admin API are checked with the kiosk's own rule before they are
// published; each of these used to be answered 200 and then recorded as a conflict (or shown
// as an empty notice) in every village.
TEST(HostileAdmin, JunkNoticesAreRefusedWithTheKiosksRules) {
  AdminApi api;
  const std::string long_title(300, 'x');
  for (const std::string& junk : std::vector<std::string>{
           R"({"notice":{"title":"","body":"正文"}})", R"({"notice":{"title":123,"body":"正文"}})",
        R"({"notice":{"title":"标题"}})", R"({"notice":{"title":")" + long_title + R"(","body":"正文"}})",
        R"({"notice":{"title":"标题","body":"正文","category":"nonsense"}})",
        R"({"notice":{"title":"公示","body":"正文","category":"publicity"}})",
        R"({"notice":{"title":"公示","body":"正文","category":"publicity","period_start":"2026-12-10","period_end":"2026-12-01"}})",
        R"({"notice":{"title":"标题","body":"正文","end_date":"2026-13-45"}})",
        R"({"notice":{"title":"标题","body":"正文","evil":true}})",
        R"({"notice":{"title":"标题","body":"正文","category":"finance"}})",
        R"({"notice":{"id":"","title":"标题","body":"正文"}})", R"({"notice":"标题"})", R"({"village":5,"notice":{"title":"标题","body":"正文"}})",
        R"({})"}) {
    const auto r = api.post("/v1/admin/notices", junk);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << junk << ": " << r->body;
    EXPECT_NE(r->body.find("bad_notice"), std::string::npos) << junk << ": " << r->body;
  }
  EXPECT_EQ(api.post("/v1/admin/notices", R"({"notice":{"title":"冬季防火","body":"进山不带火种。"}})")->status, 200);
  EXPECT_EQ(api.post("/v1/admin/notices", R"({"village":"青山村","notice":{"title":"低保公示","body":"名单如下",)"
                                          R"("category":"publicity","period_start":"2026-12-01","period_end":"2026-12-10"}})")
                ->status,
            200);
}

}  // namespace
}  // namespace vsk::test_support
