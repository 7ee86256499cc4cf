// KioskApp's error edge: every public entry point runs its work inside run_guarded, so a
// storage error (disk full, database busy, I/O) in any flow, store or service below becomes a
// translated message on screen and a log line, never an exception out of the UI loop (which
// used to end the kiosk in the middle of a resident's filing). The failed write was rolled back
// by its Transaction; the flows change their state only after their service call returned, so
// the resident's answers, the typed ID number and the staff member's input are still there and
// the same tap retries.
#include "app/error_edge.h"
#include "app/kiosk_app.h"

#include <functional>
#include <string_view>

namespace vsk::app {

void KioskApp::dispatch(const Action& action) {
  state_.failure.reset();  // shown until the next touch, like any error
  if (const auto f = run_guarded("action", [&] { dispatch_unguarded(action); })) show_failure(*f);
  state_.last_failure = last_failure_;
}

namespace {

// A call that says whether the screen changed; after a failure it always has (the message).
bool changed_guarded(std::string_view what, const std::function<bool()>& work,
                     const std::function<void(const Failure&)>& on_failure) {
  bool changed = false;
  const auto f = run_guarded(what, [&] { changed = work(); });
  if (!f) return changed;
  on_failure(*f);
  return true;
}

}  // namespace

bool KioskApp::tick() {
  const bool changed =
      changed_guarded("tick", [this] { return tick_unguarded(); }, [this](const Failure& f) { show_failure(f); });
  state_.last_failure = last_failure_;  // an idle reset starts a fresh ViewState
  return changed;
}

bool KioskApp::refresh_live() {
  return changed_guarded("live refresh", [this] { return refresh_live_unguarded(); },
                         [this](const Failure& f) { show_failure(f); });
}

void KioskApp::show_failure(const Failure& f) {
  state_.failure = failure_message(f.kind);
  // In memory only: with the disk full there is nowhere to write it. The admin home shows it.
  last_failure_ = FailureNote{failure_reason_key(f.kind), clock_.unix_seconds()};
  state_.last_failure = last_failure_;
  ++state_.timed_revision;  // redraw now, even when nothing else changed
}

}  // namespace vsk::app
