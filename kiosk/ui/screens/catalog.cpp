// 办事申请: pick a category, then a service; then see what it takes before starting.
#include <algorithm>

#include "ui/layout.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

constexpr ImU32 kCategoryColors[] = {theme::kTileRequests, theme::kTileTrack, theme::kTilePoints, theme::kTileNotices,
                                     theme::kNeutralButton};

void categories(UiContext& ui, const layout::ScreenFrame& frame) {
  const float em = ui.em();
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("catalog.title"), ui.fonts.title(), theme::kText);
  // Tiles reflow by width: four across on a wide screen, two in portrait.
  const float top = ImGui::GetCursorPosY();
  const layout::Rect area{frame.content.x, top, frame.content.w, frame.footer.y - em * 0.6f - top};
  const int n = static_cast<int>(ui.catalog.categories.size());
  const layout::Grid g = layout::tile_grid(area, n, em * 8, 4, em * 1.8f, em * 6, em * 0.6f);
  for (int i = 0; i < n; ++i) {
    const core::Category& c = ui.catalog.categories[static_cast<std::size_t>(i)];
    const layout::Rect r = g.cell(i);
    ImGui::SetCursorPos(ImVec2(r.x, r.y));
    if (big_button(ui, "cat." + c.id, ui.local(c.name), ImVec2(r.w, r.h), {kCategoryColors[i % 5], theme::kOnColor}))
      ui.emit(app::PickCategory{c.id});
  }
}

void services(UiContext& ui, const layout::ScreenFrame& frame) {
  const float em = ui.em();
  std::string title;
  for (const auto& c : ui.catalog.categories)
    if (c.id == ui.state.draft.category) title = ui.local(c.name);
  ImGui::SetCursorPosX(em * 2);
  label(ui, title + " · " + ui.t("catalog.pick_service"), ui.fonts.title(), theme::kText, frame.content.w);
  // Each service with its summary when they all fit above the footer, else names only (the
  // summary is on the service's own page): no card ever lies under 返回.
  const auto list = ui.catalog.in_category(ui.state.draft.category);
  const float width = frame.content.w;
  const float gap = ImGui::GetStyle().ItemSpacing.y;
  float need = 0;
  for (const core::Service* s : list) need += row_button_height(ui, ui.local(s->name), ui.local(s->summary), width) + gap;
  const bool with_summary = ImGui::GetCursorPosY() + need <= frame.footer.y - em * 0.4f;
  for (const core::Service* s : list) {
    ImGui::SetCursorPosX(em * 2);
    if (row_button(ui, "svc." + s->id, ui.local(s->name), with_summary ? ui.local(s->summary) : "", width,
                   theme::kKeyButton, theme::kText))
      ui.emit(app::PickService{s->id});
  }
}

// What the service's page says, line by line, so it can be paged by what fits.
struct Line {
  std::string text;
  ImFont* font;
  ImU32 color;
  float indent;
};

void add_wrapped(std::vector<Line>& out, const std::string& text, ImFont* font, ImU32 color, float indent, float width) {
  for (std::string& l : wrap_lines(font, text, width - indent)) out.push_back({std::move(l), font, color, indent});
}

std::vector<Line> detail_lines(UiContext& ui, const core::Service& s, float width) {
  const float em = ui.em();
  std::vector<Line> out;
  ImFont* body = ui.fonts.body();
  ImFont* title = ui.fonts.title();
  add_wrapped(out, ui.local(s.summary), body, theme::kText, 0, width);
  add_wrapped(out, ui.t("detail.materials"), title, theme::kText, 0, width);
  if (s.materials.empty()) add_wrapped(out, ui.t("detail.no_materials"), body, theme::kTextMuted, em * 0.5f, width);
  for (const auto& m : s.materials) add_wrapped(out, "· " + ui.local(m), body, theme::kText, em * 0.5f, width);
  add_wrapped(out, ui.msg(core::Message("detail.handled_by").arg("department", ui.local(s.department))), body,
              theme::kTextMuted, 0, width);
  add_wrapped(out, ui.msg(core::Message("detail.promised").arg("days", std::to_string(s.promised_days))), body,
              theme::kTextMuted, 0, width);
  if (s.on_behalf) add_wrapped(out, ui.t("detail.on_behalf"), body, theme::kTextMuted, 0, width);
  return out;
}

}  // namespace

void catalog(UiContext& ui) {
  header(ui);
  const layout::ScreenFrame frame = screen_frame(ui, 1);
  if (ui.state.draft.category.empty())
    categories(ui, frame);
  else
    services(ui, frame);
  if (footer_slot(ui, frame, 0, "back", ui.t("nav.back"))) ui.emit(app::Back{});
}

void service_detail(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const core::Service* s = ui.catalog.find(ui.state.draft.service_id);
  if (!s) return;
  // The actions in a side column (right; below the text in portrait); the text pages by what fits.
  const bool anonymous = s->anonymous_allowed && !ui.state.draft.on_behalf_staff_id;
  const layout::ScreenFrame frame = screen_frame(ui, 3, 13, 4.4f);
  ImGui::SetCursorPosX(frame.content.x);
  label(ui, ui.local(s->name), ui.fonts.title(), theme::kText, frame.content.w);
  const float top = ImGui::GetCursorPosY();
  const float bottom = frame.content.bottom();
  const std::vector<Line> lines = detail_lines(ui, *s, frame.content.w);
  const std::size_t first = lines.empty() ? 0 : std::min(ui.state.draft.detail_first, lines.size() - 1);
  std::size_t end = first;
  float y = top;
  for (std::size_t i = first; i < lines.size(); ++i) {
    const Line& l = lines[i];
    const float h = l.font->FontSize + ImGui::GetStyle().ItemSpacing.y;
    if (i > first && y + l.font->FontSize > bottom) break;
    ImGui::SetCursorPos(ImVec2(frame.content.x + l.indent, y));
    label(ui, l.text, l.font, l.color);
    y += h;
    end = i + 1;
  }

  const layout::Rect& side = frame.side;
  const float start_h = std::min(em * 4, frame.side_below ? em * 3.4f : em * 4);
  ImGui::SetCursorPos(ImVec2(side.x, side.y));
  const float start_w = frame.side_below && anonymous ? (side.w - em * 0.6f) * 0.5f : side.w;
  if (big_button(ui, "start", ui.t("detail.start"), ImVec2(frame.side_below ? start_w : side.w, start_h),
                 {theme::kConfirm, theme::kOnColor}))
    ui.emit(app::StartForm{});
  if (anonymous) {
    if (frame.side_below)
      ImGui::SetCursorPos(ImVec2(side.x + start_w + em * 0.6f, side.y));
    else
      ImGui::SetCursorPos(ImVec2(side.x, side.y + start_h + em * 0.6f));
    if (big_button(ui, "anonymous", ui.t("detail.file_anonymously"),
                   ImVec2(frame.side_below ? start_w : side.w, frame.side_below ? start_h : em * 3),
                   {theme::kNeutralButton, theme::kOnColor}))
      ui.emit(app::FileAnonymously{});
  }
  if (footer_slot(ui, frame, 0, "back", ui.t("nav.back"))) ui.emit(app::Back{});
  const std::size_t per_page = std::max<std::size_t>(1, end - first);
  if (first > 0 && footer_slot(ui, frame, 1, "page.prev", ui.t("nav.prev_page")))
    ui.emit(app::DetailFrom{first > per_page ? first - per_page : 0});
  if (end < lines.size() && footer_slot(ui, frame, 2, "page.next", ui.t("nav.next_page")))
    ui.emit(app::DetailFrom{end});
}

}  // namespace vsk::ui::screens
