#include "sync/township/store/credential_store.h"

namespace vsk::township {

void CredentialStore::add_enroll_code(Tx& tx, const std::string& code_hash, const EnrollTarget& target,
                                      std::int64_t now, std::int64_t expires_at) {
  const std::optional<std::string> replaces =
      target.replaces.empty() ? std::nullopt : std::optional<std::string>(target.replaces);
  tx.exec("INSERT INTO enroll_codes(code_hash, township_id, village_id, created_at, expires_at, replaces) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          {code_hash, target.township_id, target.village_id, now, expires_at, replaces});
}

std::optional<EnrollTarget> CredentialStore::take_enroll_code(Tx& tx, const std::string& code_hash,
                                                              const std::string& device_id, std::int64_t now) {
  const auto r = tx.query_one(
      "UPDATE enroll_codes SET used_by = $1, used_at = $2 WHERE code_hash = $3 AND used_by IS NULL AND expires_at > $2 "
      "RETURNING township_id, village_id, COALESCE(replaces, '')",
      {device_id, now, code_hash});
  if (!r) return std::nullopt;
  return EnrollTarget{r->integer(0), r->integer(1), r->text(2)};
}

std::vector<EnrollCode> CredentialStore::enroll_codes(Tx& tx) {
  std::vector<EnrollCode> out;
  for (const auto& r : tx.query("SELECT code_hash, township_id, village_id, COALESCE(replaces, ''), expires_at, "
                                "COALESCE(used_by, '') FROM enroll_codes ORDER BY created_at DESC",
                                {}))
    out.push_back({r.text(0), {r.integer(1), r.integer(2), r.text(3)}, r.integer(4), r.text(5)});
  return out;
}

std::string CredentialStore::replaced_by(Tx& tx, const std::string& device_id) {
  const auto r = tx.query_one("SELECT COALESCE(replaces, '') FROM enroll_codes WHERE used_by = $1", {device_id});
  return r ? r->text(0) : std::string();
}

void CredentialStore::add_admin_token(Tx& tx, const std::string& token_hash, std::int64_t place_id,
                                      std::optional<std::int64_t> township_id, const std::string& label,
                                      std::int64_t now, std::optional<std::int64_t> user_id) {
  tx.exec("INSERT INTO admin_tokens(token_hash, place_id, township_id, label, created_at, user_id) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          {token_hash, place_id, township_id, label, now, user_id});
}

std::optional<std::int64_t> CredentialStore::admin_token_place(Tx& tx, const std::string& token_hash) {
  const auto owner = admin_token_owner(tx, token_hash);
  if (!owner) return std::nullopt;
  return owner->place_id;
}

std::optional<CredentialStore::AdminTokenOwner> CredentialStore::admin_token_owner(Tx& tx,
                                                                                  const std::string& token_hash) {
  const auto r = tx.query_one(
      "SELECT t.place_id, t.user_id, u.login FROM admin_tokens t LEFT JOIN users u ON u.id = t.user_id "
      "WHERE t.token_hash = $1 AND (t.user_id IS NULL OR u.disabled_at IS NULL)",
      {token_hash});
  if (!r) return std::nullopt;
  AdminTokenOwner o;
  o.place_id = r->integer(0);
  o.user_id = r->optional_integer(1);
  if (o.user_id) o.login = r->text(2);
  return o;
}

}  // namespace vsk::township
