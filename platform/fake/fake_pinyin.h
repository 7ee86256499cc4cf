// A pinyin engine with a tiny fixed dictionary, for app tests that must not depend on Rime's
// data or its candidate order. Whole-syllable-string lookup only; selecting commits at once.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "platform/pinyin.h"

namespace vsk::platform {

class FakePinyin final : public PinyinEngine {
 public:
  bool ready_flag = true;
  std::map<std::string, std::vector<std::string>> dict = {
      {"cunwei", {"村委", "存为"}}, {"nihao", {"你好", "拟好"}}, {"jifen", {"积分", "几分"}}};

  bool ready() override { return ready_flag; }
  void key(char c) override { letters_ += c; }
  void backspace() override {
    if (!letters_.empty()) letters_.pop_back();
  }
  std::string select(int i) override {
    const auto c = candidates();
    if (i < 0 || i >= static_cast<int>(c.size())) return "";
    letters_.clear();
    return c[static_cast<std::size_t>(i)];
  }
  void page(int) override {}
  void reset() override { letters_.clear(); }
  PinyinMenu menu() override { return {letters_, candidates(), 0, true}; }

 private:
  std::vector<std::string> candidates() const {
    if (letters_.empty()) return {};
    auto it = dict.find(letters_);
    return it == dict.end() ? std::vector<std::string>{letters_} : it->second;
  }
  std::string letters_;
};

}  // namespace vsk::platform
