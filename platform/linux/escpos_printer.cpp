#include "platform/printer.h"
#include "platform/qr.h"

#include <fcntl.h>
#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <initializer_list>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>

namespace vsk::platform {

namespace {

using Bytes = std::vector<unsigned char>;

constexpr unsigned char ESC = 0x1B;
constexpr unsigned char FS = 0x1C;
constexpr unsigned char GS = 0x1D;
constexpr unsigned char LF = 0x0A;

// 58 mm paper has 384 printable dots at 203 dpi; sizing the QR for it means it fits on 80 mm too.
constexpr int kNarrowPaperDots = 384;
constexpr int kMaxQrModuleDots = 8;

void put(Bytes& out, std::initializer_list<unsigned char> bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

void put(Bytes& out, std::string_view s) { out.insert(out.end(), s.begin(), s.end()); }

// Receipt text can carry resident input; a stray ESC or GS byte would be read as a printer
// command, so every ASCII control except LF becomes a space. (Multi-byte UTF-8 characters use
// only bytes >= 0x80, so this cannot hit part of one; GB18030 output has no bytes < 0x30.)
std::string without_controls(std::string_view text) {
  std::string s(text);
  for (char& c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != LF) || u == 0x7F) c = ' ';
  }
  return s;
}

class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {
    if (cd_ == reinterpret_cast<iconv_t>(-1))
      throw std::system_error(errno, std::generic_category(), "iconv_open UTF-8 -> GB18030");
  }
  ~Iconv() { iconv_close(cd_); }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// GB18030 covers all of Unicode, so only malformed UTF-8 fails; such bytes print as '?' rather
// than losing the whole receipt.
std::string to_gb18030(std::string_view utf8) {
  Iconv conv("GB18030", "UTF-8");
  std::string out;
  char* in = const_cast<char*>(utf8.data());  // iconv's signature, it does not write the input
  std::size_t in_left = utf8.size();
  char buf[256];
  while (in_left > 0) {
    char* o = buf;
    std::size_t o_left = sizeof buf;
    const std::size_t rc = iconv(conv.get(), &in, &in_left, &o, &o_left);
    out.append(buf, static_cast<std::size_t>(o - buf));
    if (rc != static_cast<std::size_t>(-1) || errno == E2BIG) continue;
    if (errno != EILSEQ && errno != EINVAL) throw std::system_error(errno, std::generic_category(), "iconv");
    out += '?';
    ++in;
    --in_left;
  }
  return out;
}

void put_text(Bytes& out, std::string_view utf8) {
  put(out, to_gb18030(without_controls(utf8)));
  out.push_back(LF);
}

void put_align(Bytes& out, bool center) { put(out, {ESC, 'a', static_cast<unsigned char>(center ? 1 : 0)}); }

// GS ! n: bits 0-3 height multiplier - 1, bits 4-7 width multiplier - 1.
void put_size(Bytes& out, unsigned char n) { put(out, {GS, '!', n}); }

void put_title(Bytes& out, const std::string& title) {
  if (title.empty()) return;
  // Double height and bold rather than double width: nine hanzi at double width do not fit on
  // 58 mm paper and the title would wrap.
  put_align(out, true);
  put(out, {ESC, 'E', 1});
  put_size(out, 0x01);
  put_text(out, title);
  put_size(out, 0x00);
  put(out, {ESC, 'E', 0});
  put_align(out, false);
  out.push_back(LF);
}

void put_lines(Bytes& out, const std::vector<ReceiptLine>& lines) {
  for (const ReceiptLine& line : lines) {
    put_size(out, line.large ? 0x11 : 0x00);
    put_text(out, line.text);
  }
  put_size(out, 0x00);
}

// Module size in dots so the whole code, quiet zone included, fits on 58 mm paper. Encoding it
// here also rejects text too long for any QR version before anything reaches the printer.
unsigned char qr_module_dots(const std::string& text) {
  const int modules_with_quiet_zone = encode_qr(text).size + 8;
  return static_cast<unsigned char>(std::clamp(kNarrowPaperDots / modules_with_quiet_zone, 1, kMaxQrModuleDots));
}

// GS ( k <pL> <pH> cn=49 fn ...: the QR functions of ESC/POS, model 2.
void put_qr(Bytes& out, const std::string& text) {
  if (text.empty()) return;
  const unsigned char module = qr_module_dots(text);
  const std::size_t store_len = text.size() + 3;  // cn, fn, m, then the data
  put_align(out, true);
  put(out, {GS, '(', 'k', 4, 0, 49, 65, 50, 0});   // fn 165: model 2
  put(out, {GS, '(', 'k', 3, 0, 49, 67, module});  // fn 167: module size
  put(out, {GS, '(', 'k', 3, 0, 49, 69, 49});      // fn 169: error correction M, like the PNG
  put(out, {GS, '(', 'k', static_cast<unsigned char>(store_len & 0xFF),
            static_cast<unsigned char>(store_len >> 8), 49, 80, 48});  // fn 180: store
  put(out, text);  // raw UTF-8, the same bytes the PNG printer encodes
  put(out, {GS, '(', 'k', 3, 0, 49, 81, 48});  // fn 181: print
  out.push_back(LF);
  put_align(out, false);
}

void put_footer(Bytes& out, const std::string& footer) {
  if (footer.empty()) return;
  put_align(out, true);
  put_text(out, footer);
  put_align(out, false);
}

// Devices under /dev are opened, never created: as root, O_CREAT on a missing /dev/usb/lp0
// would make a plain file that swallows every later receipt.
int open_output(const std::string& path) {
  int flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY;
  if (path.rfind("/dev/", 0) != 0) flags |= O_CREAT;
  const int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + path);
  return fd;
}

// write(2) may stop early on a USB printer or be interrupted by a signal; keep going.
void write_all(int fd, const Bytes& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "write");
    done += static_cast<std::size_t>(n);
  }
}

void write_to(const std::string& path, const Bytes& bytes) {
  const int fd = open_output(path);
  try {
    write_all(fd, bytes);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw std::system_error(errno, std::generic_category(), "close " + path);
}

}  // namespace

std::vector<unsigned char> escpos_bytes(const Receipt& r) {
  Bytes out;
  put(out, {ESC, '@'});  // reset whatever the previous job left set
  put(out, {FS, '&'});   // Chinese mode: the printer reads two-byte GB18030 characters
  put_title(out, r.title);
  put_lines(out, r.lines);
  put_qr(out, r.qr_text);
  put_footer(out, r.footer);
  put(out, {GS, 'V', 66, 0});  // feed to the cutter, partial cut (leaves a tab to tear)
  return out;
}

std::string print_failure_code(const std::exception& e) {
  const auto* sys = dynamic_cast<const std::system_error*>(&e);
  if (!sys) return "failed";
  switch (sys->code().value()) {
    case ENOSPC:
    case EDQUOT: return "disk_full";
    case ENOENT:
    case ENODEV:
    case ENXIO: return "no_device";
    case EACCES:
    case EPERM: return "no_permission";
    default: return "failed";
  }
}

EscPosPrinter::EscPosPrinter(std::string device_path) : device_path_(std::move(device_path)) {}

PrintResult EscPosPrinter::print(const Receipt& r) {
  PrintResult result;
  result.path = device_path_;
  try {
    write_to(device_path_, escpos_bytes(r));
    result.ok = true;
  } catch (const std::exception& e) {
    result.code = print_failure_code(e);
    result.error = e.what();
  }
  return result;
}

}  // namespace vsk::platform
