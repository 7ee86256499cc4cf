// Receipt printing for service requests. The app builds a Receipt (plain strings, already
// translated) and hands it to a Printer on a background thread; the PrintResult goes back to the
// UI thread as state. Printers never throw out of print().
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace vsk::platform {

struct ReceiptLine {
  std::string text;    // UTF-8, may contain Chinese; long lines wrap
  bool large = false;  // double size, e.g. the pickup code
};

struct Receipt {
  std::string title;               // e.g. "青山村便民服务回执"
  std::vector<ReceiptLine> lines;  // request number, pickup code, service, promised date...
  std::string qr_text;             // encoded as a QR code under the lines (empty: no QR)
  std::string footer;              // e.g. "凭取件码查询办理进度"
};

struct PrintResult {
  bool ok = false;
  std::string path;   // what was written: the PNG file or the device
  // Why it failed, as a code the UI translates (receipt.print_failed.<code>): "disk_full",
  // "no_device", "no_permission" or "failed". Empty when ok.
  std::string code;
  std::string error;  // English specifics, for the log only; empty when ok
};

// The PrintResult code of an exception a printer caught (by the errno it carries).
std::string print_failure_code(const std::exception& e);

class Printer {
 public:
  virtual ~Printer() = default;
  virtual PrintResult print(const Receipt& r) = 0;
};

// Default printer: renders the receipt as a PNG (80 mm thermal-slip look, 576 px wide, black on
// white) into `out_dir` as `<file_stem>-YYYYmmdd-HHMMSS-N.png`, never overwriting a file. The
// file appears complete or not at all (temp file, fsync, rename). The font (a .ttf or .ttc,
// face 0) is loaded on the first print and kept. One caller at a time.
class PngReceiptPrinter final : public Printer {
 public:
  PngReceiptPrinter(std::string out_dir, std::string font_path, std::string file_stem = "receipt");
  ~PngReceiptPrinter() override;
  PngReceiptPrinter(PngReceiptPrinter&&) noexcept;
  PngReceiptPrinter& operator=(PngReceiptPrinter&&) noexcept;

  PrintResult print(const Receipt& r) override;

 private:
  struct Font;
  std::string out_dir_;
  std::string font_path_;
  std::string file_stem_;
  std::unique_ptr<Font> font_;
};

// ESC/POS byte stream for Chinese thermal printers (text in GB18030, Chinese mode via FS &),
// written to a device file such as /dev/usb/lp0, or to any regular file path (created if
// missing, appended to). Paths under /dev/ are never created: a missing device means the printer
// is unplugged, and creating a plain file there would hide that.
class EscPosPrinter final : public Printer {
 public:
  explicit EscPosPrinter(std::string device_path);
  PrintResult print(const Receipt& r) override;

 private:
  std::string device_path_;
};

// The bytes EscPosPrinter writes. Throws std::runtime_error if qr_text is too long for any QR
// code (over 2331 bytes at error correction level M) or iconv has no GB18030.
std::vector<unsigned char> escpos_bytes(const Receipt& r);

}  // namespace vsk::platform
