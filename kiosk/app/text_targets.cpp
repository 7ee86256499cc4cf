// Every free-text field the keyboard serves, apart from the request form's questions (those
// live with the form in kiosk_app_access.cpp): where its text comes from when the keyboard
// opens, how long it may be, and where the typed text goes on 完成. Each flow keeps its own
// fields; this file only gathers them so attaching the next one is one place to look.
//
// A field opens only on its own screen (a stale action cannot open another screen's field).
// take_text checks the value first (core/text_limits.h); an error changes nothing, so the
// keyboard stays up with everything typed still in it.
#include "app/notice_flow.h"
#include "app/points_flow.h"
#include "app/request_flow.h"
#include "core/request_status.h"
#include "core/text_limits.h"

namespace vsk::app {

using core::Message;

// ---- points: reasons and notes ----

std::optional<TextField> PointsFlow::text_field(const std::string& target) const {
  const PointsView& p = state_.points;
  if (target == "points.reason" && state_.screen == Screen::kPointsPhrases)
    return TextField{"", core::kMaxReasonChars, "points.type." + p.phrase_for};
  if (target == "points.award_reason" && state_.screen == Screen::kStaffPointsAward && !p.award_subject.empty())
    return TextField{p.award_reason, core::kMaxReasonChars, "points.type.award"};
  return std::nullopt;
}

core::Status PointsFlow::take_text(const std::string& target, const std::string& value) {
  const std::string text = core::trim_free_text(value);
  if (target == "points.reason") {
    // Typed instead of a phrase: filed at once, as a tapped phrase is.
    if (auto err = core::check_free_text(text, core::kMaxReasonChars, true)) return *err;
    return submit_reason(text);
  }
  if (target == "points.award_reason") {
    if (auto err = core::check_free_text(text, core::kMaxReasonChars, false)) return *err;
    state_.points.award_reason = text;
    state_.error.reset();
    return core::ok();
  }
  return Message("text.err.closed");
}

// ---- notices: a resident's opinion, the staff editor ----

std::optional<TextField> NoticeFlow::text_field(const std::string& target) const {
  const NoticeEditorView& e = state_.notice_editor;
  if (target == "notices.opinion" && state_.screen == Screen::kNoticeOpinion)
    return TextField{state_.notices.comment_text, core::kMaxOpinionChars, "notice.type.opinion"};
  if (target == "notices.title" && state_.screen == Screen::kNoticeEditor)
    return TextField{e.content.title, core::kMaxNoticeTitleChars, "notice.type.title"};
  if (target == "notices.body" && state_.screen == Screen::kNoticeEditor && e.category != "finance")
    return TextField{e.content.body, core::kMaxNoticeBodyChars, "notice.type.body"};
  if (target == "notices.row_item" && state_.screen == Screen::kNoticeFinanceRow)
    return TextField{e.row_item, core::kMaxFinanceItemChars, "notice.type.row_item"};
  return std::nullopt;
}

core::Status NoticeFlow::take_text(const std::string& target, const std::string& value) {
  const std::string text = core::trim_free_text(value);
  const auto field = text_field(target);
  if (!field) return Message("text.err.closed");
  // Empty is allowed here: it clears the field; sending / saving then says what is missing.
  if (auto err = core::check_free_text(text, field->max_length, false)) return *err;
  if (target == "notices.opinion") state_.notices.comment_text = text;
  if (target == "notices.title") state_.notice_editor.content.title = text;
  if (target == "notices.body") state_.notice_editor.content.body = text;
  if (target == "notices.row_item") state_.notice_editor.row_item = text;
  state_.error.reset();
  return core::ok();
}

// ---- requests: the staff queue's reasons and notes ----

std::optional<TextField> RequestFlow::text_field(const std::string& target) const {
  // The pick page of a step that needs a reason (reject, ask for materials, note) lists
  // reason phrases; assignees, departments and filters are not free text.
  const PickView& p = state_.pick;
  const bool reasons = !p.options.empty() && p.options.front().first.rfind("reason.", 0) == 0;
  if (target == "requests.reason" && state_.screen == Screen::kStaffPick && reasons && session_.staff_id)
    return TextField{"", core::kMaxReasonChars, "staff.type_reason"};
  return std::nullopt;
}

core::Status RequestFlow::take_text(const std::string& target, const std::string& value) {
  const std::string text = core::trim_free_text(value);
  if (!text_field(target)) return Message("text.err.closed");
  if (auto err = core::check_free_text(text, core::kMaxReasonChars, true)) return *err;
  const auto kind = core::event_from_name(state_.pick.action);
  if (!kind) return Message("text.err.closed");
  const TransitionInput in{*kind, session_.staff_id, text, std::nullopt, "", false};
  const core::Status st = service_.transition(detail_id_, in);
  if (!st) return st;
  load_detail(detail_id_);
  nav_.open(Screen::kStaffRequest);
  state_.error.reset();
  state_.notice = Message("staff.done").arg("action", "action." + state_.pick.action);
  return core::ok();
}

}  // namespace vsk::app
