// 工作人员 (issue 11, admin only): the accounts, one account with its role, grid, 停用 and
// 重置密码, a new account's staff number on the keypad, and the role / grid pick page.
#include "ui/screens/keypad_page.h"
#include "ui/screens/screens.h"
#include "ui/screens/village_pick.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

std::string account_line(const UiContext& ui, const app::StaffRowView& s) {
  std::string out = ui.t("role." + s.role);
  if (!s.grid.empty()) out += " · " + s.grid;
  if (!s.active) out += " · " + ui.t("staffacct.disabled_tag");
  else if (s.pin_pending) out += " · " + ui.t("staffacct.pin_pending_tag");
  return out;
}

}  // namespace

void staff_accounts(UiContext& ui) {
  const float em = ui.em();
  const app::StaffAccountsView& v = ui.state.staff_accounts;
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("admin.staff"), ui.fonts.title(), theme::kText);
  const float top = ImGui::GetCursorPosY();
  const ImVec2 add(em * 10, em * 2.6f);
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - add.x, top - em * 3));
  if (big_button(ui, "acct_new", ui.t("staffacct.new"), add, {theme::kTileRequests, theme::kOnColor, ui.fonts.body()}))
    ui.emit(app::StaffNew{});
  ImGui::SetCursorPosY(top);
  const float width = ImGui::GetWindowWidth() - em * 4;
  const float bottom = ImGui::GetWindowHeight() - em * 4.4f;
  // Two columns of accounts: a village has a handful of staff.
  const float col_w = (width - em * 0.6f) / 2;
  const float row_h = em * 3.4f;
  for (std::size_t i = 0; i < v.rows.size(); ++i) {
    const float y = top + static_cast<float>(i / 2) * (row_h + em * 0.3f);
    if (y + row_h > bottom) break;
    ImGui::SetCursorPos(ImVec2(em * 2 + static_cast<float>(i % 2) * (col_w + em * 0.6f), y));
    const auto& s = v.rows[i];
    if (row_button(ui, "acct_open_" + s.staff_no, s.staff_no + "  " + s.name, account_line(ui, s), col_w,
                   s.active ? theme::kKeyButton : theme::kBackground, theme::kText))
      ui.emit(app::StaffOpen{s.staff_no});
  }
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), top) + em * 0.4f);
  message_line(ui, width);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void staff_account(UiContext& ui) {
  const float em = ui.em();
  const app::StaffAccountsView& v = ui.state.staff_accounts;
  const app::StaffRowView& s = v.open;
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, v.is_new ? ui.t("staffacct.new") : s.name, ui.fonts.title(), theme::kText);
  const float top = ImGui::GetCursorPosY();
  const float wrap = ImGui::GetWindowWidth() * 0.5f;
  const ButtonStyle field{theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder, true};
  const ImVec2 size(wrap, em * 2.4f);
  const auto row = [&](const char* id, const std::string& text, bool tappable, app::Action a) {
    ImGui::SetCursorPosX(em * 2);
    if (tappable) {
      if (big_button(ui, id, text, size, field)) ui.emit(std::move(a));
      ImGui::Dummy(ImVec2(0, em * 0.2f));
    } else {
      label(ui, text, ui.fonts.body(), theme::kText, wrap);
    }
  };
  row("acct_no", ui.msg(core::Message("staffacct.no").arg("no", s.staff_no)), false, app::StaffSave{});
  row("acct_name", ui.msg(core::Message("staffacct.name").arg("name", s.name.empty() ? "staffacct.tap_to_type" : s.name)),
      v.is_new || s.active, app::OpenTextEntry{"staffacct.name"});
  row("acct_role", ui.msg(core::Message("staffacct.role").arg("role", "role." + s.role)), s.active, app::StaffPickRole{});
  if (s.role == "grid_worker")
    row("acct_grid", ui.msg(core::Message("staffacct.grid").arg("grid", s.grid.empty() ? "staffacct.tap_to_pick" : s.grid)),
        s.active, app::StaffPickGrid{});
  if (!v.is_new)
    row("acct_state", ui.t(!s.active ? "staffacct.disabled_tag" : s.pin_pending ? "staffacct.pin_pending" : "staffacct.active"),
        false, app::StaffSave{});

  const float left_end = ImGui::GetCursorPosY();  // the buttons below move the cursor
  if (s.active) {
    const ImVec2 b(em * 10, em * 2.6f);
    const float x = ImGui::GetWindowWidth() - em * 2 - b.x;
    float y = top;
    const auto button = [&](const char* id, const char* key, ImU32 fill, app::Action a) {
      ImGui::SetCursorPos(ImVec2(x, y));
      if (big_button(ui, id, ui.t(key), b, {fill, theme::kOnColor, ui.fonts.body()})) ui.emit(std::move(a));
      y += b.y + em * 0.4f;
    };
    button("acct_save", v.is_new ? "staffacct.add" : "staffacct.save", theme::kConfirm, app::StaffSave{});
    if (!v.is_new) {
      button("acct_reset_pin", "staffacct.reset_pin", theme::kNeutralButton, app::StaffResetPin{});
      button("acct_disable", "staffacct.disable", theme::kError, app::StaffDisable{});
    }
  }
  ImGui::SetCursorPosY(std::max(left_end, top + em * 9.5f) + em * 0.3f);
  message_line(ui, ImGui::GetWindowWidth() - em * 4);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void staff_account_keypad(UiContext& ui) {
  keypad_page(ui, ui.t("staffacct.new"), ui.t("staffacct.no_prompt"), shown_entry(ui.state.keypad), "");
}

void staff_account_pick(UiContext& ui) {
  village_pick_page(ui, ui.state.staff_accounts.pick, [](std::size_t i) { return app::Action(app::StaffAccountPickOption{i}); });
}

}  // namespace vsk::ui::screens
