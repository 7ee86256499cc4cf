// KioskApp: read-aloud, large mode and the free-text keyboard. Kept apart from the request and
// identification flows: these actions work the same on every screen.
#include "app/kiosk_app.h"
#include "core/speech_text.h"

namespace vsk::app {

void KioskApp::on_access(const AccessAction& action) {
  if (std::holds_alternative<ToggleLargeMode>(action)) {
    state_.large_mode = !state_.large_mode;
    return;
  }
  if (!speaker_) return;
  if (state_.speaking || speaker_->speaking()) {  // the same button stops it
    speaker_->stop();
    state_.speaking = false;
    return;
  }
  const std::string& text = std::get<ReadAloud>(action).text;
  if (text.empty()) return;
  speaker_->speak(core::speech_text(text, state_.locale), core::speech_voice(state_.locale));
  spoken_screen_ = state_.screen;
  spoken_page_ = page_key();
  state_.speaking = true;
}

void KioskApp::on_text(const TextAction& action) {
  if (const auto* open = std::get_if<OpenTextEntry>(&action)) return open_text_entry(open->target);
  switch (text_entry_.handle(action, state_.error)) {
    case TextEntry::Outcome::kDone:
      text_entry_done();
      break;
    case TextEntry::Outcome::kCancelled:
      text_entry_.close();
      state_.error.reset();
      break;
    default:
      break;
  }
}

// Pages that share a Screen value: the catalog's category list vs one category's services,
// the form's questions, the staff queue's pages.
std::string KioskApp::page_key() const {
  return state_.draft.category + "|" + std::to_string(state_.draft.field_index) + "|" +
         std::to_string(state_.queue.page) + "|" + std::to_string(state_.keypad.step == EntryStep::kPin);
}

bool KioskApp::tick_access() {
  bool changed = text_entry_.refresh_ready() && state_.text_entry.active;
  if (!speaker_) return changed;
  // Speaking stops when the screen changes (or the keyboard page opens over it).
  if (state_.speaking && (state_.screen != spoken_screen_ || page_key() != spoken_page_ || state_.text_entry.active))
    speaker_->stop();
  const bool speaking = speaker_->speaking();
  if (speaking != state_.speaking) {
    state_.speaking = speaking;
    changed = true;
  }
  return changed;
}

// Where each free-text field's keyboard opens (see text_entry.h for attaching a new field).
void KioskApp::open_text_entry(const std::string& target) {
  if (target == "form") {
    const core::FormField* f = requests_.current_field();
    if (!f || f->type != core::FieldType::kShortText || state_.screen != Screen::kFormField) return;
    const auto it = state_.draft.values.find(f->id);
    text_entry_.open(target, it == state_.draft.values.end() ? "" : it->second,
                     static_cast<std::size_t>(f->max_length), "", f->label);
    state_.error.reset();
    return;
  }
  // Points, notices and the staff queue (app/text_targets.cpp).
  std::optional<TextField> field;
  if (target.rfind("points.", 0) == 0 && points_) field = points_->text_field(target);
  if (target.rfind("notices.", 0) == 0) field = notices_.text_field(target);
  if (target.rfind("requests.", 0) == 0) field = requests_.text_field(target);
  if (target.rfind("sync_net.", 0) == 0) field = sync_.text_field(target);
  if (!field) field = village_.text_field(target);  // residents.*, staffacct.*, settings.*
  if (!field) return;
  text_entry_.open(target, field->value, field->max_length, field->prompt_key);
  state_.error.reset();
  state_.notice.reset();
}

// The keyboard's "done": the value goes where the field lives, through that field's own
// checks. The keyboard closes only when the value was taken.
void KioskApp::text_entry_done() {
  const std::string value = state_.text_entry.value;
  if (state_.text_entry.target == "form") {
    text_entry_.close();
    requests_.handle(RequestAction{SetValue{value}});
    return;
  }
  const std::string& target = state_.text_entry.target;
  core::Status st = core::Message("text.err.closed");
  if (target.rfind("points.", 0) == 0 && points_) st = points_->take_text(target, value);
  if (target.rfind("notices.", 0) == 0) st = notices_.take_text(target, value);
  if (target.rfind("requests.", 0) == 0) st = requests_.take_text(target, value);
  if (target.rfind("sync_net.", 0) == 0) st = sync_.take_text(target, value);
  if (village_.text_field(target)) st = village_.take_text(target, value);
  if (!st) {
    state_.error = st.error();  // shown on the keyboard page, which stays up with the text
    return;
  }
  text_entry_.close();
}

}  // namespace vsk::app
