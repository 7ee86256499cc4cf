// Files replaced as a whole, durably: after a crash or power cut a file holds either its old
// content or all of the new one, and a rename that was reported done is on the disk. Every
// place that replaces a file (township documents, USB bundles, keys, backups, receipts,
// notice images) goes through these, so none can forget the directory fsync. No schema, no
// third-party library: linked by the kiosk, the township server and the sync protocol.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace vsk::platform {

struct AtomicWriteOptions {
  mode_t mode = 0644;
  // false: never replace an existing file; write_file_atomically throws std::system_error
  // with EEXIST instead (receipts: two in the same second keep their own names).
  bool replace = true;
};

// Writes `bytes` into a temporary file beside `path` (same filesystem), fsyncs it, renames it
// to `path` and fsyncs the directory. Creates missing parent directories. On failure the
// temporary file is removed, `path` is untouched, and std::system_error carries the errno
// (ENOSPC on a full disk) and what failed.
void write_file_atomically(const std::string& path, std::string_view bytes, const AtomicWriteOptions& options = {});

// The same contract for a copy of the file `from` (read whole; used for backups and images).
void copy_file_atomically(const std::string& from, const std::string& to, const AtomicWriteOptions& options = {});

// Makes an already written temporary file `tmp` the file `path`: fsync tmp, rename, fsync the
// directory. Removes `tmp` on failure. For writers that produce the temporary file
// themselves (SQLite's backup API). Throws std::system_error.
void publish_file(const std::string& tmp, const std::string& path, bool replace = true);

// fsync of a directory, so a rename in it survives a power cut. Best effort: some
// filesystems (vfat USB sticks) refuse it, and the file data is already safe then.
void sync_directory(const std::string& dir);

// The directory part of `path`, "." when there is none.
std::string parent_directory(const std::string& path);

}  // namespace vsk::platform
