#include "ui/frame_record.h"

namespace vsk::ui {

const WidgetRecord* FrameRecord::find_widget(const std::string& what) const {
  for (const auto& w : widgets)
    if (w.id == what) return &w;
  for (const auto& w : widgets)
    if (w.label == what) return &w;
  for (const auto& w : widgets)
    if (w.label.find(what) != std::string::npos) return &w;
  for (const auto& w : widgets)  // "row." taps the first row, whatever its number
    if (w.id.rfind(what, 0) == 0) return &w;
  return nullptr;
}

std::string FrameRecord::speakable_text() const {
  std::string out;
  for (const auto& s : spoken) {
    if (out.find(s) != std::string::npos) continue;  // said once is enough
    if (!out.empty()) out += "。";
    out += s;
  }
  return out;
}

bool FrameRecord::shows_text(const std::string& what) const {
  for (const auto& t : texts)
    if (t.find(what) != std::string::npos) return true;
  for (const auto& w : widgets)
    if (w.label.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace vsk::ui
