#include "files/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace vsk::platform {
namespace {

[[noreturn]] void fail(int err, const std::string& what) { throw std::system_error(err, std::generic_category(), what); }

void write_all(int fd, std::string_view bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(errno, "cannot write " + path);
    done += static_cast<std::size_t>(n);
  }
}

// Returns 0 or an errno. Filesystems without RENAME_NOREPLACE (vfat USB sticks, some FUSE) get
// check-then-rename, racy only against another writer of the same name, which we never are.
int rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) return errno;
  struct stat st {};
  if (::lstat(to.c_str(), &st) == 0) return EEXIST;
  return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

// A unique hidden temporary name beside `path`: two writers of the same file cannot share one.
std::string make_temp(const std::string& path, mode_t mode, int* fd_out) {
  const std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  std::string tmp = (p.has_parent_path() ? p.parent_path().string() + "/" : std::string()) + "." +
                    p.filename().string() + ".tmp-XXXXXX";
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot create a temporary file for " + path);
  ::fchmod(fd, mode);
  *fd_out = fd;
  return tmp;
}

void fsync_and_close(int fd, const std::string& tmp) {
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    fail(err, "cannot sync " + tmp);
  }
  if (::close(fd) != 0) fail(errno, "cannot close " + tmp);
}

}  // namespace

std::string parent_directory(const std::string& path) {
  const std::filesystem::path p = std::filesystem::path(path).parent_path();
  return p.empty() ? "." : p.string();
}

void sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

namespace {

// The shared shape: a temporary file filled by `fill`, then published under `path`.
template <typename Fill>
void write_through_temp(const std::string& path, const AtomicWriteOptions& options, Fill&& fill) {
  int fd = -1;
  const std::string tmp = make_temp(path, options.mode, &fd);
  try {
    fill(fd, tmp);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  publish_file(tmp, path, options.replace);
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes, const AtomicWriteOptions& options) {
  write_through_temp(path, options, [&](int fd, const std::string& tmp) { write_all(fd, bytes, tmp); });
}

// Streamed in blocks: a database backup does not have to fit in memory.
void copy_file_atomically(const std::string& from, const std::string& to, const AtomicWriteOptions& options) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) fail(errno, "cannot read " + from);
  try {
    write_through_temp(to, options, [&](int fd, const std::string& tmp) {
      char block[1 << 16];
      for (;;) {
        const ssize_t n = ::read(in, block, sizeof block);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(errno, "cannot read " + from);
        if (n == 0) break;
        write_all(fd, std::string_view(block, static_cast<std::size_t>(n)), tmp);
      }
    });
  } catch (...) {
    ::close(in);
    throw;
  }
  ::close(in);
}

void publish_file(const std::string& tmp, const std::string& path, bool replace) {
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail(err, "cannot open " + tmp);
  }
  try {
    fsync_and_close(fd, tmp);
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  const int err = replace ? (::rename(tmp.c_str(), path.c_str()) == 0 ? 0 : errno) : rename_no_replace(tmp, path);
  if (err != 0) {
    ::unlink(tmp.c_str());
    fail(err, "cannot rename " + tmp + " to " + path);
  }
  sync_directory(parent_directory(path));
}

}  // namespace vsk::platform
