// The one unit that travels between a kiosk and the township, over HTTP or on a USB stick:
// a signed, sealed, compressed JSON message.
//
//   "VSKE" | u8 version | u32 header length | header JSON | u32 payload length | payload | signature(64)
//
// - header: {"protocol":1,"kind":"push","from":<sender id>,"to":<recipient id>,"counter":N}.
//   The counter grows with every message a sender sends; the receiver refuses one that is
//   not above the last it accepted from that sender (replay protection without trusting
//   anyone's wall clock).
// - payload: zstd-compressed JSON, then sealed (libsodium crypto_box_seal) to the recipient's
//   key, so ID numbers in an escalated request are readable only by the township, even on a
//   USB stick or a plain-HTTP link.
// - signature: Ed25519 by the sender over everything before it. Checked before anything is
//   decrypted or decompressed, so unauthenticated input costs the receiver almost nothing.
//
// Limits are enforced while parsing: a header over 4 KiB, a payload over 32 MiB or JSON that
// decompresses to more than 128 MiB is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sync/protocol/keys.h"

namespace vsk::sync {

inline constexpr int kProtocolVersion = 1;
inline constexpr int kOldestProtocolVersion = 1;
inline constexpr std::size_t kMaxHeaderBytes = 4 * 1024;
inline constexpr std::size_t kMaxPayloadBytes = 32u * 1024 * 1024;
inline constexpr std::size_t kMaxJsonBytes = 128u * 1024 * 1024;

struct EnvelopeHeader {
  int protocol = kProtocolVersion;
  std::string kind;        // "push", "pull", "push-result", "pull-result", "error"
  std::string from;        // device id, or "township"
  std::string to;          // "township", or a device id
  std::uint64_t counter = 0;
};

// Why an envelope was refused. Stable codes: they travel in error replies and reach logs.
enum class EnvelopeError {
  kTruncated,      // shorter than its own lengths say
  kBadMagic,
  kOversized,
  kBadHeader,      // header is not the JSON described above
  kBadSignature,
  kCannotOpen,     // sealed to someone else, or corrupted inside a valid signature
  kBadCompression,
  kUnsupportedProtocol,
};

std::string_view envelope_error_code(EnvelopeError e);

// Seals `json` to `recipient`, signs with `sender`. Never fails for valid keys.
std::string seal_envelope(const EnvelopeHeader& header, std::string_view json, const SigningKey& sender,
                          const PublicKey& recipient);

struct ParsedEnvelope {
  EnvelopeHeader header;
  std::string signed_part;   // bytes the signature covers
  std::string signature;
  std::string payload;       // still sealed
  std::size_t size = 0;      // bytes this envelope took (envelopes can be concatenated)
};

// Splits the bytes and reads the header; checks framing and limits, not the signature.
// On failure `error` says why. Reads one envelope from the front of `bytes`.
std::optional<ParsedEnvelope> parse_envelope(std::string_view bytes, EnvelopeError* error);

// Checks the signature with the claimed sender's key, then opens and decompresses.
std::optional<std::string> open_envelope(const ParsedEnvelope& env, const PublicKey& sender,
                                         const SigningKey& recipient, EnvelopeError* error);

}  // namespace vsk::sync
