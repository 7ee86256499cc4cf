// What the last frame showed: every tappable widget with its rectangle and every text drawn.
// The headless script harness taps widgets by id or label and checks visible text with it.
#pragma once

#include <string>
#include <vector>

namespace vsk::ui {

struct WidgetRecord {
  std::string id;     // language-independent id (the part after ### in ImGui labels)
  std::string label;  // visible text
  float x0, y0, x1, y1;
};

struct FrameRecord {
  std::vector<WidgetRecord> widgets;
  std::vector<std::string> texts;

  void clear() {
    widgets.clear();
    texts.clear();
  }
  // Exact id, then exact label, then the first label containing `what`, then the first id
  // starting with it.
  const WidgetRecord* find_widget(const std::string& what) const;
  bool shows_text(const std::string& what) const;  // substring of any text or label
};

}  // namespace vsk::ui
