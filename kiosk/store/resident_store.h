// Residents with their household and grid, as the kiosk needs them for identification.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/pin_lockout.h"
#include "platform/pii_cipher.h"
#include "sqlite/sqlite_db.h"

namespace vsk::store {

// id_number and phone are stored encrypted (schema v5) and come back decrypted here.
struct ResidentRecord {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  std::string name;
  std::string id_number;  // normalized (core::normalize_id_number)
  std::string gender;  // "M" / "F"
  std::string birth_date;
  std::optional<std::string> phone;
  std::string relation;
  bool is_head = false;
  std::optional<std::string> pin_hash;  // none: PIN not set up yet at the counter
  core::PinAttemptState pin_attempts;
  std::int64_t grid_id = 0;
  std::string address;    // of the household
  std::string grid_name;  // of the household
  std::string ethnicity;  // 民族, stored encrypted; empty: not given
  std::string status = "active";  // active / moved_out (迁出) / deceased (死亡): never deleted
  std::optional<std::string> status_date;
  std::optional<std::string> household_no;  // 户号 of the household (schema v10)
  std::string village_group;                // 村民小组 of the household
};

// A resident without personal data: for bulk work (the demo seeders) that needs only ids.
struct ResidentKey {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  bool has_pin = false;
};

class ResidentStore {
 public:
  ResidentStore(db::Database& db, const platform::PiiCipher& cipher) : db_(db), cipher_(cipher) {}

  // By the blind index of the normalized number: the number itself is never in the file.
  std::optional<ResidentRecord> find_by_id_number(const std::string& id_number);
  std::optional<ResidentRecord> find(std::int64_t id);
  std::vector<ResidentRecord> list(int limit, int offset);
  std::int64_t count();
  // The village's grids (id, name) in order, for filters.
  std::vector<std::pair<std::int64_t, std::string>> grids();
  // Every resident in id order, ids only.
  std::vector<ResidentKey> keys();
  // The household's address; nullopt when there is no such household.
  std::optional<std::string> household_address(std::int64_t household_id);
  // Every distinct character that a resident name or address can put on screen (font atlas).
  // Names and addresses only: never ID or phone numbers.
  std::string display_text_sample();

  // Inserts a resident (household_id, name, id_number, gender, birth_date, phone, relation,
  // is_head, pin_hash of `r`), encrypting the ID and phone numbers. Returns the new id.
  std::int64_t insert(db::Transaction& tx, const ResidentRecord& r);

  // Rewrites what a roll or 居民管理 may change (household_id, name, gender, birth_date, phone,
  // relation, is_head, ethnicity, status, status_date); never the ID number or the PIN.
  void update(db::Transaction& tx, const ResidentRecord& r);
  // Internal ids of the residents with `status`, in id order.
  std::vector<std::int64_t> ids_with_status(const std::string& status);

  void save_pin_attempts(db::Transaction& tx, std::int64_t id, const core::PinAttemptState& s);
  void set_pin_hash(db::Transaction& tx, std::int64_t id, const std::string& hash);
  // No PIN until the resident chooses one at the window (reset); attempts cleared too.
  void clear_pin(db::Transaction& tx, std::int64_t id);

 private:
  db::Database& db_;
  const platform::PiiCipher& cipher_;
};

}  // namespace vsk::store
