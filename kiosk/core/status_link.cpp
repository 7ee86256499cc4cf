#include "core/status_link.h"

#include <cctype>
#include <stdexcept>

namespace vsk::core {

std::string status_token_from_digest(std::string_view digest) {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32 symbols
  if (digest.size() * 8 < kStatusTokenChars * 5) throw std::invalid_argument("status token: digest too short");
  std::string out;
  std::uint32_t bits = 0;
  int have = 0;
  for (const unsigned char byte : digest) {
    bits = (bits << 8) | byte;
    have += 8;
    while (have >= 5 && out.size() < kStatusTokenChars) {
      out += kAlphabet[(bits >> (have - 5)) & 31];
      have -= 5;
    }
    if (out.size() == kStatusTokenChars) break;
    bits &= (1u << have) - 1;
  }
  return out;
}

std::optional<std::string> normalize_status_base(std::string_view base) {
  std::string b(base);
  while (!b.empty() && b.back() == '/') b.pop_back();
  if (b.empty() || b.size() > kMaxStatusBaseChars) return std::nullopt;
  std::size_t host_at = 0;
  if (b.rfind("https://", 0) == 0) host_at = 8;
  else if (b.rfind("http://", 0) == 0) host_at = 7;
  else return std::nullopt;
  if (host_at >= b.size() || b[host_at] == '/' || b[host_at] == ':') return std::nullopt;
  for (const unsigned char c : b)
    if (!(std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '/' || c == '%'))
      return std::nullopt;
  return b;
}

std::string receipt_qr_text(const std::string& base, const std::string& number, const std::string& token) {
  if (base.empty() || token.empty()) return number;
  return base + "/r/" + number + "?t=" + token;
}

}  // namespace vsk::core
