// Many kiosks at once against one township, on SQLite and on PostgreSQL: every operation
// lands exactly once by (device, seq) and by op id even when a batch is delivered twice at
// the same moment, requests shared between kiosks are updated without losing an update, and
// of kiosks racing for one enrollment code exactly one gets it. The races are real: threads
// released together by a latch, the service called as the HTTP workers call it.
#include <gtest/gtest.h>

#include <latch>
#include <mutex>
#include <thread>

#include "protocol_kiosk.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

class TownshipConcurrency : public ::testing::TestWithParam<Backend> {
 protected:
  TestTownship town{GetParam()};

  std::unique_ptr<ProtocolKiosk> enrolled(const std::string& village) {
    auto k = std::make_unique<ProtocolKiosk>(town.service.public_key());
    const auto r = town.service.enroll(k->enroll_body(town.admin.create_enroll_code(village)));
    if (!k->enrolled(r.status, r.body)) throw std::runtime_error("enroll: " + r.body);
    return k;
  }
};

TEST_P(TownshipConcurrency, EveryOperationLandsOnceWhenBatchesArriveTwiceAtOnce) {
  constexpr int kKiosks = 6, kBatches = 5, kPerBatch = 40;
  std::vector<std::unique_ptr<ProtocolKiosk>> kiosks;
  for (int i = 0; i < kKiosks; ++i) kiosks.push_back(enrolled(i % 2 ? "绿水村" : "青山村"));
  std::mutex m;
  std::vector<std::string> failures;
  int replayed = 0;
  auto send = [&](ProtocolKiosk& k, const std::string& envelope) {
    const auto r = town.service.handle_envelope(envelope);
    std::lock_guard lock(m);
    if (r.code == "replayed") {
      ++replayed;  // the twin with the lower counter came second: refused, nothing stored twice
    } else if (!r.ok() || !k.open_push(r.body)) {
      failures.push_back(std::to_string(r.status) + " " + r.body + " " + r.log_detail);
    }
  };
  std::latch start(kKiosks * 2);
  std::vector<std::thread> threads;
  for (int i = 0; i < kKiosks; ++i)
    for (int twin = 0; twin < 2; ++twin)
      threads.emplace_back([&, i] {
        ProtocolKiosk& k = *kiosks[static_cast<std::size_t>(i)];
        start.arrive_and_wait();
        for (int b = 0; b < kBatches; ++b) {
          std::vector<sync::Operation> ops;
          for (int j = 1; j <= kPerBatch; ++j) {
            const int seq = b * kPerBatch + j;
            // Ten request numbers shared by all kiosks of a village: their upserts collide.
            ops.push_back(ProtocolKiosk::op(seq, k.device + "-" + std::to_string(seq), "QS1-1123-00" + std::to_string(seq % 10)));
          }
          send(k, k.push(std::move(ops)));
        }
      });
  for (auto& t : threads) t.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front();
  for (const auto& k : kiosks) {
    std::vector<std::string> expected;
    for (int seq = 1; seq <= kBatches * kPerBatch; ++seq) expected.push_back(k->device + "-" + std::to_string(seq));
    EXPECT_EQ(town.op_ids(k->device), expected);
    const auto r = town.service.handle_envelope(k->push({}));
    ASSERT_TRUE(r.ok()) << r.body;
    EXPECT_EQ(k->open_push(r.body)->acked_seq, kBatches * kPerBatch);
  }
  EXPECT_EQ(town.op_count(), kKiosks * kBatches * kPerBatch);
  for (const char* village : {"青山村", "绿水村"})
    for (int n = 0; n < 10; ++n) EXPECT_TRUE(town.request(village, "QS1-1123-00" + std::to_string(n)));
  RecordProperty("replayed_twins", replayed);
}

TEST_P(TownshipConcurrency, OfKiosksRacingForOneCodeExactlyOneEnrolls) {
  constexpr int kCodes = 20, kRacers = 4;
  for (int c = 0; c < kCodes; ++c) {
    const std::string code = town.admin.create_enroll_code("青山村");
    std::vector<std::unique_ptr<ProtocolKiosk>> racers;
    for (int i = 0; i < kRacers; ++i) racers.push_back(std::make_unique<ProtocolKiosk>(town.service.public_key()));
    std::latch start(kRacers);
    std::vector<township::Reply> replies(kRacers);
    std::vector<std::thread> threads;
    for (int i = 0; i < kRacers; ++i)
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        replies[static_cast<std::size_t>(i)] = town.service.enroll(racers[static_cast<std::size_t>(i)]->enroll_body(code));
      });
    for (auto& t : threads) t.join();
    int won = 0;
    for (const auto& r : replies) {
      if (r.ok()) {
        ++won;
      } else {
        EXPECT_EQ(r.code, "bad_enroll_code") << r.status << " " << r.body << " " << r.log_detail;
      }
    }
    EXPECT_EQ(won, 1) << "code " << c;
  }
  EXPECT_EQ(town.admin.stats()["kiosks"].size(), static_cast<std::size_t>(kCodes));
}

TEST_P(TownshipConcurrency, AnOpIdSentByTwoKiosksAtOnceIsKeptOnce) {
  auto a = enrolled("青山村");
  auto b = enrolled("青山村");
  for (int round = 1; round <= 20; ++round) {
    const std::string id = "shared-" + std::to_string(round);
    std::latch start(2);
    township::Reply ra, rb;
    std::thread ta([&] {
      start.arrive_and_wait();
      ra = town.service.handle_envelope(a->push({ProtocolKiosk::op(round, id)}));
    });
    std::thread tb([&] {
      start.arrive_and_wait();
      rb = town.service.handle_envelope(b->push({ProtocolKiosk::op(round, id)}));
    });
    ta.join();
    tb.join();
    ASSERT_TRUE(ra.ok() && rb.ok()) << ra.body << " " << ra.log_detail << " / " << rb.body << " " << rb.log_detail;
    const auto outcome_a = a->open_push(ra.body)->results.at(0).outcome;
    const auto outcome_b = b->open_push(rb.body)->results.at(0).outcome;
    // One of them holds it; the other is told it is there already, never that it is new.
    EXPECT_EQ((outcome_a == sync::OpOutcome::kAccepted) + (outcome_b == sync::OpOutcome::kAccepted), 1);
  }
  EXPECT_EQ(town.op_count(), 20);
}

INSTANTIATE_TEST_SUITE_P(Backends, TownshipConcurrency, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
