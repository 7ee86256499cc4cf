// The real serial port and GA/T 467 code against the emulator on a pseudo-terminal.
#include "fake/id_card_emulator.h"
#include "linux/gat467_codec.h"
#include "linux/gat467_reader.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>

namespace {

using vsk::platform::CardRead;
using vsk::platform::CardReadStatus;
using vsk::platform::Gat467Options;
using vsk::platform::Gat467Reader;
using vsk::platform::IdCardEmulator;
using vsk::platform::load_hex_frame;
namespace gat467 = vsk::platform::gat467;
using Bytes = std::vector<std::uint8_t>;

Bytes fixture(const std::string& name) { return load_hex_frame(std::string(VSK_FIXTURES_DIR) + "/idcard/" + name); }

// Short timeouts: the emulator answers at once, and the fault tests wait them out.
Gat467Options options_for(const std::string& link) {
  Gat467Options o;
  o.devices = {link};
  o.answer_timeout_ms = 400;
  o.gap_timeout_ms = 100;
  return o;
}

struct ReaderOnPty : ::testing::Test {
  vsk::test_support::TempDir dir;
  std::string link = dir.file("ttyUSB0");
};

TEST(Gat467Codec, CommandFramesCarryPreambleLengthAndXor) {
  // The find-card command as every reader manual prints it.
  EXPECT_EQ(gat467::encode_command(gat467::kFindCard), (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22}));
  EXPECT_EQ(gat467::encode_command(gat467::kReadBaseMessage), (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32}));
}

TEST(Gat467Codec, ScanSkipsGarbageBeforeTheFrame) {
  Bytes buf = {0x00, 0x13, 0xAA};
  const Bytes frame = {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x9F, 0x9B};
  buf.insert(buf.end(), frame.begin(), frame.end());
  const gat467::Scan s = gat467::scan_frame(buf);
  ASSERT_EQ(s.status, gat467::ScanStatus::kFrame);
  EXPECT_EQ(s.skipped, 3u);
  EXPECT_EQ(s.consumed, buf.size());
  EXPECT_EQ(gat467::answer_of(s.body).sw3, 0x9F);
}

TEST(Gat467Codec, IncompleteFrameAsksForMoreAndKeepsAPossiblePreamble) {
  EXPECT_EQ(gat467::scan_frame({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x05}).status, gat467::ScanStatus::kIncomplete);
  const gat467::Scan s = gat467::scan_frame({0x01, 0x02, 0xAA, 0xAA});
  EXPECT_EQ(s.status, gat467::ScanStatus::kIncomplete);
  EXPECT_EQ(s.skipped, 2u);
}

TEST(Gat467Codec, ImpossibleLengthIsRefusedBeforeBuffering) {
  EXPECT_EQ(gat467::scan_frame({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xFF}).status, gat467::ScanStatus::kBadLength);
  EXPECT_EQ(gat467::scan_frame({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x01, 0x00}).status, gat467::ScanStatus::kBadLength);
}

TEST(Gat467Codec, RecordedReadAnswerDecodesEveryField) {
  const gat467::Scan s = gat467::scan_frame(fixture("wang_qiangxiang.hex"));
  ASSERT_EQ(s.status, gat467::ScanStatus::kFrame);
  const gat467::Answer a = gat467::answer_of(s.body);
  EXPECT_EQ(a.sw3, gat467::kOk);
  const vsk::platform::IdCard c = gat467::parse_base_message(a.data);
  EXPECT_EQ(c.name, "王强祥");
  EXPECT_EQ(c.sex, "男");
  EXPECT_EQ(c.nation, "汉");
  EXPECT_EQ(c.birth, "19640203");
  EXPECT_EQ(c.address, "白云镇青山村第二网格18号");
  EXPECT_EQ(c.id_number, "339901196402033751");
  EXPECT_EQ(c.issuer, "青山县公安局");
  EXPECT_EQ(c.valid_from, "20200315");
  EXPECT_EQ(c.valid_to, "20400315");
}

TEST(Gat467Codec, LongTermCardAndOtherNation) {
  const gat467::Scan s = gat467::scan_frame(fixture("zhang_caigui_long_term.hex"));
  const vsk::platform::IdCard c = gat467::parse_base_message(gat467::answer_of(s.body).data);
  EXPECT_EQ(c.sex, "女");
  EXPECT_EQ(c.nation, "壮");
  EXPECT_EQ(c.id_number, "33990119700318256X");
  EXPECT_EQ(c.valid_to, "长期");
}

TEST(Gat467Codec, BaseMessageWhoseLengthsDoNotAddUpIsRefused) {
  Bytes data = {0x01, 0x00, 0x04, 0x00};
  data.resize(4 + 256 + 100, 0x20);  // photo cut short
  EXPECT_THROW(gat467::parse_base_message(data), std::runtime_error);
  EXPECT_THROW(gat467::parse_base_message({0x00, 0x10, 0x00, 0x00}), std::runtime_error);
}

TEST(Gat467Codec, NationCodes) {
  EXPECT_EQ(gat467::nation_name("01"), "汉");
  EXPECT_EQ(gat467::nation_name("56"), "基诺");
  EXPECT_EQ(gat467::nation_name("97"), "其他");
  EXPECT_EQ(gat467::nation_name("77"), "77");
}

TEST_F(ReaderOnPty, ReadsTheCardOnTheReader) {
  IdCardEmulator emu(link);
  emu.place_card(fixture("wang_qiangxiang.hex"));
  Gat467Reader reader(options_for(link));
  const CardRead r = reader.read();
  ASSERT_EQ(r.status, CardReadStatus::kCard) << r.error;
  EXPECT_EQ(r.card.id_number, "339901196402033751");
  EXPECT_EQ(r.card.name, "王强祥");
  EXPECT_EQ(reader.device(), link);
  EXPECT_EQ(emu.commands_seen(), 3);  // find, select, read
}

TEST_F(ReaderOnPty, EmptyReaderSaysNoCardAndAskesOnlyFind) {
  IdCardEmulator emu(link);
  Gat467Reader reader(options_for(link));
  const CardRead r = reader.read();
  EXPECT_EQ(r.status, CardReadStatus::kNoCard) << r.error;
  EXPECT_TRUE(r.error.empty());
  EXPECT_EQ(emu.commands_seen(), 1);
}

TEST_F(ReaderOnPty, NoDeviceIsNoReaderWithThePathInTheMessage) {
  Gat467Reader reader(options_for(link));
  const CardRead r = reader.read();
  EXPECT_EQ(r.status, CardReadStatus::kNoReader);
  EXPECT_NE(r.error.find("ttyUSB0"), std::string::npos) << r.error;
}

TEST_F(ReaderOnPty, ANonSerialFileIsNoReader) {
  { std::ofstream(dir.file("plain")) << "x"; }
  Gat467Options o = options_for(dir.file("plain"));
  const CardRead r = Gat467Reader(o).read();
  EXPECT_EQ(r.status, CardReadStatus::kNoReader);
  EXPECT_NE(r.error.find("not a serial device"), std::string::npos) << r.error;
}

TEST_F(ReaderOnPty, GarbageAnswerIsAReaderErrorAndTheNextReadWorksAgain) {
  IdCardEmulator emu(link);
  emu.place_card(fixture("wang_qiangxiang.hex"));
  emu.set_fault(IdCardEmulator::Fault::kGarbage);
  Gat467Reader reader(options_for(link));
  const CardRead r = reader.read();
  EXPECT_EQ(r.status, CardReadStatus::kReaderError);
  EXPECT_NE(r.error.find("garbage"), std::string::npos) << r.error;
  emu.set_fault(IdCardEmulator::Fault::kNone);
  EXPECT_EQ(reader.read().status, CardReadStatus::kCard);
}

TEST_F(ReaderOnPty, TruncatedAnswerIsAReaderError) {
  IdCardEmulator emu(link);
  emu.place_card(fixture("wang_qiangxiang.hex"));
  emu.set_fault(IdCardEmulator::Fault::kTruncated);
  const CardRead r = Gat467Reader(options_for(link)).read();
  EXPECT_EQ(r.status, CardReadStatus::kReaderError);
  EXPECT_NE(r.error.find("truncated"), std::string::npos) << r.error;
}

TEST_F(ReaderOnPty, BadChecksumIsAReaderError) {
  IdCardEmulator emu(link);
  emu.place_card(fixture("wang_qiangxiang.hex"));
  emu.set_fault(IdCardEmulator::Fault::kBadChecksum);
  const CardRead r = Gat467Reader(options_for(link)).read();
  EXPECT_EQ(r.status, CardReadStatus::kReaderError);
  EXPECT_NE(r.error.find("checksum"), std::string::npos) << r.error;
}

TEST_F(ReaderOnPty, SilentDeviceTimesOut) {
  IdCardEmulator emu(link);
  emu.set_fault(IdCardEmulator::Fault::kSilent);
  const auto t0 = std::chrono::steady_clock::now();
  const CardRead r = Gat467Reader(options_for(link)).read();
  const auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(r.status, CardReadStatus::kReaderError);
  EXPECT_NE(r.error.find("no answer"), std::string::npos) << r.error;
  EXPECT_LT(waited, std::chrono::seconds(3));  // bounded, not forever
}

TEST_F(ReaderOnPty, ErrorStatusFromTheReaderIsNamed) {
  IdCardEmulator emu(link);
  emu.place_card(fixture("wang_qiangxiang.hex"));
  emu.set_fault(IdCardEmulator::Fault::kReadFailStatus);
  const CardRead r = Gat467Reader(options_for(link)).read();
  EXPECT_EQ(r.status, CardReadStatus::kReaderError);
  EXPECT_NE(r.error.find("0x41"), std::string::npos) << r.error;
}

TEST_F(ReaderOnPty, UnpluggedMidReadThenPluggedBackIn) {
  Gat467Reader reader(options_for(link));
  {
    IdCardEmulator emu(link);
    emu.place_card(fixture("wang_qiangxiang.hex"));
    emu.set_fault(IdCardEmulator::Fault::kVanishMidRead);
    const CardRead r = reader.read();
    EXPECT_EQ(r.status, CardReadStatus::kNoReader);
    EXPECT_NE(r.error.find("unplugged"), std::string::npos) << r.error;
  }
  EXPECT_EQ(reader.read().status, CardReadStatus::kNoReader);  // nothing plugged in
  // Plugged back in: a new pty (another /dev/pts number) behind the same name.
  IdCardEmulator again(link);
  again.place_card(fixture("wang_qiangxiang.hex"));
  const CardRead r = reader.read();
  ASSERT_EQ(r.status, CardReadStatus::kCard) << r.error;
  EXPECT_EQ(r.card.id_number, "339901196402033751");
}

TEST_F(ReaderOnPty, UnpluggedWhileIdle) {
  Gat467Reader reader(options_for(link));
  auto emu = std::make_unique<IdCardEmulator>(link);
  ASSERT_EQ(reader.read().status, CardReadStatus::kNoCard);
  emu->unplug();
  const CardRead r = reader.read();
  EXPECT_EQ(r.status, CardReadStatus::kNoReader) << r.error;
}

TEST_F(ReaderOnPty, GlobPatternFindsTheReaderAmongOtherDevices) {
  IdCardEmulator other(dir.file("ttyUSB0"));  // something else on a serial port: silent
  other.set_fault(IdCardEmulator::Fault::kSilent);
  IdCardEmulator emu(dir.file("ttyUSB1"));
  emu.place_card(fixture("wang_qiangxiang.hex"));
  Gat467Options o = options_for(dir.file("ttyUSB*"));
  Gat467Reader reader(o);
  const CardRead r = reader.read();
  ASSERT_EQ(r.status, CardReadStatus::kCard) << r.error;
  EXPECT_EQ(reader.device(), dir.file("ttyUSB1"));
}

}  // namespace
