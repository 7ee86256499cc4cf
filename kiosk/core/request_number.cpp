#include "core/request_number.h"

#include <cctype>
#include <cstdio>

namespace vsk::core {

bool valid_kiosk_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 4 || !std::isupper(static_cast<unsigned char>(code[0]))) return false;
  for (char c : code)
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string request_number_prefix(std::string_view kiosk_code, const Date& day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "-%02d%02d-", day.month, day.day);
  return std::string(kiosk_code) + buf;
}

std::string format_request_number(std::string_view kiosk_code, const Date& day, int seq) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", seq);
  return request_number_prefix(kiosk_code, day) + buf;
}

std::optional<std::string> normalize_request_number(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  // <code 2-4>-<4 digits>-<3+ digits>
  const size_t a = out.find('-');
  const size_t b = a == std::string::npos ? a : out.find('-', a + 1);
  if (b == std::string::npos || !valid_kiosk_code(out.substr(0, a)) || b - a - 1 != 4 || out.size() - b - 1 < 3)
    return std::nullopt;
  for (size_t i = a + 1; i < out.size(); ++i)
    if (i != b && !std::isdigit(static_cast<unsigned char>(out[i]))) return std::nullopt;
  return out;
}

}  // namespace vsk::core
