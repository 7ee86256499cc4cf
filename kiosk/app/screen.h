// Which screen is shown. Only the router's Navigator (app/navigator.h) changes it.
#pragma once

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
  kSyncHealth,    // admin: sync with the township (同步状态)
  // Points (积分制)
  kPointsHome,     // my points: final / pending, household balance and rank
  kPointsHistory,
  kPointsNotice,   // my household's entries in notice, 我有异议
  kPointsPhrases,  // pick a phrase: objection reason, good-deed note, staff reason
  kPointsDeclare,  // good deed: pick a rule
  kPointsShop,
  kPointsRedeemed, // the redemption receipt with its code
  kPointsBoard,    // 红榜 / 黑榜, no identification needed
  kStaffPoints,    // admin: the points menu
  kStaffPointsAward,  // admin: keypad for the person / household, then the rule, then confirm
  kStaffPointsList,   // admin: approvals, objections, claims, shop, summary, conflicts
  // Notices (村务公开)
  kNotices,          // category chips and the list, pinned first
  kNoticePage,       // one notice in big paged text (finance: a table; 公示: its period)
  kNoticeOpinion,    // 我有意见: the resident's comment, from phrases
  kStaffNotices,     // admin: every notice incl. drafts and taken-down ones
  kStaffNotice,      // admin: one notice with its actions, versions and comments
  kNoticeEditor,     // admin: create or edit (category, title, body, dates, finance rows)
  kNoticeFinanceRow, // admin: one finance row: item, income/expense, amount on the keypad
  kAttract,          // nobody at the kiosk: pinned notices (and the red board) cycle until touched
  // Running the village (issue 11, app/village_admin.h)
  kResidents,          // 居民管理: search by ID number, name or 户号; 从U盘导入
  kResidentCard,       // one resident with the household and what staff may change
  kResidentKeypad,     // the ID search, a phone number, the 迁出 date, or the resident's own PIN
  kResidentPick,       // grid / relation
  kResidentRegister,   // 登记新居民: the form
  kRollImport,         // 从U盘导入: the files on the stick, then the dry run and 确认导入
  kStaffAccounts,      // admin: 工作人员
  kStaffAccount,       // one account (or a new one): role, grid, disable, reset PIN
  kStaffAccountKeypad, // a new account's staff number
  kStaffAccountPick,   // role / grid
  kVillageSettings,       // admin: 村务设置, every setting with its value
  kVillageSettingKeypad,  // a number setting on the keypad, with its range
  kVillageSettingPick,    // a choice setting (printer mode)
  kOwnPin,                // 修改我的密码: current PIN, new PIN, again
};

}  // namespace vsk::app
