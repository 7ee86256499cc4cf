// The start screen: four big tiles and a discreet staff entry.
#include <algorithm>
#include <cfloat>

#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {

void home(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  // e.g. a staff call that ended unanswered says so here (any tap clears it).
  if (ui.state.notice || ui.state.error) {
    message_line(ui, ImGui::GetWindowWidth() - 4 * em);
    ImGui::SetCursorPos(ImVec2(em, ImGui::GetCursorPosY() + em * 0.5f));
  }
  const ImVec2 start = ImGui::GetCursorPos();
  const float avail_w = ImGui::GetWindowWidth() - 2 * em;
  const float avail_h = ImGui::GetWindowHeight() - start.y - em * 4;
  const float gap = em;
  const ImVec2 tile((avail_w - gap) / 2, (avail_h - gap) / 2);

  struct Tile {
    const char* id;
    const char* subtitle_key;
    ImU32 color;
    app::Action action;
  };
  const Tile tiles[] = {
      {"requests", "tile.requests.sub", theme::kTileRequests, app::OpenRequests{}},
      {"track", "tile.track.sub", theme::kTileTrack, app::OpenTrack{}},
      {"points", "tile.points.sub", theme::kTilePoints, app::OpenPoints{}},
      {"notices", "tile.notices.sub", theme::kTileNotices, app::OpenNotices{}},
  };
  for (int i = 0; i < 4; ++i) {
    ImGui::SetCursorPos(ImVec2(start.x + (i % 2) * (tile.x + gap), start.y + (i / 2) * (tile.y + gap)));
    const Tile& t = tiles[i];
    if (big_button(ui, t.id, ui.t(std::string("tile.") + t.id), tile, {t.color, theme::kOnColor},
                   ui.t(t.subtitle_key)))
      ui.emit(t.action);
  }

  // The hint in the room left of the two buttons, on two lines if it must (large mode).
  const float buttons_x = ImGui::GetWindowWidth() - em * 13.5f;
  const float hint_w = buttons_x - em * 2;
  const std::string hint = ui.t("home.hint");
  const float hint_h = ui.fonts.body()->CalcTextSizeA(em, FLT_MAX, hint_w, hint.c_str()).y;
  ImGui::SetCursorPos(ImVec2(em, std::min(ImGui::GetWindowHeight() - em * 2.6f, ImGui::GetWindowHeight() - em * 0.8f - hint_h)));
  label(ui, hint, ui.fonts.body(), theme::kTextMuted, hint_w);
  // The public 红黑榜: no identification needed.
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 13.5f, ImGui::GetWindowHeight() - em * 2.8f));
  if (big_button(ui, "board", ui.t("home.board"), ImVec2(em * 7.5f, em * 2.0f),
                 {theme::kHeader, theme::kOnColor, ui.fonts.body()}))
    ui.emit(app::PointsBoard{});
  // Discreet: small, grey, bottom-right corner, but still a finger-sized target.
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 5.5f, ImGui::GetWindowHeight() - em * 2.8f));
  if (big_button(ui, "staff", ui.t("home.staff_entry"), ImVec2(em * 4.5f, em * 2.0f),
                 {theme::kBackground, theme::kTextMuted, ui.fonts.body()}))
    ui.emit(app::OpenStaffLogin{});
}

}  // namespace vsk::ui::screens
