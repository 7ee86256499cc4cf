#include "residents/text_encoding.h"

#include <iconv.h>

#include <cerrno>

#include "residents/sheet.h"

namespace vsk::residents {

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    if (c < 0x80) n = 0;
    else if ((c & 0xE0) == 0xC0 && c >= 0xC2) n = 1;
    else if ((c & 0xF0) == 0xE0) n = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4) n = 3;
    else return false;
    if (i + n >= s.size()) return false;  // a sequence cut off at the end
    for (size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

TextEncoding detect_encoding(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return TextEncoding::kUtf8Bom;
  return valid_utf8(bytes) ? TextEncoding::kUtf8 : TextEncoding::kGb18030;
}

std::string to_utf8(std::string_view bytes, TextEncoding* detected) {
  const TextEncoding enc = detect_encoding(bytes);
  if (detected) *detected = enc;
  if (enc == TextEncoding::kUtf8Bom) return std::string(bytes.substr(3));
  if (enc == TextEncoding::kUtf8) return std::string(bytes);
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw SheetError("roll.file.encoding", "iconv has no GB18030");
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* o = out.data();
  size_t out_left = out.size();
  const size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
  const int err = errno;
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1))
    throw SheetError("roll.file.encoding", "text is neither UTF-8 nor GB18030 (iconv errno " + std::to_string(err) +
                                               " at byte " + std::to_string(bytes.size() - in_left) + ")");
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace vsk::residents
