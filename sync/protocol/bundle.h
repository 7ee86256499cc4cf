// A USB bundle: the same envelopes that travel over HTTP, one after another in a file.
//   "VSKBUNDLE1\n" envelope envelope ...
// Each envelope is signed and sealed on its own, so a bundle needs no signature of its own;
// a damaged or truncated file is refused as a whole before anything is applied.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vsk::sync {

inline constexpr std::string_view kBundleMagic = "VSKBUNDLE1\n";
inline constexpr std::size_t kMaxBundleBytes = 256u * 1024 * 1024;

std::string write_bundle(const std::vector<std::string>& envelopes);
// The envelopes' bytes, or nullopt with `error` ("truncated envelope 3: ...").
std::optional<std::vector<std::string>> read_bundle(std::string_view bytes, std::string* error);

// Whole-file helpers; the write is atomic (temporary file, fsync, rename): a stick that fills
// up or is pulled mid-write never holds half a bundle under the bundle's name. On failure
// `error` says it for people ("the USB stick is full: ...") and `error_number` gets the errno
// (ENOSPC, EROFS, ...) for a translated message on screen.
std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes, std::string* error);
bool write_file_atomic(const std::string& path, std::string_view bytes, std::string* error, int* error_number = nullptr);

}  // namespace vsk::sync
