// The database-file plumbing under backups: online backup, quick_check, the in-use test.
#include "files/atomic_file.h"
#include "sqlite/backup.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/file_damage.h"
#include "support/temp_dir.h"

using namespace vsk;
namespace fs = std::filesystem;

namespace {

// A WAL database of a few hundred pages.
void fill(db::Database& db) {
  db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t(v)");
  db::Transaction tx(db);
  for (int i = 0; i < 3000; ++i)
    tx.db().prepare("INSERT INTO t(v) VALUES(?1)").bind(1, std::string(200, static_cast<char>('a' + i % 26))).run();
  tx.commit();
}

using vsk::test_support::zero_middle;

int count_rows(const std::string& path) {
  db::Database db(path, db::OpenMode::kReadOnly);
  auto st = db.prepare("SELECT count(*) FROM t");
  st.step();
  return static_cast<int>(st.column_int(0));
}

}  // namespace

TEST(SqliteBackup, CopiesALiveWalDatabaseIntoOneCheckedFile) {
  test_support::TempDir dir;
  db::Database live(dir.file("live.db"));
  fill(live);
  db::backup_database(live, dir.file("copy.db"));
  EXPECT_TRUE(fs::exists(dir.file("copy.db")));
  EXPECT_FALSE(fs::exists(dir.file("copy.db.tmp")));
  EXPECT_FALSE(fs::exists(dir.file("copy.db-wal")));
  // A rollback-journal file (header bytes 18/19 = 1): it stands alone, nothing beside it.
  std::ifstream f(dir.file("copy.db"), std::ios::binary);
  char header[20];
  f.read(header, 20);
  EXPECT_EQ(header[18], 1);
  EXPECT_EQ(count_rows(dir.file("copy.db")), 3000);
  EXPECT_EQ(db::quick_check_file(dir.file("copy.db")), "ok");
}

TEST(SqliteBackup, QuickCheckFindsZeroedPages) {
  test_support::TempDir dir;
  {
    db::Database live(dir.file("live.db"));
    fill(live);
  }
  EXPECT_EQ(db::quick_check_file(dir.file("live.db")), "ok");
  zero_middle(dir.file("live.db"));
  EXPECT_NE(db::quick_check_file(dir.file("live.db")), "ok");
}

TEST(SqliteBackup, QuickCheckReportsAFileThatIsNoDatabase) {
  test_support::TempDir dir;
  std::ofstream(dir.file("junk.db")) << std::string(8192, 'x');
  const std::string r = db::quick_check_file(dir.file("junk.db"));
  EXPECT_NE(r, "ok");
  EXPECT_NE(r.find("not a database"), std::string::npos) << r;
}

TEST(SqliteBackup, RefusesToBackUpADamagedDatabase) {
  test_support::TempDir dir;
  {
    db::Database live(dir.file("live.db"));
    fill(live);
  }
  zero_middle(dir.file("live.db"));
  db::Database damaged(dir.file("live.db"), db::OpenMode::kReadOnly);
  EXPECT_THROW(db::backup_database(damaged, dir.file("copy.db")), db::DbError);
  EXPECT_FALSE(fs::exists(dir.file("copy.db")));
  EXPECT_FALSE(fs::exists(dir.file("copy.db.tmp")));
}

TEST(SqliteBackup, SeesADatabaseOpenInAnotherProcess) {
  test_support::TempDir dir;
  {
    db::Database live(dir.file("live.db"));
    fill(live);
  }
  EXPECT_FALSE(db::in_use_by_other_process(dir.file("live.db")));
  int ready[2], done[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(done), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    {
      db::Database db(dir.file("live.db"));
      db.user_version();
      char c = 1;
      (void)!write(ready[1], &c, 1);
      (void)!read(done[0], &c, 1);  // until the parent has looked
    }
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  EXPECT_TRUE(db::in_use_by_other_process(dir.file("live.db")));
  (void)!write(done[1], &c, 1);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_FALSE(db::in_use_by_other_process(dir.file("live.db")));
  for (int fd : {ready[0], ready[1], done[0], done[1]}) close(fd);
}

TEST(SqliteBackup, CopyFileDurablyReplacesTheTargetWhole) {
  test_support::TempDir dir;
  std::ofstream(dir.file("a")) << "new contents";
  std::ofstream(dir.file("b")) << "old";
  platform::copy_file_atomically(dir.file("a"), dir.file("b"));
  std::ifstream in(dir.file("b"));
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(s, "new contents");
  EXPECT_FALSE(fs::exists(dir.file("b.tmp")));
}
