// What the last frame showed: every tappable widget with its rectangle and every text run
// drawn, with the clip rectangle each was drawn under and the order of drawing. The headless
// script harness taps widgets by id or label, checks that text is really visible (on screen,
// not clipped, not covered by a widget drawn later) and that nothing overlaps.
#pragma once

#include <string>
#include <vector>

namespace vsk::ui {

struct Box {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};
Box intersect(const Box& a, const Box& b);
// True when `inner` lies inside `outer`, allowing `slack` pixels on each side.
bool contains(const Box& outer, const Box& inner, float slack = 1.0f);
// True when the two boxes share more than `slack` pixels in both directions.
bool boxes_overlap(const Box& a, const Box& b, float slack = 1.0f);

inline constexpr float kNoClip = 1e9f;

struct WidgetRecord {
  std::string id;     // language-independent id (the part after ### in ImGui labels)
  std::string label;  // visible text
  float x0, y0, x1, y1;
  Box clip{-kNoClip, -kNoClip, kNoClip, kNoClip};  // the clip rectangle it was drawn under
  int order = 0;       // drawing order among widgets and text runs
  bool opaque = true;  // draws a fill that hides what was drawn before (not a bare tap area)
  bool tappable = true;  // false: a drawn block (a QR code, a picture) kept for the layout checks
  Box box() const { return {x0, y0, x1, y1}; }
};

struct TextRecord {
  std::string text;
  Box box{};           // where its glyphs are (all lines)
  Box clip{-kNoClip, -kNoClip, kNoClip, kNoClip};
  int order = 0;
  int owner = -1;      // index of the widget whose label or subtitle this is, else -1
  bool placed = true;  // false: recorded without a position (always counted as visible)
};

struct FrameRecord {
  std::vector<WidgetRecord> widgets;
  std::vector<TextRecord> texts;
  // Read-aloud: the screen's main content in drawing order (titles, text, button labels),
  // everything drawn after the header; keypad keys and calendar days are left out.
  std::vector<std::string> spoken;
  bool in_content = false;  // set by header() once the header is drawn
  Box screen{0, 0, kNoClip, kNoClip};  // the window (display) size, set by the shell
  int next_order = 0;

  void clear() {
    widgets.clear();
    texts.clear();
    spoken.clear();
    in_content = false;
    next_order = 0;
  }
  void speak(const std::string& text) {
    if (in_content && !text.empty()) spoken.push_back(text);
  }
  // Records a widget / a text run drawn now; returns its index.
  int add_widget(WidgetRecord w);
  int add_text(TextRecord t);
  void add_text(const std::string& text) { add_text(TextRecord{text, {}, {-kNoClip, -kNoClip, kNoClip, kNoClip}, 0, -1, false}); }

  // What the read-aloud button reads: the spoken parts, one sentence each.
  std::string speakable_text() const;
  // Exact id, then exact label, then the first label containing `what`, then the first id
  // starting with it.
  const WidgetRecord* find_widget(const std::string& what) const;
  // Substring of any text run or widget label, counting only what a person can see.
  bool shows_text(const std::string& what) const;
  // Substring of any text run or label, seen or not (for expect-not).
  bool has_text(const std::string& what) const;
  // Why the run cannot be seen ("" when it can): off screen, clipped, or covered by a
  // widget drawn after it.
  std::string hidden_reason(const TextRecord& t) const;
  // Every overlap on screen, one line each: two widgets, a text run over another widget or
  // run, a run outside its own widget, anything outside the window. Empty when clean.
  std::vector<std::string> overlaps() const;
};

}  // namespace vsk::ui
