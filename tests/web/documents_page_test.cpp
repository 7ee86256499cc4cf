// 文档 in the web (issue 12), on both backends through the real routes: the admin uploads a
// catalog or points-rules file (multipart), checked and published exactly as the admin API
// does (TownshipAdmin::publish_document); a faulty file is refused with a zh-CN reason and
// nothing reaches the change log; the versions list shows date, who and size; the form needs
// its CSRF token and nobody but the admin reaches the page; all of it in the audit log.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "web_server_fixture.h"

namespace vsk::test_support {
namespace {

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kCatalog = file_text(std::string(VSK_SOURCE_DIR) + "/assets/catalog/services.json");
const std::string kRules = file_text(std::string(VSK_SOURCE_DIR) + "/assets/points/rules.json");

class DocumentsPage : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};
  WebServer web{town.service, town.store, town.clock};
  std::string admin = staff_session(web, town.scope, "admin", "管理员", "admin");

  httplib::Result upload(const std::string& session, const std::string& csrf, const std::string& scope,
                         const std::string& content, const std::string& filename = "services.json") {
    httplib::Client c("127.0.0.1", web.port);
    httplib::MultipartFormDataItems items = {{"csrf", csrf, "", ""},
                                             {"scope", scope, "", ""},
                                             {"file", content, filename, "application/json"}};
    return c.Post("/documents", httplib::Headers{{"Cookie", "vsk_session=" + session}}, items);
  }
  std::size_t published(const std::string& scope) { return town.admin.published(scope).size(); }
  bool audited(const std::string& action) {
    auto tx = town.store.read(town.scope);
    for (const auto& e : town.store.audit().newest(tx, town.scope.root, 100))
      if (e.action == action) return true;
    return false;
  }
};

TEST_P(DocumentsPage, TheAdminPublishesACatalogAndRulesAndSeesTheVersions) {
  const std::string csrf = web.csrf(admin);
  const auto page = web.get(admin, "/documents");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(page->body.find("尚未发布过文档"), std::string::npos);
  EXPECT_NE(page->body.find("href=\"/documents\""), std::string::npos);  // in the menu

  const auto sent = upload(admin, csrf, "catalog", kCatalog);
  ASSERT_EQ(sent->status, 303) << sent->body;
  EXPECT_EQ(sent->get_header_value("Location").rfind("/documents?done=", 0), 0u);
  ASSERT_EQ(published("catalog"), 1u);
  const auto row = town.admin.published("catalog").front();
  EXPECT_EQ(row.kind, "catalog.replaced");
  EXPECT_EQ(nlohmann::json::parse(row.payload), nlohmann::json::parse(kCatalog));  // what kiosks will pull
  ASSERT_EQ(upload(admin, csrf, "points_rules", kRules, "rules.json")->status, 303);
  EXPECT_EQ(published("points_rules"), 1u);

  const std::string list = web.get(admin, "/documents")->body;
  EXPECT_NE(list.find("服务目录"), std::string::npos);
  EXPECT_NE(list.find("积分规则"), std::string::npos);
  EXPECT_NE(list.find("<td>admin</td>"), std::string::npos);  // who
  // The size of the version as kiosks get it (the JSON as stored, not the file's whitespace).
  const auto stored = [](const std::string& text) { return nlohmann::json::parse(text).dump().size(); };
  EXPECT_NE(list.find(std::to_string(stored(kCatalog)) + " 字节"), std::string::npos) << list;
  EXPECT_NE(list.find(std::to_string(stored(kRules)) + " 字节"), std::string::npos);
  EXPECT_NE(list.find("2026-"), std::string::npos);  // when
  EXPECT_TRUE(audited("document.publish"));

  // One through the command line / admin API shows up too, named as its audit entry names it
  // (TestTownship's admin acts as the command line: "cli:" and the OS user).
  town.admin.publish_document("catalog", nlohmann::json::parse(kCatalog));
  const std::string by_cli = "<td>" + township::command_line_actor().name + "</td>";
  EXPECT_NE(web.get(admin, "/documents")->body.find(by_cli), std::string::npos);
  EXPECT_NE(web.get(admin, "/documents?lang=en")->body.find(by_cli), std::string::npos);
}

TEST_P(DocumentsPage, AFaultyDocumentIsRefusedInChineseAndNothingIsPublished) {
  const std::string csrf = web.csrf(admin);
  nlohmann::json broken = nlohmann::json::parse(kCatalog);
  broken["services"][0].erase("id");
  const auto refused = upload(admin, csrf, "catalog", broken.dump());
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find("未发布：文件内容未通过检查"), std::string::npos) << refused->body;
  EXPECT_EQ(published("catalog"), 0u);

  const auto not_json = upload(admin, csrf, "catalog", "{\"version\": 1,");
  EXPECT_EQ(not_json->status, 422);
  EXPECT_NE(not_json->body.find("文件不是有效的 JSON"), std::string::npos);
  // A catalog sent as the points rules is checked as points rules.
  EXPECT_EQ(upload(admin, csrf, "points_rules", kCatalog)->status, 422);
  EXPECT_EQ(upload(admin, csrf, "calendar", kCatalog)->status, 422);
  EXPECT_EQ(upload(admin, csrf, "catalog", "")->status, 422);
  EXPECT_EQ(published("catalog") + published("points_rules"), 0u);
  EXPECT_TRUE(audited("document.refused"));
  EXPECT_FALSE(audited("document.publish"));
}

// A file over the 64 KB other forms get but within 文档's limit reaches the page's check, and
// one over the limit gets the page's words (failed before: a bare 413 from the front).
TEST_P(DocumentsPage, ALargeFileIsCheckedByThePageNotCutByTheFront) {
  const std::string csrf = web.csrf(admin);
  const auto mid = upload(admin, csrf, "catalog", std::string(200 * 1000, ' ') + "{\"version\": 1,");
  ASSERT_TRUE(mid);
  EXPECT_EQ(mid->status, 422);
  EXPECT_NE(mid->body.find("文件不是有效的 JSON"), std::string::npos) << mid->status;
  const auto big = upload(admin, csrf, "catalog", std::string(900 * 1000 + 10, ' '));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 422);
  EXPECT_NE(big->body.find("文件太大（最多 900 KB）"), std::string::npos) << big->status;
  EXPECT_EQ(published("catalog"), 0u);
}

TEST_P(DocumentsPage, OnlyTheAdminWithTheFormsTokenPublishes) {
  const std::string clerk = staff_session(web, town.scope, "clerk", "李秀兰", "clerk");
  EXPECT_EQ(web.get(clerk, "/documents")->status, 403);
  EXPECT_EQ(web.get(clerk, "/")->body.find("href=\"/documents\""), std::string::npos);  // not in their menu
  EXPECT_EQ(upload(clerk, web.csrf(clerk), "catalog", kCatalog)->status, 403);
  EXPECT_EQ(upload(admin, "", "catalog", kCatalog)->status, 403);          // no CSRF token
  EXPECT_EQ(upload(admin, web.csrf(clerk), "catalog", kCatalog)->status, 403);  // another session's
  EXPECT_EQ(published("catalog"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentsPage, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
