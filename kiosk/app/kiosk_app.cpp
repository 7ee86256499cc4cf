#include "app/kiosk_app.h"

#include <algorithm>

#include "app/attract.h"
#include "core/id_number.h"

namespace vsk::app {
namespace {

constexpr std::size_t kPinLength = 6;
constexpr std::size_t kStaffNoLength = 4;

std::string role_key(const std::string& role) { return "role." + role; }

core::Message id_error_message(core::IdNumberError e, std::size_t typed) {
  switch (e) {
    case core::IdNumberError::kWrongLength:
      return core::Message("err.id_length").arg("n", std::to_string(typed));
    case core::IdNumberError::kBadCharacters:
      return core::Message("err.id_chars");
    case core::IdNumberError::kBadBirthDate:
      return core::Message("err.id_birth_date");
    case core::IdNumberError::kBadCheckDigit:
      return core::Message("err.id_check_digit");
  }
  return core::Message("err.id_chars");
}

}  // namespace

KioskApp::KioskApp(AppServices services, AppOptions options)
    : store_(services.store),
      clock_(services.clock),
      hasher_(services.hasher),
      chime_(services.chime),
      backups_(services.backups),
      hardware_(services.hardware),
      cards_(services.cards),
      options_(std::move(options)),
      idle_(options_.idle_timeout_ms),
      requests_service_(services.requests),
      requests_(state_, session_, nav_, services.store, services.requests, services.printer, services.clock),
      sync_(state_, services.store, services.clock, services.sync, services.usb, &nav_),
      own_notices_(services.notices ? nullptr : std::make_unique<NoticeService>(services.store, services.clock)),
      notice_service_(services.notices ? *services.notices : *own_notices_),
      notices_(state_, session_, nav_, services.store, notice_service_, services.clock),
      village_(state_, session_, nav_, services.store, services.hasher, services.clock, services.requests,
               services.translations),
      red_board_(std::move(services.red_board)),
      speaker_(services.speaker),
      text_entry_(state_.text_entry, services.pinyin) {
  if (services.points) points_.emplace(state_, session_, nav_, services.store, *services.points);
  register_back();
  requests_.set_translations(services.translations);
  idle_.touch(clock_.monotonic_ms());
  go_home();
}

void KioskApp::note_activity() { idle_.touch(clock_.monotonic_ms()); }

bool KioskApp::refresh_live_unguarded() {
  constexpr std::int64_t kEveryMs = 2000;
  if (state_.screen != Screen::kSyncHealth) return false;
  const std::int64_t now = clock_.monotonic_ms();
  if (now - last_live_refresh_ms_ < kEveryMs) return false;
  last_live_refresh_ms_ = now;
  sync_.refresh();
  return true;
}

bool KioskApp::has_session() const {
  // The attract screen is the empty home screen dressed up: nobody is there.
  if (state_.screen == Screen::kAttract) return false;
  return state_.screen != Screen::kHome || state_.locale != options_.default_locale || state_.large_mode;
}

std::int64_t KioskApp::prompt_ms() const { return std::min(options_.idle_prompt_ms, idle_.timeout_ms() / 2); }

// Residents and staff alike are asked before the idle time ends their session (staff are
// logged out at 3 minutes: a clerk reading a request must not lose it without a warning).
bool KioskApp::resident_prompt_applies() const { return has_session() && prompt_ms() > 0; }

std::int64_t KioskApp::ms_until_idle_reset() const {
  const std::int64_t left = idle_.remaining_ms(clock_.monotonic_ms());
  if (!resident_prompt_applies()) return left;
  if (left > prompt_ms()) return left - prompt_ms();  // when the prompt must appear
  return std::min<std::int64_t>(left, (left - 1) % 1000 + 1);  // the countdown's next second
}

bool KioskApp::tick_unguarded() {
  state_.now_unix = clock_.unix_seconds();
  if (state_.screen == Screen::kAttract) {
    tick_attract();
    return false;
  }
  // A USB stick job's progress (同步状态), every frame while it runs.
  const bool access_changed = tick_card() | tick_access() | sync_.poll_usb();
  // Daily backup, only while nobody is using the kiosk; a clock compare until it is due.
  if (backups_ && !has_session()) backups_->maybe_backup();
  if (!has_session()) {
    if (state_.screen == Screen::kHome && options_.attract_after_ms > 0 &&
        idle_.idle_for_ms(clock_.monotonic_ms()) >= options_.attract_after_ms)
      start_attract();
    return access_changed;
  }
  tick_idle_prompt();
  if (!idle_.expired(clock_.monotonic_ms())) return access_changed;
  const bool call_was_open = state_.help_called && !state_.staff;
  go_home(/*idle=*/true);
  if (call_was_open) state_.notice = core::Message("help.timed_out");  // a clear ending, not a silent reset
  return true;
}

void KioskApp::tick_idle_prompt() {
  std::optional<int> seconds;
  if (resident_prompt_applies()) {
    const std::int64_t left = idle_.remaining_ms(clock_.monotonic_ms());
    if (left > 0 && left <= prompt_ms()) seconds = idle_prompt_seconds(left);
  }
  if (seconds != state_.idle_prompt_s) {
    state_.idle_prompt_s = seconds;
    ++state_.timed_revision;
  }
}

void KioskApp::start_attract() {
  state_.attract = notices_.attract_view();
  if (red_board_) state_.attract.board = red_board_();
  state_.attract.slide = 0;
  nav_.open(Screen::kAttract);
  attract_started_ms_ = clock_.monotonic_ms();
  ++state_.timed_revision;
}

void KioskApp::tick_attract() {
  const int slide = attract_slide(clock_.monotonic_ms() - attract_started_ms_, state_.attract.slides());
  if (slide != state_.attract.slide) {
    state_.attract.slide = slide;
    ++state_.timed_revision;
  }
}

void KioskApp::stop_attract() {
  state_.attract = AttractView{};
  nav_.reset();
  ++state_.timed_revision;
}

void KioskApp::go_home(bool idle) {
  const std::optional<std::int64_t> leaving_staff = session_.staff_id;
  const std::string leaving_staff_no = state_.staff ? state_.staff->staff_no : "";
  // A fresh ViewState: nothing the last person typed or saw survives in memory.
  state_ = ViewState{};
  nav_.reset();
  state_.locale = options_.default_locale;
  state_.village_name = store_.settings().get_or(store::setting::kVillageName, "");
  state_.now_unix = clock_.unix_seconds();
  pending_resident_id_ = 0;
  pending_staff_no_.clear();
  session_ = Session{};
  identify_next_.reset();
  waiting_for_staff_.reset();
  waiting_resident_id_.reset();
  step_up_.reset();
  requests_.reset();
  if (points_) points_->reset();
  text_entry_.close();
  if (speaker_) speaker_->stop();
  idle_.set_timeout_ms(options_.idle_timeout_ms);
  notices_.reset();
  village_.reset();
  // The attract screen waits a full idle time from here, not from the last touch.
  idle_.touch(clock_.monotonic_ms());
  if (leaving_staff) {  // audited after the reset, so a failed write cannot keep the session open
    auto tx = store_.begin();
    store_.audit().append(tx, {clock_.unix_seconds(), leaving_staff, leaving_staff_no, idle ? "logout_idle" : "logout",
                               leaving_staff_no, ""});
    tx.commit();
  }
}

void KioskApp::call_staff() {
  if (state_.help_called) return;
  state_.help_called = true;
  // The resident was told to wait: no reset at the usual idle time while the call is open.
  if (!state_.staff) idle_.set_timeout_ms(std::max(options_.idle_timeout_ms, options_.help_call_timeout_ms));
  if (chime_) chime_->ring();
}

void KioskApp::cancel_call() {
  if (!state_.help_called) return;
  state_.help_called = false;
  if (!state_.staff) idle_.set_timeout_ms(options_.idle_timeout_ms);
}

// The staff member who answered the call logs in; the resident's screen comes back with the
// staff member filing on the resident's behalf (代办), recorded as such.
void KioskApp::staff_takes_over() {
  if (step_up_) cancel_step_up();  // staff act with their own PIN: the resident's one is not needed
  waiting_for_staff_ = state_;
  waiting_resident_id_ = session_.resident_id;
  nav_.open(Screen::kStaffLogin);  // over the resident's screens: Back returns to them
  restart_staff_login();
}

void KioskApp::show_coming_soon(std::string feature_key) {
  nav_.open_path({Screen::kAdminHome, Screen::kComingSoon});
  state_.feature_key = std::move(feature_key);
}

void KioskApp::identify(Continuation next, bool from_home) {
  identify_next_ = std::move(next);
  if (from_home) nav_.reset();
  nav_.open(Screen::kIdentify);
  restart_identify();
}

void KioskApp::restart_identify() {
  state_.keypad = KeypadView{EntryStep::kIdNumber, "", 18, true, false, ""};
  state_.error.reset();
}

void KioskApp::open_staff_login() {
  nav_.open_path({Screen::kStaffLogin});
  restart_staff_login();
}

void KioskApp::restart_staff_login() {
  state_.keypad = KeypadView{EntryStep::kStaffNo, "", kStaffNoLength, false, false, ""};
  state_.error.reset();
}

void KioskApp::dispatch_unguarded(const Action& action) {
  note_activity();
  state_.now_unix = clock_.unix_seconds();
  // Any touch or key answers the idle prompt; on the attract screen it only wakes the kiosk.
  if (state_.idle_prompt_s) {
    state_.idle_prompt_s.reset();
    ++state_.timed_revision;
  }
  if (state_.screen == Screen::kAttract) {
    stop_attract();
    return;
  }
  route(action);
}

// Each feature's actions go to the flow that owns them.
void KioskApp::route(const Action& action) {
  if (needs_pin_first(action)) return start_step_up(action);  // card alone so far (kiosk_app_card.cpp)
  std::visit(Overloaded{
                 [&](const NavigationAction& a) { navigate(a); },
                 [&](const KeypadAction& a) { on_keypad(a); },
                 [&](const IdentityAction& a) { on_identity(a); },
                 [&](const AccessAction& a) { on_access(a); },
                 [&](const TextAction& a) { on_text(a); },
                 [&](const RequestAction& a) {
                   if (requests_.handle(a) != FlowResult::kIdentifyFirst) return;
                   if (std::holds_alternative<OpenMyRequests>(a))
                     identify({"my_requests", [this] { requests_.open_my_requests(*session_.resident_id); }}, true);
                   else
                     identify({"requests", [this] { requests_.begin_form(); }}, false);
                 },
                 [&](const StaffQueueAction& a) { requests_.handle(a); },
                 [&](const NoticeAction& a) {
                   if (notices_.handle(a) == FlowResult::kIdentifyFirst)
                     identify({"notice_opinion", [this] { notices_.open_opinion(); }}, false);
                 },
                 [&](const PointsAction& a) {
                   if (points_) points_->handle(a);
                 },
                 [&](const SyncAction& a) {
                   if (state_.staff) sync_.handle(a, session_);
                 },
                 [&](const VillageAdminAction& a) {
                   if (state_.staff) village_.handle(a);
                 },
             },
             action);
}

void KioskApp::navigate(const NavigationAction& action) {
  if (std::holds_alternative<WakeUp>(action)) return;  // it only woke the kiosk (see dispatch)
  if (std::holds_alternative<Back>(action)) return on_back();
  // Opening something starts from a clean message line: the last step's success message goes.
  state_.notice.reset();
  std::visit([&](const auto& a) { on(a); }, action);
}

void KioskApp::on(const OpenPoints&) {
  state_.feature_key = "tile.points";
  if (state_.resident)
    open_points_home();
  else
    identify({"points", [this] { open_points_home(); }}, true);
}

void KioskApp::open_points_home() {
  if (points_)
    points_->open_home();
  else
    nav_.open_path({Screen::kResidentHome});
}

void KioskApp::on(const OpenStaffLogin&) { open_staff_login(); }

void KioskApp::on(const OpenAdminFeature& a) {
  if (!state_.staff || notices_.open_admin(a.feature_key) || village_.open_admin(a.feature_key)) return;
  if (a.feature_key == "admin.requests")
    requests_.open_queue();
  else if (a.feature_key == "admin.points" && points_)
    points_->open_staff();
  else if (a.feature_key == "admin.sync")
    sync_.open(session_);  // its own screen, if this staff member may
  else
    show_coming_soon(a.feature_key);
}

void KioskApp::on(const Home&) { go_home(); }

void KioskApp::on(const Logout&) { go_home(); }

void KioskApp::on(const SetLocale& a) {
  if (a.locale == "zh-CN" || a.locale == "en") state_.locale = a.locale;
}

void KioskApp::on(const ExitKiosk&) {
  // Checked here, not only hidden in the UI: only an admin may leave resident mode.
  if (session_.staff_id && requests_service_.may(*session_.staff_id, core::Permission::kExitKiosk, nullptr))
    state_.exit_requested = true;
}

void KioskApp::on(const ClearRecoveryNotice&) {
  if (!state_.staff) return;
  clear_recovery_notice(store_);
  refresh_maintenance();
}

void KioskApp::on_identity(const IdentityAction& action) {
  state_.notice.reset();
  if (std::holds_alternative<CallStaff>(action))
    call_staff();
  else if (std::holds_alternative<CancelCall>(action))
    cancel_call();
  else if (state_.help_called)
    staff_takes_over();
}

// The keypad edits whichever entry is on screen; its confirm key goes to the flow that owns
// the screen (finance row, tracking, number questions, points award), else identification.
void KioskApp::on_keypad(const KeypadAction& action) {
  std::visit(Overloaded{
                 [&](const Key& k) { on_key(k.c); },
                 [&](const Backspace&) {
                   if (!state_.keypad.entry.empty()) state_.keypad.entry.pop_back();
                   state_.error.reset();
                 },
                 [&](const Clear&) {
                   state_.keypad.entry.clear();
                   state_.error.reset();
                 },
                 [&](const Submit&) {
                   if (notices_.on_submit() || village_.on_submit() || requests_.on_submit() || (points_ && points_->on_submit()))
                     return;
                   on_submit();
                 },
             },
             action);
}

// Back pops the navigation stack (app/navigator.h); the screens' own hooks step back within a
// screen first. Popping onto the home screen ends the session, as the 完成 button does.
void KioskApp::on_back() {
  if (step_up_) return cancel_step_up();  // the PIN was not given: back where it was asked
  state_.error.reset();
  if (nav_.back() == Navigator::BackResult::kHome) go_home();
}

void KioskApp::register_back() {
  nav_.on(Screen::kIdentify, {[this] { return identify_back(); }, {}, {}});
  nav_.on(Screen::kStaffLogin, {[this] { return staff_login_back(); }, {}, {}});
}

// From the PIN step to the ID number step; from there Back leaves the identify screen.
bool KioskApp::identify_back() {
  if (state_.keypad.step != EntryStep::kPin) return false;
  restart_identify();
  return true;
}

bool KioskApp::staff_login_back() {
  if (state_.keypad.step == EntryStep::kPin) {
    restart_staff_login();
    return true;
  }
  if (!waiting_for_staff_) return false;
  state_ = *waiting_for_staff_;  // nobody took over: the resident's screen comes back as it was
  waiting_for_staff_.reset();
  nav_.drop();
  return true;
}

// The identify screen is done: it leaves the stack and its continuation runs.
void KioskApp::after_identified() {
  state_.pending_ratings = requests_.pending_ratings(*session_.resident_id);
  const Continuation next = identify_next_.value_or(Continuation{"points", [this] { open_points_home(); }});
  identify_next_.reset();
  nav_.drop();
  if (next.then) next.then();
}

void KioskApp::on_key(char c) {
  KeypadView& k = state_.keypad;
  state_.error.reset();
  if (k.entry.size() >= k.max_length) return;
  const bool digit = c >= '0' && c <= '9';
  const bool x = (c == 'X' || c == 'x') && k.allow_x;
  if (!digit && !x) return;
  k.entry.push_back(x ? 'X' : c);
}

void KioskApp::on_submit() {
  if (state_.screen == Screen::kIdentify && step_up_)
    submit_step_up_pin();
  else if (state_.screen == Screen::kIdentify)
    state_.keypad.step == EntryStep::kIdNumber ? submit_id_number() : submit_resident_pin();
  else if (state_.screen == Screen::kStaffLogin) {
    switch (state_.keypad.step) {
      case EntryStep::kStaffNo: return submit_staff_no();
      case EntryStep::kNewPin:
      case EntryStep::kConfirmPin: return submit_first_admin_pin();
      default: return submit_staff_pin();
    }
  }
}

// Also a staff member whose PIN an admin reset (issue 11): they choose a new one the same way.
bool KioskApp::first_admin_setup(const std::string& staff_no) {
  if (pin_was_reset(staff_no)) return true;
  const auto staff = store_.staff().find_by_staff_no(staff_no);
  if (store_.settings().get_or(store::setting::kFirstAdminPin, "") != "pending") return false;
  return staff && staff->role == "admin" && !staff->pin_hash;
}

bool KioskApp::pin_was_reset(const std::string& staff_no) {
  const auto staff = store_.staff().find_by_staff_no(staff_no);
  return staff && staff->pin_reset && !staff->pin_hash;
}

// The first admin of a new installation chooses a PIN, twice; then is logged in.
void KioskApp::submit_first_admin_pin() {
  const auto pin = take_pin();
  if (!pin) return;
  if (state_.keypad.step == EntryStep::kNewPin) {
    if (core::weak_pin(*pin)) {
      state_.error = core::Message("staff.err.weak_pin");
      return;
    }
    new_pin_ = *pin;
    state_.keypad.step = EntryStep::kConfirmPin;  // after_reset stays: the same person, the same wording
    return;
  }
  if (*pin != new_pin_) {
    new_pin_.clear();
    state_.error = core::Message("staff.err.pin_mismatch");
    state_.keypad.step = EntryStep::kNewPin;
    return;
  }
  const auto staff = store_.staff().find_by_staff_no(pending_staff_no_);
  if (!staff || !first_admin_setup(pending_staff_no_)) return restart_staff_login();
  const std::string hash = hasher_.hash(*pin);
  new_pin_.clear();
  {
    auto tx = store_.begin();
    store_.staff().set_pin_hash(tx, staff->id, hash);
    if (!staff->pin_reset) store_.settings().remove(tx, store::setting::kFirstAdminPin);  // a reset is not the first admin
    store_.audit().append(tx, {clock_.unix_seconds(), staff->id, "", "pin_set", staff->staff_no,
                               staff->pin_reset ? "after reset" : "first admin"});
    tx.commit();
  }
  state_.keypad.entry = *pin;  // log in exactly as with a known PIN
  state_.keypad.step = EntryStep::kPin;
  submit_staff_pin();
}

core::Message KioskApp::locked_message(const core::PinAttemptState& s) const {
  const std::int64_t minutes = (core::lock_seconds_left(s, clock_.unix_seconds()) + 59) / 60;
  return core::Message("err.locked").arg("minutes", std::to_string(minutes));
}

void KioskApp::submit_id_number() {
  const std::string id = core::normalize_id_number(state_.keypad.entry);
  if (auto err = core::validate_id_number(id)) {
    state_.error = id_error_message(*err, id.size());
    return;
  }
  const auto resident = store_.residents().find_by_id_number(id);
  if (!resident) {
    state_.error = core::Message("err.id_not_found");
    return;
  }
  if (resident->status != "active") {  // 迁出 / 死亡: kept in the records, no longer served here
    state_.error = core::Message("err.id_inactive");
    return;
  }
  if (state_.draft.on_behalf_staff_id && session_.staff_id) {
    // 代办: the logged-in staff member has seen the resident's ID card; no PIN needed.
    state_.resident = ResidentView{resident->name, core::mask_id_number(id), resident->address, resident->grid_name};
    session_.resident_id = resident->id;
    state_.keypad = KeypadView{};
    after_identified();
    return;
  }
  if (!resident->pin_hash) {
    state_.error = core::Message("err.pin_not_set");
    return;
  }
  if (core::is_locked(resident->pin_attempts, clock_.unix_seconds())) {
    state_.error = locked_message(resident->pin_attempts);
    return;
  }
  pending_resident_id_ = resident->id;
  state_.keypad = KeypadView{EntryStep::kPin, "", kPinLength, false, true, core::mask_id_number(id)};
}

std::optional<std::string> KioskApp::take_pin() {
  if (state_.keypad.entry.size() != kPinLength) {
    state_.error = core::Message("err.pin_length");
    return std::nullopt;
  }
  std::string pin = state_.keypad.entry;
  state_.keypad.entry.clear();  // never left on screen or in the state after checking
  return pin;
}

bool KioskApp::check_pin(const std::string& hash, const core::PinAttemptState& attempts, const std::string& pin,
                         const SaveAttempts& save, const core::Message& wrong, const AuditPin& audit) {
  const std::int64_t now = clock_.unix_seconds();
  if (core::is_locked(attempts, now)) {
    if (audit) {
      auto tx = store_.begin();
      audit(tx, PinOutcome::kWasLocked);
      tx.commit();
    }
    state_.error = locked_message(attempts);
    return false;
  }
  if (!hasher_.verify(hash, pin)) {
    const core::PinAttemptState next = core::after_wrong_pin(attempts, now, options_.pin_policy);
    auto tx = store_.begin();
    save(tx, next);
    if (audit) audit(tx, core::is_locked(next, now) ? PinOutcome::kNowLocked : PinOutcome::kWrong);
    tx.commit();
    core::Message msg = wrong;
    if (msg.key == "err.pin_wrong") msg.arg("left", std::to_string(core::attempts_left(next, options_.pin_policy)));
    state_.error = core::is_locked(next, now) ? locked_message(next) : msg;
    return false;
  }
  const bool reset_attempts = attempts.failures != 0 || attempts.locked_until != 0;
  if (reset_attempts || audit) {
    auto tx = store_.begin();
    if (reset_attempts) save(tx, {});
    if (audit) audit(tx, PinOutcome::kOk);
    tx.commit();
  }
  return true;
}

void KioskApp::submit_resident_pin() {
  const auto pin = take_pin();
  if (!pin) return;
  auto resident = store_.residents().find(pending_resident_id_);
  if (!resident || !resident->pin_hash || resident->status != "active") {
    restart_identify();
    return;
  }
  const auto save = [&](db::Transaction& tx, const core::PinAttemptState& st) {
    store_.residents().save_pin_attempts(tx, resident->id, st);
  };
  if (!check_pin(*resident->pin_hash, resident->pin_attempts, *pin, save, core::Message("err.pin_wrong"))) return;
  state_.resident = ResidentView{resident->name, core::mask_id_number(resident->id_number), resident->address,
                                 resident->grid_name};
  session_.resident_id = resident->id;
  session_.pin_verified = true;
  state_.keypad = KeypadView{};
  pending_resident_id_ = 0;
  after_identified();
}

void KioskApp::submit_staff_no() {
  if (state_.keypad.entry.size() != kStaffNoLength) {
    state_.error = core::Message("err.staff_no_length");
    return;
  }
  // Whether the number exists is only revealed together with the PIN check.
  pending_staff_no_ = state_.keypad.entry;
  const EntryStep next = first_admin_setup(pending_staff_no_) ? EntryStep::kNewPin : EntryStep::kPin;
  state_.keypad = KeypadView{next, "", kPinLength, false, true, ""};
  state_.keypad.after_reset = next == EntryStep::kNewPin && pin_was_reset(pending_staff_no_);
}

void KioskApp::submit_staff_pin() {
  const auto pin = take_pin();
  if (!pin) return;
  auto staff = store_.staff().find_by_staff_no(pending_staff_no_);
  // Unknown numbers and wrong PINs get the same message: the number alone reveals nothing.
  const core::Message wrong("err.staff_login_failed");
  // Audited: actor and target are the number typed (never the PIN); staff_id only once logged in.
  const std::string typed = pending_staff_no_;
  const std::int64_t now = clock_.unix_seconds();
  if (!staff || !staff->pin_hash) {
    auto tx = store_.begin();
    store_.audit().append(tx, {now, std::nullopt, typed, "login_failed", typed, staff ? "no_pin" : "unknown_staff_no"});
    tx.commit();
    state_.error = wrong;
    return;
  }
  const auto save = [&](db::Transaction& tx, const core::PinAttemptState& st) {
    store_.staff().save_pin_attempts(tx, staff->id, st);
  };
  const auto audit = [&](db::Transaction& tx, PinOutcome outcome) {
    if (outcome == PinOutcome::kOk) {
      std::string detail;
      if (waiting_for_staff_) {  // taking over a resident's session (代办)
        detail = "takeover";
        if (waiting_resident_id_) detail += " resident:" + std::to_string(*waiting_resident_id_);
      }
      store_.audit().append(tx, {now, staff->id, staff->staff_no, "login", staff->staff_no, detail});
      return;
    }
    store_.audit().append(tx, {now, std::nullopt, typed, "login_failed", typed,
                               outcome == PinOutcome::kWasLocked ? "locked" : "wrong_pin"});
    if (outcome == PinOutcome::kNowLocked)
      store_.audit().append(tx, {now, std::nullopt, store::kAuditActorSystem, "locked", typed,
                                 "minutes=" + std::to_string(options_.pin_policy.lock_seconds / 60)});
  };
  if (!check_pin(*staff->pin_hash, staff->pin_attempts, *pin, save, wrong, audit)) return;
  state_.staff = StaffView{staff->name, staff->staff_no, role_key(staff->role),
                           requests_service_.may(staff->id, core::Permission::kExitKiosk, nullptr)};
  session_.staff_id = staff->id;
  idle_.set_timeout_ms(options_.staff_idle_timeout_ms);
  if (waiting_for_staff_) {
    const StaffView who = *state_.staff;
    state_ = *waiting_for_staff_;
    nav_.drop();                                // the login screen
    nav_.insert_above_home(Screen::kAdminHome);  // the staff session under the resident's screens
    state_.staff = who;
    state_.help_called = false;
    state_.draft.on_behalf_staff_id = staff->id;
    session_.resident_id = waiting_resident_id_;
    waiting_for_staff_.reset();
    pending_staff_no_.clear();
    state_.error.reset();
    return;
  }
  nav_.open_path({Screen::kAdminHome});
  state_.keypad = KeypadView{};
  pending_staff_no_.clear();
  refresh_maintenance();
  notices_.refresh_overdue();
}

void KioskApp::refresh_maintenance() {
  MaintenanceView m;
  if (const auto notice = load_recovery_notice(store_)) {
    m.recovered = true;
    m.from_backup = notice->from_backup;
    m.backup_time = notice->backup_time;
  }
  if (backups_) {
    m.storage_low = backups_->space_low();
    m.free_mb = static_cast<std::int64_t>(backups_->free_bytes().value_or(0) / (1024 * 1024));
  }
  if (hardware_) {
    m.printer_problem = printer_problem_key(hardware_->printer_state());
    m.reader_problem = reader_problem_key(hardware_->reader_state(), hardware_->reader_seen_working());
  }
  // Not connected to the township: escalations and reports wait here; staff must know.
  const store::SyncHealth sync = store_.sync().health();
  m.sync_not_enrolled = !sync.enrolled;
  m.sync_pending = sync.pending;
  state_.maintenance = m;
}

}  // namespace vsk::app
