// libFuzzer target for everything that parses bytes from outside the kiosk or the township:
// envelopes (HTTP bodies and bundle parts), bundles, and the JSON messages inside.
// Also the JSON edges that are not messages: bounded parsing (admin API bodies) and the
// kiosk's strict catalog and points-rules loaders (township documents, checked by both ends).
// Built and run by tests/fuzz/run_fuzz.sh (clang, -fsanitize=fuzzer,address,undefined).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/catalog_loader.h"
#include "app/points_rules_loader.h"
#include "sync/protocol/bounded_json.h"
#include "sync/protocol/bundle.h"
#include "sync/protocol/envelope.h"
#include "sync/protocol/messages.h"

using namespace vsk::sync;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const SigningKey kiosk = SigningKey::generate();
  static const SigningKey township = SigningKey::generate();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  EnvelopeError e{};
  if (const auto env = parse_envelope(bytes, &e)) (void)open_envelope(*env, kiosk.public_key, township, &e);
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
