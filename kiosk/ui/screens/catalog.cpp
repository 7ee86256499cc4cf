// 办事申请: pick a category, then a service; then see what it takes before starting.
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

constexpr ImU32 kCategoryColors[] = {theme::kTileRequests, theme::kTileTrack, theme::kTilePoints, theme::kTileNotices,
                                     theme::kNeutralButton};

void categories(UiContext& ui) {
  const float em = ui.em();
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("catalog.title"), ui.fonts.title(), theme::kText);
  const ImVec2 start = ImGui::GetCursorPos();
  const int cols = 4;
  const int n = static_cast<int>(ui.catalog.categories.size());
  const int rows = (n + cols - 1) / cols;
  const float gap = em * 0.6f;
  const float avail_h = ImGui::GetWindowHeight() - start.y - em * 4.5f;
  const ImVec2 tile((ImGui::GetWindowWidth() - em * 4 - gap * (cols - 1)) / cols,
                    std::min(em * 6, (avail_h - gap * (rows - 1)) / rows));
  for (int i = 0; i < n; ++i) {
    const core::Category& c = ui.catalog.categories[i];
    ImGui::SetCursorPos(ImVec2(em * 2 + (i % cols) * (tile.x + gap), start.y + (i / cols) * (tile.y + gap)));
    if (big_button(ui, "cat." + c.id, ui.local(c.name), tile, {kCategoryColors[i % 5], theme::kOnColor}))
      ui.emit(app::PickCategory{c.id});
  }
}

void services(UiContext& ui) {
  const float em = ui.em();
  std::string title;
  for (const auto& c : ui.catalog.categories)
    if (c.id == ui.state.draft.category) title = ui.local(c.name);
  ImGui::SetCursorPosX(em * 2);
  label(ui, title + " · " + ui.t("catalog.pick_service"), ui.fonts.title(), theme::kText);
  for (const core::Service* s : ui.catalog.in_category(ui.state.draft.category)) {
    ImGui::SetCursorPosX(em * 2);
    if (row_button(ui, "svc." + s->id, ui.local(s->name), ui.local(s->summary), ImGui::GetWindowWidth() - em * 4,
                   theme::kKeyButton, theme::kText))
      ui.emit(app::PickService{s->id});
  }
}

}  // namespace

void catalog(UiContext& ui) {
  header(ui);
  if (ui.state.draft.category.empty())
    categories(ui);
  else
    services(ui);
  if (footer_button(ui, "back", ui.t("nav.back"), ui.em())) ui.emit(app::Back{});
}

void service_detail(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const core::Service* s = ui.catalog.find(ui.state.draft.service_id);
  if (!s) return;
  const float wrap = ImGui::GetWindowWidth() - em * 18;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.local(s->name), ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.local(s->summary), ui.fonts.body(), theme::kText, wrap);
  if (!ui.state.large_mode) ImGui::Dummy(ImVec2(0, em * 0.3f));  // large mode needs the room
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("detail.materials"), ui.fonts.title(), theme::kText);
  if (s->materials.empty()) {
    ImGui::SetCursorPosX(em * 2.5f);
    label(ui, ui.t("detail.no_materials"), ui.fonts.body(), theme::kTextMuted);
  }
  for (const auto& m : s->materials) {
    ImGui::SetCursorPosX(em * 2.5f);
    label(ui, "· " + ui.local(m), ui.fonts.body(), theme::kText, wrap);
  }
  if (!ui.state.large_mode) ImGui::Dummy(ImVec2(0, em * 0.3f));  // large mode needs the room
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("detail.handled_by").arg("department", ui.local(s->department))), ui.fonts.body(),
        theme::kTextMuted);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("detail.promised").arg("days", std::to_string(s->promised_days))), ui.fonts.body(),
        theme::kTextMuted);
  if (s->on_behalf) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("detail.on_behalf"), ui.fonts.body(), theme::kTextMuted);
  }

  // Actions on the right, big: start, or file without a name where the service allows it.
  const float x = ImGui::GetWindowWidth() - em * 15;
  ImGui::SetCursorPos(ImVec2(x, em * 4));
  if (big_button(ui, "start", ui.t("detail.start"), ImVec2(em * 13, em * 4), {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::StartForm{});
  if (s->anonymous_allowed && !ui.state.draft.on_behalf_staff_id) {
    ImGui::SetCursorPos(ImVec2(x, em * 8.6f));
    if (big_button(ui, "anonymous", ui.t("detail.file_anonymously"), ImVec2(em * 13, em * 3),
                   {theme::kNeutralButton, theme::kOnColor}))
      ui.emit(app::FileAnonymously{});
  }
  // Large mode: the text on the left runs to the bottom, so "back" joins the right column.
  if (footer_button(ui, "back", ui.t("nav.back"), ui.state.large_mode ? x : em)) ui.emit(app::Back{});
}

}  // namespace vsk::ui::screens
