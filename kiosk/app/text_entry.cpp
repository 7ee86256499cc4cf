#include "app/text_entry.h"

namespace vsk::app {

void pop_utf8(std::string& s) {
  while (!s.empty()) {
    const unsigned char c = static_cast<unsigned char>(s.back());
    s.pop_back();
    if ((c & 0xC0) != 0x80) break;  // stop after the lead byte
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

TextEntry::Outcome TextEntry::handle(const TextAction& a, std::optional<core::Message>& error) {
  if (!view_.active || std::holds_alternative<OpenTextEntry>(a)) return Outcome::kNotMine;
  error.reset();
  return std::visit([&](const auto& x) { return on(x, error); }, a);
}

TextEntry::Outcome TextEntry::on(const OpenTextEntry&, std::optional<core::Message>&) { return Outcome::kNotMine; }

TextEntry::Outcome TextEntry::on(const TextKey& a, std::optional<core::Message>& error) {
  type(a.key, error);
  return Outcome::kHandled;
}

TextEntry::Outcome TextEntry::on(const TextInput& a, std::optional<core::Message>& error) {
  type(a.text, error);
  return Outcome::kHandled;
}

void TextEntry::type(const std::string& text, std::optional<core::Message>& error) {
  const bool letter = text.size() == 1 && text[0] >= 'a' && text[0] <= 'z';
  if (letter && pinyin_mode()) {
    if (!pinyin_->ready()) {
      view_.ime_ready = false;
      return;
    }
    pinyin_->key(text[0]);
    refresh_menu();
    return;
  }
  commit_composition(error);
  append(text, error);  // ABC, digits, punctuation, and text a system IME committed
  view_.preedit = pinyin_mode() ? view_.preedit : "";
}

TextEntry::Outcome TextEntry::on(const TextEditing& a, std::optional<core::Message>&) {
  // A system IME's composition (a physical keyboard with fcitx/ibus): shown, not stored.
  if (!(pinyin_mode() && pinyin_->composing())) view_.preedit = a.text;
  return Outcome::kHandled;
}

TextEntry::Outcome TextEntry::on(const TextCandidate& a, std::optional<core::Message>& error) {
  if (pinyin_mode() && pinyin_->composing()) {
    append(pinyin_->select(a.index), error);
    refresh_menu();
  }
  return Outcome::kHandled;
}

TextEntry::Outcome TextEntry::on(const TextPage& a, std::optional<core::Message>&) {
  if (pinyin_mode() && pinyin_->composing()) {
    pinyin_->page(a.delta < 0 ? -1 : 1);
    refresh_menu();
  }
  return Outcome::kHandled;
}

TextEntry::Outcome TextEntry::on(const TextBackspace&, std::optional<core::Message>&) {
  if (pinyin_mode() && pinyin_->composing()) {
    pinyin_->backspace();
    refresh_menu();
  } else {
    pop_utf8(view_.value);
  }
  return Outcome::kHandled;
}

TextEntry::Outcome TextEntry::on(const TextSpace&, std::optional<core::Message>& error) {
  if (pinyin_mode() && pinyin_->composing())
    commit_composition(error);
  else
    append(" ", error);
  return Outcome::kHandled;
}

TextEntry::Outcome TextEntry::on(const SetTextMode& a, std::optional<core::Message>& error) {
  commit_composition(error);
  if (a.mode != TextMode::kPinyin || pinyin_) view_.mode = a.mode;  // 中 only with the pinyin engine
  refresh_menu();
  return Outcome::kHandled;
}

TextEntry::Outcome TextEntry::on(const TextDone&, std::optional<core::Message>& error) {
  commit_composition(error);
  view_.preedit.clear();
  return error ? Outcome::kHandled : Outcome::kDone;
}

TextEntry::Outcome TextEntry::on(const TextCancel&, std::optional<core::Message>&) { return Outcome::kCancelled; }

}  // namespace vsk::app
