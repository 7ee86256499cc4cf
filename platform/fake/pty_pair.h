// A pseudo-terminal pair standing in for a USB device in tests: the code under test opens the
// slave side by path (or through a symlink, as `socat pty,link=...` makes), the emulator
// talks on the master side. The emulator keeps the slave open too, so its master never sees a
// hang-up between two sessions of the code under test; close() is the unplug.
#pragma once

#include <string>

namespace vsk::platform {

class PtyPair {
 public:
  // Raw mode on both ends; `link_path` empty: no symlink. Throws std::runtime_error.
  explicit PtyPair(std::string link_path);
  ~PtyPair();
  PtyPair(const PtyPair&) = delete;
  PtyPair& operator=(const PtyPair&) = delete;

  int master() const { return master_; }
  const std::string& slave_path() const { return slave_path_; }
  // Waits up to `timeout_ms` for input on the master; reads at most `n` bytes into `buf`.
  // Returns the count, 0 when nothing came or the pair is closed.
  int read(unsigned char* buf, int n, int timeout_ms);
  void write_all(const unsigned char* p, std::size_t n);
  // Removes the link and closes both ends: a reader holding the slave sees EIO / hang-up.
  void close();

 private:
  std::string link_path_;
  std::string slave_path_;
  int master_ = -1;
  int slave_ = -1;
};

}  // namespace vsk::platform
