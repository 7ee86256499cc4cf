// 居民管理 (issue 11): the search page, a resident's card with the household, the keypad page
// (ID search, phone, 迁出 date, and the resident's own PIN, turned to the resident) and the
// pick page for grid and relation. ID and phone numbers arrive masked.
#include "ui/screens/keypad_page.h"
#include "ui/screens/screens.h"
#include "ui/screens/village_pick.h"
#include "ui/format.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

std::string status_text(const UiContext& ui, const app::ResidentRowView& r) {
  if (r.status == "active") return "";
  return ui.msg(core::Message("residents.status." + r.status).arg("date", r.status_date));
}

std::string summary_line(const UiContext& ui, const app::ResidentRowView& r) {
  std::string s = ui.msg(core::Message("residents.row")
                             .arg("household", r.household_no.empty() ? "-" : r.household_no)
                             .arg("relation", r.relation)
                             .arg("address", r.address)
                             .arg("grid", r.grid));
  const std::string status = status_text(ui, r);
  return status.empty() ? s : s + "  " + status;
}

void line(UiContext& ui, const std::string& text, ImU32 color, float wrap) {
  ImGui::SetCursorPosX(ui.em() * 2);
  label(ui, text, ui.fonts.body(), color, wrap);
}

}  // namespace

void residents(UiContext& ui) {
  const float em = ui.em();
  const app::ResidentsView& v = ui.state.residents;
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("admin.residents"), ui.fonts.title(), theme::kText);
  if (!v.grid_only.empty()) line(ui, ui.msg(core::Message("residents.grid_only").arg("grid", v.grid_only)), theme::kTextMuted, 0);

  const ImVec2 start = ImGui::GetCursorPos();
  const float gap = em * 0.6f;
  const int buttons = v.may_edit ? 4 : 2;
  const ImVec2 size((ImGui::GetWindowWidth() - em * 4 - gap * (buttons - 1)) / buttons, em * 2.6f);
  const ButtonStyle style{theme::kTileRequests, theme::kOnColor, ui.fonts.body()};
  ImGui::SetCursorPos(start);
  if (big_button(ui, "residents.by_id", ui.t("residents.by_id"), size, style)) ui.emit(app::ResidentsSearchById{});
  ImGui::SetCursorPos(ImVec2(start.x + size.x + gap, start.y));
  if (big_button(ui, "residents.by_name", ui.t("residents.by_name"), size, style))
    ui.emit(app::OpenTextEntry{"residents.search"});
  if (v.may_edit) {
    ImGui::SetCursorPos(ImVec2(start.x + 2 * (size.x + gap), start.y));
    if (big_button(ui, "residents.import", ui.t("residents.import"), size, {theme::kTileNotices, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::RollImportOpen{});
    ImGui::SetCursorPos(ImVec2(start.x + 3 * (size.x + gap), start.y));
    if (big_button(ui, "residents.register", ui.t("residents.register"), size, {theme::kTilePoints, theme::kOnColor, ui.fonts.body()}))
      ui.emit(app::ResidentRegisterOpen{false});
  }
  ImGui::SetCursorPos(ImVec2(em * 2, start.y + size.y + em * 0.6f));
  const float width = ImGui::GetWindowWidth() - em * 4;
  if (v.searched) {
    line(ui,
         v.results.empty() ? ui.msg(core::Message("residents.none").arg("query", v.query))
                           : ui.msg(core::Message("residents.found").arg("query", v.query).arg("n", std::to_string(v.results.size()))),
         theme::kTextMuted, width);
  } else {
    line(ui, ui.t("residents.hint"), theme::kTextMuted, width);
  }
  // One line a resident, so a page of them fits above the footer; more: type more of the name.
  const float bottom = ImGui::GetWindowHeight() - em * 4.4f;
  std::size_t shown = 0;
  for (const auto& r : v.results) {
    if (ImGui::GetCursorPosY() + em * 2.1f > bottom - em * 1.4f) break;
    ImGui::SetCursorPosX(em * 2);
    if (row_button(ui, "result_" + std::to_string(r.id), r.name + "  " + r.masked_id + "  " + summary_line(ui, r), "",
                   width, r.status == "active" ? theme::kKeyButton : theme::kBackground, theme::kText))
      ui.emit(app::ResidentOpen{r.id});
    ImGui::Dummy(ImVec2(0, em * 0.15f));
    ++shown;
  }
  if (shown < v.results.size()) line(ui, ui.t("residents.more"), theme::kTextMuted, width);
  message_line(ui, width);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void resident_card(UiContext& ui) {
  const float em = ui.em();
  const app::ResidentsView& v = ui.state.residents;
  const app::ResidentRowView& r = v.open;
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, r.name, ui.fonts.title(), theme::kText);
  const float top = ImGui::GetCursorPosY();
  const float right_w = em * 10;
  const float wrap = ImGui::GetWindowWidth() - em * 5 - right_w;
  const std::string status = status_text(ui, r);
  if (!status.empty()) line(ui, status, theme::kError, wrap);
  line(ui, ui.msg(core::Message("residents.card.id").arg("id", r.masked_id).arg("gender", r.gender == "M" ? "residents.male" : "residents.female")
                      .arg("birth", r.birth_date)),
       theme::kText, wrap);
  line(ui, ui.msg(core::Message("residents.card.household").arg("household", r.household_no.empty() ? "-" : r.household_no)
                      .arg("relation", r.relation).arg("address", r.address).arg("grid", r.grid)),
       theme::kText, wrap);
  line(ui, ui.msg(core::Message("residents.card.phone").arg("phone", r.masked_phone.empty() ? "residents.no_phone" : r.masked_phone)
                      .arg("pin", r.locked ? "residents.pin.locked" : r.has_pin ? "residents.pin.set" : "residents.pin.none")),
       r.locked ? theme::kError : theme::kText, wrap);

  // The household: everyone in it, the one on the card marked.
  ImGui::Dummy(ImVec2(0, em * 0.3f));
  line(ui, ui.msg(core::Message("residents.household_title").arg("n", std::to_string(v.household.size()))), theme::kText, wrap);
  const float bottom = ImGui::GetWindowHeight() - em * 4.4f;
  // Two columns: most households fit (six members above the footer).
  const float col_w = (wrap - em * 0.5f) / 2;
  const float row_top = ImGui::GetCursorPosY();
  const float row_h = em * 2.0f;
  for (std::size_t i = 0; i < v.household.size(); ++i) {
    const auto& m = v.household[i];
    const float y = row_top + static_cast<float>(i / 2) * row_h;
    if (y + row_h > bottom - em * 1.4f) {
      ImGui::SetCursorPos(ImVec2(em * 2, y));
      label(ui, ui.msg(core::Message("residents.more_members").arg("n", std::to_string(v.household.size() - i))),
            ui.fonts.body(), theme::kTextMuted, wrap);
      break;
    }
    ImGui::SetCursorPos(ImVec2(em * 2 + static_cast<float>(i % 2) * (col_w + em * 0.5f), y));
    const std::string text = m.name + "  " + m.relation + (m.status == "active" ? "" : "  " + status_text(ui, m));
    if (m.id == r.id)
      label(ui, "▶ " + text, ui.fonts.body(), theme::kTextMuted, col_w);
    else if (row_button(ui, "member_" + std::to_string(m.id), text, "", col_w - em * 0.2f, theme::kKeyButton, theme::kText))
      ui.emit(app::ResidentOpen{m.id});
  }
  // Under the household: a newborn or someone who moved in joins it (登记新居民 with its 户号),
  // or the one on the card leaves for another household (分户 / 合户).
  if (v.may_edit && r.status == "active") {
    const float y = row_top + static_cast<float>((v.household.size() + 1) / 2) * row_h;
    if (y + row_h <= bottom - em * 1.4f) {
      ImGui::SetCursorPos(ImVec2(em * 2, y));
      if (!r.household_no.empty() && row_button(ui, "card_add_member", ui.t("residents.add_member"), "",
                                                 col_w - em * 0.2f, theme::kTileRequests, theme::kOnColor))
        ui.emit(app::ResidentRegisterOpen{true});
      ImGui::SetCursorPos(ImVec2(em * 2 + col_w + em * 0.5f, y));
      if (row_button(ui, "card_move", ui.t("residents.move"), "", col_w - em * 0.2f, theme::kNeutralButton, theme::kOnColor))
        ui.emit(app::ResidentMove{});
    }
  }

  // What staff may change, in a column on the right.
  if (v.may_edit) {
    const ImVec2 size(right_w, em * 2.2f);
    const float x = ImGui::GetWindowWidth() - em * 2 - right_w;
    float y = top;
    const auto button = [&](const char* id, const std::string& text, ImU32 fill, app::Action a) {
      if (y + size.y > bottom) return;
      ImGui::SetCursorPos(ImVec2(x, y));
      if (big_button(ui, id, text, size, {fill, theme::kOnColor, ui.fonts.body()})) ui.emit(std::move(a));
      y += size.y + em * 0.35f;
    };
    if (r.status == "active") {
      button("card_pin", ui.t(r.has_pin ? "residents.change_pin" : "residents.set_pin"), theme::kTileRequests,
             app::ResidentPin{app::ResidentPinStep::kSet});
      if (r.locked) button("card_unlock", ui.t("residents.unlock"), theme::kTilePoints, app::ResidentPin{app::ResidentPinStep::kUnlock});
      if (r.has_pin)
        button("card_pin_reset", ui.t("residents.reset_pin"), theme::kNeutralButton, app::ResidentPin{app::ResidentPinStep::kReset});
      button("card_phone", ui.t("residents.edit_phone"), theme::kNeutralButton, app::ResidentEditPhone{});
      button("card_relation", ui.t("residents.edit_relation"), theme::kNeutralButton, app::ResidentPickRelation{});
      button("card_grid", ui.t("residents.edit_grid"), theme::kNeutralButton, app::ResidentPickGrid{});
      button("card_moved_out", ui.t("residents.moved_out"), theme::kError, app::ResidentSetStatus{app::ResidentStatusChange::kMovedOut});
      button("card_deceased", ui.t("residents.deceased"), theme::kError, app::ResidentSetStatus{app::ResidentStatusChange::kDeceased});
    } else {
      button("card_active", ui.t("residents.back_active"), theme::kTileNotices, app::ResidentSetStatus{app::ResidentStatusChange::kActive});
    }
  }
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), bottom - em * 1.8f));
  message_line(ui, wrap);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void resident_keypad(UiContext& ui) {
  const app::ResidentsView& v = ui.state.residents;
  const app::KeypadView& pad = ui.state.keypad;
  if (v.entry_for == "pin") {  // turned to the resident: staff look away
    const bool again = pad.step == app::EntryStep::kConfirmPin;
    keypad_page(ui, ui.t(again ? "residents.pin_again_title" : "residents.pin_title"),
                ui.msg(core::Message(again ? "residents.pin_again_prompt" : "residents.pin_prompt")
                           .arg("name", v.open.name)
                           .arg("id", v.open.masked_id)),
                shown_entry(pad), ui.t("residents.pin_hint"));
    return;
  }
  if (v.entry_for == "id") {
    keypad_page(ui, ui.t("residents.by_id"), ui.t("identify.id_prompt"), shown_entry(pad), "");
    return;
  }
  if (v.entry_for == "reg_id") {
    keypad_page(ui, ui.t("residents.register"), ui.t("identify.id_prompt"), shown_entry(pad), "");
    return;
  }
  if (v.entry_for == "reg_household" || v.entry_for == "move_household") {
    keypad_page(ui, ui.t(v.entry_for == "reg_household" ? "residents.register" : "residents.move"),
                ui.t("residents.reg.household_prompt"), shown_entry(pad), ui.t("residents.reg.household_hint"));
    return;
  }
  if (v.entry_for == "reg_phone") {
    keypad_page(ui, ui.t("residents.register"), ui.t("residents.phone_prompt"), shown_entry(pad), "");
    return;
  }
  if (v.entry_for == "phone") {
    keypad_page(ui, ui.msg(core::Message("residents.phone_title").arg("name", v.open.name)), ui.t("residents.phone_prompt"),
                shown_entry(pad), "");
    return;
  }
  keypad_page(ui, ui.msg(core::Message("residents.date_title." + v.pending_status).arg("name", v.open.name)),
              ui.t("residents.date_prompt"), shown_entry(pad), ui.t("residents.date_hint"));
}

void resident_pick(UiContext& ui) {
  village_pick_page(ui, ui.state.residents.pick, [](std::size_t i) { return app::Action(app::ResidentPickOption{i}); });
}

}  // namespace vsk::ui::screens
