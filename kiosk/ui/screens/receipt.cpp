// The receipt, shown only after the request is committed: number, pickup code, QR, due date.
#include <cmath>

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
  ImGui::SetWindowFontScale(1.5f);  // the one place we scale: digits read from a step back
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kText);
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopStyleColor();
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopFont();
  ui.record.texts.push_back(value);
}

}  // namespace

void receipt(UiContext& ui) {
  const float em = ui.em();
  const app::ReceiptView& r = ui.state.receipt;
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("receipt.title") + "  " + service_name(ui, r.service_id), ui.fonts.title(), theme::kConfirm);
  big_code(ui, ui.t("receipt.number"), r.number);
  big_code(ui, ui.t("receipt.code"), r.pickup_code);
  if (!r.claim_code.empty()) {
    big_code(ui, ui.t("receipt.claim"), r.claim_code);
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(core::Message("receipt.claim_hint").arg("days", std::to_string(r.claim_days))), ui.fonts.body(),
          theme::kTextMuted, ImGui::GetWindowWidth() - em * 18);
  }
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.msg(core::Message("receipt.due").arg("date", date_words(ui, r.due_date))), ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("receipt.keep"), ui.fonts.body(), theme::kTextMuted, ImGui::GetWindowWidth() - em * 18);
  if (r.print_result) {
    ImGui::SetCursorPosX(em * 2);
    label(ui, ui.msg(*r.print_result), ui.fonts.body(), theme::kText, ImGui::GetWindowWidth() - em * 18);
  }

  const float qr_size = em * 10;
  const ImVec2 win = ImGui::GetWindowPos();
  draw_qr(r.number, ImVec2(win.x + ImGui::GetWindowWidth() - qr_size - em * 2, win.y + em * 4), qr_size);
  ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - qr_size - em * 2, em * 4 + qr_size + em));
  if (big_button(ui, "print", ui.t("receipt.print"), ImVec2(qr_size, em * 3), {theme::kTileRequests, theme::kOnColor}))
    ui.emit(app::ActionKind::kPrintReceipt);
  if (footer_button(ui, "done", ui.t("nav.done"), em)) ui.emit(app::ActionKind::kHome);
}

}  // namespace vsk::ui::screens
