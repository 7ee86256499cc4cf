#include "core/id_card.h"

namespace vsk::core {

std::optional<CardPolicy> parse_card_policy(std::string_view s) {
  if (s == "off") return CardPolicy::kOff;
  if (s == "card_pin") return CardPolicy::kCardAndPin;
  if (s == "card") return CardPolicy::kCardAlone;
  return std::nullopt;
}

std::string_view card_policy_name(CardPolicy p) {
  switch (p) {
    case CardPolicy::kOff: return "off";
    case CardPolicy::kCardAndPin: return "card_pin";
    case CardPolicy::kCardAlone: return "card";
  }
  return "card_pin";
}

bool is_card_function(std::string_view function) {
  for (const std::string_view f : kCardFunctions)
    if (f == function) return true;
  return false;
}

CardPolicy default_card_policy(std::string_view function) {
  return function == "points" ? CardPolicy::kCardAlone : CardPolicy::kCardAndPin;
}

std::optional<Date> card_valid_until(std::string_view v) {
  if (v.size() != 8) return std::nullopt;
  for (const char c : v)
    if (c < '0' || c > '9') return std::nullopt;
  const auto num = [&](std::size_t at, std::size_t n) {
    int x = 0;
    for (std::size_t i = at; i < at + n; ++i) x = x * 10 + (v[i] - '0');
    return x;
  };
  const Date d{num(0, 4), num(4, 2), num(6, 2)};
  if (!is_valid(d)) return std::nullopt;
  return d;
}

bool card_expired(std::string_view valid_to, const Date& today) {
  if (valid_to == "长期") return false;
  const auto until = card_valid_until(valid_to);
  return !until || *until < today;
}

}  // namespace vsk::core
