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

// Forty operations of one kiosk, seqs (40b, 40b+40], as a batch of the outbox.
std::vector<sync::Operation> batch_ops(const ProtocolKiosk& k, int b, int per_batch = 40) {
  std::vector<sync::Operation> ops;
  for (int j = 1; j <= per_batch; ++j) {
    const int seq = b * per_batch + j;
    // Ten request numbers shared by all kiosks of a village: their upserts collide.
    ops.push_back(ProtocolKiosk::op(seq, k.device + "-" + std::to_string(seq), "QS1-1123-00" + std::to_string(seq % 10)));
  }
  return ops;
}

// Why a delivery refused as "replayed" must be sent again (as the kiosk's next round does):
// two senders of one kiosk take counters and deliver in an order where both copies of
// batch 1 come after a higher counter. Neither stores anything, and acked_seq stops at the
// gap, so the kiosk re-sends from there and nothing is lost. (CI once saw exactly this in
// the race below, which then assumed one twin of every batch always lands.)
TEST_P(TownshipConcurrency, BothTwinsOfABatchRefusedAsReplayedLeaveAckedSeqAtTheGap) {
  auto k = enrolled("青山村");
  const std::string a_b0 = k->push(batch_ops(*k, 0));  // counter 1
  const std::string a_b1 = k->push(batch_ops(*k, 1));  // counter 2
  const std::string b_b0 = k->push(batch_ops(*k, 0));  // counter 3
  const std::string b_b1 = k->push(batch_ops(*k, 1));  // counter 4
  const std::string a_b2 = k->push(batch_ops(*k, 2));  // counter 5
  EXPECT_EQ(k->open_push(town.service.handle_envelope(b_b0).body)->acked_seq, 40);
  EXPECT_EQ(town.service.handle_envelope(a_b0).code, "replayed");
  EXPECT_EQ(town.service.handle_envelope(a_b1).code, "replayed");
  const auto after_b2 = k->open_push(town.service.handle_envelope(a_b2).body);
  ASSERT_TRUE(after_b2);
  EXPECT_EQ(after_b2->results.at(0).outcome, sync::OpOutcome::kAccepted);
  EXPECT_EQ(after_b2->acked_seq, 40);  // seqs 41..80 are not there: the kiosk must not drop them
  EXPECT_EQ(town.service.handle_envelope(b_b1).code, "replayed");
  EXPECT_EQ(town.op_count(), 80);
  const auto retried = k->open_push(town.service.handle_envelope(k->push(batch_ops(*k, 1))).body);
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->acked_seq, 120);
  EXPECT_EQ(town.op_count(), 120);
}

TEST_P(TownshipConcurrency, EveryOperationLandsOnceWhenBatchesArriveTwiceAtOnce) {
  constexpr int kKiosks = 6, kBatches = 5, kPerBatch = 40, kMaxRetries = 50;
  std::vector<std::unique_ptr<ProtocolKiosk>> kiosks;
  for (int i = 0; i < kKiosks; ++i) kiosks.push_back(enrolled(i % 2 ? "绿水村" : "青山村"));
  std::mutex m;
  std::vector<std::string> failures;
  int replayed = 0;
  // One delivery of a batch; refused as replayed (another sender of this kiosk got a higher
  // counter in first: nothing was stored), it goes again with a new counter, as the kiosk's
  // next round would send what is not acknowledged.
  auto deliver = [&](ProtocolKiosk& k, int b) {
    for (int attempt = 0; attempt <= kMaxRetries; ++attempt) {
      const auto r = town.service.handle_envelope(k.push(batch_ops(k, b, kPerBatch)));
      std::lock_guard lock(m);
      if (r.code == "replayed") {
        ++replayed;
        continue;
      }
      if (!r.ok() || !k.open_push(r.body)) failures.push_back(std::to_string(r.status) + " " + r.body + " " + r.log_detail);
      return;
    }
    std::lock_guard lock(m);
    failures.push_back("batch " + std::to_string(b) + " refused as replayed " + std::to_string(kMaxRetries) + " times");
  };
  std::latch start(kKiosks * 2);
  std::vector<std::thread> threads;
  for (int i = 0; i < kKiosks; ++i)
    for (int twin = 0; twin < 2; ++twin)
      threads.emplace_back([&, i] {
        ProtocolKiosk& k = *kiosks[static_cast<std::size_t>(i)];
        start.arrive_and_wait();
        for (int b = 0; b < kBatches; ++b) deliver(k, b);
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
