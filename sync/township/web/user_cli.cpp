#include "sync/township/web/user_cli.h"

#include <iostream>

#include <nlohmann/json.hpp>

namespace vsk::township::web {
namespace {

std::string opt(const std::map<std::string, std::string>& o, const char* name) {
  const auto it = o.find(name);
  return it == o.end() ? std::string() : it->second;
}

int usage() {
  std::cerr << "usage: township-server user add LOGIN --role admin|clerk|department|inspector [--name N] "
               "[--department D]\n"
               "       township-server user disable|reset-password LOGIN\n"
               "       township-server user token LOGIN [--label L]\n"
               "       township-server user list [--json]\n"
               "       township-server audit list [--json] | audit verify\n";
  return 2;
}

}  // namespace

int user_command(Accounts& accounts, const Scope& scope, const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& options, bool json) {
  if (args.empty()) return usage();
  const std::string& verb = args[0];
  if (verb == "list") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& u : accounts.users(scope)) {
      list.push_back({{"login", u.login}, {"name", u.display_name}, {"role", u.role}, {"department", u.department},
                      {"disabled", u.disabled_at.has_value()}, {"locked_until", u.locked_until}});
      if (!json)
        std::cout << u.login << "  " << u.display_name << "  " << u.role
                  << (u.department.empty() ? "" : "  " + u.department) << (u.disabled_at ? "  DISABLED" : "") << "\n";
    }
    if (json) std::cout << list.dump(2) << "\n";
    return 0;
  }
  if (args.size() != 2) return usage();
  const std::string& login = args[1];
  const Actor by = command_line_actor();
  if (verb == "add") {
    const std::string password =
        accounts.add_user(scope, login, opt(options, "name"), opt(options, "role"), opt(options, "department"), by);
    std::cout << "user " << login << " added; password (shown once): " << password << "\n";
    return 0;
  }
  if (verb == "disable") {
    accounts.disable_user(scope, login, by);
    std::cout << "user " << login << " disabled; their sessions and API tokens stop now\n";
    return 0;
  }
  if (verb == "reset-password") {
    std::cout << "new password for " << login << " (shown once): " << accounts.reset_password(scope, login, by)
              << "\n";
    return 0;
  }
  if (verb == "token") {
    std::cout << accounts.create_api_token(scope, login, opt(options, "label"), by) << "\n";
    return 0;
  }
  return usage();
}

int audit_command(TownshipStore& store, const Scope& scope, const std::vector<std::string>& args, bool json) {
  if (args.size() != 1 || scope.townships.size() != 1) return usage();
  Tx tx = store.read(scope);
  if (args[0] == "verify") {
    const auto r = store.audit().verify(tx, scope.townships.front());
    if (!r.ok) {
      std::cerr << "audit chain broken: " << r.reason << "\n";
      return 1;
    }
    std::cout << "audit chain ok: " << r.entries << " entries\n";
    return 0;
  }
  if (args[0] != "list") return usage();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : store.audit().newest(tx, scope.townships.front(), 50)) {
    list.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"action", e.action}, {"target", e.target},
                    {"detail", e.detail}, {"hash", e.hash}});
    if (!json) std::cout << e.seq << "  " << e.at << "  " << e.actor << "  " << e.action << "  " << e.target << "\n";
  }
  if (json) std::cout << list.dump(2) << "\n";
  return 0;
}

}  // namespace vsk::township::web
