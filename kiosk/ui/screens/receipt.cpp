// The receipt, shown only after the request is committed: number, pickup code, QR, due date.
#include <algorithm>
#include <cmath>

#include "core/date.h"
#include "platform/qr.h"
#include "ui/format.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

void draw_qr(const std::string& text, ImVec2 pos, float size) {
  const platform::QrMatrix qr = platform::encode_qr(text);
  const int quiet = 2;
  // Whole pixels per module: fractional edges leave hairline gaps that confuse scanners.
  const float m = std::floor(size / static_cast<float>(qr.size + 2 * quiet));
  pos = ImVec2(std::floor(pos.x), std::floor(pos.y));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + m * (qr.size + 2 * quiet), pos.y + m * (qr.size + 2 * quiet)), IM_COL32_WHITE);
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.dark(x, y)) {
        const ImVec2 a(pos.x + (x + quiet) * m, pos.y + (y + quiet) * m);
        dl->AddRectFilled(a, ImVec2(a.x + m, a.y + m), IM_COL32_BLACK);
      }
}

// "QS1-1123-017" spaced for reading aloud.
void big_code(UiContext& ui, const std::string& caption, const std::string& value) {
  const float em = ui.em();
  ImGui::SetCursorPosX(em * 2);
  label(ui, caption, ui.fonts.body(), theme::kTextMuted);
  ImGui::SetCursorPosX(em * 2);
  ImGui::PushFont(ui.fonts.title());
  // The one place we scale: digits read from a step back (large mode is big enough already).
  ImGui::SetWindowFontScale(ui.state.large_mode ? 1.0f : 1.5f);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kText);
  ImGui::TextUnformatted(value.c_str());
  record_text(ui, value, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImGui::PopStyleColor();
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopFont();
}

}  // namespace

void receipt(UiContext& ui) {
  const float em = ui.em();
  const app::ReceiptView& r = ui.state.receipt;
  header(ui);
  // The QR code and 打印回执 in a side column: right of the text, or below it in portrait.
  // Large mode (landscape): 完成 joins that column so the text can run to the bottom.
  const bool large = ui.state.large_mode;
  const float qr_em = large ? 6.5f : 10;
  const float print_em = large ? 2.6f : 3;
  layout::ScreenFrame frame = screen_frame(ui, 1, qr_em, qr_em + 0.6f);
  const bool done_in_side = large && !frame.side_below;
  if (done_in_side) frame = screen_frame(ui, 0, qr_em, qr_em + 0.6f);
  const float text_w = frame.content.w;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("receipt.title") + "  " + service_name(ui, r.service_id), ui.fonts.title(), theme::kConfirm, text_w);
  big_code(ui, ui.t("receipt.number"), r.number);
  big_code(ui, ui.t("receipt.code"), r.pickup_code);
  if (!r.claim_code.empty()) {
    big_code(ui, ui.t("receipt.claim"), r.claim_code);
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("receipt.claim_hint").arg("days", std::to_string(r.claim_days))), ui.fonts.body(),
          theme::kTextMuted, text_w);
  }
  if (r.filed_at) {
    ImGui::SetCursorPosX(em * 2);
    label(ui,
          ui.msg(core::Message("receipt.filed")
                     .arg("time", date_words_with_year(ui, core::format_date(core::date_of(r.filed_at))) + " " +
                                      china_time(r.filed_at, "%H:%M"))),
          ui.fonts.body(), theme::kText, text_w);
  }
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("receipt.due").arg("date", date_words_with_year(ui, r.due_date))), ui.fonts.title(),
        theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("receipt.keep"), ui.fonts.body(), theme::kTextMuted, text_w);
  if (r.print_result) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(*r.print_result), ui.fonts.body(), theme::kText, text_w);
  }

  const layout::Rect& side = frame.side;
  const float qr_size = std::min(em * qr_em, side.h);
  const ImVec2 qr_at(side.right() - qr_size, side.y);  // right-aligned beside the text; left in portrait
  const ImVec2 qr_pos = frame.side_below ? ImVec2(side.x, side.y) : qr_at;
  const ImVec2 win = ImGui::GetWindowPos();
  draw_qr(r.qr_text.empty() ? r.number : r.qr_text, ImVec2(win.x + qr_pos.x, win.y + qr_pos.y), qr_size);
  record_block(ui, "qr", ImVec2(win.x + qr_pos.x, win.y + qr_pos.y),
               ImVec2(win.x + qr_pos.x + qr_size, win.y + qr_pos.y + qr_size));
  const ImVec2 print_size(frame.side_below ? std::min(em * 10, side.w - qr_size - em) : qr_size, em * print_em);
  const ImVec2 print_pos = frame.side_below ? ImVec2(qr_pos.x + qr_size + em, side.y)
                                            : ImVec2(qr_pos.x, side.y + qr_size + em * (large ? 0.4f : 1));
  ImGui::SetCursorPos(print_pos);
  if (big_button(ui, "print", ui.t("receipt.print"), print_size, {theme::kTileRequests, theme::kOnColor}))
    ui.emit(app::PrintReceipt{});
  if (done_in_side) {
    if (footer_button(ui, "done", ui.t("nav.done"), qr_pos.x)) ui.emit(app::Home{});
  } else if (footer_slot(ui, frame, 0, "done", ui.t("nav.done"))) {
    ui.emit(app::Home{});
  }
}

}  // namespace vsk::ui::screens
