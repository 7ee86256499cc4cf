#include "core/id_card.h"

#include <gtest/gtest.h>

namespace {

using vsk::core::Date;

TEST(IdCard, ValidThroughTheLastDay) {
  EXPECT_FALSE(vsk::core::card_expired("20260110", Date{2026, 1, 10}));
  EXPECT_TRUE(vsk::core::card_expired("20260110", Date{2026, 1, 11}));
  EXPECT_FALSE(vsk::core::card_expired("20400315", Date{2026, 11, 23}));
}

TEST(IdCard, LongTermNeverExpires) { EXPECT_FALSE(vsk::core::card_expired("长期", Date{2099, 1, 1})); }

TEST(IdCard, AnUnreadableDateIsRefusedLikeAnExpiredOne) {
  EXPECT_TRUE(vsk::core::card_expired("", Date{2026, 1, 1}));
  EXPECT_TRUE(vsk::core::card_expired("2026011", Date{2026, 1, 1}));
  EXPECT_TRUE(vsk::core::card_expired("20261340", Date{2026, 1, 1}));
  EXPECT_TRUE(vsk::core::card_expired("2026O110", Date{2026, 1, 1}));
}

TEST(IdCard, PolicyNamesRoundTrip) {
  for (auto p : {vsk::core::CardPolicy::kOff, vsk::core::CardPolicy::kCardAndPin, vsk::core::CardPolicy::kCardAlone})
    EXPECT_EQ(vsk::core::parse_card_policy(vsk::core::card_policy_name(p)), p);
  EXPECT_FALSE(vsk::core::parse_card_policy("always"));
}

}  // namespace
