#include "sync/protocol/bundle.h"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>

#include "files/atomic_file.h"
#include "sync/protocol/envelope.h"

namespace vsk::sync {

std::string write_bundle(const std::vector<std::string>& envelopes) {
  std::string out(kBundleMagic);
  for (const auto& e : envelopes) out += e;
  return out;
}

std::optional<std::vector<std::string>> read_bundle(std::string_view bytes, std::string* error) {
  auto fail = [error](std::string why) -> std::optional<std::vector<std::string>> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (bytes.size() > kMaxBundleBytes) return fail("bundle too large");
  if (bytes.substr(0, kBundleMagic.size()) != kBundleMagic) return fail("not a sync bundle");
  bytes.remove_prefix(kBundleMagic.size());
  std::vector<std::string> out;
  while (!bytes.empty()) {
    EnvelopeError e{};
    const auto env = parse_envelope(bytes, &e);
    if (!env)
      return fail("envelope " + std::to_string(out.size() + 1) + ": " + std::string(envelope_error_code(e)));
    out.emplace_back(bytes.substr(0, env->size));
    bytes.remove_prefix(env->size);
  }
  if (out.empty()) return fail("empty bundle");
  return out;
}

std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes, std::string* error) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    if (error) *error = "cannot read " + path;
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(in.tellg());
  if (size > max_bytes) {
    if (error) *error = path + " is too large";
    return std::nullopt;
  }
  in.seekg(0);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  return bytes;
}

// Mode 0600: bundles carry residents' requests.
bool write_file_atomic(const std::string& path, std::string_view bytes, std::string* error, int* error_number) {
  try {
    platform::write_file_atomically(path, bytes, {.mode = 0600});
    return true;
  } catch (const std::system_error& e) {
    const int n = e.code().value();
    if (error_number) *error_number = n;
    if (error) {
      if (n == ENOSPC || n == EDQUOT)
        *error = "the USB stick (or disk) is full: nothing was written to " + path + "; free some space or use another stick";
      else if (n == EROFS)
        *error = "the USB stick is read-only (write-protect switch?): nothing was written to " + path;
      else
        *error = e.what();
    }
    return false;
  }
}

}  // namespace vsk::sync
