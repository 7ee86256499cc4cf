#include "app/kiosk_app.h"

#include <algorithm>

#include "app/attract.h"

namespace vsk::app {

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
      identity_(services.store, services.hasher, services.clock, options_.pin_policy),
      identify_(state_, session_, nav_, identity_, services.store.settings(), services.clock,
                [this](std::int64_t staff) {
                  return requests_service_.may(staff, core::Permission::kExitKiosk, nullptr);
                }),
      requests_service_(services.requests),
      requests_(state_, session_, nav_, services.store, services.requests, services.printer, services.clock),
      sync_(state_, services.store, services.clock, services.sync, services.usb, &nav_),
      own_notices_(services.notices ? nullptr : std::make_unique<NoticeService>(services.store, services.clock)),
      notice_service_(services.notices ? *services.notices : *own_notices_),
      notices_(state_, session_, nav_, services.store, notice_service_, services.clock),
      village_(state_, session_, nav_, services.store, services.hasher, services.clock, services.requests,
               services.translations),
      own_pin_(state_, session_, nav_, identity_),
      red_board_(std::move(services.red_board)),
      speaker_(services.speaker),
      text_entry_(state_.text_entry, services.pinyin) {
  if (services.points) points_.emplace(state_, session_, nav_, services.store, *services.points);
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
  session_ = Session{};
  identify_.reset();
  requests_.reset();
  if (points_) points_->reset();
  text_entry_.close();
  if (speaker_) speaker_->stop();
  idle_.set_timeout_ms(options_.idle_timeout_ms);
  notices_.reset();
  village_.reset();
  own_pin_.reset();
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

void KioskApp::show_coming_soon(std::string feature_key) {
  nav_.open_path({Screen::kAdminHome, Screen::kComingSoon});
  state_.feature_key = std::move(feature_key);
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
  if (identify_.needs_pin_first(action)) return identify_.start_step_up(action);  // card alone so far
  std::visit(Overloaded{
                 [&](const NavigationAction& a) { navigate(a); },
                 [&](const KeypadAction& a) { on_keypad(a); },
                 [&](const IdentityAction& a) { on_identity(a); },
                 [&](const AccessAction& a) { on_access(a); },
                 [&](const TextAction& a) { on_text(a); },
                 [&](const RequestAction& a) {
                   if (requests_.handle(a) != FlowResult::kIdentifyFirst) return;
                   if (std::holds_alternative<OpenMyRequests>(a))
                     identify_.identify({"my_requests", [this] { requests_.open_my_requests(*session_.resident_id); }},
                                        true);
                   else
                     identify_.identify({"requests", [this] { requests_.begin_form(); }}, false);
                 },
                 [&](const StaffQueueAction& a) { requests_.handle(a); },
                 [&](const NoticeAction& a) {
                   if (notices_.handle(a) == FlowResult::kIdentifyFirst)
                     identify_.identify({"notice_opinion", [this] { notices_.open_opinion(); }}, false);
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
    identify_.identify({"points", [this] { open_points_home(); }}, true);
}

void KioskApp::open_points_home() {
  if (points_)
    points_->open_home();
  else
    nav_.open_path({Screen::kResidentHome});
}

void KioskApp::on(const OpenStaffLogin&) { identify_.open_staff_login(); }

void KioskApp::on(const OpenAdminFeature& a) {
  if (!state_.staff || notices_.open_admin(a.feature_key) || village_.open_admin(a.feature_key) ||
      own_pin_.open_admin(a.feature_key))
    return;
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
    identify_.take_over();
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
                   if (notices_.on_submit() || village_.on_submit() || own_pin_.on_submit() || requests_.on_submit() ||
                       (points_ && points_->on_submit()))
                     return;
                   on_identified(identify_.on_submit());
                 },
             },
             action);
}

// Back pops the navigation stack (app/navigator.h); the screens' own hooks step back within a
// screen first. Popping onto the home screen ends the session, as the 完成 button does.
void KioskApp::on_back() {
  if (identify_.cancel_step_up()) return;  // the PIN was not given: back where it was asked
  // A message belongs to the screen it was said on: the staff home now shows the line too.
  state_.error.reset();
  state_.notice.reset();
  if (nav_.back() == Navigator::BackResult::kHome) go_home();
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

void KioskApp::on_identified(IdentifyFlow::Outcome outcome) {
  switch (outcome) {
    case IdentifyFlow::Outcome::kNone:
      return;
    case IdentifyFlow::Outcome::kResident:
      state_.pending_ratings = requests_.pending_ratings(*session_.resident_id);
      return identify_.continue_identified();
    case IdentifyFlow::Outcome::kStaff:
      idle_.set_timeout_ms(options_.staff_idle_timeout_ms);
      refresh_maintenance();
      notices_.refresh_overdue();
      return;
    case IdentifyFlow::Outcome::kTakenOver:
      idle_.set_timeout_ms(options_.staff_idle_timeout_ms);
      return;
    case IdentifyFlow::Outcome::kSteppedUp:
      return route(identify_.step_up_action());  // what they pressed, now with the PIN given
  }
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
