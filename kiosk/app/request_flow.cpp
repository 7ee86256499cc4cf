#include "app/request_flow.h"

#include <algorithm>
#include <set>

#include "app/receipt_slip.h"
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
constexpr int kQueuePageSize = 6;
constexpr int kLargeQueuePageSize = 2;  // large mode: two one-line rows under two rows of chips

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

RequestFlow::RequestFlow(ViewState& state, const Session& session, store::KioskStore& store, RequestService& service,
                         platform::Printer* printer, platform::Clock& clock)
    : state_(state), session_(session), store_(store), service_(service), printer_(printer), clock_(clock) {
  refresh_today();
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

bool RequestFlow::handle(const Action& a, const Session& session, bool* needs_identification) {
  *needs_identification = false;
  state_.notice.reset();
  switch (a.kind) {
    case ActionKind::kOpenRequests:
      open_catalog();
      return true;
    case ActionKind::kPickCategory:
      state_.draft.category = a.arg;
      return true;
    case ActionKind::kPickService:
      if (!service_.catalog().find(a.arg)) return true;
      state_.draft.service_id = a.arg;
      state_.screen = Screen::kServiceDetail;
      return true;
    case ActionKind::kStartForm:
      state_.draft.anonymous = false;
      if (session.resident_id)
        begin_form();
      else
        *needs_identification = true;
      return true;
    case ActionKind::kFileAnonymously:
      if (const core::Service* s = current_service(); s && s->anonymous_allowed) {
        state_.draft.anonymous = true;
        begin_form();
      }
      return true;
    case ActionKind::kSetValue:
      if (const core::FormField* f = current_field()) {
        state_.draft.values[f->id] = a.arg;
        state_.error.reset();
        // A tap on a choice answers the question: go straight on, one tap less for the resident.
        if (f->type == FieldType::kChoice || f->type == FieldType::kYesNo) next_field();
      }
      return true;
    case ActionKind::kDateMonth:
      state_.draft.date_month = a.arg;
      return true;
    case ActionKind::kNextField:
      next_field();
      return true;
    case ActionKind::kPrevField:
      state_.error.reset();
      if (state_.screen == Screen::kConfirm) {
        state_.draft.field_index = current_service() ? current_service()->fields.size() - 1 : 0;
        show_field();
      } else if (state_.draft.field_index == 0) {
        state_.screen = Screen::kServiceDetail;
      } else {
        --state_.draft.field_index;
        show_field();
      }
      return true;
    case ActionKind::kToggleReward:
      state_.draft.reward_opt_in = !state_.draft.reward_opt_in;
      return true;
    case ActionKind::kConfirmRequest:
      confirm(session);
      return true;
    case ActionKind::kPrintReceipt:
      print_receipt();
      return true;
    case ActionKind::kOpenTrack:
      open_track();
      return true;
    case ActionKind::kOpenMyRequests:
      if (session.resident_id)
        open_my_requests(*session.resident_id);
      else
        *needs_identification = true;
      return true;
    case ActionKind::kOpenRequest:
      open_request(std::stoll(a.arg), session);
      return true;
    case ActionKind::kStartRating:
      state_.rate = RateView{};
      state_.screen = Screen::kRate;
      return true;
    case ActionKind::kRateLevel:
      state_.rate.level = std::clamp(std::stoi(a.arg), 1, 5);
      state_.rate.tags.clear();
      return true;
    case ActionKind::kToggleTag: {
      auto& tags = state_.rate.tags;
      auto it = std::find(tags.begin(), tags.end(), a.arg);
      if (it == tags.end())
        tags.push_back(a.arg);
      else
        tags.erase(it);
      return true;
    }
    case ActionKind::kRateByPhone:
      state_.rate.by_phone = !state_.rate.by_phone;
      return true;
    case ActionKind::kSubmitRating:
      submit_rating(session);
      return true;
    case ActionKind::kReopen:
      reopen(session);
      return true;
    case ActionKind::kOpenQueue:
      if (session.staff_id) open_queue();
      return true;
    case ActionKind::kQueueFollowups:
      state_.queue.followup_only = !state_.queue.followup_only;
      state_.queue.overdue_only = false;
      state_.queue.page = 0;
      reload_queue();
      return true;
    case ActionKind::kQueueStatus:
      state_.queue.status_filter = a.arg;
      state_.queue.overdue_only = false;
      state_.queue.followup_only = false;
      state_.queue.page = 0;
      reload_queue();
      return true;
    case ActionKind::kQueueOverdue:
      state_.queue.overdue_only = !state_.queue.overdue_only;
      state_.queue.followup_only = false;
      state_.queue.page = 0;
      reload_queue();
      return true;
    case ActionKind::kQueuePage:
      state_.queue.page = std::max(0, state_.queue.page + (a.arg == "-1" ? -1 : 1));
      reload_queue();
      return true;
    case ActionKind::kStaffAction:
      staff_action(a.arg, session);
      return true;
    case ActionKind::kStaffPickOption:
      staff_pick(a.arg, session);
      return true;
    case ActionKind::kStaffFileOnBehalf:
      if (session.staff_id) {
        open_catalog();
        state_.draft.on_behalf_staff_id = session.staff_id;
      }
      return true;
    default:
      return false;
  }
}

void RequestFlow::open_catalog() {
  const auto staff = state_.draft.on_behalf_staff_id;
  state_.draft = DraftView{};
  state_.draft.on_behalf_staff_id = staff;
  state_.error.reset();
  state_.screen = Screen::kCatalog;
}

void RequestFlow::begin_form() {
  state_.draft.field_index = 0;
  state_.error.reset();
  show_field();
}

void RequestFlow::show_field() {
  const core::FormField* f = current_field();
  if (!f) {
    state_.screen = Screen::kConfirm;
    return;
  }
  state_.screen = Screen::kFormField;
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
    state_.screen = Screen::kConfirm;
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
                               std::nullopt, service_.policy().claim_deadline_days};
  state_.draft.values.clear();
  state_.error.reset();
  state_.screen = Screen::kReceipt;
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
  if (!result.ok) platform::log::error("print", "receipt " + state_.receipt.number + " not printed: " + result.error);
  state_.receipt.print_result = result.ok ? Message("receipt.printed") : Message("receipt.print_failed." + result.code);
}

void RequestFlow::open_track() {
  state_.screen = Screen::kTrack;
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
  core::PinAttemptState& attempts = track_attempts_[track_number_];
  if (core::is_locked(attempts, now)) {
    state_.error = Message("err.locked").arg("minutes", std::to_string((core::lock_seconds_left(attempts, now) + 59) / 60));
    return;
  }
  const auto r = store_.requests().find_by_number(track_number_);
  // One message for "no such number" and "wrong code": the code is what protects the request.
  if (!r || r->pickup_code != code) {
    attempts = core::after_wrong_pin(attempts, now, core::PinPolicy{});
    state_.error = Message("track.err.not_found");
    return;
  }
  track_attempts_.erase(track_number_);
  state_.error.reset();
  load_detail(r->id);
  state_.screen = Screen::kRequestDetail;
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
  state_.screen = Screen::kMyRequests;
}

RequestSummary RequestFlow::summarize(const store::RequestRecord& r) const {
  RequestSummary s;
  s.id = r.id;
  s.number = r.number;
  s.service_id = r.service_id;
  s.status = status_str(r.status);
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
      d.allowed_actions.emplace_back(core::event_name(k));
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
  state_.screen = session.staff_id ? Screen::kStaffRequest : Screen::kRequestDetail;
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
  state_.screen = session.staff_id ? Screen::kStaffRequest : Screen::kRequestDetail;
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
  state_.screen = Screen::kStaffQueue;
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
  const int page_size = state_.large_mode ? kLargeQueuePageSize : kQueuePageSize;
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
  state_.pick = PickView{event, {}};
  if (event == "filter_grid") {
    state_.pick.options.emplace_back("", "queue.filter_all");
    for (const auto& [id, name] : store_.residents().grids()) state_.pick.options.emplace_back(std::to_string(id), name);
  } else if (event == "filter_service") {
    state_.pick.options.emplace_back("", "queue.filter_all");
    for (const auto& s : service_.catalog().services) state_.pick.options.emplace_back(s.id, s.name.in(state_.locale));
  } else if (event == "assign") {
    for (const auto& s : store_.staff().list())
      if (s.role == "grid_worker" || s.role == "volunteer") state_.pick.options.emplace_back(std::to_string(s.id), s.name);
  } else if (event == "escalate") {
    std::set<std::string> seen;
    for (const auto& s : service_.catalog().services)
      if (s.level == core::HandlingLevel::kTownship && seen.insert(s.department.zh).second)
        state_.pick.options.emplace_back(s.department.zh, s.department.in(state_.locale));
  } else if (reason_options().count(event)) {
    for (const auto& key : reason_options().at(event)) state_.pick.options.emplace_back(key, key);
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
  state_.screen = Screen::kStaffPick;
}

void RequestFlow::staff_pick(const std::string& option, const Session& session) {
  if (state_.pick.action == "filter_grid" || state_.pick.action == "filter_service") {
    QueueView& q = state_.queue;
    if (state_.pick.action == "filter_service") {
      q.service_filter = option;
    } else {
      q.grid_filter = option.empty() ? std::nullopt : std::optional<std::int64_t>(std::stoll(option));
      q.grid_label.clear();
      for (const auto& [id, text] : state_.pick.options)
        if (!option.empty() && id == option) q.grid_label = text;
    }
    q.page = 0;
    open_queue();
    return;
  }
  const auto kind = event_kind(state_.pick.action);
  if (!kind || !session.staff_id) return;
  if (*kind == RequestEventKind::kAssign)
    run_transition(*kind, session, "", std::stoll(option), "");
  else if (*kind == RequestEventKind::kEscalate)
    run_transition(*kind, session, "reason.escalate.beyond_village", std::nullopt, option);
  else
    run_transition(*kind, session, option, std::nullopt, "");
}

void RequestFlow::run_transition(RequestEventKind kind, const Session& session, const std::string& note,
                                 std::optional<std::int64_t> assignee, const std::string& department) {
  TransitionInput in{kind, session.staff_id, note, assignee, department, false};
  const core::Status st = service_.transition(detail_id_, in);
  load_detail(detail_id_);
  state_.screen = Screen::kStaffRequest;
  if (!st) {
    state_.error = st.error();
    return;
  }
  state_.error.reset();
  state_.notice = Message("staff.done").arg("action", "action." + std::string(core::event_name(kind)));
}

}  // namespace vsk::app
