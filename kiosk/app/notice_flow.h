// The notice screens' logic: residents' list, notice pages and opinions; staff's list,
// editor (each save a new version), publish / unpublish / pin, versions and comments; the
// admin home's overdue flags; the attract screen's slides. Reads the store, writes through
// NoticeService, fills the ViewState.
#pragma once

#include <cstdint>

#include "app/action.h"
#include "app/notice_service.h"
#include "app/request_flow.h"
#include "app/text_field.h"
#include "app/view_state.h"

namespace vsk::app {

class NoticeFlow {
 public:
  NoticeFlow(ViewState& state, store::KioskStore& store, NoticeService& service, platform::Clock& clock);

  // Handles the notice actions; false for actions it does not own. `needs_identification`:
  // the resident must identify before the opinion page (then call open_opinion()).
  bool handle(const LegacyAction& a, const Session& session, bool* needs_identification);
  // The keypad's confirm key on the finance row page.
  bool on_submit();
  // Back from a notice screen; false when the screen is not one of ours.
  bool on_back(const Session& session);

  void open_list();
  void open_admin_list();
  void open_opinion();
  void refresh_overdue();  // admin home flags
  AttractView attract_view();
  void reset();
  // Free text from the keyboard (text_targets.cpp): "notices.opinion", "notices.title",
  // "notices.body", "notices.row_item". take_text checks the value and puts it in the field.
  std::optional<TextField> text_field(const std::string& target) const;
  core::Status take_text(const std::string& target, const std::string& value);

 private:
  NoticeSummary summarize(const store::NoticeRecord& n) const;
  void load_detail(std::int64_t id, bool staff, int version);
  void reload_list();
  void open_editor(std::int64_t notice_id);
  void set_field(const std::string& arg);
  void add_row();
  void save(const Session& session);
  void staff_op(ActionKind kind, const Session& session);
  void send_comment(const Session& session);

  ViewState& state_;
  store::KioskStore& store_;
  NoticeService& service_;
  platform::Clock& clock_;
  std::int64_t detail_id_ = 0;
};

}  // namespace vsk::app
