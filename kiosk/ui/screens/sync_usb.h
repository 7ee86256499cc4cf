// The USB stick parts of 同步状态 (issue 19): the buttons beside the network sync, and the
// 通过U盘连接乡镇 panel (the one-time code on a pad of its own letters and digits, then
// 写出注册请求 and 读取乡镇回复). What they do: app/sync_flow.h, sync/client/usb_exchange.h.
#pragma once

#include <imgui.h>

#include "ui/ui_context.h"

namespace vsk::ui::screens {

// The right column's USB buttons from `y` down (window coordinates); returns the y below them.
float sync_usb_buttons(UiContext& ui, float x, float y, ImVec2 size);
// The running job's progress, or the last job's outcome, as a line at window x `x` (0: the
// left margin) and the cursor's y.
void sync_usb_status(UiContext& ui, float wrap, float x = 0);
// The whole screen while 通过U盘连接乡镇 is open.
void sync_usb_panel(UiContext& ui);

}  // namespace vsk::ui::screens
