#include "core/id_number.h"

#include <array>
#include <cctype>

namespace vsk::core {
namespace {

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::array<char, 11> kCheckChars = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool plausible_birth_date(std::string_view yyyymmdd) {
  const int year = to_int(yyyymmdd.substr(0, 4));
  const int month = to_int(yyyymmdd.substr(4, 2));
  const int day = to_int(yyyymmdd.substr(6, 2));
  if (year < 1890 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29) return leap;
  return day <= kDays[month - 1];
}

// Length in bytes of the UTF-8 sequence starting with `lead`.
size_t utf8_len(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

std::string normalize_id_number(std::string_view raw) {
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) raw.remove_prefix(1);
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
  std::string out(raw);
  if (!out.empty() && out.back() == 'x') out.back() = 'X';
  return out;
}

char id_check_character(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

std::optional<IdNumberError> validate_id_number(std::string_view id) {
  if (id.size() != 18) return IdNumberError::kWrongLength;
  const char last = id[17];
  if (!all_digits(id.substr(0, 17)) || !((last >= '0' && last <= '9') || last == 'X'))
    return IdNumberError::kBadCharacters;
  if (!plausible_birth_date(id.substr(6, 8))) return IdNumberError::kBadBirthDate;
  if (id_check_character(id.substr(0, 17)) != last) return IdNumberError::kBadCheckDigit;
  return std::nullopt;
}

std::string mask_id_number(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') + std::string(phone.substr(phone.size() - 4));
}

bool looks_like_phone(std::string_view value) {
  std::size_t digits = 0;
  for (char c : value) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != '-')
      return false;
  }
  return digits >= 7;
}

std::string mask_name(std::string_view name) {
  std::string out;
  size_t chars = 0;
  size_t i = 0;
  std::string last;
  while (i < name.size()) {
    const size_t n = std::min(utf8_len(static_cast<unsigned char>(name[i])), name.size() - i);
    std::string_view ch = name.substr(i, n);
    if (chars == 0) out.append(ch);
    last = std::string(ch);
    ++chars;
    i += n;
  }
  if (chars <= 1) return out;
  out += "*";
  if (chars >= 3) out += last;
  return out;
}

}  // namespace vsk::core
