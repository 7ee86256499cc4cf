// Opening the staff queue with 50,000 requests in the database: the page query (most urgent
// first, one filter) plus the per-status and overdue counts, as RequestFlow::open_queue runs them.
#include <benchmark/benchmark.h>

#include "core/date.h"
#include "fake/fake_pin_hasher.h"
#include "fake/fixed_key_pii_cipher.h"
#include "store/demo_seeder.h"
#include "store/kiosk_store.h"
#include "support/temp_dir.h"

using namespace vsk;

namespace {

constexpr int kRequests = 50000;

// A village database with kRequests requests spread over 400 days and every status.
struct BigQueue {
  test_support::TempDir dir;
  platform::FixedKeyPiiCipher cipher;
  store::KioskStore store{dir.file("kiosk.db"), cipher};
  BigQueue() {
    platform::FakePinHasher hasher;
    store::seed_demo_village(store, hasher, core::generate_demo_village());
    const auto residents = store.residents().list(2000, 0);
    const char* const services[] = {"facility_repair", "residence_certificate", "dibao_tekun", "suggestion"};
    const core::RequestStatus statuses[] = {
        core::RequestStatus::kAccepted,  core::RequestStatus::kInProgress, core::RequestStatus::kWaitingResident,
        core::RequestStatus::kEscalated, core::RequestStatus::kCompleted,  core::RequestStatus::kCompleted,
        core::RequestStatus::kCompleted, core::RequestStatus::kRejected};
    auto tx = store.begin();
    for (int i = 0; i < kRequests; ++i) {
      const core::Date day = core::add_days({2025, 10, 20}, i * 400 / kRequests);
      store::NewRequest r;
      r.number = core::format_date(day) + "-" + std::to_string(i);
      r.service_id = services[i % 4];
      r.resident_id = residents[static_cast<size_t>(i) % residents.size()].id;
      r.grid_id = residents[static_cast<size_t>(i) % residents.size()].grid_id;
      r.pickup_code = "000000";
      r.at = core::to_days(day) * 86400;
      r.due_date = core::format_date(core::add_days(day, 7));
      r.fields = {{"phone", "13800138000"}};
      const auto id = store.requests().insert(tx, r);
      const core::RequestStatus to = statuses[i % 8];
      if (i % 9 != 0)  // one in nine stays submitted
        store.requests().append_event(tx, id, {core::RequestEventKind::kAccept, core::RequestStatus::kSubmitted, to,
                                               r.at + 3600, std::nullopt, false, ""});
    }
    tx.commit();
  }
};

BigQueue& big() {
  static BigQueue q;
  return q;
}

void BM_OpenStaffQueue50k(benchmark::State& state) {
  auto& s = big().store;
  for (auto _ : state) {
    store::QueueFilter f;
    f.today = "2026-11-23";
    f.open_only = true;
    f.limit = 7;
    benchmark::DoNotOptimize(s.requests().queue(f));
    benchmark::DoNotOptimize(s.requests().counts("2026-11-23"));
  }
  state.counters["requests"] = static_cast<double>(s.requests().count());
}
BENCHMARK(BM_OpenStaffQueue50k)->Unit(benchmark::kMillisecond);

void BM_QueueOverdueFilter50k(benchmark::State& state) {
  auto& s = big().store;
  for (auto _ : state) {
    store::QueueFilter f;
    f.today = "2026-11-23";
    f.overdue_only = true;
    f.limit = 7;
    benchmark::DoNotOptimize(s.requests().queue(f));
  }
}
BENCHMARK(BM_QueueOverdueFilter50k)->Unit(benchmark::kMillisecond);

void BM_QueueByGrid50k(benchmark::State& state) {
  auto& s = big().store;
  for (auto _ : state) {
    store::QueueFilter f;
    f.today = "2026-11-23";
    f.open_only = true;
    f.grid_id = 3;
    f.limit = 7;
    benchmark::DoNotOptimize(s.requests().queue(f));
  }
}
BENCHMARK(BM_QueueByGrid50k)->Unit(benchmark::kMillisecond);

}  // namespace
