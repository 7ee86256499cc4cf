// Free-text entry (app/text_entry.h): the on-screen keyboard and physical keyboards.
#pragma once

#include <string>
#include <variant>

#include "app/text_entry_view.h"

namespace vsk::app {

struct OpenTextEntry {
  std::string target;  // the field, e.g. "form", "points.reason" (see text_entry.h)
};
struct TextKey {
  std::string key;  // a letter a-z (pinyin or ABC), a digit or a punctuation mark
};
struct TextCandidate {
  int index = 0;  // on the current page of candidates
};
struct TextPage {
  int delta = 1;  // +1 next candidates, -1 previous
};
struct TextBackspace {};
struct TextSpace {};
struct SetTextMode {
  TextMode mode = TextMode::kPinyin;
};
struct TextDone {};
struct TextCancel {};
struct TextInput {
  std::string text;  // UTF-8 text a physical keyboard or a system IME committed
};
struct TextEditing {
  std::string text;  // a system IME's composition in progress
};

using TextAction = std::variant<OpenTextEntry, TextKey, TextCandidate, TextPage, TextBackspace, TextSpace, SetTextMode,
                                TextDone, TextCancel, TextInput, TextEditing>;

}  // namespace vsk::app
