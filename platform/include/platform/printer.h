// Receipt printing for service requests. The app builds a Receipt (plain strings, already
// translated) and hands it to a Printer on a background thread; the PrintResult goes back to the
// UI thread as state. Printers never throw out of print().
#pragma once

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

// What a receipt printer says about itself (ESC/POS DLE EOT). Printers that cannot be asked
// (a PNG file, a write-only device) report kUnknown and print anyway.
enum class PrinterState {
  kReady,
  kPaperNearEnd,  // still prints; staff should change the roll soon
  kPaperOut,
  kCoverOpen,
  kOffline,       // any other stop: error, feed button held, ...
  kNoPrinter,     // the device is not there (unplugged, switched off)
  kUnknown,       // no status answer, or not a printer that has one
};

const char* to_string(PrinterState s);
// A printer in this state cannot print a receipt now.
inline bool blocks_printing(PrinterState s) {
  return s == PrinterState::kPaperOut || s == PrinterState::kCoverOpen || s == PrinterState::kOffline ||
         s == PrinterState::kNoPrinter;
}

struct PrinterStatus {
  PrinterState state = PrinterState::kUnknown;
  std::string detail;  // English, for logs and the hardware check
};

struct PrintResult {
  bool ok = false;
  std::string path;   // what was written: the PNG file or the device
  std::string error;  // for logs and the staff screen; empty when ok
  PrinterState state = PrinterState::kUnknown;  // as seen during this print (kPaperOut: say so)
};

class Printer {
 public:
  virtual ~Printer() = default;
  virtual PrintResult print(const Receipt& r) = 0;
  // Asks the printer now; may block for the printer's status timeout. Safe to call from
  // another thread than print() (the kiosk checks every few minutes in the background).
  virtual PrinterStatus status() { return {}; }
};

// The receipt as an 8-bit gray image (255 = paper), one pixel per printer dot: 576 wide, the
// printable width of 80 mm paper at 203 dpi.
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;  // row-major, width * height
};

// Lays out and draws receipts. The font (a .ttf or .ttc, face 0) is loaded on the first
// render and kept. Throws std::runtime_error (no font, QR text too long). One caller at a time.
class ReceiptRenderer {
 public:
  explicit ReceiptRenderer(std::string font_path);
  ~ReceiptRenderer();
  ReceiptRenderer(ReceiptRenderer&&) noexcept;
  ReceiptRenderer& operator=(ReceiptRenderer&&) noexcept;
  GrayImage render(const Receipt& r);

 private:
  struct Font;
  std::string font_path_;
  std::unique_ptr<Font> font_;
};

// Default printer: the ReceiptRenderer's image as a PNG into `out_dir` as
// `<file_stem>-YYYYmmdd-HHMMSS-N.png`, never overwriting a file. The file appears complete or
// not at all (temp file, fsync, rename). One caller at a time.
class PngReceiptPrinter final : public Printer {
 public:
  PngReceiptPrinter(std::string out_dir, std::string font_path, std::string file_stem = "receipt");

  PrintResult print(const Receipt& r) override;

 private:
  std::string out_dir_;
  ReceiptRenderer renderer_;
  std::string file_stem_;
};

// ESC/POS receipt printer on a device file such as /dev/usb/lp0 (usblp, bidirectional) or a
// USB-serial port, or any regular file path (created if missing, appended to; no status).
// Paths under /dev/ are never created: a missing device means the printer is unplugged, and
// creating a plain file there would hide that.
//
// Before a job and after each part of it (raster: each band) the printer is asked DLE EOT 1,
// 2 and 4 (online, cover, paper sensors). Paper out, cover open or offline before the job: nothing is
// sent; during the job: the rest is not sent and the print fails, so the resident is told.
// A printer that does not answer status prints as before (kUnknown).
enum class EscPosMode {
  kText,    // GB18030 text in the printer's own Chinese font (FS &), QR by GS ( k
  kRaster,  // the ReceiptRenderer image as GS v 0 bit images: printers without a Chinese font
};

struct EscPosOptions {
  std::string device_path;
  EscPosMode mode = EscPosMode::kText;
  std::string font_path;          // for kRaster
  int status_timeout_ms = 500;    // per DLE EOT answer
};

class EscPosPrinter final : public Printer {
 public:
  explicit EscPosPrinter(std::string device_path);
  explicit EscPosPrinter(EscPosOptions options);
  ~EscPosPrinter() override;
  PrintResult print(const Receipt& r) override;
  PrinterStatus status() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The bytes EscPosPrinter writes in text mode. Throws std::runtime_error if qr_text is too long
// for any QR code (over 2331 bytes at error correction level M) or iconv has no GB18030.
std::vector<unsigned char> escpos_bytes(const Receipt& r);

// The bytes of raster mode: ESC @, the image as GS v 0 bands of at most kRasterBandRows rows
// (one bit per dot, 1 = black where the gray value is below 128, most significant bit leftmost),
// then feed and partial cut.
inline constexpr int kRasterBandRows = 128;  // 16 mm of paper: status is asked after each
std::vector<unsigned char> escpos_raster_bytes(const GrayImage& image);

// Decodes the three DLE EOT answers (n = 1 printer, 2 offline cause, 4 roll paper sensor).
// A byte that is not a status byte (bits 1 and 4 set, 0 and 7 clear) gives kUnknown.
PrinterState escpos_state(unsigned char printer, unsigned char offline, unsigned char paper);

}  // namespace vsk::platform
