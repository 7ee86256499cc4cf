#include "sync/protocol/envelope.h"

#include <sodium.h>
#include <zstd.h>

#include <nlohmann/json.hpp>

#include "sync/protocol/bounded_json.h"

namespace vsk::sync {
namespace {

constexpr std::string_view kMagic = "VSKE";
constexpr unsigned char kFormat = 1;

void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

std::uint32_t get_u32(std::string_view b, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// X25519 halves of an Ed25519 identity, for sealing.
std::string box_public(const PublicKey& k) {
  std::string out(crypto_box_PUBLICKEYBYTES, '\0');
  if (crypto_sign_ed25519_pk_to_curve25519(reinterpret_cast<unsigned char*>(out.data()), u8(k.bytes)) != 0) return {};
  return out;
}

std::string box_secret(const SigningKey& k) {
  std::string out(crypto_box_SECRETKEYBYTES, '\0');
  crypto_sign_ed25519_sk_to_curve25519(reinterpret_cast<unsigned char*>(out.data()), u8(k.secret));
  return out;
}

std::optional<ParsedEnvelope> fail(EnvelopeError* error, EnvelopeError e) {
  if (error) *error = e;
  return std::nullopt;
}

}  // namespace

std::string_view envelope_error_code(EnvelopeError e) {
  switch (e) {
    case EnvelopeError::kTruncated: return "truncated";
    case EnvelopeError::kBadMagic: return "bad_magic";
    case EnvelopeError::kOversized: return "oversized";
    case EnvelopeError::kBadHeader: return "bad_header";
    case EnvelopeError::kBadSignature: return "bad_signature";
    case EnvelopeError::kCannotOpen: return "cannot_open";
    case EnvelopeError::kBadCompression: return "bad_compression";
    case EnvelopeError::kUnsupportedProtocol: return "unsupported_protocol";
  }
  return "unknown";
}

std::string seal_envelope(const EnvelopeHeader& h, std::string_view json, const SigningKey& sender,
                          const PublicKey& recipient) {
  const std::string header = nlohmann::json{{"protocol", h.protocol}, {"kind", h.kind}, {"from", h.from},
                                            {"to", h.to}, {"counter", h.counter}}
                                 .dump();
  std::string packed(ZSTD_compressBound(json.size()), '\0');
  packed.resize(ZSTD_compress(packed.data(), packed.size(), json.data(), json.size(), 3));
  std::string sealed(packed.size() + crypto_box_SEALBYTES, '\0');
  const std::string pk = box_public(recipient);
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), u8(packed), packed.size(), u8(pk));

  std::string out(kMagic);
  out += static_cast<char>(kFormat);
  put_u32(out, static_cast<std::uint32_t>(header.size()));
  out += header;
  put_u32(out, static_cast<std::uint32_t>(sealed.size()));
  out += sealed;
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr, u8(out), out.size(), u8(sender.secret));
  return out + sig;
}

std::optional<ParsedEnvelope> parse_envelope(std::string_view b, EnvelopeError* error) {
  if (b.size() < kMagic.size() + 1 + 4) return fail(error, EnvelopeError::kTruncated);
  if (b.substr(0, kMagic.size()) != kMagic || static_cast<unsigned char>(b[4]) != kFormat)
    return fail(error, EnvelopeError::kBadMagic);
  std::size_t at = 5;
  const std::uint32_t header_len = get_u32(b, at);
  at += 4;
  if (header_len > kMaxHeaderBytes) return fail(error, EnvelopeError::kOversized);
  if (b.size() < at + header_len + 4) return fail(error, EnvelopeError::kTruncated);
  const std::string_view header = b.substr(at, header_len);
  at += header_len;
  const std::uint32_t payload_len = get_u32(b, at);
  at += 4;
  if (payload_len > kMaxPayloadBytes) return fail(error, EnvelopeError::kOversized);
  if (b.size() < at + payload_len + crypto_sign_BYTES) return fail(error, EnvelopeError::kTruncated);

  ParsedEnvelope env;
  const auto parsed = parse_bounded_json(header, nullptr, kMaxHeaderBytes);
  if (!parsed || !parsed->is_object()) return fail(error, EnvelopeError::kBadHeader);
  const nlohmann::json& j = *parsed;
  try {
    env.header.protocol = j.at("protocol").get<int>();
    env.header.kind = j.at("kind").get<std::string>();
    env.header.from = j.at("from").get<std::string>();
    env.header.to = j.at("to").get<std::string>();
    env.header.counter = j.at("counter").get<std::uint64_t>();
  } catch (const nlohmann::json::exception&) {
    return fail(error, EnvelopeError::kBadHeader);
  }
  if (env.header.protocol < kOldestProtocolVersion || env.header.protocol > kProtocolVersion)
    return fail(error, EnvelopeError::kUnsupportedProtocol);
  env.payload = std::string(b.substr(at, payload_len));
  at += payload_len;
  env.signed_part = std::string(b.substr(0, at));
  env.signature = std::string(b.substr(at, crypto_sign_BYTES));
  env.size = at + crypto_sign_BYTES;
  return env;
}

std::optional<std::string> open_envelope(const ParsedEnvelope& env, const PublicKey& sender,
                                         const SigningKey& recipient, EnvelopeError* error) {
  auto refuse = [error](EnvelopeError e) -> std::optional<std::string> {
    if (error) *error = e;
    return std::nullopt;
  };
  if (sender.bytes.size() != crypto_sign_PUBLICKEYBYTES ||
      crypto_sign_verify_detached(u8(env.signature), u8(env.signed_part), env.signed_part.size(), u8(sender.bytes)) != 0)
    return refuse(EnvelopeError::kBadSignature);
  if (env.payload.size() < crypto_box_SEALBYTES) return refuse(EnvelopeError::kCannotOpen);
  std::string packed(env.payload.size() - crypto_box_SEALBYTES, '\0');
  const std::string pk = box_public(recipient.public_key);
  const std::string sk = box_secret(recipient);
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(packed.data()), u8(env.payload), env.payload.size(),
                           u8(pk), u8(sk)) != 0)
    return refuse(EnvelopeError::kCannotOpen);
  const unsigned long long size = ZSTD_getFrameContentSize(packed.data(), packed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) return refuse(EnvelopeError::kBadCompression);
  if (size > kMaxJsonBytes) return refuse(EnvelopeError::kOversized);
  std::string json(size, '\0');
  const std::size_t n = ZSTD_decompress(json.data(), json.size(), packed.data(), packed.size());
  if (ZSTD_isError(n) || n != size) return refuse(EnvelopeError::kBadCompression);
  return json;
}

}  // namespace vsk::sync
