#include "app/request_service.h"

#include "app/request_outbox.h"
#include "core/request_number.h"
#include "core/request_sla.h"

namespace vsk::app {
namespace {

using core::Message;
using core::RequestEventKind;

bool needs_reason(RequestEventKind k) {
  return k == RequestEventKind::kReject || k == RequestEventKind::kAskMaterials || k == RequestEventKind::kEscalate;
}

std::string source_name(RatingSource s) {
  switch (s) {
    case RatingSource::kKiosk: return "kiosk";
    case RatingSource::kStaffPhone: return "staff_phone";
    case RatingSource::kStaffInPerson: return "staff_in_person";
  }
  return "kiosk";
}

constexpr int kBadRatingAtMost = 2;  // 不满意 and 非常不满意 open a call-back task


Message not_permitted(const std::string& action_key) { return Message("req.err.not_permitted").arg("action", action_key); }

// Audit detail for a staff transition: what was chosen or typed, never who the resident is.
std::string transition_detail(const TransitionInput& in, const std::string& department) {
  std::string out;
  const auto add = [&out](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  if (in.kind == RequestEventKind::kAssign && in.assignee_staff_id)
    add("assignee:" + std::to_string(*in.assignee_staff_id));
  if (in.kind == RequestEventKind::kEscalate) add("department:" + department);
  if (in.on_behalf) add("on_behalf");
  if (!in.note.empty()) add("note:" + in.note);
  return out;
}

}  // namespace

RequestService::RequestService(store::KioskStore& store, const core::Catalog& catalog,
                               const core::WorkingCalendar& calendar, platform::Clock& clock, platform::Random& random,
                               RequestPolicy policy)
    : store_(store), catalog_(catalog), calendar_(calendar), clock_(clock), random_(random), policy_(std::move(policy)) {}

core::Date RequestService::today() const { return core::date_of(clock_.unix_seconds()); }

std::optional<core::Actor> RequestService::actor(std::int64_t staff_id) {
  const auto s = store_.staff().find(staff_id);
  if (!s) return std::nullopt;
  const auto role = core::role_from_name(s->role);
  if (!role) return std::nullopt;
  return core::Actor{*role, s->id, s->grid_id};
}

bool RequestService::may(std::int64_t staff_id, core::Permission p, const store::RequestRecord* r) {
  const auto a = actor(staff_id);
  if (!a) return false;
  if (!r) return core::allowed(*a, p);
  const core::RequestScope scope{r->grid_id, r->assignee_staff_id};
  return core::allowed(*a, p, &scope);
}

core::Result<Receipt> RequestService::submit(const SubmitInput& in) {
  const core::Service* service = catalog_.find(in.service_id);
  if (!service) return Message("req.err.unknown_service");
  const bool anonymous = !in.resident_id;
  if (anonymous && !service->anonymous_allowed) return Message("req.err.identify_first");
  if (in.staff_id && (!service->on_behalf || !may(*in.staff_id, core::Permission::kFileOnBehalf, nullptr)))
    return not_permitted("queue.file_on_behalf");
  const auto errors = core::validate_form(*service, in.fields, today(), in.locale);
  if (!errors.empty()) return errors.front().message;

  std::optional<std::int64_t> grid;
  if (in.resident_id) {
    const auto resident = store_.residents().find(*in.resident_id);
    if (!resident) return Message("req.err.unknown_resident");
    grid = resident->grid_id;
  }
  const std::int64_t now = clock_.unix_seconds();
  const core::Date day = today();
  const core::SlaResult sla = core::compute_sla({{now, core::RequestStatus::kSubmitted}}, service->promised_days,
                                                policy_.township_report_days, calendar_, now);
  auto uniform = [this](std::uint32_t n) { return random_.uniform(n); };

  auto tx = store_.begin();
  const std::string prefix = core::request_number_prefix(policy_.kiosk_code, day);
  store::NewRequest r;
  r.number = core::format_request_number(policy_.kiosk_code, day, store_.requests().last_sequence(prefix) + 1);
  r.service_id = service->id;
  r.resident_id = in.resident_id;
  r.anonymous = anonymous;
  r.pickup_code = core::make_pickup_code(uniform);
  if (anonymous && service->rewarded && in.reward_opt_in) r.claim_code = core::make_claim_code(uniform);
  r.reward_opt_in = service->rewarded && in.reward_opt_in;
  r.filed_by_staff_id = in.staff_id;
  r.grid_id = grid;
  r.at = now;
  r.due_date = core::format_date(sla.due);
  r.fields = in.fields;
  const std::int64_t id = store_.requests().insert(tx, r);
  queue_request_submitted(tx, store_, r, now);
  if (in.staff_id)  // 代办: staff filed it for the resident (by internal id, never by name or ID number)
    store_.audit().append(tx, {now, in.staff_id, "", "request.file_on_behalf", r.number,
                               (in.resident_id ? "resident:" + std::to_string(*in.resident_id) : "anonymous") +
                                   "; service:" + service->id});
  tx.commit();
  return Receipt{id, r.number, r.pickup_code, r.claim_code, sla.due};
}

core::Status RequestService::transition(std::int64_t request_id, const TransitionInput& in) {
  const auto request = store_.requests().find(request_id);
  if (!request) return Message("req.err.not_found");
  const auto next = core::next_status(request->status, in.kind);
  if (!next)
    return Message("req.err.transition")
        .arg("status", "status." + std::string(core::status_name(request->status)))
        .arg("action", "action." + std::string(core::event_name(in.kind)));
  if (in.kind != RequestEventKind::kCancel && !in.staff_id) return Message("req.err.staff_only");
  if (in.staff_id && !may(*in.staff_id, core::permission_for(in.kind), &*request))
    return not_permitted("action." + std::string(core::event_name(in.kind)));
  if (needs_reason(in.kind) && in.note.empty()) return Message("req.err.reason_required");
  if (in.kind == RequestEventKind::kAssign) {
    if (!in.assignee_staff_id || !store_.staff().find(*in.assignee_staff_id))
      return Message("req.err.assignee_required");
  }
  std::string department = in.department;
  if (in.kind == RequestEventKind::kEscalate && department.empty()) {
    if (const core::Service* s = catalog_.find(request->service_id)) department = s->department.zh;
    if (department.empty()) return Message("req.err.department_required");
  }

  const std::int64_t now = clock_.unix_seconds();
  auto tx = store_.begin();
  const store::NewEvent event{in.kind, request->status, *next, now, in.staff_id, in.on_behalf, in.note};
  store_.requests().append_event(tx, request_id, event);
  queue_request_event(tx, store_, *request, event, department);
  if (in.kind == RequestEventKind::kAssign) store_.requests().set_assignee(tx, request_id, in.assignee_staff_id);
  if (in.kind == RequestEventKind::kEscalate) store_.requests().set_escalation_department(tx, request_id, department);
  refresh_due_date(tx, request_id, request->service_id);
  if (in.staff_id)  // a resident withdrawing their own request is not a staff action
    store_.audit().append(tx, {now, in.staff_id, "", "request." + std::string(core::event_name(in.kind)),
                               request->number, transition_detail(in, department)});
  tx.commit();
  return core::ok();
}

core::Status RequestService::rate(std::int64_t request_id, const RatingInput& in) {
  const auto request = store_.requests().find(request_id);
  if (!request) return Message("req.err.not_found");
  if (request->status != core::RequestStatus::kCompleted) return Message("req.err.rate_when_completed");
  if (in.level < 1 || in.level > 5) return Message("req.err.rating_level");
  if (in.source == RatingSource::kKiosk && !request->anonymous && in.resident_id != request->resident_id)
    return Message("req.err.not_yours");
  if (in.source != RatingSource::kKiosk && !in.staff_id) return Message("req.err.staff_only");
  if (in.source != RatingSource::kKiosk && !may(*in.staff_id, core::Permission::kRecordRating, &*request))
    return not_permitted("staff.record_rating");
  const auto previous = store_.requests().ratings(request_id);
  // One rating, plus one re-rating after a bad one (once staff have had the chance to call back).
  const bool rerating_allowed = previous.size() == 1 && previous.front().level <= kBadRatingAtMost;
  if (!previous.empty() && !rerating_allowed) return Message("req.err.rating_done");

  const std::int64_t now = clock_.unix_seconds();
  auto tx = store_.begin();
  store_.requests().add_rating(tx, request_id, {in.level, in.tags, source_name(in.source), in.staff_id, now});
  queue_request_rated(tx, store_, *request, in.level, source_name(in.source), now);
  if (in.level <= kBadRatingAtMost && previous.empty()) {
    // Call back within one working day: by the end (18:00) of the next working day.
    const core::Date by = calendar_.add_working_days(today(), 1);
    const std::int64_t due_at = core::china_unix(by, 18);
    store_.requests().add_followup(tx, request_id, "bad_rating_callback", due_at);
  }
  if (in.source != RatingSource::kKiosk)  // recorded by staff (by phone or in person)
    store_.audit().append(tx, {now, in.staff_id, "", "request.rate", request->number,
                               "level:" + std::to_string(in.level) + "; source:" + source_name(in.source) +
                                   (in.tags.empty() ? "" : "; tags:" + in.tags)});
  tx.commit();
  return core::ok();
}

core::Status RequestService::complete_followup(std::int64_t request_id, std::int64_t staff_id,
                                               const std::string& note) {
  const auto request = store_.requests().find(request_id);
  if (!request) return Message("req.err.not_found");
  if (!may(staff_id, core::Permission::kCompleteFollowup, &*request)) return not_permitted("staff.followup_button");
  const std::int64_t now = clock_.unix_seconds();
  auto tx = store_.begin();
  if (store_.requests().complete_followups(tx, request_id, staff_id, now, note) == 0)
    return Message("req.err.no_followup");
  queue_followup_done(tx, store_, *request, now);
  store_.audit().append(tx, {now, staff_id, "", "request.followup_done", request->number,
                             note.empty() ? "" : "note:" + note});
  tx.commit();
  return core::ok();
}

core::Status RequestService::reopen(std::int64_t request_id, std::int64_t resident_id, const std::string& reason) {
  const auto request = store_.requests().find(request_id);
  if (!request) return Message("req.err.not_found");
  if (request->resident_id != resident_id) return Message("req.err.not_yours");
  if (request->status != core::RequestStatus::kCompleted)
    return Message("req.err.transition")
        .arg("status", "status." + std::string(core::status_name(request->status)))
        .arg("action", "action.reopen");
  const auto events = store_.requests().events(request_id);
  const core::Date completed = core::date_of(events.back().at);
  if (core::to_days(today()) - core::to_days(completed) > policy_.reopen_window_days)
    return Message("req.err.reopen_window").arg("days", std::to_string(policy_.reopen_window_days));

  auto tx = store_.begin();
  const store::NewEvent event{RequestEventKind::kReopen, request->status, core::RequestStatus::kReopened,
                              clock_.unix_seconds(), std::nullopt, false, reason};
  store_.requests().append_event(tx, request_id, event);
  queue_request_event(tx, store_, *request, event, "");
  refresh_due_date(tx, request_id, request->service_id);
  tx.commit();
  return core::ok();
}

std::optional<std::string> RequestService::apply_township_reply(db::Transaction& tx, const std::string& number,
                                                               const std::string& text) {
  const auto request = store_.requests().find_by_number(number);
  if (!request) return std::string("unknown_request");
  if (request->status != core::RequestStatus::kEscalated) {
    // A replacing PC (issue 19) pulls every change of its village again, and the old PC had
    // applied this one: its township_reply event came with the history. Applied already.
    const auto events = store_.requests().events(request->id);
    for (auto e = events.rbegin(); e != events.rend(); ++e)
      if (e->kind == RequestEventKind::kTownshipReply) {
        if (e->note == text) return std::nullopt;
        break;
      }
    return std::string("not_escalated");
  }
  const store::NewEvent event{RequestEventKind::kTownshipReply, request->status, core::RequestStatus::kInProgress,
                              clock_.unix_seconds(), std::nullopt, false, text};
  store_.requests().append_event(tx, request->id, event);
  queue_request_event(tx, store_, *request, event, request->escalation_department.value_or(""));
  refresh_due_date(tx, request->id, request->service_id);
  return std::nullopt;
}

bool RequestService::rating_wanted(const store::RequestRecord& r) {
  return r.status == core::RequestStatus::kCompleted && !r.rating.has_value();
}

std::optional<core::SlaResult> RequestService::sla_of(std::int64_t request_id, const std::string& service_id) {
  const core::Service* service = catalog_.find(service_id);
  if (!service) return std::nullopt;  // a service withdrawn from the catalog keeps its last due date
  std::vector<core::StatusChange> changes;
  for (const auto& e : store_.requests().events(request_id)) changes.push_back({e.at, e.to});
  return core::compute_sla(changes, service->promised_days, policy_.township_report_days, calendar_,
                           clock_.unix_seconds());
}

core::SlaResult RequestService::sla(const store::RequestRecord& r) {
  if (auto s = sla_of(r.id, r.service_id)) return *s;
  return core::SlaResult{*core::parse_date(r.due_date), 0, false, 0, std::nullopt};
}

void RequestService::refresh_due_date(db::Transaction& tx, std::int64_t request_id, const std::string& service_id) {
  if (const auto s = sla_of(request_id, service_id))
    store_.requests().set_due_date(tx, request_id, core::format_date(s->due));
}

}  // namespace vsk::app
