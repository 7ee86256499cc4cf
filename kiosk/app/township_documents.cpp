#include "app/township_documents.h"

#include <filesystem>

#include "app/catalog_loader.h"
#include "app/points_rules_loader.h"
#include "files/atomic_file.h"

namespace vsk::app {

std::string document_path(const std::string& data_dir, const std::string& assets_dir, const std::string& relative) {
  const std::string from_township = data_dir + "/township/" + relative;
  return std::filesystem::exists(from_township) ? from_township : assets_dir + "/" + relative;
}

void register_document_changes(TownshipChanges& changes, const std::string& data_dir) {
  // Parse errors throw: TownshipChanges rolls the change back and records the reason.
  changes.on("catalog.replaced", [data_dir](db::Transaction&, const TownshipChange& c, std::string&) {
    parse_catalog(c.payload);
    platform::write_file_atomically(data_dir + "/township/catalog/services.json", c.payload);
    return std::optional<std::string>();
  });
  changes.on("points_rules.replaced", [data_dir](db::Transaction&, const TownshipChange& c, std::string&) {
    parse_points_rules(c.payload);
    platform::write_file_atomically(data_dir + "/township/points/rules.json", c.payload);
    return std::optional<std::string>();
  });
}

}  // namespace vsk::app
