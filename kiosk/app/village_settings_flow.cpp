#include "app/village_settings_flow.h"

#include "app/actions/overloaded.h"
#include "app/village_settings.h"
#include "store/settings_store.h"

namespace vsk::app {
namespace {

constexpr const char* kTargetPrefix = "settings.";

SettingRowView row(store::KioskStore& store, const SettingSpec& spec) {
  SettingRowView r;
  r.key = spec.key;
  r.label_key = spec.label_key;
  r.value = setting_value(store, spec);
  if (spec.kind == SettingKind::kSwitch) r.value_key = r.value == "1" ? "settings.on" : "settings.off";
  if (spec.kind == SettingKind::kChoice) r.value_key = std::string(spec.label_key) + "." + r.value;
  r.unit_key = spec.unit_key;
  r.min = spec.min;
  r.max = spec.max;
  r.is_text = spec.kind == SettingKind::kText;
  r.on_restart = spec.on_restart;
  return r;
}

}  // namespace

bool VillageSettingsFlow::may() const {
  return session_.staff_id && requests_.may(*session_.staff_id, core::Permission::kChangeConfig, nullptr);
}

void VillageSettingsFlow::register_back() {
  nav_.on(Screen::kVillageSettingKeypad, {{}, [this] { state_.keypad = KeypadView{}; }, {}});
  nav_.on(Screen::kVillageSettings, {{}, {}, [this] { reload(); }});
}

void VillageSettingsFlow::open() {
  if (!may()) {
    state_.error = core::Message("settings.err.not_allowed");
    return;
  }
  state_.village_settings = VillageSettingsView{};
  reload();
  nav_.open_path({Screen::kAdminHome, Screen::kVillageSettings});
}

void VillageSettingsFlow::reload() {
  auto& rows = state_.village_settings.rows;
  rows.clear();
  for (const auto& spec : village_settings()) rows.push_back(row(store_, spec));
  state_.village_name = store_.settings().get_or(store::setting::kVillageName, "");
}

void VillageSettingsFlow::handle(const VillageAdminAction& action) {
  if (!may()) return;
  state_.error.reset();
  state_.notice.reset();
  std::visit(Overloaded{
                 [&](const SettingsEdit& a) {
                   if (state_.screen == Screen::kVillageSettings) edit(a.index);
                 },
                 [&](const SettingsPickOption& a) {
                   if (state_.screen == Screen::kVillageSettingPick) picked(a.index);
                 },
                 [&](const auto&) {},
             },
             action);
}

void VillageSettingsFlow::edit(std::size_t index) {
  const auto& specs = village_settings();
  if (index >= specs.size()) return;
  const SettingSpec& spec = specs[index];
  VillageSettingsView& v = state_.village_settings;
  v.editing = index;
  switch (spec.kind) {
    case SettingKind::kSwitch:
      apply(spec.key, setting_value(store_, spec) == "1" ? "0" : "1");
      return;
    case SettingKind::kNumber:
      state_.keypad = KeypadView{EntryStep::kNumber, "", std::to_string(spec.max).size(), false, false, ""};
      nav_.open(Screen::kVillageSettingKeypad);
      return;
    case SettingKind::kChoice:
      v.pick = VillagePickView{};
      v.pick.title_key = spec.label_key;
      v.pick.labels_are_keys = true;
      for (const auto& c : spec.choices) v.pick.options.emplace_back(c, std::string(spec.label_key) + "." + c);
      nav_.open(Screen::kVillageSettingPick);
      return;
    case SettingKind::kText:
      return;  // the screen opens the keyboard on "settings.<key>"
  }
}

void VillageSettingsFlow::picked(std::size_t index) {
  const VillageSettingsView& v = state_.village_settings;
  if (index >= v.pick.options.size()) return;
  if (apply(village_settings()[v.editing].key, v.pick.options[index].first)) nav_.back();
}

bool VillageSettingsFlow::on_submit() {
  if (state_.screen != Screen::kVillageSettingKeypad || !may()) return false;
  if (apply(village_settings()[state_.village_settings.editing].key, state_.keypad.entry)) {
    state_.keypad = KeypadView{};
    nav_.back();
  }
  return true;
}

bool VillageSettingsFlow::apply(const std::string& key, const std::string& value) {
  const auto st = change_setting(store_, key, value, ActingStaff{session_.staff_id, ""}, clock_.unix_seconds());
  if (!st) {
    state_.error = st.error();
    return false;
  }
  reload();
  const SettingSpec* spec = find_setting(key);
  state_.notice = core::Message(spec->on_restart ? "settings.saved_restart" : "settings.saved").arg("name", spec->label_key);
  return true;
}

std::optional<TextField> VillageSettingsFlow::text_field(const std::string& target) const {
  if (target.rfind(kTargetPrefix, 0) != 0 || state_.screen != Screen::kVillageSettings || !may()) return std::nullopt;
  const SettingSpec* spec = find_setting(target.substr(std::string(kTargetPrefix).size()));
  if (!spec || spec->kind != SettingKind::kText) return std::nullopt;
  return TextField{setting_value(store_, *spec), static_cast<std::size_t>(spec->max), "settings.type_text"};
}

core::Status VillageSettingsFlow::take_text(const std::string& target, const std::string& value) {
  if (!text_field(target)) return core::Message("text.err.closed");
  const std::string key = target.substr(std::string(kTargetPrefix).size());
  const auto st = change_setting(store_, key, value, ActingStaff{session_.staff_id, ""}, clock_.unix_seconds());
  if (!st) return st;
  reload();
  state_.error.reset();
  state_.notice = core::Message("settings.saved").arg("name", find_setting(key)->label_key);
  return core::ok();
}

}  // namespace vsk::app
