// 积分制: a household's points, objections, good deeds, the points shop and the red / black
// boards; staff approvals, objections, claims, the shop counter and awards. Handled by
// app/points_flow.h (the staff home opens with OpenAdminFeature{"admin.points"}).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <cstddef>
#include <variant>

namespace vsk::app {

struct PointsHistory {};  // my household's entries, paged
struct PointsPage {
  int delta = 1;  // +1 next page, -1 previous
};
struct PointsNotice {};  // entries in notice (公示中) with 我有异议
struct PointsObject {    // object to an entry: the reason comes next
  std::int64_t entry_seq = 0;
};
struct PointsPhrase {  // a tapped phrase: objection / good-deed note / staff reason (files it)
  std::string phrase_key;
};
struct PointsDeclare {};  // declare a good deed: pick a rule, then a phrase
struct PointsPickRule {
  std::string rule_id;
};
struct PointsPickCategory {  // the award screen: show another category's rules
  std::string category;
};
struct PointsShop {};  // 积分超市
struct PointsPickGoods {
  std::int64_t goods_id = 0;
};
struct PointsReserve {};  // reserve the picked goods
enum class BoardScope { kVillage, kGrid, kBlack };
struct PointsBoard {  // the public 红黑榜
  BoardScope scope = BoardScope::kVillage;
  std::int64_t grid_id = 0;  // kGrid only
  bool operator==(const PointsBoard&) const = default;
};
struct PointsStaffList {
  std::string list;  // approvals / objections / claims / shop / summary / conflicts
};
// What staff can do to one row of a staff list. Decisions against someone (refuse, uphold,
// dismiss, claim_no) ask for a reason first.
enum class PointsVerb { kApprove, kRefuse, kUphold, kDismiss, kClaimOk, kClaimNo, kCollect, kCancel, kRestock };
struct PointsStaffAct {
  PointsVerb verb = PointsVerb::kApprove;
  std::int64_t id = 0;  // the entry, objection, claim, reservation or goods
};
struct PointsStaffAward {  // start award / deduct: a person (ID number) or a household (id) on the keypad
};
struct PointsConfirmAward {};
struct PointsNoticeFrom {  // 公示中的积分's page: the first entry to show (the UI knows how many fit)
  std::size_t first = 0;
};
struct PointsStaffFrom {  // a staff list's page: the first item to show (the UI knows how many fit)
  std::size_t first = 0;
};

using PointsAction =
    std::variant<PointsHistory, PointsPage, PointsNotice, PointsObject, PointsPhrase, PointsDeclare, PointsPickRule,
                 PointsPickCategory, PointsShop, PointsPickGoods, PointsReserve, PointsBoard, PointsStaffList,
                 PointsStaffAct, PointsStaffAward, PointsConfirmAward, PointsStaffFrom, PointsNoticeFrom>;

// The verb's name: widget ids ("act.approve:12") and the phrase screen's purpose.
constexpr std::string_view points_verb_name(PointsVerb v) {
  switch (v) {
    case PointsVerb::kApprove: return "approve";
    case PointsVerb::kRefuse: return "refuse";
    case PointsVerb::kUphold: return "uphold";
    case PointsVerb::kDismiss: return "dismiss";
    case PointsVerb::kClaimOk: return "claim_ok";
    case PointsVerb::kClaimNo: return "claim_no";
    case PointsVerb::kCollect: return "collect";
    case PointsVerb::kCancel: return "cancel";
    case PointsVerb::kRestock: return "restock";
  }
  return "";
}

// Decisions against someone: a phrase or typed reason comes first.
constexpr bool points_verb_needs_reason(PointsVerb v) {
  return v == PointsVerb::kUphold || v == PointsVerb::kDismiss || v == PointsVerb::kRefuse || v == PointsVerb::kClaimNo;
}

}  // namespace vsk::app
