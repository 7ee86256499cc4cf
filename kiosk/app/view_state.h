// Everything a screen needs to draw itself, as plain values. The UI reads this and returns
// Actions; it never reaches into the store. Personal data here is already masked.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "app/actions/points_actions.h"
#include "app/screen.h"
#include "app/text_entry_view.h"
#include "app/village_admin_view.h"
#include "app/usb_port.h"
#include "core/message.h"
#include "core/notice.h"
#include "core/request_status.h"

namespace vsk::app {

enum class EntryStep {
  kIdNumber, kPin, kStaffNo, kNumber, kPhone, kTrackNumber, kTrackCode, kNewPin, kConfirmPin,
  kPointsSubject,  // points award: the person's ID number or the household number
  kAmountFen,      // notice finance row: the amount, last two digits are jiao and fen
};

// What the keypad is filling in right now.
struct KeypadView {
  EntryStep step = EntryStep::kIdNumber;
  std::string entry;        // digits typed so far (PIN digits are never shown, only counted)
  std::size_t max_length = 18;
  bool allow_x = false;     // the ID number's last character may be X
  bool secret = false;
  std::string masked_id;    // on the PIN step: whose PIN this is, masked
  bool after_reset = false; // kNewPin/kConfirmPin: a staff member whose PIN an admin reset (not the first admin)
  bool step_up = false;     // kPin: an identified resident (card alone) confirms a change with the PIN
};

struct ResidentView {
  std::string name;
  std::string masked_id;
  std::string address;
  std::string grid;
};

struct StaffView {
  std::string name;
  std::string staff_no;
  std::string role_key;  // translation key of the role, e.g. "role.admin"
  bool may_exit = false; // admins only: leave fullscreen / quit the program
};

// A request being filled in at the kiosk.
struct DraftView {
  std::string category;            // chosen category id (catalog step 2 when set)
  std::string service_id;
  std::size_t field_index = 0;     // the question on screen
  std::map<std::string, std::string> values;
  bool anonymous = false;
  bool reward_opt_in = false;
  std::optional<std::int64_t> on_behalf_staff_id;  // 代办: a staff member is filing for the resident
  std::string date_month;          // date picker: the month shown, "YYYY-MM"
  std::size_t detail_first = 0;    // the service's page: the first line on screen (the UI pages by what fits)
};

struct ReceiptView {
  std::string number;
  std::string pickup_code;
  std::string claim_code;   // rewarded anonymous reports only
  std::string due_date;     // YYYY-MM-DD
  std::string service_id;
  std::optional<core::Message> print_result;
  int claim_days = 0;       // rewarded reports: days after completion to claim the reward
  std::string qr_text;      // the status page link (core/status_link.h), or the number
  std::int64_t filed_at = 0;  // unix seconds: when it was filed (on screen and on paper, with the year)
};

struct TimelineEntry {
  std::int64_t at = 0;
  std::string event;  // event name, e.g. "accept"
  std::string to;     // status name
  std::string who;    // staff name, or empty
  bool on_behalf = false;
  std::string note;
};

struct RequestSummary {
  std::int64_t id = 0;
  std::string number;
  std::string service_id;
  std::string status;     // status name
  std::string due_date;   // YYYY-MM-DD
  bool overdue = false;
  std::string resident;   // masked name for staff lists; empty when anonymous
  std::string grid;
  std::string assignee;
  std::int64_t submitted_at = 0;
  std::optional<int> rating;
};

struct RequestDetailView {
  RequestSummary summary;
  std::vector<std::pair<std::string, std::string>> fields;  // field id -> value, in form order
  std::vector<TimelineEntry> timeline;
  std::optional<std::string> escalation_department;
  std::string township_report_by;  // YYYY-MM-DD while escalated: when the township must answer
  bool rating_wanted = false;    // completed and not rated yet
  bool rerate_allowed = false;   // one re-rating after a bad rating
  bool anonymous = false;
  bool filed_on_behalf = false;
  std::int64_t open_followups = 0;
  std::vector<core::RequestEventKind> allowed_actions;  // staff: the steps the workflow and the role allow now
  bool may_record_rating = false;
  bool may_followup = false;
  std::size_t timeline_skip = 0;  // the newest entries not shown (paged back to older ones)
};

struct RateView {
  int level = 0;  // 0: none chosen yet
  std::vector<std::string> tags;
  bool by_phone = false;  // staff recording a rating given by phone (else in person)
};

struct QueueView {
  std::string status_filter;   // status name or "" for all open
  bool overdue_only = false;
  bool followup_only = false;
  std::optional<std::int64_t> grid_filter;
  std::string grid_label;      // shown on the filter button; empty = all grids
  std::string service_filter;  // service id or "" for all
  std::vector<RequestSummary> rows;
  std::map<std::string, std::int64_t> counts;  // status name -> count, plus "overdue" and "open"
  int page = 0;
  bool has_more = false;  // another page after this one
  int page_rows = 0;      // rows the screen has room for (the UI says, QueueRowsFit); 0: not known yet
};

// An admin action that needs a choice first (whom to assign, which reason).
struct PickView {
  std::string action;  // event name: assign / reject / ask_materials / escalate / complete / note
  std::vector<std::pair<std::string, std::string>> options;  // id -> label
  std::vector<std::optional<core::Message>> details;          // per option, a second line (派单: role and grid)
};

// A storage failure the error edge caught (app/error_edge.h).
struct FailureNote {
  std::string reason_key;  // "storage.reason.full", ...
  std::int64_t at = 0;     // unix seconds
};

// Admin home: the kiosk's own health, for staff.
struct MaintenanceView {
  bool recovered = false;         // the database was damaged at start-up and replaced (until cleared)
  bool from_backup = false;       // ... by a backup taken at backup_time; else by an empty database
  std::int64_t backup_time = 0;   // unix seconds
  bool storage_low = false;       // free space below the minimum: backups are paused
  std::int64_t free_mb = 0;
  std::string printer_problem;    // translation key (admin.printer.paper_out ...), empty: fine
  std::string reader_problem;     // translation key (admin.reader.gone / .error), empty: fine
  bool sync_not_enrolled = false; // never enrolled with the township: nothing filed here has left the kiosk
  std::int64_t sync_pending = 0;  // operations waiting to be sent
};

// Admin mode: sync with the township.
struct SyncHealthView {
  bool enrolled = false;
  bool available = false;        // this kiosk runs a sync thread (enrolled, and started with one)
  std::string village, server_url;
  std::int64_t pending = 0;
  std::int64_t oldest_pending_age_s = -1;  // -1: nothing waiting
  std::int64_t last_success_at = 0;        // unix seconds, 0 = never
  std::int64_t last_attempt_at = 0;
  std::optional<core::Message> last_error;  // none after a success (app/sync_error_text.h)
  std::int64_t clock_offset_s = 0;
  bool clock_warning = false;              // off by more than a few minutes
  bool running = false;
  int failures_in_row = 0;
  std::int64_t next_round_in_s = 0;
  struct Quarantined {
    std::int64_t seq = 0;
    std::string type;       // "request.event", ...
    std::string what;       // e.g. the request number, for people
    std::int64_t at = 0;
    core::Message reason;  // the township's reason code, translated
  };
  std::vector<Quarantined> quarantined;
  struct Conflict {
    std::int64_t id = 0;
    std::string scope, key, reason, remote_summary;
  };
  std::vector<Conflict> conflicts;
  // USB stick (issue 19).
  struct Usb {
    bool available = false;        // this kiosk can use a stick (kiosk/main.cpp wires it)
    bool panel = false;            // 通过U盘连接乡镇 is open
    bool request_written = false;  // an enrollment request waits for the township's reply
    std::string code;              // typed so far on the panel's pad
    std::string server_url;        // 连接乡镇: the township's address, typed on the keyboard
    UsbJob job = UsbJob::kNone;    // running, or the last one
    bool running = false;
    int done = 0, total = 0;
    std::optional<core::Message> result;  // the last job's outcome, for people
    bool result_ok = false;
  } usb;
};

// ---- Points (积分制) ----
struct PointsRow {
  std::int64_t seq = 0;
  core::LocalText rule;     // the rule's name (empty for redemptions)
  std::int64_t delta = 0;
  std::string kind;         // rule / reversal / redemption / external
  std::string state;        // pending_approval / in_notice / objected / final
  std::string reason;       // may be a phrase key
  std::string who;          // resident name (household rows), already within the household
  std::int64_t at = 0;
  std::string notice_ends;  // YYYY-MM-DD while in notice
  bool may_object = false;
  bool reversed = false;
};

struct RuleChoice {
  std::string id;
  core::LocalText name;
  std::string category;
  int points = 0;
  std::string evidence;
};

struct GoodsView {
  std::int64_t id = 0;
  core::LocalText name;
  std::int64_t price = 0;
  std::int64_t stock = 0;
  std::string picture;  // path under assets/
};

struct BoardEntry {
  int rank = 0;
  std::string name;  // masked (张*明)
  std::string grid;
  std::int64_t points = 0;
  core::LocalText rule;  // black board: the rule of the deduction (never free text)
};

// A button on a row of a staff list: what it does and its label key.
struct StaffPointsButton {
  PointsStaffAct act;
  std::string label_key;
};

// One row of a staff list, with the actions allowed on it.
struct StaffPointsItem {
  std::string title;
  std::string detail;
  std::vector<StaffPointsButton> actions;
  std::string note;  // a phrase key (translated on screen) or free text, after the detail
  std::optional<core::Message> detail_msg;  // when set, shown instead of `detail` (e.g. 库存40件 / 已兑完)
};

struct PointsView {
  std::int64_t my_final = 0, my_pending = 0, household_final = 0, household_pending = 0, spendable = 0;
  int rank = 0, households = 0, grid_rank = 0, grid_households = 0;
  std::string grid;
  int in_notice = 0;            // my household's entries in notice
  std::vector<PointsRow> rows;  // history or notice list
  int page = 0;
  bool has_more = false;
  std::string phrase_for;       // object / declare / award: what the phrase screen is choosing
  std::vector<std::string> phrases;  // phrase keys
  std::vector<RuleChoice> rules;     // declare / award: the choosable rules
  std::string picked_rule;
  std::vector<std::pair<std::string, core::LocalText>> categories;  // award: 自治 / 德治 / 法治 / 公益
  std::string category;              // award: the category whose rules are shown
  std::vector<GoodsView> goods;
  std::int64_t picked_goods = 0;
  std::string redeemed_code;
  core::LocalText redeemed_goods;
  std::int64_t redeemed_price = 0;
  PointsBoard board_scope;           // the board shown
  std::vector<BoardEntry> board;
  std::vector<std::pair<std::int64_t, std::string>> grids;  // id -> name
  bool black_board = false;          // the village shows a 黑榜
  // Staff
  std::string staff_list;            // approvals / objections / claims / shop / summary / conflicts
  std::string month;                 // summary: YYYY-MM
  std::vector<StaffPointsItem> items;
  std::size_t notice_first = 0;       // 公示中的积分: the first entry on screen (the UI pages by what fits)
  std::size_t staff_first = 0;        // the first item on screen (the UI pages by what fits)
  std::map<std::string, int> counts;  // list name -> open items
  std::string award_subject;          // masked name or household address, once typed
  std::int64_t notice_days = 7;
  std::int64_t approval_threshold = 20;
  std::string award_reason;           // award: typed on the keyboard (empty: the rule's name stands)
};

// One notice in a list (residents' and staff's).
struct NoticeSummary {
  std::int64_t id = 0;
  std::string category;   // core::notice_category_name
  bool township = false;  // sent by the township
  std::string title;
  bool pinned = false;
  std::int64_t published_at = 0;  // 0: never published
  std::string status;             // staff: "draft", "published", "unpublished", "expired"
  std::string period_start;       // 公示
  std::string period_end;
  std::string end_date;
  std::string publicity_phase;    // "", "not_started", "running", "ended"
  int days_left = 0;              // 公示 running: days including today and the end day
  int version = 1;
  std::int64_t comments = 0;
  std::int64_t open_comments = 0;
};

struct NoticeVersionView {
  int version = 0;
  std::int64_t edited_at = 0;
  std::string editor;  // staff name; empty: the township
  std::string title;
};

struct NoticeCommentView {
  std::int64_t id = 0;
  std::string resident;  // masked name
  std::string text;
  std::int64_t at = 0;
  bool handled = false;
  std::string handled_by;
};

struct NoticeDetailView {
  NoticeSummary summary;
  std::string body;
  std::vector<core::FinanceRow> rows;
  std::int64_t income_fen = 0;
  std::int64_t expense_fen = 0;
  bool has_image = false;
  int page = 0;             // the page of the body on screen (the UI knows how many fit)
  int shown_version = 0;    // staff: an older version on screen; 0 = the current one
  std::vector<NoticeVersionView> versions;   // staff only
  std::vector<NoticeCommentView> comments;   // staff only
};

struct NoticesView {
  std::string filter;  // "" all, a category name, or "township"
  std::vector<NoticeSummary> rows;
  int page = 0;
  NoticeDetailView detail;
  std::string comment_text;  // the opinion being composed (phrases now; the keyboard later)
  std::vector<std::string> overdue;  // admin home: categories past their legal cadence
};

// A notice being written by staff.
struct NoticeEditorView {
  std::int64_t notice_id = 0;  // 0: a new notice
  std::string category = "village";
  core::NoticeContent content;
  bool row_income = false;     // the finance row being added
  std::string row_item;
};

// The points red board, as the points feature will fill it (empty until then).
struct BoardRow {
  int rank = 0;
  std::string household;
  std::int64_t points = 0;
};

struct AttractView {
  std::vector<NoticeDetailView> notices;  // pinned, visible notices
  std::vector<BoardRow> board;            // empty: no board slide
  int slide = 0;                          // index into notices, then the board
  int slides() const { return static_cast<int>(notices.size()) + (board.empty() ? 0 : 1); }
};

struct ViewState {
  Screen screen = Screen::kHome;
  std::string locale = "zh-CN";
  std::string village_name;
  std::string feature_key;  // title key of the capability the resident chose (coming-soon screens)
  KeypadView keypad;
  bool card_reader = false;  // an ID card reader is watched: the identify step says a card works too
  std::optional<core::Message> error;  // shown until the next input
  std::optional<ResidentView> resident;
  std::optional<StaffView> staff;
  std::int64_t now_unix = 0;  // for the clock in the header
  std::string today;          // YYYY-MM-DD in China time
  DraftView draft;
  ReceiptView receipt;
  std::vector<RequestSummary> my_requests;
  RequestDetailView detail;
  RateView rate;
  QueueView queue;
  PickView pick;
  std::optional<core::Message> notice;  // a success notice, e.g. "已受理"
  std::string track_prefix;   // this kiosk's receipt prefix, e.g. "QS1-"
  bool help_called = false;   // the resident asked for staff; shown until staff take over or reset
  bool exit_requested = false;  // an admin chose to quit the kiosk program
  int pending_ratings = 0;    // completed requests of the identified resident not yet rated
  MaintenanceView maintenance;  // filled when staff log in
  SyncHealthView sync;          // admin: the sync health screen
  PointsView points;
  NoticesView notices;
  NoticeEditorView notice_editor;
  AttractView attract;
  std::optional<int> idle_prompt_s;  // 还需要更多时间吗？ with this many seconds left
  // The error edge: what the last action's failure was (disk full, database busy), shown over
  // the screen until the next touch; and the newest one, for the admin home. In memory only.
  std::optional<core::Message> failure;
  std::optional<FailureNote> last_failure;
  int timed_revision = 0;  // bumped when time alone changes the screen (countdown, slides)
  bool large_mode = false;    // 长辈模式: bigger text and targets; reset with the session
  bool speaking = false;      // read-aloud is playing (the header button then stops it)
  TextEntryView text_entry;   // the on-screen keyboard, when a free-text field is being typed
  ResidentsView residents;          // 居民管理
  RollImportView roll_import;       // 从U盘导入
  StaffAccountsView staff_accounts; // 工作人员
  VillageSettingsView village_settings; // 村务设置
};

}  // namespace vsk::app
