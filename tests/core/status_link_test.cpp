// The receipt QR's status link: the token's size and alphabet, the base's checks, and the
// QR text with and without a base.
#include "core/status_link.h"

#include <gtest/gtest.h>

#include <set>

namespace vsk::core {
namespace {

TEST(StatusLink, TokenIsTwentyCharactersOfAnAlphabetWithoutLookAlikes) {
  const std::string digest(32, '\xff');
  EXPECT_EQ(status_token_from_digest(digest), std::string(20, 'Z'));
  EXPECT_EQ(status_token_from_digest(std::string(13, '\0')), std::string(20, '2'));
  // 0x08 0x86 0x42 0x98 0xe8: 00001 00010 00011 00100 00101 00110 00111 01000 -> alphabet[1..8]
  const std::string counting = {'\x08', '\x86', '\x42', '\x98', '\xe8', '\x4a', '\x52', '\xd8', '\xc6', '\x53', '\xa3',
                                '\x17', '\x00'};
  EXPECT_EQ(status_token_from_digest(counting).substr(0, 8), "3456789A");
  for (const char c : status_token_from_digest("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x11\x22\x33\x44\x55"))
    EXPECT_EQ(std::string("01IO").find(c), std::string::npos) << c;
  EXPECT_THROW(status_token_from_digest(std::string(12, 'x')), std::invalid_argument);  // 96 bits: too few
}

TEST(StatusLink, DifferentDigestsGiveDifferentTokens) {
  std::set<std::string> seen;
  for (int i = 0; i < 256; ++i) {
    std::string d(13, '\0');
    d[0] = static_cast<char>(i);
    seen.insert(status_token_from_digest(d));
  }
  EXPECT_EQ(seen.size(), 256u);
}

TEST(StatusLink, BaseMustBeAnHttpAddressWithAHost) {
  EXPECT_EQ(normalize_status_base("https://zwfw.example.gov.cn/vsk/"), "https://zwfw.example.gov.cn/vsk");
  EXPECT_EQ(normalize_status_base("http://10.1.2.3:8470"), "http://10.1.2.3:8470");
  for (const char* bad : {"", "/", "zwfw.example.gov.cn", "ftp://x.cn", "https://", "https:///path", "https://:80",
                          "https://x.cn/?a=1", "https://x.cn/#f", "https://x .cn", "https://x.cn/\"><script>",
                          "javascript:alert(1)", "https://政务.cn"})
    EXPECT_FALSE(normalize_status_base(bad)) << bad;
  EXPECT_FALSE(normalize_status_base("https://x.cn/" + std::string(200, 'a')));
}

TEST(StatusLink, QrHoldsTheLinkOnlyWithABaseAndAToken) {
  EXPECT_EQ(receipt_qr_text("https://zwfw.example.gov.cn", "QS1-1123-001", "K7M2QX9RT4WZ8P3N6HVB"),
            "https://zwfw.example.gov.cn/r/QS1-1123-001?t=K7M2QX9RT4WZ8P3N6HVB");
  EXPECT_EQ(receipt_qr_text("", "QS1-1123-001", "K7M2QX9RT4WZ8P3N6HVB"), "QS1-1123-001");
  EXPECT_EQ(receipt_qr_text("https://zwfw.example.gov.cn", "QS1-1123-001", ""), "QS1-1123-001");
}

}  // namespace
}  // namespace vsk::core
