// Nobody at the kiosk: pinned notices, then the points red board (once points fill it), one
// slide at a time, big enough to read from across the hall. Any touch wakes the kiosk (the
// shell keeps that touch from pressing anything). Also the idle prompt drawn over any screen.
#include <algorithm>

#include "ui/format.h"
#include "ui/screens/notice_parts.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

void record_area(UiContext& ui, const std::string& id, ImVec2 a, ImVec2 b) {
  WidgetRecord w{id, "", a.x, a.y, b.x, b.y};
  w.opaque = false;  // a touch area over the slide: it draws nothing
  ui.record.add_widget(std::move(w));
}

void board_slide(UiContext& ui, float width) {
  const float em = ui.em();
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("attract.board"), ui.fonts.title(), theme::kHeader);
  for (const app::BoardRow& r : ui.state.attract.board) {
    if (ImGui::GetCursorPosY() > ImGui::GetWindowHeight() - em * 5) break;
    ImGui::SetCursorPosX(em * 2);
    label(ui,
          ui.msg(core::Message("attract.board_row")
                     .arg("rank", std::to_string(r.rank))
                     .arg("household", r.household)
                     .arg("points", std::to_string(r.points))),
          ui.fonts.title(), theme::kText, width);
  }
}

}  // namespace

void attract(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::AttractView& a = ui.state.attract;
  const float width = ImGui::GetWindowWidth() - em * 4;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const int n = a.slides();
  if (n == 0) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.state.village_name + " " + ui.t("tile.notices"), ui.fonts.title(), theme::kText);
  } else if (a.slide < static_cast<int>(a.notices.size())) {
    const app::NoticeDetailView& d = a.notices[static_cast<std::size_t>(a.slide)];
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("attract.pinned"), ui.fonts.body(), theme::kHeader);
    ImGui::SetCursorPosX(em * 2);
    label(ui, d.summary.title, ui.fonts.title(), theme::kText, width);
    ImGui::SetCursorPosX(em * 2);
    label(ui, notice_meta(ui, d.summary), ui.fonts.body(), theme::kTextMuted, width);
    ImGui::Dummy(ImVec2(0, em * 0.4f));
    ImGui::SetCursorPosX(em * 2);
    const float h = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - em * 4.5f;
    if (!d.rows.empty())
      finance_table(ui, d, width, h, 0);
    else
      paged_text(ui, d.body, ui.fonts.title(), theme::kText, width, h, 0);  // the first page; the rest at the kiosk
  } else {
    board_slide(ui, width);
  }
  // Slide dots and the invitation, at the bottom.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  const float y = origin.y + ImGui::GetWindowHeight() - em * 2.6f;
  for (int i = 0; i < n; ++i)
    dl->AddCircleFilled(ImVec2(origin.x + em * 2.5f + i * em * 1.2f, y + em * 0.6f), em * 0.35f,
                        i == a.slide ? theme::kHeader : theme::kKeyBorder);
  const std::string invite = ui.t("attract.touch");
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - ui.fonts.title()->CalcTextSizeA(
                                                                       ui.fonts.title()->FontSize, 1e9f, 0, invite.c_str()).x,
                             ImGui::GetWindowHeight() - em * 3.0f));
  label(ui, invite, ui.fonts.title(), theme::kTileNotices);
  // The slide, as a target scripts can touch: its centre lies over a home tile, so a test
  // shows that the waking touch presses nothing.
  record_area(ui, "attract", ImVec2(top.x, top.y), ImVec2(top.x + width * 0.5f, origin.y + ImGui::GetWindowHeight() * 0.5f));
}

void idle_prompt(UiContext& ui) {
  if (!ui.state.idle_prompt_s) return;
  const float em = ui.em();
  const ImGuiIO& io = ImGui::GetIO();
  // Dim everything (a window of its own, so the card drawn after it stays bright), then a card.
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##idle_dim", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoBackground);
  ImDrawList* dim = ImGui::GetWindowDrawList();
  dim->PushClipRect(ImVec2(0, 0), io.DisplaySize, false);  // edge to edge, past the window padding
  dim->AddRectFilled(ImVec2(0, 0), io.DisplaySize, IM_COL32(0, 0, 0, 110));
  dim->PopClipRect();
  ImGui::End();
  const ImVec2 size(em * 22, em * 11);
  ImGui::SetNextWindowPos(ImVec2((io.DisplaySize.x - size.x) * 0.5f, (io.DisplaySize.y - size.y) * 0.5f));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kKeyButton);
  ImGui::Begin("##idle_prompt", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::SetCursorPos(ImVec2(em * 1.5f, em * 1.2f));
  label(ui, ui.t("idle.title"), ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 1.5f);
  label(ui, ui.msg(core::Message(ui.state.staff ? "idle.countdown_staff" : "idle.countdown")
                       .arg("n", std::to_string(*ui.state.idle_prompt_s))),
        ui.fonts.title(), theme::kError, size.x - em * 3);
  ImGui::SetCursorPos(ImVec2(em * 1.5f, size.y - em * 4.2f));
  if (big_button(ui, "idle.more", ui.t("idle.more"), ImVec2(size.x - em * 3, em * 3), {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::WakeUp{});
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace vsk::ui::screens
