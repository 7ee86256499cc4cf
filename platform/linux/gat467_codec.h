// The GA/T 467 host protocol of resident ID card readers, as bytes: no I/O here, so every
// malformed frame can be tested directly.
//
//   command:  AA AA AA 96 69 | len(2, big-endian) | cmd | param | data... | xor
//   answer:   AA AA AA 96 69 | len(2, big-endian) | sw1 sw2 sw3 | data... | xor
//
// `len` counts everything after itself, checksum included; the checksum is the XOR of the
// length bytes and everything up to the checksum. sw3 is the status (0x90 success).
#pragma once

#include "platform/id_card_reader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vsk::platform::gat467 {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::uint8_t kPreamble[5] = {0xAA, 0xAA, 0xAA, 0x96, 0x69};
// The longest answer a reader sends is the base message with fingerprints (about 2.3 KB);
// anything longer is not a frame we asked for, refused before buffering it.
inline constexpr std::size_t kMaxBodyLength = 4096;

struct Command {
  std::uint8_t cmd;
  std::uint8_t param;
};
inline constexpr Command kFindCard{0x20, 0x01};
inline constexpr Command kSelectCard{0x20, 0x02};
inline constexpr Command kReadBaseMessage{0x30, 0x01};

// Status bytes (sw3).
inline constexpr std::uint8_t kOk = 0x90;
inline constexpr std::uint8_t kFindOk = 0x9F;      // most readers answer a found card with 9F
inline constexpr std::uint8_t kFindNoCard = 0x80;
inline constexpr std::uint8_t kSelectFailed = 0x81;

Bytes encode_command(Command c, const Bytes& data = {});

enum class ScanStatus {
  kIncomplete,   // keep reading; `skipped` bytes before a possible frame start may be dropped
  kFrame,        // `body` is between the length and the checksum; `consumed` bytes used
  kBadChecksum,  // a complete frame whose checksum does not match
  kBadLength,    // a length no reader sends (too short or over kMaxBodyLength)
};

struct Scan {
  ScanStatus status = ScanStatus::kIncomplete;
  std::size_t skipped = 0;   // bytes before the preamble: garbage
  std::size_t consumed = 0;  // with kFrame / kBadChecksum: skipped + the whole frame
  Bytes body;
};

// Looks for one frame at the front of `buf` (after any garbage).
Scan scan_frame(const Bytes& buf);

struct Answer {
  std::uint8_t sw1 = 0, sw2 = 0, sw3 = 0;
  Bytes data;
};
// The body of an answer frame; throws std::runtime_error when it is shorter than the status.
Answer answer_of(const Bytes& body);
// The body of a command frame (the emulator's side).
Command command_of(const Bytes& body);

// The data of a successful 30 01 answer: text length, photo length, the 256-byte UCS-2LE text
// block, the photo. Throws std::runtime_error on lengths that do not add up or a text block
// without a name or ID number. The photo is skipped.
IdCard parse_base_message(const Bytes& data);

// UCS-2LE (with surrogate pairs, just in case) to UTF-8, trailing spaces and NULs removed.
std::string ucs2le_to_utf8(const std::uint8_t* p, std::size_t n);

// GB/T 3304 code ("01") to the group's name ("汉"); the code itself when unknown.
std::string nation_name(const std::string& code);

}  // namespace vsk::platform::gat467
