// Everything a screen needs to draw itself, as plain values. The UI reads this and returns
// Actions; it never reaches into the store. Personal data here is already masked.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/text_entry_view.h"
#include "core/message.h"

namespace vsk::app {

enum class Screen {
  kHome,
  kComingSoon,    // a capability not built yet: says so, never crashes
  kIdentify,      // resident: ID number, then PIN, on the keypad
  kResidentHome,  // resident identified
  kStaffLogin,    // staff number, then PIN
  kAdminHome,     // staff logged in
  // Service requests (办事申请)
  kCatalog,       // categories, then the services of one category
  kServiceDetail, // what it is, materials, who handles it, promised days
  kFormField,     // one question per page
  kConfirm,       // everything at a glance before filing
  kReceipt,       // request number, pickup code, QR, promised date (only after the commit)
  kTrack,         // request number + pickup code, no identification
  kMyRequests,    // after identification: my requests
  kRequestDetail, // timeline of one request
  kRate,          // 好差评 five levels + reason tags
  kStaffQueue,    // admin: the request queue
  kStaffRequest,  // admin: one request with its actions
  kStaffPick,     // admin: choose an assignee / a reason for an action
};

enum class EntryStep { kIdNumber, kPin, kStaffNo, kNumber, kPhone, kTrackNumber, kTrackCode, kNewPin, kConfirmPin };

// What the keypad is filling in right now.
struct KeypadView {
  EntryStep step = EntryStep::kIdNumber;
  std::string entry;        // digits typed so far (PIN digits are never shown, only counted)
  std::size_t max_length = 18;
  bool allow_x = false;     // the ID number's last character may be X
  bool secret = false;
  std::string masked_id;    // on the PIN step: whose PIN this is, masked
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
};

struct ReceiptView {
  std::string number;
  std::string pickup_code;
  std::string claim_code;   // rewarded anonymous reports only
  std::string due_date;     // YYYY-MM-DD
  std::string service_id;
  std::optional<core::Message> print_result;
  int claim_days = 0;       // rewarded reports: days after completion to claim the reward
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
  std::vector<std::string> allowed_actions;  // staff: event names the workflow and the role allow now
  bool may_record_rating = false;
  bool may_followup = false;
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
};

// An admin action that needs a choice first (whom to assign, which reason).
struct PickView {
  std::string action;  // event name: assign / reject / ask_materials / escalate / complete / note
  std::vector<std::pair<std::string, std::string>> options;  // id -> label
};

// Admin home: the kiosk's own health, for staff.
struct MaintenanceView {
  bool recovered = false;         // the database was damaged at start-up and replaced (until cleared)
  bool from_backup = false;       // ... by a backup taken at backup_time; else by an empty database
  std::int64_t backup_time = 0;   // unix seconds
  bool storage_low = false;       // free space below the minimum: backups are paused
  std::int64_t free_mb = 0;
};

struct ViewState {
  Screen screen = Screen::kHome;
  std::string locale = "zh-CN";
  std::string village_name;
  std::string feature_key;  // title key of the capability the resident chose (coming-soon screens)
  KeypadView keypad;
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
  bool large_mode = false;    // 长辈模式: bigger text and targets; reset with the session
  bool speaking = false;      // read-aloud is playing (the header button then stops it)
  TextEntryView text_entry;   // the on-screen keyboard, when a free-text field is being typed
};

}  // namespace vsk::app
