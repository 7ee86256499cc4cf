// Rules for residents who identify with their ID card on the reader instead of typing.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace vsk::core {

// Per function, a village setting (card.policy.<function>):
//   off       the card is not accepted here; type the number
//   card_pin  the card fills the ID number, the PIN is still asked
//   card      the card alone identifies; a session opened this way may read, and a change in the
//             resident's name outside a `card` function asks the PIN first (app: PIN step-up)
enum class CardPolicy { kOff, kCardAndPin, kCardAlone };

std::optional<CardPolicy> parse_card_policy(std::string_view s);
std::string_view card_policy_name(CardPolicy p);

// The functions a policy is set for (issue 15): reading my points, filing a request, my requests
// (reading, rating, reopening) and a notice opinion.
inline constexpr std::array<std::string_view, 4> kCardFunctions = {"points", "requests", "my_requests",
                                                                   "notice_opinion"};
bool is_card_function(std::string_view function);
// Without a setting: `card` for points (reading only: objections, good deeds and redemptions
// always ask the PIN), `card_pin` for the rest.
CardPolicy default_card_policy(std::string_view function);

// A card's 有效期限 end: "YYYYMMDD" (valid through that day) or "长期" (no end).
// nullopt: neither (a misread card; refuse it like an expired one).
std::optional<Date> card_valid_until(std::string_view valid_to);
bool card_expired(std::string_view valid_to, const Date& today);

}  // namespace vsk::core
