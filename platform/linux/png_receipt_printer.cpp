#include "platform/printer.h"

#include <fcntl.h>
#include <stb_image_write.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace vsk::platform {

namespace {

// ---- Files -----------------------------------------------------------------------------------

[[noreturn]] void throw_errno(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

// Encoded in memory rather than with stbi_write_png(path), so the bytes can be fsync'ed before
// the rename makes the file visible.
std::vector<unsigned char> encode_png(const GrayImage& canvas) {
  std::vector<unsigned char> png;
  const auto append = [](void* ctx, void* data, int size) {
    auto* out = static_cast<std::vector<unsigned char>*>(ctx);
    const auto* bytes = static_cast<const unsigned char*>(data);
    out->insert(out->end(), bytes, bytes + size);
  };
  if (stbi_write_png_to_func(append, &png, canvas.width, canvas.height, 1, canvas.pixels.data(), canvas.width) == 0)
    throw std::runtime_error("PNG encoding failed");
  return png;
}

void write_all(int fd, const std::vector<unsigned char>& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("write receipt");
    done += static_cast<std::size_t>(n);
  }
}

// A hidden temp file beside the target (same filesystem, so rename is atomic), written and
// fsync'ed. mkstemp makes it 0600: receipts carry pickup codes.
std::string write_temp(const std::string& dir, const std::string& stem, const std::vector<unsigned char>& bytes) {
  std::string path = dir + "/." + stem + "-XXXXXX";
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) throw_errno("cannot create a file in " + dir);
  try {
    write_all(fd, bytes);
    if (::fsync(fd) != 0) throw_errno("fsync receipt");
  } catch (...) {
    ::close(fd);
    ::unlink(path.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(path.c_str());
    throw std::system_error(err, std::generic_category(), "close receipt");
  }
  return path;
}

// Returns 0 or an errno. Filesystems without RENAME_NOREPLACE (vfat USB sticks, some FUSE) get
// check-then-rename, racy only against another writer of the same name, which the kiosk is not.
int rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) return errno;
  struct stat st {};
  if (::lstat(to.c_str(), &st) == 0) return EEXIST;
  return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

// The rename itself must reach the disk too, or a power cut can lose the finished file.
// Some filesystems refuse fsync on a directory; the file data is already safe then.
void sync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string local_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

// <stem>-<timestamp>-<n>.png with the first n not taken, so two receipts in the same second
// (or a clock set back) never overwrite each other.
std::string publish(const std::string& tmp, const std::string& dir, const std::string& stem) {
  const std::string base = dir + "/" + stem + "-" + local_timestamp() + "-";
  for (int n = 1; n <= 10000; ++n) {
    const std::string path = base + std::to_string(n) + ".png";
    const int err = rename_no_replace(tmp, path);
    if (err == 0) {
      sync_dir(dir);
      return path;
    }
    if (err != EEXIST) {
      ::unlink(tmp.c_str());
      throw std::system_error(err, std::generic_category(), "cannot rename receipt to " + path);
    }
  }
  ::unlink(tmp.c_str());
  throw std::runtime_error("no free receipt file name in " + dir);
}

std::string save_png(const std::string& dir, const std::string& stem, const std::vector<unsigned char>& png) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // first receipt in a fresh data dir
  if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
  return publish(write_temp(dir, stem, png), dir, stem);
}

// A stem with '/' would write outside out_dir.
std::string safe_stem(std::string stem) {
  std::replace(stem.begin(), stem.end(), '/', '_');
  return stem.empty() ? "receipt" : stem;
}

}  // namespace

PngReceiptPrinter::PngReceiptPrinter(std::string out_dir, std::string font_path, std::string file_stem)
    : out_dir_(std::move(out_dir)), renderer_(std::move(font_path)), file_stem_(safe_stem(std::move(file_stem))) {}

PrintResult PngReceiptPrinter::print(const Receipt& r) {
  PrintResult result;
  try {
    result.path = save_png(out_dir_, file_stem_, encode_png(renderer_.render(r)));
    result.ok = true;
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

}  // namespace vsk::platform
