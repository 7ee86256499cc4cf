// The township server's sync path, independent of HTTP: enrollment and authenticated push
// and pull. The HTTP server and the USB bundle importer both call handle_envelope(), so the
// two paths cannot disagree. Thread-safe: every call runs its own store transactions, and
// a kiosk's envelopes are serialised by a lock on its row (DeviceStore::lock).
// What township staff do lives in TownshipAdmin (township_admin.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/clock.h"
#include "sync/protocol/envelope.h"
#include "sync/protocol/messages.h"
#include "sync/township/township_admin.h"
#include "sync/township/township_store.h"

namespace vsk::township {

// An answer: HTTP status and body. 200 carries a sealed envelope; anything else a plain
// JSON ErrorReply (nothing secret in it).
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/octet-stream";
  std::string code;         // the error code when refused
  int retry_after_s = 0;    // 503: when to come back (the Retry-After header)
  std::string log_detail;   // for the server log only, never sent
  bool close_connection = false;  // the kiosk's round is over, or it was turned away: free the worker
  bool ok() const { return status == 200; }
};

// The answer to an enrollment request from a USB stick (usb_enrollment.cpp).
struct UsbEnrollment {
  Reply reply;            // 200: body is the reply file (enroll_bundle.h); else a refusal
  bool again = false;     // the same request imported before: the same kiosk, nothing changed
  std::string device_id;  // the kiosk's id at the township
  std::string replaced;   // the device it took over from (revoked now), "" for none
  int history_ops = 0;    // operations of the replaced kiosk(s) in the reply
  int changes = 0;        // township changes in the reply's pull pages
};

// What envelopes carried, for the USB import's record (usb_import.cpp).
struct EnvelopeTally {
  std::string device_id;
  int ops = 0;      // operations pushed
  int changes = 0;  // changes in the pull answers
};

// A kiosk's USB bundle imported (import_bundle).
struct UsbImport {
  std::string error;                  // the file is not a bundle: nothing was imported
  int envelopes = 0;                  // in the bundle
  int already = 0;                    // imported before (replayed): unchanged
  std::vector<std::string> refusals;  // the refused envelopes' answers (JSON)
  std::vector<std::string> replies;   // the reply bundle's envelopes (sync::write_bundle)
  EnvelopeTally carried;
};

// Whatever file a kiosk's stick brought (import_stick_file): an enrollment request or an
// exchange bundle, imported by the one code the command line and the web dashboard share.
struct StickImport {
  bool enrollment = false;   // an enrollment request (then `enrolled`), else a bundle (`exchange`)
  UsbEnrollment enrolled;
  UsbImport exchange;
  std::string reply;         // the file for the kiosk's stick; "" for none
  sync::ErrorReply refused;  // code "" when something was taken; else why nothing changed
};

class TownshipService {
 public:
  TownshipService(TownshipStore& store, platform::Clock& clock, sync::SigningKey key);

  // Body: {"code":..., "public_key": hex, "name": ...}. Answers {"device_id", "village",
  // "server_public_key"} as JSON.
  Reply enroll(std::string_view json_body);
  // A push or pull envelope from an enrolled kiosk.
  Reply handle_envelope(std::string_view bytes, EnvelopeTally* tally = nullptr);
  // A bundle from a kiosk's USB stick (issue 19): each envelope as if it had come over the
  // network; what it carried is kept for 终端状态 (store/usb_exchange_store.h) when
  // anything was new.
  // `by`: whom the import's audit entry (kiosk.usb_import, in the transaction that records
  // the exchange) names; nullptr for none (tests of the wire alone).
  UsbImport import_bundle(std::string_view bundle, const Actor* by = nullptr, const std::string& file_name = "");
  // An enrollment request file from a USB stick: the rules of enroll() (a code is used once,
  // before it expires, by one kiosk key; a revoked kiosk stays out), and a replacement code
  // revokes the kiosk it replaces. The same request imported again answers the same kiosk.
  // `reach`: the townships the importer stands for (a code of another one is refused).
  // `by`: whom the enrollment's audit entry (kiosk.usb_enroll, in the enrollment's own
  // transaction) names; nullptr for none.
  UsbEnrollment enroll_by_bundle(std::string_view request_file, const Scope& reach = Scope::lookup(),
                                 const Actor* by = nullptr, const std::string& file_name = "");
  // The file from a stick, told apart by its first bytes. `reach` (Scope::lookup() for the
  // operator's command line) refuses, before anything is applied, a file of a kiosk or an
  // enrollment code of another township. A bundle imported before (nothing new), one all of
  // whose envelopes were refused, or a file that is neither is refused too: the reason in
  // `refused`, what was read in `enrolled` / `exchange`. Audited as the web's 终端状态 upload
  // does, naming `by`: kiosk.usb_enroll / kiosk.usb_import with the change, kiosk.usb_refused
  // (target `file_name`) for a refusal, in the township of `reach`, else of the file's kiosk,
  // else the server's only township.
  StickImport import_stick_file(std::string_view bytes, const Scope& reach, const Actor& by,
                                const std::string& file_name = "");

  // Staff actions within `scope` (a token's, the command line's township, a viewer's), by
  // `by`, who each change's audit entry names.
  TownshipAdmin admin(const Scope& scope, Actor by) { return TownshipAdmin(store_, clock_, scope, std::move(by)); }
  // The scope an admin API token reaches; nullopt for an unknown token.
  std::optional<Scope> admin_scope(const std::string& token);
  // The same and who the token acts for: its account's login, or kSharedTokenActor for a
  // token made by `township-server admin-token`.
  struct AdminCaller {
    Scope scope;
    Actor actor;
  };
  std::optional<AdminCaller> admin_caller(const std::string& token);
  const sync::PublicKey& public_key() const { return key_.public_key; }
  TownshipStore& store() { return store_; }

 private:
  Reply handle_envelope_unguarded(std::string_view bytes, EnvelopeTally* tally);
  // The device row of an enrollment (HTTP or USB); a key enrolled before is refused.
  std::optional<Reply> add_device(Tx& tx, const EnrollTarget& target, const std::string& id,
                                  const std::string& public_key_hex, const std::string& name, std::int64_t now);
  Reply handle_push(const Device& seen, const sync::EnvelopeHeader& h, std::string_view json, EnvelopeTally* tally);
  Reply handle_pull(const Device& seen, const sync::EnvelopeHeader& h, std::string_view json, EnvelopeTally* tally);
  void apply_batch(Tx& tx, const Device& d, const std::vector<sync::Operation>& ops,
                   std::vector<sync::OpResult>& results, std::int64_t now);
  Reply sealed_reply(const Device& d, std::int64_t counter, const std::string& kind, const std::string& json);
  sync::PullReply pull_page(Tx& tx, const Device& d, std::int64_t cursor, int limit, std::int64_t now);
  // The reply's envelopes: the replaced kiosks' operations, then every pull page from the start.
  std::string enrollment_pages(Tx& tx, const Device& d, std::int64_t now, UsbEnrollment& out);

  TownshipStore& store_;
  platform::Clock& clock_;
  sync::SigningKey key_;
};

// An error answer; codes are stable, the texts are for people.
Reply error_reply(int status, const std::string& code, const std::string& zh, const std::string& en);
// 503 busy: come back after `retry_after_s` (the kiosk's backoff honours it).
Reply busy_reply(int retry_after_s);
// A storage failure as an answer: 503 with Retry-After when the database is unreachable or
// busy (the kiosk simply comes back), 500 otherwise; the detail goes to the log only.
Reply storage_failure(const StoreError& e);

}  // namespace vsk::township
