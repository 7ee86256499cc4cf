#include "sync/township/staff_audit.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace vsk::township {

Actor command_line_actor() {
  std::string user;
  if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo) user = sudo;
  if (user.empty())
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) user = pw->pw_name;
  if (user.empty()) user = "uid" + std::to_string(::geteuid());
  return Actor{"cli:" + user, std::nullopt};
}

void audit_action(TownshipStore& store, Tx& tx, std::int64_t township, std::int64_t at, const Actor& who,
                  const std::string& action, const std::string& target, const std::string& detail) {
  store.audit().append(tx, {township, at, who.user_id, who.name, action, target, detail});
}

void audit_alone(TownshipStore& store, std::int64_t township, std::int64_t at, const Actor& who,
                 const std::string& action, const std::string& target, const std::string& detail) {
  store.write_retrying(Scope::township(township), [&](Tx& tx) {
    audit_action(store, tx, township, at, who, action, target, detail);
    tx.commit();
  });
}

std::string notice_audit_target(std::int64_t change) { return "notice #" + std::to_string(change); }
std::string points_audit_target(std::int64_t change) { return "points #" + std::to_string(change); }
std::string document_audit_target(const std::string& scope, std::int64_t change) {
  return scope + " #" + std::to_string(change);
}
std::string reply_audit_detail(std::int64_t change) { return "change #" + std::to_string(change); }

}  // namespace vsk::township
