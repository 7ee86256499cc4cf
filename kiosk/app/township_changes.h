// Applies what the township sends down (pulled changes), inside the transaction that also
// moves the pull cursor: a change is applied exactly once or not at all. Each capability
// registers a handler for its change kinds; a change that cannot apply (the village state
// disagrees, or this kiosk does not know the kind) becomes a conflict record for staff,
// never a silent overwrite or a silent drop.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "platform/clock.h"
#include "store/kiosk_store.h"

namespace vsk::app {

class RequestService;
class PointsService;
class NoticeService;

struct TownshipChange {
  std::int64_t id = 0;
  std::string scope;
  std::string kind;
  std::string key;
  std::string payload;  // JSON text
};

class TownshipChanges {
 public:
  // Returns nullopt when applied, else the conflict reason code; `local` may describe the
  // village's side for the conflict record.
  using Handler = std::function<std::optional<std::string>(db::Transaction&, const TownshipChange&, std::string& local)>;

  TownshipChanges(store::KioskStore& store, platform::Clock& clock) : store_(store), clock_(clock) {}
  void on(const std::string& kind, Handler h) { handlers_[kind] = std::move(h); }
  // true: applied; false: recorded as a conflict.
  bool apply(db::Transaction& tx, const TownshipChange& c);

  // A replaced kiosk's operation (USB replacement, issue 19), arrived with the enrollment
  // reply: its capability rebuilds what it recorded (true) or ignores it (false). One that
  // cannot apply changes nothing and is kept in sync_history only.
  using HistoryHandler =
      std::function<bool(db::Transaction&, const std::string& type, const std::string& payload, std::int64_t at)>;
  void on_history(const std::string& type, HistoryHandler h) { history_handlers_[type] = std::move(h); }
  bool apply_history(db::Transaction& tx, const std::string& type, const std::string& payload, std::int64_t at);

 private:
  store::KioskStore& store_;
  platform::Clock& clock_;
  std::map<std::string, Handler> handlers_;
  std::map<std::string, HistoryHandler> history_handlers_;
};

// request.township_reply -> a township_reply event on the escalated request; and a replaced
// kiosk's request.submitted / request.event / request.rated -> its requests on this PC.
void register_request_changes(TownshipChanges& changes, RequestService& requests);
// points.entry -> an external ledger entry (a deduction made at the township, say); one that
// takes a household below zero is kept and listed as a points conflict for staff.
void register_points_changes(TownshipChanges& changes, PointsService& points);
// notices.published / notices.withdrawn -> a township notice (乡镇通知), idempotent by its id.
void register_notice_changes(TownshipChanges& changes, NoticeService& notices);
// settings.status_page_base -> the base of the receipt QR's status link (core/status_link.h);
// an empty base turns the link off (the QR holds the number again).
void register_setting_changes(TownshipChanges& changes, store::KioskStore& store);

}  // namespace vsk::app
