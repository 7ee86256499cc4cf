#include "sync/client/usb_stick.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace vsk::sync {
namespace {

namespace fs = std::filesystem;

bool is_dir(const std::string& p) {
  struct stat st{};
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// A mount point: another device than its parent directory.
bool is_mount_point(const fs::path& p) {
  struct stat st{}, parent{};
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && ::stat(p.parent_path().c_str(), &parent) == 0 &&
         st.st_dev != parent.st_dev;
}

// Mount points one or two levels below `root` (/media/usb, /media/USER/LABEL).
std::optional<std::string> mounted_below(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return std::nullopt;
  std::vector<fs::path> candidates;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    if (is_mount_point(e.path())) candidates.push_back(e.path());
    std::error_code inner;
    if (e.is_directory(inner))
      for (const auto& f : fs::directory_iterator(e.path(), inner))
        if (is_mount_point(f.path())) candidates.push_back(f.path());
  }
  if (candidates.empty()) return std::nullopt;
  std::sort(candidates.begin(), candidates.end());
  return candidates.front().string();
}

}  // namespace

std::optional<std::string> find_usb_stick(const std::string& configured_dir) {
  if (!configured_dir.empty()) return is_dir(configured_dir) ? std::optional<std::string>(configured_dir) : std::nullopt;
  for (const char* root : {"/run/media", "/media"})
    if (auto found = mounted_below(root)) return found;
  return std::nullopt;
}

std::vector<std::string> bundle_files(const std::string& stick_dir) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  for (const auto& e : fs::directory_iterator(stick_dir, ec)) {
    std::error_code inner;
    if (e.path().extension() == ".vsk" && e.is_regular_file(inner))
      found.emplace_back(e.last_write_time(inner), e.path().string());
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

}  // namespace vsk::sync
