#include "core/text.h"

#include <gtest/gtest.h>

using vsk::core::displayable_text;
using vsk::core::valid_utf8;

TEST(Text, AcceptsChineseAndAscii) {
  EXPECT_TRUE(displayable_text("路灯不亮 at 村口, No.3!"));
  EXPECT_TRUE(displayable_text("第一行\n第二行"));
  EXPECT_TRUE(displayable_text(""));
}

TEST(Text, RefusesBrokenUtf8) {
  EXPECT_FALSE(valid_utf8("\xff\xfe"));
  EXPECT_FALSE(valid_utf8("\xe8\xb7"));          // truncated 3-byte sequence
  EXPECT_FALSE(valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));      // UTF-16 surrogate
  EXPECT_TRUE(valid_utf8("\xf0\x9f\x98\x80"));   // emoji: valid UTF-8...
  EXPECT_FALSE(displayable_text("\xf0\x9f\x98\x80"));  // ...but not displayable here
}

TEST(Text, RefusesControlCharacters) {
  EXPECT_FALSE(displayable_text(std::string("a\0b", 3)));
  EXPECT_FALSE(displayable_text("\x1b[2J"));     // an escape sequence
  EXPECT_FALSE(displayable_text("\x7f"));
  EXPECT_FALSE(displayable_text("\xc2\x85"));    // C1 next-line
}
