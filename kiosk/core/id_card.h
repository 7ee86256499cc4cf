// Rules for residents who identify with their ID card on the reader instead of typing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace vsk::core {

// Per function, a village setting (card.policy.<function>):
//   off       the card is not accepted here; type the number
//   card_pin  the card fills the ID number, the PIN is still asked (the default)
//   card      the card alone identifies (only where nothing can be changed in the resident's name)
enum class CardPolicy { kOff, kCardAndPin, kCardAlone };

std::optional<CardPolicy> parse_card_policy(std::string_view s);
std::string_view card_policy_name(CardPolicy p);

// A card's 有效期限 end: "YYYYMMDD" (valid through that day) or "长期" (no end).
// nullopt: neither (a misread card; refuse it like an expired one).
std::optional<Date> card_valid_until(std::string_view valid_to);
bool card_expired(std::string_view valid_to, const Date& today);

}  // namespace vsk::core
