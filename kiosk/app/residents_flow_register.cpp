// 居民管理, the part that adds and moves people (issue 11 §2): 登记新居民 (a form whose fields
// open the keypad, the keyboard or a pick page, saved through app/resident_register.h) and
// 迁到别的户 (分户 / 合户: the 户号 on the keypad, then the relation in that household).
#include "app/residents_flow.h"

#include "app/resident_changes.h"
#include "core/id_number.h"
#include "store/household_store.h"

namespace vsk::app {

void ResidentsFlow::open_register(bool in_open_household) {
  reg_ = NewResident{};
  state_.residents.reg = ResidentRegisterView{};
  if (in_open_household && open_id_) {
    reg_.household_no = state_.residents.open.household_no;
    state_.residents.reg.household_no = reg_.household_no;
  }
  refresh_register_household();
  state_.error.reset();
  nav_.open(Screen::kResidentRegister);
}

// The 户号 typed names a household (its head shown, no grid asked) or a new one.
void ResidentsFlow::refresh_register_household() {
  ResidentRegisterView& v = state_.residents.reg;
  v.household_exists = false;
  v.household_head.clear();
  if (reg_.household_no.empty()) return;
  const auto h = store_.households().find_by_no(reg_.household_no);
  if (!h) return;
  v.household_exists = true;
  if (const auto head = active_head_of(store_, h->id)) v.household_head = head->name;
  reg_.grid_id.reset();
  v.grid.clear();
}

void ResidentsFlow::edit_register(RegisterField field) {
  ResidentsView& v = state_.residents;
  switch (field) {
    case RegisterField::kIdNumber:
      v.entry_for = "reg_id";
      state_.keypad = KeypadView{EntryStep::kIdNumber, "", 18, true, false, ""};
      break;
    case RegisterField::kHousehold:
      v.entry_for = "reg_household";
      state_.keypad = KeypadView{EntryStep::kNumber, reg_.household_no, kMaxHouseholdNoChars, false, false, ""};
      break;
    case RegisterField::kPhone:
      v.entry_for = "reg_phone";
      state_.keypad = KeypadView{EntryStep::kPhone, "", 12, false, false, ""};
      break;
    case RegisterField::kRelation:
      return pick("reg_relation");
    case RegisterField::kGrid:
      if (!v.reg.household_exists) pick("reg_grid");
      return;
  }
  nav_.open(Screen::kResidentKeypad);
}

bool ResidentsFlow::submit_register_entry(const std::string& what, const std::string& entry) {
  ResidentRegisterView& v = state_.residents.reg;
  if (what == "reg_id") {
    const auto id = new_resident_id_number(store_, entry);
    if (!id) {
      state_.error = id.error();
      return true;
    }
    reg_.id_number = id.value();
    v.masked_id = core::mask_id_number(id.value());
  } else if (what == "reg_household") {
    if (!valid_household_no(entry)) {
      state_.error = core::Message("resident.err.household_no");
      return true;
    }
    reg_.household_no = v.household_no = entry;
    refresh_register_household();
  } else if (what == "reg_phone") {
    reg_.phone = entry;
    v.masked_phone = entry.empty() ? "" : core::mask_phone(entry);
  } else if (what == "move_household") {
    if (!valid_household_no(entry)) {
      state_.error = core::Message("resident.err.household_no");
      return true;
    }
    state_.residents.move_to = entry;
    pick("move_relation");
    return true;
  } else {
    return false;
  }
  state_.keypad = KeypadView{};
  nav_.open(Screen::kResidentRegister);  // back down to the form
  return true;
}

bool ResidentsFlow::picked_register(const std::string& value) {
  ResidentsView& v = state_.residents;
  if (v.pick_for == "reg_relation") {
    reg_.relation = v.reg.relation = value;
  } else if (v.pick_for == "reg_grid") {
    reg_.grid_id = store_.households().grid_by_name(value);
    v.reg.grid = value;
  } else if (v.pick_for == "move_relation") {
    if (!open_id_) return true;
    const std::string to = v.move_to;
    v.move_to.clear();
    done(move_resident(store_, open_id_, to, value, who(), clock_.unix_seconds()), "residents.moved");
    return true;
  } else {
    return false;
  }
  nav_.open(Screen::kResidentRegister);
  return true;
}

// Saved: the new resident's card opens, where the PIN is set next.
void ResidentsFlow::save_register() {
  const auto id = register_resident(store_, reg_, who(), clock_.unix_seconds());
  if (!id) {
    state_.error = id.error();
    return;
  }
  const std::string name = reg_.name;
  reg_ = NewResident{};
  state_.residents.reg = ResidentRegisterView{};
  nav_.drop();  // the form: Back from the card leads where the form was opened from
  open_card(id.value());
  state_.notice = core::Message("residents.registered").arg("name", name);
}

void ResidentsFlow::start_move() {
  state_.residents.entry_for = "move_household";
  state_.residents.move_to.clear();
  state_.keypad = KeypadView{EntryStep::kNumber, "", kMaxHouseholdNoChars, false, false, ""};
  nav_.open(Screen::kResidentKeypad);
}

}  // namespace vsk::app
