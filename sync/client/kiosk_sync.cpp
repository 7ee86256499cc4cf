#include "sync/client/kiosk_sync.h"

#include "app/calendar_loader.h"
#include "app/catalog_loader.h"
#include "app/points_rules_loader.h"
#include "app/township_documents.h"
#include "app/kiosk_runtime.h"
#include "sync/client/heartbeat_source.h"

#include <filesystem>

#include "linux/host_fingerprint.h"

namespace vsk::sync {

std::unique_ptr<KioskSync> open_kiosk_sync(const std::string& data_dir, const std::string& assets_dir) {
  std::filesystem::create_directories(data_dir + "/keys");
  auto k = std::make_unique<KioskSync>();
  k->village = app::open_village(data_dir, k->hasher, false);
  k->catalog = app::load_catalog(app::document_path(data_dir, assets_dir, "catalog/services.json"));
  k->calendar = app::load_working_calendar(assets_dir + "/calendar/cn-holidays.json");
  app::RequestPolicy policy;
  policy.kiosk_code = k->store().settings().get_or(store::setting::kKioskCode, policy.kiosk_code);
  k->requests = std::make_unique<app::RequestService>(k->store(), k->catalog, k->calendar, k->clock, k->random, policy);
  k->changes = std::make_unique<app::TownshipChanges>(k->store(), k->clock);
  app::register_request_changes(*k->changes, *k->requests);
  k->points_rules = app::load_points_rules(app::document_path(data_dir, assets_dir, "points/rules.json"));
  k->points = std::make_unique<app::PointsService>(k->store(), k->points_rules, k->clock, k->random);
  app::register_points_changes(*k->changes, *k->points);
  k->notices = std::make_unique<app::NoticeService>(k->store(), k->clock);
  app::register_notice_changes(*k->changes, *k->notices);
  app::register_document_changes(*k->changes, data_dir);
  app::register_setting_changes(*k->changes, k->store());
  k->client = std::make_unique<SyncClient>(k->store(), k->clock, SigningKey::load_or_create(device_key_path(data_dir)),
                                           *k->changes);
  k->client->bind_to_host(platform::host_fingerprint(), device_key_path(data_dir));
  k->client->set_heartbeat([data_dir, &clock = k->clock] { return collect_heartbeat(data_dir, clock.unix_seconds()); },
                           [data_dir](const Heartbeat& h) { app::mark_crashes_reported(data_dir, h.crashes); });
  return k;
}

}  // namespace vsk::sync
