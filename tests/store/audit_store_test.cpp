#include "store/audit_store.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "support/store_access.h"
#include "crypto/blake2b.h"
#include "fake/fixed_key_pii_cipher.h"
#include "store/kiosk_store.h"

using namespace vsk;
using core::AuditProblem;

namespace {

class AuditStoreTest : public ::testing::Test {
 protected:
  AuditStoreTest() : store_(dir_.file("kiosk.db"), cipher_) {}

  void append(const store::AuditEntry& e) {
    auto tx = store_.begin();
    store_.audit().append(tx, e);
    tx.commit();
  }
  void append_n(int n) {
    for (int i = 1; i <= n; ++i)
      append({1795399200 + i, std::nullopt, "0002", "request.accept", "QS1-1123-00" + std::to_string(i), "note:x"});
  }
  // Tampering needs the append-only triggers gone, as someone with the file and sqlite3 could do.
  void drop_triggers() {
    test_support::raw_db(store_).exec("DROP TRIGGER audit_log_append_only_u; DROP TRIGGER audit_log_append_only_d;");
  }
  std::string hash_of(std::int64_t seq) {
    auto st = test_support::raw_db(store_).prepare("SELECT hash FROM audit_log WHERE seq = ?1");
    st.bind(1, seq);
    EXPECT_TRUE(st.step());
    return st.column_text(0);
  }

  test_support::TempDir dir_;
  platform::FixedKeyPiiCipher cipher_;  // before store_, which keeps a reference
  store::KioskStore store_;
};

}  // namespace

TEST(AuditHash, IsBlake2b256InLowercaseHex) {
  // RFC 7693 / libsodium: BLAKE2b with a 32-byte digest of the empty input.
  EXPECT_EQ(platform::blake2b256_hex(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(platform::blake2b256_hex("abc").size(), 64u);
}

TEST_F(AuditStoreTest, AnEmptyLogVerifies) {
  const auto r = store_.audit().verify();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.entries, 0);
}

TEST_F(AuditStoreTest, AppendsAChainedLogThatVerifies) {
  append_n(5);
  const auto rows = store_.audit().list(100, 0);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].seq, 1);
  EXPECT_EQ(rows[0].prev_hash, core::kAuditGenesisHash);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, static_cast<std::int64_t>(i) + 1);
    EXPECT_EQ(rows[i].hash, platform::blake2b256_hex(core::audit_canonical(rows[i])));
    if (i > 0) {
      EXPECT_EQ(rows[i].prev_hash, rows[i - 1].hash);
    }
  }
  EXPECT_EQ(store_.audit().list(2, 3).front().seq, 4);
  EXPECT_EQ(store_.audit().count(), 5);
  const auto r = store_.audit().verify();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries, 5);
}

TEST_F(AuditStoreTest, AnEntryRolledBackWithItsTransactionLeavesNoTrace) {
  append_n(2);
  {
    auto tx = store_.begin();
    store_.audit().append(tx, {1, std::nullopt, "0001", "login", "0001", ""});
  }  // no commit: the action failed, so did its audit entry
  append_n(1);
  EXPECT_EQ(store_.audit().count(), 3);
  EXPECT_TRUE(store_.audit().verify().ok);
}

TEST_F(AuditStoreTest, NamesTheStaffMemberByNumberAndNeedsAnActor) {
  std::int64_t id = 0;
  {
    auto tx = store_.begin();
    id = store_.staff().insert(tx, {0, "0007", "测试员", "clerk", std::nullopt, std::nullopt, {}});
    tx.commit();
  }
  append({10, id, "", "logout", "0007", ""});
  const auto row = store_.audit().list(1, 0).at(0);
  EXPECT_EQ(row.actor, "0007");
  EXPECT_EQ(row.staff_id, id);
  auto tx = store_.begin();
  EXPECT_THROW(store_.audit().append(tx, {10, std::nullopt, "", "logout", "", ""}), std::invalid_argument);
}

TEST_F(AuditStoreTest, KeepsPhoneAndIdNumbersOut) {
  append({10, std::nullopt, "0002", "request.reject", "QS1-1123-001", "note:call 13800138000 / 339901196402033751"});
  const auto row = store_.audit().list(1, 0).at(0);
  EXPECT_EQ(row.detail, "note:call *** / ***");
  EXPECT_EQ(row.target, "QS1-1123-001");
  EXPECT_TRUE(store_.audit().verify().ok);
}

TEST_F(AuditStoreTest, TriggersRefuseUpdateAndDelete) {
  append_n(3);
  EXPECT_THROW(test_support::raw_db(store_).exec("UPDATE audit_log SET detail = 'x' WHERE seq = 2"), db::DbError);
  EXPECT_THROW(test_support::raw_db(store_).exec("DELETE FROM audit_log WHERE seq = 2"), db::DbError);
  EXPECT_THROW(test_support::raw_db(store_).exec("DELETE FROM audit_log"), db::DbError);
  EXPECT_EQ(store_.audit().count(), 3);
  EXPECT_TRUE(store_.audit().verify().ok);
}

TEST_F(AuditStoreTest, TamperedDetailIsNamed) {
  append_n(5);
  drop_triggers();
  test_support::raw_db(store_).exec("UPDATE audit_log SET detail = 'note:nothing happened' WHERE seq = 3");
  const auto r = store_.audit().verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 3);
  EXPECT_EQ(r.problem, AuditProblem::kAltered);
  EXPECT_NE(r.reason.find("entry 3"), std::string::npos) << r.reason;
}

TEST_F(AuditStoreTest, DeletedMiddleRowIsNamed) {
  append_n(5);
  drop_triggers();
  test_support::raw_db(store_).exec("DELETE FROM audit_log WHERE seq = 3");
  const auto r = store_.audit().verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 3);
  EXPECT_EQ(r.problem, AuditProblem::kDeleted);
  EXPECT_NE(r.reason.find("entry 3 is missing"), std::string::npos) << r.reason;
}

TEST_F(AuditStoreTest, ForgedRowIsNamed) {
  append_n(5);
  drop_triggers();
  // Squeezed in after entry 2 (later entries moved up one), with a hash made up by the forger.
  test_support::raw_db(store_).exec("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3");
  test_support::raw_db(store_).exec("UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000");
  auto st = test_support::raw_db(store_).prepare(
      "INSERT INTO audit_log(seq, at, staff_id, actor, action, target, detail, prev_hash, hash)"
      " VALUES(3, 1795399300, NULL, '0001', 'request.reject', 'QS1-1123-004', '', ?1, ?2)");
  st.bind(1, hash_of(2)).bind(2, std::string(64, 'f')).run();
  const auto r = store_.audit().verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 3);
  EXPECT_EQ(r.problem, AuditProblem::kAltered);
}

TEST_F(AuditStoreTest, WellSealedForgeryBreaksTheChainRightAfterIt) {
  append_n(5);
  drop_triggers();
  test_support::raw_db(store_).exec("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3");
  test_support::raw_db(store_).exec("UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000");
  core::AuditRecord forged{3, 1795399300, std::nullopt, "0001", "request.reject", "QS1-1123-004", "", hash_of(2), ""};
  forged.hash = platform::blake2b256_hex(core::audit_canonical(forged));
  auto st = test_support::raw_db(store_).prepare(
      "INSERT INTO audit_log(seq, at, staff_id, actor, action, target, detail, prev_hash, hash)"
      " VALUES(?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?8)");
  st.bind(1, forged.seq).bind(2, forged.at).bind(3, forged.actor).bind(4, forged.action).bind(5, forged.target);
  st.bind(6, forged.detail).bind(7, forged.prev_hash).bind(8, forged.hash).run();
  const auto r = store_.audit().verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 4);  // the moved original entry no longer follows the entry before it
  EXPECT_EQ(r.problem, AuditProblem::kInserted);
}

TEST_F(AuditStoreTest, ForgedRowAtTheEndIsNamed) {
  append_n(4);
  drop_triggers();
  test_support::raw_db(store_).exec(
      "INSERT INTO audit_log(seq, at, staff_id, actor, action, target, detail, prev_hash, hash)"
      " VALUES(9, 1795399300, NULL, 'system', 'login', '0001', '', 'x', 'y')");
  const auto r = store_.audit().verify();
  EXPECT_EQ(r.bad_seq, 5);
  EXPECT_EQ(r.problem, AuditProblem::kDeleted);  // a gap before the forged seq 9
}
