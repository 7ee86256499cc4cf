// The notice screens' logic: residents' list, notice pages and opinions; staff's list,
// editor (each save a new version), publish / unpublish / pin, versions and comments; the
// admin home's overdue flags; the attract screen's slides. Reads the store, writes through
// NoticeService, fills the ViewState.
#pragma once

#include <cstdint>
#include <string>

#include "app/actions/notice_actions.h"
#include "app/flow_result.h"
#include "app/navigator.h"
#include "app/notice_service.h"
#include "app/session.h"
#include "app/text_field.h"
#include "app/view_state.h"

namespace vsk::app {

class NoticeFlow {
 public:
  // `session` is the app's: who is identified / logged in right now.
  NoticeFlow(ViewState& state, const Session& session, Navigator& nav, store::KioskStore& store,
             NoticeService& service, platform::Clock& clock);

  // The notice actions. kIdentifyFirst: the resident must identify before the opinion page
  // (then the caller continues with open_opinion()).
  FlowResult handle(const NoticeAction& a);
  // The admin tile "admin.notices" (staff only); false for any other feature.
  bool open_admin(const std::string& feature_key);
  // The keypad's confirm key on the finance row page.
  bool on_submit();

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
  void register_back();
  NoticeSummary summarize(const store::NoticeRecord& n) const;
  void load_detail(std::int64_t id, bool staff, int version);
  void reload_list();
  void open_editor(std::int64_t notice_id);
  FlowResult on(const OpenNotices&);
  FlowResult on(const NoticeFilter& a);
  FlowResult on(const OpenNotice& a);
  FlowResult on(const NoticePage& a);
  FlowResult on(const NoticeOpinion&);
  FlowResult on(const NoticeCommentText& a);
  FlowResult on(const NoticeSendComment&);
  FlowResult on(const NoticeNew&);
  FlowResult on(const NoticeEdit&);
  FlowResult on(const NoticeSetCategory& a);
  FlowResult on(const NoticeSetTitle& a);
  FlowResult on(const NoticeSetBody& a);
  FlowResult on(const NoticePeriodDays& a);
  FlowResult on(const NoticeEndDays& a);
  FlowResult on(const NoticeAddRow& a);
  FlowResult on(const NoticeRowItem& a);
  FlowResult on(const NoticeRemoveRow& a);
  FlowResult on(const NoticeSave&);
  FlowResult on(const NoticePublish&);
  FlowResult on(const NoticeUnpublish&);
  FlowResult on(const NoticePin&);
  FlowResult on(const NoticeShowVersion& a);
  FlowResult on(const NoticeCommentHandled& a);
  void set_period_days(int days);
  void add_row();
  void save(const Session& session);
  enum class StaffOp { kPublish, kUnpublish, kPin };  // kPin toggles
  void staff_op(StaffOp op, const Session& session);
  void send_comment(const Session& session);

  ViewState& state_;
  const Session& session_;
  Navigator& nav_;
  store::KioskStore& store_;
  NoticeService& service_;
  platform::Clock& clock_;
  std::int64_t detail_id_ = 0;
};

}  // namespace vsk::app
