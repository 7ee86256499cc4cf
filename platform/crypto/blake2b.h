// BLAKE2b-256 as lowercase hex (libsodium's crypto_generichash, 32 bytes, no key): the hash of
// the audit and points chains on the kiosk and of enrollment codes and admin tokens on the
// township server. One definition, so both ends hash the same bytes the same way.
#pragma once

#include <string>
#include <string_view>

namespace vsk::platform {

std::string blake2b256_hex(std::string_view bytes);

}  // namespace vsk::platform
