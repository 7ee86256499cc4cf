// Child process for the SIGKILL fault test: files requests as fast as it can and prints each
// receipt number only after its transaction committed (as the kiosk shows a receipt). The
// parent kills it at a random moment and then checks every printed number is on disk.
#include <cstdio>
#include <iostream>

#include "app/bootstrap.h"
#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/request_service.h"
#include "fake/fake_pin_hasher.h"
#include "platform/clock.h"
#include "platform/random.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: kill_writer DATA_DIR\n";
    return 2;
  }
  using namespace vsk;
  platform::FakePinHasher hasher;
  auto village = app::open_village(argv[1], hasher, false);
  const std::string assets = app::default_assets_dir();
  const core::Catalog catalog = app::load_catalog(assets + "/catalog/services.json");
  const core::WorkingCalendar calendar = app::load_working_calendar(assets + "/calendar/cn-holidays.json");
  platform::SystemClock clock;
  platform::SodiumRandom random;
  app::RequestService service(*village.store, catalog, calendar, clock, random);
  const auto resident = village.store->residents().list(1, 0).at(0);
  for (int i = 0;; ++i) {
    app::SubmitInput in;
    in.service_id = "residence_certificate";
    in.resident_id = resident.id;
    in.fields = {{"purpose", "bank"}, {"copies", std::to_string(1 + i % 5)}, {"phone", "13800138000"}};
    const auto receipt = service.submit(in);
    if (!receipt) {
      std::cerr << "submit failed: " << receipt.error().key << "\n";
      return 1;
    }
    // Staff work on it too, so kills also land inside transitions.
    (void)service.transition(receipt.value().id,
                             {core::RequestEventKind::kAccept, village.store->staff().list().at(1).id, "", {}, "", false});
    std::printf("%s\n", receipt.value().number.c_str());
    std::fflush(stdout);
  }
}
