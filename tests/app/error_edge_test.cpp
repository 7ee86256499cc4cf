// The error edge: a storage error in the middle of a resident's filing, a staff login or a
// wrong PIN used to escape KioskApp::dispatch and end the kiosk. Now the kiosk shows a
// translated message, keeps what was typed, logs one line and files once the storage is back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <vector>

#include "support/full_disk_vfs.h"
#include "support/store_access.h"
#include "support/village_fixture.h"
#include "app/error_edge.h"
#include "log/log.h"
#include "sqlite/sqlite_db.h"

using namespace vsk;
using app::Screen;

namespace {

// Before the fixture's store opens: its connection goes through the switchable full disk.
struct WithFullDiskVfs {
  test_support::FullDiskVfs disk;
};

class ErrorEdgeTest : private WithFullDiskVfs, public test_support::VillageFixture {
 protected:
  ErrorEdgeTest()
      : app_(app::AppServices{store_, clock_, hasher_, *service_}, app::AppOptions{}),
        old_sink_(platform::log::set_test_sink([this](const platform::log::Line& l) { log_.push_back(l); })) {}
  ~ErrorEdgeTest() override { platform::log::set_test_sink(old_sink_); }

  db::Database& raw() { return test_support::raw_db(store_); }
  std::int64_t scalar(const std::string& sql) {
    auto st = raw().prepare(sql);
    st.step();
    return st.column_int(0);
  }
  // Every write to the database or its WAL fails as on a full disk (tests/support/full_disk_vfs.h).
  void fill_database() { disk.set_full(true); }
  void space_back() { disk.set_full(false); }
  void type(const std::string& chars) {
    for (char c : chars) app_.dispatch(app::Key{c});
  }
  void submit() { app_.dispatch(app::Submit{}); }
  const std::string& demo_pin(int i = 0) const { return village_.demo_logins.at(i).pin; }
  // A resident's request up to the confirm page, a long purpose so the request needs new pages.
  void fill_in_request() {
    app_.dispatch(app::OpenRequests{});
    app_.dispatch(app::PickCategory{"certificates"});
    app_.dispatch(app::PickService{"residence_certificate"});
    app_.dispatch(app::StartForm{});
    type(demo_resident().id_number);
    submit();
    type(demo_pin());
    submit();
    ASSERT_EQ(app_.state().screen, Screen::kFormField);
    app_.dispatch(app::SetValue{"bank"});
    type("1");
    submit();  // copies
    submit();  // phone left empty
    ASSERT_EQ(app_.state().screen, Screen::kConfirm);
  }
  std::int64_t requests_filed() { return scalar("SELECT count(*) FROM requests"); }
  bool logged(const std::string& what) {
    for (const auto& l : log_)
      if (l.level == platform::log::Level::kError && l.message.find(what) != std::string::npos) return true;
    return false;
  }

  app::KioskApp app_;
  std::vector<platform::log::Line> log_;
  platform::log::Sink old_sink_;
};

TEST_F(ErrorEdgeTest, SubmitOnAFullDiskKeepsTheAnswersAndFilesOnceSpaceIsBack) {
  fill_in_request();
  const auto answers = app_.state().draft.values;
  const std::int64_t before = requests_filed();
  fill_database();
  app_.dispatch(app::ConfirmRequest{});  // used to throw "database or disk is full"
  ASSERT_TRUE(app_.state().failure);
  EXPECT_EQ(app_.state().failure->key, "err.storage.full");
  EXPECT_EQ(app_.state().screen, Screen::kConfirm);  // still on the confirm page...
  EXPECT_EQ(app_.state().draft.values, answers);     // ...with every answer
  EXPECT_EQ(requests_filed(), before);                // nothing half-written
  EXPECT_TRUE(logged("storage.full"));
  ASSERT_TRUE(app_.state().last_failure);
  EXPECT_EQ(app_.state().last_failure->reason_key, "storage.reason.full");

  space_back();
  app_.dispatch(app::ConfirmRequest{});  // the same tap, again
  EXPECT_FALSE(app_.state().failure);
  ASSERT_EQ(app_.state().screen, Screen::kReceipt);
  EXPECT_EQ(requests_filed(), before + 1);
  EXPECT_EQ(raw().integrity_check(), "ok");
}

// A second process holding the write lock (kioskctl, a stuck sync): the kiosk must not exit.
TEST_F(ErrorEdgeTest, WrongPinAndStaffLoginWhileTheDatabaseIsLockedKeepTheKioskRunning) {
  raw().exec("PRAGMA busy_timeout = 0");
  db::Database other(dir_.file("kiosk.db"));
  other.exec("BEGIN IMMEDIATE");

  app_.dispatch(app::OpenPoints{});
  type(demo_resident().id_number);
  submit();
  type("000000");  // wrong: the attempt count must be written
  submit();
  ASSERT_TRUE(app_.state().failure);
  EXPECT_EQ(app_.state().failure->key, "err.storage.busy");
  EXPECT_EQ(app_.state().screen, Screen::kIdentify);

  app_.dispatch(app::Home{});
  app_.dispatch(app::OpenStaffLogin{});
  type("0001");
  submit();
  type(village_.staff.at(0).pin);
  submit();  // a login writes its audit row
  ASSERT_TRUE(app_.state().failure);
  EXPECT_EQ(app_.state().failure->key, "err.storage.busy");
  EXPECT_FALSE(app_.state().staff);
  EXPECT_TRUE(logged("storage.busy"));

  other.exec("ROLLBACK");
  type(village_.staff.at(0).pin);
  submit();
  EXPECT_FALSE(app_.state().failure);
  EXPECT_TRUE(app_.state().staff);
}

TEST(ErrorEdge, ClassifiesStorageErrorsAndNamesThemInWords) {
  const auto kind_of = [](auto thrower) { return app::run_guarded("test", thrower)->kind; };
  EXPECT_EQ(kind_of([] { throw db::DbError(SQLITE_FULL, "COMMIT: database or disk is full"); }), app::FailureKind::kStorageFull);
  EXPECT_EQ(kind_of([] { throw db::DbError(SQLITE_IOERR | (4 << 8), "disk I/O error"); }), app::FailureKind::kStorageIo);
  EXPECT_EQ(kind_of([] { throw db::DbError(SQLITE_BUSY, "database is locked"); }), app::FailureKind::kStorageBusy);
  EXPECT_EQ(kind_of([] { throw std::system_error(ENOSPC, std::generic_category(), "write"); }),
            app::FailureKind::kStorageFull);
  EXPECT_EQ(kind_of([] { throw std::runtime_error("bug"); }), app::FailureKind::kInternal);
  EXPECT_FALSE(app::run_guarded("test", [] {}));
  const std::string words =
      app::failure_words({app::FailureKind::kStorageFull, "COMMIT: database or disk is full"});
  EXPECT_NE(words.find("the data disk is full"), std::string::npos) << words;
}

}  // namespace
