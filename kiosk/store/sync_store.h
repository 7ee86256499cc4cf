// The kiosk's side of sync in its own file: the outbox (what must reach the township), the
// township's refusals (quarantine), conflicts, and the sync bookkeeping (device identity,
// counters, cursor, last success / error).
//
// Plugging a new capability into sync: inside the transaction that writes the change, call
// `store.sync().enqueue(tx, "thing.happened", payload_json, now)`. That is all; the
// client sends it, the township answers per operation, refusals land in quarantine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/pii_cipher.h"
#include "sqlite/sqlite_db.h"

namespace vsk::store {

struct OutboxOp {
  std::int64_t seq = 0;
  std::string op_id;
  std::string type;
  std::string payload;  // JSON text
  std::int64_t device_time = 0;
};

struct QuarantinedOp {
  OutboxOp op;
  std::string code;  // the township's reason code, translated by the UI (sync.rejected.<code>)
  std::int64_t at = 0;
};

struct SyncConflict {
  std::int64_t id = 0;
  std::int64_t change_id = 0;
  std::string scope, key, reason, local, remote;
  std::int64_t at = 0;
};

// What admin mode and `kioskctl sync-status` show.
struct SyncHealth {
  bool enrolled = false;
  std::string device_id, village, server_url;
  std::int64_t pending = 0;
  std::optional<std::int64_t> oldest_pending_at;
  std::optional<std::int64_t> last_success, last_attempt;
  std::string last_error_code;    // SyncReport::error_code of the last failed round
  std::string last_error_detail;  // its English specifics, for kioskctl
  std::int64_t quarantined = 0, conflicts = 0;
  std::optional<std::int64_t> clock_offset_s;  // kiosk clock minus township clock, at the last contact
};

namespace sync_key {
inline constexpr const char* kDeviceId = "device_id";
inline constexpr const char* kVillage = "village";
inline constexpr const char* kServerUrl = "server_url";
inline constexpr const char* kServerKey = "server_public_key";
inline constexpr const char* kCaFile = "ca_file";  // https with a private CA: its certificate file
inline constexpr const char* kSendCounter = "send_counter";    // last envelope counter used
inline constexpr const char* kReplyCounter = "reply_counter";  // last township envelope accepted
inline constexpr const char* kAckedSeq = "acked_seq";          // township holds 1..acked_seq
inline constexpr const char* kCursor = "pull_cursor";
inline constexpr const char* kLastAttempt = "last_attempt";
inline constexpr const char* kLastSuccess = "last_success";
inline constexpr const char* kLastErrorCode = "last_error_code";
inline constexpr const char* kLastErrorDetail = "last_error_detail";
inline constexpr const char* kClockOffset = "clock_offset_s";  // kiosk clock minus township clock
inline constexpr const char* kLastResync = "last_resync";      // "<scope>: <why>" of the last re-download
// A copied data dir (issue 17): the fingerprint of the machine this kiosk was enrolled on
// (platform/linux/host_fingerprint.h); the last seq filed before the first operation on
// another machine (what a copy's `enroll --fresh` starts after); and the offset between the
// outbox's seq and the one sent to the township (a copy enrolled afresh numbers from 1 again).
inline constexpr const char* kBoundHost = "bound_host";
inline constexpr const char* kCloneBase = "clone_base_seq";
inline constexpr const char* kSeqBase = "seq_base";
// Lowest seq the next operation may take: the township holds operations up to here that this
// kiosk no longer has (restored from an older backup), so new ones are numbered after them.
inline constexpr const char* kSeqFloor = "seq_floor";
// A USB enrollment request written and not yet answered (issue 19).
inline constexpr const char* kUsbRequestId = "usb_enroll.request_id";
inline constexpr const char* kUsbCodeKey = "usb_enroll.code_key";      // hex of the code's key
inline constexpr const char* kUsbRequestAt = "usb_enroll.created_at";
inline constexpr const char* kReplaced = "replaced_device";            // the device this kiosk took over from
}  // namespace sync_key

class SyncStore {
 public:
  SyncStore(db::Database& db, const platform::PiiCipher& cipher) : db_(db), cipher_(cipher) {}

  // Appends an operation with the next device sequence number (after kSeqFloor too) and a
  // fresh random op id. The first one filed on another machine than the enrolled one records
  // kCloneBase in the same transaction.
  std::int64_t enqueue(db::Transaction& tx, const std::string& type, const std::string& payload_json,
                       std::int64_t device_time);
  std::vector<OutboxOp> ops_after(std::int64_t seq, int limit);
  std::optional<OutboxOp> op(std::int64_t seq);
  std::int64_t last_seq();
  std::int64_t count_after(std::int64_t seq);
  std::optional<std::int64_t> oldest_time_after(std::int64_t seq);

  void add_rejection(db::Transaction& tx, std::int64_t seq, const std::string& code, std::int64_t at);
  std::vector<QuarantinedOp> quarantined();
  // resolution "retried" (the caller enqueues the same payload again) or "discarded".
  bool resolve_rejection(db::Transaction& tx, std::int64_t seq, const std::string& resolution,
                         std::int64_t staff_id, std::int64_t at);

  // A replaced kiosk's operations (issue 19); the same op again is ignored.
  // False: held already (the reply imported again).
  bool add_history(db::Transaction& tx, const std::string& device_id, const OutboxOp& op);
  // Op ids of the history in the order the township held them (oldest kiosk first, by seq).
  std::vector<std::string> history_op_ids();

  bool applied(std::int64_t change_id);
  void mark_applied(db::Transaction& tx, std::int64_t change_id, const std::string& scope);
  // Count and id sum of the applied changes of `scope` up to `cursor`.
  std::pair<std::int64_t, std::int64_t> applied_sum(const std::string& scope, std::int64_t cursor);

  void add_conflict(db::Transaction& tx, const SyncConflict& c);
  std::vector<SyncConflict> open_conflicts();
  bool resolve_conflict(db::Transaction& tx, std::int64_t id, const std::string& resolution, std::int64_t staff_id,
                        std::int64_t at);

  SyncHealth health();

  std::optional<std::string> get(const std::string& key);
  std::int64_t get_int(const std::string& key, std::int64_t fallback = 0);
  void set(db::Transaction& tx, const std::string& key, const std::string& value);
  void set_int(db::Transaction& tx, const std::string& key, std::int64_t value);
  void remove(db::Transaction& tx, const std::string& key);

 private:
  db::Database& db_;
  const platform::PiiCipher& cipher_;
};

}  // namespace vsk::store
