// The receipt QR's link to the township's public status page (issue 12):
// BASE/r/NUMBER?t=TOKEN. BASE is a township setting (e.g. the county's 政务 domain) that
// reaches the kiosk through sync; TOKEN is made at filing and sent with the request, so only
// the person holding the receipt can open the page. With no BASE the QR holds the number
// alone, as before. Plain rules shared by the kiosk and the township server.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vsk::core {

inline constexpr std::size_t kStatusTokenChars = 20;      // 5 bits each: 100 bits
inline constexpr std::size_t kMaxStatusBaseChars = 200;  // the QR stays small enough to scan

// The token from a secret-keyed digest of at least 13 bytes (100 bits used), in an alphabet
// without look-alikes (no 0/O, 1/I).
std::string status_token_from_digest(std::string_view digest);

// "https://zwfw.example.gov.cn/vsk/" -> "https://zwfw.example.gov.cn/vsk"; nullopt for
// anything but an http(s) address with a host, without query, fragment, spaces or quotes.
std::optional<std::string> normalize_status_base(std::string_view base);

// What the receipt's QR encodes: the link, or the number when there is no base or token.
std::string receipt_qr_text(const std::string& base, const std::string& number, const std::string& token);

}  // namespace vsk::core
