#include "app/residents_flow.h"

#include "app/actions/overloaded.h"
#include "app/resident_changes.h"
#include "app/resident_pins.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/text_limits.h"

namespace vsk::app {
namespace {

constexpr int kMaxResults = 8;  // a page of rows; a longer list means: type more of the name
constexpr std::size_t kPhoneDigits = 12;
constexpr std::size_t kMaxSearchChars = 20;

std::string date_digits(const std::string& iso) {
  std::string out;
  for (char c : iso)
    if (c != '-') out += c;
  return out;
}

}  // namespace

ActingStaff ResidentsFlow::who() const { return ActingStaff{session_.staff_id, ""}; }

bool ResidentsFlow::may_edit() const {
  return session_.staff_id && requests_.may(*session_.staff_id, core::Permission::kManageResidents, nullptr);
}

std::optional<std::int64_t> ResidentsFlow::grid_only() const {
  if (!session_.staff_id) return std::nullopt;
  const auto s = store_.staff().find(*session_.staff_id);
  if (s && s->role == "grid_worker") return s->grid_id.value_or(-1);  // no grid: sees nobody
  return std::nullopt;
}

void ResidentsFlow::reset() {
  state_.residents = ResidentsView{};
  open_id_ = 0;
  first_pin_.clear();
  reg_ = NewResident{};
}

// What Back clears on leaving a screen; where it leads is the navigation stack.
void ResidentsFlow::register_back() {
  nav_.on(Screen::kResidentCard, {{}, [this] { open_id_ = 0; }, {}});
  nav_.on(Screen::kResidentKeypad, {{}, [this] {
            first_pin_.clear();
            state_.keypad = KeypadView{};
          }, {}});
}

void ResidentsFlow::open() {
  if (!session_.staff_id) return;
  const auto s = store_.staff().find(*session_.staff_id);
  if (!s || (!may_edit() && s->role != "grid_worker")) {
    state_.error = core::Message("residents.err.not_allowed");
    return;
  }
  reset();
  state_.residents.may_edit = may_edit();
  if (const auto g = grid_only()) state_.residents.grid_only = store_.households().grid_name(*g).value_or("");
  nav_.open_path({Screen::kAdminHome, Screen::kResidents});
  state_.error.reset();
}

ResidentRowView ResidentsFlow::row(const store::ResidentRecord& r) const {
  ResidentRowView v;
  v.id = r.id;
  v.name = r.name;
  v.masked_id = core::mask_id_number(r.id_number);
  v.gender = r.gender;
  v.birth_date = r.birth_date;
  v.relation = r.relation;
  v.is_head = r.is_head;
  v.household_no = r.household_no.value_or("");
  v.address = r.address;
  v.grid = r.grid_name;
  v.status = r.status;
  v.status_date = r.status_date.value_or("");
  v.masked_phone = r.phone ? core::mask_phone(*r.phone) : "";
  v.has_pin = r.pin_hash.has_value();
  v.locked = core::is_locked(r.pin_attempts, clock_.unix_seconds());
  return v;
}

void ResidentsFlow::handle(const VillageAdminAction& action) {
  if (!session_.staff_id) return;
  state_.error.reset();
  state_.notice.reset();
  const bool edit = may_edit();
  std::visit(Overloaded{
                 [&](const ResidentsSearchById&) { keypad_for("id"); },
                 [&](const ResidentOpen& a) { open_card(a.resident_id); },
                 [&](const ResidentPin& a) {
                   if (!edit || !open_id_) return;
                   if (a.step == ResidentPinStep::kSet) return start_pin();
                   if (a.step == ResidentPinStep::kReset)
                     return done(reset_resident_pin(store_, open_id_, who(), clock_.unix_seconds()),
                                 "residents.pin_reset_done");
                   done(unlock_resident(store_, open_id_, who(), clock_.unix_seconds()), "residents.unlocked");
                 },
                 [&](const ResidentEditPhone&) {
                   if (edit && open_id_) keypad_for("phone");
                 },
                 [&](const ResidentSetStatus& a) {
                   if (!edit || !open_id_) return;
                   if (a.status == ResidentStatusChange::kActive)
                     return done(set_resident_status(store_, open_id_, "active", "", core::date_of(clock_.unix_seconds()),
                                                     who(), clock_.unix_seconds()),
                                 "residents.status_done");
                   state_.residents.pending_status = a.status == ResidentStatusChange::kMovedOut ? "moved_out" : "deceased";
                   keypad_for("status_date");
                 },
                 [&](const ResidentPickGrid&) {
                   if (edit && open_id_) pick("grid");
                 },
                 [&](const ResidentPickRelation&) {
                   if (edit && open_id_) pick("relation");
                 },
                 [&](const ResidentPickOption& a) {
                   if (edit && state_.screen == Screen::kResidentPick) picked(a.index);
                 },
                 [&](const ResidentRegisterOpen& a) {
                   if (edit) open_register(a.in_open_household);
                 },
                 [&](const ResidentRegisterEdit& a) {
                   if (edit && state_.screen == Screen::kResidentRegister) edit_register(a.field);
                 },
                 [&](const ResidentRegisterSave&) {
                   if (edit && state_.screen == Screen::kResidentRegister) save_register();
                 },
                 [&](const ResidentMove&) {
                   if (edit && open_id_) start_move();
                 },
                 [&](const auto&) {},
             },
             action);
}

// One keypad page serves the ID search, the phone, the 迁出 date and the resident's PIN.
void ResidentsFlow::keypad_for(const std::string& what) {
  ResidentsView& v = state_.residents;
  v.entry_for = what;
  if (what == "id") state_.keypad = KeypadView{EntryStep::kIdNumber, "", 18, true, false, ""};
  if (what == "phone") state_.keypad = KeypadView{EntryStep::kPhone, "", kPhoneDigits, false, false, ""};
  if (what == "status_date")  // today, as digits: most 迁出 are recorded the day they happen
    state_.keypad = KeypadView{EntryStep::kNumber, date_digits(core::format_date(core::date_of(clock_.unix_seconds()))),
                               8, false, false, ""};
  if (what == "pin")
    state_.keypad = KeypadView{EntryStep::kNewPin, "", kResidentPinLength, false, true, v.open.masked_id};
  nav_.open(Screen::kResidentKeypad);
}

void ResidentsFlow::start_pin() {
  const auto r = store_.residents().find(open_id_);
  if (!r) return;
  if (r->status != "active") {
    state_.error = core::Message("resident.err.inactive");
    return;
  }
  first_pin_.clear();
  keypad_for("pin");
}

bool ResidentsFlow::on_submit() {
  if (state_.screen != Screen::kResidentKeypad || !session_.staff_id) return false;
  const std::string entry = state_.keypad.entry;
  const std::string& what = state_.residents.entry_for;
  state_.error.reset();
  if (submit_register_entry(what, entry)) return true;
  if (what == "id") {
    submit_id();
  } else if (what == "pin") {
    submit_pin();
  } else if (what == "phone" && may_edit()) {
    done(set_resident_phone(store_, open_id_, entry, who(), clock_.unix_seconds()), "residents.phone_done");
  } else if (what == "status_date" && may_edit()) {
    done(set_resident_status(store_, open_id_, state_.residents.pending_status, entry,
                             core::date_of(clock_.unix_seconds()), who(), clock_.unix_seconds()),
         "residents.status_done");
  }
  return true;
}

void ResidentsFlow::submit_id() {
  const std::string id = core::normalize_id_number(state_.keypad.entry);
  if (core::validate_id_number(id)) {
    state_.error = core::Message("residents.err.id");
    return;
  }
  ResidentsView& v = state_.residents;
  v.results.clear();
  v.query = core::mask_id_number(id);
  v.searched = true;
  const auto r = store_.residents().find_by_id_number(id);
  const auto grid = grid_only();
  if (r && (!grid || r->grid_id == *grid)) v.results.push_back(row(*r));
  state_.keypad = KeypadView{};
  nav_.open(Screen::kResidents);  // the search page is done: Back from the card leads to the results
  if (v.results.size() == 1) return open_card(v.results.front().id);
}

std::optional<TextField> ResidentsFlow::text_field(const std::string& target) const {
  if (target == "residents.search" && state_.screen == Screen::kResidents && session_.staff_id)
    return TextField{"", kMaxSearchChars, "residents.type_search"};
  if (target == "residents.reg_name" && state_.screen == Screen::kResidentRegister && may_edit())
    return TextField{reg_.name, kMaxResidentNameChars, "residents.reg.type_name"};
  return std::nullopt;
}

core::Status ResidentsFlow::take_text(const std::string& target, const std::string& value) {
  if (!text_field(target)) return core::Message("text.err.closed");
  const std::string text = core::trim_free_text(value);
  if (target == "residents.reg_name") {
    if (auto err = core::check_free_text(text, kMaxResidentNameChars, true)) return *err;
    reg_.name = state_.residents.reg.name = text;
    state_.error.reset();
    return core::ok();
  }
  if (auto err = core::check_free_text(text, kMaxSearchChars, true)) return *err;
  ResidentsView& v = state_.residents;
  v.query = text;
  v.searched = true;
  v.results.clear();
  for (std::int64_t id : store_.resident_search().by_name_or_household(text, grid_only(), kMaxResults))
    if (const auto r = store_.residents().find(id)) v.results.push_back(row(*r));
  state_.error.reset();
  return core::ok();
}

void ResidentsFlow::open_card(std::int64_t resident_id) {
  const auto r = store_.residents().find(resident_id);
  const auto grid = grid_only();
  if (!r || (grid && r->grid_id != *grid)) return;
  open_id_ = resident_id;
  reload_card();
  nav_.open(Screen::kResidentCard);
}

void ResidentsFlow::reload_card() {
  const auto r = store_.residents().find(open_id_);
  if (!r) return;
  ResidentsView& v = state_.residents;
  v.open = row(*r);
  v.household.clear();
  for (std::int64_t id : store_.resident_search().household_members(r->household_id))
    if (const auto m = store_.residents().find(id)) v.household.push_back(row(*m));
  // A row of the results shows the same person: keep it current.
  for (auto& res : v.results)
    if (res.id == v.open.id) res = v.open;
}

void ResidentsFlow::done(const core::Status& st, const char* notice_key) {
  if (!st) {
    state_.error = st.error();
    if (state_.screen == Screen::kResidentKeypad) return;  // the page stays with what was typed
  } else {
    state_.keypad = KeypadView{};
    state_.notice = core::Message(notice_key).arg("name", state_.residents.open.name);
  }
  reload_card();
  nav_.open(Screen::kResidentCard);
}

// The resident types the PIN twice, the staff member looking away; never shown, never kept
// past the second entry.
void ResidentsFlow::submit_pin() {
  if (!may_edit()) return;
  const std::string pin = state_.keypad.entry;
  state_.keypad.entry.clear();
  if (pin.size() != kResidentPinLength) {
    state_.error = core::Message("err.pin_length");
    return;
  }
  if (state_.keypad.step == EntryStep::kNewPin) {
    if (core::weak_pin(pin)) {
      state_.error = core::Message("staff.err.weak_pin");
      return;
    }
    first_pin_ = pin;
    state_.keypad.step = EntryStep::kConfirmPin;
    return;
  }
  const std::string first = first_pin_;
  first_pin_.clear();
  const core::Status st = set_resident_pin(store_, hasher_, open_id_, first, pin, who(), clock_.unix_seconds());
  if (!st) {
    state_.error = st.error();
    state_.keypad.step = EntryStep::kNewPin;  // from the start: both entries again
    return;
  }
  done(st, "residents.pin_done");
}

void ResidentsFlow::pick(const std::string& what) {
  ResidentsView& v = state_.residents;
  v.pick_for = what;
  v.pick = VillagePickView{};
  if (what == "grid" || what == "reg_grid") {
    v.pick.title_key = "residents.pick_grid";
    pick_grids_.clear();
    for (const auto& [id, name] : store_.residents().grids()) {
      pick_grids_.push_back(id);
      v.pick.options.emplace_back(name, name);
    }
  } else {
    v.pick.title_key = "residents.pick_relation";
    for (const std::string& r : resident_relations()) v.pick.options.emplace_back(r, r);
  }
  nav_.open(Screen::kResidentPick);
}

void ResidentsFlow::picked(std::size_t index) {
  ResidentsView& v = state_.residents;
  if (index >= v.pick.options.size()) return;
  const std::string value = v.pick.options[index].first;
  if (picked_register(value)) return;
  if (!open_id_) return;
  if (v.pick_for == "grid" && index < pick_grids_.size())
    done(set_household_grid(store_, open_id_, pick_grids_[index], who(), clock_.unix_seconds()), "residents.grid_done");
  else if (v.pick_for == "relation")
    done(set_resident_relation(store_, open_id_, value, who(), clock_.unix_seconds()), "residents.relation_done");
}

}  // namespace vsk::app
