#include "platform/printer.h"
#include "platform/qr.h"

#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
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

constexpr unsigned char DLE = 0x10;
constexpr unsigned char EOT = 0x04;

// A missing device: the printer is unplugged or off.
struct NoDevice : std::system_error {
  using std::system_error::system_error;
};

// The printer's file, opened for one job or one status check. Devices under /dev are opened,
// never created: as root, O_CREAT on a missing /dev/usb/lp0 would make a plain file that
// swallows every later receipt. A device is opened read-write so its status can be read; a
// regular file (tests, a spool) only appended to.
class Device {
 public:
  explicit Device(const std::string& path) {
    const bool dev = path.rfind("/dev/", 0) == 0 || is_char_device(path);
    if (dev) {
      fd_ = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
      readable_ = fd_ >= 0;
      if (fd_ < 0 && (errno == EACCES || errno == EROFS || errno == EINVAL))
        fd_ = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);  // write-only access
    } else {
      fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0644);
    }
    if (fd_ < 0) {
      const int err = errno;
      if (err == ENOENT || err == ENODEV || err == ENXIO) throw NoDevice(err, std::generic_category(), "no printer at " + path);
      throw std::system_error(err, std::generic_category(), "cannot open " + path);
    }
    // A USB-serial printer or the emulator's pty: raw bytes, no echo, no CR/LF games.
    termios tio{};
    if (::tcgetattr(fd_, &tio) == 0) {
      ::cfmakeraw(&tio);
      ::tcsetattr(fd_, TCSANOW, &tio);
    }
  }
  ~Device() {
    if (fd_ >= 0) ::close(fd_);
  }
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  bool readable() const { return readable_; }

  // write(2) may stop early on a USB printer or be interrupted by a signal; keep going.
  void write_all(const unsigned char* p, std::size_t n) {
    std::size_t done = 0;
    while (done < n) {
      const ssize_t k = ::write(fd_, p + done, n - done);
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) throw std::system_error(errno, std::generic_category(), "write");
      done += static_cast<std::size_t>(k);
    }
  }

  // One DLE EOT n answer byte, or nothing within the timeout. Unread bytes from before (a late
  // answer, or a bit image that happened to contain DLE EOT) are dropped first.
  std::optional<unsigned char> ask(unsigned char n, int timeout_ms) {
    unsigned char stale[64];
    for (pollfd p{fd_, POLLIN, 0}; ::poll(&p, 1, 0) > 0 && (p.revents & POLLIN);)
      if (::read(fd_, stale, sizeof stale) <= 0) break;
    const unsigned char q[3] = {DLE, EOT, n};
    write_all(q, sizeof q);
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0 || !(p.revents & POLLIN)) return std::nullopt;
    unsigned char b = 0;
    if (::read(fd_, &b, 1) != 1) return std::nullopt;
    return b;
  }

  void close_or_throw(const std::string& path) {
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) throw std::system_error(errno, std::generic_category(), "close " + path);
  }

 private:
  static bool is_char_device(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
  }
  int fd_ = -1;
  bool readable_ = false;
};

PrinterStatus query(Device& d, int timeout_ms) {
  if (!d.readable()) return {PrinterState::kUnknown, "status cannot be read from this file"};
  const auto printer = d.ask(1, timeout_ms);
  if (!printer) return {PrinterState::kUnknown, "no answer to DLE EOT"};
  const auto offline = d.ask(2, timeout_ms);
  const auto paper = d.ask(4, timeout_ms);
  if (!offline || !paper) return {PrinterState::kUnknown, "incomplete answer to DLE EOT"};
  const PrinterState s = escpos_state(*printer, *offline, *paper);
  char detail[64];
  std::snprintf(detail, sizeof detail, "status bytes %02X %02X %02X", *printer, *offline, *paper);
  return {s, detail};
}

void put_raster_band(Bytes& out, const GrayImage& img, int top, int rows) {
  const int row_bytes = (img.width + 7) / 8;
  put(out, {GS, 'v', '0', 0, static_cast<unsigned char>(row_bytes & 0xFF), static_cast<unsigned char>(row_bytes >> 8),
            static_cast<unsigned char>(rows & 0xFF), static_cast<unsigned char>(rows >> 8)});
  for (int y = top; y < top + rows; ++y) {
    const unsigned char* row = img.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width);
    for (int bx = 0; bx < row_bytes; ++bx) {
      unsigned char b = 0;
      for (int bit = 0; bit < 8; ++bit) {
        const int x = bx * 8 + bit;
        if (x < img.width && row[x] < 128) b |= static_cast<unsigned char>(0x80 >> bit);
      }
      out.push_back(b);
    }
  }
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

namespace {

// A job in pieces that each end at a command boundary: status is asked only between them,
// never inside a command's data (ESC/POS: a real-time DLE EOT must not split another command,
// and a printer could read image bytes 10 04 as one).
std::vector<Bytes> raster_pieces(const GrayImage& image) {
  if (image.width <= 0 || image.height < 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height))
    throw std::runtime_error("raster image with inconsistent size");
  std::vector<Bytes> pieces;
  pieces.push_back({ESC, '@'});
  for (int top = 0; top < image.height; top += kRasterBandRows) {
    pieces.emplace_back();
    put_raster_band(pieces.back(), image, top, std::min(kRasterBandRows, image.height - top));
  }
  pieces.push_back({GS, 'V', 66, 0});
  return pieces;
}

}  // namespace

std::vector<unsigned char> escpos_raster_bytes(const GrayImage& image) {
  Bytes out;
  for (const Bytes& p : raster_pieces(image)) out.insert(out.end(), p.begin(), p.end());
  return out;
}

PrinterState escpos_state(unsigned char printer, unsigned char offline, unsigned char paper) {
  const auto valid = [](unsigned char b) { return (b & 0x93) == 0x12; };
  if (!valid(printer) || !valid(offline) || !valid(paper)) return PrinterState::kUnknown;
  if ((paper & 0x60) != 0 || (offline & 0x20) != 0) return PrinterState::kPaperOut;
  if ((offline & 0x04) != 0) return PrinterState::kCoverOpen;
  if ((printer & 0x08) != 0 || (offline & 0x40) != 0) return PrinterState::kOffline;
  if ((paper & 0x0C) != 0) return PrinterState::kPaperNearEnd;
  return PrinterState::kReady;
}

const char* to_string(PrinterState s) {
  switch (s) {
    case PrinterState::kReady: return "ready";
    case PrinterState::kPaperNearEnd: return "paper near end";
    case PrinterState::kPaperOut: return "paper out";
    case PrinterState::kCoverOpen: return "cover open";
    case PrinterState::kOffline: return "offline";
    case PrinterState::kNoPrinter: return "no printer";
    case PrinterState::kUnknown: return "unknown";
  }
  return "?";
}

struct EscPosPrinter::Impl {
  EscPosOptions o;
  std::mutex mu;  // print() on the UI thread, status() from the monitor thread
  std::unique_ptr<ReceiptRenderer> renderer;
};

namespace {
EscPosOptions text_mode_on(std::string device_path) {
  EscPosOptions o;
  o.device_path = std::move(device_path);
  return o;
}
}  // namespace

EscPosPrinter::EscPosPrinter(std::string device_path) : EscPosPrinter(text_mode_on(std::move(device_path))) {}

EscPosPrinter::EscPosPrinter(EscPosOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->o = std::move(options);
  if (impl_->o.mode == EscPosMode::kRaster) impl_->renderer = std::make_unique<ReceiptRenderer>(impl_->o.font_path);
}

EscPosPrinter::~EscPosPrinter() = default;

PrinterStatus EscPosPrinter::status() {
  std::lock_guard lock(impl_->mu);
  try {
    Device d(impl_->o.device_path);
    return query(d, impl_->o.status_timeout_ms);
  } catch (const NoDevice& e) {
    return {PrinterState::kNoPrinter, e.what()};
  } catch (const std::exception& e) {
    return {PrinterState::kUnknown, e.what()};
  }
}

PrintResult EscPosPrinter::print(const Receipt& r) {
  std::lock_guard lock(impl_->mu);
  const EscPosOptions& o = impl_->o;
  PrintResult result;
  result.path = o.device_path;
  try {
    // Built first: a receipt that cannot be encoded must not leave half a job in the printer.
    const std::vector<Bytes> pieces =
        impl_->renderer ? raster_pieces(impl_->renderer->render(r)) : std::vector<Bytes>{escpos_bytes(r)};
    std::size_t total = 0;
    for (const Bytes& p : pieces) total += p.size();
    Device d(o.device_path);
    PrinterStatus st = query(d, o.status_timeout_ms);
    result.state = st.state;
    if (blocks_printing(st.state)) {
      result.error = std::string("printer: ") + to_string(st.state);
      return result;
    }
    std::size_t done = 0;
    for (const Bytes& piece : pieces) {
      d.write_all(piece.data(), piece.size());
      done += piece.size();
      if (st.state == PrinterState::kUnknown) continue;  // it never answered: do not keep asking
      st = query(d, o.status_timeout_ms);
      if (blocks_printing(st.state)) {
        result.state = st.state;
        result.error = std::string("printer: ") + to_string(st.state) + " during printing after " + std::to_string(done) +
                       " of " + std::to_string(total) + " bytes";
        return result;
      }
    }
    d.close_or_throw(o.device_path);
    result.state = st.state;
    result.ok = true;
  } catch (const NoDevice& e) {
    result.state = PrinterState::kNoPrinter;
    result.error = e.what();
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

}  // namespace vsk::platform
