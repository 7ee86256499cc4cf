#include "ui/root.h"

#include <imgui.h>

#include "ui/keyboard.h"
#include "ui/screens/screens.h"

namespace vsk::ui {

void draw_screen(UiContext& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushFont(ui.fonts.body());
  ImGui::Begin("##screen", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  // The keyboard page covers whichever screen opened it, until done or cancel.
  if (ui.state.text_entry.active) {
    text_entry_page(ui);
    ImGui::End();
    screens::failure_banner(ui);
    ImGui::PopFont();
    return;
  }
  switch (ui.state.screen) {
    case app::Screen::kHome: screens::home(ui); break;
    case app::Screen::kSyncHealth: screens::sync_health(ui); break;
    case app::Screen::kComingSoon: screens::coming_soon(ui); break;
    case app::Screen::kIdentify: screens::identify(ui); break;
    case app::Screen::kResidentHome: screens::resident_home(ui); break;
    case app::Screen::kStaffLogin: screens::staff_login(ui); break;
    case app::Screen::kAdminHome: screens::admin_home(ui); break;
    case app::Screen::kCatalog: screens::catalog(ui); break;
    case app::Screen::kServiceDetail: screens::service_detail(ui); break;
    case app::Screen::kFormField: screens::form_field(ui); break;
    case app::Screen::kConfirm: screens::confirm(ui); break;
    case app::Screen::kReceipt: screens::receipt(ui); break;
    case app::Screen::kTrack: screens::track(ui); break;
    case app::Screen::kMyRequests: screens::my_requests(ui); break;
    case app::Screen::kRequestDetail: screens::request_detail(ui); break;
    case app::Screen::kRate: screens::rate(ui); break;
    case app::Screen::kStaffQueue: screens::staff_queue(ui); break;
    case app::Screen::kStaffRequest: screens::staff_request(ui); break;
    case app::Screen::kStaffPick: screens::staff_pick(ui); break;
    case app::Screen::kPointsHome: screens::points_home(ui); break;
    case app::Screen::kPointsHistory: screens::points_history(ui); break;
    case app::Screen::kPointsNotice: screens::points_notice(ui); break;
    case app::Screen::kPointsPhrases: screens::points_phrases(ui); break;
    case app::Screen::kPointsDeclare: screens::points_declare(ui); break;
    case app::Screen::kPointsShop: screens::points_shop(ui); break;
    case app::Screen::kPointsRedeemed: screens::points_redeemed(ui); break;
    case app::Screen::kPointsBoard: screens::points_board(ui); break;
    case app::Screen::kStaffPoints: screens::staff_points(ui); break;
    case app::Screen::kStaffPointsAward: screens::staff_points_award(ui); break;
    case app::Screen::kStaffPointsList: screens::staff_points_list(ui); break;
    case app::Screen::kNotices: screens::notices(ui); break;
    case app::Screen::kNoticePage: screens::notice_page(ui); break;
    case app::Screen::kNoticeOpinion: screens::notice_opinion(ui); break;
    case app::Screen::kStaffNotices: screens::staff_notices(ui); break;
    case app::Screen::kStaffNotice: screens::staff_notice(ui); break;
    case app::Screen::kNoticeEditor: screens::notice_editor(ui); break;
    case app::Screen::kNoticeFinanceRow: screens::notice_finance_row(ui); break;
    case app::Screen::kAttract: screens::attract(ui); break;
    case app::Screen::kResidents: screens::residents(ui); break;
    case app::Screen::kResidentCard: screens::resident_card(ui); break;
    case app::Screen::kResidentKeypad: screens::resident_keypad(ui); break;
    case app::Screen::kResidentPick: screens::resident_pick(ui); break;
    case app::Screen::kResidentRegister: screens::resident_register(ui); break;
    case app::Screen::kRollImport: screens::roll_import(ui); break;
    case app::Screen::kStaffAccounts: screens::staff_accounts(ui); break;
    case app::Screen::kStaffAccount: screens::staff_account(ui); break;
    case app::Screen::kStaffAccountKeypad: screens::staff_account_keypad(ui); break;
    case app::Screen::kStaffAccountPick: screens::staff_account_pick(ui); break;
    case app::Screen::kVillageSettings: screens::village_settings(ui); break;
    case app::Screen::kVillageSettingKeypad: screens::village_setting_keypad(ui); break;
    case app::Screen::kVillageSettingPick: screens::village_setting_pick(ui); break;
    case app::Screen::kOwnPin: screens::own_pin(ui); break;
  }
  ImGui::End();
  screens::failure_banner(ui);  // a failed write, until the next touch
  screens::idle_prompt(ui);     // over everything, when asked
  ImGui::PopFont();
}

}  // namespace vsk::ui
