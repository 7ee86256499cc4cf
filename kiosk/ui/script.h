// Headless UI scripts: a line per step, acting like a person at the kiosk.
//   tap <id or label>     press and release on a widget
//   press <id or label>   press and hold on a widget
//   slide-off             move the held finger off every widget
//   release               lift the finger where it is
//   type <chars>          tap keypad keys, e.g. "type 123456"
//   wait <ms>             let time pass (the clock is simulated: no real sleeping)
//   expect <text>         fail unless the text is visible: inside the window, not clipped by
//                         its clip rectangle, not covered by a widget drawn after it
//   expect-not <text>     fail if the text is drawn at all (visible or not)
//   expect-no-overlap     fail if two widgets overlap, a text run overlaps another widget or
//                         run or spills out of its own widget, or anything leaves the window
//   shot <file.png>       save a screenshot
//   kill                  SIGKILL this process at once (crash tests)
//   expect-targets-mm <N>  fail unless every tappable widget is at least N mm high and wide
//                         at the configured DPI (--dpi / kiosk.dpi), and all of it on screen
//   key <escape|alt-tab|alt-f4|close>  keys and window-manager requests that must not leave the kiosk
// Blank lines and lines starting with # are ignored.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace vsk::ui {

struct ScriptStep {
  int line = 0;
  std::string verb;
  std::string arg;
};

struct ScriptParse {
  std::vector<ScriptStep> steps;
  std::string error;  // empty when the whole script parsed
};

ScriptParse parse_script(const std::string& text);

class Shell;

// Runs the steps against a headless shell. `advance_clock(ms)` moves the simulated clock.
// Returns an empty string on success, else "line N: what went wrong".
std::string run_script(Shell& shell, const std::vector<ScriptStep>& steps,
                       const std::function<void(long long)>& advance_clock);

}  // namespace vsk::ui
