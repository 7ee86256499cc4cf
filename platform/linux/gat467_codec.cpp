#include "linux/gat467_codec.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace vsk::platform::gat467 {

namespace {

std::uint8_t xor_of(const std::uint8_t* p, std::size_t n) {
  std::uint8_t x = 0;
  for (std::size_t i = 0; i < n; ++i) x ^= p[i];
  return x;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The fields of the text block, in order, in bytes (two per character).
struct Field {
  std::string IdCard::*member;
  std::size_t bytes;
};
constexpr std::size_t kTextBlockBytes = 256;
const std::array<Field, 9> kFields = {{
    {&IdCard::name, 30},
    {&IdCard::sex, 2},
    {&IdCard::nation, 4},
    {&IdCard::birth, 16},
    {&IdCard::address, 70},
    {&IdCard::id_number, 36},
    {&IdCard::issuer, 30},
    {&IdCard::valid_from, 16},
    {&IdCard::valid_to, 16},
}};  // 36 reserved bytes follow

std::string sex_name(const std::string& code) {
  if (code == "1") return "男";
  if (code == "2") return "女";
  if (code == "0") return "未知";
  if (code == "9") return "未说明";
  return code;
}

}  // namespace

Bytes encode_command(Command c, const Bytes& data) {
  const std::size_t len = 2 + data.size() + 1;
  Bytes out(std::begin(kPreamble), std::end(kPreamble));
  out.push_back(static_cast<std::uint8_t>(len >> 8));
  out.push_back(static_cast<std::uint8_t>(len & 0xFF));
  out.push_back(c.cmd);
  out.push_back(c.param);
  out.insert(out.end(), data.begin(), data.end());
  out.push_back(xor_of(out.data() + sizeof kPreamble, out.size() - sizeof kPreamble));
  return out;
}

Scan scan_frame(const Bytes& buf) {
  Scan s;
  const auto start = std::search(buf.begin(), buf.end(), std::begin(kPreamble), std::end(kPreamble));
  if (start == buf.end()) {
    // Keep a tail that could be the first bytes of a preamble still arriving.
    std::size_t keep = 0;
    for (std::size_t k = std::min(buf.size(), sizeof kPreamble - 1); k > 0; --k)
      if (std::equal(buf.end() - static_cast<std::ptrdiff_t>(k), buf.end(), std::begin(kPreamble))) {
        keep = k;
        break;
      }
    s.skipped = buf.size() - keep;
    return s;
  }
  s.skipped = static_cast<std::size_t>(start - buf.begin());
  const std::size_t at = s.skipped + sizeof kPreamble;
  if (buf.size() < at + 2) return s;
  const std::size_t len = (std::size_t{buf[at]} << 8) | buf[at + 1];
  if (len < 3 || len > kMaxBodyLength + 1) {
    s.status = ScanStatus::kBadLength;
    s.consumed = at + 2;
    return s;
  }
  if (buf.size() < at + 2 + len) return s;
  s.consumed = at + 2 + len;
  const std::uint8_t expected = xor_of(buf.data() + at, 2 + len - 1);
  if (expected != buf[at + 2 + len - 1]) {
    s.status = ScanStatus::kBadChecksum;
    return s;
  }
  s.status = ScanStatus::kFrame;
  s.body.assign(buf.begin() + static_cast<std::ptrdiff_t>(at + 2), buf.begin() + static_cast<std::ptrdiff_t>(at + 2 + len - 1));
  return s;
}

Answer answer_of(const Bytes& body) {
  if (body.size() < 3) throw std::runtime_error("answer frame shorter than its status");
  Answer a;
  a.sw1 = body[0];
  a.sw2 = body[1];
  a.sw3 = body[2];
  a.data.assign(body.begin() + 3, body.end());
  return a;
}

Command command_of(const Bytes& body) {
  if (body.size() < 2) throw std::runtime_error("command frame shorter than command and parameter");
  return {body[0], body[1]};
}

std::string ucs2le_to_utf8(const std::uint8_t* p, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i + 1 < n; i += 2) {
    char32_t u = static_cast<char32_t>(p[i] | (p[i + 1] << 8));
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
      const char32_t lo = static_cast<char32_t>(p[i + 2] | (p[i + 3] << 8));
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      } else {
        u = 0xFFFD;
      }
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      u = 0xFFFD;
    }
    append_utf8(out, u);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\0')) out.pop_back();
  return out;
}

IdCard parse_base_message(const Bytes& data) {
  if (data.size() < 4) throw std::runtime_error("base message shorter than its lengths");
  const std::size_t text_len = (std::size_t{data[0]} << 8) | data[1];
  const std::size_t photo_len = (std::size_t{data[2]} << 8) | data[3];
  if (text_len < kTextBlockBytes) throw std::runtime_error("text block of " + std::to_string(text_len) + " bytes, expected 256");
  if (4 + text_len + photo_len > data.size())
    throw std::runtime_error("base message lengths (" + std::to_string(text_len) + " + " + std::to_string(photo_len) +
                             ") exceed the " + std::to_string(data.size() - 4) + " bytes received");
  IdCard card;
  std::size_t at = 4;
  for (const Field& f : kFields) {
    card.*f.member = ucs2le_to_utf8(data.data() + at, f.bytes);
    at += f.bytes;
  }
  if (card.name.empty() || card.id_number.empty()) throw std::runtime_error("text block without a name or ID number");
  card.sex = sex_name(card.sex);
  card.nation = nation_name(card.nation);
  return card;
}

std::string nation_name(const std::string& code) {
  static const char* const kNames[] = {
      "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
      "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
      "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒",
      "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"};
  if (code.size() == 2 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9') {
    const int n = (code[0] - '0') * 10 + (code[1] - '0');
    if (n >= 1 && n <= 56) return kNames[n - 1];
    if (n == 97) return "其他";
    if (n == 98) return "外国血统中国籍人士";
  }
  return code;
}


}  // namespace vsk::platform::gat467

namespace vsk::platform {

const char* to_string(CardReadStatus s) {
  switch (s) {
    case CardReadStatus::kCard: return "card";
    case CardReadStatus::kNoCard: return "no card";
    case CardReadStatus::kNoReader: return "no reader";
    case CardReadStatus::kReaderError: return "reader error";
  }
  return "?";
}

}  // namespace vsk::platform
