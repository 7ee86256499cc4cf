#include "platform/qr.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

using vsk::platform::encode_qr;
using vsk::platform::QrMatrix;

namespace {

// 7x7 finder: dark outer ring, light ring, dark 3x3 centre (ISO/IEC 18004 6.3.3).
::testing::AssertionResult finder_at(const QrMatrix& m, int ox, int oy) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || x == 6 || y == 0 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (m.dark(ox + x, oy + y) != (ring || centre))
        return ::testing::AssertionFailure() << "module (" << ox + x << "," << oy + y << ") of finder at (" << ox << ","
                                             << oy << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

// The one-module light separator around a finder, on the sides that face the symbol.
::testing::AssertionResult separator_light(const QrMatrix& m, int col, int row, int x_from, int y_from) {
  for (int i = 0; i < 8; ++i) {
    if (m.dark(col, y_from + i)) return ::testing::AssertionFailure() << "column " << col << " row " << y_from + i;
    if (m.dark(x_from + i, row)) return ::testing::AssertionFailure() << "row " << row << " column " << x_from + i;
  }
  return ::testing::AssertionSuccess();
}

// The 15 format bits next to the top-left finder, bit 0 first (column 8 going down, then row 8
// going left), with the spec's XOR mask removed.
int format_bits(const QrMatrix& m) {
  int bits = 0;
  for (int i = 0; i < 8; ++i) {
    const int y = i < 6 ? i : i + 1;  // row 6 is the timing pattern
    bits |= (m.dark(8, y) ? 1 : 0) << i;
  }
  for (int i = 0; i < 7; ++i) {
    const int x = i == 0 ? 7 : 6 - i;  // column 6 is the timing pattern
    bits |= (m.dark(x, 8) ? 1 : 0) << (8 + i);
  }
  return bits ^ 0x5412;
}

const std::string kReceiptUrl = "https://qingshan.example/r/2026-000123?code=384920";

}  // namespace

TEST(EncodeQr, ShortTextGivesAValidVersionSizedSquare) {
  const QrMatrix m = encode_qr(kReceiptUrl);
  EXPECT_GE(m.size, 21);
  EXPECT_LE(m.size, 177);
  EXPECT_EQ((m.size - 17) % 4, 0) << "size must be 17 + 4 * version";
  ASSERT_EQ(m.modules.size(), static_cast<std::size_t>(m.size * m.size));
  for (unsigned char v : m.modules) ASSERT_LE(v, 1);
}

TEST(EncodeQr, SameTextAlwaysGivesTheSameMatrix) {
  const QrMatrix a = encode_qr(kReceiptUrl);
  const QrMatrix b = encode_qr(kReceiptUrl);
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.modules, b.modules);
}

TEST(EncodeQr, FinderPatternsSitInTheThreeCornersWithLightSeparators) {
  const QrMatrix m = encode_qr(kReceiptUrl);
  const int far = m.size - 7;
  EXPECT_TRUE(finder_at(m, 0, 0));
  EXPECT_TRUE(finder_at(m, far, 0));
  EXPECT_TRUE(finder_at(m, 0, far));
  EXPECT_TRUE(separator_light(m, 7, 7, 0, 0));                // top-left
  EXPECT_TRUE(separator_light(m, far - 1, 7, far - 1, 0));    // top-right
  EXPECT_TRUE(separator_light(m, 7, far - 1, 0, far - 1));    // bottom-left
  EXPECT_FALSE(finder_at(m, far, far)) << "bottom-right has no finder";
}

TEST(EncodeQr, TimingPatternsAlternateBetweenTheFinders) {
  const QrMatrix m = encode_qr(kReceiptUrl);
  for (int i = 8; i < m.size - 8; ++i) {
    EXPECT_EQ(m.dark(i, 6), i % 2 == 0) << "row 6, column " << i;
    EXPECT_EQ(m.dark(6, i), i % 2 == 0) << "column 6, row " << i;
  }
}

TEST(EncodeQr, FormatInformationSaysErrorCorrectionLevelM) {
  const int bits = format_bits(encode_qr(kReceiptUrl));
  EXPECT_EQ((bits >> 13) & 0x3, 0) << "EC level bits: L=01 M=00 Q=11 H=10";
}

TEST(EncodeQr, DifferentTextsGiveDifferentMatrices) {
  const QrMatrix a = encode_qr("VSK-2026-000123");
  const QrMatrix b = encode_qr("VSK-2026-000124");
  ASSERT_EQ(a.size, b.size);
  EXPECT_NE(a.modules, b.modules);
}

TEST(EncodeQr, LongerTextNeedsALargerSymbol) {
  EXPECT_LT(encode_qr("384920").size, encode_qr(std::string(300, 'x')).size);
}

TEST(EncodeQr, ChineseTextIsEncodedAsUtf8Bytes) {
  const QrMatrix m = encode_qr("青山村便民服务回执 取件码 384920");
  EXPECT_TRUE(finder_at(m, 0, 0));
}

TEST(EncodeQr, EmptyTextThrows) { EXPECT_THROW(encode_qr(""), std::runtime_error); }

TEST(EncodeQr, TextBeyondVersion40Throws) { EXPECT_THROW(encode_qr(std::string(3000, 'a')), std::runtime_error); }
