// The points ledger's hash chain against tampering with the SQLite file itself (another
// connection that drops the append-only triggers first, as an attacker with the file could).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "support/village_fixture.h"
#include "app/demo_points.h"
#include "crypto/blake2b.h"
#include "app/points_rules_loader.h"

using namespace vsk;

namespace {

class PointsChainTest : public test_support::VillageFixture {
 protected:
  PointsChainTest() {
    const auto rules = app::load_points_rules(std::string(VSK_SOURCE_DIR) + "/assets/points/rules.json");
    entries_ = app::seed_demo_points(store_, rules, clock_.unix_seconds()).entries;
  }
  // Raw SQL on the file through a separate plain sqlite3 connection.
  void tamper(const std::string& sql) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.file("kiosk.db").c_str(), &raw), SQLITE_OK);
    const std::string all = "DROP TRIGGER IF EXISTS points_ledger_append_only_u;"
                            "DROP TRIGGER IF EXISTS points_ledger_append_only_d;" + sql;
    char* err = nullptr;
    const int rc = sqlite3_exec(raw, all.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(raw);
  }
  int entries_ = 0;
};

TEST_F(PointsChainTest, IntactChainVerifies) {
  ASSERT_GT(entries_, 500);
  const auto r = store_.points().verify();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries, entries_);
}

TEST_F(PointsChainTest, ChangedDeltaIsFound) {
  tamper("UPDATE points_ledger SET delta = delta + 100 WHERE seq = 42;");
  const auto r = store_.points().verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 42);
  EXPECT_EQ(r.problem, core::AuditProblem::kAltered);
}

TEST_F(PointsChainTest, DeletedRowIsFound) {
  tamper("PRAGMA foreign_keys = OFF; DELETE FROM points_unsettled WHERE entry_seq = 100;"
         "DELETE FROM points_ledger WHERE seq = 100;");
  const auto r = store_.points().verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 100);
  EXPECT_EQ(r.problem, core::AuditProblem::kDeleted);
}

TEST_F(PointsChainTest, DeletedNewestRowsLeaveAShorterChain) {
  // The documented limit: cutting the tail leaves a valid, shorter chain; the count tells.
  tamper("PRAGMA foreign_keys = OFF; DELETE FROM points_ledger WHERE seq > 10 AND seq NOT IN "
         "(SELECT entry_seq FROM points_redemptions);");
  const auto r = store_.points().verify();
  EXPECT_LT(r.entries, entries_);
}

TEST_F(PointsChainTest, InsertedRowIsFound) {
  // Shift entries 200.. up by one and slip a forged entry in at 200, hashed but not chained.
  tamper("PRAGMA foreign_keys = OFF;"
         "UPDATE points_ledger SET seq = seq + 1000000 WHERE seq >= 200;"
         "UPDATE points_ledger SET seq = seq - 1000000 + 1 WHERE seq >= 1000000;"
         "INSERT INTO points_ledger(seq, at, household_id, rule_id, kind, delta, prev_hash, hash)"
         " SELECT 200, at, household_id, 'civilized_family', 'rule', 20, hash, hash FROM points_ledger WHERE seq = 199;");
  const auto r = store_.points().verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 200);
}

TEST_F(PointsChainTest, InsertedRowWithRecomputedOwnHashBreaksTheNext) {
  // A forger who hashes the inserted row properly still breaks the link to the entry after it.
  const auto e199 = store_.points().entry(199)->entry;
  core::PointsEntryRecord forged = e199;
  forged.seq = 200;
  forged.delta = 20;
  forged.prev_hash = e199.hash;
  forged.hash = core::points_hash(forged, platform::blake2b256_hex);
  tamper("PRAGMA foreign_keys = OFF;"
         "UPDATE points_ledger SET seq = seq + 1000000 WHERE seq >= 200;"
         "UPDATE points_ledger SET seq = seq - 1000000 + 1 WHERE seq >= 1000000;"
         "INSERT INTO points_ledger(seq, at, household_id, rule_id, kind, delta, reason, evidence, staff_id,"
         " needs_approval, origin, prev_hash, hash) SELECT 200, at, household_id, rule_id, kind, 20, reason, evidence,"
         " staff_id, needs_approval, origin, '" + forged.prev_hash + "', '" + forged.hash +
         "' FROM points_ledger WHERE seq = 199;");
  const auto r = store_.points().verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 201) << r.reason;
  EXPECT_EQ(r.problem, core::AuditProblem::kInserted);
}

}  // namespace
