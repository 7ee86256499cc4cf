// township-server user ... and audit ...: township staff accounts and the server's audit
// log from the command line, within the command's township (see main.cpp's --township).
//   user add LOGIN --role admin|clerk|department|inspector [--name 姓名] [--department 镇民政办]
//   user disable LOGIN
//   user reset-password LOGIN          prints a new password, lifts a lockout, ends sessions
//   user token LOGIN [--label L]       prints a JSON admin API token acting for the account
//   user list [--json]
//   audit list [--json]                the newest 50 entries
//   audit verify                       "audit chain ok: N entries" or exit 1 naming the entry
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sync/township/web/accounts.h"

namespace vsk::township::web {

int user_command(Accounts& accounts, const Scope& scope, const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& options, bool json);
int audit_command(TownshipStore& store, const Scope& scope, const std::vector<std::string>& args, bool json);

}  // namespace vsk::township::web
