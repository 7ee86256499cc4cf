// The village admin screens of issue 11 behind one door for KioskApp: 居民管理 (with PIN
// enrollment), 从U盘导入, 工作人员 and 村务设置. Routes each action to the flow that owns it.
#pragma once

#include <optional>
#include <string>

#include "app/residents_flow.h"
#include "app/roll_import_flow.h"
#include "app/staff_admin_flow.h"
#include "app/village_settings_flow.h"

namespace vsk::app {

class VillageAdmin {
 public:
  VillageAdmin(ViewState& state, Session& session, Navigator& nav, store::KioskStore& store,
               platform::PinHasher& hasher, platform::Clock& clock, RequestService& requests,
               const Translations* translations)
      : residents_(state, session, nav, store, hasher, clock, requests),
        import_(state, session, nav, store, clock, requests, translations),
        staff_(state, session, nav, store, clock, requests), settings_(state, session, nav, store, clock, requests) {}

  bool open_admin(const std::string& feature_key);  // admin.residents / .staff / .settings; false: not ours
  void handle(const VillageAdminAction& a);
  bool on_submit();  // the keypad's OK on one of these screens
  void reset() { residents_.reset(); }

  std::optional<TextField> text_field(const std::string& target) const;
  core::Status take_text(const std::string& target, const std::string& value);

 private:
  ResidentsFlow residents_;
  RollImportFlow import_;
  StaffAdminFlow staff_;
  VillageSettingsFlow settings_;
};

}  // namespace vsk::app
