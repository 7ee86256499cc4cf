#include "core/id_number.h"

#include <gtest/gtest.h>

using namespace vsk::core;

namespace {
// Built with the published GB 11643 weights: 11010519491231002 -> check X.
constexpr const char* kValidX = "11010519491231002X";
}  // namespace

TEST(IdNumber, AcceptsAValidNumberEndingInX) { EXPECT_EQ(validate_id_number(kValidX), std::nullopt); }

TEST(IdNumber, ComputesTheStandardCheckCharacter) {
  EXPECT_EQ(id_check_character("11010519491231002"), 'X');
  EXPECT_EQ(id_check_character("44052419800101001"), '3');
}

TEST(IdNumber, RejectsAWrongCheckDigit) {
  EXPECT_EQ(validate_id_number("110105194912310021"), IdNumberError::kBadCheckDigit);
  EXPECT_EQ(validate_id_number("440524198001010014"), IdNumberError::kBadCheckDigit);
  EXPECT_EQ(validate_id_number("440524198001010013"), std::nullopt);
}

TEST(IdNumber, RejectsWrongLength) {
  EXPECT_EQ(validate_id_number(""), IdNumberError::kWrongLength);
  EXPECT_EQ(validate_id_number("11010519491231002"), IdNumberError::kWrongLength);
  EXPECT_EQ(validate_id_number("11010519491231002X1"), IdNumberError::kWrongLength);
  EXPECT_EQ(validate_id_number("110105491231002"), IdNumberError::kWrongLength);  // old 15-digit numbers
}

TEST(IdNumber, LowercaseXIsNormalisedBeforeValidation) {
  EXPECT_EQ(validate_id_number("11010519491231002x"), IdNumberError::kBadCharacters);
  EXPECT_EQ(normalize_id_number(" 11010519491231002x "), kValidX);
  EXPECT_EQ(validate_id_number(normalize_id_number("11010519491231002x")), std::nullopt);
}

TEST(IdNumber, RejectsLettersAndImpossibleBirthDates) {
  EXPECT_EQ(validate_id_number("1101051949123100AX"), IdNumberError::kBadCharacters);
  EXPECT_EQ(validate_id_number("X10105194912310021"), IdNumberError::kBadCharacters);
  // 1949-02-30 does not exist; the check digit is made right so only the date is wrong.
  std::string bad = "11010519490230002";
  bad += id_check_character(bad);
  EXPECT_EQ(validate_id_number(bad), IdNumberError::kBadBirthDate);
  std::string leap = "11010520000229002";  // 2000 was a leap year
  leap += id_check_character(leap);
  EXPECT_EQ(validate_id_number(leap), std::nullopt);
  std::string not_leap = "11010519000229002";  // 1900 was not
  not_leap += id_check_character(not_leap);
  EXPECT_EQ(validate_id_number(not_leap), IdNumberError::kBadBirthDate);
}

TEST(IdNumber, MaskKeepsOnlyFirstAndLastFour) {
  EXPECT_EQ(mask_id_number(kValidX), "1101**********002X");
  EXPECT_EQ(mask_id_number("1234"), "****");
}

TEST(IdNumber, MaskNameKeepsFirstAndLastCharacter) {
  EXPECT_EQ(mask_name("张小明"), "张*明");
  EXPECT_EQ(mask_name("李四"), "李*");
  EXPECT_EQ(mask_name("欧阳小明"), "欧*明");
  EXPECT_EQ(mask_name("王"), "王");
}

TEST(IdNumber, MaskPhoneKeepsThreeAndFour) {
  EXPECT_EQ(mask_phone("13800138000"), "138****8000");
  EXPECT_EQ(mask_phone("0571-87654321"), "057******4321");
  EXPECT_EQ(mask_phone("12345"), "*****");
  EXPECT_TRUE(looks_like_phone("0571-87654321"));
  EXPECT_FALSE(looks_like_phone("2"));
  EXPECT_FALSE(looks_like_phone("路灯 13800138000"));
}
