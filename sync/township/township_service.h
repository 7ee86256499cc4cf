// The township server's behaviour, independent of HTTP: enrollment, authenticated push and
// pull, and what township staff do (answer escalations, publish notices, revoke kiosks).
// The HTTP server and the USB bundle importer both call handle_envelope(), so the two paths
// cannot disagree. Not thread-safe: callers serialise (the HTTP server holds a mutex).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/clock.h"
#include "sync/protocol/envelope.h"
#include "sync/protocol/messages.h"
#include "sync/township/township_store.h"

namespace vsk::township {

// An answer: HTTP status and body. 200 carries a sealed envelope; anything else a plain
// JSON ErrorReply (nothing secret in it).
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/octet-stream";
  std::string code;  // the error code when refused
  bool ok() const { return status == 200; }
};

struct EnrollResult {
  std::string device_id;
  std::string village;
  std::string server_public_key_hex;
};

class TownshipService {
 public:
  TownshipService(TownshipStore& store, platform::Clock& clock, sync::SigningKey key);

  // A one-time code for a kiosk of `village` (created if new), valid for `valid_days`.
  std::string create_enroll_code(const std::string& village, int valid_days = 7);
  // Body: {"code":..., "public_key": hex, "name": ...}. Answers EnrollResult as JSON.
  Reply enroll(std::string_view json_body);
  // A push or pull envelope from an enrolled kiosk.
  Reply handle_envelope(std::string_view bytes);

  // Township staff.
  std::vector<TownshipRequest> escalations();
  // Sends the township's answer to the village that escalated `number`. Error text or "".
  std::string reply_to_request(const std::string& village, const std::string& number, const std::string& text);
  // village nullopt: every village.
  std::int64_t publish_notice(const std::optional<std::string>& village, const nlohmann::json& notice);
  // Takes a published notice down everywhere it went (0: no such notice).
  std::int64_t withdraw_notice(const std::string& notice_id);
  // A points entry made at the township (e.g. a deduction) for one household of `village`:
  // {"household_id", "delta", "rule_id", "reason"}. The kiosk keeps it as sent and shows a
  // household it takes below zero as a conflict.
  std::int64_t publish_points_entry(const std::string& village, const nlohmann::json& entry);
  // Catalog or points-rules document for every village ("catalog" / "points_rules").
  std::int64_t publish_document(const std::string& scope, const nlohmann::json& document);
  bool revoke(const std::string& device_id);
  // The kiosk downloads `scope` again from the start on its next pull (what it already has
  // is skipped; what it missed is applied).
  bool order_resync(const std::string& device_id, const std::string& scope);
  // A new bearer token for the admin API (printed once, only its hash is kept).
  std::string create_admin_token(const std::string& label);
  bool admin_token_valid(const std::string& token);
  nlohmann::json stats();
  const sync::PublicKey& public_key() const { return key_.public_key; }

 private:
  Reply handle_push(const Device& d, const sync::EnvelopeHeader& h, std::string_view json);
  Reply handle_pull(const Device& d, const sync::EnvelopeHeader& h, std::string_view json);
  sync::OpResult apply_op(db::Transaction& tx, const Device& d, const sync::Operation& op);
  Reply sealed_reply(db::Transaction& tx, const Device& d, const std::string& kind, const std::string& json);

  TownshipStore& store_;
  platform::Clock& clock_;
  sync::SigningKey key_;
};

// An error answer; codes are stable, the texts are for people.
Reply error_reply(int status, const std::string& code, const std::string& zh, const std::string& en);

}  // namespace vsk::township
