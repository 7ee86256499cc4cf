#include "platform/printer.h"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace fs = std::filesystem;
using vsk::platform::escpos_bytes;
using vsk::platform::EscPosPrinter;
using vsk::platform::PngReceiptPrinter;
using vsk::platform::PrintResult;
using vsk::platform::Receipt;
using vsk::platform::ReceiptLine;
using vsk::test_support::TempDir;
using Bytes = std::vector<unsigned char>;

namespace {

const std::string kFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";  // fonts-wqy-microhei
const std::string kQrText = "https://qingshan.example/r/2026-000123?code=384920";

Receipt sample_receipt() {
  Receipt r;
  r.title = "青山村便民服务回执";
  r.lines = {{"申请编号：2026-000123"},
             {"取件码：384920", true},
             {"办理事项：低保年审材料递交"},
             {"承诺办结：2026年3月18日"}};
  r.qr_text = kQrText;
  r.footer = "凭取件码查询办理进度";
  return r;
}

struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> gray;  // 0 = black, 255 = paper
  bool dark(int x, int y) const { return gray[static_cast<std::size_t>(y * width + x)] < 128; }
};

Image load_png(const std::string& path) {
  Image img;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &channels, 1);
  if (data == nullptr) return img;
  img.gray.assign(data, data + img.width * img.height);
  stbi_image_free(data);
  return img;
}

Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::size_t find_bytes(const Bytes& hay, const Bytes& needle, std::size_t from = 0) {
  const auto it = std::search(hay.begin() + static_cast<std::ptrdiff_t>(std::min(from, hay.size())), hay.end(),
                              needle.begin(), needle.end());
  return it == hay.end() ? std::string::npos : static_cast<std::size_t>(it - hay.begin());
}

bool contains(const Bytes& hay, const Bytes& needle) { return find_bytes(hay, needle) != std::string::npos; }

Bytes bytes_of(const std::string& s) { return Bytes(s.begin(), s.end()); }

int count_dark(const Image& img, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) n += img.dark(x, y) ? 1 : 0;
  return n;
}

class PngReceiptPrinterTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fs::exists(kFont)) << "install fonts-wqy-microhei"; }

  Image print_and_load(const Receipt& r) {
    PngReceiptPrinter printer(dir_.path(), kFont);
    const PrintResult res = printer.print(r);
    EXPECT_TRUE(res.ok) << res.error;
    return load_png(res.path);
  }

  TempDir dir_;
};

}  // namespace

// ---- PNG printer --------------------------------------------------------------------------------

TEST_F(PngReceiptPrinterTest, WritesADecodable576PxWidePngAndNoLeftoverTempFile) {
  PngReceiptPrinter printer(dir_.path(), kFont);
  const PrintResult res = printer.print(sample_receipt());
  ASSERT_TRUE(res.ok) << res.error;
  EXPECT_TRUE(res.error.empty());
  EXPECT_EQ(fs::path(res.path).parent_path(), fs::path(dir_.path()));
  EXPECT_EQ(fs::path(res.path).extension(), ".png");
  EXPECT_EQ(fs::path(res.path).filename().string().rfind("receipt-", 0), 0u) << res.path;

  const Image img = load_png(res.path);
  ASSERT_FALSE(img.gray.empty()) << stbi_failure_reason();
  EXPECT_EQ(img.width, 576);
  EXPECT_GT(img.height, 400);
  EXPECT_GT(count_dark(img, 0, 0, img.width, img.height), 1000);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()), 1);
}

TEST_F(PngReceiptPrinterTest, UsesTheGivenFileStem) {
  PngReceiptPrinter printer(dir_.path(), kFont, "request-2026-000123");
  const PrintResult res = printer.print(sample_receipt());
  ASSERT_TRUE(res.ok) << res.error;
  EXPECT_EQ(fs::path(res.path).filename().string().rfind("request-2026-000123-", 0), 0u) << res.path;
}

TEST_F(PngReceiptPrinterTest, ReceiptGrowsTallerWithMoreLines) {
  Receipt shorter = sample_receipt();
  Receipt longer = sample_receipt();
  for (int i = 0; i < 5; ++i) longer.lines.push_back({"备注：请携带户口簿原件"});
  EXPECT_GT(print_and_load(longer).height, print_and_load(shorter).height);
}

TEST_F(PngReceiptPrinterTest, LongChineseLineWrapsInsideTheMargins) {
  Receipt one_row;
  one_row.lines = {{"办理事项：低保年审"}};
  Receipt wrapped;
  wrapped.lines = {{"办理事项：低保年审材料递交，需本人携带身份证、户口簿、收入证明及银行卡复印件到村便民服务中心窗口"}};
  const Image a = print_and_load(one_row);
  const Image b = print_and_load(wrapped);
  EXPECT_GE(b.height - a.height, 2 * 28) << "at least two more rows of 28 px text";
  EXPECT_EQ(count_dark(b, 0, 0, 16, b.height), 0) << "ink in the left margin";
  EXPECT_EQ(count_dark(b, 576 - 16, 0, 576, b.height), 0) << "ink in the right margin";
}

TEST_F(PngReceiptPrinterTest, ChineseGlyphsRenderAsDistinctShapes) {
  // Missing glyphs would all be the same empty box, so two different texts would look the same.
  Receipt a;
  a.lines = {{"回执"}};
  Receipt b;
  b.lines = {{"取件"}};
  const Image ia = print_and_load(a);
  const Image ib = print_and_load(b);
  ASSERT_EQ(ia.height, ib.height);
  EXPECT_GT(count_dark(ia, 0, 0, ia.width, ia.height), 50);
  EXPECT_NE(ia.gray, ib.gray);
}

TEST_F(PngReceiptPrinterTest, DrawsTheQrCodeCenteredUnderTheLines) {
  Receipt without = sample_receipt();
  without.footer.clear();  // so everything below the lines is paper in `without`
  without.qr_text.clear();
  Receipt with = without;
  with.qr_text = kQrText;
  const Image a = print_and_load(without);
  const Image b = print_and_load(with);
  ASSERT_GT(b.height, a.height + 21 * 2);

  // The first row that differs is the top of the QR code; its dark pixels form a centred square.
  int top = 0;
  while (top < a.height && std::equal(a.gray.begin() + top * 576, a.gray.begin() + (top + 1) * 576, b.gray.begin() + top * 576)) ++top;
  ASSERT_LT(top, a.height);
  int left = 576, right = -1, bottom = -1;
  for (int y = top; y < b.height; ++y)
    for (int x = 0; x < 576; ++x)
      if (b.dark(x, y)) left = std::min(left, x), right = std::max(right, x), bottom = std::max(bottom, y);
  const int width = right - left + 1, height = bottom - top + 1;
  EXPECT_EQ(width, height) << "QR code is square";
  EXPECT_GE(width, 21 * 2);
  EXPECT_NEAR(left + right, 575, 1) << "centred on the paper";
  EXPECT_GT(count_dark(b, left, top, right + 1, bottom + 1), width * height / 4);
  // Quiet zone: at least 4 modules of paper below the code (modules are >= 2 px).
  EXPECT_GE(b.height - 1 - bottom, 8);
}

TEST_F(PngReceiptPrinterTest, SecondPrintGetsANewFileAndKeepsTheFirst) {
  PngReceiptPrinter printer(dir_.path(), kFont);
  const PrintResult first = printer.print(sample_receipt());
  ASSERT_TRUE(first.ok) << first.error;
  const Bytes first_bytes = read_file(first.path);
  Receipt other = sample_receipt();
  other.lines.push_back({"第二张"});
  const PrintResult second = printer.print(other);
  ASSERT_TRUE(second.ok) << second.error;
  EXPECT_NE(first.path, second.path);
  EXPECT_EQ(read_file(first.path), first_bytes);
  EXPECT_TRUE(fs::exists(second.path));
}

TEST_F(PngReceiptPrinterTest, TwoPrintersInOneDirectoryNeverOverwriteEachOther) {
  PngReceiptPrinter a(dir_.path(), kFont);
  PngReceiptPrinter b(dir_.path(), kFont);
  std::vector<std::string> paths;
  for (int i = 0; i < 3; ++i) {
    paths.push_back(a.print(sample_receipt()).path);
    paths.push_back(b.print(sample_receipt()).path);
  }
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(std::unique(paths.begin(), paths.end()), paths.end());
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()), 6);
}

TEST_F(PngReceiptPrinterTest, CreatesAMissingOutputDirectory) {
  const std::string out = dir_.file("receipts/2026");
  PngReceiptPrinter printer(out, kFont);
  const PrintResult res = printer.print(sample_receipt());
  ASSERT_TRUE(res.ok) << res.error;
  EXPECT_EQ(fs::path(res.path).parent_path(), fs::path(out));
}

TEST_F(PngReceiptPrinterTest, UnwritableDirectoryReportsAnErrorInsteadOfThrowing) {
  // A path below a regular file: unwritable even for root, unlike a chmod 0500 directory.
  const std::string blocker = dir_.file("not-a-dir");
  std::ofstream(blocker) << "x";
  PngReceiptPrinter printer(blocker + "/receipts", kFont);
  PrintResult res;
  ASSERT_NO_THROW(res = printer.print(sample_receipt()));
  EXPECT_FALSE(res.ok);
  EXPECT_FALSE(res.error.empty());
}

TEST_F(PngReceiptPrinterTest, MissingFontReportsAnErrorAndWritesNothing) {
  PngReceiptPrinter printer(dir_.path(), dir_.file("no-such-font.ttc"));
  const PrintResult res = printer.print(sample_receipt());
  EXPECT_FALSE(res.ok);
  EXPECT_NE(res.error.find("font"), std::string::npos) << res.error;
  EXPECT_TRUE(fs::is_empty(dir_.path()));
}

TEST_F(PngReceiptPrinterTest, FileThatIsNotAFontReportsAnError) {
  const std::string bogus = dir_.file("bogus.ttc");
  std::ofstream(bogus) << "this is not a font file at all";
  PngReceiptPrinter printer(dir_.file("out"), bogus);
  const PrintResult res = printer.print(sample_receipt());
  EXPECT_FALSE(res.ok);
  EXPECT_FALSE(res.error.empty());
}

TEST_F(PngReceiptPrinterTest, QrTextTooLongReportsAnErrorInsteadOfThrowing) {
  Receipt r = sample_receipt();
  r.qr_text = std::string(3000, 'a');
  PngReceiptPrinter printer(dir_.path(), kFont);
  PrintResult res;
  ASSERT_NO_THROW(res = printer.print(r));
  EXPECT_FALSE(res.ok);
  EXPECT_FALSE(res.error.empty());
  EXPECT_TRUE(fs::is_empty(dir_.path()));
}

// ---- ESC/POS ------------------------------------------------------------------------------------

TEST(EscPosBytes, StartsWithInitThenChineseMode) {
  const Bytes b = escpos_bytes(sample_receipt());
  ASSERT_GE(b.size(), 4u);
  EXPECT_EQ(Bytes(b.begin(), b.begin() + 4), (Bytes{0x1B, 0x40, 0x1C, 0x26}));
}

TEST(EscPosBytes, ChineseTextIsGb18030NotUtf8) {
  const Bytes b = escpos_bytes(sample_receipt());
  EXPECT_TRUE(contains(b, {0xBB, 0xD8, 0xD6, 0xB4})) << "回执 in GB18030";
  EXPECT_FALSE(contains(b, bytes_of("回执"))) << "UTF-8 must not reach the printer";
}

TEST(EscPosBytes, LargeLinesAreDoubleSizeThenSizeResets) {
  Receipt r;
  r.lines = {{"取件码：384920", true}, {"normal"}};
  const Bytes b = escpos_bytes(r);
  const std::size_t big = find_bytes(b, Bytes{0x1D, 0x21, 0x11, 0xC8, 0xA1});  // GS ! 0x11 then 取
  ASSERT_NE(big, std::string::npos);
  EXPECT_NE(find_bytes(b, Bytes{0x1D, 0x21, 0x00, 'n', 'o', 'r', 'm', 'a', 'l', 0x0A}, big), std::string::npos);
}

TEST(EscPosBytes, TitleIsCentered) {
  const Bytes b = escpos_bytes(sample_receipt());
  const std::size_t center = find_bytes(b, Bytes{0x1B, 0x61, 0x01});
  const std::size_t title = find_bytes(b, Bytes{0xC7, 0xE0, 0xC9, 0xBD});  // 青山
  ASSERT_NE(center, std::string::npos);
  ASSERT_NE(title, std::string::npos);
  EXPECT_LT(center, title);
}

TEST(EscPosBytes, QrCodeIsStoredAsModel2ThenPrinted) {
  const Bytes b = escpos_bytes(sample_receipt());
  const auto len = static_cast<unsigned char>(kQrText.size() + 3);
  Bytes store = {0x1D, 0x28, 0x6B, len, 0x00, 0x31, 0x50, 0x30};
  store.insert(store.end(), kQrText.begin(), kQrText.end());
  const std::size_t model = find_bytes(b, {0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00});
  const std::size_t stored = find_bytes(b, store);
  const std::size_t printed = find_bytes(b, {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});
  ASSERT_NE(model, std::string::npos);
  ASSERT_NE(stored, std::string::npos);
  ASSERT_NE(printed, std::string::npos);
  EXPECT_LT(model, stored);
  EXPECT_LT(stored, printed);
}

TEST(EscPosBytes, NoQrTextMeansNoQrCommands) {
  Receipt r = sample_receipt();
  r.qr_text.clear();
  EXPECT_FALSE(contains(escpos_bytes(r), {0x1D, 0x28, 0x6B}));
}

TEST(EscPosBytes, EndsWithFeedAndPartialCut) {
  const Bytes b = escpos_bytes(sample_receipt());
  ASSERT_GE(b.size(), 4u);
  EXPECT_EQ(Bytes(b.end() - 4, b.end()), (Bytes{0x1D, 0x56, 0x42, 0x00}));
}

TEST(EscPosBytes, ControlBytesInTextCannotSmuggleCommands) {
  Receipt r;
  r.lines = {{"王强祥\x1B@\x1DV\x00"}};
  const Bytes b = escpos_bytes(r);
  EXPECT_EQ(find_bytes(b, {0x1B, 0x40}, 1), std::string::npos) << "only the initial ESC @";
  // GS only from our own commands: size before the line, size reset after the lines, the cut.
  EXPECT_EQ(std::count(b.begin(), b.end(), 0x1D), 3);
  EXPECT_TRUE(contains(b, bytes_of(" @ V\n")));
}

TEST(EscPosBytes, MalformedUtf8PrintsAQuestionMarkAndKeepsTheRest) {
  Receipt r;
  r.lines = {{"A\xFF" "B"}};
  EXPECT_TRUE(contains(escpos_bytes(r), bytes_of("A?B\n")));
}

TEST(EscPosBytes, QrTextTooLongThrows) {
  Receipt r;
  r.qr_text = std::string(3000, 'a');
  EXPECT_THROW(escpos_bytes(r), std::runtime_error);
}

TEST(EscPosPrinter, WritingToAFilePathProducesExactlyTheBytes) {
  TempDir dir;
  const std::string path = dir.file("lp0");
  EscPosPrinter printer(path);
  const PrintResult res = printer.print(sample_receipt());
  ASSERT_TRUE(res.ok) << res.error;
  EXPECT_EQ(res.path, path);
  EXPECT_EQ(read_file(path), escpos_bytes(sample_receipt()));
}

TEST(EscPosPrinter, SecondReceiptIsAppendedLikeOnAPrinterDevice) {
  TempDir dir;
  const std::string path = dir.file("lp0");
  EscPosPrinter printer(path);
  ASSERT_TRUE(printer.print(sample_receipt()).ok);
  ASSERT_TRUE(printer.print(sample_receipt()).ok);
  Bytes twice = escpos_bytes(sample_receipt());
  const Bytes once = twice;
  twice.insert(twice.end(), once.begin(), once.end());
  EXPECT_EQ(read_file(path), twice);
}

TEST(EscPosPrinter, UnpluggedDeviceUnderDevIsReportedAndNotCreated) {
  const std::string path = "/dev/vsk-test-no-printer-" + std::to_string(std::random_device{}());
  EscPosPrinter printer(path);
  const PrintResult res = printer.print(sample_receipt());
  const bool created = fs::exists(path);
  if (created) fs::remove(path);
  EXPECT_FALSE(res.ok);
  EXPECT_FALSE(res.error.empty());
  EXPECT_FALSE(created);
}

TEST(EscPosPrinter, MissingDirectoryIsReportedNotThrown) {
  TempDir dir;
  EscPosPrinter printer(dir.file("no/such/dir/lp0"));
  PrintResult res;
  ASSERT_NO_THROW(res = printer.print(sample_receipt()));
  EXPECT_FALSE(res.ok);
  EXPECT_NE(res.error.find("no/such/dir/lp0"), std::string::npos) << res.error;
}

TEST(EscPosPrinter, QrTextTooLongIsReportedAndNothingIsWritten) {
  TempDir dir;
  Receipt r = sample_receipt();
  r.qr_text = std::string(3000, 'a');
  EscPosPrinter printer(dir.file("lp0"));
  const PrintResult res = printer.print(r);
  EXPECT_FALSE(res.ok);
  EXPECT_FALSE(fs::exists(dir.file("lp0")));
}
