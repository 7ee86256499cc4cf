// Resident identity numbers (公民身份号码, GB 11643-1999): validation and masking.
// Pure functions; no I/O. The kiosk never shows a full ID number on screen.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vsk::core {

enum class IdNumberError {
  kWrongLength,     // not 18 characters
  kBadCharacters,   // non-digits in the first 17, or a last char other than digit/X
  kBadBirthDate,    // characters 7-14 are not a plausible date
  kBadCheckDigit,   // the ISO 7064 MOD 11-2 check character does not match
};

// Upper-cases a trailing 'x' and drops surrounding spaces, so "…123x" and "…123X" are one id.
std::string normalize_id_number(std::string_view raw);

// The check character ('0'..'9' or 'X') for the first 17 digits. Precondition: 17 ASCII digits.
char id_check_character(std::string_view first17);

// nullopt when `id` (already normalized) is a well-formed 18-character number.
std::optional<IdNumberError> validate_id_number(std::string_view id);

// "330182199001011234" -> "3301**********1234": the first 4 and the last 4 stay visible.
std::string mask_id_number(std::string_view id);

// "13800138000" -> "138****8000", "0571-87654321" -> "057******4321": the first 3 and last 4
// characters stay; anything shorter than 8 characters is fully starred.
std::string mask_phone(std::string_view phone);

// Whether a form value looks like a phone number (7+ digits, only digits and '-'), so exports
// mask it.
bool looks_like_phone(std::string_view value);

// "张小明" -> "张*明", "李四" -> "李*": for public boards (UTF-8 aware).
std::string mask_name(std::string_view name);

}  // namespace vsk::core
