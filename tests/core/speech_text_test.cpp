// The reading rules for speech, as a table: what is on screen -> what the synthesiser gets.
#include "core/speech_text.h"

#include <gtest/gtest.h>

using vsk::core::chinese_number;
using vsk::core::speech_text;

namespace {

struct Case {
  const char* in;
  const char* zh;
};

const Case kNumbers[] = {
    {"0", "零"},          {"7", "七"},          {"10", "十"},          {"15", "十五"},
    {"20", "二十"},       {"120", "一百二十"},  {"101", "一百零一"},   {"110", "一百一十"},
    {"1005", "一千零五"}, {"1010", "一千零一十"}, {"2000", "二千"},     {"10000", "一万"},
    {"10010", "一万零一十"}, {"20300", "二万零三百"}, {"123456", "十二万三千四百五十六"},
};

const Case kTexts[] = {
    {"积分120分", "积分一百二十分"},
    {"-20分", "扣二十分"},
    {"+5分", "加五分"},
    {"余额-20", "余额负二十"},
    {"2026-11-23", "二〇二六年十一月二十三日"},
    {"应于2026-11-26前办结", "应于二〇二六年十一月二十六日前办结"},
    {"2026年11月23日", "二〇二六年十一月二十三日"},
    {"回执号QS1-1123-001", "回执号Q S 一杠一一二三杠零零一"},
    {"电话13800138000", "电话一三八〇〇一三八〇〇〇"},
    {"3301**********123X", "三三〇一，一二三X"},
    {"12.50元", "十二元五角"},
    {"12.05元", "十二元零五分"},
    {"0.50元", "五角"},
    {"300元", "三百元"},
    {"3.5公里", "三点五公里"},
    {"10:00", "十点"},
    {"10:05", "十点零五分"},
    {"满意度95%", "满意度百分之九十五"},
    {"第1项，共4项", "第一项，共四项"},
    {"取件码 042318", "取件码 〇四二三一八"},
    {"没有数字的句子。", "没有数字的句子。"},
};

TEST(SpeechText, NumbersReadInChinese) {
  for (const Case& c : kNumbers) EXPECT_EQ(chinese_number(std::stoull(c.in)), c.zh) << c.in;
  EXPECT_EQ(chinese_number(100000000), "一亿");
  EXPECT_EQ(chinese_number(100000001), "一亿零一");
}

TEST(SpeechText, ScreenTextNormalisedForMandarin) {
  for (const Case& c : kTexts) EXPECT_EQ(speech_text(c.in, "zh-CN"), c.zh) << c.in;
}

TEST(SpeechText, EnglishKeepsNumbersButSpellsCodesAndDates) {
  EXPECT_EQ(speech_text("Due 2026-11-26", "en"), "Due November 26, 2026");
  EXPECT_EQ(speech_text("QS1-1123-001", "en"), "Q S 1, 1 1 2 3, 0 0 1");
  EXPECT_EQ(speech_text("120 points", "en"), "120 points");
  EXPECT_EQ(speech_text("-20", "en"), "minus 20");
  EXPECT_EQ(vsk::core::speech_voice("en"), "en");
  EXPECT_EQ(vsk::core::speech_voice("zh-CN"), "cmn");
}

}  // namespace
