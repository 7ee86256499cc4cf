// Pinyin input (拼音输入): letters in, Chinese candidates out. The on-screen keyboard and a
// physical keyboard without a system IME both feed one engine; the app keeps the text.
#pragma once

#include <string>
#include <vector>

namespace vsk::platform {

struct PinyinMenu {
  std::string preedit;                  // the letters being composed, as the engine spells them ("cun wei")
  std::vector<std::string> candidates;  // the current page, best first
  int page = 0;
  bool last_page = true;
};

class PinyinEngine {
 public:
  virtual ~PinyinEngine() = default;
  // False while the first-start preparation of the dictionaries runs (in the background).
  virtual bool ready() = 0;
  virtual void key(char letter) = 0;  // 'a'..'z'
  virtual void backspace() = 0;       // removes the last letter of the composition
  // Picks a candidate of the current page. Returns the text committed, or "" when the
  // candidate covered only part of the letters (the rest stays in the composition).
  virtual std::string select(int index_on_page) = 0;
  virtual void page(int direction) = 0;  // +1 next page, -1 previous page
  virtual void reset() = 0;              // drops the composition
  virtual PinyinMenu menu() = 0;
  bool composing() { return !menu().preedit.empty(); }
};

}  // namespace vsk::platform
