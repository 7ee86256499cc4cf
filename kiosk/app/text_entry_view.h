// What the on-screen keyboard shows: the text so far, the pinyin being composed and its
// candidates. Part of ViewState; filled by app/text_entry.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/catalog.h"

namespace vsk::app {

enum class TextMode { kPinyin, kAbc, kDigits };

struct TextEntryView {
  bool active = false;     // the keyboard page is up (drawn instead of the screen below it)
  std::string target;      // who gets the text on "done", e.g. "form" (see text_entry.h)
  std::string value;       // committed text
  std::string preedit;     // pinyin letters being composed, or a system IME's composition
  std::vector<std::string> candidates;  // current page of the pinyin menu
  int page = 0;
  bool last_page = true;
  TextMode mode = TextMode::kPinyin;
  std::size_t max_length = 50;   // characters (code points)
  std::string prompt_key;        // translation key of the question, or empty...
  core::LocalText prompt;        // ...then this text (e.g. a catalog field label)
  bool ime_ready = true;         // false while the pinyin dictionaries are being prepared
};

}  // namespace vsk::app
