// Free-text entry for the whole app: the on-screen keyboard (ui/keyboard.cpp) and physical
// keyboards feed actions here; pinyin goes through platform::PinyinEngine (librime).
//
// Attaching a free-text field (points objections, notices, staff notes...):
//   1. Give the field a target name, e.g. "objection.reason".
//   2. On the screen, add a button that emits OpenTextEntry{"<target>"}.
//   3. Targets named "points.*", "notices.*" or "requests.*" go to that flow's text_field() (the
//      current value, max length from core/text_limits.h, prompt key) and take_text() (check
//      with core::check_free_text, then store or submit); they live in app/text_targets.cpp.
//      Other targets: KioskApp::open_text_entry / text_entry_done (kiosk_app_access.cpp).
//   4. A value take_text refuses keeps the keyboard open with the error shown, so nothing
//      typed is lost; the field opens only on its own screen.
// Tappable phrases stay beside the keyboard button: many residents prefer them.
#pragma once

#include <optional>
#include <string>

#include "app/actions/text_actions.h"
#include "app/text_entry_view.h"
#include "core/message.h"
#include "platform/pinyin.h"

namespace vsk::app {

class TextEntry {
 public:
  // `pinyin` may be null (no Rime data): then the 中 mode is not offered; ABC and 123 still work.
  TextEntry(TextEntryView& view, platform::PinyinEngine* pinyin) : view_(view), pinyin_(pinyin) {}

  void open(std::string target, std::string initial, std::size_t max_length, std::string prompt_key,
            core::LocalText prompt = {});
  void close();

  enum class Outcome { kNotMine, kHandled, kDone, kCancelled };
  // Takes the text-entry actions; on kDone the caller reads view().value, then closes.
  // `error` is set for input that cannot be taken (too long), cleared otherwise.
  // OpenTextEntry is the caller's (it knows the fields): kNotMine.
  Outcome handle(const TextAction& a, std::optional<core::Message>& error);
  // Called every frame: notices when the pinyin engine becomes ready.
  bool refresh_ready();

 private:
  using Error = std::optional<core::Message>;
  Outcome on(const OpenTextEntry&, Error& error);
  Outcome on(const TextKey& a, Error& error);
  Outcome on(const TextInput& a, Error& error);
  Outcome on(const TextEditing& a, Error& error);
  Outcome on(const TextCandidate& a, Error& error);
  Outcome on(const TextPage& a, Error& error);
  Outcome on(const TextBackspace&, Error& error);
  Outcome on(const TextSpace&, Error& error);
  Outcome on(const SetTextMode& a, Error& error);
  Outcome on(const TextDone&, Error& error);
  Outcome on(const TextCancel&, Error& error);
  void type(const std::string& text, Error& error);  // a key or committed text
  void append(const std::string& text, std::optional<core::Message>& error);
  void refresh_menu();
  void commit_composition(std::optional<core::Message>& error);  // first candidate, as space does
  bool pinyin_mode() const { return view_.mode == TextMode::kPinyin && pinyin_; }

  TextEntryView& view_;
  platform::PinyinEngine* pinyin_;
};

// Removes the last UTF-8 character of `s`.
void pop_utf8(std::string& s);

}  // namespace vsk::app
