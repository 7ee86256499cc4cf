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
  r.texts.push_back("您好，张三");
  EXPECT_TRUE(r.shows_text("张三"));
  EXPECT_FALSE(r.shows_text("李四"));
}
