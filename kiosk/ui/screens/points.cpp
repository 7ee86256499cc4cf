// The resident's points screens (积分查询): my points, history, entries in notice with
// 我有异议, phrase choice, declaring a good deed, the points shop and its receipt, and the
// public red / black boards (no identification needed).
#include <algorithm>

#include "ui/format.h"
#include "ui/image_cache.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

constexpr ImU32 kRed = IM_COL32(176, 30, 35, 255);
constexpr ImU32 kPanel = IM_COL32(255, 255, 255, 255);

std::string signed_points(std::int64_t d) { return (d > 0 ? "+" : "") + std::to_string(d); }

void title(UiContext& ui, const std::string& text) {
  ImGui::SetCursorPosX(ui.em() * 2);
  label(ui, text, ui.fonts.title(), theme::kText);
}

// A white card with a caption, a big number and a small second line.
void stat_card(UiContext& ui, ImVec2 pos, ImVec2 size, const std::string& caption, const std::string& value,
               const std::string& sub, ImU32 color) {
  const float em = ui.em();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 a(origin.x + pos.x, origin.y + pos.y);
  dl->AddRectFilled(a, ImVec2(a.x + size.x, a.y + size.y), kPanel, em * 0.4f);
  dl->AddRect(a, ImVec2(a.x + size.x, a.y + size.y), theme::kKeyBorder, em * 0.4f, 0, em * 0.05f);
  // Short cards (large mode) put the lines closer together; the value stays in the title font.
  const bool compact = size.y < em * 4.5f;
  ImGui::SetCursorPos(ImVec2(pos.x + em * 0.8f, pos.y + em * (compact ? 0.25f : 0.5f)));
  label(ui, caption, ui.fonts.body(), theme::kTextMuted);
  ImGui::SetCursorPos(ImVec2(pos.x + em * 0.8f, pos.y + em * (compact ? 1.2f : 1.8f)));
  label(ui, value, ui.fonts.title(), color);
  ImGui::SetCursorPos(ImVec2(pos.x + em * 0.8f, pos.y + size.y - em * (compact ? 1.25f : 1.6f)));
  label(ui, sub, ui.fonts.body(), theme::kTextMuted, size.x - em * 1.2f);
}

std::string state_text(UiContext& ui, const app::PointsRow& r) {
  if (r.reversed) return ui.t("points.state.reversed");
  return ui.t("points.state." + r.state);
}

std::string row_title(UiContext& ui, const app::PointsRow& r) {
  std::string name = ui.local(r.rule);
  if (name.empty()) name = ui.t("points.kind." + r.kind);
  return signed_points(r.delta) + "  " + name;
}

std::string row_sub(UiContext& ui, const app::PointsRow& r) {
  std::string s = date_words(ui, china_time(r.at, "%Y-%m-%d")) + " · " + state_text(ui, r);
  if (!r.notice_ends.empty())
    s += " · " + ui.msg(core::Message("points.notice_until").arg("date", date_words(ui, r.notice_ends)));
  if (!r.who.empty()) s += " · " + r.who;
  if (!r.reason.empty()) s += " · " + note_text(ui, r.reason);
  return s;
}

}  // namespace

void points_home(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  if (!ui.state.resident) return;
  const app::ResidentView& r = *ui.state.resident;
  title(ui, ui.msg(core::Message("resident.greeting").arg("name", r.name)));
  // Large mode has about 17 em of height: the ID / address line and the explanation give
  // their room to the cards and the buttons (the cards' second lines still say what is pending).
  const bool large = ui.state.large_mode;
  if (!large) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("resident.id").arg("id", r.masked_id)) + "   " +
                  ui.msg(core::Message("resident.household").arg("address", r.address).arg("grid", r.grid)),
          ui.fonts.body(), theme::kTextMuted);
  }
  const float top = ImGui::GetCursorPosY() + em * 0.3f;
  const float right_w = em * (large ? 10 : 14);
  const float left_w = ImGui::GetWindowWidth() - em * 5 - right_w;
  const ImVec2 card((left_w - em) / 2, em * (large ? 3.7f : 5));
  const float row_gap = em * (large ? 0.3f : 1);  // large: the second row must clear the footer
  stat_card(ui, ImVec2(em * 2, top), card, ui.t("points.mine"), std::to_string(p.my_final),
            ui.msg(core::Message("points.pending").arg("n", signed_points(p.my_pending))), theme::kTilePoints);
  stat_card(ui, ImVec2(em * 3 + card.x, top), card, ui.t("points.household"), std::to_string(p.household_final),
            ui.msg(core::Message("points.pending").arg("n", signed_points(p.household_pending))), theme::kTilePoints);
  stat_card(ui, ImVec2(em * 2, top + card.y + row_gap), card, ui.t("points.rank_village"),
            ui.msg(core::Message("points.rank").arg("rank", std::to_string(p.rank))),
            ui.msg(core::Message("points.of_households").arg("n", std::to_string(p.households))), kRed);
  stat_card(ui, ImVec2(em * 3 + card.x, top + card.y + row_gap), card, ui.msg(core::Message("points.rank_grid").arg("grid", p.grid)),
            ui.msg(core::Message("points.rank").arg("rank", std::to_string(p.grid_rank))),
            ui.msg(core::Message("points.of_households").arg("n", std::to_string(p.grid_households))), kRed);
  const std::string explain = ui.msg(core::Message("points.home.explain").arg("days", std::to_string(p.notice_days)));
  const float explain_y = top + 2 * card.y + em * 1.6f;
  const float explain_h = static_cast<float>(wrap_lines(ui.fonts.body(), explain, left_w).size()) * ImGui::GetTextLineHeightWithSpacing();
  if (!large && explain_y + explain_h <= ImGui::GetWindowHeight() - em * 3.8f) {  // only when it ends above 完成
    ImGui::SetCursorPos(ImVec2(em * 2, explain_y));
    label(ui, explain, ui.fonts.body(), theme::kTextMuted, left_w);
  }
  ImGui::SetCursorPosY(top + 2 * card.y + em * (large ? 1.1f : 3.6f));
  message_line(ui, left_w);

  struct Btn {
    const char* id;
    std::string label;
    app::PointsAction action;
    ImU32 color;
  };
  const Btn buttons[] = {
      {"points.history", ui.t("points.history"), app::PointsHistory{}, theme::kTileTrack},
      {"points.notice", ui.msg(core::Message("points.notice_button").arg("n", std::to_string(p.in_notice))),
       app::PointsNotice{}, theme::kTilePoints},
      {"points.declare", ui.t("points.declare"), app::PointsDeclare{}, theme::kTileNotices},
      {"points.shop", ui.t("points.shop"), app::PointsShop{}, theme::kTileRequests},
      {"points.board", ui.t("points.board"), app::PointsBoard{}, kRed},
  };
  // The five buttons share the room down to 我的申请 in the footer (at most 2.5 em each).
  const float bgap = em * (large ? 0.25f : 0.4f);
  const float mine_y = ImGui::GetWindowHeight() - em * 3.6f;
  const float bh = std::min(em * (large ? 1.45f : 2.5f), (mine_y - bgap - top - 4 * bgap) / 5);
  for (int i = 0; i < 5; ++i) {
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - right_w, top + i * (bh + bgap)));
    if (big_button(ui, buttons[i].id, buttons[i].label, ImVec2(right_w, bh),
                   {buttons[i].color, theme::kOnColor, large ? ui.fonts.body() : nullptr}))
      ui.emit(buttons[i].action);
  }
  if (footer_button(ui, "done", ui.t("nav.done"), em)) ui.emit(app::Home{});
  // My requests, and completed ones waiting for a rating, stay one tap away after identification.
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - right_w, ImGui::GetWindowHeight() - em * 3.6f));
  if (big_button(ui, "mine", ui.state.pending_ratings > 0
                                 ? ui.msg(core::Message("rate.pending").arg("n", std::to_string(ui.state.pending_ratings)))
                                 : ui.t("mine.open"),
                 ImVec2(right_w, em * 2.6f), {theme::kNeutralButton, theme::kOnColor, ui.fonts.body()}))
    ui.emit(app::OpenMyRequests{});
}

void points_history(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  title(ui, ui.t("points.history"));
  const float width = ImGui::GetWindowWidth() - em * 4;
  if (p.rows.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("points.none"), ui.fonts.body(), theme::kTextMuted);
  }
  for (const app::PointsRow& r : p.rows) {
    ImGui::SetCursorPosX(em * 2);
    row_button(ui, "entry." + std::to_string(r.seq), row_title(ui, r), row_sub(ui, r), width, theme::kKeyButton,
               r.delta < 0 ? theme::kError : theme::kText);
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
  if (p.page > 0 && footer_button(ui, "page.prev", ui.t("points.page_prev"), ImGui::GetWindowWidth() - em * 17))
    ui.emit(app::PointsPage{-1});
  if (p.has_more && footer_button(ui, "page.next", ui.t("points.page_next"), ImGui::GetWindowWidth() - em * 9))
    ui.emit(app::PointsPage{1});
}

void points_notice(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  title(ui, ui.t("points.notice_title"));
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("points.notice_explain"), ui.fonts.body(), theme::kTextMuted, ImGui::GetWindowWidth() - em * 4);
  message_line(ui, ImGui::GetWindowWidth() - em * 4);
  if (p.rows.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("points.notice_none"), ui.fonts.body(), theme::kTextMuted);
  }
  // As many entries as fit above the footer; 上一页 / 下一页 reach the rest.
  const layout::ScreenFrame frame = screen_frame(ui, 3);
  const float bottom = frame.footer.y - em * 0.4f;
  const float width = ImGui::GetWindowWidth() - em * 15;
  const std::size_t first = p.rows.empty() ? 0 : std::min(p.notice_first, p.rows.size() - 1);
  std::size_t end = first;
  for (std::size_t i = first; i < p.rows.size(); ++i) {
    const app::PointsRow& r = p.rows[i];
    const std::string title = row_title(ui, r), sub = row_sub(ui, r);
    if (i > first && ImGui::GetCursorPosY() + row_button_height(ui, title, sub, width) > bottom) break;
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosX(em * 2);
    row_button(ui, "entry." + std::to_string(r.seq), title, sub, width, theme::kKeyButton,
               r.delta < 0 ? theme::kError : theme::kText);
    const float after = ImGui::GetCursorPosY();
    if (r.may_object) {
      ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 12.5f, y));
      if (big_button(ui, "object." + std::to_string(r.seq), ui.t("points.object"),
                     ImVec2(em * 10.5f, after - y - em * 0.3f), {theme::kTilePoints, theme::kOnColor, ui.fonts.body()}))
        ui.emit(app::PointsObject{r.seq});
    }
    ImGui::SetCursorPosY(after);
    end = i + 1;
  }
  if (footer_slot(ui, frame, 0, "back", ui.t("nav.back"))) ui.emit(app::Back{});
  const std::size_t per_page = std::max<std::size_t>(1, end - first);
  if (first > 0 && footer_slot(ui, frame, 1, "page.prev", ui.t("points.page_prev")))
    ui.emit(app::PointsNoticeFrom{first > per_page ? first - per_page : 0});
  if (end < p.rows.size() && footer_slot(ui, frame, 2, "page.next", ui.t("points.page_next")))
    ui.emit(app::PointsNoticeFrom{end});
}

void points_phrases(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  const std::string& what = p.phrase_for;
  title(ui, ui.t("points.phrases." + what));
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("points.phrases.hint"), ui.fonts.body(), theme::kTextMuted, ImGui::GetWindowWidth() - em * 4);
  ImGui::Dummy(ImVec2(0, em * 0.5f));
  // The phrases on the left; 键盘输入 beside them for a reason no phrase says.
  const float kb_w = em * 9;
  const float width = ImGui::GetWindowWidth() - em * 5 - kb_w;
  const float top = ImGui::GetCursorPosY();
  // Rows at fixed steps, as tall as the room above the footer allows (five objection
  // reasons must not run under 返回), never taller than 2.4 em.
  const float gap = em * 0.3f;
  const float room = ImGui::GetWindowHeight() - em * 4.4f - top;
  const float row_h = p.phrases.empty() ? em * 2.4f
                                        : std::clamp(room / p.phrases.size() - gap, em * 1.6f, em * 2.4f);
  for (std::size_t i = 0; i < p.phrases.size(); ++i) {
    ImGui::SetCursorPos(ImVec2(em * 2, top + i * (row_h + gap)));
    if (big_button(ui, "phrase." + std::to_string(i), ui.t(p.phrases[i]), ImVec2(width, row_h),
                   {theme::kKeyButton, theme::kText, ui.fonts.title(), theme::kKeyBorder}))
      ui.emit(app::PointsPhrase{p.phrases[i]});
  }
  const float after = top + p.phrases.size() * (row_h + gap);
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - kb_w, top));
  if (big_button(ui, "keyboard", ui.t("form.keyboard"), ImVec2(kb_w, em * 2.4f),
                 {theme::kTileRequests, theme::kOnColor, ui.fonts.body(), 0}))
    ui.emit(app::OpenTextEntry{"points.reason"});
  ImGui::SetCursorPos(ImVec2(em * 2, after));
  message_line(ui, width);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void points_declare(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  title(ui, ui.t("points.declare"));
  // Large mode: the explanation gives its line to the buttons (the phrase page that follows
  // says that staff check first); each button reads "无偿献血 +10" on up to two lines.
  const bool large = ui.state.large_mode;
  if (!large) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("points.declare_explain"), ui.fonts.body(), theme::kTextMuted, ImGui::GetWindowWidth() - em * 4);
    ImGui::Dummy(ImVec2(0, em * 0.4f));
  }
  // Tiles in the room between the title and the footer: three across (two when narrow), as
  // tall as the room allows; none under 返回.
  const layout::ScreenFrame frame = screen_frame(ui, 1);
  const float top = ImGui::GetCursorPosY();
  const std::size_t n = std::min<std::size_t>(p.rules.size(), 12);
  const layout::Rect area{frame.content.x, top, frame.content.w, frame.footer.y - em * 0.4f - top};
  const layout::Grid g = layout::tile_grid(area, static_cast<int>(n), em * 9, 3, em * 1.8f, em * 3.4f, em * (large ? 0.2f : 0.6f));
  for (std::size_t i = 0; i < n; ++i) {
    const app::RuleChoice& r = p.rules[i];
    const layout::Rect cell = g.cell(static_cast<int>(i));
    ImGui::SetCursorPos(ImVec2(cell.x, cell.y));
    const ImVec2 size(cell.w, cell.h);
    const bool clicked =
        large ? big_button(ui, "rule." + r.id, ui.local(r.name) + " " + signed_points(r.points), size,
                           {theme::kTileNotices, theme::kOnColor, ui.fonts.body()})
              : big_button(ui, "rule." + r.id, ui.local(r.name), size, {theme::kTileNotices, theme::kOnColor, ui.fonts.body()},
                           signed_points(r.points));
    if (clicked)
      ui.emit(app::PointsPickRule{r.id});
  }
  if (footer_slot(ui, frame, 0, "back", ui.t("nav.back"))) ui.emit(app::Back{});
}

void points_shop(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  title(ui, ui.t("points.shop"));
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("points.shop_balance").arg("n", std::to_string(p.spendable))), ui.fonts.body(),
        theme::kTilePoints);
  const ImVec2 start = ImGui::GetCursorPos();
  const float gap = em * 0.6f;
  // Large mode: two rows of cards in the room above the footer, the picture a small mark
  // beside the name so it never covers the price line.
  const bool large = ui.state.large_mode;
  const float card_h =
      large ? std::max(em * 2.9f, (ImGui::GetWindowHeight() - em * 4.2f - start.y - gap) / 2) : em * 5.2f;
  const ImVec2 size((ImGui::GetWindowWidth() - em * 4 - 2 * gap) / 3, card_h);
  for (std::size_t i = 0; i < p.goods.size() && i < 6; ++i) {
    const app::GoodsView& g = p.goods[i];
    const ImVec2 pos(start.x + em + (i % 3) * (size.x + gap), start.y + (i / 3) * (size.y + gap));
    const bool picked = g.id == p.picked_goods;
    const bool available = g.stock > 0 && g.price <= p.spendable;
    ImGui::SetCursorPos(pos);
    const std::string sub = ui.msg(core::Message("points.goods_line").arg("price", std::to_string(g.price))
                                       .arg("stock", std::to_string(g.stock)));
    if (big_button(ui, "goods." + std::to_string(g.id), ui.local(g.name), size,
                   {picked ? theme::kTileRequests : theme::kKeyButton, picked ? theme::kOnColor : (available ? theme::kText : theme::kTextMuted),
                    ui.fonts.title(), theme::kKeyBorder, true},
                   sub))
      ui.emit(app::PointsPickGoods{g.id});
    // The goods' picture (assets/<picture>); a plain mark when it cannot be loaded.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetWindowPos();
    const float s = large ? em * 1.3f : size.y - em * 1.2f;
    const ImVec2 a(o.x + pos.x + size.x - s - em * (large ? 0.3f : 0.6f), o.y + pos.y + em * (large ? 0.3f : 0.6f));
    if (ImTextureID tex = ui.images ? ui.images->get(g.picture) : nullptr) {
      dl->AddImageRounded(tex, a, ImVec2(a.x + s, a.y + s), ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, em * 0.3f);
    } else {
      dl->AddRectFilled(a, ImVec2(a.x + s, a.y + s), theme::kNeutralButton, em * 0.3f);
      dl->AddCircleFilled(ImVec2(a.x + s / 2, a.y + s / 2), s * 0.3f, theme::kOnColor);
    }
  }
  if (large) {  // beside the back button: the cards take the room above the footer
    ImGui::SetCursorPos(ImVec2(em * 8.6f, ImGui::GetWindowHeight() - em * 3.6f));
    if (ui.state.error || ui.state.notice)
      label(ui, ui.state.error ? ui.msg(*ui.state.error) : ui.msg(*ui.state.notice), ui.fonts.body(),
            ui.state.error ? theme::kError : theme::kConfirm, ImGui::GetWindowWidth() - em * 25);
  } else {
    ImGui::SetCursorPos(ImVec2(em * 2, start.y + 2 * (size.y + gap) + em * 0.2f));
    message_line(ui, ImGui::GetWindowWidth() - em * 4);
  }
  if (p.picked_goods) {
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 16, ImGui::GetWindowHeight() - em * 3.6f));
    if (big_button(ui, "reserve", ui.t("points.reserve"), ImVec2(em * 14, em * 2.6f), {theme::kConfirm, theme::kOnColor}))
      ui.emit(app::PointsReserve{});
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

void points_redeemed(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  title(ui, ui.t("points.redeemed_title"));
  ImGui::Dummy(ImVec2(0, em * 0.5f));
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("points.redeemed_goods").arg("goods", ui.local(p.redeemed_goods))
                       .arg("price", std::to_string(p.redeemed_price))),
        ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("points.redeemed_code"), ui.fonts.body(), theme::kTextMuted);
  ImGui::SetCursorPosX(em * 2);
  label(ui, p.redeemed_code, ui.fonts.title(), theme::kTilePoints);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("points.redeemed_balance").arg("n", std::to_string(p.spendable))), ui.fonts.body(),
        theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("points.redeemed_explain"), ui.fonts.body(), theme::kTextMuted, ImGui::GetWindowWidth() - em * 4);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
  if (footer_button(ui, "done", ui.t("nav.done"), ImGui::GetWindowWidth() - em * 9)) ui.emit(app::Home{});
}

void points_board(UiContext& ui) {
  const float em = ui.em();
  header(ui);
  const app::PointsView& p = ui.state.points;
  const bool black = p.board_scope.scope == app::BoardScope::kBlack;
  std::string scope_name = ui.t("points.board_village");
  for (const auto& [id, name] : p.grids)
    if (p.board_scope.scope == app::BoardScope::kGrid && id == p.board_scope.grid_id) scope_name = name;
  ImGui::SetCursorPosX(em * 2);
  label(ui, black ? ui.t("points.black_board") : ui.msg(core::Message("points.red_board").arg("scope", scope_name)),
        ui.fonts.title(), black ? theme::kText : kRed);
  // Scope tabs: village, each grid, and the black board when the village shows one.
  // Large mode: the tabs wrap onto a second row instead of running off the right edge.
  const bool large = ui.state.large_mode;
  float tab_y = ImGui::GetCursorPosY();
  const float tab_h = em * (large ? 1.6f : 2);
  float x = em * 2;
  const auto tab = [&](const std::string& id, const std::string& text, const app::PointsBoard& board) {
    const bool on = p.board_scope == board;
    const ImVec2 size(ui.fonts.body()->CalcTextSizeA(em, 1e6f, 0, text.c_str()).x + em * 1.2f, tab_h);
    if (large && x > em * 2 && x + size.x > ImGui::GetWindowWidth() - em * 2) {
      x = em * 2;
      tab_y += tab_h + em * 0.3f;
    }
    ImGui::SetCursorPos(ImVec2(x, tab_y));
    if (big_button(ui, id, text, size, {on ? kRed : theme::kKeyButton, on ? theme::kOnColor : theme::kText, ui.fonts.body(),
                                         theme::kKeyBorder}))
      ui.emit(board);
    x += size.x + em * 0.4f;
  };
  tab("board.village", ui.t("points.board_village"), app::PointsBoard{});
  for (const auto& [id, name] : p.grids)
    tab("board.grid." + std::to_string(id), name, app::PointsBoard{app::BoardScope::kGrid, id});
  if (p.black_board) tab("board.black", ui.t("points.black_board"), app::PointsBoard{app::BoardScope::kBlack, 0});
  ImGui::SetCursorPos(ImVec2(em * 2, tab_y + tab_h + em * 0.5f));
  const float width = ImGui::GetWindowWidth() - em * 4;
  const float line = ImGui::GetTextLineHeightWithSpacing() * 1.15f;
  const float y0 = ImGui::GetCursorPosY();
  // Large mode: body-size rows (already 1.5x) and only as many per column as fit above the
  // footer, where the note moves beside the back button.
  ImFont* row_font = large ? ui.fonts.body() : ui.fonts.title();
  const float step = large ? em * 1.2f : line * 1.6f;
  const std::size_t per_col =
      large ? static_cast<std::size_t>(std::clamp((ImGui::GetWindowHeight() - em * 3.8f - y0) / step, 1.0f, 5.0f)) : 5;
  for (std::size_t i = 0; i < p.board.size() && i < 2 * per_col; ++i) {
    const app::BoardEntry& b = p.board[i];
    const float col = i < per_col ? 0 : width / 2;
    const float y = y0 + static_cast<float>(i % per_col) * step;
    ImGui::SetCursorPos(ImVec2(em * 2 + col, y));
    label(ui, std::to_string(b.rank) + ".", row_font, black ? theme::kText : kRed);
    ImGui::SetCursorPos(ImVec2(em * (large ? 3.6f : 4.5f) + col, y));
    std::string text = b.name + "  " + b.grid + "  " + ui.msg(core::Message("points.n").arg("n", std::to_string(b.points)));
    if (black && !b.rule.zh.empty()) text += "  " + ui.local(b.rule);
    label(ui, text, row_font, theme::kText, large ? width / 2 - em * 1.8f : 0);
  }
  if (p.board.empty()) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.t("points.none"), ui.fonts.body(), theme::kTextMuted);
  }
  if (large)
    ImGui::SetCursorPos(ImVec2(em * 8.6f, ImGui::GetWindowHeight() - em * 3.4f));
  else
    ImGui::SetCursorPos(ImVec2(em * 2, ImGui::GetWindowHeight() - em * 5.2f));
  label(ui, ui.t("points.board_note"), ui.fonts.body(), theme::kTextMuted, large ? width - em * 7.6f : width);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

}  // namespace vsk::ui::screens
