#include "store/request_store.h"

#include <gtest/gtest.h>

#include "support/village_fixture.h"
#include "support/store_access.h"

using namespace vsk;

namespace {

class RequestStoreTest : public test_support::VillageFixture {
 protected:
  std::int64_t insert(const std::string& number, const std::string& due, const std::string& status = "submitted") {
    auto tx = store_.begin();
    store::NewRequest r;
    r.number = number;
    r.service_id = "facility_repair";
    r.pickup_code = "123456";
    r.at = clock_.unix_seconds();
    r.due_date = due;
    const auto id = store_.requests().insert(tx, r);
    if (status != "submitted")
      store_.requests().append_event(tx, id, {core::RequestEventKind::kAccept, core::RequestStatus::kSubmitted,
                                              *core::status_from_name(status), r.at, std::nullopt, false, ""});
    tx.commit();
    return id;
  }
};

}  // namespace

TEST_F(RequestStoreTest, TheEventLogIsAppendOnly) {
  const auto id = insert("QS1-1123-001", "2026-11-26");
  EXPECT_THROW(test_support::raw_db(store_).exec("UPDATE request_events SET note = 'x'"), db::DbError);
  EXPECT_THROW(test_support::raw_db(store_).exec("DELETE FROM request_events"), db::DbError);
  EXPECT_EQ(store_.requests().events(id).size(), 1u);
}

TEST_F(RequestStoreTest, AnEventFromAStaleStatusIsRefused) {
  const auto id = insert("QS1-1123-001", "2026-11-26");
  auto tx = store_.begin();
  EXPECT_THROW(store_.requests().append_event(tx, id, {core::RequestEventKind::kComplete, core::RequestStatus::kAccepted,
                                                       core::RequestStatus::kCompleted, 1, std::nullopt, false, ""}),
               std::runtime_error);
}

TEST_F(RequestStoreTest, SequenceContinuesPerKioskAndDay) {
  EXPECT_EQ(store_.requests().last_sequence("QS1-1123-"), 0);
  insert("QS1-1123-001", "2026-11-26");
  insert("QS1-1123-017", "2026-11-26");
  insert("QS2-1123-040", "2026-11-26");
  insert("QS1-1124-005", "2026-11-26");
  EXPECT_EQ(store_.requests().last_sequence("QS1-1123-"), 17);
  EXPECT_EQ(store_.requests().last_sequence("QS2-1123-"), 40);
}

TEST_F(RequestStoreTest, QueueFiltersAndCountsOverdue) {
  insert("QS1-1120-001", "2026-11-20");                 // overdue
  insert("QS1-1121-001", "2026-11-21", "accepted");     // overdue
  insert("QS1-1122-001", "2026-11-20", "completed");    // closed: never overdue
  insert("QS1-1123-001", "2026-11-30");
  store::QueueFilter f;
  f.today = "2026-11-23";
  f.overdue_only = true;
  EXPECT_EQ(store_.requests().queue(f).size(), 2u);
  f.overdue_only = false;
  f.status = core::RequestStatus::kAccepted;
  ASSERT_EQ(store_.requests().queue(f).size(), 1u);
  const store::QueueCounts c = store_.requests().counts("2026-11-23");
  EXPECT_EQ(c.overdue, 2);
  EXPECT_EQ(c.total, 4);
  EXPECT_EQ(c.by_status.at(core::RequestStatus::kSubmitted), 2);
  f = store::QueueFilter{};
  f.today = "2026-11-23";
  f.open_only = true;
  const auto open = store_.requests().queue(f);
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open.front().number, "QS1-1120-001");  // most urgent first
}
