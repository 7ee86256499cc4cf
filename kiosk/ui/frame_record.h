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
  // Read-aloud: the screen's main content in drawing order (titles, text, button labels),
  // everything drawn after the header; keypad keys and calendar days are left out.
  std::vector<std::string> spoken;
  bool in_content = false;  // set by header() once the header is drawn

  void clear() {
    widgets.clear();
    texts.clear();
    spoken.clear();
    in_content = false;
  }
  void speak(const std::string& text) {
    if (in_content && !text.empty()) spoken.push_back(text);
  }
  // What the read-aloud button reads: the spoken parts, one sentence each.
  std::string speakable_text() const;
  // Exact id, then exact label, then the first label containing `what`, then the first id
  // starting with it.
  const WidgetRecord* find_widget(const std::string& what) const;
  bool shows_text(const std::string& what) const;  // substring of any text or label
};

}  // namespace vsk::ui
