// Issue 7: "A copy of the database file alone reveals no ID number or phone number." These
// tests start the kiosk the way main.cpp does (open_village with a real key file), file
// requests, close everything and grep the raw bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "support/raw_bytes.h"
#include "support/temp_dir.h"
#include "support/village_fixture.h"
#include "app/bootstrap.h"
#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/demo_requests.h"
#include "app/request_service.h"
#include "core/demo_village.h"
#include "fake/fake_pin_hasher.h"
#include "fake/manual_clock.h"
#include "fake/sequence_random.h"
#include "store/schema.h"

using namespace vsk;

namespace {

const std::string kFiledPhone = "13912340517";  // not a demo resident's number

std::string source(const std::string& rel) { return std::string(VSK_SOURCE_DIR) + "/" + rel; }

// Every secret the file must not show: each demo resident's 18-character ID number and its
// first 17 digits, each demo phone number, and the phone numbers in filed requests.
struct Secrets {
  std::set<std::string> values;
  void add(const std::string& v) {
    if (!v.empty()) values.insert(v);
  }
};

Secrets demo_secrets() {
  Secrets s;
  const core::DemoVillage v = core::generate_demo_village();
  for (const auto& hh : v.households)
    for (const auto& r : hh.members) {
      s.add(r.id_number);
      s.add(r.id_number.substr(0, 17));
      s.add(r.phone);
    }
  return s;
}

// Lists the secrets found in `bytes` (empty: none).
std::vector<std::string> leaks(const std::string& bytes, const Secrets& s) {
  std::vector<std::string> out;
  for (const std::string& v : s.values)
    if (bytes.find(v) != std::string::npos) out.push_back(v);
  return out;
}

std::string first_few(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size() && i < 5; ++i) out += v[i] + " ";
  return out + "(" + std::to_string(v.size()) + " in all)";
}

}  // namespace

TEST(PiiAtRest, ACopyOfTheDatabaseFileRevealsNoIdOrPhoneNumber) {
  test_support::TempDir dir;
  const std::string db_path = store::kiosk_db_path(dir.path());
  Secrets secrets = demo_secrets();
  ASSERT_GT(secrets.values.size(), 2000u);
  ASSERT_EQ(secrets.values.count(kFiledPhone), 0u);
  secrets.add(kFiledPhone);

  platform::FakePinHasher hasher;
  const core::Catalog catalog = app::load_catalog(source("assets/catalog/services.json"));
  const core::WorkingCalendar calendar = app::load_working_calendar(source("assets/calendar/cn-holidays.json"));
  platform::ManualClock clock(test_support::kMonday20261123);
  platform::SequenceRandom random;
  {
    app::OpenedVillage village = app::open_village(dir.path(), hasher, true);  // as the kiosk starts
    ASSERT_TRUE(village.seeded_now);
    store::KioskStore& store = *village.store;
    ASSERT_GT(app::seed_demo_requests(store, catalog, calendar, random, clock.unix_seconds()), 0);
    app::RequestService service(store, catalog, calendar, clock, random);

    const core::DemoVillage v = core::generate_demo_village();
    const core::DemoLogin& login = v.demo_logins.at(0);
    const auto resident = store.residents().find_by_id_number(v.households.at(login.household).members.at(login.member).id_number);
    ASSERT_TRUE(resident);
    app::SubmitInput in;
    in.service_id = "facility_repair";
    in.resident_id = resident->id;
    for (const auto& f : catalog.find("facility_repair")->fields)
      in.fields[f.id] = f.type == core::FieldType::kPhone ? kFiledPhone : app::demo_field_value(f, {2026, 11, 23}, 1);
    const auto receipt = service.submit(in);
    ASSERT_TRUE(receipt.ok()) << receipt.error().key;
    EXPECT_EQ(store.requests().fields(receipt.value().id).at("phone"), kFiledPhone);  // read back decrypted
    // A staff note typed on the keyboard may carry a phone number too (schema v9 encrypts it).
    const std::string noted_phone = "13765432109";
    secrets.add(noted_phone);
    const std::int64_t clerk = store.staff().find_by_staff_no("0002")->id;
    ASSERT_TRUE(service.transition(receipt.value().id, {core::RequestEventKind::kNote, clerk,
                                                        "已电话联系家属 " + noted_phone, std::nullopt, "", false}));
    EXPECT_EQ(store.requests().events(receipt.value().id).back().note, "已电话联系家属 " + noted_phone);

    // The demo requests' phone numbers, as the store reads them back.
    store::QueueFilter all;
    all.limit = 100000;
    int phones = 0;
    for (const auto& r : store.requests().queue(all))
      for (const auto& [field, value] : store.requests().fields(r.id))
        if (field == "phone") {
          secrets.add(value);
          ++phones;
        }
    EXPECT_GT(phones, 1);

    // Nothing in plaintext even while the kiosk runs (main file and WAL as they are now).
    const auto live = leaks(test_support::database_bytes(db_path), secrets);
    EXPECT_TRUE(live.empty()) << "in the live file: " << first_few(live);
  }
  // Closed: the last connection checkpointed; read whatever is on disk.
  ASSERT_TRUE(std::filesystem::exists(db_path));
  const std::string raw = test_support::database_bytes(db_path);
  ASSERT_GT(raw.size(), 100000u);
  const auto found = leaks(raw, secrets);
  EXPECT_TRUE(found.empty()) << "plaintext in " << db_path << ": " << first_few(found);

  // The check can fail: the key file holds no secret from the list either, and a resident's
  // name (not encrypted) is there, so the grep sees the data it is pointed at.
  EXPECT_NE(raw.find(core::generate_demo_village().households.at(0).members.at(0).name), std::string::npos);
}

TEST(PiiAtRest, TheFontSampleHoldsNoIdOrPhoneNumber) {
  test_support::TempDir dir;
  platform::FakePinHasher hasher;
  app::OpenedVillage village = app::open_village(dir.path(), hasher, true);
  const auto found = leaks(village.store->residents().display_text_sample(), demo_secrets());
  EXPECT_TRUE(found.empty()) << first_few(found);
}

TEST(PiiKeyBootstrap, FirstStartCreatesTheKeyBesideTheDatabase) {
  test_support::TempDir dir;
  platform::FakePinHasher hasher;
  { app::open_village(dir.path(), hasher, true); }
  const std::string key = platform::pii_key_path(dir.path());
  ASSERT_TRUE(std::filesystem::exists(key));
  EXPECT_EQ(std::filesystem::file_size(key), 32u);
  // The next start uses the same key: residents are still found by ID number.
  app::OpenedVillage again = app::open_village(dir.path(), hasher, true);
  EXPECT_FALSE(again.seeded_now);
  EXPECT_TRUE(again.store->residents().find_by_id_number("339901196402033751"));
}

TEST(PiiKeyBootstrap, AMissingKeyIsNeverReplacedOnceDataIsEncrypted) {
  test_support::TempDir dir;
  platform::FakePinHasher hasher;
  { app::open_village(dir.path(), hasher, true); }
  const std::string key = platform::pii_key_path(dir.path());
  std::filesystem::remove(key);
  try {
    app::open_village(dir.path(), hasher, true);
    FAIL() << "must refuse to start";
  } catch (const platform::PiiCipherError& e) {
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(key)) << "no new key over existing data";
}

TEST(PiiKeyBootstrap, AWrongSizeOrForeignKeyFileIsRefused) {
  test_support::TempDir dir;
  platform::FakePinHasher hasher;
  { app::open_village(dir.path(), hasher, true); }
  const std::string key = platform::pii_key_path(dir.path());
  const std::string original = test_support::read_file_bytes(key);

  std::ofstream(key, std::ios::binary | std::ios::trunc) << original.substr(0, 31);
  EXPECT_THROW(app::open_village(dir.path(), hasher, true), platform::PiiCipherError);
  EXPECT_EQ(test_support::read_file_bytes(key), original.substr(0, 31)) << "left as it was";

  std::ofstream(key, std::ios::binary | std::ios::trunc) << std::string(32, 'k');  // right size, wrong key
  try {
    app::open_village(dir.path(), hasher, true);
    FAIL() << "a foreign key must be refused";
  } catch (const store::StoreError& e) {
    EXPECT_EQ(e.kind(), store::StoreError::Kind::kWrongPiiKey);
  }

  std::ofstream(key, std::ios::binary | std::ios::trunc) << original;  // restored from its backup
  EXPECT_TRUE(app::open_village(dir.path(), hasher, true).store->residents().find_by_id_number("339901196402033751"));
}

// A kiosk upgraded from a release without encryption: the key is made on that start and the
// old plaintext file is converted.
TEST(PiiKeyBootstrap, AnOldPlaintextDatabaseGetsAKeyAndIsEncrypted) {
  test_support::TempDir dir;
  const std::string db_path = store::kiosk_db_path(dir.path());
  std::filesystem::copy_file(std::string(VSK_FIXTURES_DIR) + "/kiosk_v1.db", db_path);
  platform::FakePinHasher hasher;
  {
    app::OpenedVillage village = app::open_village(dir.path(), hasher, false);
    EXPECT_EQ(village.store->migration().from_version, 1);
    const auto r = village.store->residents().find_by_id_number("440524198001010013");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->phone, "13800000000");
  }
  EXPECT_TRUE(std::filesystem::exists(platform::pii_key_path(dir.path())));
  const std::string raw = test_support::database_bytes(db_path);
  EXPECT_EQ(raw.find("440524198001010013"), std::string::npos);
  EXPECT_EQ(raw.find("13800000000"), std::string::npos);
}
