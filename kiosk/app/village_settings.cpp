#include "app/village_settings.h"

#include <algorithm>
#include <charconv>

#include "core/catalog.h"  // utf8_length
#include "core/text_limits.h"
#include "store/settings_store.h"

namespace vsk::app {
namespace {

// The same limits the rest of the kiosk assumes: idle times long enough to read a page and
// short enough that a walked-away resident's data does not stay on screen; a dpi that a real
// panel has; notice periods and thresholds as 积分制 rules in use set them.
const std::vector<SettingSpec> kSettings = {
    {store::setting::kVillageName, "settings.village_name", SettingKind::kText, 2, 20, ""},
    {store::setting::kTownshipName, "settings.township_name", SettingKind::kText, 2, 20, ""},
    {"points.notice_days", "settings.notice_days", SettingKind::kNumber, 3, 30, "7", "settings.unit.days"},
    {"points.approval_threshold", "settings.approval_threshold", SettingKind::kNumber, 1, 500, "20",
     "settings.unit.points"},
    {"points.black_board", "settings.black_board", SettingKind::kSwitch, 0, 1, "0"},
    {store::setting::kIdleTimeoutSeconds, "settings.idle", SettingKind::kNumber, 30, 600, "60",
     "settings.unit.seconds", {}, true},
    {store::setting::kStaffIdleTimeoutSeconds, "settings.staff_idle", SettingKind::kNumber, 60, 1800, "180",
     "settings.unit.seconds", {}, true},
    {store::setting::kDpi, "settings.dpi", SettingKind::kNumber, 60, 400, "96", "settings.unit.dpi", {}, true},
    {store::setting::kPrinterMode, "settings.printer_mode", SettingKind::kChoice, 0, 0, "text", "",
     {"text", "raster"}, true},
};

std::optional<std::int64_t> parse_number(const std::string& s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// The value as it is stored, or the refusal.
core::Result<std::string> checked(const SettingSpec& spec, const std::string& value) {
  switch (spec.kind) {
    case SettingKind::kNumber: {
      const auto n = parse_number(value);
      if (!n || *n < spec.min || *n > spec.max)
        return core::Message("settings.err.range")
            .arg("min", std::to_string(spec.min))
            .arg("max", std::to_string(spec.max))
            .arg("unit", spec.unit_key);
      return std::to_string(*n);
    }
    case SettingKind::kSwitch:
      if (value != "0" && value != "1") return core::Message("settings.err.switch");
      return value;
    case SettingKind::kChoice:
      if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end())
        return core::Message("settings.err.choice");
      return value;
    case SettingKind::kText: {
      const std::string text = core::trim_free_text(value);
      if (auto err = core::check_free_text(text, static_cast<std::size_t>(spec.max), true)) return *err;
      if (core::utf8_length(text) < static_cast<std::size_t>(spec.min))
        return core::Message("settings.err.too_short").arg("min", std::to_string(spec.min));
      return text;
    }
  }
  return core::Message("settings.err.unknown");
}

}  // namespace

const std::vector<SettingSpec>& village_settings() { return kSettings; }

const SettingSpec* find_setting(const std::string& key) {
  for (const auto& s : kSettings)
    if (key == s.key) return &s;
  return nullptr;
}

std::string setting_value(store::KioskStore& store, const SettingSpec& spec) {
  return store.settings().get_or(spec.key, spec.fallback);
}

core::Status change_setting(store::KioskStore& store, const std::string& key, const std::string& value,
                            const ActingStaff& who, std::int64_t now_unix) {
  const SettingSpec* spec = find_setting(key);
  if (!spec) return core::Message("settings.err.unknown");
  const auto v = checked(*spec, value);
  if (!v) return v.error();
  const std::string before = setting_value(store, *spec);
  if (before == v.value()) return core::ok();
  auto tx = store.begin();
  store.settings().set(tx, key, v.value());
  store.audit().append(tx, who.entry(now_unix, "setting.change", key, before + "->" + v.value()));
  tx.commit();
  return core::ok();
}

}  // namespace vsk::app
