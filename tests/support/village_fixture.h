// A seeded demo village in a temp dir with the real catalog and calendar, a manual clock and
// fast fakes: the starting point of app-level tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/kiosk_app.h"
#include "app/request_service.h"
#include "core/demo_village.h"
#include "fake/fake_pin_hasher.h"
#include "fake/fixed_key_pii_cipher.h"
#include "fake/manual_clock.h"
#include "fake/sequence_random.h"
#include "store/demo_seeder.h"
#include "support/temp_dir.h"

namespace vsk::test_support {

// 2026-11-23 10:00 China time, a Monday.
inline constexpr std::int64_t kMonday20261123 = 1795399200;

class VillageFixture : public ::testing::Test {
 protected:
  VillageFixture()
      : village_(core::generate_demo_village()),
        store_(dir_.file("kiosk.db"), cipher_),
        catalog_(app::load_catalog(std::string(VSK_SOURCE_DIR) + "/assets/catalog/services.json")),
        calendar_(app::load_working_calendar(std::string(VSK_SOURCE_DIR) + "/assets/calendar/cn-holidays.json")),
        clock_(kMonday20261123) {
    store::seed_demo_village(store_, hasher_, village_);
    service_ = std::make_unique<app::RequestService>(store_, catalog_, calendar_, clock_, random_);
  }

  const core::DemoResident& demo_resident(int i = 0) const {
    const core::DemoLogin& l = village_.demo_logins.at(i);
    return village_.households.at(l.household).members.at(l.member);
  }
  std::int64_t demo_resident_id(int i = 0) {
    return store_.residents().find_by_id_number(demo_resident(i).id_number)->id;
  }
  std::int64_t staff_id(const std::string& staff_no) { return store_.staff().find_by_staff_no(staff_no)->id; }

  TempDir dir_;
  core::DemoVillage village_;
  platform::FixedKeyPiiCipher cipher_;  // before store_, which keeps a reference
  store::KioskStore store_;
  core::Catalog catalog_;
  core::WorkingCalendar calendar_;
  platform::FakePinHasher hasher_;
  platform::ManualClock clock_;
  platform::SequenceRandom random_;
  std::unique_ptr<app::RequestService> service_;
};

}  // namespace vsk::test_support
