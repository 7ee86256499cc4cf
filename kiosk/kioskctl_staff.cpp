#include "kioskctl_staff.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/bootstrap.h"
#include "app/staff_accounts.h"
#include "app/translations.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"
#include "store/household_store.h"

namespace vsk::ctl {
namespace {

int usage(const std::string& what) {
  std::cerr << "kioskctl: " << what << "\n" << kStaffUsage;
  return 2;
}

int report(const core::Status& st, const std::string& done) {
  if (!st) {
    const auto tr = app::Translations::load(app::default_assets_dir() + "/i18n", {"en"});
    std::cerr << "kioskctl: " << tr.format("en", st.error()) << "; nothing changed\n";
    return 1;
  }
  std::printf("%s\n", done.c_str());
  return 0;
}

std::string pin_state(const store::StaffRecord& s, bool first_admin_pending) {
  if (s.pin_hash) return "set";
  if (s.pin_reset || (first_admin_pending && s.role == "admin")) return "chooses at next login";
  return "none";
}

int cmd_list(store::KioskStore& store, bool json) {
  store::HouseholdStore& grids = store.households();
  const bool first_admin_pending = store.settings().get_or(store::setting::kFirstAdminPin, "") == "pending";
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : store.staff().list()) {
    const std::string grid = s.grid_id ? grids.grid_name(*s.grid_id).value_or("") : "";
    if (json) {
      out.push_back({{"staff_no", s.staff_no}, {"name", s.name}, {"role", s.role}, {"grid", grid},
                     {"pin", pin_state(s, first_admin_pending)}, {"disabled", s.disabled_at.has_value()}});
      continue;
    }
    std::printf("%s  %-8s  %-11s  %-10s  PIN %s%s\n", s.staff_no.c_str(), s.name.c_str(), s.role.c_str(),
                grid.empty() ? "-" : grid.c_str(), pin_state(s, first_admin_pending).c_str(), s.disabled_at ? "  (disabled)" : "");
  }
  if (json) std::cout << out.dump(2) << "\n";
  return 0;
}

// "--grid G" at args[from..]: the grid, or nullopt on a malformed tail.
std::optional<std::string> grid_option(const std::vector<std::string>& args, size_t from) {
  if (args.size() == from) return "";
  if (args.size() == from + 2 && args[from] == "--grid") return args[from + 1];
  return std::nullopt;
}

}  // namespace

std::optional<int> run_staff_command(const std::string& data_dir, const std::vector<std::string>& args) {
  if (args.size() < 2 || args[0] != "staff") return std::nullopt;
  platform::SodiumPinHasher hasher;
  auto village = app::open_village(data_dir, hasher, false);
  store::KioskStore& store = *village.store;
  const app::ActingStaff who;
  const std::int64_t now = platform::SystemClock().unix_seconds();
  const std::string& cmd = args[1];
  if (cmd == "list" && args.size() <= 3) return cmd_list(store, args.size() == 3 && args[2] == "--json");
  if (cmd == "add") {
    app::NewStaff s;
    for (size_t i = 2; i < args.size(); i += 2) {
      if (i + 1 >= args.size()) return usage(args[i] + " needs a value");
      if (args[i] == "--no") s.staff_no = args[i + 1];
      else if (args[i] == "--name") s.name = args[i + 1];
      else if (args[i] == "--role") s.role = args[i + 1];
      else if (args[i] == "--grid") s.grid = args[i + 1];
      else return usage("unknown option " + args[i]);
    }
    const auto id = app::add_staff(store, s, who, now);
    if (!id) return report(id.error(), "");
    return report(core::ok(), "added staff " + s.staff_no + " (" + s.role + "); they choose a PIN at the first login");
  }
  if (cmd == "role" && args.size() >= 4) {
    const auto grid = grid_option(args, 4);
    if (!grid) return usage("staff role NNNN ROLE [--grid GRID]");
    return report(app::change_staff_role(store, args[2], args[3], *grid, who, now), "staff " + args[2] + " is now " + args[3]);
  }
  if (cmd == "rename" && args.size() == 4)
    return report(app::rename_staff(store, args[2], args[3], who, now), "staff " + args[2] + " is now called " + args[3]);
  if (cmd == "disable" && args.size() == 3)
    return report(app::disable_staff(store, args[2], who, now), "staff " + args[2] + " disabled (kept in the records)");
  if (cmd == "reset-pin" && args.size() == 3)
    return report(app::reset_staff_pin(store, args[2], who, now),
                  "staff " + args[2] + ": PIN cleared; they choose a new one at the next login");
  return usage("unknown staff command");
}

}  // namespace vsk::ctl
