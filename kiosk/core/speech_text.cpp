#include "core/speech_text.h"

#include <regex>

namespace vsk::core {
namespace {

const char* const kDigit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
const char* const kMonthEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                "July",    "August",   "September", "October", "November", "December"};

// 0..9999 inside a larger number; `leading` is true for the most significant group, where
// 10..19 read 十X rather than 一十X.
std::string group_below_10000(unsigned n, bool leading) {
  static const char* const kUnit[] = {"千", "百", "十", ""};
  static const unsigned kPow[] = {1000, 100, 10, 1};
  std::string out;
  bool zero_pending = false;
  bool started = false;
  for (int i = 0; i < 4; ++i) {
    const unsigned d = (n / kPow[i]) % 10;
    if (d == 0) {
      if (started) zero_pending = true;
      continue;
    }
    if (zero_pending) out += "零";
    zero_pending = false;
    if (!(leading && !started && i == 2 && d == 1)) out += kDigit[d];
    out += kUnit[i];
    started = true;
  }
  return out;
}

std::string spell_code(const std::string& code, bool english) {
  std::string out;
  for (char c : code) {
    if (c >= '0' && c <= '9')
      out += english ? std::string(1, c) + " " : kDigit[c - '0'];
    else if (c == '-') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += english ? ", " : "杠";
    }
    else
      out += std::string(1, c) + " ";  // letters one by one: "Q S", not a word "QS"
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Digit runs that are identifiers, not amounts: long, or with a leading zero.
bool reads_as_digits(const std::string& d) { return d.size() >= 7 || (d.size() > 1 && d[0] == '0'); }

std::string integer_zh(const std::string& d) {
  if (reads_as_digits(d)) return chinese_digits(d);
  return chinese_number(std::stoull(d));
}

std::string money_zh(const std::string& yuan, const std::string& frac) {
  std::string out;
  const unsigned jiao = frac.size() >= 1 ? static_cast<unsigned>(frac[0] - '0') : 0;
  const unsigned fen = frac.size() >= 2 ? static_cast<unsigned>(frac[1] - '0') : 0;
  const bool has_yuan = std::stoull(yuan) != 0 || (jiao == 0 && fen == 0);
  if (has_yuan) out += chinese_number(std::stoull(yuan)) + "元";
  if (jiao) out += std::string(kDigit[jiao]) + "角";
  if (fen) out += (has_yuan && !jiao ? "零" : "") + std::string(kDigit[fen]) + "分";
  return out;
}

// One pattern per reading rule, tried left to right at each position; the first that matches
// wins. Only ASCII is matched, so Chinese text passes through untouched.
const std::regex& rules() {
  static const std::regex kRules(
      "([A-Z]{1,4}[0-9]*(?:-[0-9A-Z]+)+)"          // 1 request number / code
      "|([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"      // 2-4 ISO date
      "|([0-9]*)(\\*{2,})([0-9]*[Xx]?)"            // 5-7 masked ID / phone number
      "|([0-9]{1,2}):([0-9]{2})"                   // 8-9 time of day
      "|([0-9]+)(?:\\.([0-9]{1,2}))?元"            // 10-11 money
      "|([+-])([0-9]+)分"                          // 12-13 points awarded / deducted
      "|([0-9]+(?:\\.[0-9]+)?)%"                   // 14 percent
      "|([+-]?)([0-9]+)\\.([0-9]+)"                // 15-17 decimal
      "|([0-9]{4})年"                              // 18 year
      "|([+-]?)([0-9]+)");                         // 19-20 integer
  return kRules;
}

std::string decimal_zh(const std::string& whole, const std::string& frac) {
  return integer_zh(whole) + "点" + chinese_digits(frac);
}

std::string sign_zh(const std::string& s) { return s == "-" ? "负" : (s == "+" ? "正" : ""); }

std::string rule_zh(const std::smatch& m) {
  if (m[1].matched) return spell_code(m[1], false);
  if (m[2].matched)
    return chinese_digits(m[2].str()) + "年" + chinese_number(std::stoull(m[3])) + "月" +
           chinese_number(std::stoull(m[4])) + "日";
  if (m[6].matched) {
    std::string out = chinese_digits(m[5].str());
    std::string tail = m[7];
    std::string x;
    if (!tail.empty() && (tail.back() == 'X' || tail.back() == 'x')) {
      x = "X";
      tail.pop_back();
    }
    return out + "，" + chinese_digits(tail) + x;
  }
  if (m[8].matched) {
    const unsigned minutes = static_cast<unsigned>(std::stoul(m[9]));
    std::string out = chinese_number(std::stoull(m[8])) + "点";
    if (minutes == 0) return out;
    return out + (minutes < 10 ? "零" : "") + chinese_number(minutes) + "分";
  }
  if (m[10].matched) return money_zh(m[10], m[11].matched ? m[11].str() : "");
  if (m[12].matched) return std::string(m[12] == "-" ? "扣" : "加") + chinese_number(std::stoull(m[13])) + "分";
  if (m[14].matched) {
    const std::string v = m[14];
    const auto dot = v.find('.');
    return "百分之" + (dot == std::string::npos ? integer_zh(v) : decimal_zh(v.substr(0, dot), v.substr(dot + 1)));
  }
  if (m[16].matched) return sign_zh(m[15]) + decimal_zh(m[16], m[17]);
  if (m[18].matched) return chinese_digits(m[18].str()) + "年";
  return sign_zh(m[19]) + integer_zh(m[20]);
}

std::string rule_en(const std::smatch& m) {
  if (m[1].matched) return spell_code(m[1], true);
  if (m[2].matched) {
    const int month = std::stoi(m[3]);
    if (month < 1 || month > 12) return m.str();
    return std::string(kMonthEn[month - 1]) + " " + std::to_string(std::stoi(m[4])) + ", " + m[2].str();
  }
  if (m[6].matched) return spell_code(m[5].str() + "-" + m[7].str(), true);
  if (m[19].matched && m[19] == "-") return "minus " + m[20].str();
  if (m[20].matched && reads_as_digits(m[20])) return spell_code(m[20], true);
  return m.str();
}

}  // namespace

std::string chinese_number(std::uint64_t n) {
  if (n == 0) return "零";
  static const char* const kGroup[] = {"", "万", "亿", "万亿"};
  unsigned groups[4] = {};
  for (int i = 0; i < 4 && n; ++i, n /= 10000) groups[i] = static_cast<unsigned>(n % 10000);
  std::string out;
  bool started = false;
  bool zero_pending = false;
  for (int i = 3; i >= 0; --i) {
    const unsigned g = groups[i];
    if (g == 0) {
      if (started) zero_pending = true;
      continue;
    }
    // A group below 1000 after a higher one is read with a zero: 10010 -> 一万零一十.
    if (started && (zero_pending || g < 1000)) out += "零";
    std::string part = group_below_10000(g, !started);
    out += part + kGroup[i];
    started = true;
    zero_pending = false;
  }
  return out;
}

std::string chinese_digits(std::string_view digits) {
  std::string out;
  for (char c : digits)
    if (c >= '0' && c <= '9') out += c == '0' ? "〇" : kDigit[c - '0'];
  return out;
}

std::string speech_text(std::string_view text, std::string_view locale) {
  const bool english = locale == "en";
  const std::string in(text);
  std::string out;
  auto begin = in.cbegin();
  std::smatch m;
  while (std::regex_search(begin, in.cend(), m, rules())) {
    out.append(begin, m[0].first);
    out += english ? rule_en(m) : rule_zh(m);
    begin = m[0].second;
  }
  out.append(begin, in.cend());
  return out;
}

std::string speech_voice(std::string_view locale) { return locale == "en" ? "en" : "cmn"; }

}  // namespace vsk::core
