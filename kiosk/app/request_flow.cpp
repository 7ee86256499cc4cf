#include "app/request_flow.h"

#include "app/hardware_monitor.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "app/receipt_slip.h"
#include "app/request_outbox.h"
#include "core/id_number.h"
#include "core/rating.h"
#include "core/request_number.h"
#include "log/log.h"

namespace vsk::app {
namespace {

using core::FieldType;
using core::Message;
using core::RequestEventKind;

constexpr std::size_t kTrackDigits = 7;  // MMDD + 3-digit sequence
constexpr std::size_t kPickupDigits = 6;

// Reasons staff tap instead of typing (no keyboard yet); stored as their translation keys.
const std::map<std::string, std::vector<std::string>>& reason_options() {
  static const std::map<std::string, std::vector<std::string>> kReasons = {
      {"reject", {"reason.reject.not_eligible", "reason.reject.duplicate", "reason.reject.out_of_scope",
                  "reason.reject.withdrawn_by_phone"}},
      {"ask_materials", {"reason.ask.id_card", "reason.ask.household_book", "reason.ask.income_proof",
                         "reason.ask.photos", "reason.ask.signature"}},
      {"note", {"reason.note.called_resident", "reason.note.visited", "reason.note.waiting_parts",
                "reason.note.forwarded"}},
  };
  return kReasons;
}

std::string status_str(core::RequestStatus s) { return std::string(core::status_name(s)); }

std::optional<RequestEventKind> event_kind(const std::string& name) { return core::event_from_name(name); }

}  // namespace

RequestFlow::RequestFlow(ViewState& state, const Session& session, Navigator& nav, store::KioskStore& store,
                         RequestService& service, platform::Printer* printer, platform::Clock& clock)
    : state_(state), session_(session), nav_(nav), store_(store), service_(service), printer_(printer), clock_(clock) {
  refresh_today();
  register_back();
}

// Back within the screens whose pages share a Screen value, and the lists reloaded when Back
// returns to them.
void RequestFlow::register_back() {
  nav_.on(Screen::kCatalog, {[this] {  // one category's services -> the categories
            if (state_.draft.category.empty()) return false;
            state_.draft.category.clear();
            return true;
          }, {}, {}});
  const auto prev = [this] {
    handle(RequestAction{PrevField{}});
    return true;
  };
  nav_.on(Screen::kFormField, {prev, {}, {}});
  nav_.on(Screen::kConfirm, {prev, {}, {}});
  nav_.on(Screen::kTrack, {[this] {  // the pickup code step -> the number step
            if (state_.keypad.step != EntryStep::kTrackCode) return false;
            open_track();
            return true;
          }, {}, [this] { open_track(); }});
  nav_.on(Screen::kMyRequests, {{}, {}, [this] {
            if (session_.resident_id) open_my_requests(*session_.resident_id);
          }});
  nav_.on(Screen::kStaffQueue, {{}, {}, [this] { open_queue(); }});
}

void RequestFlow::refresh_today() {
  state_.today = core::format_date(service_.today());
  state_.track_prefix = service_.policy().kiosk_code + "-";
}

void RequestFlow::reset() {
  detail_id_ = 0;
  track_number_.clear();
  refresh_today();
}

const core::Service* RequestFlow::current_service() const { return service_.catalog().find(state_.draft.service_id); }

const core::FormField* RequestFlow::current_field() const {
  const core::Service* s = current_service();
  if (!s || state_.draft.field_index >= s->fields.size()) return nullptr;
  return &s->fields[state_.draft.field_index];
}

FlowResult RequestFlow::handle(const RequestAction& a) {
  state_.notice.reset();
  return std::visit([&](const auto& x) { return on(x); }, a);
}

void RequestFlow::handle(const StaffQueueAction& a) {
  state_.notice.reset();
  std::visit([&](const auto& x) { on(x); }, a);
}

FlowResult RequestFlow::on(const OpenRequests&) {
  open_catalog();
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const OpenTrack&) {
  open_track();
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const OpenMyRequests&) {
  if (!session_.resident_id) return FlowResult::kIdentifyFirst;
  open_my_requests(*session_.resident_id);
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const PickCategory& a) {
  state_.draft.category = a.category_id;
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const PickService& a) {
  if (!service_.catalog().find(a.service_id)) return FlowResult::kDone;
  state_.draft.service_id = a.service_id;
  state_.draft.detail_first = 0;
  nav_.open(Screen::kServiceDetail);
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const StartForm&) {
  state_.draft.anonymous = false;
  if (!session_.resident_id) return FlowResult::kIdentifyFirst;
  begin_form();
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const FileAnonymously&) {
  if (const core::Service* s = current_service(); s && s->anonymous_allowed) {
    state_.draft.anonymous = true;
    begin_form();
  }
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const SetValue& a) {
  if (const core::FormField* f = current_field()) {
    state_.draft.values[f->id] = a.value;
    state_.error.reset();
    // A tap on a choice answers the question: go straight on, one tap less for the resident.
    if (f->type == FieldType::kChoice || f->type == FieldType::kYesNo) next_field();
  }
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const DateMonth& a) {
  if (a.month < 1 || a.month > 12 || a.year < 1900 || a.year > 9999) return FlowResult::kDone;
  char month[8];
  std::snprintf(month, sizeof month, "%04d-%02d", a.year, a.month);
  state_.draft.date_month = month;
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const NextField&) {
  next_field();
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const PrevField&) {
  prev_field();
  return FlowResult::kDone;
}

void RequestFlow::prev_field() {
  state_.error.reset();
  if (state_.screen == Screen::kConfirm) {
    state_.draft.field_index = current_service() ? current_service()->fields.size() - 1 : 0;
    show_field();
  } else if (state_.draft.field_index == 0) {
    nav_.open(Screen::kServiceDetail);
  } else {
    --state_.draft.field_index;
    show_field();
  }
}

FlowResult RequestFlow::on(const ToggleReward&) {
  state_.draft.reward_opt_in = !state_.draft.reward_opt_in;
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const ConfirmRequest&) {
  confirm(session_);
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const PrintReceipt&) {
  print_receipt();
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const OpenRequest& a) {
  open_request(a.request_id, session_);
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const TimelinePage& a) {
  const std::size_t n = state_.detail.timeline.size();
  state_.detail.timeline_skip = n == 0 ? 0 : std::min(a.skip, n - 1);
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const DetailFrom& a) {
  state_.draft.detail_first = a.first;  // the UI clamps it to the lines it has
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const StartRating&) {
  state_.rate = RateView{};
  nav_.open(Screen::kRate);
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const RateLevel& a) {
  state_.rate.level = std::clamp(a.level, 1, 5);
  state_.rate.tags.clear();
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const ToggleTag& a) {
  auto& tags = state_.rate.tags;
  auto it = std::find(tags.begin(), tags.end(), a.tag_id);
  if (it == tags.end())
    tags.push_back(a.tag_id);
  else
    tags.erase(it);
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const RateByPhone&) {
  state_.rate.by_phone = !state_.rate.by_phone;
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const SubmitRating&) {
  submit_rating(session_);
  return FlowResult::kDone;
}

FlowResult RequestFlow::on(const Reopen&) {
  reopen(session_);
  return FlowResult::kDone;
}

// ---- the staff queue ----

void RequestFlow::on(const OpenQueue&) {
  if (session_.staff_id) open_queue();
}

void RequestFlow::on(const QueueStatus& a) {
  state_.queue.status_filter = a.status;
  state_.queue.overdue_only = false;
  state_.queue.followup_only = false;
  state_.queue.page = 0;
  reload_queue();
}

void RequestFlow::on(const QueueOverdue&) {
  state_.queue.overdue_only = !state_.queue.overdue_only;
  state_.queue.followup_only = false;
  state_.queue.page = 0;
  reload_queue();
}

void RequestFlow::on(const QueueFollowups&) {
  state_.queue.followup_only = !state_.queue.followup_only;
  state_.queue.overdue_only = false;
  state_.queue.page = 0;
  reload_queue();
}

void RequestFlow::on(const QueueRowsFit& a) {
  const int rows = std::max(1, a.rows);
  if (rows == state_.queue.page_rows) return;
  // Keep the first row on screen where it was.
  const int old_size = state_.queue.page_rows > 0 ? state_.queue.page_rows : default_queue_page_size();
  state_.queue.page = state_.queue.page * old_size / rows;
  state_.queue.page_rows = rows;
  reload_queue();
}

void RequestFlow::on(const QueuePage& a) {
  state_.queue.page = std::max(0, state_.queue.page + (a.delta < 0 ? -1 : 1));
  reload_queue();
}

void RequestFlow::on(const QueueFilterBy& a) {
  staff_action(a.filter == QueueFilter::kGrid ? "filter_grid" : "filter_service", session_);
}

void RequestFlow::on(const StaffStep& a) { staff_action(std::string(core::event_name(a.event)), session_); }

void RequestFlow::on(const FollowupDone&) { staff_action("followup_done", session_); }

void RequestFlow::on(const StaffPickOption& a) {
  if (a.index >= state_.pick.options.size() || a.index >= pick_ids_.size()) return;
  staff_pick(a.index, session_);
}

void RequestFlow::on(const StaffFileOnBehalf&) {
  if (!session_.staff_id) return;
  open_catalog();
  state_.draft.on_behalf_staff_id = session_.staff_id;
}

void RequestFlow::open_catalog() {
  const auto staff = state_.draft.on_behalf_staff_id;
  state_.draft = DraftView{};
  state_.draft.on_behalf_staff_id = staff;
  state_.error.reset();
  // Back from the categories: the admin home for staff (代办), else home.
  if (session_.staff_id)
    nav_.open_path({Screen::kAdminHome, Screen::kCatalog});
  else
    nav_.open_path({Screen::kCatalog});
}

void RequestFlow::begin_form() {
  state_.draft.field_index = 0;
  state_.error.reset();
  show_field();
}

void RequestFlow::show_field() {
  const core::FormField* f = current_field();
  if (!f) {
    nav_.open(Screen::kConfirm);
    return;
  }
  nav_.open(Screen::kFormField);
  const std::string value = state_.draft.values.count(f->id) ? state_.draft.values.at(f->id) : "";
  if (f->type == FieldType::kNumber)
    state_.keypad = KeypadView{EntryStep::kNumber, value, 9, false, false, ""};
  else if (f->type == FieldType::kPhone)
    state_.keypad = KeypadView{EntryStep::kPhone, value, 13, false, false, ""};
  if (f->type == FieldType::kDate) {
    const std::string base = value.empty() ? state_.today : value;
    state_.draft.date_month = base.substr(0, 7);
  }
}

void RequestFlow::next_field() {
  const core::FormField* f = current_field();
  if (!f) {
    nav_.open(Screen::kConfirm);
    return;
  }
  if (f->type == FieldType::kNumber || f->type == FieldType::kPhone) state_.draft.values[f->id] = state_.keypad.entry;
  const std::string value = state_.draft.values.count(f->id) ? state_.draft.values.at(f->id) : "";
  if (auto err = core::validate_field(*f, value, service_.today(), state_.locale)) {
    state_.error = *err;
    return;
  }
  if (value.empty()) state_.draft.values.erase(f->id);
  state_.error.reset();
  ++state_.draft.field_index;
  show_field();
}

void RequestFlow::confirm(const Session& session) {
  const core::Service* s = current_service();
  if (!s) return;
  SubmitInput in;
  in.service_id = s->id;
  if (!state_.draft.anonymous) in.resident_id = session.resident_id;
  in.reward_opt_in = state_.draft.reward_opt_in;
  in.fields = state_.draft.values;
  in.staff_id = state_.draft.on_behalf_staff_id;
  in.locale = state_.locale;
  const auto receipt = service_.submit(in);
  if (!receipt) {
    state_.error = receipt.error();
    return;
  }
  // Only now, with the request committed to disk, does the resident see a receipt.
  state_.receipt = ReceiptView{receipt.value().number, receipt.value().pickup_code,
                               receipt.value().claim_code.value_or(""), core::format_date(receipt.value().due), s->id,
                               std::nullopt, service_.policy().claim_deadline_days,
                               receipt_qr(store_, receipt.value().number), clock_.unix_seconds()};
  state_.draft.values.clear();
  state_.error.reset();
  nav_.open_path({Screen::kReceipt});  // filed: Back cannot return to the form
}

void RequestFlow::print_receipt() {
  if (!printer_) {
    state_.receipt.print_result = Message("receipt.no_printer");
    return;
  }
  if (!translations_) {  // the slip's words come from assets/i18n; none wired: nothing to print with
    state_.receipt.print_result = Message("receipt.no_printer");
    return;
  }
  const platform::Receipt r =
      receipt_slip(state_.receipt, store_.settings().get_or(store::setting::kVillageName, ""),
                   service_.catalog().find(state_.receipt.service_id), state_.locale, *translations_);
  const platform::PrintResult result = printer_->print(r);
  if (result.ok) {
    state_.receipt.print_result = Message("receipt.printed");
    return;
  }
  // The receipt stays on screen: the resident writes the number and code down instead.
  // The device's own words go to the log; the resident gets the reason in plain language.
  platform::log::error("print", "receipt " + state_.receipt.number + " not printed: " + result.error);
  const bool known = !printer_problem_key(result.state).empty();
  state_.receipt.print_result =
      Message(known ? "receipt.print_failed." + printer_state_code(result.state) : "receipt.print_failed")
          .arg("number", state_.receipt.number)
          .arg("code", state_.receipt.pickup_code);
}

void RequestFlow::open_track() {
  nav_.open_path({Screen::kTrack});
  state_.error.reset();
  state_.keypad = KeypadView{EntryStep::kTrackNumber, "", kTrackDigits, false, false, ""};
  track_number_.clear();
}

void RequestFlow::track_submit() {
  KeypadView& k = state_.keypad;
  if (k.step == EntryStep::kTrackNumber) {
    if (k.entry.size() != kTrackDigits) {
      state_.error = Message("track.err.number_length");
      return;
    }
    track_number_ = state_.track_prefix + k.entry.substr(0, 4) + "-" + k.entry.substr(4);
    state_.error.reset();
    k = KeypadView{EntryStep::kTrackCode, "", kPickupDigits, false, true, track_number_};
    return;
  }
  if (k.entry.size() != kPickupDigits) {
    state_.error = Message("track.err.code_length");
    return;
  }
  const std::string code = k.entry;
  k.entry.clear();
  const std::int64_t now = clock_.unix_seconds();
  // On disk like the PIN lockout: a restart must not give a guesser fresh tries.
  const core::PinAttemptState attempts = store_.requests().track_attempts(track_number_);
  if (core::is_locked(attempts, now)) {
    state_.error = Message("track.err.locked")  // the pickup code, not a PIN
                       .arg("minutes", std::to_string((core::lock_seconds_left(attempts, now) + 59) / 60));
    return;
  }
  const auto r = store_.requests().find_by_number(track_number_);
  // One message for "no such number" and "wrong code": the code is what protects the request.
  const bool right = r && !r->pickup_code.empty() && r->pickup_code == code;  // empty: rebuilt from history
  if (!right || attempts.failures != 0 || attempts.locked_until != 0) {
    auto tx = store_.begin();
    store_.requests().save_track_attempts(tx, track_number_,
                                          right ? core::PinAttemptState{} : core::after_wrong_pin(attempts, now, core::PinPolicy{}));
    tx.commit();
  }
  if (!right) {
    state_.error = Message("track.err.not_found");
    return;
  }
  state_.error.reset();
  load_detail(r->id);
  nav_.open(Screen::kRequestDetail);
}

bool RequestFlow::on_submit() {
  if (state_.screen == Screen::kTrack) {
    track_submit();
    return true;
  }
  if (state_.screen == Screen::kFormField) {
    next_field();
    return true;
  }
  return false;
}

int RequestFlow::pending_ratings(std::int64_t resident_id) {
  int n = 0;
  for (const auto& r : store_.requests().for_resident(resident_id)) n += service_.rating_wanted(r) ? 1 : 0;
  return n;
}

void RequestFlow::open_my_requests(std::int64_t resident_id) {
  state_.my_requests.clear();
  for (const auto& r : store_.requests().for_resident(resident_id)) state_.my_requests.push_back(summarize(r));
  nav_.open_path({Screen::kResidentHome, Screen::kMyRequests});
}

RequestSummary RequestFlow::summarize(const store::RequestRecord& r) const {
  RequestSummary s;
  s.id = r.id;
  s.number = r.number;
  s.service_id = r.service_id;
  s.status = status_str(r.status);
  // Escalated here but not at the township yet (not enrolled, or the step still in the outbox).
  if (r.status == core::RequestStatus::kEscalated && escalation_unsent(store_, r.number)) s.status = "escalated_unsent";
  s.due_date = r.due_date;
  s.overdue = core::sla_clock_runs(r.status) && r.due_date < state_.today;
  s.resident = r.anonymous ? "" : r.resident_name;
  s.grid = r.grid_name;
  s.assignee = r.assignee_name;
  s.submitted_at = r.submitted_at;
  s.rating = r.rating;
  return s;
}

void RequestFlow::load_detail(std::int64_t id) {
  const auto r = store_.requests().find(id);
  if (!r) return;
  detail_id_ = id;
  RequestDetailView& d = state_.detail;
  d = RequestDetailView{};
  d.summary = summarize(*r);
  const auto values = store_.requests().fields(id);
  if (const core::Service* s = service_.catalog().find(r->service_id)) {
    for (const auto& f : s->fields)
      if (values.count(f.id)) d.fields.emplace_back(f.id, values.at(f.id));
  }
  for (const auto& e : store_.requests().events(id))
    d.timeline.push_back({e.at, std::string(core::event_name(e.kind)), status_str(e.to), e.staff_name, e.on_behalf,
                          e.note});
  if (d.summary.status == "escalated_unsent") {  // the last step says so too
    for (auto it = d.timeline.rbegin(); it != d.timeline.rend(); ++it)
      if (it->to == "escalated") {
        it->to = "escalated_unsent";
        break;
      }
  }
  d.escalation_department = r->escalation_department;
  if (const auto by = service_.sla(*r).escalation_report_by) d.township_report_by = core::format_date(*by);
  d.rating_wanted = service_.rating_wanted(*r);
  const auto ratings = store_.requests().ratings(id);
  d.rerate_allowed = r->status == core::RequestStatus::kCompleted && ratings.size() == 1 &&
                     core::is_bad_rating(ratings.front().level);
  d.anonymous = r->anonymous;
  d.filed_on_behalf = r->filed_by_staff_id.has_value();
  d.open_followups = store_.requests().open_followups(id);
  // Offered to staff in workflow order; resident-only events (cancel, reopen) are not.
  for (const RequestEventKind k :
       {RequestEventKind::kAccept, RequestEventKind::kAssign, RequestEventKind::kNote, RequestEventKind::kAskMaterials,
        RequestEventKind::kMaterialsProvided, RequestEventKind::kEscalate, RequestEventKind::kTownshipReply,
        RequestEventKind::kComplete, RequestEventKind::kReject})
    if (core::next_status(r->status, k) &&
        (!session_.staff_id || service_.may(*session_.staff_id, core::permission_for(k), &*r)))
      d.allowed_actions.push_back(k);
  if (session_.staff_id) {
    d.may_record_rating = service_.may(*session_.staff_id, core::Permission::kRecordRating, &*r);
    d.may_followup = service_.may(*session_.staff_id, core::Permission::kCompleteFollowup, &*r);
  }
}

void RequestFlow::open_request(std::int64_t id, const Session& session) {
  const auto r = store_.requests().find(id);
  if (!r) return;
  // Residents see only their own requests; staff see all.
  if (!session.staff_id && (!session.resident_id || r->resident_id != session.resident_id)) return;
  load_detail(id);
  nav_.open(session.staff_id ? Screen::kStaffRequest : Screen::kRequestDetail);
}

void RequestFlow::submit_rating(const Session& session) {
  if (state_.rate.level == 0) {
    state_.error = Message("rate.err.pick_level");
    return;
  }
  RatingInput in;
  in.level = state_.rate.level;
  for (const auto& t : state_.rate.tags) in.tags += (in.tags.empty() ? "" : ",") + t;
  in.resident_id = session.resident_id;
  if (session.staff_id) {
    in.source = state_.rate.by_phone ? RatingSource::kStaffPhone : RatingSource::kStaffInPerson;
    in.staff_id = session.staff_id;
  }
  const core::Status st = service_.rate(detail_id_, in);
  if (!st) {
    state_.error = st.error();
    return;
  }
  state_.error.reset();
  load_detail(detail_id_);
  if (session.resident_id) state_.pending_ratings = pending_ratings(*session.resident_id);
  state_.notice = Message(core::is_bad_rating(in.level) ? "rate.thanks_bad" : "rate.thanks");
  nav_.open(session.staff_id ? Screen::kStaffRequest : Screen::kRequestDetail);
}

void RequestFlow::reopen(const Session& session) {
  if (!session.resident_id) return;
  const core::Status st = service_.reopen(detail_id_, *session.resident_id, "reason.reopen.not_solved");
  if (!st) {
    state_.error = st.error();
    return;
  }
  load_detail(detail_id_);
  state_.notice = Message("detail.reopened");
}

void RequestFlow::open_queue() {
  // Coming back from a request keeps the filter and page the clerk was working through.
  state_.queue.rows.clear();
  reload_queue();
  nav_.open_path({Screen::kAdminHome, Screen::kStaffQueue});
}

void RequestFlow::reload_queue() {
  store::QueueFilter f;
  // Grid workers see their grid, volunteers what is assigned to them: the same scope the
  // permission rules enforce on every action.
  if (session_.staff_id) {
    if (const auto a = service_.actor(*session_.staff_id)) {
      if (a->role == core::Role::kGridWorker) f.grid_id = a->grid_id.value_or(-1);
      if (a->role == core::Role::kVolunteer) f.assignee_staff_id = a->staff_id;
    }
  }
  f.today = state_.today;
  f.overdue_only = state_.queue.overdue_only;
  f.followup_only = state_.queue.followup_only;
  if (!f.grid_id) f.grid_id = state_.queue.grid_filter;
  if (!state_.queue.service_filter.empty()) f.service_id = state_.queue.service_filter;
  // Call-backs are mostly on completed requests, so that filter ignores the status chips.
  if (!state_.queue.followup_only) {
    if (state_.queue.status_filter.empty())
      f.open_only = true;
    else
      f.status = core::status_from_name(state_.queue.status_filter);
  }
  // One screen per page, most urgent first; one row more tells whether a next page exists.
  const int page_size = state_.queue.page_rows > 0 ? state_.queue.page_rows : default_queue_page_size();
  f.limit = page_size + 1;
  f.offset = state_.queue.page * page_size;
  state_.queue.rows.clear();
  for (const auto& r : store_.requests().queue(f)) state_.queue.rows.push_back(summarize(r));
  state_.queue.has_more = state_.queue.rows.size() > static_cast<size_t>(page_size);
  if (state_.queue.has_more) state_.queue.rows.pop_back();
  const store::QueueCounts c = store_.requests().counts(state_.today);
  state_.queue.counts.clear();
  std::int64_t open = 0;
  for (const auto& [status, n] : c.by_status) {
    state_.queue.counts[status_str(status)] = n;
    if (!core::is_terminal(status)) open += n;
  }
  state_.queue.counts["open"] = open;
  state_.queue.counts["overdue"] = c.overdue;
  state_.queue.counts["followup"] = c.followups;
}

void RequestFlow::staff_action(const std::string& event, const Session& session) {
  if (!session.staff_id) return;
  state_.pick = PickView{event, {}, {}};
  pick_ids_.clear();
  // Each option's id as text (the widget id and the value picked) and, for grids and
  // assignees, as the number it is.
  const auto add = [&](std::string id, std::string label, std::optional<std::int64_t> number = std::nullopt,
                       std::optional<Message> detail = std::nullopt) {
    state_.pick.options.emplace_back(std::move(id), std::move(label));
    state_.pick.details.push_back(std::move(detail));
    pick_ids_.push_back(number);
  };
  if (event == "filter_grid") {
    add("", "queue.filter_all");
    for (const auto& [id, name] : store_.residents().grids()) add(std::to_string(id), name, id);
  } else if (event == "filter_service") {
    add("", "queue.filter_all");
    for (const auto& s : service_.catalog().services) add(s.id, s.name.in(state_.locale));
  } else if (event == "assign") {
    // Each person with role and grid, so the clerk sends the right one (names alone repeat
    // and say nothing about who covers the request's grid); disabled accounts are not offered.
    std::map<std::int64_t, std::string> grid_names;
    for (const auto& [id, name] : store_.residents().grids()) grid_names[id] = name;
    for (const auto& s : store_.staff().list()) {
      if ((s.role != "grid_worker" && s.role != "volunteer") || s.disabled_at) continue;
      Message detail("role." + s.role);
      if (s.grid_id && grid_names.count(*s.grid_id))
        detail = Message("staff.assignee_detail").arg("role", "role." + s.role).arg("grid", grid_names.at(*s.grid_id));
      add(std::to_string(s.id), s.name, s.id, detail);
    }
  } else if (event == "escalate") {
    std::set<std::string> seen;
    for (const auto& s : service_.catalog().services)
      if (s.level == core::HandlingLevel::kTownship && seen.insert(s.department.zh).second)
        add(s.department.zh, s.department.in(state_.locale));
  } else if (reason_options().count(event)) {
    for (const auto& key : reason_options().at(event)) add(key, key);
  } else if (event == "followup_done") {
    const core::Status st = service_.complete_followup(detail_id_, *session.staff_id, "reason.note.called_resident");
    load_detail(detail_id_);
    state_.error = st ? std::nullopt : std::optional<Message>(st.error());
    if (st) state_.notice = Message("staff.followup_done");
    return;
  } else if (auto kind = event_kind(event)) {
    run_transition(*kind, session, "", std::nullopt, "");
    return;
  }
  state_.error.reset();
  nav_.open(Screen::kStaffPick);
}

void RequestFlow::staff_pick(std::size_t index, const Session& session) {
  const std::string option = state_.pick.options[index].first;
  const std::optional<std::int64_t> number = pick_ids_[index];
  if (state_.pick.action == "filter_grid" || state_.pick.action == "filter_service") {
    QueueView& q = state_.queue;
    if (state_.pick.action == "filter_service") {
      q.service_filter = option;
    } else {
      q.grid_filter = number;
      q.grid_label = number ? state_.pick.options[index].second : "";
    }
    q.page = 0;
    open_queue();
    return;
  }
  const auto kind = event_kind(state_.pick.action);
  if (!kind || !session.staff_id) return;
  if (*kind == RequestEventKind::kAssign) {
    if (number) run_transition(*kind, session, "", *number, "");
  } else if (*kind == RequestEventKind::kEscalate) {
    run_transition(*kind, session, "reason.escalate.beyond_village", std::nullopt, option);
  } else {
    run_transition(*kind, session, option, std::nullopt, "");
  }
}

void RequestFlow::run_transition(RequestEventKind kind, const Session& session, const std::string& note,
                                 std::optional<std::int64_t> assignee, const std::string& department) {
  TransitionInput in{kind, session.staff_id, note, assignee, department, false};
  const core::Status st = service_.transition(detail_id_, in);
  load_detail(detail_id_);
  nav_.open(Screen::kStaffRequest);
  if (!st) {
    state_.error = st.error();
    return;
  }
  state_.error.reset();
  state_.notice = Message("staff.done").arg("action", "action." + std::string(core::event_name(kind)));
}

}  // namespace vsk::app
