// The kiosk's state machine: takes Actions, runs domain rules and store transactions,
// and produces the next ViewState. Runs on the UI thread, which owns the write connection.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/action.h"
#include "app/actions/overloaded.h"
#include "app/backup_service.h"
#include "app/card_poller.h"
#include "app/hardware_monitor.h"
#include "app/identify_flow.h"
#include "app/identity_service.h"
#include "app/own_pin_flow.h"
#include "app/navigator.h"
#include "app/points_flow.h"
#include "app/points_service.h"
#include "app/notice_flow.h"
#include "app/notice_service.h"
#include "app/error_edge.h"
#include "app/request_flow.h"
#include "app/request_service.h"
#include "app/sync_flow.h"
#include "app/sync_port.h"
#include "app/text_entry.h"
#include "app/view_state.h"
#include "app/village_admin.h"
#include "core/idle_timer.h"
#include "core/pin_lockout.h"
#include "platform/clock.h"
#include "platform/chime.h"
#include "platform/pin_hasher.h"
#include "platform/pinyin.h"
#include "platform/printer.h"
#include "platform/speech.h"
#include "store/kiosk_store.h"

namespace vsk::app {

struct AppOptions {
  std::string default_locale = "zh-CN";
  std::int64_t idle_timeout_ms = 60'000;
  std::int64_t staff_idle_timeout_ms = 180'000;  // staff are logged out after this long untouched
  // A resident who called staff (请工作人员帮我办) waits, untouched as told: the call and the
  // half-filled form are kept this long, then the kiosk asks, ends the call and says so.
  std::int64_t help_call_timeout_ms = 600'000;
  core::PinPolicy pin_policy;
  // A resident session is not reset silently: this long before the reset the kiosk asks
  // 还需要更多时间吗？ with a countdown (at most half the idle timeout).
  std::int64_t idle_prompt_ms = 20'000;
  // On the empty home screen, this long without a touch starts the attract screen (0: never).
  std::int64_t attract_after_ms = 60'000;
};

// What the app works with; owned by main (or the test).
struct AppServices {
  store::KioskStore& store;
  platform::Clock& clock;
  platform::PinHasher& hasher;
  RequestService& requests;
  platform::Printer* printer = nullptr;  // none: receipts cannot be printed here
  platform::Chime* chime = nullptr;      // none: staff calls are shown, not heard
  BackupService* backups = nullptr;      // none: no automatic backups, no free-space check
  SyncPort* sync = nullptr;              // none: this kiosk does not sync in the background
  UsbPort* usb = nullptr;                // none: no USB stick buttons on 同步状态
  PointsService* points = nullptr;       // none: 积分查询 stays "coming soon"
  NoticeService* notices = nullptr;      // none: the app makes its own (no image directory)
  // The points red board for the attract screen; unset (or empty): notices only.
  std::function<std::vector<BoardRow>()> red_board = {};
  platform::Speaker* speaker = nullptr;      // none: the read-aloud button does nothing
  platform::PinyinEngine* pinyin = nullptr;  // none: the keyboard offers ABC and 123 only
  HardwareMonitor* hardware = nullptr;       // none: no printer warnings on the admin home
  CardPoller* cards = nullptr;               // none: ID numbers are typed
  const Translations* translations = nullptr;  // the printed receipt's words; none: no printing
};

class KioskApp {
 public:
  KioskApp(AppServices services, AppOptions options);

  const ViewState& state() const { return state_; }
  void dispatch(const Action& action);  // every action is also activity
  void note_activity();                 // any touch, even one that hits no button

  // Checks the idle timeout; returns true when it reset the kiosk to the home screen, or when
  // something shown changed on its own (read-aloud finished, the pinyin input became ready).
  bool tick();
  std::int64_t ms_until_idle_reset() const;  // or until the idle prompt's next second
  // Screens that show live figures (sync health) re-read them every couple of seconds;
  // returns true when the view was refreshed and needs drawing.
  bool refresh_live();
  // True while someone is in the middle of something (not on an empty home screen).
  bool has_session() const;

 private:
  // The error edge (kiosk_app_edge.cpp): dispatch, tick and refresh_live run these inside it,
  // so a failed write becomes state_.failure instead of an exception out of the UI loop.
  void dispatch_unguarded(const Action& action);
  bool tick_unguarded();
  bool refresh_live_unguarded();
  void show_failure(const Failure& f);
  std::optional<FailureNote> last_failure_;  // kept here: going home starts a fresh ViewState

 private:
  // Back to an empty home screen; a staff session ending here is audited ("logout", or
  // "logout_idle" when the idle timeout did it).
  void go_home(bool idle = false);
  void route(const Action& action);
  void navigate(const NavigationAction& action);  // the router's own: which screen is shown
  void on(const OpenPoints&);
  void on(const OpenStaffLogin&);
  void on(const OpenAdminFeature& a);
  void on(const Back&) {}    // navigate() takes it to on_back()
  void on(const WakeUp&) {}  // dispatch() woke the kiosk; nothing more
  void on(const Home&);
  void on(const Logout&);
  void on(const SetLocale& a);
  void on(const ExitKiosk&);
  void on(const ClearRecoveryNotice&);
  void on_identity(const IdentityAction& action);
  void on_keypad(const KeypadAction& action);
  void on_key(char c);
  // What the identify flow's keypad confirm (or a card) did: the continuation, the staff
  // session's idle time and admin home figures, or the action a PIN step-up held back.
  void on_identified(IdentifyFlow::Outcome outcome);
  void show_coming_soon(std::string feature_key);
  void on_back();  // pops the navigation stack; home when it empties
  void call_staff();
  void cancel_call();

  store::KioskStore& store_;
  platform::Clock& clock_;
  platform::PinHasher& hasher_;
  platform::Chime* chime_;
  BackupService* backups_;
  HardwareMonitor* hardware_;
  CardPoller* cards_;
  // kiosk_app_card.cpp: a card laid on the reader while an identify step waits for a number.
  bool tick_card();
  // The admin home's health notes: start-up recovery notice, free space.
  void refresh_maintenance();
  AppOptions options_;
  core::IdleTimer idle_;
  ViewState state_;
  Navigator nav_{state_.screen};  // the only writer of state_.screen
  Session session_;  // who is identified / logged in: ids stay here, never in the ViewState
  IdentityService identity_;
  IdentifyFlow identify_;  // identification, staff login, takeover, PIN step-up
  void open_points_home();
  RequestService& requests_service_;
  RequestFlow requests_;
  SyncFlow sync_;
  std::int64_t last_live_refresh_ms_ = 0;
  std::optional<PointsFlow> points_;  // when the points system is wired (AppServices::points)
  // Notices, the attract screen and the idle prompt.
  std::unique_ptr<NoticeService> own_notices_;
  NoticeService& notice_service_;
  NoticeFlow notices_;
  VillageAdmin village_;  // 居民管理, 从U盘导入, 工作人员 (issue 11)
  OwnPinFlow own_pin_;    // 修改我的密码, every staff member
  std::function<std::vector<BoardRow>()> red_board_;
  std::int64_t attract_started_ms_ = 0;
  std::int64_t prompt_ms() const;
  bool resident_prompt_applies() const;  // a resident (not staff) session that the idle timer would end
  void start_attract();
  void stop_attract();
  void tick_attract();
  void tick_idle_prompt();

  // Elder-friendly access and free text (kiosk_app_access.cpp).
  void on_access(const AccessAction& action);
  void on_text(const TextAction& action);
  bool tick_access();  // stops speech on a screen change; true when something shown changed
  void open_text_entry(const std::string& target);
  void text_entry_done();
  platform::Speaker* speaker_;
  TextEntry text_entry_;
  std::string page_key() const;
  Screen spoken_screen_ = Screen::kHome;  // the screen read-aloud started on...
  std::string spoken_page_;               // ...and the page within it
};

}  // namespace vsk::app
