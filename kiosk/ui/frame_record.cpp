#include "ui/frame_record.h"

#include <algorithm>

namespace vsk::ui {

Box intersect(const Box& a, const Box& b) {
  return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

bool contains(const Box& outer, const Box& inner, float slack) {
  return inner.x0 >= outer.x0 - slack && inner.y0 >= outer.y0 - slack && inner.x1 <= outer.x1 + slack &&
         inner.y1 <= outer.y1 + slack;
}

bool boxes_overlap(const Box& a, const Box& b, float slack) {
  const Box i = intersect(a, b);
  return i.width() > slack && i.height() > slack;
}

namespace {

std::string describe(const Box& b) {
  return "(" + std::to_string(static_cast<int>(b.x0)) + "," + std::to_string(static_cast<int>(b.y0)) + ")-(" +
         std::to_string(static_cast<int>(b.x1)) + "," + std::to_string(static_cast<int>(b.y1)) + ")";
}

std::string quote(const std::string& s) {
  const std::string shown = s.size() > 48 ? s.substr(0, 45) + "..." : s;
  return "'" + shown + "'";
}

// The part of a record a person can see at all: inside its clip rectangle.
Box shown_box(const Box& b, const Box& clip) { return intersect(b, clip); }

}  // namespace

int FrameRecord::add_widget(WidgetRecord w) {
  w.order = next_order++;
  widgets.push_back(std::move(w));
  return static_cast<int>(widgets.size()) - 1;
}

int FrameRecord::add_text(TextRecord t) {
  t.order = next_order++;
  texts.push_back(std::move(t));
  return static_cast<int>(texts.size()) - 1;
}

const WidgetRecord* FrameRecord::find_widget(const std::string& what) const {
  for (const auto& w : widgets)
    if (w.tappable && w.id == what) return &w;
  for (const auto& w : widgets)
    if (w.tappable && w.label == what) return &w;
  for (const auto& w : widgets)
    if (w.tappable && w.label.find(what) != std::string::npos) return &w;
  for (const auto& w : widgets)  // "row." taps the first row, whatever its number
    if (w.tappable && w.id.rfind(what, 0) == 0) return &w;
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

std::string FrameRecord::hidden_reason(const TextRecord& t) const {
  if (!t.placed) return "";
  if (!contains(screen, t.box)) return "it is (partly) off screen at " + describe(t.box);
  if (!contains(t.clip, t.box)) return "it is clipped at " + describe(t.box) + " by " + describe(t.clip);
  for (std::size_t i = 0; i < widgets.size(); ++i) {
    const WidgetRecord& w = widgets[i];
    if (static_cast<int>(i) == t.owner || !w.opaque || w.order < t.order) continue;
    if (boxes_overlap(shown_box(w.box(), w.clip), t.box, 2.0f))
      return "it is covered by widget '" + w.id + "' drawn over it at " + describe(w.box());
  }
  return "";
}

bool FrameRecord::shows_text(const std::string& what) const {
  for (const auto& t : texts)
    if (t.text.find(what) != std::string::npos && hidden_reason(t).empty()) return true;
  return false;
}

bool FrameRecord::has_text(const std::string& what) const {
  for (const auto& t : texts)
    if (t.text.find(what) != std::string::npos) return true;
  for (const auto& w : widgets)
    if (w.label.find(what) != std::string::npos) return true;
  return false;
}

std::vector<std::string> FrameRecord::overlaps() const {
  std::vector<std::string> out;
  const float slack = 1.0f;
  for (std::size_t i = 0; i < widgets.size(); ++i) {
    const WidgetRecord& a = widgets[i];
    const Box ab = shown_box(a.box(), a.clip);
    if (ab.empty()) continue;  // scrolled away entirely
    if (!contains(screen, ab)) out.push_back("widget '" + a.id + "' leaves the window at " + describe(a.box()));
    if (!a.opaque) continue;
    for (std::size_t j = i + 1; j < widgets.size(); ++j) {
      const WidgetRecord& b = widgets[j];
      if (b.opaque && boxes_overlap(ab, shown_box(b.box(), b.clip), slack))
        out.push_back("widgets '" + a.id + "' " + describe(a.box()) + " and '" + b.id + "' " + describe(b.box()) +
                      " overlap");
    }
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const TextRecord& t = texts[i];
    if (!t.placed) continue;
    const Box tb = shown_box(t.box, t.clip);
    if (tb.empty()) continue;
    if (!contains(screen, t.box)) out.push_back("text " + quote(t.text) + " leaves the window at " + describe(t.box));
    if (t.owner >= 0) {
      const WidgetRecord& own = widgets[static_cast<std::size_t>(t.owner)];
      if (!contains(own.box(), t.box))
        out.push_back("text " + quote(t.text) + " " + describe(t.box) + " spills out of its widget '" + own.id + "' " +
                      describe(own.box()));
    }
    for (std::size_t w = 0; w < widgets.size(); ++w) {
      const WidgetRecord& b = widgets[w];
      if (static_cast<int>(w) == t.owner || !b.opaque) continue;
      if (boxes_overlap(tb, shown_box(b.box(), b.clip), slack))
        out.push_back("text " + quote(t.text) + " " + describe(t.box) + " overlaps widget '" + b.id + "' " +
                      describe(b.box()));
    }
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      const TextRecord& u = texts[j];
      if (!u.placed || (t.owner >= 0 && u.owner == t.owner)) continue;
      if (boxes_overlap(tb, shown_box(u.box, u.clip), slack))
        out.push_back("texts " + quote(t.text) + " " + describe(t.box) + " and " + quote(u.text) + " " +
                      describe(u.box) + " overlap");
    }
  }
  return out;
}

}  // namespace vsk::ui
