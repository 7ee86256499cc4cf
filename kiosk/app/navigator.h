// The router's screen stack: the only code that changes ViewState::screen. Opening a screen
// pushes it (or, when it is already on the stack, goes back down to it); Back pops it and shows
// the one below. The empty home screen is the bottom: popping onto it ends the session (the
// caller resets the kiosk). A flow registers hooks for its own screens: `within` steps back
// inside a screen whose pages share one Screen value (the catalog's categories, the keypad's
// two steps, the form's questions) before the screen itself is left; `left` cleans up after the
// screen was popped; `returned` reloads a screen shown again after the one above it was popped.
// Hooks run only on Back, never when a flow opens a screen (the flow loads it itself then).
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <vector>

#include "app/screen.h"

namespace vsk::app {

class Navigator {
 public:
  struct Hooks {
    std::function<bool()> within;    // true: Back stepped within the screen, which stays
    std::function<void()> left;      // the screen was popped by Back
    std::function<void()> returned;  // shown again by Back
  };
  enum class BackResult { kWithin, kPopped, kHome };

  // `screen` is the ViewState's: written here only.
  explicit Navigator(Screen& screen) : screen_(screen) { reset(); }

  void on(Screen s, Hooks hooks) { hooks_[s] = std::move(hooks); }

  void reset();                 // only the home screen
  void open(Screen s);          // push, or back down to it when it is on the stack already
  void replace(Screen s);       // instead of the top one: Back skips the screen it replaces
  // Home, then `path` (what is on the stack already stays, what follows it goes): a screen
  // whose Back leads to a fixed place whatever opened it, e.g. {kResidentHome, kMyRequests}.
  void open_path(std::initializer_list<Screen> path);
  void insert_above_home(Screen s);  // a staff session under a resident's screens (takeover)
  void drop();                  // pop without hooks: an overlay (identification) is done
  BackResult back();            // kHome: the caller resets the kiosk

  Screen top() const { return stack_.back(); }
  const std::vector<Screen>& stack() const { return stack_; }
  // A copy of the stack and the screen, and its restoring: the takeover keeps the resident's.
  std::vector<Screen> snapshot() const { return stack_; }
  void restore(std::vector<Screen> stack);

 private:
  void show() { screen_ = stack_.back(); }
  const Hooks* hooks(Screen s) const;

  Screen& screen_;
  std::vector<Screen> stack_;
  std::map<Screen, Hooks> hooks_;
};

}  // namespace vsk::app
