// What proves who a caller is: one-time enrollment codes for kiosks and bearer tokens for
// the admin API. Only hashes are kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/township/store/tx.h"

namespace vsk::township {

struct EnrollTarget {
  std::int64_t township_id = 0;
  std::int64_t village_id = 0;
  std::string replaces;  // a replacement code: the device the new kiosk takes over from
};

// One code as the USB enrollment looks for it (a request proves its code without naming it).
struct EnrollCode {
  std::string code_hash;
  EnrollTarget target;
  std::int64_t expires_at = 0;
  std::string used_by;  // "" while unused
};

class CredentialStore {
 public:
  void add_enroll_code(Tx& tx, const std::string& code_hash, const EnrollTarget& target, std::int64_t now,
                       std::int64_t expires_at);
  // The village of an unused, unexpired code, marking it used by `device_id`. One
  // conditional UPDATE: of two kiosks racing for one code exactly one gets it.
  std::optional<EnrollTarget> take_enroll_code(Tx& tx, const std::string& code_hash, const std::string& device_id,
                                               std::int64_t now);
  // Every code within reach, used and expired ones too (so a refusal can say which it was).
  std::vector<EnrollCode> enroll_codes(Tx& tx);
  // The device that `device_id` replaced, "" when it replaced none.
  std::string replaced_by(Tx& tx, const std::string& device_id);
  // `place_id`: the township or county the token reaches. `user_id`: the account it acts
  // for (a per-user token), none for an operator's token from `admin-token`.
  void add_admin_token(Tx& tx, const std::string& token_hash, std::int64_t place_id,
                       std::optional<std::int64_t> township_id, const std::string& label, std::int64_t now,
                       std::optional<std::int64_t> user_id = std::nullopt);
  // The place a token reaches; nullopt for an unknown token or one whose user is disabled.
  std::optional<std::int64_t> admin_token_place(Tx& tx, const std::string& token_hash);
  // The same with whom it acts for: the account (a per-user token) or none (an operator's).
  struct AdminTokenOwner {
    std::int64_t place_id = 0;
    std::optional<std::int64_t> user_id;
    std::string login;  // "" without an account
  };
  std::optional<AdminTokenOwner> admin_token_owner(Tx& tx, const std::string& token_hash);
};

}  // namespace vsk::township
