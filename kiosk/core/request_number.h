// Receipt numbers and lookup codes. A receipt number is read aloud over the phone and written
// by hand, so it is short: "<kiosk code>-<MMDD>-<seq>", e.g. "QS1-1123-017". The kiosk code
// keeps numbers from two kiosks apart before they ever sync; the sequence continues per
// kiosk and day of year, so next year's 11-23 starts after this year's last number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace vsk::core {

// 2-4 characters of A-Z/0-9, starting with a letter.
bool valid_kiosk_code(std::string_view code);

std::string format_request_number(std::string_view kiosk_code, const Date& day, int seq);

// The "<kiosk>-<MMDD>-" prefix that a day's numbers share (for finding the last sequence).
std::string request_number_prefix(std::string_view kiosk_code, const Date& day);

// Upper-cases and trims what a resident typed; nullopt if it cannot be a request number.
std::optional<std::string> normalize_request_number(std::string_view typed);

// A pickup code: `digits` decimal digits from a uniform random source. `uniform(n)` returns
// a uniformly random integer in [0, n).
template <typename Uniform>
std::string make_pickup_code(Uniform&& uniform, int digits = 6) {
  std::string out;
  for (int i = 0; i < digits; ++i) out.push_back(static_cast<char>('0' + uniform(10)));
  return out;
}

// An anonymous claim code for rewarded reports: 8 characters from an alphabet with no
// look-alikes (no 0/O, 1/I/L), grouped 4-4 for reading: "K7QM-3XPA". ~40 bits.
template <typename Uniform>
std::string make_claim_code(Uniform&& uniform) {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == 4) out.push_back('-');
    out.push_back(kAlphabet[static_cast<size_t>(uniform(static_cast<std::uint32_t>(kAlphabet.size())))]);
  }
  return out;
}

}  // namespace vsk::core
