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

#include "files/atomic_file.h"

namespace vsk::platform {

namespace {

// ---- Files -----------------------------------------------------------------------------------


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

std::string local_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

// <stem>-<timestamp>-<n>.png with the first n not taken, so two receipts in the same second
// (or a clock set back) never overwrite each other. Mode 0600: receipts carry pickup codes.
std::string save_png(const std::string& dir, const std::string& stem, const std::vector<unsigned char>& png) {
  const std::string_view bytes(reinterpret_cast<const char*>(png.data()), png.size());
  const std::string base = dir + "/" + stem + "-" + local_timestamp() + "-";
  for (int n = 1; n <= 10000; ++n) {
    const std::string path = base + std::to_string(n) + ".png";
    try {
      platform::write_file_atomically(path, bytes, {.mode = 0600, .replace = false});
      return path;
    } catch (const std::system_error& e) {
      if (e.code().value() != EEXIST) throw;
    }
  }
  throw std::runtime_error("no free receipt file name in " + dir);
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
