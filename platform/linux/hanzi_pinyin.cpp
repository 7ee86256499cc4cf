#include "linux/hanzi_pinyin.h"

#include <dlfcn.h>

#include <fstream>
#include <memory>
#include <vector>

namespace vsk::platform {
namespace {

std::size_t utf8_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// "10%" -> 10; "" (no weight given) -> a middle value: the dictionary lists the usual
// reading first and gives weights only where it has to choose.
double weight_of(const std::string& w) {
  if (w.empty()) return 50;
  try {
    return std::stod(w);
  } catch (...) {
    return 50;
  }
}

bool is_cjk(std::string_view ch) {
  if (ch.size() != 3) return false;
  const unsigned cp = ((ch[0] & 0x0F) << 12) | ((ch[1] & 0x3F) << 6) | (ch[2] & 0x3F);
  return (cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x3007;  // 〇
}

const char* punctuation(std::string_view ch) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"，", ", "}, {"、", ", "}, {"。", ". "}, {"；", "; "}, {"：", ": "}, {"？", "? "}, {"！", "! "},
      {"（", ", "}, {"）", ", "}, {"“", " "},   {"”", " "},   {"《", " "},  {"》", " "},  {"·", " "}};
  for (const auto& [zh, ascii] : kMap)
    if (ch == zh) return ascii;
  return nullptr;
}

}  // namespace

// Simplified -> traditional with OpenCC (libopencc, which librime depends on), loaded with
// dlopen because Debian ships no -dev package for it here. Why: terra_pinyin is a traditional
// dictionary; simplified characters that double as rare traditional ones get the rare reading
// (开 jian1, 积 zhi3, 号 hao2), while their traditional forms (開 積 號) and its 68k words
// (銀行 yin2 hang2) read right. Without OpenCC the text is looked up as it is.
class HanziPinyin::Traditional {
 public:
  Traditional() {
    lib_ = dlopen("libopencc.so.1.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib_) return;
    open_ = reinterpret_cast<void* (*)(const char*)>(dlsym(lib_, "opencc_open"));
    convert_ = reinterpret_cast<char* (*)(void*, const char*, std::size_t)>(dlsym(lib_, "opencc_convert_utf8"));
    free_ = reinterpret_cast<void (*)(char*)>(dlsym(lib_, "opencc_convert_utf8_free"));
    close_ = reinterpret_cast<int (*)(void*)>(dlsym(lib_, "opencc_close"));
    if (!open_ || !convert_ || !free_ || !close_) return;
    void* od = open_("/usr/share/opencc/s2t.json");
    if (od != reinterpret_cast<void*>(-1) && od != nullptr) od_ = od;
  }
  ~Traditional() {
    if (od_) close_(od_);
    if (lib_) dlclose(lib_);
  }
  bool available() const { return od_ != nullptr; }
  std::string convert(std::string_view text) const {
    if (!od_) return std::string(text);
    char* out = convert_(od_, text.data(), text.size());
    if (!out) return std::string(text);
    std::string s(out);
    free_(out);
    return s;
  }

 private:
  void* lib_ = nullptr;
  void* od_ = nullptr;
  void* (*open_)(const char*) = nullptr;
  char* (*convert_)(void*, const char*, std::size_t) = nullptr;
  void (*free_)(char*) = nullptr;
  int (*close_)(void*) = nullptr;
};

HanziPinyin::~HanziPinyin() = default;

HanziPinyin::HanziPinyin(const std::string& dict_path) {
  std::ifstream in(dict_path);
  std::string line;
  bool body = false;
  std::unordered_map<std::string, double> best;
  while (std::getline(in, line)) {
    if (!body) {
      body = line == "...";
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    const auto t1 = line.find('\t');
    if (t1 == std::string::npos) continue;
    const auto t2 = line.find('\t', t1 + 1);
    std::string text = line.substr(0, t1);
    std::string reading = line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1);
    const double w = weight_of(t2 == std::string::npos ? "" : line.substr(t2 + 1));
    const std::size_t chars = [&] {
      std::size_t n = 0;
      for (std::size_t i = 0; i < text.size(); i += utf8_len(static_cast<unsigned char>(text[i]))) ++n;
      return n;
    }();
    if (chars == 1) {
      auto it = best.find(text);
      if (it == best.end() || w > it->second) {
        best[text] = w;
        chars_[text] = reading;
      }
    } else if (chars <= 4) {
      words_.emplace(std::move(text), std::move(reading));  // the first listing is the usual one
    }
  }
  chars_.emplace("〇", "ling2");
  traditional_ = std::make_unique<Traditional>();
}

std::string HanziPinyin::convert(std::string_view simplified) const {
  const std::string converted = traditional_ ? traditional_->convert(simplified) : std::string(simplified);
  const std::string_view text = converted;
  std::vector<std::string_view> chars;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = std::min(utf8_len(static_cast<unsigned char>(text[i])), text.size() - i);
    chars.push_back(text.substr(i, n));
    i += n;
  }
  std::string out;
  auto add_word = [&](const std::string& s) {
    if (!out.empty() && out.back() != ' ') out += ' ';
    out += s;
    out += ' ';
  };
  for (std::size_t i = 0; i < chars.size();) {
    if (is_cjk(chars[i])) {
      bool matched = false;
      for (std::size_t len = 4; len >= 2 && !matched; --len) {
        if (i + len > chars.size()) continue;
        std::string word;
        for (std::size_t k = 0; k < len; ++k) word += chars[i + k];
        if (auto it = words_.find(word); it != words_.end()) {
          add_word(it->second);
          i += len;
          matched = true;
        }
      }
      if (matched) continue;
      if (auto it = chars_.find(std::string(chars[i])); it != chars_.end()) add_word(it->second);
      ++i;
      continue;
    }
    if (const char* p = punctuation(chars[i])) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += p;
    } else {
      out += chars[i];
    }
    ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace vsk::platform
