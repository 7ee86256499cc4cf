// kioskctl's sync commands (issue 5): enroll, sync, sync-status, export-bundle, import-bundle.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vsk::cli {

extern const char* kSyncUsage;

// nullopt when `args` is not a sync command; otherwise the exit code.
std::optional<int> run_sync_command(const std::string& data_dir, const std::vector<std::string>& args);

}  // namespace vsk::cli
