// The township server's own SQLite file: villages, enrolled kiosks, every operation ever
// received (exactly once), the township's view of village requests, and the change log
// that kiosks pull from.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite_db.h"

namespace vsk::township {

struct Device {
  std::string id;
  std::int64_t village_id = 0;
  std::string village;
  std::string public_key_hex;
  std::string name;
  std::int64_t enrolled_at = 0;
  std::optional<std::int64_t> revoked_at;
  std::int64_t last_counter = 0;   // highest envelope counter accepted from it
  std::int64_t acked_seq = 0;      // highest operation seq held without gaps
  std::optional<std::int64_t> last_contact;
  std::optional<std::int64_t> clock_skew_s;  // device clock minus server clock at last contact
  std::int64_t pending_reported = 0;
  std::int64_t reply_counter = 0;  // counter of the envelopes sent to it
};

struct StoredOp {
  std::string outcome;
  std::string code;
  std::string message_zh;
  std::string op_id;
};

struct TownshipRequest {
  std::string village;
  std::string number;
  std::string service_id;
  std::string status;
  std::string department;
  std::string detail;  // JSON the kiosk sent with the escalation
  std::int64_t updated_at = 0;
};

class TownshipStore {
 public:
  explicit TownshipStore(const std::string& path);
  db::Database& db() { return db_; }

  std::int64_t village_id(db::Transaction& tx, const std::string& name);  // creates on first use
  std::optional<std::int64_t> find_village(const std::string& name);
  void add_enroll_code(db::Transaction& tx, const std::string& code_hash, std::int64_t village_id, std::int64_t now,
                       std::int64_t expires_at);
  // The village of an unused, unexpired code, marking it used by `device_id`.
  std::optional<std::int64_t> take_enroll_code(db::Transaction& tx, const std::string& code_hash,
                                               const std::string& device_id, std::int64_t now);
  void add_device(db::Transaction& tx, const Device& d);
  std::optional<Device> device(const std::string& id);
  std::vector<Device> devices();
  bool revoke(db::Transaction& tx, const std::string& id, std::int64_t now);
  void note_contact(db::Transaction& tx, const std::string& id, std::int64_t counter, std::int64_t now,
                    std::int64_t skew, std::optional<std::int64_t> pending);
  std::int64_t next_reply_counter(db::Transaction& tx, const std::string& id);

  std::optional<StoredOp> op_by_id(const std::string& op_id);
  std::optional<StoredOp> op_by_seq(const std::string& device_id, std::int64_t seq);
  void add_op(db::Transaction& tx, const std::string& device_id, std::int64_t seq, const std::string& op_id,
              const std::string& type, const std::string& payload, std::int64_t device_time, std::int64_t now,
              const StoredOp& result);
  // Moves the device's acked_seq over every seq now held without a gap; returns it.
  std::int64_t advance_acked(db::Transaction& tx, const std::string& device_id);
  std::int64_t op_count();
  void add_admin_token(db::Transaction& tx, const std::string& token_hash, const std::string& label, std::int64_t now);
  bool admin_token_known(const std::string& token_hash);

  // The township's copy of a village request; `seq` orders updates from one kiosk.
  void upsert_request(db::Transaction& tx, std::int64_t village_id, const std::string& number,
                      const std::string& service_id, const std::string& status, const std::string& department,
                      const std::string& detail, std::int64_t seq, std::int64_t now);
  std::optional<TownshipRequest> request(const std::string& village, const std::string& number);
  std::vector<TownshipRequest> requests_with_status(const std::string& status);

  // village_id nullopt: a change for every village.
  std::int64_t add_change(db::Transaction& tx, std::optional<std::int64_t> village_id, const std::string& scope,
                          const std::string& kind, const std::string& key, const std::string& payload,
                          std::int64_t now);
  struct ChangeRow {
    std::int64_t id;
    std::string scope, kind, key, payload;
  };
  struct KeyedChange {
    std::optional<std::int64_t> village_id;
    std::string payload;
  };
  // The changes of `scope` about `key`, oldest first.
  std::vector<KeyedChange> changes_by_key(const std::string& scope, const std::string& key);
  std::vector<ChangeRow> changes_after(std::int64_t village_id, std::int64_t cursor, int limit);
  // Per scope: count and id sum of the village's changes up to `cursor`.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> scope_sums(std::int64_t village_id, std::int64_t cursor);
  // A re-download of one scope ordered for a device: repeated in every pull answer until the
  // device pulls from the start.
  bool order_resync(db::Transaction& tx, const std::string& device_id, const std::string& scope);
  std::string pending_resync(const std::string& device_id);
  void clear_resync(db::Transaction& tx, const std::string& device_id);

 private:
  db::Database db_;
};

}  // namespace vsk::township
