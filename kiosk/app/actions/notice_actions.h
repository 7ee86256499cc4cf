// 村务公开: residents read notices and leave opinions; staff write, publish and pin them.
// Handled by app/notice_flow.h (the staff list opens with OpenAdminFeature{"admin.notices"}).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

namespace vsk::app {

struct OpenNotices {};  // 村务公开
struct NoticeFilter {
  std::string filter;  // empty: all; a category name; or "township"
};
struct OpenNotice {
  std::int64_t notice_id = 0;
};
struct NoticePage {  // the list's page, or the notice body's page
  int delta = 1;     // +1 next, -1 previous
};
struct NoticeOpinion {};  // 我有意见: identify if needed, then compose
struct NoticeCommentText {
  std::string text;  // the whole comment as it now reads
};
struct NoticeSendComment {};
// Staff: the editor.
struct NoticeNew {};
struct NoticeEdit {};  // the notice on screen, as a new version
struct NoticeSetCategory {
  std::string category;  // core::NoticeCategory's name; a saved notice keeps its own
};
struct NoticeSetTitle {
  std::string title;
};
struct NoticeSetBody {
  std::string body;
};
struct NoticePeriodDays {  // a 公示 from today for this many days (1..30)
  int days = 0;
};
struct NoticeEndDays {  // shown this many days from today; 0: no expiry
  int days = 0;
};
struct NoticeAddRow {  // opens the finance row page
  bool income = false;
};
struct NoticeRowItem {
  std::string item;
};
struct NoticeRemoveRow {
  std::size_t index = 0;
};
struct NoticeSave {};
struct NoticePublish {};
struct NoticeUnpublish {};
struct NoticePin {};  // toggles
struct NoticeShowVersion {
  int version = 0;  // 0: the current one
};
struct NoticeCommentHandled {
  std::int64_t comment_id = 0;
};

using NoticeAction =
    std::variant<OpenNotices, NoticeFilter, OpenNotice, NoticePage, NoticeOpinion, NoticeCommentText, NoticeSendComment,
                 NoticeNew, NoticeEdit, NoticeSetCategory, NoticeSetTitle, NoticeSetBody, NoticePeriodDays,
                 NoticeEndDays, NoticeAddRow, NoticeRowItem, NoticeRemoveRow, NoticeSave, NoticePublish,
                 NoticeUnpublish, NoticePin, NoticeShowVersion, NoticeCommentHandled>;

}  // namespace vsk::app
