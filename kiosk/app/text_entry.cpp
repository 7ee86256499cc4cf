#include "app/text_entry.h"

namespace vsk::app {

void pop_utf8(std::string& s) {
  while (!s.empty()) {
    const unsigned char c = static_cast<unsigned char>(s.back());
    s.pop_back();
    if ((c & 0xC0) != 0x80) break;  // stop after the lead byte
  }
}

bool TextEntry::is_text_action(ActionKind k) {
  switch (k) {
    case ActionKind::kTextKey:
    case ActionKind::kTextCandidate:
    case ActionKind::kTextPage:
    case ActionKind::kTextBackspace:
    case ActionKind::kTextSpace:
    case ActionKind::kTextMode:
    case ActionKind::kTextDone:
    case ActionKind::kTextCancel:
    case ActionKind::kTextInput:
    case ActionKind::kTextEditing:
      return true;
    default:
      return false;
  }
}

void TextEntry::open(std::string target, std::string initial, std::size_t max_length, std::string prompt_key,
                     core::LocalText prompt) {
  view_ = TextEntryView{};
  view_.active = true;
  view_.target = std::move(target);
  view_.value = std::move(initial);
  view_.max_length = max_length;
  view_.prompt_key = std::move(prompt_key);
  view_.prompt = std::move(prompt);
  view_.mode = pinyin_ ? TextMode::kPinyin : TextMode::kAbc;
  if (pinyin_ && pinyin_->ready()) pinyin_->reset();
  refresh_ready();
}

void TextEntry::close() {
  if (pinyin_ && pinyin_->ready()) pinyin_->reset();
  view_ = TextEntryView{};  // nothing typed stays in memory after the page closes
}

bool TextEntry::refresh_ready() {
  const bool ready = !pinyin_ || pinyin_->ready();
  if (ready == view_.ime_ready) return false;
  view_.ime_ready = ready;
  return true;
}

void TextEntry::refresh_menu() {
  if (!pinyin_mode() || !pinyin_->ready()) {
    view_.candidates.clear();
    view_.page = 0;
    view_.last_page = true;
    return;
  }
  const platform::PinyinMenu m = pinyin_->menu();
  view_.preedit = m.preedit;
  view_.candidates = m.candidates;
  view_.page = m.page;
  view_.last_page = m.last_page;
}

void TextEntry::append(const std::string& text, std::optional<core::Message>& error) {
  if (text.empty()) return;
  if (core::utf8_length(view_.value) + core::utf8_length(text) > view_.max_length) {
    error = core::Message("text.err.too_long").arg("max", std::to_string(view_.max_length));
    return;
  }
  view_.value += text;
}

void TextEntry::commit_composition(std::optional<core::Message>& error) {
  if (!pinyin_mode() || !pinyin_->composing()) return;
  // Space and "done" take the best candidate until the whole composition is committed.
  for (int guard = 0; guard < 16 && pinyin_->composing(); ++guard) append(pinyin_->select(0), error);
  pinyin_->reset();
  refresh_menu();
}

TextEntry::Outcome TextEntry::handle(const LegacyAction& a, std::optional<core::Message>& error) {
  if (!view_.active || !is_text_action(a.kind)) return Outcome::kNotMine;
  error.reset();
  switch (a.kind) {
    case ActionKind::kTextKey:
    case ActionKind::kTextInput: {
      const bool letter = a.arg.size() == 1 && a.arg[0] >= 'a' && a.arg[0] <= 'z';
      if (letter && pinyin_mode()) {
        if (!pinyin_->ready()) {
          view_.ime_ready = false;
          break;
        }
        pinyin_->key(a.arg[0]);
        refresh_menu();
        break;
      }
      commit_composition(error);
      append(a.arg, error);  // ABC, digits, punctuation, and text a system IME committed
      view_.preedit = pinyin_mode() ? view_.preedit : "";
      break;
    }
    case ActionKind::kTextEditing:
      // A system IME's composition (a physical keyboard with fcitx/ibus): shown, not stored.
      if (!(pinyin_mode() && pinyin_->composing())) view_.preedit = a.arg;
      break;
    case ActionKind::kTextCandidate:
      if (pinyin_mode() && pinyin_->composing()) {
        append(pinyin_->select(std::stoi(a.arg)), error);
        refresh_menu();
      }
      break;
    case ActionKind::kTextPage:
      if (pinyin_mode() && pinyin_->composing()) {
        pinyin_->page(a.arg == "-1" ? -1 : 1);
        refresh_menu();
      }
      break;
    case ActionKind::kTextBackspace:
      if (pinyin_mode() && pinyin_->composing()) {
        pinyin_->backspace();
        refresh_menu();
      } else {
        pop_utf8(view_.value);
      }
      break;
    case ActionKind::kTextSpace:
      if (pinyin_mode() && pinyin_->composing())
        commit_composition(error);
      else
        append(" ", error);
      break;
    case ActionKind::kTextMode:
      commit_composition(error);
      if (a.arg == "pinyin" && pinyin_) view_.mode = TextMode::kPinyin;
      if (a.arg == "abc") view_.mode = TextMode::kAbc;
      if (a.arg == "digits") view_.mode = TextMode::kDigits;
      refresh_menu();
      break;
    case ActionKind::kTextDone:
      commit_composition(error);
      view_.preedit.clear();
      return error ? Outcome::kHandled : Outcome::kDone;
    case ActionKind::kTextCancel:
      return Outcome::kCancelled;
    default:
      break;
  }
  return Outcome::kHandled;
}

}  // namespace vsk::app
