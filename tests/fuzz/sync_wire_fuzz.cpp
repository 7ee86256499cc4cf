// libFuzzer target for everything that parses bytes from outside the kiosk or the township:
// envelopes (HTTP bodies and bundle parts), bundles, and the JSON messages inside.
// Also the JSON edges that are not messages: bounded parsing (admin API bodies) and the
// kiosk's strict catalog and points-rules loaders (township documents, checked by both ends).
// Behind the seal too: with fixed keys (fuzz_keys.h) the sealed seeds open; an input that
// parses as an envelope is signed again so a mutated header still reaches decryption and the
// decoder of its kind; and each input is also sealed, as a zstd frame, into a validly signed
// envelope: what a kiosk holding its key (buggy or stolen) can make the township decompress.
// Built and run by tests/fuzz/run_fuzz.sh (clang, -fsanitize=fuzzer,address,undefined).
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_keys.h"

#include "app/catalog_loader.h"
#include "app/points_rules_loader.h"
#include "sync/protocol/bounded_json.h"
#include "sync/protocol/bundle.h"
#include "sync/protocol/envelope.h"
#include "sync/protocol/messages.h"

using namespace vsk::sync;

namespace {

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

std::string sign(std::string_view bytes, const SigningKey& key) {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr, u8(bytes), bytes.size(), u8(key.secret));
  return sig;
}

// The opened JSON through the decoder its kind is read with.
void decode_as(const std::string& kind, const std::string& json) {
  std::string why;
  if (kind == "push") (void)decode_push_batch(json, &why);
  if (kind == "pull") (void)decode_pull_request(json, &why);
  if (kind == "push-result") (void)decode_push_reply(json, &why);
  if (kind == "pull-result") (void)decode_pull_reply(json, &why);
}

void open_signed_again(std::string_view bytes) {
  EnvelopeError e{};
  auto env = parse_envelope(bytes, &e);
  if (!env) return;
  const bool to_township = env->header.to == "township";
  const SigningKey& sender = to_township ? vsk::fuzz::kiosk_key() : vsk::fuzz::township_key();
  const SigningKey& recipient = to_township ? vsk::fuzz::township_key() : vsk::fuzz::kiosk_key();
  env->signature = sign(env->signed_part, sender);
  if (const auto json = open_envelope(*env, sender.public_key, recipient, &e)) decode_as(env->header.kind, *json);
}

void open_as_sealed_frame(std::string_view frame) {
  const SigningKey& township = vsk::fuzz::township_key();
  std::string box_pk(crypto_box_PUBLICKEYBYTES, '\0');
  if (crypto_sign_ed25519_pk_to_curve25519(reinterpret_cast<unsigned char*>(box_pk.data()), u8(township.public_key.bytes)) != 0)
    return;
  std::string sealed(frame.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), u8(frame), frame.size(), u8(box_pk));
  const std::string header = R"({"protocol":1,"kind":"push","from":"fuzz","to":"township","counter":1})";
  std::string env = "VSKE";
  env += static_cast<char>(1);
  put_u32(env, static_cast<std::uint32_t>(header.size()));
  env += header;
  put_u32(env, static_cast<std::uint32_t>(sealed.size()));
  env += sealed;
  env += sign(env, vsk::fuzz::kiosk_key());
  EnvelopeError e{};
  const auto parsed = parse_envelope(env, &e);
  if (!parsed) return;  // a frame over the payload limit
  if (const auto json = open_envelope(*parsed, vsk::fuzz::kiosk_key().public_key, township, &e)) {
    decode_as("push", *json);
    decode_as("pull", *json);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  EnvelopeError e{};
  if (const auto env = parse_envelope(bytes, &e))
    (void)open_envelope(*env, vsk::fuzz::kiosk_key().public_key, vsk::fuzz::township_key(), &e);
  open_signed_again(bytes);
  open_as_sealed_frame(bytes);
  std::string why;
  (void)read_bundle(bytes, &why);
  (void)decode_push_batch(bytes, &why);
  (void)decode_push_reply(bytes, &why);
  (void)decode_pull_request(bytes, &why);
  (void)decode_pull_reply(bytes, &why);
  (void)decode_error_reply(bytes, &why);
  if (const auto j = parse_bounded_json(bytes, &why)) (void)j->dump();  // the admin API's first step
  const std::string text(bytes);
  try {
    (void)vsk::app::parse_catalog(text);
  } catch (const std::runtime_error&) {
  }
  try {
    (void)vsk::app::parse_points_rules(text);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
