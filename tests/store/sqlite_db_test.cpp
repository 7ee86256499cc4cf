#include "sqlite/sqlite_db.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

using vsk::db::Database;
using vsk::db::Transaction;

namespace {

std::int64_t count_rows(Database& db) {
  auto st = db.prepare("SELECT count(*) FROM t");
  st.step();
  return st.column_int(0);
}

}  // namespace

TEST(SqliteDb, OpensInWalWithForeignKeysAndFullSync) {
  vsk::test_support::TempDir dir;
  Database db(dir.file("a.db"));
  auto mode = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.column_text(0), "wal");
  auto fk = db.prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.step());
  EXPECT_EQ(fk.column_int(0), 1);
  auto sync = db.prepare("PRAGMA synchronous");
  ASSERT_TRUE(sync.step());
  EXPECT_EQ(sync.column_int(0), 2);  // FULL
}

TEST(SqliteDb, TransactionRollsBackUnlessCommitted) {
  vsk::test_support::TempDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t(x INTEGER)");
  {
    Transaction tx(db);
    db.prepare("INSERT INTO t VALUES(1)").run();
  }  // no commit: rolled back
  EXPECT_EQ(count_rows(db), 0);
  {
    Transaction tx(db);
    db.prepare("INSERT INTO t VALUES(2)").run();
    tx.commit();
  }
  EXPECT_EQ(count_rows(db), 1);
}

TEST(SqliteDb, CommittedRowsAreSeenByANewConnection) {
  vsk::test_support::TempDir dir;
  {
    Database db(dir.file("a.db"));
    db.exec("CREATE TABLE t(x INTEGER)");
    Transaction tx(db);
    db.prepare("INSERT INTO t VALUES(?1)").bind(1, 7).run();
    tx.commit();
  }
  Database again(dir.file("a.db"));
  EXPECT_EQ(count_rows(again), 1);
}

TEST(SqliteDb, CachedStatementIsResetAndReusable) {
  vsk::test_support::TempDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES(1),(2),(3)");
  for (int round = 0; round < 3; ++round) {
    auto st = db.prepare("SELECT x FROM t ORDER BY x");
    ASSERT_TRUE(st.step());  // stops after the first row; the destructor resets it
    EXPECT_EQ(st.column_int(0), 1);
  }
}

TEST(SqliteDb, ErrorsCarryTheSqliteMessage) {
  vsk::test_support::TempDir dir;
  Database db(dir.file("a.db"));
  try {
    db.prepare("SELECT * FROM missing_table");
    FAIL() << "expected DbError";
  } catch (const vsk::db::DbError& e) {
    EXPECT_NE(std::string(e.what()).find("no such table"), std::string::npos);
  }
}

TEST(SqliteDb, SavepointUndoesOnlyItsOwnWritesUnlessReleased) {
  vsk::test_support::TempDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t(x INTEGER)");
  {
    Transaction tx(db);
    db.prepare("INSERT INTO t VALUES(1)").run();
    {
      vsk::db::Savepoint sp(tx, "first");
      db.prepare("INSERT INTO t VALUES(2)").run();
    }  // not released: undone
    {
      vsk::db::Savepoint sp(tx, "second");
      db.prepare("INSERT INTO t VALUES(3)").run();
      sp.release();
    }
    try {
      vsk::db::Savepoint sp(tx, "third");
      db.prepare("INSERT INTO t VALUES(4)").run();
      throw std::runtime_error("handler failed");
    } catch (const std::runtime_error&) {
    }
    tx.commit();
  }
  auto st = db.prepare("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_text(0), "1,3");
}

TEST(SqliteDb, OptionalIntegerColumnIsEmptyOnlyForNull) {
  vsk::test_support::TempDir dir;
  Database db(dir.file("a.db"));
  auto st = db.prepare("SELECT NULL, 0, -7");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_optional_int(0), std::nullopt);
  EXPECT_EQ(st.column_optional_int(1), std::optional<std::int64_t>(0));
  EXPECT_EQ(st.column_optional_int(2), std::optional<std::int64_t>(-7));
}
