// 居民管理 on screen (issue 11): staff find a resident by ID number, name or 户号, open the
// card with the household, change phone / relation / grid, mark 迁出 or 死亡 with a date, and
// enroll the resident's PIN at the window (the screen turns to the resident, who types it
// twice). Admin and clerk edit; grid workers read their own grid. Every change goes through
// app/resident_changes.h or app/resident_pins.h (audited, queued for the township).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/acting_staff.h"
#include "app/actions/village_admin_actions.h"
#include "app/navigator.h"
#include "app/resident_register.h"
#include "app/request_service.h"
#include "app/session.h"
#include "app/text_field.h"
#include "app/view_state.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"
#include "store/kiosk_store.h"

namespace vsk::app {

class ResidentsFlow {
 public:
  ResidentsFlow(ViewState& state, Session& session, Navigator& nav, store::KioskStore& store,
                platform::PinHasher& hasher, platform::Clock& clock, RequestService& requests)
      : state_(state), session_(session), nav_(nav), store_(store), hasher_(hasher), clock_(clock), requests_(requests) {
    register_back();
  }

  void open();  // the search page (OpenAdminFeature{"admin.residents"})
  void handle(const VillageAdminAction& a);  // the resident actions of it
  bool on_submit();  // the keypad's OK on this flow's keypad page; false: not ours
  void reset();      // a new session: nothing of the last one stays

  // "residents.search"; "residents.reg_name" on the form.
  std::optional<TextField> text_field(const std::string& target) const;
  core::Status take_text(const std::string& target, const std::string& value);

 private:
  void open_card(std::int64_t resident_id);
  void reload_card();
  void keypad_for(const std::string& what);
  void submit_id();
  void submit_pin();
  void start_pin();
  void pick(const std::string& what);
  void picked(std::size_t index);
  void done(const core::Status& st, const char* notice_key);  // the change's result on the card
  bool may_edit() const;
  std::optional<std::int64_t> grid_only() const;  // grid workers: their grid
  ResidentRowView row(const store::ResidentRecord& r) const;
  ActingStaff who() const;
  // 登记新居民 and 迁到别的户 (residents_flow_register.cpp).
  void open_register(bool in_open_household);
  void edit_register(RegisterField field);
  bool submit_register_entry(const std::string& what, const std::string& entry);  // reg_* / move_household
  bool picked_register(const std::string& value);                                // reg_* / move_relation
  void save_register();
  void start_move();
  void refresh_register_household();

  ViewState& state_;
  Session& session_;
  Navigator& nav_;
  void register_back();
  store::KioskStore& store_;
  platform::PinHasher& hasher_;
  platform::Clock& clock_;
  RequestService& requests_;
  std::int64_t open_id_ = 0;  // the resident on the card (the id stays here, not in the view)
  std::string first_pin_;     // PIN enrollment: the first entry, until it is typed again
  std::vector<std::int64_t> pick_grids_;  // the grid page's options, by index
  NewResident reg_;  // the form: the ID and phone numbers stay here, the view has them masked
};

}  // namespace vsk::app
