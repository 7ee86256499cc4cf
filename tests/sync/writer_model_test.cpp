// The writer model (docs/writer-model.md): the UI thread and the sync thread each have their
// own connection to kiosk.db, and SQLite's write lock (BEGIN IMMEDIATE) is the single writer.
// That is only safe because a sync round never holds the lock across the network: every
// transaction of a round is committed before the next request goes out. These tests write
// from "the UI" in the middle of rounds, with no patience at all for the lock.
#include <atomic>
#include <thread>

#include "support/store_access.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

// Calls `during` on every request, while the sync round waits for the township's answer.
class DuringTransport : public sync::Transport {
 public:
  DuringTransport(sync::Transport& inner, std::function<void()> during) : inner_(inner), during_(std::move(during)) {}
  std::optional<sync::HttpResponse> post(const std::string& path, const std::string& body, const std::string& type,
                                         std::string* error) override {
    during_();
    auto reply = inner_.post(path, body, type, error);
    during_();  // and after the answer, before the round commits what it says
    return reply;
  }

 private:
  sync::Transport& inner_;
  std::function<void()> during_;
};

// The UI's side: its own connection to the same file, its own request service.
struct UiConnection {
  explicit UiConnection(TestKiosk& k)
      : store(k.dir.file("kiosk.db"), k.cipher), requests(store, k.catalog, k.calendar, k.clock, random) {}
  // A write that takes the lock without adding to the outbox (so the round has an end).
  void save_setting(int n) {
    auto tx = store.begin();
    store.settings().set(tx, "test.ui_write", std::to_string(n));
    tx.commit();
  }
  bool file_request() {
    app::SubmitInput in;
    in.service_id = "residence_certificate";
    in.resident_id = 2;
    in.fields = {{"purpose", "bank"}, {"copies", "1"}};
    return requests.submit(in).ok();
  }
  store::KioskStore store;
  platform::SequenceRandom random;
  app::RequestService requests;
};

TEST(WriterModel, UiWritesInTheMiddleOfASyncRoundNeverFindTheLockTaken) {
  TestTownship town;
  TestKiosk k;
  // Small batches and pages: many round trips, each a chance to catch a held lock.
  k.client = std::make_unique<sync::SyncClient>(k.store, k.clock, sync::SigningKey::generate(), k.changes,
                                                sync::SyncLimits{3, 3});
  town.enroll(k, "青山村");
  for (int i = 0; i < 12; ++i) k.file_request();
  UiConnection ui(k);
  raw_db(ui.store).exec("PRAGMA busy_timeout = 0");  // SQLITE_BUSY at once if the lock is held
  int writes = 0, refused = 0;
  DuringTransport t(town.loopback, [&] {
    try {
      ++writes;
      if (writes <= 4 && !ui.file_request()) ++refused;  // a few new requests during the round...
      ui.save_setting(writes);                            // ...and a write at every step of it
    } catch (const db::DbError& e) {
      ++refused;
      ADD_FAILURE() << "a UI write during the round failed: " << e.what();
    }
  });
  const auto r = k.client->run_once(t);
  EXPECT_TRUE(r.ok) << r.error_code;
  EXPECT_GT(writes, 4);
  EXPECT_EQ(refused, 0);
  // What the UI filed during the round goes up with the next one.
  const auto again = k.client->run_once(town.loopback);
  EXPECT_TRUE(again.ok) << again.error_code;
  EXPECT_EQ(k.acked(), k.last_seq());
}

TEST(WriterModel, AUiThreadKeepsWritingWhileTheSyncThreadRuns) {
  TestTownship town;
  TestKiosk k;
  town.enroll(k, "青山村");
  for (int i = 0; i < 40; ++i) k.file_request();
  UiConnection ui(k);  // default busy timeout: a UI write may wait for one short sync commit
  std::atomic<bool> done{false};
  std::atomic<int> rounds{0}, failed_rounds{0};
  std::thread sync_thread([&] {
    while (!done) {
      const auto r = k.client->run_once(town.loopback);
      ++rounds;
      if (!r.ok) ++failed_rounds;
    }
  });
  int filed = 0;
  for (int i = 0; i < 40; ++i) filed += ui.file_request() ? 1 : 0;  // throws (fails the test) on SQLITE_BUSY
  while (rounds < 2) std::this_thread::yield();
  done = true;
  sync_thread.join();
  EXPECT_EQ(filed, 40);
  EXPECT_EQ(failed_rounds, 0);
  EXPECT_EQ(k.client->run_once(town.loopback).ok, true);
  EXPECT_EQ(k.acked(), k.last_seq());
}

}  // namespace
}  // namespace vsk::test_support
