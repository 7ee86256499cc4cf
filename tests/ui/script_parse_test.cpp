#include <gtest/gtest.h>

#include "ui/frame_record.h"
#include "ui/script.h"

using namespace vsk::ui;

TEST(Script, ParsesStepsAndSkipsComments) {
  const ScriptParse p = parse_script("# walk\n\ntap 办事申请###requests\ntype 123\nwait 500\nslide-off\nshot a.png\n");
  ASSERT_TRUE(p.error.empty()) << p.error;
  ASSERT_EQ(p.steps.size(), 5u);
  EXPECT_EQ(p.steps[0].verb, "tap");
  EXPECT_EQ(p.steps[0].arg, "办事申请###requests");
  EXPECT_EQ(p.steps[0].line, 3);
  EXPECT_EQ(p.steps[3].verb, "slide-off");
}

TEST(Script, RejectsUnknownCommandsWithTheLineNumber) {
  EXPECT_EQ(parse_script("tap x\nfly away\n").error, "line 2: unknown command 'fly'");
  EXPECT_EQ(parse_script("expect\n").error, "line 1: 'expect' needs an argument");
}

TEST(FrameRecord, FindsWidgetsByIdThenLabel) {
  FrameRecord r;
  r.widgets.push_back({"points", "积分查询", 0, 0, 10, 10});
  r.widgets.push_back({"key.1", "1", 0, 0, 10, 10});
  EXPECT_EQ(r.find_widget("points")->label, "积分查询");
  EXPECT_EQ(r.find_widget("积分查询")->id, "points");
  EXPECT_EQ(r.find_widget("积分")->id, "points");
  EXPECT_EQ(r.find_widget("nothing"), nullptr);
  EXPECT_EQ(r.find_widget("key.")->id, "key.1");  // id prefix, last resort
  r.add_text("您好，张三");  // recorded without a position: counted as seen
  EXPECT_TRUE(r.shows_text("张三"));
  EXPECT_FALSE(r.shows_text("李四"));
}

namespace {

TextRecord run(const std::string& text, Box box, int owner = -1) {
  return TextRecord{text, box, {-kNoClip, -kNoClip, kNoClip, kNoClip}, 0, owner, true};
}

FrameRecord screen_1024() {
  FrameRecord r;
  r.screen = {0, 0, 1024, 768};
  return r;
}

}  // namespace

TEST(FrameRecord, TextOffScreenIsNotSeen) {
  FrameRecord r = screen_1024();
  r.add_text(run("材料清单", {100, 700, 300, 740}));
  r.add_text(run("户口本", {100, 760, 300, 800}));  // below the bottom edge
  r.add_text(run("身份证", {1000, 10, 1100, 40}));  // past the right edge
  EXPECT_TRUE(r.shows_text("材料"));
  EXPECT_FALSE(r.shows_text("户口本"));
  EXPECT_FALSE(r.shows_text("身份证"));
  EXPECT_NE(r.hidden_reason(r.texts[1]).find("off screen"), std::string::npos);
  EXPECT_TRUE(r.has_text("户口本"));  // expect-not still sees drawn text
}

TEST(FrameRecord, TextClippedByItsClipRectIsNotSeen) {
  FrameRecord r = screen_1024();
  TextRecord t = run("第三项", {100, 300, 200, 340});
  t.clip = {0, 0, 1024, 320};  // a scrolling list cut at y = 320
  r.add_text(t);
  EXPECT_FALSE(r.shows_text("第三项"));
  EXPECT_NE(r.hidden_reason(r.texts[0]).find("clipped"), std::string::npos);
}

TEST(FrameRecord, TextCoveredByALaterWidgetIsNotSeen) {
  FrameRecord r = screen_1024();
  r.add_text(run("下一页", {10, 700, 90, 730}));
  r.add_widget({"back", "返回", 0, 690, 200, 760});  // drawn after: hides the text
  r.add_text(run("返回", {60, 710, 120, 740}, 0));    // its own label is not covered by it
  EXPECT_FALSE(r.shows_text("下一页"));
  EXPECT_NE(r.hidden_reason(r.texts[0]).find("back"), std::string::npos);
  EXPECT_TRUE(r.shows_text("返回"));
  // A widget drawn before the text does not hide it (text on a button), and a bare tap area
  // (draws nothing) never does.
  FrameRecord s = screen_1024();
  s.add_widget({"tile", "", 0, 0, 500, 500});
  s.add_text(run("公告", {10, 10, 100, 40}));
  WidgetRecord area{"attract", "", 0, 0, 500, 500};
  area.opaque = false;
  s.add_widget(area);
  EXPECT_TRUE(s.shows_text("公告"));
}

TEST(FrameRecord, NoOverlapOnACleanScreen) {
  FrameRecord r = screen_1024();
  r.add_widget({"a", "甲", 0, 0, 100, 50});
  r.add_text(run("甲", {40, 10, 60, 40}, 0));
  r.add_widget({"b", "乙", 100, 0, 200, 50});  // touching edges is not overlapping
  r.add_text(run("标题", {0, 60, 200, 90}));
  EXPECT_TRUE(r.overlaps().empty());
}

TEST(FrameRecord, OverlapFindsWidgetsOverWidgets) {
  FrameRecord r = screen_1024();
  r.add_widget({"help", "", 0, 0, 120, 50});
  r.add_widget({"read_aloud", "", 100, 0, 200, 50});
  const auto found = r.overlaps();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("'help'"), std::string::npos);
  EXPECT_NE(found[0].find("'read_aloud'"), std::string::npos);
}

TEST(FrameRecord, OverlapFindsTextOverWidgetsAndText) {
  FrameRecord r = screen_1024();
  r.add_text(run("回执编号 QS1-1123-001", {0, 100, 400, 140}));
  r.add_widget({"qr", "", 300, 80, 500, 280});
  r.add_text(run("取件码 4821", {0, 150, 300, 190}));
  r.add_text(run("办理时限", {150, 170, 290, 200}));  // over the pickup code
  const auto found = r.overlaps();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_NE(found[0].find("overlaps widget 'qr'"), std::string::npos);
  EXPECT_NE(found[1].find("取件码"), std::string::npos);
}

TEST(FrameRecord, OverlapFindsTextSpillingOutOfItsButtonAndOffScreen) {
  FrameRecord r = screen_1024();
  r.add_widget({"opt.1", "", 0, 0, 200, 50});
  r.add_text(run("一段很长很长的选项文字", {0, 0, 260, 50}, 0));
  r.add_widget({"next", "", 900, 700, 1100, 760});
  const auto found = r.overlaps();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_NE(found[0].find("'next' leaves the window"), std::string::npos);
  EXPECT_NE(found[1].find("spills out of its widget 'opt.1'"), std::string::npos);
}

TEST(FrameRecord, OverlapIgnoresRowsScrolledAway) {
  FrameRecord r = screen_1024();
  WidgetRecord row{"row.9", "", 0, 800, 500, 860};
  row.clip = {0, 100, 1024, 700};  // a scrolled list: this row is out of its view
  r.add_widget(row);
  r.add_widget({"back", "", 0, 700, 200, 760});
  EXPECT_TRUE(r.overlaps().empty());
}
