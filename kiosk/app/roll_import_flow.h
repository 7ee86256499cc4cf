// 从U盘导入 (issue 11): staff import the village roll from a USB stick on screen. The flow lists
// the spreadsheets on removable media (/media, /run/media) or in the configured folder, runs
// the dry run of the one tapped (counts and the first problems in big text, the full report
// saved beside the roll on the stick), then imports on 确认导入 — the same app/roll_import as
// `kioskctl residents import`: one transaction, audited, never deleting anyone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actions/village_admin_actions.h"
#include "app/navigator.h"
#include "app/roll_import.h"
#include "app/request_service.h"
#include "app/session.h"
#include "app/translations.h"
#include "app/view_state.h"
#include "platform/clock.h"
#include "store/kiosk_store.h"

namespace vsk::app {

// The settings row naming one more folder to look in (a shared folder, or a test's stick).
inline constexpr const char* kImportFolderSetting = "residents.import_folder";

// Spreadsheets (.xlsx, .xls, .csv) under `folders`, up to a few levels deep, in path order;
// our own problem reports are left out. Folders that do not exist are skipped.
std::vector<std::string> find_roll_files(const std::vector<std::string>& folders);

class RollImportFlow {
 public:
  RollImportFlow(ViewState& state, Session& session, Navigator& nav, store::KioskStore& store, platform::Clock& clock,
                 RequestService& requests, const Translations* translations)
      : state_(state), session_(session), nav_(nav), store_(store), clock_(clock), requests_(requests), tr_(translations) {
    register_back();
  }

  void handle(const VillageAdminAction& a);

 private:
  void open();
  std::optional<RollImportReport> run(bool dry);
  void dry_run();
  void confirm();
  bool may() const;

  ViewState& state_;
  Session& session_;
  Navigator& nav_;
  void register_back();
  store::KioskStore& store_;
  platform::Clock& clock_;
  RequestService& requests_;
  const Translations* tr_;  // the report's Chinese words; none: no report file
};

}  // namespace vsk::app
