// The card poller between the real reader (on the pty emulator) and the UI thread, and the
// runtime file the heartbeat reads crashes from.
#include "app/card_poller.h"
#include "app/hardware_monitor.h"
#include "app/kiosk_runtime.h"
#include "fake/id_card_emulator.h"
#include "linux/gat467_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "support/temp_dir.h"

namespace {

using namespace std::chrono_literals;
using vsk::platform::CardReadStatus;
using vsk::platform::IdCardEmulator;

std::vector<std::uint8_t> fixture(const std::string& name) {
  return vsk::platform::load_hex_frame(std::string(VSK_FIXTURES_DIR) + "/idcard/" + name);
}

// Polls take() for up to two seconds: the poller runs on its own thread.
std::optional<vsk::app::CardEvent> wait_for_card(vsk::app::CardPoller& p) {
  for (int i = 0; i < 100; ++i) {
    if (auto c = p.take()) return c;
    std::this_thread::sleep_for(20ms);
  }
  return std::nullopt;
}

// The real reader, counting its reads: "not reported again" is checked after more reads,
// not after a sleep. The poller handles a read's outcome before it reads again, so after
// n + 2 reads have returned, read n + 1 has been handled.
class CountingReader final : public vsk::platform::IdCardReader {
 public:
  explicit CountingReader(vsk::platform::IdCardReader& real) : real_(real) {}
  vsk::platform::CardRead read() override {
    vsk::platform::CardRead r = real_.read();
    std::lock_guard g(m_);
    ++reads_;
    cv_.notify_all();
    return r;
  }
  std::string device() const override { return real_.device(); }
  // Waits until `more` reads after this call have been handled (at most 10 s, then false).
  bool handled_more(int more) {
    std::unique_lock g(m_);
    const std::uint64_t target = reads_ + static_cast<std::uint64_t>(more) + 1;
    return cv_.wait_for(g, 10s, [&] { return reads_ >= target; });
  }

 private:
  vsk::platform::IdCardReader& real_;
  std::mutex m_;
  std::condition_variable cv_;
  std::uint64_t reads_ = 0;
};

struct CardPollerTest : ::testing::Test {
  vsk::test_support::TempDir dir;
  IdCardEmulator emu{dir.file("ttyUSB0")};
  vsk::platform::Gat467Reader real_reader{[this] {
    vsk::platform::Gat467Options o;
    o.devices = {dir.file("ttyUSB0")};
    o.answer_timeout_ms = 300;
    return o;
  }()};
  CountingReader reader{real_reader};
  vsk::app::HardwareMonitor monitor{nullptr};
  vsk::app::CardPoller poller{reader, &monitor, 20ms, 50ms};
};

TEST_F(CardPollerTest, ACardLaidOnIsOneEventWhileActive) {
  poller.start();
  poller.set_active(true);
  emu.place_card(fixture("wang_qiangxiang.hex"));
  const auto c = wait_for_card(poller);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id_number, "339901196402033751");
  EXPECT_EQ(c->valid_to, "20400315");
  ASSERT_TRUE(reader.handled_more(3));  // still lying there: not repeated
  EXPECT_FALSE(poller.take());
  EXPECT_EQ(monitor.reader_state(), CardReadStatus::kCard);
  EXPECT_TRUE(monitor.reader_configured());
  // Taken off and laid on again: a new event.
  emu.remove_card();
  for (int i = 0; i < 100 && monitor.reader_state() != CardReadStatus::kNoCard; ++i) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(monitor.reader_state(), CardReadStatus::kNoCard);
  emu.place_card(fixture("wang_qiangxiang.hex"));
  EXPECT_TRUE(wait_for_card(poller));
}

TEST_F(CardPollerTest, NoEventWhileNoScreenWaitsForANumber) {
  emu.place_card(fixture("wang_qiangxiang.hex"));
  poller.start();
  ASSERT_TRUE(reader.handled_more(3));  // read while lying there, with no screen waiting
  EXPECT_FALSE(poller.take());
  // The identify step opens with the card already on the reader: it counts.
  poller.set_active(true);
  EXPECT_TRUE(wait_for_card(poller));
}

TEST_F(CardPollerTest, AnUnpluggedReaderIsReportedAndNoEventComes) {
  poller.start();
  poller.set_active(true);
  for (int i = 0; i < 100 && monitor.reader_state() != CardReadStatus::kNoCard; ++i) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(vsk::app::reader_problem_key(monitor.reader_state(), monitor.reader_seen_working()), "");
  emu.unplug();
  for (int i = 0; i < 100 && monitor.reader_state() != CardReadStatus::kNoReader; ++i) std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(poller.take());
  EXPECT_EQ(monitor.reader_state(), CardReadStatus::kNoReader);
  EXPECT_EQ(vsk::app::reader_state_code(monitor.reader_state(), true), "no_reader");
  // It worked here before: staff are told on the admin home.
  EXPECT_EQ(vsk::app::reader_problem_key(monitor.reader_state(), monitor.reader_seen_working()), "admin.reader.gone");
}

TEST(ReaderProblem, AKioskThatNeverHadAReaderIsFine) {
  EXPECT_EQ(vsk::app::reader_problem_key(CardReadStatus::kNoReader, false), "");
  EXPECT_EQ(vsk::app::reader_problem_key(CardReadStatus::kReaderError, true), "admin.reader.error");
  EXPECT_EQ(vsk::app::reader_problem_key(CardReadStatus::kCard, true), "");
}

TEST(KioskRuntime, AKilledRunIsCountedOnceAtTheNextStart) {
  vsk::test_support::TempDir dir;
  vsk::app::start_kiosk_runtime(dir.path(), 1000, "1280x800");
  vsk::app::end_kiosk_runtime(dir.path());
  vsk::app::start_kiosk_runtime(dir.path(), 2000, "1280x800");  // clean before: no crash
  EXPECT_EQ(vsk::app::unreported_crashes(dir.path()), 0);
  // This run is killed (no end); the next start counts it.
  vsk::app::start_kiosk_runtime(dir.path(), 3000, "1280x800");
  EXPECT_EQ(vsk::app::unreported_crashes(dir.path()), 1);
  vsk::app::update_kiosk_hardware(dir.path(), "paper_out", "ready");
  const auto r = vsk::app::read_kiosk_runtime(dir.path());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->started_at, 3000);
  EXPECT_EQ(r->printer, "paper_out");
  EXPECT_FALSE(r->clean);
  vsk::app::mark_crashes_reported(dir.path(), 1);
  EXPECT_EQ(vsk::app::unreported_crashes(dir.path()), 0);
}

}  // namespace
