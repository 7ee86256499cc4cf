// Everything a sync round needs on the kiosk, opened from a data directory: its own database
// connection (one per thread: the sync thread never shares the UI's; SQLite's write lock keeps
// them one writer at a time, see docs/writer-model.md), the request rules that
// township replies go through, the change handlers and the client. Used by kioskctl and by
// the kiosk's sync thread.
#pragma once

#include <memory>
#include <string>

#include "app/bootstrap.h"
#include "app/notice_service.h"
#include "app/points_service.h"
#include "app/request_service.h"
#include "app/township_changes.h"
#include "core/catalog.h"
#include "core/working_calendar.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"
#include "platform/random.h"
#include "sync/client/sync_client.h"

namespace vsk::sync {

struct KioskSync {
  platform::SystemClock clock;
  platform::SodiumRandom random;
  platform::SodiumPinHasher hasher;
  app::OpenedVillage village;
  core::Catalog catalog;
  core::WorkingCalendar calendar;
  std::unique_ptr<app::RequestService> requests;
  core::PointsRules points_rules;
  std::unique_ptr<app::PointsService> points;
  std::unique_ptr<app::NoticeService> notices;
  std::unique_ptr<app::TownshipChanges> changes;
  std::unique_ptr<SyncClient> client;

  store::KioskStore& store() { return *village.store; }
};

// Throws std::runtime_error with a message when the data directory cannot be opened.
std::unique_ptr<KioskSync> open_kiosk_sync(const std::string& data_dir, const std::string& assets_dir);

}  // namespace vsk::sync
