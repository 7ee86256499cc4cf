// Hostile and broken text in a form field: stored exactly, or refused with a clear message;
// the database is never corrupted and nothing else changes.
#include <gtest/gtest.h>

#include "support/village_fixture.h"
#include "support/store_access.h"

using namespace vsk;

namespace {

class BadInputTest : public test_support::VillageFixture {
 protected:
  core::Result<app::Receipt> file_with_problem(const std::string& text) {
    app::SubmitInput in;
    in.service_id = "facility_repair";
    in.resident_id = demo_resident_id();
    in.fields = {{"facility", "street_light"}, {"problem", text}};
    return service_->submit(in);
  }
};

}  // namespace

TEST_F(BadInputTest, SqlMetacharactersAreStoredExactly) {
  const std::string nasty = "'); DROP TABLE requests; -- \"%_\\";
  const auto r = file_with_problem(nasty);
  ASSERT_TRUE(r.ok()) << r.error().key;
  EXPECT_EQ(store_.requests().fields(r.value().id).at("problem"), nasty);
  EXPECT_EQ(store_.requests().count(), 1);
}

TEST_F(BadInputTest, OversizedTextIsRefusedWithTheLimit) {
  std::string long_text;
  for (int i = 0; i < 51; ++i) long_text += "路";
  const auto r = file_with_problem(long_text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "form.err.too_long");
  EXPECT_EQ(store_.requests().count(), 0);
}

TEST_F(BadInputTest, BrokenUtf8EmojiAndControlCharactersAreRefused) {
  for (const std::string& bad : {std::string("\xff\xfe路灯"), std::string("路灯\xf0\x9f\x92\xa1"),
                                std::string("路灯\x1b[2J"), std::string("路\0灯", 4)}) {
    const auto r = file_with_problem(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().key, "form.err.bad_text");
  }
  EXPECT_EQ(store_.requests().count(), 0);
  EXPECT_EQ(test_support::raw_db(store_).integrity_check(), "ok");
}
