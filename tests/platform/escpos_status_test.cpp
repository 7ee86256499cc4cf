// EscPosPrinter's status checks and raster mode, the real code against the printer emulator
// on a pseudo-terminal.
#include "fake/escpos_printer_emulator.h"
#include "platform/printer.h"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace {

using vsk::platform::EscPosMode;
using vsk::platform::EscPosOptions;
using vsk::platform::EscPosPrinter;
using vsk::platform::EscPosPrinterEmulator;
using vsk::platform::GrayImage;
using vsk::platform::PrinterState;
using vsk::platform::PrintResult;
using vsk::platform::Receipt;
using Bytes = std::vector<unsigned char>;
using Paper = EscPosPrinterEmulator::Paper;

const std::string kFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";  // fonts-wqy-microhei

Receipt receipt() {
  Receipt r;
  r.title = "青山村便民服务回执";
  r.lines = {{"受理编号 QS1-1123-001", true}, {"取件码 384920", true}, {"事项：危房改造申请"}, {"承诺办结日期：2026-12-07"}};
  r.qr_text = "QS1-1123-001";
  r.footer = "凭受理编号和取件码在终端查询办理进度";
  return r;
}

EscPosOptions on(const EscPosPrinterEmulator& emu, EscPosMode mode = EscPosMode::kText) {
  EscPosOptions o;
  o.device_path = emu.slave_path();
  o.mode = mode;
  o.font_path = kFont;
  o.status_timeout_ms = 300;
  return o;
}

// The GS v 0 bands of a raster job back into dots: true = black.
struct Dots {
  int width = 0;
  int height = 0;
  std::vector<bool> black;
};

Dots decode_raster(const Bytes& b) {
  Dots d;
  std::size_t i = 2;  // after ESC @
  EXPECT_EQ(b[0], 0x1B);
  EXPECT_EQ(b[1], '@');
  while (i + 8 <= b.size() && b[i] == 0x1D && b[i + 1] == 'v' && b[i + 2] == '0') {
    EXPECT_EQ(b[i + 3], 0);  // normal density
    const int row_bytes = b[i + 4] | b[i + 5] << 8;
    const int rows = b[i + 6] | b[i + 7] << 8;
    EXPECT_LE(rows, vsk::platform::kRasterBandRows);
    d.width = row_bytes * 8;
    i += 8;
    for (int y = 0; y < rows; ++y)
      for (int x = 0; x < d.width; ++x) d.black.push_back((b[i + static_cast<std::size_t>(y * row_bytes + x / 8)] & (0x80 >> (x % 8))) != 0);
    i += static_cast<std::size_t>(row_bytes * rows);
    d.height += rows;
  }
  EXPECT_EQ(Bytes(b.begin() + static_cast<std::ptrdiff_t>(i), b.end()), (Bytes{0x1D, 'V', 66, 0}));  // then only the cut
  return d;
}

TEST(EscPosState, DecodesTheThreeStatusBytes) {
  EXPECT_EQ(vsk::platform::escpos_state(0x12, 0x12, 0x12), PrinterState::kReady);
  EXPECT_EQ(vsk::platform::escpos_state(0x12, 0x12, 0x1E), PrinterState::kPaperNearEnd);
  EXPECT_EQ(vsk::platform::escpos_state(0x1A, 0x32, 0x72), PrinterState::kPaperOut);
  EXPECT_EQ(vsk::platform::escpos_state(0x1A, 0x16, 0x12), PrinterState::kCoverOpen);
  EXPECT_EQ(vsk::platform::escpos_state(0x1A, 0x12, 0x12), PrinterState::kOffline);
  EXPECT_EQ(vsk::platform::escpos_state(0x1A, 0x52, 0x12), PrinterState::kOffline);  // error bit
  // Not status bytes at all (fixed bits wrong): a printer talking nonsense is not "ready".
  EXPECT_EQ(vsk::platform::escpos_state(0x00, 0x12, 0x12), PrinterState::kUnknown);
  EXPECT_EQ(vsk::platform::escpos_state(0x12, 0x12, 0x93), PrinterState::kUnknown);
}

TEST(EscPosStatus, ReadyPrinterPrintsTheWholeJob) {
  EscPosPrinterEmulator emu;
  EscPosPrinter printer(on(emu));
  EXPECT_EQ(printer.status().state, PrinterState::kReady);
  const PrintResult r = printer.print(receipt());
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.state, PrinterState::kReady);
  EXPECT_EQ(emu.printed(), vsk::platform::escpos_bytes(receipt()));  // status queries not mixed in
  EXPECT_GE(emu.status_queries(), 6);                                // before and after the job
}

TEST(EscPosStatus, PaperNearEndStillPrints) {
  EscPosPrinterEmulator emu;
  emu.set_paper(Paper::kNearEnd);
  EscPosPrinter printer(on(emu));
  EXPECT_EQ(printer.status().state, PrinterState::kPaperNearEnd);
  const PrintResult r = printer.print(receipt());
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.state, PrinterState::kPaperNearEnd);
}

TEST(EscPosStatus, OutOfPaperBeforePrintingSendsNothing) {
  EscPosPrinterEmulator emu;
  emu.set_paper(Paper::kOut);
  EscPosPrinter printer(on(emu));
  EXPECT_EQ(printer.status().state, PrinterState::kPaperOut);
  const PrintResult r = printer.print(receipt());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.state, PrinterState::kPaperOut);
  EXPECT_NE(r.error.find("paper out"), std::string::npos) << r.error;
  EXPECT_TRUE(emu.printed().empty());
}

TEST(EscPosStatus, CoverOpenSendsNothing) {
  EscPosPrinterEmulator emu;
  emu.set_cover_open(true);
  const PrintResult r = EscPosPrinter(on(emu)).print(receipt());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.state, PrinterState::kCoverOpen);
  EXPECT_TRUE(emu.printed().empty());
}

TEST(EscPosStatus, OutOfPaperDuringPrintingFailsAndStopsSending) {
  EscPosPrinterEmulator emu;
  emu.run_out_of_paper_after(5000);  // in the first band of a raster receipt of several
  const PrintResult r = EscPosPrinter(on(emu, EscPosMode::kRaster)).print(receipt());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.state, PrinterState::kPaperOut);
  EXPECT_NE(r.error.find("during printing"), std::string::npos) << r.error;
  // Stopped after that band: ESC @, one GS v 0 header and 128 rows of 72 bytes, nothing more.
  EXPECT_EQ(emu.printed().size(), 2u + 8u + 72u * 128u);
}

TEST(EscPosStatus, PaperRunsOutWithTheLastChunk) {
  EscPosPrinterEmulator emu;
  const std::size_t job = vsk::platform::escpos_bytes(receipt()).size();
  emu.run_out_of_paper_after(job);  // the whole text job fits in one chunk
  const PrintResult r = EscPosPrinter(on(emu)).print(receipt());
  EXPECT_FALSE(r.ok);  // the end of the slip may be missing: tell the resident
  EXPECT_EQ(r.state, PrinterState::kPaperOut);
}

TEST(EscPosStatus, PrinterWithoutStatusPrintsAsBefore) {
  EscPosPrinterEmulator emu;
  emu.set_mute(true);
  EscPosPrinter printer(on(emu));
  EXPECT_EQ(printer.status().state, PrinterState::kUnknown);
  const PrintResult r = printer.print(receipt());
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.state, PrinterState::kUnknown);
  EXPECT_EQ(emu.status_queries(), 2);  // asked once per open, then left alone
}

TEST(EscPosStatus, MissingDeviceIsNoPrinter) {
  EscPosPrinter printer("/dev/usb/vsk-no-such-printer");
  EXPECT_EQ(printer.status().state, PrinterState::kNoPrinter);
  const PrintResult r = printer.print(receipt());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.state, PrinterState::kNoPrinter);
}

TEST(EscPosRaster, BytesAreTheRenderedImageDotForDot) {
  vsk::platform::ReceiptRenderer renderer(kFont);
  const GrayImage img = renderer.render(receipt());
  ASSERT_EQ(img.width, 576);
  ASSERT_GT(img.height, vsk::platform::kRasterBandRows);  // more than one band
  const Dots d = decode_raster(vsk::platform::escpos_raster_bytes(img));
  ASSERT_EQ(d.width, img.width);
  ASSERT_EQ(d.height, img.height);
  int black = 0, mismatches = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const bool want = img.pixels[static_cast<std::size_t>(y * img.width + x)] < 128;
      black += want;
      mismatches += want != d.black[static_cast<std::size_t>(y * d.width + x)];
    }
  EXPECT_EQ(mismatches, 0);
  EXPECT_GT(black, 5000);  // text and QR code, not a blank slip
}

TEST(EscPosRaster, RasterJobOverThePtyIsThePngReceiptsImage) {
  vsk::test_support::TempDir dir;
  // The same receipt through the PNG printer: what staff see in receipts/ is what is printed.
  const PrintResult png = vsk::platform::PngReceiptPrinter(dir.path(), kFont).print(receipt());
  ASSERT_TRUE(png.ok) << png.error;
  int w = 0, h = 0, ch = 0;
  unsigned char* data = stbi_load(png.path.c_str(), &w, &h, &ch, 1);
  ASSERT_NE(data, nullptr);
  const std::vector<unsigned char> gray(data, data + w * h);
  stbi_image_free(data);

  EscPosPrinterEmulator emu;
  const PrintResult r = EscPosPrinter(on(emu, EscPosMode::kRaster)).print(receipt());
  ASSERT_TRUE(r.ok) << r.error;
  const Dots d = decode_raster(emu.printed());
  ASSERT_EQ(d.width, w);
  ASSERT_EQ(d.height, h);
  int mismatches = 0;
  for (int i = 0; i < w * h; ++i) mismatches += (gray[static_cast<std::size_t>(i)] < 128) != d.black[static_cast<std::size_t>(i)];
  EXPECT_EQ(mismatches, 0);
}

TEST(EscPosRaster, InconsistentImageIsRefused) {
  GrayImage bad{576, 10, std::vector<unsigned char>(100, 255)};
  EXPECT_THROW(vsk::platform::escpos_raster_bytes(bad), std::runtime_error);
}

}  // namespace
