#include "platform/pin_hasher.h"

#include <gtest/gtest.h>

TEST(SodiumPinHasher, StoresArgon2idAndVerifiesOnlyTheRightPin) {
  vsk::platform::SodiumPinHasher h;
  const std::string stored = h.hash("123456");
  EXPECT_EQ(stored.rfind("$argon2id$", 0), 0u) << stored;
  EXPECT_EQ(stored.find("123456"), std::string::npos);
  EXPECT_TRUE(h.verify(stored, "123456"));
  EXPECT_FALSE(h.verify(stored, "123457"));
  EXPECT_NE(h.hash("123456"), stored);  // salted
}
