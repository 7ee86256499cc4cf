// The points screens' logic: my points, history, entries in notice and objections, good-deed
// declarations, the points shop, the public boards, and the staff side (award / deduct,
// approvals, objections, claims, shop, monthly summary, conflicts). Reads the store, writes
// through PointsService, and fills ViewState::points for the screens.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/actions/points_actions.h"
#include "app/navigator.h"
#include "app/points_service.h"
#include "app/session.h"
#include "app/text_field.h"
#include "app/view_state.h"

namespace vsk::app {

class PointsFlow {
 public:
  PointsFlow(ViewState& state, const Session& session, Navigator& nav, store::KioskStore& store,
             PointsService& service);

  void handle(const PointsAction& a);
  // The keypad's confirm key on the staff award screen.
  bool on_submit();
  void open_home();                        // after identification
  void open_board(const PointsBoard& board);
  void open_staff();
  void reset();
  // Free text from the keyboard (text_targets.cpp): "points.reason" (the phrase screen's
  // purpose: objection, good deed, resolution, refusal) and "points.award_reason".
  std::optional<TextField> text_field(const std::string& target) const;
  // Stores / submits the typed value; an error leaves everything as it was (keyboard stays up).
  core::Status take_text(const std::string& target, const std::string& value);

 private:
  void load_home();
  void load_history();
  void load_notice();
  void open_shop();
  void open_phrases(const std::string& for_what);
  void on_phrase(const std::string& key);
  // Files what the phrase screen is for with `text` (a phrase key or typed text). On success
  // it moves on and says so; on failure nothing changes and the error is returned.
  core::Status submit_reason(const std::string& text);
  void register_back();
  void leave_phrases();  // back to where the phrase screen was opened from
  void reserve();
  void open_staff_list(const std::string& list);
  void staff_act(const PointsStaffAct& act);
  void on(const PointsHistory&);
  void on(const PointsPage& a);
  void on(const PointsNotice&);
  void on(const PointsObject& a);
  void on(const PointsPhrase& a);
  void on(const PointsDeclare&);
  void on(const PointsPickRule& a);
  void on(const PointsPickCategory& a);
  void on(const PointsShop&);
  void on(const PointsPickGoods& a);
  void on(const PointsReserve&);
  void on(const PointsBoard& a);
  void on(const PointsStaffList& a);
  void on(const PointsStaffFrom& a);
  void on(const PointsNoticeFrom& a);
  void on(const PointsStaffAct& a);
  void on(const PointsStaffAward&);
  void on(const PointsConfirmAward&);
  void award_subject_typed();
  void confirm_award();
  void refresh_counts();
  PointsRow row(const store::PointsEntryView& v);
  core::LocalText rule_name(const std::string& rule_id) const;
  std::optional<std::int64_t> household() const;
  void show(const core::Status& st, const std::string& ok_key);

  ViewState& state_;
  const Session& session_;
  Navigator& nav_;
  store::KioskStore& store_;
  PointsService& service_;
  std::int64_t object_seq_ = 0;     // the entry an objection is being filed against
  std::optional<PointsStaffAct> reason_for_;  // the staff decision the phrase screen gives a reason for
  std::optional<std::int64_t> award_resident_;
  std::optional<std::int64_t> award_household_;
};

}  // namespace vsk::app
