// The points system at scale: 5,000 residents and 1,000,000 ledger entries. Measures what the
// kiosk does when a resident opens 积分查询 (settle check, household balance and rank in the
// village and grid, the resident's own balance), reporting median and p99, and the full hash
// chain verification that `kioskctl points verify` runs.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "fake/fake_pin_hasher.h"
#include "fake/fixed_key_pii_cipher.h"
#include "store/demo_seeder.h"
#include "store/kiosk_store.h"
#include "support/temp_dir.h"

using namespace vsk;

namespace {

constexpr int kResidents = 5000;
constexpr int kEntries = 1'000'000;
constexpr std::int64_t kNow = 1795399200;  // 2026-11-23 10:00 China time
constexpr std::int64_t kDay = 86400;

struct BigLedger {
  test_support::TempDir dir;
  platform::FixedKeyPiiCipher cipher;
  store::KioskStore store{dir.file("kiosk.db"), cipher};
  std::vector<std::pair<std::int64_t, std::int64_t>> people;  // resident id, household id
  BigLedger() {
    platform::FakePinHasher hasher;
    store::seed_demo_village(store, hasher, core::generate_demo_village());
    {
      // Top the demo village up to kResidents residents, three to a new household.
      auto tx = store.begin();
      std::int64_t household = 0;
      for (int i = static_cast<int>(store.residents().count()); i < kResidents; ++i) {
        if (i % 3 == 0 || household == 0) {
          tx.db().prepare("INSERT INTO households(grid_id, address) VALUES(?1, ?2)")
              .bind(1, 1 + i % 8).bind(2, std::string("青山村新区").append(std::to_string(i / 3)).append("号")).run();
          household = tx.db().last_insert_rowid();
        }
        store::ResidentRecord r;
        r.household_id = household;
        r.name = std::string("测试").append(std::to_string(i));
        r.gender = "M";
        r.id_number = std::to_string(991000000000000000LL + i);  // 18 digits, unique
        r.birth_date = "1970-01-01";
        r.relation = "户主";
        store.residents().insert(tx, r);
      }
      tx.commit();
    }
    for (const auto& r : store.residents().keys()) people.emplace_back(r.id, r.household_id);
    // A year (and more) of entries; the newest 2% still in notice.
    std::uint64_t rng = 7;
    for (int done = 0; done < kEntries;) {
      auto tx = store.begin();
      for (int i = 0; i < 50'000 && done < kEntries; ++i, ++done) {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        const auto& [rid, hid] = people[(rng >> 33) % people.size()];
        store::NewPointsEntry e;
        e.at = kNow - (kEntries - done) * 60;
        e.household_id = hid;
        if (rng & 1) e.resident_id = rid;
        e.rule_id = "volunteer_service";
        e.delta = (rng >> 8) % 5 == 0 ? -2 : 5;
        e.staff_id = 2;
        e.final_now = done < kEntries * 98 / 100;
        if (!e.final_now) e.due_at = e.at + 7 * kDay;
        store.points().append(tx, e);
      }
      tx.commit();
    }
  }
};

BigLedger& big() {
  static BigLedger b;
  return b;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

// What 积分查询 reads after identification: due check, household standing (balance, rank in
// village and grid), the resident's balance.
void BM_PointsBalanceAndRank(benchmark::State& state) {
  auto& b = big();
  std::vector<double> us;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [rid, hid] = b.people[(i++ * 7919) % b.people.size()];
    const auto t0 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(b.store.points().has_due(kNow));
    benchmark::DoNotOptimize(b.store.points().household_standing(hid));
    benchmark::DoNotOptimize(b.store.points().resident_balance(rid));
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  state.counters["median_us"] = percentile(us, 0.5);
  state.counters["p99_us"] = percentile(us, 0.99);
  state.counters["entries"] = static_cast<double>(b.store.points().count());
  state.counters["residents"] = static_cast<double>(b.store.residents().count());
}
BENCHMARK(BM_PointsBalanceAndRank)->Iterations(20000)->Unit(benchmark::kMicrosecond);

// The first page of a household's history (what the history screen shows).
void BM_PointsHistoryPage(benchmark::State& state) {
  auto& b = big();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [rid, hid] = b.people[(i++ * 7919) % b.people.size()];
    benchmark::DoNotOptimize(b.store.points().household_history(hid, 6, 0));
  }
}
BENCHMARK(BM_PointsHistoryPage)->Unit(benchmark::kMicrosecond);

void BM_PointsVerifyChain1M(benchmark::State& state) {
  auto& b = big();
  for (auto _ : state) {
    const auto r = b.store.points().verify();
    if (!r.ok || r.entries != kEntries) state.SkipWithError("chain did not verify");
  }
}
BENCHMARK(BM_PointsVerifyChain1M)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
