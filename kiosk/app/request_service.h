// Service-request use cases: file, move through the workflow, rate, reopen. Each call runs
// the domain rules and writes inside one store transaction; the caller learns success only
// after the commit, so a receipt on screen means the request is on disk.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/catalog.h"
#include "core/permissions.h"
#include "core/request_sla.h"
#include "core/request_status.h"
#include "core/result.h"
#include "core/working_calendar.h"
#include "platform/clock.h"
#include "platform/random.h"
#include "store/kiosk_store.h"

namespace vsk::app {

struct RequestPolicy {
  std::string kiosk_code = "QS1";
  int township_report_days = 5;   // working days the township has to report on an escalation
  int reopen_window_days = 15;    // calendar days after completion in which a resident may reopen
  int claim_deadline_days = 90;   // rewarded reports: days to claim the reward after completion
};

struct SubmitInput {
  std::string service_id;
  std::optional<std::int64_t> resident_id;  // none: anonymous (only where the service allows it)
  bool reward_opt_in = false;
  std::map<std::string, std::string> fields;
  std::optional<std::int64_t> staff_id;     // 代办: filed by this staff member for the resident
  std::string locale = "zh-CN";
};

struct Receipt {
  std::int64_t id = 0;
  std::string number;
  std::string pickup_code;
  std::optional<std::string> claim_code;
  core::Date due;
};

struct TransitionInput {
  core::RequestEventKind kind;
  std::optional<std::int64_t> staff_id;
  std::string note;                          // mandatory for reject, ask_materials, escalate
  std::optional<std::int64_t> assignee_staff_id;  // assign
  std::string department;                    // escalate: the township department
  bool on_behalf = false;
};

enum class RatingSource { kKiosk, kStaffPhone, kStaffInPerson };

struct RatingInput {
  int level = 5;  // 5 非常满意 ... 1 非常不满意
  std::string tags;
  RatingSource source = RatingSource::kKiosk;
  std::optional<std::int64_t> staff_id;
  std::optional<std::int64_t> resident_id;  // kiosk ratings: must be the filer
};

class RequestService {
 public:
  RequestService(store::KioskStore& store, const core::Catalog& catalog, const core::WorkingCalendar& calendar,
                 platform::Clock& clock, platform::Random& random, RequestPolicy policy = {});

  core::Result<Receipt> submit(const SubmitInput& in);
  core::Status transition(std::int64_t request_id, const TransitionInput& in);
  core::Status rate(std::int64_t request_id, const RatingInput& in);
  // Staff called the resident back after a bad rating: the follow-up task is done.
  core::Status complete_followup(std::int64_t request_id, std::int64_t staff_id, const std::string& note);
  core::Status reopen(std::int64_t request_id, std::int64_t resident_id, const std::string& reason);

  // The township answered an escalation (arrived by sync): recorded as a township_reply event
  // inside the caller's transaction. Returns a reason code when it cannot apply
  // ("unknown_request", "not_escalated"): the caller records a conflict instead.
  std::optional<std::string> apply_township_reply(db::Transaction& tx, const std::string& number,
                                                  const std::string& text);
  // One operation of a kiosk this one replaced (USB replacement, issue 19; request_history.cpp),
  // as the township kept it: "request.submitted" files the request here (without its resident,
  // form values or pickup code, which never left the old PC), "request.event" moves it on,
  // "request.rated" adds the rating. Nothing is queued for the township (it has them). False:
  // nothing changed (not a request operation, known already, or not where the event starts).
  bool restore_from_history(db::Transaction& tx, const std::string& type, const std::string& payload,
                            std::int64_t device_time);
  // Whether the resident should be asked to rate (completed, not rated, or re-rating allowed).
  bool rating_wanted(const store::RequestRecord& r);
  // The working-day deadline as of now: due date, days left, the township's report-by date.
  core::SlaResult sla(const store::RequestRecord& r);
  core::Date today() const;
  // The staff member as the permission rules see them (nullopt: unknown staff id).
  std::optional<core::Actor> actor(std::int64_t staff_id);
  // Whether that staff member may do `p` on request `r` (nullptr: not about one request).
  bool may(std::int64_t staff_id, core::Permission p, const store::RequestRecord* r);
  const core::Catalog& catalog() const { return catalog_; }
  const RequestPolicy& policy() const { return policy_; }

 private:
  void refresh_due_date(db::Transaction& tx, std::int64_t request_id, const std::string& service_id);
  std::optional<core::SlaResult> sla_of(std::int64_t request_id, const std::string& service_id);

  store::KioskStore& store_;
  const core::Catalog& catalog_;
  const core::WorkingCalendar& calendar_;
  platform::Clock& clock_;
  platform::Random& random_;
  RequestPolicy policy_;
};

}  // namespace vsk::app
