// The service-request screens' logic: catalog, one-question-per-page form, confirm, receipt,
// tracking, my requests, rating, and the staff queue. Reads the store, writes through
// RequestService, and fills the ViewState the screens draw.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actions/request_actions.h"
#include "app/actions/staff_actions.h"
#include "app/flow_result.h"
#include "app/navigator.h"
#include "app/session.h"
#include "app/request_service.h"
#include "app/text_field.h"
#include "app/view_state.h"
#include "core/pin_lockout.h"
#include "platform/printer.h"

namespace vsk::app {

class Translations;

class RequestFlow {
 public:
  // `session` is the app's: who is identified / logged in right now.
  RequestFlow(ViewState& state, const Session& session, Navigator& nav, store::KioskStore& store,
              RequestService& service, platform::Printer* printer, platform::Clock& clock);

  // A resident's request actions; kIdentifyFirst when the resident must identify before going on
  // (then the caller identifies and continues with begin_form / open_my_requests).
  FlowResult handle(const RequestAction& a);
  void handle(const StaffQueueAction& a);  // staff only; refused quietly without a staff session

  void open_catalog();
  void open_track();
  void begin_form();                             // after identification or for anonymous filing
  void open_my_requests(std::int64_t resident_id);
  void open_queue();
  void reset();                                  // forget everything (idle timeout, done)
  int pending_ratings(std::int64_t resident_id);  // completed, not yet rated
  void refresh_today();
  // The keypad's confirm key on a flow screen (tracking steps, number/phone questions).
  bool on_submit();
  const core::FormField* current_field() const;  // the form question on screen, if any
  // Free text from the keyboard (text_targets.cpp): "requests.reason", a staff note / reject /
  // materials reason typed instead of picked. take_text runs the step; on failure nothing changes.
  std::optional<TextField> text_field(const std::string& target) const;
  core::Status take_text(const std::string& target, const std::string& value);
  // The printed receipt's words (receipt_slip.h); without them nothing is printed.
  void set_translations(const Translations* translations) { translations_ = translations; }

 private:
  FlowResult on(const OpenRequests&);
  FlowResult on(const OpenTrack&);
  FlowResult on(const OpenMyRequests&);
  FlowResult on(const PickCategory& a);
  FlowResult on(const PickService& a);
  FlowResult on(const StartForm&);
  FlowResult on(const FileAnonymously&);
  FlowResult on(const SetValue& a);
  FlowResult on(const DateMonth& a);
  FlowResult on(const NextField&);
  FlowResult on(const PrevField&);
  FlowResult on(const ToggleReward&);
  FlowResult on(const ConfirmRequest&);
  FlowResult on(const PrintReceipt&);
  FlowResult on(const OpenRequest& a);
  FlowResult on(const StartRating&);
  FlowResult on(const RateLevel& a);
  FlowResult on(const ToggleTag& a);
  FlowResult on(const RateByPhone&);
  FlowResult on(const SubmitRating&);
  FlowResult on(const Reopen&);
  FlowResult on(const TimelinePage&);
  FlowResult on(const DetailFrom&);
  void on(const OpenQueue&);
  void on(const QueueStatus& a);
  void on(const QueueOverdue&);
  void on(const QueueFollowups&);
  void on(const QueuePage& a);
  void on(const QueueRowsFit& a);
  void on(const QueueFilterBy& a);
  void on(const StaffStep& a);
  void on(const FollowupDone&);
  void on(const StaffPickOption& a);
  void on(const StaffFileOnBehalf&);
  void register_back();
  void prev_field();
  const core::Service* current_service() const;
  void show_field();
  void next_field();
  void confirm(const Session& session);
  void print_receipt();
  void track_submit();
  void open_request(std::int64_t id, const Session& session);
  void load_detail(std::int64_t id);
  void submit_rating(const Session& session);
  void reopen(const Session& session);
  void reload_queue();
  int default_queue_page_size() const { return state_.large_mode ? 2 : 6; }
  void staff_action(const std::string& event, const Session& session);
  void staff_pick(std::size_t index, const Session& session);
  void run_transition(core::RequestEventKind kind, const Session& session, const std::string& note,
                      std::optional<std::int64_t> assignee, const std::string& department);
  RequestSummary summarize(const store::RequestRecord& r) const;

  ViewState& state_;
  const Session& session_;
  Navigator& nav_;
  store::KioskStore& store_;
  RequestService& service_;
  platform::Printer* printer_;
  const Translations* translations_ = nullptr;
  platform::Clock& clock_;
  std::int64_t detail_id_ = 0;   // the request on the detail / staff screen
  std::string track_number_;     // between the two track steps
  // The pick page's options as numbers where they are ids (grids, assignees), by position.
  std::vector<std::optional<std::int64_t>> pick_ids_;
};

}  // namespace vsk::app
