#include "ui/screens/sync_usb.h"

#include <algorithm>
#include <cstring>

#include "app/sync_flow.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

using app::UsbJob;

const ButtonStyle& primary(UiContext& ui) {
  static ButtonStyle s{theme::kTileRequests, theme::kOnColor, nullptr};
  s.font = ui.fonts.body();
  return s;
}

// The code as staff read it off the township's paper: three groups of four.
std::string grouped(const std::string& code) {
  std::string out;
  for (std::size_t i = 0; i < app::kUsbCodeLength; ++i) {
    if (i == 4 || i == 8) out += " - ";
    out += i < code.size() ? std::string(1, code[i]) : "_";
    if (i % 4 != 3) out += ' ';
  }
  return out;
}

}  // namespace

float sync_usb_buttons(UiContext& ui, float x, float y, ImVec2 size) {
  const auto& v = ui.state.sync;
  if (!v.usb.available) return y;
  const float gap = ui.em() * 0.6f;
  auto button = [&](const char* id, const char* key, app::Action action) {
    ImGui::SetCursorPos(ImVec2(x, y));
    if (big_button(ui, id, ui.t(key), size, primary(ui)) && !v.usb.running) ui.emit(std::move(action));
    y += size.y + gap;
  };
  if (!v.enrolled) {
    button("usb_enroll", "sync.usb.enroll_button", app::SyncUsbOpen{});
  } else {
    button("usb_export", "sync.usb.export_button", app::SyncUsbStart{UsbJob::kExport});
    button("usb_import", "sync.usb.import_button", app::SyncUsbStart{UsbJob::kImport});
  }
  return y;
}

void sync_usb_status(UiContext& ui, float wrap, float x) {
  const auto& u = ui.state.sync.usb;
  ImGui::SetCursorPosX(x > 0 ? x : ui.em() * 2);
  if (u.running)
    label(ui, ui.msg(app::usb_progress_message(u.job, u.done, u.total)), ui.fonts.body(), theme::kText, wrap);
  else if (u.result)
    label(ui, ui.msg(*u.result), ui.fonts.body(), u.result_ok ? theme::kConfirm : theme::kError, wrap);
}

void sync_usb_panel(UiContext& ui) {
  const float em = ui.em();
  const auto& u = ui.state.sync.usb;
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("sync.usb.enroll_title"), ui.fonts.title(), theme::kText);
  const float top = ImGui::GetCursorPosY();
  const float right_w = em * 13;
  const float left_w = ImGui::GetWindowWidth() - right_w - em * 5;
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("sync.usb.enroll_steps"), ui.fonts.body(), theme::kTextMuted, left_w);
  ImGui::Dummy(ImVec2(0, em * 0.4f));

  // 连接乡镇 over the network: the township's address on the keyboard (ABC / 123).
  ImGui::SetCursorPosX(em * 2);
  const ButtonStyle field{theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder, true};
  const std::string address = u.server_url.empty() ? ui.t("sync.net.tap_to_type") : u.server_url;
  if (big_button(ui, "net_address", ui.msg(core::Message("sync.net.address").arg("url", address)),
                 ImVec2(left_w, em * 2.2f), field) && !u.running)
    ui.emit(app::OpenTextEntry{"sync_net.address"});
  ImGui::Dummy(ImVec2(0, em * 0.3f));

  // The code typed so far, in a white box.
  ImGui::SetCursorPosX(em * 2);
  const ImVec2 box = ImGui::GetCursorScreenPos();
  const float box_h = em * 2.6f;
  ImGui::GetWindowDrawList()->AddRectFilled(box, ImVec2(box.x + left_w, box.y + box_h), theme::kKeyButton, em * 0.3f);
  ImGui::GetWindowDrawList()->AddRect(box, ImVec2(box.x + left_w, box.y + box_h), theme::kKeyBorder, em * 0.3f);
  ImGui::SetCursorPos(ImVec2(em * 2.5f, ImGui::GetCursorPosY() + em * 0.4f));
  label(ui, grouped(u.code), ui.fonts.title(), theme::kText);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + em * 0.6f);

  // The pad: only the code's own letters and digits, 8 a row, and the delete key.
  const int per_row = 8;
  const float key_gap = em * 0.3f;
  const ImVec2 key((left_w - key_gap * (per_row - 1)) / per_row, em * 1.9f);  // four rows above the footer
  const ButtonStyle key_style{theme::kKeyButton, theme::kText, ui.fonts.body(), theme::kKeyBorder};
  const float pad_top = ImGui::GetCursorPosY();
  const std::size_t n = std::strlen(app::kUsbCodeKeys);
  for (std::size_t i = 0; i <= n; ++i) {
    const float kx = em * 2 + static_cast<float>(i % per_row) * (key.x + key_gap);
    const float ky = pad_top + static_cast<float>(i / per_row) * (key.y + key_gap);
    ImGui::SetCursorPos(ImVec2(kx, ky));
    const char c = i < n ? app::kUsbCodeKeys[i] : '\b';
    const std::string id = i < n ? std::string("usbkey.") + c : "usbkey.back";
    if (big_button(ui, id, i < n ? std::string(1, c) : ui.t("key.backspace"), key, key_style))
      ui.emit(app::SyncUsbCodeKey{c});
  }

  // Top right: 联网注册 with the address and the code; without a link, the request onto the
  // stick, then the township's reply from it.
  const ImVec2 size(right_w, em * 3);
  const float x = ImGui::GetWindowWidth() - em * 2 - right_w;
  ImGui::SetCursorPos(ImVec2(x, top));
  if (big_button(ui, "net_enroll", ui.t("sync.net.enroll"), size, {theme::kConfirm, theme::kOnColor, ui.fonts.body()}) &&
      !u.running)
    ui.emit(app::SyncUsbStart{UsbJob::kEnrollNetwork});
  ImGui::SetCursorPos(ImVec2(x, top + size.y + em * 0.8f));
  if (big_button(ui, "usb_write_request", ui.t("sync.usb.write_request"), size, primary(ui)) && !u.running)
    ui.emit(app::SyncUsbStart{UsbJob::kEnrollRequest});
  ImGui::SetCursorPos(ImVec2(x, top + 2 * (size.y + em * 0.8f)));
  if (u.request_written) {
    if (big_button(ui, "usb_read_reply", ui.t("sync.usb.read_reply"), size, primary(ui)) && !u.running)
      ui.emit(app::SyncUsbStart{UsbJob::kEnrollReply});
    ImGui::SetCursorPosX(x);
    label(ui, ui.t("sync.usb.request_waiting"), ui.fonts.body(), theme::kTextMuted, right_w);
  }
  // What happened, in the right column below the steps (the pad fills the left one).
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), top + 3 * size.y + em * 2.4f) + em * 0.6f);
  if (ui.state.error) {
    ImGui::SetCursorPosX(x);
    label(ui, ui.msg(*ui.state.error), ui.fonts.body(), theme::kError, right_w);
  }
  sync_usb_status(ui, right_w, x);
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::SyncUsbClose{});
}

}  // namespace vsk::ui::screens
