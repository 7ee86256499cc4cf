#include "app/township_documents.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "app/catalog_loader.h"
#include "app/points_rules_loader.h"

namespace vsk::app {
namespace {

// Temporary file, fsync, rename: a power cut leaves the old document or the new one.
void write_atomically(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  bool ok = fd >= 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot write " + path);
  }
}

}  // namespace

std::string document_path(const std::string& data_dir, const std::string& assets_dir, const std::string& relative) {
  const std::string from_township = data_dir + "/township/" + relative;
  return std::filesystem::exists(from_township) ? from_township : assets_dir + "/" + relative;
}

void register_document_changes(TownshipChanges& changes, const std::string& data_dir) {
  // Parse errors throw: TownshipChanges rolls the change back and records the reason.
  changes.on("catalog.replaced", [data_dir](db::Transaction&, const TownshipChange& c, std::string&) {
    parse_catalog(c.payload);
    write_atomically(data_dir + "/township/catalog/services.json", c.payload);
    return std::optional<std::string>();
  });
  changes.on("points_rules.replaced", [data_dir](db::Transaction&, const TownshipChange& c, std::string&) {
    parse_points_rules(c.payload);
    write_atomically(data_dir + "/township/points/rules.json", c.payload);
    return std::optional<std::string>();
  });
}

}  // namespace vsk::app
