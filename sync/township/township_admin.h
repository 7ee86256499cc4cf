// What township (or county) staff do, within their scope: answer escalations, publish
// notices, points entries and documents, look after kiosks, hand out enrollment codes and
// admin tokens. The command line makes one for the chosen township; the admin API one per
// request for its token's scope; the web pages one per request for the viewer. Each names
// who acts (an Actor): every change below writes its server audit entry (staff_audit.h) in
// the change's own transaction, so no change is ever without its entry. Lists read from the
// standby when there is one.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/clock.h"
#include "sync/township/staff_audit.h"
#include "sync/township/township_store.h"

namespace vsk::township {

// A staff action that cannot be carried out as asked: code for programs, text for people.
class AdminError : public std::runtime_error {
 public:
  AdminError(std::string code, const std::string& what) : std::runtime_error(what), code_(std::move(code)) {}
  const std::string& code() const { return code_; }  // "no_such_village", "ambiguous_village", ...

 private:
  std::string code_;
};

// One entry of the change log as staff see what was published: a document version, a
// notice (published or withdrawn) or a points entry.
struct PublishedChange {
  std::int64_t township_id = 0;
  std::int64_t id = 0;                  // the change's number in its township
  std::optional<std::string> village;   // nullopt: every village of the township
  std::string kind, key, payload;
  std::int64_t at = 0;
};

class TownshipAdmin {
 public:
  TownshipAdmin(TownshipStore& store, platform::Clock& clock, Scope scope, Actor by);
  const Scope& scope() const { return scope_; }
  const Actor& actor() const { return by_; }

  // A one-time code for a kiosk of `village`, valid for `valid_days`. A village new to a
  // one-township scope is added to the tree (zero administration); elsewhere it must exist.
  std::string create_enroll_code(const std::string& village, int valid_days = 7);
  // A replacement code: the kiosk that enrolls with it takes over from `old_device` (a kiosk
  // of the same village), which is revoked at that moment and whose operations the new one
  // receives as its history (USB enrollment, issue 19). Throws AdminError("no_such_kiosk").
  std::string create_replacement_code(const std::string& village, const std::string& old_device, int valid_days = 7);
  std::vector<TownshipRequest> escalations();
  // Sends the township's answer to the village that escalated `number` (sealed in the change
  // log: change_log.h). Error text or ""; `change_id`, when given, receives the change's id.
  std::string reply_to_request(const std::string& village, const std::string& number, const std::string& text,
                               std::int64_t* change_id = nullptr);
  // village nullopt: every village in reach.
  std::int64_t publish_notice(const std::optional<std::string>& village, const nlohmann::json& notice);
  // Takes a published notice down everywhere it went (0: no such notice).
  std::int64_t withdraw_notice(const std::string& notice_id);
  // A points entry made at the township (e.g. a deduction) for one household of `village`:
  // {"household_id", "delta", "rule_id", "reason"}. The kiosk keeps it as sent and shows a
  // household it takes below zero as a conflict.
  std::int64_t publish_points_entry(const std::string& village, const nlohmann::json& entry);
  // Catalog or points-rules document for every village in reach ("catalog" / "points_rules").
  // A document its checks refuse is audited as document.refused (as the web's 文档 does) and
  // throws AdminError. `note`: the audit detail (the web's file name and size); by default
  // the document's size.
  std::int64_t publish_document(const std::string& scope, const nlohmann::json& document,
                                const std::string& note = "");
  // What was published in `scope` ("catalog", "points_rules", "notices", "points") within
  // reach, newest first, at most `limit` entries.
  std::vector<PublishedChange> published(const std::string& scope, int limit = 200);
  // The base of the receipt QR's status link (core/status_link.h) for every kiosk in reach;
  // "" turns the link off. Throws AdminError("bad_status_base") for anything but an http(s)
  // address.
  std::int64_t set_status_page_base(const std::string& base);
  bool revoke(const std::string& device_id);
  // The kiosk downloads `scope` again from the start on its next pull (what it already has
  // is skipped; what it missed is applied).
  bool order_resync(const std::string& device_id, const std::string& scope);
  // A new bearer token for the admin API reaching this scope (printed once, only its hash
  // is kept).
  std::string create_admin_token(const std::string& label);
  // Every kiosk with its latest heartbeat and alerts (silent > 24 h, paper_out, disk_low,
  // old_version), plus the alerts as one list.
  nlohmann::json stats();
  // A kiosk's heartbeats, newest first.
  nlohmann::json heartbeat_history(const std::string& device_id, int limit = 100);

 private:
  // The village called `name` within reach; created when `create` and the scope is one township.
  Place village(Tx& tx, const std::string& name, bool create);
  void audit(Tx& tx, std::int64_t township, const std::string& action, const std::string& target,
             const std::string& detail = "");
  // The township of a kiosk this scope reaches (for its audit entry), nullopt when none.
  std::optional<std::int64_t> township_of_device(Tx& tx, const std::string& device_id);
  TownshipStore& store_;
  platform::Clock& clock_;
  Scope scope_;
  Actor by_;
};

// The scope of the only township, when the server holds exactly one (the command line's
// default); nullopt when there are several (the caller must name one).
std::optional<Scope> single_township_scope(TownshipStore& store);
// A township by name (in `county` when given); nullopt when there is none or several.
std::optional<Scope> township_scope(TownshipStore& store, const std::string& township, const std::string& county = "");
std::optional<Scope> county_scope(TownshipStore& store, const std::string& county);

}  // namespace vsk::township
