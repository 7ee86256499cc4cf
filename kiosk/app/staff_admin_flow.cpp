#include "app/staff_admin_flow.h"

#include "app/actions/overloaded.h"
#include "app/staff_accounts.h"
#include "core/text_limits.h"
#include "store/household_store.h"

namespace vsk::app {
namespace {

constexpr std::size_t kStaffNoDigits = 4;
constexpr std::size_t kMaxNameChars = 20;

StaffRowView row(const store::StaffRecord& s, store::KioskStore& store) {
  StaffRowView v;
  v.staff_no = s.staff_no;
  v.name = s.name;
  v.role = s.role;
  if (s.grid_id) v.grid = store.households().grid_name(*s.grid_id).value_or("");
  v.active = !s.disabled_at;
  v.pin_pending = !s.pin_hash;
  return v;
}

}  // namespace

bool StaffAdminFlow::may() const {
  return session_.staff_id && requests_.may(*session_.staff_id, core::Permission::kManageStaff, nullptr);
}

// What Back clears and reloads; where it leads is the navigation stack.
void StaffAdminFlow::register_back() {
  const auto clear_keypad = [this] { state_.keypad = KeypadView{}; };
  nav_.on(Screen::kStaffAccount, {{}, clear_keypad, {}});
  nav_.on(Screen::kStaffAccountKeypad, {{}, clear_keypad, {}});
  nav_.on(Screen::kStaffAccounts, {{}, {}, [this] { reload(""); }});
}

void StaffAdminFlow::open() {
  if (!may()) {
    state_.error = core::Message("staffacct.err.not_allowed");
    return;
  }
  state_.staff_accounts = StaffAccountsView{};
  reload("");
  nav_.open_path({Screen::kAdminHome, Screen::kStaffAccounts});
}

// The list, and the account on screen as it now is in the store.
void StaffAdminFlow::reload(const std::string& staff_no) {
  StaffAccountsView& v = state_.staff_accounts;
  v.rows.clear();
  for (const auto& s : store_.staff().list()) v.rows.push_back(row(s, store_));
  if (staff_no.empty()) return;
  if (const auto s = store_.staff().find_any_by_staff_no(staff_no)) v.open = row(*s, store_);
  v.is_new = false;
}

void StaffAdminFlow::handle(const VillageAdminAction& action) {
  if (!may()) return;
  state_.error.reset();
  state_.notice.reset();
  StaffAccountsView& v = state_.staff_accounts;
  const std::int64_t now = clock_.unix_seconds();
  const ActingStaff who{session_.staff_id, ""};
  std::visit(Overloaded{
                 [&](const StaffOpen& a) {
                   reload(a.staff_no);
                   if (v.open.staff_no == a.staff_no) nav_.open(Screen::kStaffAccount);
                 },
                 [&](const StaffNew&) {
                   v.open = StaffRowView{};
                   v.open.role = "clerk";
                   v.open.pin_pending = true;
                   v.is_new = true;
                   v.entry_for = "staff_no";
                   state_.keypad = KeypadView{EntryStep::kStaffNo, "", kStaffNoDigits, false, false, ""};
                   nav_.open(Screen::kStaffAccountKeypad);
                 },
                 [&](const StaffPickRole&) {
                   if (state_.screen == Screen::kStaffAccount && v.open.active) pick("role");
                 },
                 [&](const StaffPickGrid&) {
                   if (state_.screen == Screen::kStaffAccount && v.open.active) pick("grid");
                 },
                 [&](const StaffAccountPickOption& a) {
                   if (state_.screen == Screen::kStaffAccountPick) picked(a.index);
                 },
                 [&](const StaffSave&) {
                   if (state_.screen == Screen::kStaffAccount) save();
                 },
                 [&](const StaffDisable&) {
                   if (state_.screen != Screen::kStaffAccount || v.is_new) return;
                   const auto me = store_.staff().find(*session_.staff_id);
                   if (me && me->staff_no == v.open.staff_no) {
                     state_.error = core::Message("staffacct.err.self");
                     return;
                   }
                   result(disable_staff(store_, v.open.staff_no, who, now), "staffacct.disabled");
                 },
                 [&](const StaffResetPin&) {
                   if (state_.screen == Screen::kStaffAccount && !v.is_new)
                     result(reset_staff_pin(store_, v.open.staff_no, who, now), "staffacct.pin_reset");
                 },
                 [&](const auto&) {},
             },
             action);
}

bool StaffAdminFlow::on_submit() {
  if (state_.screen != Screen::kStaffAccountKeypad || !may()) return false;
  const std::string no = state_.keypad.entry;
  if (no.size() != kStaffNoDigits) {
    state_.error = core::Message("err.staff_no_length");
    return true;
  }
  if (store_.staff().find_any_by_staff_no(no)) {
    state_.error = core::Message("staff.err.exists");
    return true;
  }
  state_.staff_accounts.open.staff_no = no;
  state_.keypad = KeypadView{};
  state_.error.reset();
  nav_.replace(Screen::kStaffAccount);  // Back from the new account: the list, not the number page
  return true;
}

std::optional<TextField> StaffAdminFlow::text_field(const std::string& target) const {
  const StaffAccountsView& v = state_.staff_accounts;
  // A new account's name, or an active one's real name (the first admin starts as 管理员).
  if (target == "staffacct.name" && state_.screen == Screen::kStaffAccount && (v.is_new || v.open.active) && may())
    return TextField{v.open.name, kMaxNameChars, "staffacct.type_name"};
  return std::nullopt;
}

core::Status StaffAdminFlow::take_text(const std::string& target, const std::string& value) {
  if (!text_field(target)) return core::Message("text.err.closed");
  const std::string text = core::trim_free_text(value);
  if (auto err = core::check_free_text(text, kMaxNameChars, true)) return *err;
  state_.staff_accounts.open.name = text;
  state_.error.reset();
  return core::ok();
}

void StaffAdminFlow::pick(const std::string& what) {
  StaffAccountsView& v = state_.staff_accounts;
  v.pick_for = what;
  v.pick = VillagePickView{};
  if (what == "role") {
    v.pick.title_key = "staffacct.pick_role";
    v.pick.labels_are_keys = true;
    for (const char* r : {"admin", "clerk", "grid_worker", "volunteer"}) v.pick.options.emplace_back(r, std::string("role.") + r);
  } else {
    v.pick.title_key = "staffacct.pick_grid";
    for (const auto& [id, name] : store_.residents().grids()) v.pick.options.emplace_back(name, name);
  }
  nav_.open(Screen::kStaffAccountPick);
}

// A choice changes the form; 保存 applies it (so a role and its grid change together).
void StaffAdminFlow::picked(std::size_t index) {
  StaffAccountsView& v = state_.staff_accounts;
  if (index >= v.pick.options.size()) return;
  const std::string value = v.pick.options[index].first;
  if (v.pick_for == "role") {
    v.open.role = value;
    if (value != "grid_worker") v.open.grid.clear();
  } else {
    v.open.grid = value;
  }
  nav_.open(Screen::kStaffAccount);
}

void StaffAdminFlow::save() {
  StaffAccountsView& v = state_.staff_accounts;
  const ActingStaff who{session_.staff_id, ""};
  const std::int64_t now = clock_.unix_seconds();
  if (v.is_new) {
    const auto added = add_staff(store_, NewStaff{v.open.staff_no, v.open.name, v.open.role, v.open.grid}, who, now);
    if (!added) {
      state_.error = added.error();
      return;
    }
    reload(v.open.staff_no);
    state_.notice = core::Message("staffacct.added").arg("name", v.open.name).arg("no", v.open.staff_no);
    return;
  }
  // The name is changed by itself; role and grid as before (also when only they changed).
  const auto stored = store_.staff().find_any_by_staff_no(v.open.staff_no);
  if (stored && stored->name != v.open.name) {
    const core::Status st = rename_staff(store_, v.open.staff_no, v.open.name, who, now);
    if (st && session_.staff_id == stored->id && state_.staff) state_.staff->name = v.open.name;  // the header
    const std::string grid = stored->grid_id ? store_.households().grid_name(*stored->grid_id).value_or("") : "";
    if (!st || (stored->role == v.open.role && grid == v.open.grid)) {
      result(st, "staffacct.renamed");
      return;
    }
  }
  result(change_staff_role(store_, v.open.staff_no, v.open.role, v.open.grid, who, now), "staffacct.saved");
}

void StaffAdminFlow::result(const core::Status& st, const char* notice_key) {
  StaffAccountsView& v = state_.staff_accounts;
  if (!st) {
    state_.error = st.error();
    reload(v.open.staff_no);  // what the store holds, not the refused change
    return;
  }
  reload(v.open.staff_no);
  state_.notice = core::Message(notice_key).arg("name", v.open.name).arg("no", v.open.staff_no);
}

}  // namespace vsk::app
