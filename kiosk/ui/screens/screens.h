// One function per screen: draws the state, emits actions. Dispatched by ui/root.cpp.
#pragma once

#include "ui/ui_context.h"

namespace vsk::ui::screens {

void home(UiContext& ui);
void coming_soon(UiContext& ui);
void identify(UiContext& ui);       // resident ID number + PIN
void staff_login(UiContext& ui);    // staff number + PIN
void resident_home(UiContext& ui);
void admin_home(UiContext& ui);
void catalog(UiContext& ui);          // categories, then services
void service_detail(UiContext& ui);   // materials, handling, promised days
void form_field(UiContext& ui);       // one question
void confirm(UiContext& ui);
void receipt(UiContext& ui);
void track(UiContext& ui);            // number + pickup code
void my_requests(UiContext& ui);
void request_detail(UiContext& ui);   // resident view with timeline
void rate(UiContext& ui);
void staff_queue(UiContext& ui);
void staff_request(UiContext& ui);
void staff_pick(UiContext& ui);
void sync_health(UiContext& ui);     // admin: sync with the township
// Points (积分制)
void points_home(UiContext& ui);
void points_history(UiContext& ui);
void points_notice(UiContext& ui);
void points_phrases(UiContext& ui);
void points_declare(UiContext& ui);
void points_shop(UiContext& ui);
void points_redeemed(UiContext& ui);
void points_board(UiContext& ui);
void staff_points(UiContext& ui);
void staff_points_award(UiContext& ui);
void staff_points_list(UiContext& ui);
// Notices (村务公开)
void notices(UiContext& ui);          // chips + list
void notice_page(UiContext& ui);      // one notice, paged
void notice_opinion(UiContext& ui);   // 我有意见
void staff_notices(UiContext& ui);
void staff_notice(UiContext& ui);     // actions, versions, comments
void notice_editor(UiContext& ui);
void notice_finance_row(UiContext& ui);
void attract(UiContext& ui);
// Running the village (issue 11)
void residents(UiContext& ui);        // 居民管理: search
void resident_card(UiContext& ui);    // one resident and the household
void resident_keypad(UiContext& ui);  // ID search, phone, 迁出 date, the resident's PIN
void resident_pick(UiContext& ui);    // grid / relation
void resident_register(UiContext& ui);  // 登记新居民
void roll_import(UiContext& ui);      // 从U盘导入
void staff_accounts(UiContext& ui);   // 工作人员
void staff_account(UiContext& ui);
void staff_account_keypad(UiContext& ui);
void staff_account_pick(UiContext& ui);
void village_settings(UiContext& ui);  // 村务设置
void village_setting_keypad(UiContext& ui);
void village_setting_pick(UiContext& ui);
void own_pin(UiContext& ui);  // 修改我的密码
// Drawn over any screen while the app asks whether the resident needs more time.
void idle_prompt(UiContext& ui);
void failure_banner(UiContext& ui);  // the error edge's message, over any screen

// Parts shared by the resident and staff views of one request.
void request_summary(UiContext& ui, float width);
void request_timeline(UiContext& ui, float width);

}  // namespace vsk::ui::screens
