// One sync round for a kiosk: push the outbox in batches, then pull the village's changes
// page by page. Every step that matters is committed before the next network call, so a
// crash or a dropped link at any point leaves a state the next round continues from:
//  - the envelope counter is committed before sending (a retry uses a new counter, never a
//    replayed one);
//  - what the township acknowledged is committed with its results (rejections quarantined);
//  - each pulled page is applied together with its cursor in one transaction.
// So no write transaction is ever open during network I/O, and the UI thread's writes on its
// own connection wait at most for one short commit (docs/writer-model.md).
// The same envelopes make a USB bundle (export_bundle / import_bundle).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/township_changes.h"
#include "platform/clock.h"
#include "store/kiosk_store.h"
#include "sync/client/transport.h"
#include "sync/protocol/heartbeat.h"
#include "sync/protocol/keys.h"
#include "sync/protocol/messages.h"

namespace vsk::sync {

struct SyncReport {
  bool ok = false;
  // "not_enrolled", "network[:reason]", "refused:<code>", "http_<status>", "bad_reply", ...,
  // "kiosk.storage.full" (this kiosk's own disk): stored, and translated by the UI
  // (app/sync_error_text.h). Never display text: the English UI must not show Chinese.
  std::string error_code;
  std::string error_detail;  // English specifics for logs and kioskctl (curl's words, the server's)
  int pushed = 0, accepted = 0, duplicates = 0, rejected = 0;
  int pulled = 0, conflicts = 0;
  std::int64_t acked_seq = 0;
  std::int64_t pending = 0;
  std::int64_t bytes_sent = 0, bytes_received = 0;
  int already_imported = 0;  // USB reply envelopes applied before (skipped)
  int resyncs = 0;           // downloads restarted from the beginning (checksum or township order)
  int history = 0;           // a replaced kiosk's operations received (USB enrollment reply)
  int restored = 0;          // ...of which rebuilt here (its requests, their events and ratings)
  bool enrolled_now = false;  // this import completed a USB enrollment
  std::int64_t retry_after_s = 0;  // the township was busy and asked to come back after this long
  int refiled = 0;  // refused as seq_conflict (restored from an older backup): filed again past the township's record
};

using store::SyncHealth;

struct SyncLimits {
  // Operations per push. Each push costs two commits at the kiosk and one at the township
  // whatever its size: 10,000 operations took 2.4 s in batches of 200, 1.5 s in batches of
  // 1,000 (medians on a loaded machine, bench/sync_bench --batch). A batch of 1,000 is
  // ~50 KB on the wire: 7 s on a 64 kbit/s line, well inside the transport's timeout.
  int batch_ops = 1000;
  int pull_page = 200;
};

// DATA_DIR/keys/device.key: the kiosk's signing key, created on first use.
std::string device_key_path(const std::string& data_dir);

class SyncClient {
 public:
  SyncClient(store::KioskStore& store, platform::Clock& clock, SigningKey device_key, app::TownshipChanges& changes,
             SyncLimits limits = {});

  // Registers this kiosk with the township using a one-time code. `fresh`: this data dir was
  // copied from an enrolled kiosk (run_once said "cloned"); it enrolls as a kiosk of its own
  // and sends only what was filed on this machine, numbered from 1 (the original sends the rest).
  SyncReport enroll(Transport& t, const std::string& server_url, const std::string& code, const std::string& name,
                    bool fresh = false);
  // The disk moved to this machine and the old one is gone for good: keep the identity here.
  // False (with the reason) when there is nothing to claim.
  bool claim_identity(std::string* error);
  // Binds the identity to the machine it is enrolled on and makes each enrollment its own key
  // at `key_path` (kiosk_sync.cpp). Unset (tests of the protocol): no binding, the key given.
  void bind_to_host(std::string host_fingerprint, std::string key_path);
  SyncReport run_once(Transport& t);

  // USB: every pending operation and a pull request, as a bundle file's bytes.
  std::optional<std::string> export_bundle(std::string* error);
  // Applies the township's reply bundle, or the reply to a USB enrollment request.
  SyncReport import_bundle(std::string_view bytes);

  // USB enrollment (issue 19, usb_enroll.cpp): the request file for the stick, bound to the
  // code staff typed. The same code again gives the same request; another code a new one.
  // nullopt with `r` failed ("already_enrolled", "bad_code_format").
  std::optional<std::string> usb_enroll_request(const std::string& code, const std::string& name, SyncReport& r);

  SyncHealth health();

  // Told after each envelope of a bundle built or applied (done of total): the screen's progress.
  void set_progress(std::function<void(int done, int total)> progress) { progress_ = std::move(progress); }

  // Each round's first push carries `make()`; `sent(h)` runs once the township acknowledged it
  // (so crashes are reported once). Unset: no heartbeat.
  void set_heartbeat(std::function<Heartbeat()> make, std::function<void(const Heartbeat&)> sent);

 private:
  struct Identity {
    std::string device_id;
    PublicKey server_key;
  };
  std::optional<Identity> identity();
  // False, with "cloned" in `r`, when this data dir runs on another machine than it was enrolled on.
  bool on_enrolled_host(SyncReport& r);
  bool copied_here();
  // An outbox op as the township numbers it (kSeqBase: a copy enrolled afresh).
  Operation wire_op(const store::OutboxOp& o, std::int64_t base);
  std::string next_envelope(const Identity& id, const std::string& kind, const std::string& json);
  // Checks and opens a township envelope addressed to this kiosk; bumps the reply counter in `tx`.
  std::optional<std::string> open_reply(db::Transaction& tx, const Identity& id, std::string_view bytes,
                                        const std::string& kind, SyncReport& r);
  bool push(Transport& t, const Identity& id, SyncReport& r);
  bool pull(Transport& t, const Identity& id, SyncReport& r);
  // `sent`: the batch this answers (online); a reply that does not answer exactly its
  // operations is refused. Null: from a USB bundle, whose batches asked for full replies.
  bool apply_push_reply(const Identity& id, std::string_view bytes, SyncReport& r, const PushBatch* sent = nullptr);
  bool apply_pull_reply(const Identity& id, std::string_view bytes, SyncReport& r, bool* more);
  bool apply_history(const Identity& id, std::string_view bytes, SyncReport& r);
  // The envelopes of a township bundle, in order; those imported before are skipped.
  bool apply_bundle(const Identity& id, std::string_view bundle, SyncReport& r);
  SyncReport import_enroll_reply(std::string_view bytes);
  std::optional<std::string> exchange(Transport& t, const std::string& body, SyncReport& r);
  SyncReport finish(SyncReport r);
  void fail(SyncReport& r, const std::string& code, const std::string& zh);

  store::KioskStore& store_;
  platform::Clock& clock_;
  SigningKey key_;
  app::TownshipChanges& changes_;
  SyncLimits limits_;
  bool resynced_ = false;  // at most one restart per round
  std::function<Heartbeat()> make_heartbeat_;
  std::function<void(const Heartbeat&)> heartbeat_sent_;
  bool heartbeat_due_ = false;  // this round's heartbeat has not gone out yet
  std::string host_, key_path_;
  std::function<void(int, int)> progress_;
};

}  // namespace vsk::sync
