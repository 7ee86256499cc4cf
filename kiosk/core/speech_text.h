// Text prepared for the speech synthesiser: numbers, dates, points, money and codes written
// the way a Mandarin speaker reads them aloud (120 -> 一百二十, 2026-11-23 -> 二〇二六年十一月
// 二十三日, -20分 -> 扣二十分, QS1-1123-001 digit by digit). espeak-ng's own number reading is
// weak for Mandarin (long numbers come out as digit strings), so the kiosk normalises first.
// Pure code: the table-driven test in tests/core/speech_text_test.cpp is the specification.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vsk::core {

// 0 -> 零, 15 -> 十五, 110 -> 一百一十, 1005 -> 一千零五, 20300 -> 二万零三百. Handles 0..10^16.
std::string chinese_number(std::uint64_t n);
// Each digit on its own: "2026" -> 二〇二六 (years, codes, phone and ID numbers).
std::string chinese_digits(std::string_view digits);
// The whole text, normalised for reading aloud in `locale` ("zh-CN" or "en").
std::string speech_text(std::string_view text, std::string_view locale);
// The espeak-ng voice for a UI locale: Mandarin ("cmn") unless the locale is English.
std::string speech_voice(std::string_view locale);

}  // namespace vsk::core
