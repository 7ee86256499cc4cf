// Registering a resident between two rolls and moving one to another household (分户 / 合户),
// on a real village database: the checks, the household created or joined, the audit entry
// without ID numbers and the township's copy in the outbox.
#include "app/resident_register.h"

#include <gtest/gtest.h>

#include <regex>

#include "app/init_village.h"
#include "core/id_number.h"
#include "fake/fixed_key_pii_cipher.h"
#include "store/household_store.h"
#include "support/temp_dir.h"

namespace vsk::app {
namespace {

constexpr std::int64_t kNow = 1795399200;

// A valid 18-digit number: 17 digits and their check character.
std::string id_number(const std::string& first17) { return first17 + core::id_check_character(first17); }

class ResidentRegister : public ::testing::Test {
 protected:
  ResidentRegister() : store_(dir_.file("kiosk.db"), cipher_) {
    EXPECT_TRUE(init_village(store_, {"青山村", "白云镇", "QS1"}, kNow).ok());
    auto tx = store_.begin();
    grid_ = store_.households().insert_grid(tx, "第一网格");
    tx.commit();
  }
  std::string error_of(const core::Result<std::int64_t>& r) { return r ? "" : r.error().key; }
  std::string error_of(const core::Status& s) { return s ? "" : s.error().key; }
  NewResident head() { return {id_number("33018219600315001"), "张建国", "1001", "户主", grid_, "13805710001"}; }
  NewResident wife() { return {id_number("33018219620420002"), "李秀英", "1001", "配偶", std::nullopt, ""}; }

  test_support::TempDir dir_;
  platform::FixedKeyPiiCipher cipher_;
  store::KioskStore store_;
  std::int64_t grid_ = 0;
  ActingStaff clerk_;
};

TEST_F(ResidentRegister, ANewHouseholdStartsWithItsHeadAndOthersJoinIt) {
  const auto id = register_resident(store_, head(), clerk_, kNow);
  ASSERT_TRUE(id) << error_of(id);
  const auto r = store_.residents().find(id.value());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->name, "张建国");
  EXPECT_EQ(r->gender, "M");  // from the ID number: 17th digit odd
  EXPECT_EQ(r->birth_date, "1960-03-15");
  EXPECT_TRUE(r->is_head);
  EXPECT_EQ(r->household_no.value_or(""), "1001");
  EXPECT_EQ(r->grid_name, "第一网格");
  const auto wife_id = register_resident(store_, wife(), clerk_, kNow);
  ASSERT_TRUE(wife_id) << error_of(wife_id);
  EXPECT_EQ(store_.residents().find(wife_id.value())->household_id, r->household_id);
  EXPECT_EQ(store_.residents().find(wife_id.value())->gender, "F");

  const auto audit = store_.audit().list(100, 0);
  EXPECT_EQ(audit.back().action, "resident_info.register");
  EXPECT_EQ(audit.back().target, "resident:" + std::to_string(wife_id.value()));
  for (const auto& e : audit) EXPECT_FALSE(std::regex_search(e.detail + e.target, std::regex("[0-9]{15}")));
  const auto ops = store_.sync().ops_after(0, 100);
  ASSERT_EQ(ops.size(), 2u);
  for (const auto& op : ops) {
    EXPECT_EQ(op.type, "residents.upserted");
    EXPECT_FALSE(std::regex_search(op.payload, std::regex("[0-9]{11}"))) << op.payload;  // no ID, no phone
  }
}

TEST_F(ResidentRegister, BadInputIsRefusedWithItsReasonAndNothingStored) {
  NewResident n = head();
  n.id_number = "330182196003150018";  // wrong check digit
  EXPECT_EQ(error_of(register_resident(store_, n, clerk_, kNow)), "residents.err.id");
  n = head();
  n.name = "  ";
  EXPECT_EQ(error_of(register_resident(store_, n, clerk_, kNow)), "resident.err.name");
  n = head();
  n.household_no = "";
  EXPECT_EQ(error_of(register_resident(store_, n, clerk_, kNow)), "resident.err.household_no");
  n = head();
  n.grid_id.reset();
  EXPECT_EQ(error_of(register_resident(store_, n, clerk_, kNow)), "resident.err.grid_needed");
  n = head();
  n.phone = "12345";
  EXPECT_EQ(error_of(register_resident(store_, n, clerk_, kNow)), "resident.err.phone");
  EXPECT_EQ(error_of(register_resident(store_, wife(), clerk_, kNow)), "resident.err.new_household_head")
      << "a new household begins with its 户主";
  EXPECT_TRUE(store_.sync().ops_after(0, 100).empty());
  EXPECT_FALSE(store_.households().find_by_no("1001"));

  ASSERT_TRUE(register_resident(store_, head(), clerk_, kNow));
  EXPECT_EQ(error_of(register_resident(store_, head(), clerk_, kNow)), "resident.err.exists");
  NewResident second_head = wife();
  second_head.relation = "户主";
  EXPECT_EQ(error_of(register_resident(store_, second_head, clerk_, kNow)), "resident.err.two_heads");
}

TEST_F(ResidentRegister, AResidentMovesToANewHouseholdOrJoinsAnother) {
  const std::int64_t head_id = register_resident(store_, head(), clerk_, kNow).value();
  const std::int64_t wife_id = register_resident(store_, wife(), clerk_, kNow).value();
  const NewResident son{id_number("33018219880101003"), "张小军", "1001", "子", std::nullopt, ""};
  const std::int64_t son_id = register_resident(store_, son, clerk_, kNow).value();

  EXPECT_EQ(error_of(move_resident(store_, son_id, "1001", "子", clerk_, kNow)), "resident.err.same_household");
  EXPECT_EQ(error_of(move_resident(store_, son_id, "2002", "子", clerk_, kNow)), "resident.err.new_household_head");
  EXPECT_EQ(error_of(move_resident(store_, head_id, "2002", "户主", clerk_, kNow)), "resident.err.head_leaves");
  // 分户: the son heads a new household, in the old one's 网格.
  ASSERT_TRUE(move_resident(store_, son_id, "2002", "户主", clerk_, kNow).ok());
  const auto son_now = store_.residents().find(son_id);
  EXPECT_EQ(son_now->household_no.value_or(""), "2002");
  EXPECT_TRUE(son_now->is_head);
  EXPECT_EQ(son_now->grid_name, "第一网格");
  EXPECT_EQ(store_.audit().list(100, 0).back().action, "resident_info.move");
  // 合户: the mother joins the son's household; a second 户主 there is refused.
  EXPECT_EQ(error_of(move_resident(store_, wife_id, "2002", "户主", clerk_, kNow)), "resident.err.two_heads");
  ASSERT_TRUE(move_resident(store_, wife_id, "2002", "母亲", clerk_, kNow).ok());
  EXPECT_EQ(store_.residents().find(wife_id)->household_id, son_now->household_id);
  // The father, now alone, may follow as well.
  ASSERT_TRUE(move_resident(store_, head_id, "2002", "父亲", clerk_, kNow).ok());
  EXPECT_FALSE(store_.residents().find(head_id)->is_head);
}

}  // namespace
}  // namespace vsk::app
