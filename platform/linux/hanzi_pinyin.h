// Chinese characters to toned pinyin ("村委会" -> "cun1 wei3 hui4") from the Rime terra_pinyin
// dictionary Debian ships (rime-data-terra-pinyin, /usr/share/rime-data/terra_pinyin.dict.yaml).
// Why: Debian's espeak-ng Mandarin voice is built without the extended dictionary and reads
// most characters as English ("请" -> "king three"); its pinyin voice (cmn-Latn-pinyin) reads
// toned pinyin correctly. Words are matched longest first (up to 4 characters) so common
// polyphones read right ("银行" yin2 hang2), single characters by their most frequent reading.
// The dictionary is traditional-first, so simplified text is converted to traditional first
// (OpenCC, see the .cpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vsk::platform {

class HanziPinyin {
 public:
  static constexpr const char* kDefaultDict = "/usr/share/rime-data/terra_pinyin.dict.yaml";
  // Loads the dictionary; empty() when the file is missing or unreadable.
  explicit HanziPinyin(const std::string& dict_path = kDefaultDict);
  ~HanziPinyin();
  bool empty() const { return chars_.empty(); }
  // Text with Chinese characters replaced by toned pinyin syllables separated by spaces;
  // Chinese punctuation becomes ASCII punctuation so the synthesiser pauses; other text stays.
  std::string convert(std::string_view text) const;

 private:
  std::unordered_map<std::string, std::string> chars_;  // one character -> its most frequent reading
  std::unordered_map<std::string, std::string> words_;  // 2-4 characters -> readings
  class Traditional;
  std::unique_ptr<Traditional> traditional_;
};

}  // namespace vsk::platform
