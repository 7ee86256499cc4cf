#include "ui/script.h"

#include <SDL.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <sstream>

#include "core/ui_scale.h"
#include "ui/shell.h"

namespace vsk::ui {
namespace {

const char* const kVerbs[] = {"tap",        "press", "slide-off", "release", "type", "wait",
                              "expect", "expect-not", "shot",  "kill", "key", "expect-targets-mm", "await",
                              "await-file", "expect-no-overlap"};

// How long `await` waits, in real time, for background work (the ID card reader's thread).
constexpr int kAwaitMs = 5000;

bool known_verb(const std::string& v) {
  for (const char* k : kVerbs)
    if (v == k) return true;
  return false;
}

bool needs_arg(const std::string& v) {
  return v != "slide-off" && v != "release" && v != "kill" && v != "expect-no-overlap";
}

// Why `what` is not visible: the reason of its first hidden run, or that it is not drawn.
std::string why_not_seen(const FrameRecord& r, const std::string& what) {
  for (const auto& t : r.texts)
    if (t.text.find(what) != std::string::npos) return "'" + what + "' is drawn but not visible: " + r.hidden_reason(t);
  return "expected to see '" + what + "'";
}

// Draw frames until queued input is consumed and the UI has settled.
void settle(Shell& shell) {
  for (int guard = 0; guard < 200; ++guard) {
    const bool changed = shell.render_frame();
    if (!changed && shell.pointer().empty()) break;
  }
  shell.render_frame();
}

std::string visible_widgets(const FrameRecord& r) {
  std::string out;
  for (const auto& w : r.widgets)
    if (w.tappable) out += (out.empty() ? "" : ", ") + w.id;
  return out;
}

platform::PointerEvent center(const WidgetRecord& w, bool down) {
  return {(w.x0 + w.x1) * 0.5f, (w.y0 + w.y1) * 0.5f, down};
}

}  // namespace

ScriptParse parse_script(const std::string& text) {
  ScriptParse out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    const size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line[start] == '#') continue;
    line = line.substr(start);
    const size_t space = line.find(' ');
    ScriptStep step{n, line.substr(0, space), space == std::string::npos ? "" : line.substr(space + 1)};
    if (!known_verb(step.verb)) {
      out.error = "line " + std::to_string(n) + ": unknown command '" + step.verb + "'";
      return out;
    }
    if (needs_arg(step.verb) && step.arg.empty()) {
      out.error = "line " + std::to_string(n) + ": '" + step.verb + "' needs an argument";
      return out;
    }
    out.steps.push_back(step);
  }
  return out;
}

std::string run_script(Shell& shell, const std::vector<ScriptStep>& steps,
                       const std::function<void(long long)>& advance_clock) {
  settle(shell);
  for (const ScriptStep& s : steps) {
    const std::string where = "line " + std::to_string(s.line) + ": ";
    const FrameRecord& frame = shell.last_frame();
    if (s.verb == "tap" || s.verb == "press") {
      const WidgetRecord* w = frame.find_widget(s.arg);
      if (!w) return where + "no widget '" + s.arg + "' on screen (there are: " + visible_widgets(frame) + ")";
      const WidgetRecord target = *w;
      const platform::PointerEvent c = center(target, false);
      int width = 0, height = 0;
      shell.video().output_size(&width, &height);
      if (c.x < 0 || c.y < 0 || c.x >= width || c.y >= height)
        return where + "widget '" + s.arg + "' is off screen: a resident could not tap it";
      shell.pointer().push(c);  // hover first, as a finger would arrive
      shell.pointer().push(center(target, true));
      if (s.verb == "tap") shell.pointer().push(center(target, false));
    } else if (s.verb == "slide-off") {
      shell.pointer().push({1, 1, true});
    } else if (s.verb == "release") {
      platform::PointerEvent up = shell.pointer().current();
      up.down = false;
      shell.pointer().push(up);
    } else if (s.verb == "type") {
      for (char c : s.arg) {
        const WidgetRecord* w = shell.last_frame().find_widget(std::string("key.") + c);
        if (!w) return where + "no keypad key '" + std::string(1, c) + "' on screen";
        const WidgetRecord target = *w;
        int width = 0, height = 0;
        shell.video().output_size(&width, &height);
        if (target.y1 > height || target.x1 > width)
          return where + "key '" + std::string(1, c) + "' is (partly) off screen: a resident could not tap it";
        shell.pointer().push(center(target, false));
        shell.pointer().push(center(target, true));
        shell.pointer().push(center(target, false));
        settle(shell);
      }
    } else if (s.verb == "wait") {
      advance_clock(std::stoll(s.arg));
    } else if (s.verb == "expect") {
      if (!frame.shows_text(s.arg)) return where + why_not_seen(frame, s.arg);
    } else if (s.verb == "expect-no-overlap") {
      const std::vector<std::string> found = frame.overlaps();
      if (!found.empty()) {
        std::string out = where + std::to_string(found.size()) + " layout fault(s) on screen:";
        for (std::size_t i = 0; i < found.size() && i < 8; ++i) out += "\n  " + found[i];
        return out;
      }
    } else if (s.verb == "await") {
      // Like expect, but the text may come from another thread: draw frames until it shows.
      bool seen = false;
      for (int ms = 0; ms < kAwaitMs && !seen; ms += 20) {
        settle(shell);
        seen = shell.last_frame().shows_text(s.arg);
        if (!seen) SDL_Delay(20);
      }
      if (!seen) return where + "waited " + std::to_string(kAwaitMs / 1000) + " s for '" + s.arg + "'";
    } else if (s.verb == "expect-not") {
      if (frame.has_text(s.arg)) return where + "did not expect to see '" + s.arg + "'";
    } else if (s.verb == "key") {
      // What a physical keyboard or the window manager could send to leave the kiosk.
      SDL_Event e{};
      if (s.arg == "escape" || s.arg == "alt-tab" || s.arg == "alt-f4") {
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = s.arg == "escape" ? SDLK_ESCAPE : (s.arg == "alt-tab" ? SDLK_TAB : SDLK_F4);
        e.key.keysym.mod = s.arg == "escape" ? KMOD_NONE : KMOD_LALT;
        if (!shell.handle_event(e)) return where + "the kiosk quit on " + s.arg;
      }
      if (s.arg == "alt-f4" || s.arg == "close") {  // the window manager asks the window to close
        e = SDL_Event{};
        e.type = SDL_QUIT;
        if (!shell.handle_event(e)) return where + "the kiosk quit on " + s.arg;
      } else if (s.arg != "escape" && s.arg != "alt-tab") {
        return where + "unknown key '" + s.arg + "' (escape, alt-tab, alt-f4, close)";
      }
    } else if (s.verb == "expect-targets-mm") {
      // Every tappable widget on screen at least N mm high and wide at the shell's DPI.
      const float min_px = core::mm_to_px(std::stof(s.arg), shell.dpi());
      int width = 0, height = 0;
      shell.video().output_size(&width, &height);
      std::string small;
      for (const auto& w : frame.widgets)
        if (w.tappable && (w.x0 < 0 || w.y0 < 0 || w.x1 > width + 0.5f || w.y1 > height + 0.5f))
          return where + "widget '" + w.id + "' is (partly) off screen";
      for (const auto& w : frame.widgets)
        if (w.tappable && (w.x1 - w.x0 < min_px - 0.5f || w.y1 - w.y0 < min_px - 0.5f))
          small += (small.empty() ? "" : ", ") + w.id + " (" + std::to_string(static_cast<int>(w.x1 - w.x0)) + "x" +
                   std::to_string(static_cast<int>(w.y1 - w.y0)) + " px)";
      if (!small.empty())
        return where + "targets smaller than " + s.arg + " mm at " + std::to_string(static_cast<int>(shell.dpi())) +
               " dpi (" + std::to_string(min_px) + " px): " + small;
    } else if (s.verb == "kill") {
      // Fault injection: die like a power cut, with no destructors and no flushing.
      std::raise(SIGKILL);
    } else if (s.verb == "await-file") {
      // A harness outside changes the world (fills the disk, frees it) and then creates this
      // file: the script waits for it, in real time, for at most a minute.
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (!std::filesystem::exists(s.arg)) {
        if (std::chrono::steady_clock::now() > until) return where + "gave up waiting for the file " + s.arg;
        SDL_Delay(20);
      }
    } else if (s.verb == "shot") {
      if (!shell.video().save_png(s.arg)) return where + "cannot write screenshot " + s.arg;
    }
    settle(shell);
    if (shell.app().state().exit_requested) return "";  // an admin quit: nothing more to run
  }
  return "";
}

}  // namespace vsk::ui
