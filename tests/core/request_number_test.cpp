#include "core/request_number.h"

#include <gtest/gtest.h>

#include <set>

using namespace vsk::core;

TEST(RequestNumber, IsShortAndReadable) {
  EXPECT_EQ(format_request_number("QS1", {2026, 11, 23}, 17), "QS1-1123-017");
  EXPECT_EQ(format_request_number("QS1", {2026, 1, 5}, 1234), "QS1-0105-1234");
  EXPECT_EQ(request_number_prefix("BS", {2026, 11, 23}), "BS-1123-");
}

TEST(RequestNumber, TwoKiosksNeverShareANumber) {
  EXPECT_NE(format_request_number("QS1", {2026, 11, 23}, 1), format_request_number("QS2", {2026, 11, 23}, 1));
}

TEST(RequestNumber, KioskCodesAreLettersAndDigits) {
  EXPECT_TRUE(valid_kiosk_code("QS1"));
  EXPECT_TRUE(valid_kiosk_code("BS"));
  EXPECT_FALSE(valid_kiosk_code("1QS"));
  EXPECT_FALSE(valid_kiosk_code("Q"));
  EXPECT_FALSE(valid_kiosk_code("QS-1"));
  EXPECT_FALSE(valid_kiosk_code("qs1"));
}

TEST(RequestNumber, NormalisesWhatWasTyped) {
  EXPECT_EQ(normalize_request_number(" qs1-1123-017 "), "QS1-1123-017");
  EXPECT_EQ(normalize_request_number("QS1-112-017"), std::nullopt);
  EXPECT_EQ(normalize_request_number("QS1-1123-01"), std::nullopt);
  EXPECT_EQ(normalize_request_number("QS1-11a3-017"), std::nullopt);
}

TEST(RequestNumber, PickupAndClaimCodesUseTheRandomSource) {
  int calls = 0;
  auto seq = [&](std::uint32_t n) { return static_cast<std::uint32_t>(calls++) % n; };
  EXPECT_EQ(make_pickup_code(seq), "012345");
  const std::string claim = make_claim_code(seq);
  EXPECT_EQ(claim.size(), 9u);
  EXPECT_EQ(claim[4], '-');
  for (char c : claim) EXPECT_EQ(std::string("01ILO").find(c), std::string::npos) << claim;
}

TEST(RequestNumber, ClaimCodesFromARealSourceDoNotRepeat) {
  std::uint64_t x = 88172645463325252ull;  // xorshift: good enough to show no collisions in 10k
  auto rnd = [&](std::uint32_t n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return static_cast<std::uint32_t>(x % n);
  };
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) EXPECT_TRUE(seen.insert(make_claim_code(rnd)).second);
}
